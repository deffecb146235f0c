#include "promptlint/config.hpp"

#include "promptlint/mask.hpp"
#include "promptlint/text.hpp"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>
#include <pcre2.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <span>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

namespace promptlint {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using nlohmann::ordered_json;

// Longer terms are not names but text; a cap also keeps every match inside the confirm window.
constexpr std::size_t k_max_term_bytes = 256;

constexpr std::array<std::string_view, 11> k_top_keys{
    "packs",        "terms",          "rules",   "disable", "overrides", "fail_on",
    "min_severity", "min_confidence", "include", "exclude", "allowlist"};

// nlohmann keeps no positions, so the text is walked once more to note where each key and
// array element starts, by JSON pointer ("/terms/0/severity"): every error can name its line.
// The text has already parsed, so this walk can be simple; it still never loops or recurses
// without bound on anything.
class KeyIndex {
public:
    explicit KeyIndex(std::string_view text) : m_text(text) {
        if (m_text.starts_with("\xEF\xBB\xBF")) {
            m_pos = 3;
        }
        value("", 0);
    }

    // Offset of the key or element at `path`, else of its nearest recorded ancestor.
    std::size_t offset(std::string path) const {
        for (;;) {
            if (auto it = m_at.find(path); it != m_at.end()) {
                return it->second;
            }
            const std::size_t slash = path.rfind('/');
            if (slash == std::string::npos) {
                return std::string::npos;
            }
            path.resize(slash);
        }
    }

    int line(const std::string& path) const {
        const std::size_t at = offset(path);
        return at == std::string::npos ? 0 : line_column_of(m_text, at).first;
    }

private:
    bool at_end() const { return m_pos >= m_text.size(); }

    void skip_space() {
        while (!at_end()) {
            const char c = m_text[m_pos];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                ++m_pos;
            } else if (m_text.substr(m_pos).starts_with("//")) {
                const std::size_t nl = m_text.find('\n', m_pos);
                m_pos = nl == std::string_view::npos ? m_text.size() : nl + 1;
            } else if (m_text.substr(m_pos).starts_with("/*")) {
                const std::size_t end = m_text.find("*/", m_pos + 2);
                m_pos = end == std::string_view::npos ? m_text.size() : end + 2;
            } else {
                return;
            }
        }
    }

    // At a '"': the string's content, with \" and \\ unescaped (enough to name keys).
    std::string string() {
        std::string out;
        ++m_pos;
        while (!at_end()) {
            const char c = m_text[m_pos++];
            if (c == '"') {
                break;
            }
            if (c == '\\' && !at_end()) {
                out += m_text[m_pos++];
            } else {
                out += c;
            }
        }
        return out;
    }

    void value(const std::string& path, int depth) {
        skip_space();
        if (at_end() || depth > 64) {
            return;
        }
        const char open = m_text[m_pos];
        if (open == '{' || open == '[') {
            const char close = open == '{' ? '}' : ']';
            ++m_pos;
            for (std::size_t index = 0;;) {
                skip_space();
                if (at_end()) {
                    return;
                }
                const char c = m_text[m_pos];
                if (c == close) {
                    ++m_pos;
                    return;
                }
                if (c == ',') {
                    ++m_pos;
                    continue;
                }
                const std::size_t at = m_pos;
                std::string child;
                if (open == '{') {
                    if (c != '"') {
                        return; // not JSON; the parser has reported it already
                    }
                    child = path + "/" + string();
                    skip_space();
                    if (!at_end() && m_text[m_pos] == ':') {
                        ++m_pos;
                    }
                } else {
                    child = path + "/" + std::to_string(index++);
                }
                m_at.emplace(child, at);
                const std::size_t before = m_pos;
                value(child, depth + 1);
                if (m_pos == before && open == '[') {
                    ++m_pos; // never stall on something unexpected
                }
            }
        }
        if (open == '"') {
            string();
            return;
        }
        const std::size_t start = m_pos;
        while (!at_end() &&
               std::string_view(",}] \t\r\n/").find(m_text[m_pos]) == std::string_view::npos) {
            ++m_pos;
        }
        if (m_pos == start) {
            ++m_pos;
        }
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
    std::unordered_map<std::string, std::size_t> m_at;
};

// "/terms/0/severity" -> "terms[0].severity", as the messages name keys.
std::string readable(std::string_view path) {
    std::string out;
    std::size_t pos = 0;
    while (pos < path.size()) {
        std::size_t next = path.find('/', pos + 1);
        std::string_view part = path.substr(
            pos + 1, next == std::string_view::npos ? std::string_view::npos : next - pos - 1);
        const bool index = !part.empty() && std::all_of(part.begin(), part.end(), [](char c) {
            return c >= '0' && c <= '9';
        });
        if (index) {
            out += fmt::format("[{}]", part);
        } else {
            if (!out.empty()) {
                out += '.';
            }
            out += part;
        }
        pos = next == std::string_view::npos ? path.size() : next;
    }
    return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = up;
        }
    }
    return row[b.size()];
}

std::string trim(std::string_view s) {
    const std::size_t first = s.find_first_not_of(" \t\r\n\f\v");
    if (first == std::string_view::npos) {
        return {};
    }
    const std::size_t last = s.find_last_not_of(" \t\r\n\f\v");
    return std::string(s.substr(first, last - first + 1));
}

bool has_control(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7F;
    });
}

// Whether rule `id` is `target` or below it ("pii.network" covers "pii.network.ipv4").
bool covers(std::string_view target, std::string_view id) {
    return id == target ||
           (id.size() > target.size() && id.starts_with(target) && id[target.size()] == '.');
}

class Loader {
public:
    Loader(std::string_view text, fs::path base, std::string display)
        : m_text(text), m_base(std::move(base)), m_display(std::move(display)), m_index(text) {}

    Config run() {
        // Ordered, so that problems are met and settings listed in the file's order.
        ordered_json doc;
        try {
            doc = ordered_json::parse(m_text, nullptr, /*allow_exceptions=*/true,
                                      /*ignore_comments=*/true);
        } catch (const json::parse_error& e) {
            const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
            auto [line, column] = line_column_of(m_text, std::min(offset, m_text.size()));
            std::string reason = e.what();
            if (auto pos = reason.find("syntax error"); pos != std::string::npos) {
                reason = reason.substr(pos);
            }
            throw Error(fmt::format("{}:{}:{}: invalid JSON: {}", m_display, line, column, reason));
        }
        if (!doc.is_object()) {
            throw Error(fmt::format("{}:1: a configuration is a JSON object, e.g. {{\"terms\": "
                                    "[…], \"disable\": […]}} (see docs/config.md)",
                                    m_display));
        }
        Config config;
        config.display = m_display;
        for (const auto& [key, value] : doc.items()) {
            parse_key(key, value, doc, config);
        }
        config.own_files = m_term_files;
        return config;
    }

private:
    void parse_key(const std::string& key, const ordered_json& value, const ordered_json& doc,
                   Config& config) {
        const std::string path = "/" + key;
        if (key == "packs") {
            for (auto& [name, at] : strings(value, path)) {
                const fs::path p = (fs::path(name).is_absolute() ? fs::path(name) : m_base / name)
                                       .lexically_normal();
                std::error_code ec;
                if (!fs::exists(p, ec)) {
                    fail(at, fmt::format("no such rule pack: '{}'", p.string()));
                }
                config.packs.push_back({p.string(), where(at)});
            }
        } else if (key == "terms") {
            parse_terms(value, path, config);
        } else if (key == "rules") {
            if (!value.is_array()) {
                fail(path, "must be an array of rules in the rule-pack format (docs/rules.md)");
            }
            RuleSet custom;
            custom.add_rules_json(json::parse(value.dump()), m_text, m_display, "config",
                                  std::min(m_index.offset(path), m_text.size()));
            config.rules = custom.rules();
        } else if (key == "disable") {
            for (auto& [id, at] : strings(value, path)) {
                if (!valid_rule_id(id)) {
                    fail(at, fmt::format("'{}' is not a rule id or dotted prefix", id));
                }
                config.disable.push_back({id, where(at)});
            }
        } else if (key == "overrides") {
            parse_overrides(value, path, config);
        } else if (key == "fail_on" || key == "min_severity") {
            (key == "fail_on" ? config.fail_on : config.min_severity) =
                Setting<Severity>{severity_of(doc, "", key.c_str()), where(path)};
        } else if (key == "min_confidence") {
            config.min_confidence =
                Setting<Confidence>{confidence_of(doc, "", key.c_str()), where(path)};
        } else if (key == "include" || key == "exclude") {
            for (auto& [glob, at] : strings(value, path)) {
                (key == "include" ? config.include : config.exclude).push_back({glob, where(at)});
            }
        } else if (key == "allowlist") {
            parse_allowlist(value, path, config);
        } else {
            fail(path, unknown_key(key, k_top_keys));
        }
    }

    [[noreturn]] void fail(const std::string& path, std::string_view reason) const {
        const int line = m_index.line(path);
        const std::string at = line > 0 ? fmt::format("{}:{}", m_display, line) : m_display;
        throw Error(fmt::format("{}: key '{}': {}", at, readable(path), reason));
    }

    std::string where(const std::string& path) const {
        const int line = m_index.line(path);
        return line > 0 ? fmt::format("{}:{}", m_display, line) : m_display;
    }

    // "unknown key", with the nearest known key when the name looks like a typo of it.
    static std::string unknown_key(std::string_view key, std::span<const std::string_view> known) {
        std::string_view best;
        std::size_t best_distance = 3; // suggest only near misses
        for (std::string_view k : known) {
            if (const std::size_t d = edit_distance(key, k); d < best_distance) {
                best = k;
                best_distance = d;
            }
        }
        if (!best.empty()) {
            return fmt::format("unknown key (did you mean '{}'?)", best);
        }
        return fmt::format("unknown key; the keys here are {}", fmt::join(known, ", "));
    }

    void only_keys(const ordered_json& obj, const std::string& path,
                   std::initializer_list<std::string_view> known) const {
        for (const auto& [key, value] : obj.items()) {
            if (std::find(known.begin(), known.end(), key) == known.end()) {
                fail(path + "/" + key, unknown_key(key, std::span(known.begin(), known.size())));
            }
        }
    }

    // The non-empty strings of an array, each with its own path for messages.
    std::vector<std::pair<std::string, std::string>> strings(const ordered_json& v,
                                                             const std::string& path) const {
        if (!v.is_array()) {
            fail(path, "must be an array of strings");
        }
        std::vector<std::pair<std::string, std::string>> out;
        for (std::size_t i = 0; i < v.size(); ++i) {
            const std::string item = fmt::format("{}/{}", path, i);
            if (!v[i].is_string() || v[i].get_ref<const std::string&>().empty()) {
                fail(item, "must be a non-empty string");
            }
            out.emplace_back(v[i].get<std::string>(), item);
        }
        return out;
    }

    std::string required_string(const ordered_json& obj, const std::string& path,
                                const char* key) const {
        auto it = obj.find(key);
        if (it == obj.end()) {
            fail(path, fmt::format("missing key '{}'", key));
        }
        if (!it->is_string() || it->get_ref<const std::string&>().empty()) {
            fail(path + "/" + key, "must be a non-empty string");
        }
        return it->get<std::string>();
    }

    Severity severity_of(const ordered_json& obj, const std::string& path,
                         const char* key = "severity") const {
        const std::string given = required_string(obj, path, key);
        auto sev = parse_severity(given);
        if (!sev) {
            fail(path + "/" + key,
                 fmt::format("must be one of info, low, medium, high, critical, not '{}'", given));
        }
        return *sev;
    }

    Confidence confidence_of(const ordered_json& obj, const std::string& path,
                             const char* key = "confidence") const {
        const std::string given = required_string(obj, path, key);
        auto conf = parse_confidence(given);
        if (!conf) {
            fail(path + "/" + key,
                 fmt::format("must be one of low, medium, high, not '{}'", given));
        }
        return *conf;
    }

    // Checks one term and adds it unless it is already in the set. `file` and `line` say
    // where a term from a file came from (formatted only when it is bad: lists are long).
    void add_term(std::string_view raw, TermList& list, std::unordered_set<std::string>& seen,
                  const std::string& path, const fs::path* file = nullptr,
                  std::size_t line = 0) const {
        std::string word = trim(raw);
        auto bad = [&](std::string_view why) {
            fail(path,
                 file ? fmt::format("{}:{}: {}", file->string(), line, why) : std::string(why));
        };
        if (word.empty()) {
            bad("a term must not be empty");
        }
        if (has_control(word)) {
            bad("a term must be one line of printable text");
        }
        if (word.size() > k_max_term_bytes) {
            bad(fmt::format("a term is at most {} bytes", k_max_term_bytes));
        }
        if (!list.case_sensitive) {
            // Hyperscan folds case itself; one spelling keeps duplicates out and the key stable.
            for (char& c : word) {
                if (c >= 'A' && c <= 'Z') {
                    c = static_cast<char>(c - 'A' + 'a');
                }
            }
        }
        if (seen.insert(word).second) {
            list.words.push_back(std::move(word));
        }
    }

    void read_term_file(const std::string& name, const std::string& path, TermList& list,
                        std::unordered_set<std::string>& seen) {
        const fs::path file =
            (fs::path(name).is_absolute() ? fs::path(name) : m_base / name).lexically_normal();
        std::ifstream in(file, std::ios::binary);
        if (!in) {
            fail(path, fmt::format("cannot read term file '{}': {}", file.string(),
                                   std::strerror(errno)));
        }
        std::ostringstream buf;
        buf << in.rdbuf();
        const std::string text = std::move(buf).str();
        std::string_view rest = text;
        if (rest.starts_with("\xEF\xBB\xBF")) {
            rest.remove_prefix(3);
        }
        const auto lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
        list.words.reserve(list.words.size() + lines + 1);
        seen.reserve(seen.size() + lines + 1);
        for (std::size_t line = 1; !rest.empty(); ++line) {
            const std::size_t nl = rest.find('\n');
            std::string_view raw = rest.substr(0, nl);
            rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
            const std::size_t first = raw.find_first_not_of(" \t\r");
            if (first == std::string_view::npos || raw[first] == '#') {
                continue;
            }
            add_term(raw, list, seen, path, &file, line);
        }
        m_term_files.push_back(file);
    }

    void parse_terms(const ordered_json& v, const std::string& path, Config& config) {
        if (!v.is_array()) {
            fail(path, "must be an array of term sets: [{\"id\": …, \"words\": […], …}]");
        }
        for (std::size_t i = 0; i < v.size(); ++i) {
            const std::string p = fmt::format("{}/{}", path, i);
            const ordered_json& t = v[i];
            if (!t.is_object()) {
                fail(p, "a term set is an object: {\"id\": …, \"words\": […], \"files\": […], "
                        "\"category\": …, \"severity\": …}");
            }
            only_keys(t, p,
                      {"id", "name", "words", "files", "category", "severity", "confidence",
                       "case_sensitive"});
            Rule rule;
            rule.id = required_string(t, p, "id");
            if (!valid_rule_id(rule.id)) {
                fail(p + "/id", "rule ids are dotted lower-case words: [a-z0-9._-], e.g. "
                                "'org.codenames'");
            }
            const std::string category = required_string(t, p, "category");
            auto cat = parse_category(category);
            if (!cat) {
                fail(p + "/category",
                     fmt::format("must be one of credential, pii, confidential, not '{}'",
                                 category));
            }
            rule.category = *cat;
            rule.severity = severity_of(t, p);
            rule.confidence = t.contains("confidence") ? confidence_of(t, p) : Confidence::high;
            rule.name = t.contains("name") ? required_string(t, p, "name") : "Organisation term";
            auto list = std::make_shared<TermList>();
            if (auto it = t.find("case_sensitive"); it != t.end()) {
                if (!it->is_boolean()) {
                    fail(p + "/case_sensitive", "must be true or false");
                }
                list->case_sensitive = it->get<bool>();
            }
            if (!t.contains("words") && !t.contains("files")) {
                fail(p, "a term set needs 'words', 'files' or both");
            }
            std::unordered_set<std::string> seen;
            if (auto it = t.find("words"); it != t.end()) {
                if (!it->is_array()) {
                    fail(p + "/words", "must be an array of strings");
                }
                for (std::size_t j = 0; j < it->size(); ++j) {
                    const std::string wp = fmt::format("{}/words/{}", p, j);
                    if (!(*it)[j].is_string()) {
                        fail(wp, "must be a string");
                    }
                    add_term((*it)[j].get_ref<const std::string&>(), *list, seen, wp);
                }
            }
            if (auto it = t.find("files"); it != t.end()) {
                for (auto& [name, origin] : strings(*it, p + "/files")) {
                    read_term_file(name, origin, *list, seen);
                }
            }
            if (list->words.empty()) {
                fail(p, "the term set has no terms");
            }
            rule.description = fmt::format(
                "A term from the organisation's own list '{}' ({} term{}), matched as a whole "
                "word{}.",
                rule.id, list->words.size(), list->words.size() == 1 ? "" : "s",
                list->case_sensitive ? ", case-sensitively" : " in any case");
            rule.remediation =
                "Remove or replace the term before the text leaves the organisation. If it may "
                "be shared, add an allowlist entry (with a reason) to the configuration.";
            rule.terms = std::move(list);
            rule.pack = "config";
            rule.source = m_display;
            rule.line = m_index.line(p + "/id");
            config.terms.push_back(std::move(rule));
        }
    }

    void parse_overrides(const ordered_json& v, const std::string& path, Config& config) const {
        if (!v.is_object()) {
            fail(path, "must be an object: {\"RULE-ID or CATEGORY\": {\"severity\": …}}");
        }
        for (const auto& [target, body] : v.items()) {
            const std::string p = path + "/" + target;
            Override o;
            o.target = target;
            o.is_category = parse_category(target).has_value();
            if (!o.is_category && !valid_rule_id(target)) {
                fail(p, "not a category (credential, pii, confidential) nor a rule id");
            }
            if (!body.is_object()) {
                fail(p, "must be an object with 'severity' and/or 'confidence'");
            }
            only_keys(body, p, {"severity", "confidence"});
            if (body.contains("severity")) {
                o.severity = severity_of(body, p);
            }
            if (body.contains("confidence")) {
                o.confidence = confidence_of(body, p);
            }
            if (!o.severity && !o.confidence) {
                fail(p, "needs 'severity', 'confidence' or both");
            }
            o.origin = where(p);
            config.overrides.push_back(std::move(o));
        }
    }

    void parse_allowlist(const ordered_json& v, const std::string& path, Config& config) const {
        if (!v.is_array()) {
            fail(path, "must be an array of entries: [{\"regex\": …, \"reason\": …}]");
        }
        auto list = std::make_shared<Allowlist>();
        for (std::size_t i = 0; i < v.size(); ++i) {
            const std::string p = fmt::format("{}/{}", path, i);
            const ordered_json& e = v[i];
            if (!e.is_object()) {
                fail(p, "an entry is an object with one of 'regex', 'value', 'fingerprint'");
            }
            only_keys(e, p, {"regex", "value", "fingerprint", "reason", "rules"});
            AllowEntry entry;
            int kinds = 0;
            for (auto [key, kind] : {std::pair{"regex", AllowEntry::Kind::regex},
                                     std::pair{"value", AllowEntry::Kind::value},
                                     std::pair{"fingerprint", AllowEntry::Kind::fingerprint}}) {
                if (e.contains(key)) {
                    ++kinds;
                    entry.kind = kind;
                    entry.text = required_string(e, p, key);
                }
            }
            if (kinds != 1) {
                fail(p, "an entry has exactly one of 'regex', 'value', 'fingerprint'");
            }
            if (entry.kind == AllowEntry::Kind::fingerprint && !entry.text.starts_with("v1:")) {
                fail(p + "/fingerprint", "a fingerprint looks like 'v1:' and 32 hex digits (from "
                                         "a JSON report or a baseline)");
            }
            if (e.contains("reason")) {
                entry.reason = required_string(e, p, "reason");
            }
            if (auto it = e.find("rules"); it != e.end()) {
                for (auto& [id, origin] : strings(*it, p + "/rules")) {
                    if (!valid_rule_id(id)) {
                        fail(origin, fmt::format("'{}' is not a rule id or dotted prefix", id));
                    }
                    entry.rules.push_back(id);
                }
            }
            entry.origin = where(p);
            const AllowEntry::Kind kind = entry.kind;
            try {
                list->add(std::move(entry));
            } catch (const Error& err) {
                fail(p + (kind == AllowEntry::Kind::regex ? "/regex" : ""), err.what());
            }
        }
        config.allowlist = std::move(list);
    }

    std::string_view m_text;
    fs::path m_base;
    std::string m_display;
    KeyIndex m_index;
    std::vector<fs::path> m_term_files; // read so far, for Config::own_files
};

std::string read_config_file(const fs::path& file) {
    std::error_code ec;
    if (fs::is_directory(file, ec)) {
        throw Error(fmt::format("{}: is a folder, not a configuration file", file.string()));
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw Error(fmt::format("{}: cannot read the configuration: {}", file.string(),
                                std::strerror(errno)));
    }
    std::ostringstream buf;
    buf << in.rdbuf();
    return std::move(buf).str();
}

struct CodeDeleter {
    void operator()(pcre2_code* c) const noexcept { pcre2_code_free(c); }
};
struct MatchDataDeleter {
    void operator()(pcre2_match_data* m) const noexcept { pcre2_match_data_free(m); }
};
using CodePtr = std::unique_ptr<pcre2_code, CodeDeleter>;
using MatchDataPtr = std::unique_ptr<pcre2_match_data, MatchDataDeleter>;

} // namespace

struct Allowlist::Impl {
    std::vector<AllowEntry> entries;
    std::vector<CodePtr> codes; // per entry; null for value and fingerprint entries
};

Allowlist::Allowlist() : m_impl(std::make_unique<Impl>()) {}
Allowlist::Allowlist(Allowlist&&) noexcept = default;
Allowlist& Allowlist::operator=(Allowlist&&) noexcept = default;
Allowlist::~Allowlist() = default;

void Allowlist::add(AllowEntry entry) {
    CodePtr code;
    if (entry.kind == AllowEntry::Kind::regex) {
        int error = 0;
        PCRE2_SIZE offset = 0;
        code.reset(pcre2_compile(reinterpret_cast<PCRE2_SPTR>(entry.text.data()), entry.text.size(),
                                 0, &error, &offset, nullptr));
        if (!code) {
            std::array<PCRE2_UCHAR, 256> message{};
            pcre2_get_error_message(error, message.data(), message.size());
            throw Error(fmt::format("PCRE2 rejects the pattern at offset {}: {}", offset,
                                    reinterpret_cast<const char*>(message.data())));
        }
        pcre2_jit_compile(code.get(), PCRE2_JIT_COMPLETE); // the interpreter is the fallback
    }
    m_impl->entries.push_back(std::move(entry));
    m_impl->codes.push_back(std::move(code));
}

std::optional<std::string> Allowlist::match(std::string_view rule_id, std::string_view value,
                                            std::string_view fingerprint) const {
    for (std::size_t i = 0; i < m_impl->entries.size(); ++i) {
        const AllowEntry& e = m_impl->entries[i];
        if (!e.rules.empty() && std::none_of(e.rules.begin(), e.rules.end(),
                                             [&](const auto& r) { return covers(r, rule_id); })) {
            continue;
        }
        bool hit = false;
        std::string label;
        switch (e.kind) {
        case AllowEntry::Kind::value:
            hit = value == e.text;
            label = mask_value(e.text); // the value itself is what must not be printed
            break;
        case AllowEntry::Kind::fingerprint:
            hit = fingerprint == e.text;
            label = e.text;
            break;
        case AllowEntry::Kind::regex: {
            // Match data per call: the scanning threads share the compiled pattern.
            MatchDataPtr data(
                pcre2_match_data_create_from_pattern(m_impl->codes[i].get(), nullptr));
            hit = pcre2_match(m_impl->codes[i].get(), reinterpret_cast<PCRE2_SPTR>(value.data()),
                              value.size(), 0, 0, data.get(), nullptr) >= 0;
            label = e.text;
            break;
        }
        }
        if (hit) {
            return "allowlist: " + (e.reason.empty() ? label : e.reason);
        }
    }
    return std::nullopt;
}

const std::vector<AllowEntry>& Allowlist::entries() const noexcept {
    return m_impl->entries;
}

std::optional<std::pair<fs::path, std::string>> find_config(const fs::path& start) {
    std::error_code ec;
    fs::path dir = fs::absolute(start, ec);
    if (ec) {
        return std::nullopt;
    }
    std::string up;
    for (;;) {
        const fs::path candidate = dir / k_config_name;
        if (fs::is_regular_file(candidate, ec)) {
            const std::string shown = up + std::string(k_config_name);
            return std::pair{start / shown, shown};
        }
        const fs::path parent = dir.parent_path();
        if (fs::exists(dir / ".git", ec) || parent == dir || dir.empty()) {
            return std::nullopt;
        }
        dir = parent;
        up += "../";
    }
}

Config parse_config(std::string_view text, const fs::path& base, const std::string& display) {
    return Loader(text, base, display).run();
}

Config load_config(const fs::path& file, const std::string& display) {
    const std::string text = read_config_file(file);
    Config config = parse_config(text, fs::path(display).parent_path(), display);
    config.file = file;
    config.own_files.push_back(file);
    return config;
}

std::vector<std::string> apply_config(const Config& config, RuleSet& rules) {
    std::vector<std::string> warnings;
    for (const auto& pack : config.packs) {
        rules.add_path(pack.value);
    }
    for (const Rule& rule : config.rules) {
        rules.add_rule(rule);
    }
    for (const Rule& set : config.terms) {
        rules.add_rule(set);
    }
    const std::size_t before = rules.rules().size();
    for (const auto& d : config.disable) {
        if (rules.remove_if([&](const Rule& r) { return covers(d.value, r.id); }) == 0 &&
            std::none_of(config.disable.begin(), config.disable.end(), [&](const auto& other) {
                return &other != &d && covers(other.value, d.value);
            })) {
            warnings.push_back(
                fmt::format("{}: disable '{}' matches no loaded rule", d.origin, d.value));
        }
    }
    if (rules.rules().empty() && before > 0) {
        throw Error(fmt::format("{}: key 'disable': leaves no rule enabled",
                                config.disable.front().origin));
    }
    // Categories first, then ids from the broadest prefix to the exact id: the most specific
    // setting wins, whatever the order in the file.
    std::vector<const Override*> order;
    for (const Override& o : config.overrides) {
        order.push_back(&o);
    }
    std::stable_sort(order.begin(), order.end(), [](const Override* a, const Override* b) {
        if (a->is_category != b->is_category) {
            return a->is_category;
        }
        return a->target.size() < b->target.size();
    });
    for (const Override* o : order) {
        std::size_t matched = 0;
        for (Rule& r : rules.mutable_rules()) {
            const bool applies =
                o->is_category ? to_string(r.category) == o->target : covers(o->target, r.id);
            if (applies) {
                ++matched;
                r.severity = o->severity.value_or(r.severity);
                r.confidence = o->confidence.value_or(r.confidence);
            }
        }
        if (matched == 0) {
            warnings.push_back(
                fmt::format("{}: override '{}' matches no loaded rule", o->origin, o->target));
        }
    }
    return warnings;
}

PathFilter::PathFilter(const Config& config) {
    if (config.file.empty()) {
        return;
    }
    m_active = true;
    m_globs = !config.include.empty() || !config.exclude.empty();
    std::error_code ec;
    m_cwd = fs::current_path(ec);
    m_base = fs::absolute(config.file, ec).parent_path().lexically_normal();
    for (const fs::path& own : config.own_files) {
        m_own.push_back((own.is_absolute() ? own : m_cwd / own).lexically_normal());
    }
    std::string include;
    std::string exclude;
    for (const auto& g : config.include) {
        include += g.value + "\n";
    }
    for (const auto& g : config.exclude) {
        exclude += g.value + "\n";
    }
    m_include.add_file(include, "");
    m_exclude.add_file(exclude, "");
}

bool PathFilter::excluded(const fs::path& path, bool is_dir) const {
    if (!m_active) {
        return false;
    }
    const fs::path absolute = (path.is_absolute() ? path : m_cwd / path).lexically_normal();
    if (!is_dir && std::find(m_own.begin(), m_own.end(), absolute) != m_own.end()) {
        return true;
    }
    if (!m_globs) {
        return false;
    }
    const fs::path rel = absolute.lexically_relative(m_base);
    const std::string text = rel.generic_string();
    if (rel.empty() || text == "." || text.starts_with("../") || text == "..") {
        return false;
    }
    // A folder excluded (or included) covers what is inside it, as in .gitignore; a path is
    // checked with its folders so that git's file lists are judged like a walk.
    bool included = m_include.size() == 0;
    for (std::size_t from = 0;;) {
        const std::size_t slash = text.find('/', from);
        const bool last = slash == std::string::npos;
        const std::string_view part = std::string_view(text).substr(0, slash);
        const bool dir = !last || is_dir;
        if (m_exclude.ignored(part, dir)) {
            return true;
        }
        included = included || m_include.ignored(part, dir);
        if (last) {
            break;
        }
        from = slash + 1;
    }
    // A folder that no include names may still hold files that one does.
    return !included && !is_dir;
}

std::string_view starter_config() noexcept {
    return R"(// promptlint configuration (every key: docs/config.md in the promptlint sources).
// JSON with comments. It adds to the built-in rules; it never silently replaces them.
// Paths are relative to this file. `promptlint config` shows what is in force.
{
  // Extra rule packs (files or folders of *.json, the built-in packs' format).
  "packs": [],

  // Your organisation's own terms: code names, unreleased products, customers, internal ids.
  // Matched as whole words, case-insensitively unless "case_sensitive": true; one term per
  // line in the files ('#' starts a comment). Each set is one rule id in reports.
  "terms": [
    // {"id": "org.codenames", "words": ["Bluefalcon"], "files": ["codenames.txt"],
    //  "category": "confidential", "severity": "high"}
  ],

  // Custom regex rules, in the rule-pack format (docs/rules.md), examples included.
  "rules": [],

  // Rule ids, or dotted prefixes, to turn off (e.g. "pii.network").
  "disable": [],

  // Severity and/or confidence per rule id, prefix or category.
  "overrides": {
    // "confidential": {"severity": "high"},
    // "pii.email": {"severity": "low"}
  },

  // Defaults for --fail-on, --min-severity and --min-confidence (the command line wins).
  // "fail_on": "medium",
  // "min_severity": "low",
  // "min_confidence": "low",

  // Folder walks: only these paths (empty: everything), and never these (.gitignore syntax).
  "include": [],
  "exclude": [],

  // Accepted values: findings they match are suppressed with the reason, counted, and listed
  // with --show-suppressed. One of "regex" (over the value), "value", "fingerprint"; "rules"
  // limits an entry to some rule ids or prefixes.
  "allowlist": [
    // {"regex": "^AKIA[A-Z0-9]{9}EXAMPLE$", "reason": "AWS documentation keys"}
  ]
}
)";
}

} // namespace promptlint

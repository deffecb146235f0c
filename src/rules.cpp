#include "promptlint/rules.hpp"

#include "promptlint/rule_image.hpp"
#include "promptlint/text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <exception>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

namespace promptlint {
namespace {

using nlohmann::json;

constexpr std::size_t k_max_context_window = 1024;
// Below this many bytes of built-in packs, a helper thread costs more than it saves.
constexpr std::size_t k_parallel_load_bytes = 64 * 1024;

// Where a problem sits in a pack, so each message can start "file:line: rule 'id': ".
struct Place {
    const std::string& source;
    std::string_view text;
    std::string rule_id;
    int line = 0;

    [[noreturn]] void fail(std::string_view reason) const {
        std::string where = line > 0 ? fmt::format("{}:{}", source, line) : source;
        if (rule_id.empty()) {
            throw Error(fmt::format("{}: {}", where, reason));
        }
        throw Error(fmt::format("{}: rule '{}': {}", where, rule_id, reason));
    }
};

// nlohmann does not keep positions of values, so a rule is located by the first occurrence of
// its quoted id after the previous rule's: exact for packs written one rule per object.
// Finds rule ids in order, counting lines incrementally: one pass over the pack in all.
struct IdLocator {
    std::string_view text;
    std::size_t pos = 0;
    int line = 1;

    int line_of(std::string_view id) {
        const std::string quoted = fmt::format("\"{}\"", id);
        const std::size_t found = text.find(quoted, pos);
        if (found == std::string_view::npos) {
            return 0;
        }
        line +=
            static_cast<int>(std::count(text.begin() + static_cast<std::ptrdiff_t>(pos),
                                        text.begin() + static_cast<std::ptrdiff_t>(found), '\n'));
        pos = found;
        return line;
    }
};

const json& require_field(const json& obj, const char* key, const Place& at) {
    auto it = obj.find(key);
    if (it == obj.end()) {
        at.fail(fmt::format("missing field '{}'", key));
    }
    return *it;
}

std::string require_string(const json& obj, const char* key, const Place& at) {
    const json& v = require_field(obj, key, at);
    if (!v.is_string() || v.get_ref<const std::string&>().empty()) {
        at.fail(fmt::format("field '{}' must be a non-empty string", key));
    }
    return v.get<std::string>();
}

std::string optional_string(const json& obj, const char* key, const Place& at) {
    auto it = obj.find(key);
    if (it == obj.end()) {
        return {};
    }
    if (!it->is_string()) {
        at.fail(fmt::format("field '{}' must be a string", key));
    }
    return it->get<std::string>();
}

std::vector<std::string> string_list(const json& v, const char* key, const Place& at) {
    if (!v.is_array()) {
        at.fail(fmt::format("field '{}' must be an array of strings", key));
    }
    std::vector<std::string> out;
    for (const json& item : v) {
        if (!item.is_string()) {
            at.fail(fmt::format("field '{}' must be an array of strings", key));
        }
        out.push_back(item.get<std::string>());
    }
    return out;
}

void reject_unknown_fields(const json& obj, std::initializer_list<std::string_view> known,
                           std::string_view what, const Place& at) {
    for (const auto& [key, value] : obj.items()) {
        if (std::find(known.begin(), known.end(), key) == known.end()) {
            at.fail(fmt::format("unknown field '{}' in {}", key, what));
        }
    }
}

std::vector<std::string> context_words(const json& v, const char* field, const Place& at) {
    std::vector<std::string> words;
    for (std::string& word : string_list(require_field(v, "words", at), field, at)) {
        std::string lowered = ascii_lower(word);
        if (lowered.find_first_not_of(" \t") == std::string::npos) {
            at.fail(fmt::format("{} must not be empty", field));
        }
        words.push_back(std::move(lowered));
    }
    if (words.empty()) {
        at.fail(fmt::format("{} needs at least one word", field));
    }
    return words;
}

std::size_t context_window(const json& v, const char* field, std::size_t fallback,
                           const Place& at) {
    auto it = v.find("window");
    if (it == v.end()) {
        return fallback;
    }
    if (!it->is_number_unsigned() || it->get<std::size_t>() == 0 ||
        it->get<std::size_t>() > k_max_context_window) {
        at.fail(fmt::format("{} must be a whole number from 1 to {}", field, k_max_context_window));
    }
    return it->get<std::size_t>();
}

ExclusionSpec parse_exclusion(const json& v, const Place& at) {
    if (!v.is_object()) {
        at.fail("field 'exclude_context' must be an object");
    }
    reject_unknown_fields(v, {"words", "window", "effect"}, "exclude_context", at);
    ExclusionSpec spec;
    spec.words = context_words(v, "exclude_context.words", at);
    spec.window = context_window(v, "exclude_context.window", spec.window, at);
    std::string effect = require_string(v, "effect", at);
    if (effect == "drop") {
        spec.effect = ExclusionSpec::Effect::drop;
    } else if (effect == "lower") {
        spec.effect = ExclusionSpec::Effect::lower;
    } else {
        at.fail(fmt::format("exclude_context.effect must be 'drop' or 'lower', not '{}'", effect));
    }
    return spec;
}

ContextSpec parse_context(const json& v, const Place& at) {
    if (!v.is_object()) {
        at.fail("field 'context' must be an object");
    }
    reject_unknown_fields(v, {"words", "window", "effect"}, "context", at);
    ContextSpec spec;
    spec.words = context_words(v, "context.words", at);
    spec.window = context_window(v, "context.window", spec.window, at);
    std::string effect = require_string(v, "effect", at);
    if (effect == "require") {
        spec.effect = ContextSpec::Effect::require;
    } else if (effect == "boost") {
        spec.effect = ContextSpec::Effect::boost;
    } else {
        at.fail(fmt::format("context.effect must be 'require' or 'boost', not '{}'", effect));
    }
    return spec;
}

std::vector<Example> parse_examples(const json& v, const Place& at) {
    if (!v.is_array()) {
        at.fail("field 'examples' must be an array");
    }
    std::vector<Example> out;
    for (const json& item : v) {
        if (item.is_string()) {
            out.push_back({item.get<std::string>(), std::nullopt});
        } else if (item.is_object()) {
            reject_unknown_fields(item, {"text", "secret"}, "example", at);
            Example ex{require_string(item, "text", at), std::nullopt};
            if (item.contains("secret")) {
                ex.secret = require_string(item, "secret", at);
            }
            out.push_back(std::move(ex));
        } else {
            at.fail("each example must be a string or {\"text\": …, \"secret\": …}");
        }
    }
    return out;
}

Rule parse_rule(const json& r, const std::string& pack, Place at) {
    if (!r.is_object()) {
        at.fail("each rule must be an object");
    }
    reject_unknown_fields(r,
                          {"id", "name", "category", "severity", "confidence", "pattern",
                           "secret_group", "validators", "context", "exclude_context",
                           "description", "remediation", "references", "examples",
                           "negative_examples"},
                          "rule", at);
    Rule rule;
    rule.id = at.rule_id;
    rule.pack = pack;
    rule.source = at.source;
    rule.line = at.line;
    if (!valid_rule_id(rule.id)) {
        at.fail("rule ids are dotted lower-case words: [a-z0-9._-], e.g. 'credentials.aws.key'");
    }
    rule.name = require_string(r, "name", at);
    std::string category = require_string(r, "category", at);
    std::string severity = require_string(r, "severity", at);
    std::string confidence = require_string(r, "confidence", at);
    auto cat = parse_category(category);
    auto sev = parse_severity(severity);
    auto conf = parse_confidence(confidence);
    if (!cat) {
        at.fail(
            fmt::format("category must be credential, pii or confidential, not '{}'", category));
    }
    if (!sev) {
        at.fail(fmt::format("severity must be info, low, medium, high or critical, not '{}'",
                            severity));
    }
    if (!conf) {
        at.fail(fmt::format("confidence must be low, medium or high, not '{}'", confidence));
    }
    rule.category = *cat;
    rule.severity = *sev;
    rule.confidence = *conf;
    rule.pattern = require_string(r, "pattern", at);
    if (auto it = r.find("secret_group"); it != r.end()) {
        if (!it->is_number_unsigned() || it->get<unsigned long>() > 99) {
            at.fail("secret_group must be a capture group number (0 = the whole match)");
        }
        rule.secret_group = it->get<unsigned>();
    }
    if (auto it = r.find("validators"); it != r.end()) {
        if (!it->is_array()) {
            at.fail("field 'validators' must be an array");
        }
        for (const json& spec : *it) {
            try {
                rule.validators.push_back(validators::Validator::from_json(spec));
            } catch (const std::invalid_argument& e) {
                at.fail(e.what());
            }
        }
    }
    if (auto it = r.find("context"); it != r.end()) {
        rule.context = parse_context(*it, at);
    }
    if (auto it = r.find("exclude_context"); it != r.end()) {
        rule.exclude_context = parse_exclusion(*it, at);
    }
    rule.description = require_string(r, "description", at);
    rule.remediation = optional_string(r, "remediation", at);
    if (auto it = r.find("references"); it != r.end()) {
        rule.references = string_list(*it, "references", at);
    }
    rule.examples = parse_examples(require_field(r, "examples", at), at);
    rule.negative_examples =
        string_list(require_field(r, "negative_examples", at), "negative_examples", at);
    if (rule.examples.size() < 2 || rule.negative_examples.size() < 2) {
        at.fail("every rule needs at least 2 examples and 2 negative_examples");
    }
    return rule;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(fmt::format("{}: cannot read rule pack", path.string()));
    }
    std::ostringstream buf;
    buf << in.rdbuf();
    if (in.bad()) {
        throw Error(fmt::format("{}: cannot read rule pack", path.string()));
    }
    return std::move(buf).str();
}

} // namespace

bool valid_rule_id(std::string_view id) noexcept {
    if (id.empty() || id.front() == '.' || id.back() == '.') {
        return false;
    }
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
    });
}

void RuleSet::add_pack_text(std::string_view text, const std::string& source) {
    json doc;
    try {
        doc = json::parse(text, nullptr, /*allow_exceptions=*/true, /*ignore_comments=*/true);
    } catch (const json::parse_error& e) {
        // e.byte is 1-based and points just past the offending character.
        std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
        auto [line, column] = line_column_of(text, std::min(offset, text.size()));
        std::string reason = e.what();
        if (auto pos = reason.find("syntax error"); pos != std::string::npos) {
            reason = reason.substr(pos);
        }
        throw Error(fmt::format("{}:{}:{}: invalid JSON: {}", source, line, column, reason));
    }
    Place top{source, text, {}, 0};
    if (!doc.is_object()) {
        top.fail("a rule pack is a JSON object with 'pack', 'version' and 'rules'");
    }
    reject_unknown_fields(doc, {"pack", "version", "rules", "description"}, "pack", top);
    std::string pack = require_string(doc, "pack", top);
    const json& version = require_field(doc, "version", top);
    if (!version.is_number_unsigned() || version.get<unsigned>() != 1) {
        top.fail("unsupported pack version (this promptlint reads version 1)");
    }
    add_rules_json(require_field(doc, "rules", top), text, source, pack);
}

void RuleSet::add_rules_json(const json& rules, std::string_view text, const std::string& source,
                             const std::string& pack, std::size_t search_from) {
    Place top{source, text, {}, 0};
    if (!rules.is_array()) {
        top.fail("field 'rules' must be an array");
    }
    std::vector<Rule> loaded;
    std::set<std::string> seen;
    // Rules inside a larger document (a configuration) are searched for from where they start.
    search_from = std::min(search_from, text.size());
    IdLocator locate{text, search_from, line_column_of(text, search_from).first};
    for (std::size_t i = 0; i < rules.size(); ++i) {
        const json& r = rules[i];
        Place at{source, text, {}, 0};
        auto id = r.is_object() ? r.find("id") : r.end();
        if (!r.is_object() || id == r.end() || !id->is_string()) {
            at.fail(fmt::format("rule #{} has no string 'id'", i + 1));
        }
        at.rule_id = id->get<std::string>();
        at.line = locate.line_of(at.rule_id);
        if (m_by_id.contains(at.rule_id) || !seen.insert(at.rule_id).second) {
            const Rule* first = find(at.rule_id);
            at.fail(first ? fmt::format("duplicate rule id (first defined in {}:{})", first->source,
                                        first->line)
                          : std::string("duplicate rule id in this pack"));
        }
        loaded.push_back(parse_rule(r, pack, at));
    }
    for (Rule& rule : loaded) {
        m_by_id.emplace(rule.id, m_rules.size());
        m_rules.push_back(std::move(rule));
    }
}

void RuleSet::add_rule(Rule rule) {
    Place at{rule.source, {}, rule.id, rule.line};
    if (!valid_rule_id(rule.id)) {
        at.fail("rule ids are dotted lower-case words: [a-z0-9._-], e.g. 'org.codenames'");
    }
    if (const Rule* first = find(rule.id)) {
        at.fail(
            fmt::format("duplicate rule id (first defined in {}:{})", first->source, first->line));
    }
    m_by_id.emplace(rule.id, m_rules.size());
    m_rules.push_back(std::move(rule));
}

std::size_t RuleSet::remove_if(const std::function<bool(const Rule&)>& drop) {
    const std::size_t removed = std::erase_if(m_rules, drop);
    if (removed > 0) {
        m_by_id.clear();
        for (std::size_t i = 0; i < m_rules.size(); ++i) {
            m_by_id.emplace(m_rules[i].id, i);
        }
    }
    return removed;
}

namespace detail {
// Replaced by the build's generated source when the binary embeds a rule image.
[[gnu::weak]] std::string_view prebuilt_rule_image() {
    return {};
}
} // namespace detail

void RuleSet::add_builtin() {
    // The image holds these very packs, parsed when the binary was built.
    if (auto image = read_rule_image(detail::prebuilt_rule_image())) {
        m_rules.reserve(m_rules.size() + image->size());
        for (Rule& rule : *image) {
            add_rule(std::move(rule));
        }
        return;
    }
    const std::span<const EmbeddedPack> packs = builtin_packs();
    // Parsing ~800 KB of JSON into ~500 rules is most of a warm start's CPU time. With a second
    // core, a helper thread loads the packs after the one where half the bytes are reached into
    // a set of its own, which is then appended: the result, and the first error, are the same
    // as loading them one after another.
    std::size_t total = 0;
    for (const EmbeddedPack& pack : packs) {
        total += pack.text.size();
    }
    std::size_t split = packs.size();
    if (std::thread::hardware_concurrency() > 1 && total > k_parallel_load_bytes) {
        std::size_t bytes = 0;
        for (split = 0; split < packs.size() && bytes < total / 2; ++split) {
            bytes += packs[split].text.size();
        }
    }
    RuleSet tail;
    std::exception_ptr tail_error;
    {
        std::jthread helper;
        if (split < packs.size()) {
            helper = std::jthread([&] {
                try {
                    for (const EmbeddedPack& pack : packs.subspan(split)) {
                        tail.add_pack_text(pack.text, fmt::format("builtin:{}", pack.name));
                    }
                } catch (...) {
                    tail_error = std::current_exception();
                }
            });
        }
        for (const EmbeddedPack& pack : packs.first(split)) {
            add_pack_text(pack.text, fmt::format("builtin:{}", pack.name));
        }
    } // joins the helper
    if (tail_error) {
        std::rethrow_exception(tail_error);
    }
    m_rules.reserve(m_rules.size() + tail.m_rules.size());
    for (Rule& rule : tail.m_rules) {
        add_rule(std::move(rule)); // checks ids against the first half
    }
}

void RuleSet::add_path(const std::filesystem::path& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        std::vector<std::filesystem::path> packs;
        for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
            if (entry.path().extension() == ".json") {
                packs.push_back(entry.path());
            }
        }
        if (ec) {
            throw Error(fmt::format("{}: cannot list rule packs: {}", path.string(), ec.message()));
        }
        std::sort(packs.begin(), packs.end());
        if (packs.empty()) {
            throw Error(fmt::format("{}: no *.json rule packs in this folder", path.string()));
        }
        for (const auto& p : packs) {
            add_pack_text(read_file(p), p.string());
        }
        return;
    }
    add_pack_text(read_file(path), path.string());
}

const Rule* RuleSet::find(std::string_view id) const {
    auto it = m_by_id.find(std::string(id));
    return it == m_by_id.end() ? nullptr : &m_rules[it->second];
}

} // namespace promptlint

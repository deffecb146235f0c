#include "promptlint/engine.hpp"

#include "promptlint/cache.hpp"
#include "promptlint/digest.hpp"
#include "promptlint/gate.hpp"

#include <fmt/format.h>
#include <hs.h>

#include <cstdlib>
#include <cstring>
#include <future>
#include <limits>

namespace promptlint {
namespace {

// Bump when the cache payload layout or the compile flags change.
constexpr std::string_view k_cache_format = "promptlint-db-v3";
constexpr unsigned k_hs_flags = HS_FLAG_MULTILINE;

// Digit gating (gate.hpp): a rule whose every match holds this many consecutive digits and is
// at most k_gate_max_width bytes long goes into the gated database. Runs of 2 keep out most
// prose and code while admitting nearly every number rule. The width cap sets the margin
// scanned around each run; wider number rules are nearly all label-first, and Hyperscan
// anchors those on the label anyway (on mixed.txt a cap of 64 beat 48, 96, 128 and 192).
constexpr std::size_t k_gate_run = 2;
constexpr std::size_t k_gate_max_width = 64;

struct HsDatabaseDeleter {
    void operator()(hs_database_t* db) const noexcept { hs_free_database(db); }
};
struct HsScratchDeleter {
    void operator()(hs_scratch_t* s) const noexcept { hs_free_scratch(s); }
};
using HsDatabasePtr = std::unique_ptr<hs_database_t, HsDatabaseDeleter>;
using HsScratchPtr = std::unique_ptr<hs_scratch_t, HsScratchDeleter>;

std::string cache_key(const std::vector<Rule>& rules, Database::Layout layout) {
    hs_platform_info_t platform{};
    hs_populate_platform(&platform);
    std::string material(k_cache_format);
    material += '\0';
    material += layout == Database::Layout::single ? "single" : "digit-gated";
    material += '\0';
    material += hs_version();
    material += '\0';
    material += std::to_string(platform.tune);
    material += '\0';
    material += std::to_string(platform.cpu_features);
    material += '\0';
    for (const Rule& rule : rules) {
        material += rule.id;
        material += '\0';
        material += rule.pattern;
        material += '\0';
        if (rule.terms) {
            material += rule.terms->case_sensitive ? "terms:case\0" : "terms:nocase\0";
            for (const std::string& word : rule.terms->words) {
                material += word;
                material += '\0';
            }
        }
    }
    return "db-" + digest_hex(material);
}

[[noreturn]] void reject(const Rule& rule, std::string_view why) {
    throw Error(fmt::format("{}:{}: rule '{}': Hyperscan rejects the pattern: {}", rule.source,
                            rule.line, rule.id, why));
}

// A term as a Hyperscan expression that matches exactly its bytes: everything but letters and
// digits is hex-escaped, so no term can be read as regex syntax.
std::string literal_expression(std::string_view word) {
    std::string out;
    out.reserve(word.size() * 2);
    for (char c : word) {
        const auto u = static_cast<unsigned char>(c);
        if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9')) {
            out += c;
        } else {
            constexpr std::string_view k_hex = "0123456789abcdef";
            out += "\\x";
            out += k_hex[u >> 4U];
            out += k_hex[u & 0xFU];
        }
    }
    return out;
}

std::vector<TermRef> term_refs(const std::vector<Rule>& rules) {
    std::vector<TermRef> refs;
    for (std::size_t i = 0; i < rules.size(); ++i) {
        if (rules[i].terms) {
            for (const std::string& word : rules[i].terms->words) {
                refs.push_back(
                    {static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(word.size())});
            }
        }
    }
    return refs;
}

std::size_t width_of(const Rule& rule) {
    if (rule.terms) {
        std::size_t width = 0;
        for (const std::string& word : rule.terms->words) {
            width = std::max(width, word.size());
        }
        return std::min(width, k_max_span);
    }
    hs_expr_info_t* info = nullptr;
    hs_compile_error_t* err = nullptr;
    if (hs_expression_info(rule.pattern.c_str(), k_hs_flags, &info, &err) != HS_SUCCESS) {
        std::string why = err ? err->message : "unknown error";
        hs_free_compile_error(err);
        reject(rule, why);
    }
    std::size_t width = info->max_width;
    std::free(info); // allocated by Hyperscan's default allocator (malloc)
    return std::min(width, k_max_span);
}

// How far past a digit run the gated database is scanned: one byte more than its widest match,
// so that no match touches a region's edge (gate.hpp).
std::uint32_t gate_margin_of(const std::vector<std::uint32_t>& widths,
                             const std::vector<bool>& gated) {
    std::uint32_t margin = 0;
    for (std::size_t i = 0; i < widths.size(); ++i) {
        if (gated[i]) {
            margin = std::max(margin, widths[i] + 1);
        }
    }
    return margin;
}

} // namespace

struct Database::Impl {
    HsDatabasePtr db;       // every rule that is not gated, and the terms
    HsDatabasePtr gated_db; // rules scanned only around digit runs (none: null)
    std::vector<std::uint32_t> widths;
    std::vector<bool> gated;
    std::vector<TermRef> terms; // indexed by hit id - rule count
    bool from_cache = false;
    bool prebuilt = false;
};

std::filesystem::path default_cache_dir() {
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/') {
        return std::filesystem::path(xdg) / "promptlint";
    }
    if (const char* home = std::getenv("HOME"); home && *home) {
        return std::filesystem::path(home) / ".cache" / "promptlint";
    }
    return {};
}

std::string hyperscan_version() {
    std::string v = hs_version();
    return v.substr(0, v.find(' '));
}

Database::Database(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;
Database::~Database() = default;

std::size_t Database::rule_count() const noexcept {
    return m_impl->widths.size();
}
std::size_t Database::max_width(std::size_t rule) const noexcept {
    return m_impl->widths[rule];
}
bool Database::loaded_from_cache() const noexcept {
    return m_impl->from_cache;
}
bool Database::gated(std::size_t rule) const noexcept {
    return rule < m_impl->gated.size() && m_impl->gated[rule];
}
bool Database::prebuilt() const noexcept {
    return m_impl->prebuilt;
}
const TermRef* Database::term(std::uint32_t id) const noexcept {
    const std::size_t n = m_impl->widths.size();
    return id >= n && id - n < m_impl->terms.size() ? &m_impl->terms[id - n] : nullptr;
}

namespace {

std::string serialize(const hs_database_t* db) {
    if (db == nullptr) {
        return {};
    }
    char* bytes = nullptr;
    std::size_t length = 0;
    if (hs_serialize_database(db, &bytes, &length) != HS_SUCCESS) {
        throw Error("cannot serialize the Hyperscan database");
    }
    std::string out(bytes, length);
    std::free(bytes);
    return out;
}

template <typename T>
void put(std::string& out, T value) {
    out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

// Reads a T at `at` and moves past it; false when the blob is too short.
template <typename T>
bool get(std::string_view blob, std::size_t& at, T& value) {
    if (blob.size() - at < sizeof value) {
        return false;
    }
    std::memcpy(&value, blob.data() + at, sizeof value);
    at += sizeof value;
    return true;
}

HsDatabasePtr deserialize(std::string_view bytes, bool& ok) {
    hs_database_t* db = nullptr;
    if (!bytes.empty() && hs_deserialize_database(bytes.data(), bytes.size(), &db) != HS_SUCCESS) {
        ok = false;
    }
    return HsDatabasePtr(db);
}

} // namespace

std::string Database::serialized() const {
    std::string main = serialize(m_impl->db.get());
    std::string out;
    put(out, static_cast<std::uint32_t>(k_gate_run));
    put(out, gate_margin_of(m_impl->widths, m_impl->gated));
    put(out, static_cast<std::uint64_t>(main.size()));
    out += main;
    out += serialize(m_impl->gated_db.get());
    return out;
}

namespace {

// The cache payload: u32 rule count, u32 width per rule, u8 gated flag per rule, u64 size of
// the main database, the main database, then the gated database (to the end; empty when no
// rule is gated).
template <typename ImplT>
std::string payload_of(const ImplT& impl) {
    const auto n = static_cast<std::uint32_t>(impl.widths.size());
    std::string blob;
    put(blob, n);
    for (std::uint32_t w : impl.widths) {
        put(blob, w);
    }
    for (bool g : impl.gated) {
        put(blob, static_cast<std::uint8_t>(g ? 1 : 0));
    }
    const std::string main = serialize(impl.db.get());
    put(blob, static_cast<std::uint64_t>(main.size()));
    blob += main;
    blob += serialize(impl.gated_db.get());
    return blob;
}

// Fills `impl` from a payload for `rule_count` rules; false (and `impl` untouched) when it does
// not fit or Hyperscan refuses it (damaged, other version, CPU features this host lacks).
template <typename ImplT>
bool load_payload(ImplT& impl, std::string_view blob, std::size_t rule_count) {
    std::size_t at = 0;
    std::uint32_t n = 0;
    if (!get(blob, at, n) || n != rule_count || (blob.size() - at) / 5 < n) {
        return false;
    }
    std::vector<std::uint32_t> widths(n);
    std::vector<bool> gated(n);
    for (auto& w : widths) {
        get(blob, at, w);
    }
    for (std::size_t i = 0; i < n; ++i) {
        std::uint8_t g = 0;
        get(blob, at, g);
        gated[i] = g != 0;
    }
    std::uint64_t main_size = 0;
    if (!get(blob, at, main_size) || blob.size() - at < main_size) {
        return false;
    }
    bool ok = true;
    auto db = deserialize(blob.substr(at, main_size), ok);
    auto gated_db = deserialize(blob.substr(at + main_size), ok);
    if (!ok || (!db && !gated_db)) {
        return false;
    }
    impl.db = std::move(db);
    impl.gated_db = std::move(gated_db);
    impl.widths = std::move(widths);
    impl.gated = std::move(gated);
    return true;
}

} // namespace

namespace detail {
// The database of the default rule set, compiled at build time (tools/prebuild_db.cpp writes
// the strong definitions). These weak ones say "none": the generator itself, and builds with
// PROMPTLINT_PREBUILT_DB=OFF.
[[gnu::weak]] std::string_view prebuilt_key() {
    return {};
}
[[gnu::weak]] std::string_view prebuilt_payload() {
    return {};
}
} // namespace detail

namespace {

// The expressions of one Hyperscan database; `rule_of` maps each back to its rule, for errors.
struct Expressions {
    std::vector<const char*> patterns;
    std::vector<unsigned> flags;
    std::vector<unsigned> ids;
    std::vector<std::size_t> rule_of;

    void add(const char* pattern, unsigned flag, unsigned id, std::size_t rule) {
        patterns.push_back(pattern);
        flags.push_back(flag);
        ids.push_back(id);
        rule_of.push_back(rule);
    }

    HsDatabasePtr compile(const std::vector<Rule>& rules) const {
        if (patterns.empty()) {
            return nullptr;
        }
        hs_database_t* db = nullptr;
        hs_compile_error_t* err = nullptr;
        if (hs_compile_multi(patterns.data(), flags.data(), ids.data(),
                             static_cast<unsigned>(patterns.size()), HS_MODE_BLOCK, nullptr, &db,
                             &err) != HS_SUCCESS) {
            std::string why = err ? err->message : "unknown error";
            int index = err ? err->expression : -1;
            hs_free_compile_error(err);
            if (index >= 0 && static_cast<std::size_t>(index) < rule_of.size()) {
                reject(rules[rule_of[static_cast<std::size_t>(index)]], why);
            }
            throw Error(fmt::format("Hyperscan cannot compile the rule set: {}", why));
        }
        return HsDatabasePtr(db);
    }
};

} // namespace

void Database::compile_into(Impl& impl, const std::vector<Rule>& rules, Layout layout) {
    Expressions main;
    Expressions gated;
    std::vector<std::string> literals; // the terms' expressions, kept alive for the compile
    impl.widths.clear();
    impl.gated.assign(rules.size(), false);
    for (std::size_t i = 0; i < rules.size(); ++i) {
        const std::size_t width = width_of(rules[i]);
        impl.widths.push_back(static_cast<std::uint32_t>(width));
        if (rules[i].terms) {
            continue;
        }
        const bool gate = layout == Layout::digit_gated && width <= k_gate_max_width &&
                          guaranteed_digit_run(rules[i].pattern) >= k_gate_run;
        (gate ? gated : main)
            .add(rules[i].pattern.c_str(), k_hs_flags, static_cast<unsigned>(i), i);
        impl.gated[i] = gate;
    }
    for (std::size_t i = 0; i < rules.size(); ++i) {
        if (rules[i].terms) {
            for (const std::string& word : rules[i].terms->words) {
                literals.push_back(literal_expression(word));
            }
        }
    }
    auto term_id = static_cast<unsigned>(rules.size());
    std::size_t literal = 0; // `literals` no longer moves: its strings can be pointed at
    for (std::size_t i = 0; i < rules.size(); ++i) {
        if (!rules[i].terms) {
            continue;
        }
        const unsigned term_flags =
            k_hs_flags | (rules[i].terms->case_sensitive ? 0U : HS_FLAG_CASELESS);
        for (std::size_t w = 0; w < rules[i].terms->words.size(); ++w) {
            main.add(literals[literal++].c_str(), term_flags, term_id++, i);
        }
    }
    // The two compiles are independent: on two cores a changed rule set is ready sooner.
    auto gated_db = std::async(std::launch::async, [&] { return gated.compile(rules); });
    impl.db = main.compile(rules);
    impl.gated_db = gated_db.get();
}

Database Database::build(const std::vector<Rule>& rules, const CacheSettings& settings,
                         Layout layout) {
    auto impl = std::make_unique<Impl>();
    if (rules.empty()) {
        return Database(std::move(impl));
    }
    impl->terms = term_refs(rules);
    if (rules.size() + impl->terms.size() > std::numeric_limits<std::uint32_t>::max()) {
        throw Error("too many rules and terms");
    }
    const std::filesystem::path dir = settings.dir.empty() ? default_cache_dir() : settings.dir;
    const bool use_cache = settings.enabled && !dir.empty();
    const std::string key = cache_key(rules, layout);

    // The default rule set's database ships inside the binary, under the same key as the cache
    // (rules, Hyperscan version, CPU platform): no compile, no file to read. --no-cache means
    // "compile now", so it is skipped then too.
    if (settings.enabled && !detail::prebuilt_payload().empty() && detail::prebuilt_key() == key &&
        load_payload(*impl, detail::prebuilt_payload(), rules.size())) {
        impl->from_cache = true;
        impl->prebuilt = true;
        return Database(std::move(impl));
    }
    if (use_cache) {
        if (auto blob = cache::load(dir, key); blob && load_payload(*impl, *blob, rules.size())) {
            impl->from_cache = true;
            return Database(std::move(impl));
        }
    }
    compile_into(*impl, rules, layout);
    if (use_cache) {
        // A cache that cannot be written (read-only home, full disk) only costs the next start.
        cache::store(dir, key, payload_of(*impl));
    }
    return Database(std::move(impl));
}

std::pair<std::string, std::string>
Database::compile_for_embedding(const std::vector<Rule>& rules) {
    Impl impl;
    compile_into(impl, rules, Layout::digit_gated);
    return {cache_key(rules, Layout::digit_gated), payload_of(impl)};
}

struct Matcher::Impl {
    const hs_database_t* db = nullptr;
    const hs_database_t* gated_db = nullptr;
    std::size_t gate_margin = 0;
    HsScratchPtr scratch; // sized for both databases
};

Matcher::Matcher(const Database& db) : m_impl(std::make_unique<Impl>()) {
    m_impl->db = db.m_impl->db.get();
    m_impl->gated_db = db.m_impl->gated_db.get();
    m_impl->gate_margin = gate_margin_of(db.m_impl->widths, db.m_impl->gated);
    hs_scratch_t* scratch = nullptr;
    for (const hs_database_t* d : {m_impl->db, m_impl->gated_db}) {
        if (d != nullptr && hs_alloc_scratch(d, &scratch) != HS_SUCCESS) {
            hs_free_scratch(scratch);
            throw Error("cannot allocate Hyperscan scratch space");
        }
    }
    m_impl->scratch.reset(scratch);
}
Matcher::Matcher(Matcher&&) noexcept = default;
Matcher& Matcher::operator=(Matcher&&) noexcept = default;
Matcher::~Matcher() = default;

namespace {

struct HitSink {
    std::vector<RawHit>* hits;
    std::size_t base; // where the scanned bytes start in the caller's buffer
};

int on_match(unsigned id, unsigned long long /*from*/, unsigned long long to, unsigned /*flags*/,
             void* ctx) {
    auto* sink = static_cast<HitSink*>(ctx);
    sink->hits->push_back(RawHit{id, static_cast<std::uint32_t>(sink->base + to)});
    return 0;
}

// Scans `bytes`, which start at offset `base` of the caller's buffer.
void scan_into(const hs_database_t* db, hs_scratch_t* scratch, std::string_view bytes,
               std::size_t base, std::vector<RawHit>& hits) {
    HitSink sink{&hits, base};
    if (hs_scan(db, bytes.data(), static_cast<unsigned>(bytes.size()), 0, scratch, on_match,
                &sink) != HS_SUCCESS) {
        throw Error("Hyperscan scan failed");
    }
}

} // namespace

void Matcher::scan(std::string_view buffer, std::vector<RawHit>& hits) {
    if (buffer.empty()) {
        return;
    }
    if (m_impl->db) {
        scan_into(m_impl->db, m_impl->scratch.get(), buffer, 0, hits);
    }
    if (m_impl->gated_db) {
        for_each_digit_region(buffer, k_gate_run, m_impl->gate_margin,
                              [&](std::size_t begin, std::size_t end) {
                                  scan_into(m_impl->gated_db, m_impl->scratch.get(),
                                            buffer.substr(begin, end - begin), begin, hits);
                              });
    }
}

} // namespace promptlint

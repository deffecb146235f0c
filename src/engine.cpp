#include "promptlint/engine.hpp"

#include "promptlint/cache.hpp"
#include "promptlint/digest.hpp"

#include <fmt/format.h>
#include <hs.h>

#include <cstdlib>
#include <cstring>
#include <limits>

namespace promptlint {
namespace {

// Bump when the cache payload layout or the compile flags change.
constexpr std::string_view k_cache_format = "promptlint-db-v1";
constexpr unsigned k_hs_flags = HS_FLAG_MULTILINE;

struct HsDatabaseDeleter {
    void operator()(hs_database_t* db) const noexcept { hs_free_database(db); }
};
struct HsScratchDeleter {
    void operator()(hs_scratch_t* s) const noexcept { hs_free_scratch(s); }
};
using HsDatabasePtr = std::unique_ptr<hs_database_t, HsDatabaseDeleter>;
using HsScratchPtr = std::unique_ptr<hs_scratch_t, HsScratchDeleter>;

std::string cache_key(const std::vector<Rule>& rules) {
    hs_platform_info_t platform{};
    hs_populate_platform(&platform);
    std::string material(k_cache_format);
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

} // namespace

struct Database::Impl {
    HsDatabasePtr db;
    std::vector<std::uint32_t> widths;
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
bool Database::prebuilt() const noexcept {
    return m_impl->prebuilt;
}
const TermRef* Database::term(std::uint32_t id) const noexcept {
    const std::size_t n = m_impl->widths.size();
    return id >= n && id - n < m_impl->terms.size() ? &m_impl->terms[id - n] : nullptr;
}

std::string Database::serialized() const {
    if (!m_impl->db) {
        return {};
    }
    char* bytes = nullptr;
    std::size_t length = 0;
    if (hs_serialize_database(m_impl->db.get(), &bytes, &length) != HS_SUCCESS) {
        throw Error("cannot serialize the Hyperscan database");
    }
    std::string out(bytes, length);
    std::free(bytes);
    return out;
}

namespace {

// The cache payload: u32 rule count, u32 width per rule, then the serialized database.
std::string payload_of(const std::vector<std::uint32_t>& widths, const hs_database_t* db) {
    char* bytes = nullptr;
    std::size_t length = 0;
    if (hs_serialize_database(db, &bytes, &length) != HS_SUCCESS) {
        throw Error("cannot serialize the Hyperscan database");
    }
    auto n = static_cast<std::uint32_t>(widths.size());
    std::string blob(reinterpret_cast<const char*>(&n), sizeof n);
    blob.append(reinterpret_cast<const char*>(widths.data()), n * sizeof(std::uint32_t));
    blob.append(bytes, length);
    std::free(bytes);
    return blob;
}

// Fills `impl` from a payload for `rule_count` rules; false (and `impl` untouched) when it does
// not fit or Hyperscan refuses it (damaged, other version, CPU features this host lacks).
template <typename ImplT>
bool load_payload(ImplT& impl, std::string_view blob, std::size_t rule_count) {
    std::uint32_t n = 0;
    if (blob.size() < sizeof n) {
        return false;
    }
    std::memcpy(&n, blob.data(), sizeof n);
    const std::size_t head = sizeof n + std::size_t{n} * sizeof(std::uint32_t);
    hs_database_t* db = nullptr;
    if (n != rule_count || blob.size() <= head ||
        hs_deserialize_database(blob.data() + head, blob.size() - head, &db) != HS_SUCCESS) {
        return false;
    }
    impl.db.reset(db);
    impl.widths.resize(n);
    std::memcpy(impl.widths.data(), blob.data() + sizeof n, n * sizeof(std::uint32_t));
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

void Database::compile_into(Impl& impl, const std::vector<Rule>& rules) {
    std::vector<const char*> patterns;
    std::vector<unsigned> flags;
    std::vector<unsigned> ids;
    std::vector<std::string> literals; // the terms' expressions, kept alive for the compile
    std::vector<std::size_t> rule_of;  // expression index -> rule, for error messages
    impl.widths.clear();
    for (std::size_t i = 0; i < rules.size(); ++i) {
        impl.widths.push_back(static_cast<std::uint32_t>(width_of(rules[i])));
        if (!rules[i].terms) {
            patterns.push_back(rules[i].pattern.c_str());
            flags.push_back(k_hs_flags);
            ids.push_back(static_cast<unsigned>(i));
            rule_of.push_back(i);
        }
    }
    auto term_id = static_cast<unsigned>(rules.size());
    for (std::size_t i = 0; i < rules.size(); ++i) {
        if (!rules[i].terms) {
            continue;
        }
        const unsigned term_flags =
            k_hs_flags | (rules[i].terms->case_sensitive ? 0U : HS_FLAG_CASELESS);
        for (const std::string& word : rules[i].terms->words) {
            literals.push_back(literal_expression(word));
            flags.push_back(term_flags);
            ids.push_back(term_id++);
            rule_of.push_back(i);
        }
    }
    for (std::size_t j = 0; j < literals.size(); ++j) {
        patterns.push_back(literals[j].c_str()); // after the loop: `literals` no longer moves
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
    impl.db.reset(db);
}

Database Database::build(const std::vector<Rule>& rules, const CacheSettings& settings) {
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
    const std::string key = cache_key(rules);

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
    compile_into(*impl, rules);
    if (use_cache) {
        // A cache that cannot be written (read-only home, full disk) only costs the next start.
        cache::store(dir, key, payload_of(impl->widths, impl->db.get()));
    }
    return Database(std::move(impl));
}

std::pair<std::string, std::string>
Database::compile_for_embedding(const std::vector<Rule>& rules) {
    Impl impl;
    compile_into(impl, rules);
    return {cache_key(rules), payload_of(impl.widths, impl.db.get())};
}

struct Matcher::Impl {
    const hs_database_t* db = nullptr;
    HsScratchPtr scratch;
};

Matcher::Matcher(const Database& db) : m_impl(std::make_unique<Impl>()) {
    m_impl->db = db.m_impl->db.get();
    if (m_impl->db) {
        hs_scratch_t* scratch = nullptr;
        if (hs_alloc_scratch(m_impl->db, &scratch) != HS_SUCCESS) {
            throw Error("cannot allocate Hyperscan scratch space");
        }
        m_impl->scratch.reset(scratch);
    }
}
Matcher::Matcher(Matcher&&) noexcept = default;
Matcher& Matcher::operator=(Matcher&&) noexcept = default;
Matcher::~Matcher() = default;

void Matcher::scan(std::string_view buffer, std::vector<RawHit>& hits) {
    if (!m_impl->db || buffer.empty()) {
        return;
    }
    auto on_match = [](unsigned id, unsigned long long /*from*/, unsigned long long to,
                       unsigned /*flags*/, void* ctx) -> int {
        static_cast<std::vector<RawHit>*>(ctx)->push_back(
            RawHit{id, static_cast<std::uint32_t>(to)});
        return 0;
    };
    if (hs_scan(m_impl->db, buffer.data(), static_cast<unsigned>(buffer.size()), 0,
                m_impl->scratch.get(), on_match, &hits) != HS_SUCCESS) {
        throw Error("Hyperscan scan failed");
    }
}

} // namespace promptlint

#pragma once
// The match stage: the enabled rules compiled into Hyperscan block-mode databases (cached,
// serialized, so that a warm start only deserializes), and a per-thread Matcher that scans a
// buffer into raw end-offset hits. Rules proven to match only text with a digit run go into a
// second database that is scanned only around digit runs (gate.hpp); everything else is one
// pass. This header hides Hyperscan; only engine.cpp includes <hs.h>.

#include "promptlint/rules.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace promptlint {

// Hyperscan reports where a match ends, not where it starts (start-of-match tracking costs
// speed); confirm.hpp recovers the exact span.
struct RawHit {
    std::uint32_t rule;
    std::uint32_t end; // offset just past the match, relative to the scanned buffer
};

// The longest span the confirm stage looks back over for one hit. Patterns that can match
// more than this (unbounded repeats) are confirmed on their last k_max_span bytes.
inline constexpr std::size_t k_max_span = 8192;

// Terms of term sets are compiled as their own literal expressions after the patterns: a hit
// whose rule is at least the number of rules is a term, and this says whose and how long (its
// start is then exact without start-of-match tracking or a regex).
struct TermRef {
    std::uint32_t rule;
    std::uint32_t length;
};

struct CacheSettings {
    bool enabled = true;
    std::filesystem::path dir; // empty: the default ($XDG_CACHE_HOME or ~/.cache)/promptlint
};

std::filesystem::path default_cache_dir();
std::string hyperscan_version();

class Database {
public:
    // How the rules are split. `digit_gated` is what promptlint runs; `single` puts every rule
    // in one database and scans all of every buffer, the plain layout the gated one must agree
    // with hit for hit (the tests check it, the benchmark compares the two).
    enum class Layout { digit_gated, single };

    // Takes the database for `rules` from the one built into the binary (the default rule set,
    // compiled at build time) or the cache, or compiles it (and stores it). With the cache
    // disabled it always compiles. Throws Error naming the rule's source, line and id when
    // Hyperscan rejects a pattern.
    static Database build(const std::vector<Rule>& rules, const CacheSettings& cache,
                          Layout layout = Layout::digit_gated);
    // For the build (tools/prebuild_db.cpp): the cache key of `rules` and the cache payload of
    // their database compiled now, to be embedded in the binary.
    static std::pair<std::string, std::string>
    compile_for_embedding(const std::vector<Rule>& rules);

    Database(Database&&) noexcept;
    Database& operator=(Database&&) noexcept;
    ~Database();

    std::size_t rule_count() const noexcept;
    // Bytes that a match of rule `rule` can span, capped at k_max_span.
    std::size_t max_width(std::size_t rule) const noexcept;
    bool loaded_from_cache() const noexcept; // not compiled: from the cache or the binary
    bool prebuilt() const noexcept;          // the database built into the binary
    // Whether rule `rule` is in the gated database (scanned only around digit runs).
    bool gated(std::size_t rule) const noexcept;
    // The term behind a hit id >= rule_count(); nullptr for the id of a pattern.
    const TermRef* term(std::uint32_t id) const noexcept;
    // For the reference benchmark program (bench/hsref.cpp): u32 digit run and u32 margin of
    // the gate, u64 size of the main database, its hs_serialize_database() bytes, then the
    // gated database's (to the end; none when no rule is gated).
    std::string serialized() const;

private:
    struct Impl;
    explicit Database(std::unique_ptr<Impl> impl);
    static void compile_into(Impl& impl, const std::vector<Rule>& rules, Layout layout);
    std::unique_ptr<Impl> m_impl;
    friend class Matcher;
};

// Owns one thread's Hyperscan scratch space. Not shareable across threads; make one per thread.
class Matcher {
public:
    explicit Matcher(const Database& db);
    Matcher(Matcher&&) noexcept;
    Matcher& operator=(Matcher&&) noexcept;
    ~Matcher();

    // Appends every (rule, end) pair Hyperscan reports in `buffer` (< 4 GiB) to `hits`.
    void scan(std::string_view buffer, std::vector<RawHit>& hits);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace promptlint

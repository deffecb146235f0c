#pragma once
// Ignore files for folder walks: `.gitignore` and `.promptlintignore`, with git's syntax and
// precedence (a deeper file and a later line win; `!` re-includes; a trailing `/` matches only
// folders; a pattern with an inner `/` is anchored to its file's folder; `**` crosses folders).

#include <string>
#include <string_view>
#include <vector>

namespace promptlint {

// Shell-style match of one gitignore pattern against a '/'-separated path: `*` and `?` never
// match '/', `**` matches anything, `[a-z]` / `[!a-z]` are classes, `\` escapes.
bool glob_match(std::string_view pattern, std::string_view path) noexcept;

class IgnoreRules {
public:
    // Adds the patterns of one ignore file that lives in folder `base` (relative to the walk's
    // root, "" for the root itself, no trailing slash).
    void add_file(std::string_view text, std::string base);
    // True when `path` (relative to the walk's root) is ignored.
    bool ignored(std::string_view path, bool is_dir) const;
    std::size_t size() const noexcept { return m_patterns.size(); }
    // Drops the patterns added after the first `count`, when the walk leaves a folder.
    void truncate(std::size_t count) { m_patterns.resize(count); }

private:
    struct Pattern {
        std::string glob;
        std::string base;
        bool negate = false;
        bool dir_only = false;
        bool anchored = false;
    };
    std::vector<Pattern> m_patterns;
};

} // namespace promptlint

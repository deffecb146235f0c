#include "promptlint/ignore.hpp"

namespace promptlint {
namespace {

// Matches a bracket expression at p[0] == '['; advances p past it. Returns false on no match.
bool match_class(std::string_view& p, char c) {
    std::size_t i = 1;
    bool negate = false;
    if (i < p.size() && (p[i] == '!' || p[i] == '^')) {
        negate = true;
        ++i;
    }
    bool matched = false;
    bool first = true;
    for (; i < p.size() && (p[i] != ']' || first); ++i) {
        first = false;
        char lo = p[i];
        if (lo == '\\' && i + 1 < p.size()) {
            lo = p[++i];
        }
        char hi = lo;
        if (i + 2 < p.size() && p[i + 1] == '-' && p[i + 2] != ']') {
            hi = p[i + 2];
            i += 2;
        }
        if (c >= lo && c <= hi) {
            matched = true;
        }
    }
    p.remove_prefix(i < p.size() ? i + 1 : p.size());
    return matched != negate && c != '/';
}

bool match(std::string_view p, std::string_view s) {
    while (!p.empty()) {
        if (p.starts_with("**")) {
            std::string_view rest = p.substr(2);
            if (rest.starts_with('/')) {
                // "**/x": x at this level or below.
                rest.remove_prefix(1);
                for (std::size_t i = 0; i <= s.size(); ++i) {
                    if ((i == 0 || s[i - 1] == '/') && match(rest, s.substr(i))) {
                        return true;
                    }
                }
                return false;
            }
            for (std::size_t i = 0; i <= s.size(); ++i) {
                if (match(rest, s.substr(i))) {
                    return true;
                }
            }
            return false;
        }
        const char pc = p.front();
        if (pc == '*') {
            std::string_view rest = p.substr(1);
            for (std::size_t i = 0; i <= s.size(); ++i) {
                if (match(rest, s.substr(i))) {
                    return true;
                }
                if (i < s.size() && s[i] == '/') {
                    return false;
                }
            }
            return false;
        }
        if (s.empty()) {
            return false;
        }
        if (pc == '?') {
            if (s.front() == '/') {
                return false;
            }
            p.remove_prefix(1);
        } else if (pc == '[') {
            if (!match_class(p, s.front())) {
                return false;
            }
        } else {
            char want = pc;
            if (pc == '\\' && p.size() > 1) {
                want = p[1];
                p.remove_prefix(1);
            }
            if (s.front() != want) {
                return false;
            }
            p.remove_prefix(1);
        }
        s.remove_prefix(1);
    }
    return s.empty();
}

} // namespace

bool glob_match(std::string_view pattern, std::string_view path) noexcept {
    return match(pattern, path);
}

void IgnoreRules::add_file(std::string_view text, std::string base) {
    while (!text.empty()) {
        std::size_t nl = text.find('\n');
        std::string line(text.substr(0, nl));
        text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        // Trailing spaces are dropped unless escaped with a backslash.
        while (!line.empty() && line.back() == ' ' &&
               (line.size() < 2 || line[line.size() - 2] != '\\')) {
            line.pop_back();
        }
        if (line.empty() || line.front() == '#') {
            continue;
        }
        Pattern p;
        p.base = base;
        if (line.front() == '!') {
            p.negate = true;
            line.erase(0, 1);
        } else if (line.starts_with("\\!") || line.starts_with("\\#")) {
            line.erase(0, 1);
        }
        if (!line.empty() && line.back() == '/') {
            p.dir_only = true;
            line.pop_back();
        }
        p.anchored = line.find('/') != std::string::npos;
        if (!line.empty() && line.front() == '/') {
            line.erase(0, 1);
        }
        if (line.empty()) {
            continue;
        }
        p.glob = std::move(line);
        m_patterns.push_back(std::move(p));
    }
}

bool IgnoreRules::ignored(std::string_view path, bool is_dir) const {
    bool result = false;
    for (const Pattern& p : m_patterns) {
        if (p.dir_only && !is_dir) {
            continue;
        }
        std::string_view sub = path;
        if (!p.base.empty()) {
            if (!(sub.size() > p.base.size() && sub.starts_with(p.base) &&
                  sub[p.base.size()] == '/')) {
                continue;
            }
            sub.remove_prefix(p.base.size() + 1);
        }
        if (!p.anchored) {
            const std::size_t slash = sub.rfind('/');
            if (slash != std::string_view::npos) {
                sub.remove_prefix(slash + 1);
            }
        }
        if (glob_match(p.glob, sub)) {
            result = !p.negate;
        }
    }
    return result;
}

} // namespace promptlint

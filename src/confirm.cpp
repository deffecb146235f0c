#include "promptlint/confirm.hpp"

#include "promptlint/text.hpp"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <fmt/format.h>
#include <pcre2.h>

#include <algorithm>
#include <map>

namespace promptlint {
namespace {

struct CodeDeleter {
    void operator()(pcre2_code* c) const noexcept { pcre2_code_free(c); }
};
struct MatchDataDeleter {
    void operator()(pcre2_match_data* m) const noexcept { pcre2_match_data_free(m); }
};
struct CompileContextDeleter {
    void operator()(pcre2_compile_context* c) const noexcept { pcre2_compile_context_free(c); }
};
using CodePtr = std::unique_ptr<pcre2_code, CodeDeleter>;
using MatchDataPtr = std::unique_ptr<pcre2_match_data, MatchDataDeleter>;

// Hyperscan is compiled with HS_FLAG_MULTILINE and sees only '\n' as a line end; PCRE2 must
// agree, whatever newline default the library was built with.
CodePtr compile_pattern(const Rule& rule, std::string* error) {
    std::unique_ptr<pcre2_compile_context, CompileContextDeleter> ctx(
        pcre2_compile_context_create(nullptr));
    pcre2_set_newline(ctx.get(), PCRE2_NEWLINE_LF);
    int code = 0;
    PCRE2_SIZE offset = 0;
    CodePtr re(pcre2_compile(reinterpret_cast<PCRE2_SPTR>(rule.pattern.data()), rule.pattern.size(),
                             PCRE2_MULTILINE, &code, &offset, ctx.get()));
    if (!re) {
        std::array<PCRE2_UCHAR, 256> message{};
        pcre2_get_error_message(code, message.data(), message.size());
        *error = fmt::format("PCRE2 rejects the pattern at offset {}: {}", offset,
                             reinterpret_cast<const char*>(message.data()));
        return nullptr;
    }
    std::uint32_t groups = 0;
    pcre2_pattern_info(re.get(), PCRE2_INFO_CAPTURECOUNT, &groups);
    if (rule.secret_group > groups) {
        *error = fmt::format("secret_group {} but the pattern has {} capture group(s)",
                             rule.secret_group, groups);
        return nullptr;
    }
    return re;
}

bool words_near(std::string_view buffer, std::size_t start, std::size_t end,
                const std::vector<std::string>& words, std::size_t window,
                std::vector<std::string>& found) {
    const std::size_t from = start > window ? start - window : 0;
    const std::size_t to = std::min(buffer.size(), end + window);
    std::string_view before = buffer.substr(from, start - from);
    std::string_view after = buffer.substr(end, to - end);
    for (const std::string& word : words) {
        if (contains_phrase(before, word) || contains_phrase(after, word)) {
            found.push_back(word);
            return true;
        }
    }
    return false;
}

Confidence raise(Confidence c) {
    return c == Confidence::high ? c : static_cast<Confidence>(static_cast<int>(c) + 1);
}

} // namespace

void check_patterns(const std::vector<Rule>& rules) {
    for (const Rule& rule : rules) {
        if (rule.terms) {
            continue; // literals, escaped by the engine: nothing for PCRE2 to check
        }
        std::string error;
        if (!compile_pattern(rule, &error)) {
            throw Error(
                fmt::format("{}:{}: rule '{}': {}", rule.source, rule.line, rule.id, error));
        }
    }
}

struct Confirmer::Impl {
    const std::vector<Rule>* rules;
    const Database* db;
    std::vector<CodePtr> codes; // compiled on a rule's first hit: start-up pays for none
    MatchDataPtr match;

    pcre2_code* code_for(std::uint32_t rule) {
        if (!codes[rule]) {
            std::string error;
            codes[rule] = compile_pattern((*rules)[rule], &error);
            if (!codes[rule]) {
                const Rule& r = (*rules)[rule];
                throw Error(fmt::format("{}:{}: rule '{}': {}", r.source, r.line, r.id, error));
            }
            pcre2_jit_compile(codes[rule].get(), PCRE2_JIT_COMPLETE); // falls back to interpreter
        }
        return codes[rule].get();
    }

    void evaluate(std::string_view buffer, std::uint32_t rule_index, std::vector<Candidate>& out) {
        const Rule& rule = (*rules)[rule_index];
        const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(match.get());
        std::size_t start = ov[0];
        std::size_t end = ov[1];
        const std::size_t g = rule.secret_group;
        if (g > 0) {
            // A branch of the pattern without the value (one that only consumes text the
            // rule must not report, such as a URL's user-info for the e-mail rule) reports
            // nothing.
            if (ov[2 * g] == PCRE2_UNSET) {
                return;
            }
            start = ov[2 * g];
            end = ov[2 * g + 1];
        }
        if (start >= end) {
            return;
        }
        Candidate c;
        c.rule = rule_index;
        c.start = start;
        c.end = end;
        c.severity = rule.severity;
        c.confidence = rule.confidence;
        std::string_view value = buffer.substr(start, end - start);
        for (const auto& v : rule.validators) {
            if (v.check(value)) {
                c.validators_passed.push_back(v.describe());
                if (v.boosts()) {
                    c.confidence = raise(c.confidence);
                }
            } else if (v.on_fail() == validators::Validator::OnFail::info) {
                c.severity = Severity::info; // a known example value: shown, never alarming
            } else {
                return;
            }
        }
        if (rule.context) {
            const ContextSpec& ctx = *rule.context;
            bool near = words_near(buffer, start, end, ctx.words, ctx.window, c.context_found);
            if (ctx.effect == ContextSpec::Effect::require && !near) {
                return;
            }
            if (ctx.effect == ContextSpec::Effect::boost && near) {
                c.confidence = raise(c.confidence);
            }
        }
        if (rule.exclude_context) {
            const ExclusionSpec& ex = *rule.exclude_context;
            std::vector<std::string> excluded;
            if (words_near(buffer, start, end, ex.words, ex.window, excluded)) {
                if (ex.effect == ExclusionSpec::Effect::drop || c.confidence == Confidence::low) {
                    return;
                }
                c.confidence = static_cast<Confidence>(static_cast<int>(c.confidence) - 1);
            }
        }
        out.push_back(std::move(c));
    }

    // A term is a literal of known length, so its span is exact; what Hyperscan cannot say
    // cheaply is whether it stands as a whole word ("Atlas" but not "Atlassian").
    void evaluate_term(std::string_view buffer, const TermRef& term, std::size_t end,
                       std::vector<Candidate>& out) const {
        if (end < term.length || end > buffer.size() || term.length == 0) {
            return;
        }
        const std::size_t start = end - term.length;
        const auto first = static_cast<unsigned char>(buffer[start]);
        const auto last = static_cast<unsigned char>(buffer[end - 1]);
        if (start > 0 && is_word_byte(first) &&
            is_word_byte(static_cast<unsigned char>(buffer[start - 1]))) {
            return;
        }
        if (end < buffer.size() && is_word_byte(last) &&
            is_word_byte(static_cast<unsigned char>(buffer[end]))) {
            return;
        }
        const Rule& rule = (*rules)[term.rule];
        Candidate c;
        c.rule = term.rule;
        c.start = start;
        c.end = end;
        c.severity = rule.severity;
        c.confidence = rule.confidence;
        out.push_back(std::move(c));
    }
};

Confirmer::Confirmer(const std::vector<Rule>& rules, const Database& db)
    : m_impl(std::make_unique<Impl>()) {
    m_impl->rules = &rules;
    m_impl->db = &db;
    m_impl->codes.resize(rules.size());
    // 100 groups is far more than any rule has; sized once so matching never allocates.
    m_impl->match.reset(pcre2_match_data_create(100, nullptr));
}
Confirmer::Confirmer(Confirmer&&) noexcept = default;
Confirmer& Confirmer::operator=(Confirmer&&) noexcept = default;
Confirmer::~Confirmer() = default;

void Confirmer::confirm(std::string_view buffer, std::vector<RawHit>& hits,
                        std::vector<Candidate>& out) {
    std::sort(hits.begin(), hits.end(), [](const RawHit& a, const RawHit& b) {
        return a.rule != b.rule ? a.rule < b.rule : a.end < b.end;
    });
    const std::size_t first_new = out.size();
    const auto* subject = reinterpret_cast<PCRE2_SPTR>(buffer.data());
    for (std::size_t i = 0; i < hits.size();) {
        const std::uint32_t rule = hits[i].rule;
        if (const TermRef* term = m_impl->db->term(rule)) {
            for (; i < hits.size() && hits[i].rule == rule; ++i) {
                m_impl->evaluate_term(buffer, *term, hits[i].end, out);
            }
            continue;
        }
        pcre2_code* code = m_impl->code_for(rule);
        const std::size_t width = m_impl->db->max_width(rule);
        std::size_t next_from = 0; // PCRE2 matches of one rule never overlap
        std::size_t last_start = 0;
        std::size_t last_end = 0;
        bool have_last = false;
        for (; i < hits.size() && hits[i].rule == rule; ++i) {
            const std::size_t hit_end = hits[i].end;
            if (have_last && hit_end > last_start && hit_end <= last_end) {
                continue; // the match already confirmed explains this end offset too
            }
            std::size_t from = std::max(hit_end > width ? hit_end - width : 0, next_from);
            // One byte past the widest match lets \b see the character after it.
            const std::size_t subject_end = std::min(buffer.size(), hit_end + width + 1);
            while (from <= hit_end) {
                int rc =
                    pcre2_match(code, subject, subject_end, from, 0, m_impl->match.get(), nullptr);
                if (rc <= 0) {
                    break; // the engines disagree (rare, e.g. a capped width): nothing to confirm
                }
                const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(m_impl->match.get());
                if (ov[0] >= hit_end && hit_end > 0) {
                    break;
                }
                if (!have_last || ov[0] != last_start || ov[1] != last_end) {
                    m_impl->evaluate(buffer, rule, out);
                }
                have_last = true;
                last_start = ov[0];
                last_end = ov[1];
                // The next value may begin inside what this match consumed after its secret
                // group (a separator such as ',' or ' '), so resume at the group's end.
                std::size_t value_end = ov[1];
                const std::size_t g = (*m_impl->rules)[rule].secret_group;
                if (g > 0 && static_cast<std::size_t>(rc) > g && ov[2 * g] != PCRE2_UNSET) {
                    value_end = ov[2 * g + 1];
                }
                next_from = value_end > ov[0] ? value_end : ov[0] + 1;
                if (ov[1] >= hit_end) {
                    break;
                }
                from = next_from;
            }
        }
    }
    hits.clear();
    if (out.size() > first_new) {
        std::vector<Candidate> fresh(
            std::make_move_iterator(out.begin() + static_cast<long>(first_new)),
            std::make_move_iterator(out.end()));
        out.resize(first_new);
        resolve_overlaps(fresh);
        std::move(fresh.begin(), fresh.end(), std::back_inserter(out));
    }
}

void resolve_overlaps(std::vector<Candidate>& candidates) {
    auto rank = [](const Candidate& a, const Candidate& b) {
        // The surest identification wins first: a specific rule (a Stripe test key, high
        // confidence) must not be shadowed by a generic one (a password assignment) just
        // because the generic one guesses a worse leak.
        if (a.confidence != b.confidence) {
            return a.confidence > b.confidence;
        }
        if (a.severity != b.severity) {
            return a.severity > b.severity;
        }
        if (a.end - a.start != b.end - b.start) {
            return a.end - a.start > b.end - b.start;
        }
        if (a.rule != b.rule) {
            return a.rule < b.rule;
        }
        return a.start < b.start;
    };
    std::sort(candidates.begin(), candidates.end(), rank);
    std::map<std::size_t, std::size_t> taken; // start -> end of accepted values
    std::vector<Candidate> kept;
    for (Candidate& c : candidates) {
        auto next = taken.lower_bound(c.end);
        bool overlaps = false;
        if (next != taken.begin()) {
            auto prev = std::prev(next);
            overlaps = prev->second > c.start;
        }
        if (!overlaps) {
            taken.emplace(c.start, c.end);
            kept.push_back(std::move(c));
        }
    }
    std::sort(kept.begin(), kept.end(), [](const Candidate& a, const Candidate& b) {
        return a.start != b.start ? a.start < b.start : a.rule < b.rule;
    });
    candidates = std::move(kept);
}

} // namespace promptlint

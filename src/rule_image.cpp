#include "promptlint/rule_image.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <type_traits>

namespace promptlint {
namespace {

// Bumped whenever Rule or the layout below changes: an old image is then ignored, not misread.
constexpr std::string_view k_magic = "PLRULES2";

class Writer {
public:
    void u32(std::uint32_t v) { m_out.append(reinterpret_cast<const char*>(&v), sizeof v); }
    void u8(std::uint8_t v) { m_out.push_back(static_cast<char>(v)); }
    void f64(double v) { m_out.append(reinterpret_cast<const char*>(&v), sizeof v); }
    void str(std::string_view s) {
        u32(static_cast<std::uint32_t>(s.size()));
        m_out.append(s);
    }
    void strings(const std::vector<std::string>& list) {
        u32(static_cast<std::uint32_t>(list.size()));
        for (const std::string& s : list) {
            str(s);
        }
    }
    void raw(std::string_view s) { m_out.append(s); }
    std::string take() { return std::move(m_out); }

private:
    std::string m_out;
};

// Reads what Writer wrote; any read past the end throws, and the image is then ignored.
class Reader {
public:
    explicit Reader(std::string_view in) : m_in(in) {}
    struct Truncated : std::runtime_error {
        Truncated() : std::runtime_error("truncated rule image") {}
    };

    template <typename T>
    T pod() {
        static_assert(std::is_trivially_copyable_v<T>);
        T v;
        std::memcpy(&v, take(sizeof v).data(), sizeof v);
        return v;
    }
    std::uint32_t u32() { return pod<std::uint32_t>(); }
    std::uint8_t u8() { return pod<std::uint8_t>(); }
    double f64() { return pod<double>(); }
    std::string str() { return std::string(take(u32())); }
    std::vector<std::string> strings() {
        std::vector<std::string> list(count());
        for (std::string& s : list) {
            s = str();
        }
        return list;
    }
    // An element count, checked against what is left, so a corrupt count cannot ask for
    // gigabytes before the read fails.
    std::size_t count() {
        const std::uint32_t n = u32();
        if (n > m_in.size()) {
            throw Truncated();
        }
        return n;
    }
    std::string_view take(std::size_t n) {
        if (n > m_in.size()) {
            throw Truncated();
        }
        std::string_view part = m_in.substr(0, n);
        m_in.remove_prefix(n);
        return part;
    }
    bool done() const { return m_in.empty(); }

private:
    std::string_view m_in;
};

template <typename E>
E enum_at_most(Reader& in, E last) {
    const std::uint8_t v = in.u8();
    if (v > static_cast<std::uint8_t>(last)) {
        throw Reader::Truncated();
    }
    return static_cast<E>(v);
}

} // namespace

std::string write_rule_image(std::span<const Rule> rules) {
    Writer out;
    out.raw(k_magic);
    out.u32(static_cast<std::uint32_t>(rules.size()));
    for (const Rule& r : rules) {
        if (r.terms) {
            throw Error(fmt::format("rule {}: term sets are not stored in a rule image", r.id));
        }
        out.str(r.id);
        out.str(r.name);
        out.u8(static_cast<std::uint8_t>(r.category));
        out.u8(static_cast<std::uint8_t>(r.severity));
        out.u8(static_cast<std::uint8_t>(r.confidence));
        out.str(r.pattern);
        out.u32(r.secret_group);
        out.u32(static_cast<std::uint32_t>(r.validators.size()));
        for (const validators::Validator& v : r.validators) {
            const auto spec = v.spec();
            out.str(spec.type);
            out.f64(spec.min_entropy);
            out.f64(spec.max_entropy);
            out.u8(spec.has_max ? 1 : 0);
            out.u8(static_cast<std::uint8_t>(spec.on_fail));
            out.u8(spec.boost ? 1 : 0);
        }
        out.u8(r.context ? 1 : 0);
        if (r.context) {
            out.strings(r.context->words);
            out.u32(static_cast<std::uint32_t>(r.context->window));
            out.u8(static_cast<std::uint8_t>(r.context->effect));
        }
        out.u8(r.exclude_context ? 1 : 0);
        if (r.exclude_context) {
            out.strings(r.exclude_context->words);
            out.u32(static_cast<std::uint32_t>(r.exclude_context->window));
            out.u8(static_cast<std::uint8_t>(r.exclude_context->effect));
        }
        out.str(r.description);
        out.str(r.remediation);
        out.strings(r.references);
        out.u32(static_cast<std::uint32_t>(r.examples.size()));
        for (const Example& e : r.examples) {
            out.str(e.text);
            out.u8(e.secret ? 1 : 0);
            if (e.secret) {
                out.str(*e.secret);
            }
        }
        out.strings(r.negative_examples);
        out.str(r.pack);
        out.str(r.source);
        out.u32(static_cast<std::uint32_t>(r.line));
    }
    return out.take();
}

std::optional<std::vector<Rule>> read_rule_image(std::string_view bytes) {
    if (!bytes.starts_with(k_magic)) {
        return std::nullopt;
    }
    Reader in(bytes.substr(k_magic.size()));
    try {
        std::vector<Rule> rules(in.count());
        for (Rule& r : rules) {
            r.id = in.str();
            r.name = in.str();
            r.category = enum_at_most(in, Category::confidential);
            r.severity = enum_at_most(in, Severity::critical);
            r.confidence = enum_at_most(in, Confidence::high);
            r.pattern = in.str();
            r.secret_group = in.u32();
            const std::size_t validator_count = in.count();
            r.validators.reserve(validator_count);
            for (std::size_t i = 0; i < validator_count; ++i) {
                validators::Validator::Spec spec;
                spec.type = in.str();
                spec.min_entropy = in.f64();
                spec.max_entropy = in.f64();
                spec.has_max = in.u8() != 0;
                spec.on_fail = enum_at_most(in, validators::Validator::OnFail::info);
                spec.boost = in.u8() != 0;
                r.validators.push_back(validators::Validator::from_spec(spec));
            }
            if (in.u8() != 0) {
                ContextSpec c;
                c.words = in.strings();
                c.window = in.u32();
                c.effect = enum_at_most(in, ContextSpec::Effect::boost);
                r.context = std::move(c);
            }
            if (in.u8() != 0) {
                ExclusionSpec x;
                x.words = in.strings();
                x.window = in.u32();
                x.effect = enum_at_most(in, ExclusionSpec::Effect::lower);
                r.exclude_context = std::move(x);
            }
            r.description = in.str();
            r.remediation = in.str();
            r.references = in.strings();
            r.examples.resize(in.count());
            for (Example& e : r.examples) {
                e.text = in.str();
                if (in.u8() != 0) {
                    e.secret = in.str();
                }
            }
            r.negative_examples = in.strings();
            r.pack = in.str();
            r.source = in.str();
            r.line = static_cast<int>(in.u32());
        }
        if (!in.done()) {
            return std::nullopt;
        }
        return rules;
    } catch (const Reader::Truncated&) {
        return std::nullopt;
    } catch (const std::invalid_argument&) { // a validator this binary does not know
        return std::nullopt;
    }
}

} // namespace promptlint

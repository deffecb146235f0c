#include "promptlint/types.hpp"

#include <array>

namespace promptlint {
namespace {

constexpr std::array<std::string_view, 3> k_categories{"credential", "pii", "confidential"};
constexpr std::array<std::string_view, 5> k_severities{"info", "low", "medium", "high", "critical"};
constexpr std::array<std::string_view, 3> k_confidences{"low", "medium", "high"};

template <typename Enum, std::size_t N>
std::optional<Enum> parse_enum(const std::array<std::string_view, N>& names, std::string_view s) {
    for (std::size_t i = 0; i < N; ++i) {
        if (names[i] == s) {
            return static_cast<Enum>(i);
        }
    }
    return std::nullopt;
}

} // namespace

std::string_view to_string(Category c) noexcept {
    return k_categories[static_cast<std::size_t>(c)];
}
std::string_view to_string(Severity s) noexcept {
    return k_severities[static_cast<std::size_t>(s)];
}
std::string_view to_string(Confidence c) noexcept {
    return k_confidences[static_cast<std::size_t>(c)];
}

std::optional<Category> parse_category(std::string_view s) noexcept {
    return parse_enum<Category>(k_categories, s);
}
std::optional<Severity> parse_severity(std::string_view s) noexcept {
    return parse_enum<Severity>(k_severities, s);
}
std::optional<Confidence> parse_confidence(std::string_view s) noexcept {
    return parse_enum<Confidence>(k_confidences, s);
}

} // namespace promptlint

#include "promptlint/version.hpp"

namespace promptlint {
std::string version() {
    return PROMPTLINT_VERSION;
}
} // namespace promptlint

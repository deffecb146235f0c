#pragma once
// The small vocabulary every stage shares: categories, severities, confidences, and the one
// exception type that carries a fatal, user-facing error to the single place that maps it to an
// exit code (cli.cpp).

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace promptlint {

enum class Category : std::uint8_t { credential, pii, confidential };
enum class Severity : std::uint8_t { info, low, medium, high, critical };
enum class Confidence : std::uint8_t { low, medium, high };

std::string_view to_string(Category c) noexcept;
std::string_view to_string(Severity s) noexcept;
std::string_view to_string(Confidence c) noexcept;

std::optional<Category> parse_category(std::string_view s) noexcept;
std::optional<Severity> parse_severity(std::string_view s) noexcept;
std::optional<Confidence> parse_confidence(std::string_view s) noexcept;

// Documented exit codes (README.md, --help). Input errors win over findings so that a broken
// input can never pass for an ordinary finding, let alone for a clean run.
enum class ExitCode : int { clean = 0, findings = 1, usage = 2, input_error = 3 };

// A fatal problem with how promptlint was asked to run: bad option, bad rule pack, bad config.
// what() is the complete message, already naming the file / rule / line it is about.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace promptlint

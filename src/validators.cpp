#include "promptlint/validators.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

namespace promptlint::validators {

namespace {

constexpr bool is_ascii_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}

constexpr bool is_ascii_upper(char c) noexcept {
    return c >= 'A' && c <= 'Z';
}

constexpr char to_ascii_upper(char c) noexcept {
    return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}

constexpr unsigned digit_value(char c) noexcept {
    return static_cast<unsigned>(c - '0');
}

// Card, national-ID and routing numbers are commonly grouped with spaces or dashes when
// written by humans; both are accepted so that "4111 1111 1111 1111" validates.
constexpr bool is_digit_separator(char c) noexcept {
    return c == ' ' || c == '-';
}

// ---------------------------------------------------------------------------------------------
// IBAN registry
// ---------------------------------------------------------------------------------------------

struct IbanCountry {
    std::string_view code;
    std::size_t length;
};

// Country codes and total IBAN lengths from the SWIFT IBAN registry (ISO 13616), including the
// 2023-2024 additions (DJ, FK, HN, MN, NI, OM, RU, SO, YE). Territories that issue IBANs under
// their parent's prefix (e.g. Guadeloupe under FR, Jersey under GB) need no entry of their own.
// Kept sorted by code so lookups can binary-search; a static_assert below enforces it.
constexpr std::array k_iban_countries{
    IbanCountry{"AD", 24}, IbanCountry{"AE", 23}, IbanCountry{"AL", 28}, IbanCountry{"AT", 20},
    IbanCountry{"AZ", 28}, IbanCountry{"BA", 20}, IbanCountry{"BE", 16}, IbanCountry{"BG", 22},
    IbanCountry{"BH", 22}, IbanCountry{"BI", 27}, IbanCountry{"BR", 29}, IbanCountry{"BY", 28},
    IbanCountry{"CH", 21}, IbanCountry{"CR", 22}, IbanCountry{"CY", 28}, IbanCountry{"CZ", 24},
    IbanCountry{"DE", 22}, IbanCountry{"DJ", 27}, IbanCountry{"DK", 18}, IbanCountry{"DO", 28},
    IbanCountry{"EE", 20}, IbanCountry{"EG", 29}, IbanCountry{"ES", 24}, IbanCountry{"FI", 18},
    IbanCountry{"FK", 18}, IbanCountry{"FO", 18}, IbanCountry{"FR", 27}, IbanCountry{"GB", 22},
    IbanCountry{"GE", 22}, IbanCountry{"GI", 23}, IbanCountry{"GL", 18}, IbanCountry{"GR", 27},
    IbanCountry{"GT", 28}, IbanCountry{"HN", 28}, IbanCountry{"HR", 21}, IbanCountry{"HU", 28},
    IbanCountry{"IE", 22}, IbanCountry{"IL", 23}, IbanCountry{"IQ", 23}, IbanCountry{"IS", 26},
    IbanCountry{"IT", 27}, IbanCountry{"JO", 30}, IbanCountry{"KW", 30}, IbanCountry{"KZ", 20},
    IbanCountry{"LB", 28}, IbanCountry{"LC", 32}, IbanCountry{"LI", 21}, IbanCountry{"LT", 20},
    IbanCountry{"LU", 20}, IbanCountry{"LV", 21}, IbanCountry{"LY", 25}, IbanCountry{"MC", 27},
    IbanCountry{"MD", 24}, IbanCountry{"ME", 22}, IbanCountry{"MK", 19}, IbanCountry{"MN", 20},
    IbanCountry{"MR", 27}, IbanCountry{"MT", 31}, IbanCountry{"MU", 30}, IbanCountry{"NI", 28},
    IbanCountry{"NL", 18}, IbanCountry{"NO", 15}, IbanCountry{"OM", 23}, IbanCountry{"PK", 24},
    IbanCountry{"PL", 28}, IbanCountry{"PS", 29}, IbanCountry{"PT", 25}, IbanCountry{"QA", 29},
    IbanCountry{"RO", 24}, IbanCountry{"RS", 22}, IbanCountry{"RU", 33}, IbanCountry{"SA", 24},
    IbanCountry{"SC", 31}, IbanCountry{"SD", 18}, IbanCountry{"SE", 24}, IbanCountry{"SI", 19},
    IbanCountry{"SK", 24}, IbanCountry{"SM", 27}, IbanCountry{"SO", 23}, IbanCountry{"ST", 25},
    IbanCountry{"SV", 28}, IbanCountry{"TL", 23}, IbanCountry{"TN", 24}, IbanCountry{"TR", 26},
    IbanCountry{"UA", 29}, IbanCountry{"VA", 22}, IbanCountry{"VG", 24}, IbanCountry{"XK", 20},
    IbanCountry{"YE", 30},
};

static_assert(std::is_sorted(k_iban_countries.begin(), k_iban_countries.end(),
                             [](const IbanCountry& a, const IbanCountry& b) {
                                 return a.code < b.code;
                             }),
              "k_iban_countries must stay sorted by country code");

// ISO 13616 caps every IBAN at 34 characters, whatever the country.
constexpr std::size_t k_iban_max_length = 34;

// Returns 0 when the country does not issue IBANs.
std::size_t iban_length_for(std::string_view country) noexcept {
    const auto it = std::lower_bound(
        k_iban_countries.begin(), k_iban_countries.end(), country,
        [](const IbanCountry& entry, std::string_view code) { return entry.code < code; });
    if (it == k_iban_countries.end() || it->code != country) {
        return 0;
    }
    return it->length;
}

// ---------------------------------------------------------------------------------------------
// Verhoeff tables (dihedral group D5 multiplication and the position permutation)
// ---------------------------------------------------------------------------------------------

using DigitTable = std::array<std::uint8_t, 10>;

constexpr std::array<DigitTable, 10> k_verhoeff_multiplication{{
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
    {1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
    {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
    {3, 4, 0, 1, 2, 8, 9, 5, 6, 7},
    {4, 0, 1, 2, 3, 9, 5, 6, 7, 8},
    {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
    {6, 5, 9, 8, 7, 1, 0, 4, 3, 2},
    {7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
    {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
    {9, 8, 7, 6, 5, 4, 3, 2, 1, 0},
}};

// The permutation repeats with period 8, so only the first 8 rows are needed.
constexpr std::array<DigitTable, 8> k_verhoeff_permutation{{
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
    {1, 5, 7, 6, 2, 8, 3, 0, 9, 4},
    {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
    {8, 9, 1, 6, 0, 4, 3, 5, 2, 7},
    {9, 4, 5, 3, 1, 2, 6, 8, 7, 0},
    {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
    {2, 7, 9, 3, 8, 0, 6, 4, 1, 5},
    {7, 0, 4, 6, 9, 1, 3, 2, 5, 8},
}};

// ---------------------------------------------------------------------------------------------
// Validator type names
// ---------------------------------------------------------------------------------------------

// Entropy per byte can never exceed log2(256).
constexpr double k_max_entropy_bits = 8.0;

// Shortest round-trip form, so "3.5" stays "3.5" in messages instead of "3.500000".
std::string format_number(double value) {
    std::array<char, 64> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    if (result.ec != std::errc{}) {
        return std::to_string(value);
    }
    return std::string(buffer.data(), result.ptr);
}

[[noreturn]] void fail(const std::string& reason) {
    throw std::invalid_argument(reason);
}

double read_entropy_bound(const nlohmann::json& spec, const char* field) {
    const auto it = spec.find(field);
    // is_number() is false for booleans, so {"min": true} is rejected rather than read as 1.
    if (it == spec.end() || !it->is_number()) {
        fail(std::string("validator 'entropy' needs a numeric '") + field + "'");
    }
    const double bound = it->get<double>();
    // Written as a negated range test so that NaN (constructible in code, not in JSON) fails.
    if (!(bound >= 0.0 && bound <= k_max_entropy_bits)) {
        fail(std::string("validator 'entropy' '") + field + "' must be between 0 and 8 (got " +
             format_number(bound) + ")");
    }
    return bound;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Pure checks
// ---------------------------------------------------------------------------------------------

bool luhn(std::string_view value) {
    unsigned sum = 0;
    std::size_t digits = 0;
    // Luhn doubles every second digit counted from the check digit, so walk right to left.
    for (auto it = value.rbegin(); it != value.rend(); ++it) {
        const char c = *it;
        if (is_digit_separator(c)) {
            continue;
        }
        if (!is_ascii_digit(c)) {
            return false;
        }
        unsigned digit = digit_value(c);
        if (digits % 2 == 1) {
            digit *= 2;
            if (digit > 9) {
                digit -= 9;
            }
        }
        sum = (sum + digit) % 10;
        ++digits;
    }
    return digits >= 2 && sum == 0;
}

bool iban_mod97(std::string_view value) {
    std::array<char, k_iban_max_length> compact{};
    std::size_t length = 0;
    for (const char raw : value) {
        if (raw == ' ') {
            continue;
        }
        const char c = to_ascii_upper(raw);
        if (!is_ascii_digit(c) && !is_ascii_upper(c)) {
            return false;
        }
        if (length == compact.size()) {
            return false;
        }
        compact[length] = c;
        ++length;
    }
    if (length < 4) {
        return false;
    }
    if (!is_ascii_upper(compact[0]) || !is_ascii_upper(compact[1]) || !is_ascii_digit(compact[2]) ||
        !is_ascii_digit(compact[3])) {
        return false;
    }
    const unsigned check_digits = digit_value(compact[2]) * 10 + digit_value(compact[3]);
    if (check_digits < 2 || check_digits > 98) {
        return false;
    }
    const std::string_view country(compact.data(), 2);
    if (iban_length_for(country) != length) {
        return false;
    }

    // ISO 7064 MOD 97-10 over BBAN + country + check digits, letters expanded to 10..35.
    // Folding the remainder per character avoids building the up-to-68-digit number.
    unsigned remainder = 0;
    for (std::size_t i = 0; i < length; ++i) {
        const char c = compact[(i + 4) % length];
        if (is_ascii_digit(c)) {
            remainder = (remainder * 10 + digit_value(c)) % 97;
        } else {
            remainder = (remainder * 100 + static_cast<unsigned>(c - 'A' + 10)) % 97;
        }
    }
    return remainder == 1;
}

double shannon_entropy(std::string_view value) {
    if (value.empty()) {
        return 0.0;
    }
    std::array<std::size_t, 256> counts{};
    for (const char c : value) {
        ++counts[static_cast<unsigned char>(c)];
    }
    const auto total = static_cast<double>(value.size());
    double entropy = 0.0;
    for (const std::size_t count : counts) {
        if (count == 0) {
            continue;
        }
        const double p = static_cast<double>(count) / total;
        entropy -= p * std::log2(p);
    }
    // A single repeated byte yields -0.0; report it as plain 0.
    return entropy > 0.0 ? entropy : 0.0;
}

bool verhoeff(std::string_view value) {
    std::size_t check = 0;
    std::size_t digits = 0;
    // The permutation applied to a digit depends on its position counted from the right.
    for (auto it = value.rbegin(); it != value.rend(); ++it) {
        const char c = *it;
        if (is_digit_separator(c)) {
            continue;
        }
        if (!is_ascii_digit(c)) {
            return false;
        }
        const std::size_t permuted = k_verhoeff_permutation[digits % 8][digit_value(c)];
        check = k_verhoeff_multiplication[check][permuted];
        ++digits;
    }
    return digits >= 2 && check == 0;
}

bool iso7064_mod11_10(std::string_view value) {
    // Pure-hybrid system: running product in 1..10 (mod 11), running sum in 0..9 (mod 10).
    // A number including its check digit is valid when the final sum is 1.
    unsigned product = 10;
    unsigned sum = 0;
    std::size_t digits = 0;
    for (const char c : value) {
        if (is_digit_separator(c)) {
            continue;
        }
        if (!is_ascii_digit(c)) {
            return false;
        }
        sum = (product + digit_value(c)) % 10;
        product = ((sum == 0 ? 10 : sum) * 2) % 11;
        ++digits;
    }
    return digits >= 2 && sum == 1;
}

bool iso7064_mod11_2(std::string_view value) {
    // Horner evaluation of sum(v_i * 2^(n-1-i)) mod 11; valid numbers leave remainder 1.
    unsigned remainder = 0;
    std::size_t characters = 0;
    bool saw_x = false;
    for (const char c : value) {
        if (is_digit_separator(c)) {
            continue;
        }
        // 'X' stands for 10 and only the check character can take that value.
        if (saw_x) {
            return false;
        }
        unsigned digit = 0;
        if (is_ascii_digit(c)) {
            digit = digit_value(c);
        } else if (c == 'X' || c == 'x') {
            digit = 10;
            saw_x = true;
        } else {
            return false;
        }
        remainder = (remainder * 2 + digit) % 11;
        ++characters;
    }
    return characters >= 2 && remainder == 1;
}

bool aba_routing(std::string_view value) {
    static constexpr std::array<unsigned, 3> k_weights{3, 7, 1};
    constexpr std::size_t k_routing_digits = 9;
    unsigned sum = 0;
    std::size_t digits = 0;
    bool any_nonzero = false;
    for (const char c : value) {
        if (is_digit_separator(c)) {
            continue;
        }
        if (!is_ascii_digit(c) || digits == k_routing_digits) {
            return false;
        }
        const unsigned digit = digit_value(c);
        any_nonzero = any_nonzero || digit != 0;
        sum += digit * k_weights[digits % 3];
        ++digits;
    }
    return digits == k_routing_digits && any_nonzero && sum % 10 == 0;
}

// ---------------------------------------------------------------------------------------------
// Validator
// ---------------------------------------------------------------------------------------------

namespace {

// Entropy takes parameters, so it is handled by Validator itself; its row only reserves the
// name (and its place in the list of known types).
constexpr NamedCheck k_core_checks[] = {
    {"luhn", luhn},         {"iban", iban_mod97},           {"entropy", nullptr},
    {"verhoeff", verhoeff}, {"mod11_10", iso7064_mod11_10}, {"mod11_2", iso7064_mod11_2},
    {"aba", aba_routing},
};

template <typename Fn>
void for_each_check(Fn&& fn) {
    for (auto table : {core_checks(), credential_checks(), pii_checks()}) {
        for (const NamedCheck& c : table) {
            fn(c);
        }
    }
}

} // namespace

std::span<const NamedCheck> core_checks() {
    return k_core_checks;
}

Validator::Validator(std::string type, CheckFn check_fn, double min_entropy, double max_entropy,
                     bool has_max)
    : m_type(std::move(type)), m_check(check_fn), m_min_entropy(min_entropy),
      m_max_entropy(max_entropy), m_has_max(has_max) {}

Validator Validator::from_json(const nlohmann::json& spec) {
    if (!spec.is_object()) {
        fail("validator must be an object with a string 'type'");
    }
    const auto type_it = spec.find("type");
    if (type_it == spec.end() || !type_it->is_string()) {
        fail("validator must be an object with a string 'type'");
    }
    const auto& type = type_it->get_ref<const std::string&>();

    const NamedCheck* found = nullptr;
    std::string known;
    for_each_check([&](const NamedCheck& c) {
        known += known.empty() ? "" : ", ";
        known += c.name;
        if (c.name == type) {
            found = &c;
        }
    });
    if (!found) {
        fail("unknown validator type '" + type + "' (known: " + known + ")");
    }
    const bool is_entropy = found->check == nullptr;

    // Checked before required fields so that a misspelt "mn" is reported as the typo it is,
    // not as a missing "min".
    for (const auto& item : spec.items()) {
        const std::string& key = item.key();
        const bool allowed = key == "type" || key == "on_fail" || key == "boost" ||
                             (is_entropy && (key == "min" || key == "max"));
        if (!allowed) {
            fail("unknown field '" + key + "' in validator '" + type + "'");
        }
    }

    Validator v = [&] {
        if (!is_entropy) {
            return Validator(type, found->check, 0.0, k_max_entropy_bits, false);
        }
        const double min_entropy = read_entropy_bound(spec, "min");
        if (!spec.contains("max")) {
            return Validator(type, nullptr, min_entropy, k_max_entropy_bits, false);
        }
        const double max_entropy = read_entropy_bound(spec, "max");
        if (min_entropy > max_entropy) {
            fail("validator 'entropy' has 'min' " + format_number(min_entropy) +
                 " greater than 'max' " + format_number(max_entropy));
        }
        return Validator(type, nullptr, min_entropy, max_entropy, true);
    }();
    if (const auto it = spec.find("on_fail"); it != spec.end()) {
        if (!it->is_string() || (*it != "drop" && *it != "info")) {
            fail("validator '" + type + "': 'on_fail' must be \"drop\" or \"info\"");
        }
        v.m_on_fail = *it == "info" ? OnFail::info : OnFail::drop;
    }
    if (const auto it = spec.find("boost"); it != spec.end()) {
        if (!it->is_boolean()) {
            fail("validator '" + type + "': 'boost' must be true or false");
        }
        v.m_boost = it->get<bool>();
    }
    return v;
}

bool Validator::check(std::string_view value) const {
    if (m_check) {
        return m_check(value);
    }
    const double entropy = shannon_entropy(value);
    return entropy >= m_min_entropy && (!m_has_max || entropy <= m_max_entropy);
}

Validator::Spec Validator::spec() const {
    return {m_type, m_min_entropy, m_max_entropy, m_has_max, m_on_fail, m_boost};
}

Validator Validator::from_spec(const Spec& spec) {
    const NamedCheck* found = nullptr;
    for_each_check([&](const NamedCheck& c) {
        if (c.name == spec.type) {
            found = &c;
        }
    });
    if (!found) {
        fail("unknown validator type '" + spec.type + "'");
    }
    Validator v(spec.type, found->check, spec.min_entropy, spec.max_entropy, spec.has_max);
    v.m_on_fail = spec.on_fail;
    v.m_boost = spec.boost;
    return v;
}

const std::string& Validator::type() const noexcept {
    return m_type;
}

std::string Validator::describe() const {
    if (m_check) {
        return m_type;
    }
    std::string text = "entropy>=" + format_number(m_min_entropy);
    if (m_has_max) {
        text += ",<=" + format_number(m_max_entropy);
    }
    return text;
}

} // namespace promptlint::validators

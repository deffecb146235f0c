#pragma once
// Post-match confirmation: pure checksum/entropy tests that turn a regex hit into a finding,
// so that e.g. any 16-digit run is only reported when it is a plausible card number.

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace promptlint::validators {

// Pure checks. Every function takes the candidate value as matched in the text. Only the
// separators a function documents are skipped; any other unexpected character makes it fail,
// because a candidate with stray characters is not the identifier the rule is looking for.

// Luhn (ISO/IEC 7812) over digits; ' ' and '-' are skipped. Needs at least 2 digits.
bool luhn(std::string_view value);

// ISO 13616 IBAN: ' ' is skipped, letters are case-insensitive. The country code must be in
// the SWIFT IBAN registry and the length must match that country's IBAN length; the check
// digits must be 02..98 (ISO 7064 never produces 00, 01 or 99) and the mod-97 remainder 1.
bool iban_mod97(std::string_view value);

// Shannon entropy in bits per byte over the byte distribution: 0 for empty input, at most 8.
double shannon_entropy(std::string_view value);

// Verhoeff (Aadhaar): digits, ' ' and '-' skipped, last digit is the check digit. Needs at
// least 2 digits.
bool verhoeff(std::string_view value);

// ISO 7064 MOD 11,10 (German Steuer-IdNr, Croatian OIB): digits, ' ' and '-' skipped, last
// digit is the check digit. Needs at least 2 digits.
bool iso7064_mod11_10(std::string_view value);

// ISO 7064 MOD 11-2 (Chinese resident ID, ORCID, ISNI): digits, ' ' and '-' skipped; the
// check character is the last one and may be 'X'/'x' (value 10). Needs at least 2 characters.
bool iso7064_mod11_2(std::string_view value);

// ABA routing transit number: exactly 9 digits (' ' and '-' skipped), weights 3,7,1 sum to a
// multiple of 10, and not all zeros (which trivially passes the sum).
bool aba_routing(std::string_view value);

using CheckFn = bool (*)(std::string_view value);

// A named check without parameters, as a rule pack names it in {"type": NAME}. The checks live
// in one table per family, each in its own source file, so the packs can grow independently:
struct NamedCheck {
    std::string_view name;
    CheckFn check;
};
std::span<const NamedCheck> core_checks();       // validators.cpp: luhn, iban, entropy, …
std::span<const NamedCheck> credential_checks(); // validators_credentials.cpp
std::span<const NamedCheck> pii_checks();        // validators_pii.cpp

// A validator as written in a rule pack:
//   {"type": "luhn"} | {"type": "iban"} | {"type": "entropy", "min": 3.5, "max": 8 (optional)}
//   | {"type": "verhoeff"} | {"type": "mod11_10"} | {"type": "mod11_2"} | {"type": "aba"} | …
// Every validator also takes "on_fail": "drop" | "info" and "boost": true | false.
// Unknown fields are rejected so that a typo ("mn") cannot silently disable a threshold.
class Validator {
public:
    // Throws std::invalid_argument whose what() is a short human reason, e.g.
    // "unknown validator type 'lunh' (known: luhn, iban, entropy, verhoeff, mod11_10, mod11_2,
    // aba)", "validator 'entropy' needs a numeric 'min'", "unknown field 'mn' in validator
    // 'entropy'", "validator must be an object with a string 'type'".
    static Validator from_json(const nlohmann::json& spec);

    // True when the candidate passes.
    bool check(std::string_view value) const;

    // What a failed check does: drop the candidate (default), or keep it at severity info
    // ("on_fail": "info"), for known example and test values a user should still see.
    enum class OnFail : std::uint8_t { drop, info };
    OnFail on_fail() const noexcept { return m_on_fail; }
    // "boost": true raises the finding's confidence one level when the check passes.
    bool boosts() const noexcept { return m_boost; }

    // The rule-pack type name, e.g. "luhn" or "entropy".
    const std::string& type() const noexcept;

    // Short form for reports, e.g. "luhn", "entropy>=3.5", "entropy>=3.5,<=6".
    std::string describe() const;

    // Everything a pack says about a validator: a parsed rule set is stored and rebuilt from
    // these without its JSON (rule_image.hpp).
    struct Spec {
        std::string type;
        double min_entropy = 0.0;
        double max_entropy = 8.0;
        bool has_max = false;
        OnFail on_fail = OnFail::drop;
        bool boost = false;
    };
    Spec spec() const;
    // Throws std::invalid_argument when no check has the type.
    static Validator from_spec(const Spec& spec);

    friend bool operator==(const Validator&, const Validator&) = default;

private:
    Validator(std::string type, CheckFn check_fn, double min_entropy, double max_entropy,
              bool has_max);

    std::string m_type;
    CheckFn m_check = nullptr; // null for entropy, which is computed with the bounds below
    // Only meaningful for entropy.
    double m_min_entropy = 0.0;
    double m_max_entropy = 8.0;
    bool m_has_max = false;
    OnFail m_on_fail = OnFail::drop;
    bool m_boost = false;
};

} // namespace promptlint::validators

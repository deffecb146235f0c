// Unit tests for promptlint::validators, built from published test vectors. Every vector's
// source is named next to it; vectors marked "computed" were derived with the reference
// algorithm and exist only to exercise a specific rule (e.g. a valid checksum of wrong length).

#include "promptlint/validators.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <set>
#include <stdexcept>
#include <string>

namespace pv = promptlint::validators;
using nlohmann::json;

// ---------------------------------------------------------------------------------------------
// Luhn
// ---------------------------------------------------------------------------------------------

TEST_CASE("luhn accepts published valid numbers", "[validators][luhn]") {
    // Wikipedia "Luhn algorithm" worked example.
    CHECK(pv::luhn("79927398713"));
    // Test card numbers published by payment processors (Visa, Mastercard, American Express,
    // Discover) for use in sandboxes.
    CHECK(pv::luhn("4111111111111111"));
    CHECK(pv::luhn("5555555555554444"));
    CHECK(pv::luhn("378282246310005"));
    CHECK(pv::luhn("6011111111111117"));
}

TEST_CASE("luhn skips spaces and dashes used to group digits", "[validators][luhn]") {
    CHECK(pv::luhn("4111 1111 1111 1111"));
    CHECK(pv::luhn("5555-5555-5555-4444"));
    CHECK(pv::luhn("3782 822463 10005"));
}

TEST_CASE("luhn rejects a wrong check digit", "[validators][luhn]") {
    CHECK_FALSE(pv::luhn("79927398710"));
    CHECK_FALSE(pv::luhn("4111111111111112"));
    CHECK_FALSE(pv::luhn("378282246310006"));
    // Adjacent transposition 13 -> 31 of the Wikipedia example.
    CHECK_FALSE(pv::luhn("79927398731"));
}

TEST_CASE("luhn rejects any character other than digits, spaces and dashes", "[validators][luhn]") {
    CHECK_FALSE(pv::luhn("4111.1111.1111.1111"));
    CHECK_FALSE(pv::luhn("4111/1111/1111/1111"));
    CHECK_FALSE(pv::luhn("4111a11111111111"));
    CHECK_FALSE(pv::luhn("+79927398713"));
    CHECK_FALSE(pv::luhn("79927398713\n"));
    CHECK_FALSE(pv::luhn("4111\t1111 1111 1111"));
}

TEST_CASE("luhn needs at least two digits", "[validators][luhn]") {
    CHECK_FALSE(pv::luhn(""));
    CHECK_FALSE(pv::luhn("0"));
    CHECK_FALSE(pv::luhn(" - "));
    CHECK_FALSE(pv::luhn("-0-"));
    // The shortest numbers that can pass: 0 + check digit 0, 1 + check digit 8.
    CHECK(pv::luhn("00"));
    CHECK(pv::luhn("18"));
}

// ---------------------------------------------------------------------------------------------
// IBAN
// ---------------------------------------------------------------------------------------------

TEST_CASE("iban_mod97 accepts the SWIFT IBAN registry examples", "[validators][iban]") {
    // Example IBANs printed in the SWIFT IBAN registry (ISO 13616).
    CHECK(pv::iban_mod97("GB29NWBK60161331926819"));
    CHECK(pv::iban_mod97("DE89370400440532013000"));
    CHECK(pv::iban_mod97("FR1420041010050500013M02606"));
    CHECK(pv::iban_mod97("NL91ABNA0417164300"));
    CHECK(pv::iban_mod97("BE68539007547034"));
    CHECK(pv::iban_mod97("CH9300762011623852957"));
    CHECK(pv::iban_mod97("IT60X0542811101000000123456"));
    CHECK(pv::iban_mod97("MT84MALT011000012345MTLCAST001S"));
    // Shortest (Norway, 15) and longest (Russia, 33) registered lengths.
    CHECK(pv::iban_mod97("NO9386011117947"));
    CHECK(pv::iban_mod97("RU0204452560040702810412345678901"));
    // Saint Lucia (32) and Yemen (30): late additions to the registry.
    CHECK(pv::iban_mod97("LC55HEMM000100010012001200023015"));
    CHECK(pv::iban_mod97("YE15CBYE0001018861234567891234"));
}

TEST_CASE("iban_mod97 ignores spaces and letter case", "[validators][iban]") {
    // Print format as shown in the SWIFT IBAN registry.
    CHECK(pv::iban_mod97("GB29 NWBK 6016 1331 9268 19"));
    CHECK(pv::iban_mod97("gb29nwbk60161331926819"));
    CHECK(pv::iban_mod97("fr14 2004 1010 0505 0001 3m02 606"));
    CHECK(pv::iban_mod97("  DE89 3704 0044 0532 0130 00  "));
}

TEST_CASE("iban_mod97 rejects a wrong check digit or a transposition", "[validators][iban]") {
    CHECK_FALSE(pv::iban_mod97("GB28NWBK60161331926819"));
    CHECK_FALSE(pv::iban_mod97("DE89370400440532013001"));
    CHECK_FALSE(pv::iban_mod97("GB29NWBK60161331926891"));
    CHECK_FALSE(pv::iban_mod97("NL91ABNA0417164301"));
}

TEST_CASE("iban_mod97 requires the registry length of the country", "[validators][iban]") {
    // Registry examples with one character dropped or added.
    CHECK_FALSE(pv::iban_mod97("GB29NWBK6016133192681"));
    CHECK_FALSE(pv::iban_mod97("NL91ABNA04171643000"));
    // Computed: a 23-character "DE" string whose mod-97 remainder is 1; Germany uses 22.
    CHECK_FALSE(pv::iban_mod97("DE543704004405320130001"));
    // Longer than the ISO 13616 maximum of 34 characters.
    CHECK_FALSE(pv::iban_mod97("GB29NWBK60161331926819GB29NWBK60161331926819"));
}

TEST_CASE("iban_mod97 rejects country codes that do not issue IBANs", "[validators][iban]") {
    // Computed: "XX" with the German BBAN and check digits that satisfy mod-97.
    CHECK_FALSE(pv::iban_mod97("XX46370400440532013000"));
    // Territories use their parent's prefix (Jersey under GB), so "JE" itself is unknown.
    CHECK_FALSE(pv::iban_mod97("JE29NWBK60161331926819"));
    // Country code must be letters, check digits must be digits.
    CHECK_FALSE(pv::iban_mod97("1229NWBK60161331926819"));
    CHECK_FALSE(pv::iban_mod97("GBA9NWBK60161331926819"));
}

TEST_CASE("iban_mod97 rejects check digits 00, 01 and 99 even when mod-97 passes",
          "[validators][iban]") {
    // Computed: GB IBANs whose correct check digits are 98 and 02. Because 01 = 98 and
    // 99 = 02 (mod 97), the variants pass mod-97, yet ISO 7064 never emits them.
    CHECK(pv::iban_mod97("GB98NWBK60161310000085"));
    CHECK_FALSE(pv::iban_mod97("GB01NWBK60161310000085"));
    CHECK(pv::iban_mod97("GB02NWBK60161310000067"));
    CHECK_FALSE(pv::iban_mod97("GB99NWBK60161310000067"));
    CHECK_FALSE(pv::iban_mod97("GB00NWBK60161331926819"));
}

TEST_CASE("iban_mod97 rejects separators other than spaces and malformed input",
          "[validators][iban]") {
    CHECK_FALSE(pv::iban_mod97(""));
    CHECK_FALSE(pv::iban_mod97("GB2"));
    CHECK_FALSE(pv::iban_mod97("GB29-NWBK-6016-1331-9268-19"));
    CHECK_FALSE(pv::iban_mod97("GB29.NWBK.6016.1331.9268.19"));
    CHECK_FALSE(pv::iban_mod97("GB29NWBK60161331926819."));
    CHECK_FALSE(pv::iban_mod97("GB29\tNWBK60161331926819"));
    // UTF-8 bytes (here "é") are not IBAN characters.
    CHECK_FALSE(pv::iban_mod97("GB29NWBK6016133192681\xC3\xA9"));
}

// ---------------------------------------------------------------------------------------------
// Shannon entropy
// ---------------------------------------------------------------------------------------------

TEST_CASE("shannon_entropy is zero for empty and single-symbol input", "[validators][entropy]") {
    CHECK(pv::shannon_entropy("") == 0.0);
    CHECK(pv::shannon_entropy("a") == 0.0);
    CHECK(pv::shannon_entropy("aaaa") == 0.0);
}

TEST_CASE("shannon_entropy of n equiprobable symbols is log2(n) bits", "[validators][entropy]") {
    CHECK(pv::shannon_entropy("ab") == Approx(1.0));
    CHECK(pv::shannon_entropy("aabb") == Approx(1.0));
    CHECK(pv::shannon_entropy("abcd") == Approx(2.0));
    CHECK(pv::shannon_entropy("0123456789abcdef") == Approx(4.0));
    CHECK(pv::shannon_entropy("0123456789abcdef0123456789abcdef") == Approx(4.0));
}

TEST_CASE("shannon_entropy reaches 8 bits when every byte value occurs equally",
          "[validators][entropy]") {
    std::string all_bytes;
    for (int byte = 0; byte < 256; ++byte) {
        all_bytes.push_back(static_cast<char>(byte));
    }
    CHECK(pv::shannon_entropy(all_bytes) == Approx(8.0));
}

TEST_CASE("shannon_entropy weighs symbols by frequency", "[validators][entropy]") {
    // -(2/3*log2(2/3) + 1/3*log2(1/3))
    CHECK(pv::shannon_entropy("aab") == Approx(0.9182958340544896));
    // Frequencies l:3, o:2, and 6 singletons over 11 bytes.
    CHECK(pv::shannon_entropy("hello world") == Approx(2.8453509366224368));
}

TEST_CASE("shannon_entropy counts bytes, not code points", "[validators][entropy]") {
    // U+00E9 is two distinct UTF-8 bytes.
    CHECK(pv::shannon_entropy("\xC3\xA9") == Approx(1.0));
}

// ---------------------------------------------------------------------------------------------
// Verhoeff
// ---------------------------------------------------------------------------------------------

TEST_CASE("verhoeff accepts published valid numbers", "[validators][verhoeff]") {
    // Wikipedia "Verhoeff algorithm" worked example: 236 -> check digit 3.
    CHECK(pv::verhoeff("2363"));
    // Rosetta Code "Verhoeff algorithm" task: 12345 -> 1, 123456789012 -> 0.
    CHECK(pv::verhoeff("123451"));
    CHECK(pv::verhoeff("1234567890120"));
    // python-stdnum verhoeff doctest: check digit of 1234 is 0.
    CHECK(pv::verhoeff("12340"));
}

TEST_CASE("verhoeff skips the spaces and dashes of the Aadhaar print format",
          "[validators][verhoeff]") {
    // Computed: 12-digit Aadhaar-shaped number (not an issued one), 23456789012 -> 4.
    CHECK(pv::verhoeff("234567890124"));
    CHECK(pv::verhoeff("2345 6789 0124"));
    CHECK(pv::verhoeff("2345-6789-0124"));
}

TEST_CASE("verhoeff rejects wrong check digits and transpositions", "[validators][verhoeff]") {
    CHECK_FALSE(pv::verhoeff("2364"));
    CHECK_FALSE(pv::verhoeff("1234"));
    // Adjacent transposition of 2363; Verhoeff detects all of these.
    CHECK_FALSE(pv::verhoeff("2336"));
    CHECK_FALSE(pv::verhoeff("2345 6789 0142"));
}

TEST_CASE("verhoeff rejects bad characters and too-short input", "[validators][verhoeff]") {
    CHECK_FALSE(pv::verhoeff(""));
    CHECK_FALSE(pv::verhoeff("0"));
    CHECK_FALSE(pv::verhoeff("   "));
    CHECK_FALSE(pv::verhoeff("2363a"));
    CHECK_FALSE(pv::verhoeff("23.63"));
}

// ---------------------------------------------------------------------------------------------
// ISO 7064 MOD 11,10
// ---------------------------------------------------------------------------------------------

TEST_CASE("iso7064_mod11_10 accepts published valid numbers", "[validators][mod11_10]") {
    // German Steuer-IdNr test vector; verified by computing MOD 11,10 by hand and in code.
    CHECK(pv::iso7064_mod11_10("86095742719"));
    // python-stdnum de.idnr doctest, in its print format.
    CHECK(pv::iso7064_mod11_10("36 574 261 809"));
    // python-stdnum iso7064.mod_11_10 doctests: 79462 -> 3, 00200667308 -> 5.
    CHECK(pv::iso7064_mod11_10("794623"));
    CHECK(pv::iso7064_mod11_10("002006673085"));
}

TEST_CASE("iso7064_mod11_10 rejects wrong check digits and transpositions",
          "[validators][mod11_10]") {
    // python-stdnum de.idnr doctest for an invalid checksum.
    CHECK_FALSE(pv::iso7064_mod11_10("36574261890"));
    CHECK_FALSE(pv::iso7064_mod11_10("86095742718"));
    CHECK_FALSE(pv::iso7064_mod11_10("86095742791"));
    CHECK_FALSE(pv::iso7064_mod11_10("794624"));
}

TEST_CASE("iso7064_mod11_10 rejects bad characters and too-short input", "[validators][mod11_10]") {
    CHECK_FALSE(pv::iso7064_mod11_10(""));
    CHECK_FALSE(pv::iso7064_mod11_10("1"));
    CHECK_FALSE(pv::iso7064_mod11_10("86095742719X"));
    CHECK_FALSE(pv::iso7064_mod11_10("86/095/742/719"));
    CHECK_FALSE(pv::iso7064_mod11_10("86.095.742.719"));
}

// ---------------------------------------------------------------------------------------------
// ISO 7064 MOD 11-2
// ---------------------------------------------------------------------------------------------

TEST_CASE("iso7064_mod11_2 accepts published valid numbers", "[validators][mod11_2]") {
    // GB 11643-1999 resident identity number example (Wikipedia), check character X.
    CHECK(pv::iso7064_mod11_2("11010519491231002X"));
    CHECK(pv::iso7064_mod11_2("11010519491231002x"));
    // ORCID identifiers from ORCID's own documentation, including one ending in X.
    CHECK(pv::iso7064_mod11_2("0000-0002-1825-0097"));
    CHECK(pv::iso7064_mod11_2("0000-0002-1694-233X"));
    // python-stdnum iso7064.mod_11_2 doctests: 0794 -> 0, 079 -> X.
    CHECK(pv::iso7064_mod11_2("07940"));
    CHECK(pv::iso7064_mod11_2("079X"));
}

TEST_CASE("iso7064_mod11_2 rejects wrong check characters", "[validators][mod11_2]") {
    CHECK_FALSE(pv::iso7064_mod11_2("110105194912310021"));
    CHECK_FALSE(pv::iso7064_mod11_2("0000-0002-1825-0098"));
    CHECK_FALSE(pv::iso7064_mod11_2("0000-0002-1825-009X"));
    CHECK_FALSE(pv::iso7064_mod11_2("07941"));
}

TEST_CASE("iso7064_mod11_2 only allows X as the final character", "[validators][mod11_2]") {
    CHECK_FALSE(pv::iso7064_mod11_2("1101051949123100X2"));
    CHECK_FALSE(pv::iso7064_mod11_2("11010519491231002XX"));
    CHECK_FALSE(pv::iso7064_mod11_2("X079"));
}

TEST_CASE("iso7064_mod11_2 rejects bad characters and too-short input", "[validators][mod11_2]") {
    CHECK_FALSE(pv::iso7064_mod11_2(""));
    CHECK_FALSE(pv::iso7064_mod11_2("X"));
    CHECK_FALSE(pv::iso7064_mod11_2("1"));
    CHECK_FALSE(pv::iso7064_mod11_2("11010519491231002Y"));
    CHECK_FALSE(pv::iso7064_mod11_2("0000.0002.1825.0097"));
}

// ---------------------------------------------------------------------------------------------
// ABA routing numbers
// ---------------------------------------------------------------------------------------------

TEST_CASE("aba_routing accepts published routing numbers", "[validators][aba]") {
    // Federal Reserve Bank of Boston.
    CHECK(pv::aba_routing("011000015"));
    // JPMorgan Chase (New York), State Street (Boston), Bank of America (California), as
    // published by the banks and in the Fedwire directory.
    CHECK(pv::aba_routing("021000021"));
    CHECK(pv::aba_routing("011000028"));
    CHECK(pv::aba_routing("121000358"));
    // Separators are skipped like for the other digit checks.
    CHECK(pv::aba_routing("0110-0001-5"));
}

TEST_CASE("aba_routing rejects a wrong check digit and the all-zero number", "[validators][aba]") {
    CHECK_FALSE(pv::aba_routing("011000016"));
    CHECK_FALSE(pv::aba_routing("021000012"));
    // Weighted sum 0 is a multiple of 10, but no bank has routing number 000000000.
    CHECK_FALSE(pv::aba_routing("000000000"));
}

TEST_CASE("aba_routing requires exactly nine digits", "[validators][aba]") {
    CHECK_FALSE(pv::aba_routing(""));
    CHECK_FALSE(pv::aba_routing("01100001"));
    CHECK_FALSE(pv::aba_routing("0110000150"));
    CHECK_FALSE(pv::aba_routing("01100001a"));
    CHECK_FALSE(pv::aba_routing("011000015 1"));
    CHECK_FALSE(pv::aba_routing("011.000.015"));
}

// ---------------------------------------------------------------------------------------------
// Validator (rule-pack form)
// ---------------------------------------------------------------------------------------------

TEST_CASE("Validator::from_json builds every checksum validator by type name",
          "[validators][Validator]") {
    struct Case {
        const char* type;
        const char* valid;
        const char* invalid;
    };
    const Case cases[] = {
        {"luhn", "4111 1111 1111 1111", "4111 1111 1111 1112"},
        {"iban", "GB29 NWBK 6016 1331 9268 19", "GB28 NWBK 6016 1331 9268 19"},
        {"verhoeff", "2363", "2364"},
        {"mod11_10", "86095742719", "86095742718"},
        {"mod11_2", "11010519491231002X", "110105194912310021"},
        {"aba", "011000015", "011000016"},
    };
    for (const auto& c : cases) {
        INFO("type " << c.type);
        const auto validator = pv::Validator::from_json(json{{"type", c.type}});
        CHECK(validator.type() == c.type);
        CHECK(validator.describe() == c.type);
        CHECK(validator.check(c.valid));
        CHECK_FALSE(validator.check(c.invalid));
    }
}

TEST_CASE("Validator entropy with only a minimum accepts everything at or above it",
          "[validators][Validator]") {
    const auto validator = pv::Validator::from_json(json::parse(R"({"type":"entropy","min":3.5})"));
    CHECK(validator.type() == "entropy");
    CHECK(validator.describe() == "entropy>=3.5");
    CHECK_FALSE(validator.check("aaaa"));
    CHECK_FALSE(validator.check("abcd"));
    CHECK(validator.check("0123456789abcdef"));
}

TEST_CASE("Validator entropy minimum is inclusive and accepts integers",
          "[validators][Validator]") {
    const auto validator = pv::Validator::from_json(json::parse(R"({"type":"entropy","min":1})"));
    CHECK(validator.describe() == "entropy>=1");
    CHECK(validator.check("ab"));
    CHECK_FALSE(validator.check("aaab"));
}

TEST_CASE("Validator entropy with a maximum rejects values above it", "[validators][Validator]") {
    const auto validator =
        pv::Validator::from_json(json::parse(R"({"type":"entropy","min":1,"max":2.5})"));
    CHECK(validator.describe() == "entropy>=1,<=2.5");
    CHECK_FALSE(validator.check("aaaa"));
    CHECK(validator.check("ab"));
    CHECK(validator.check("abcd"));
    CHECK_FALSE(validator.check("0123456789abcdef"));
}

TEST_CASE("Validator is a copyable value", "[validators][Validator]") {
    const auto original = pv::Validator::from_json(json::parse(R"({"type":"entropy","min":2})"));
    const auto copy = original;
    CHECK(copy == original);
    CHECK(copy.describe() == "entropy>=2");
    auto assigned = pv::Validator::from_json(json{{"type", "luhn"}});
    CHECK_FALSE(assigned == original);
    assigned = original;
    CHECK(assigned.type() == "entropy");
    CHECK(assigned.check("abcd"));
}

TEST_CASE("Validator::from_json requires an object with a string type", "[validators][Validator]") {
    const std::string reason = "validator must be an object with a string 'type'";
    CHECK_THROWS_AS(pv::Validator::from_json(json("luhn")), std::invalid_argument);
    CHECK_THROWS_WITH(pv::Validator::from_json(json("luhn")), reason);
    CHECK_THROWS_WITH(pv::Validator::from_json(json()), reason);
    CHECK_THROWS_WITH(pv::Validator::from_json(json::array({"luhn"})), reason);
    CHECK_THROWS_WITH(pv::Validator::from_json(json::object()), reason);
    CHECK_THROWS_WITH(pv::Validator::from_json(json{{"type", 1}}), reason);
    CHECK_THROWS_WITH(pv::Validator::from_json(json{{"kind", "luhn"}}), reason);
}

TEST_CASE("Validator::from_json names the known types when the type is unknown",
          "[validators][Validator]") {
    CHECK_THROWS_AS(pv::Validator::from_json(json{{"type", "lunh"}}), std::invalid_argument);
    CHECK_THROWS_WITH(pv::Validator::from_json(json{{"type", "lunh"}}),
                      Catch::StartsWith("unknown validator type 'lunh' (known: luhn, iban, "
                                        "entropy, verhoeff, mod11_10, mod11_2, aba, "));
    // Type names are case-sensitive.
    CHECK_THROWS_WITH(pv::Validator::from_json(json{{"type", "LUHN"}}),
                      Catch::Matchers::StartsWith("unknown validator type 'LUHN'"));
}

TEST_CASE("Validator::from_json rejects unknown fields so typos cannot disable a check",
          "[validators][Validator]") {
    CHECK_THROWS_AS(pv::Validator::from_json(json::parse(R"({"type":"entropy","mn":3.5})")),
                    std::invalid_argument);
    CHECK_THROWS_WITH(pv::Validator::from_json(json::parse(R"({"type":"entropy","mn":3.5})")),
                      "unknown field 'mn' in validator 'entropy'");
    CHECK_THROWS_WITH(
        pv::Validator::from_json(json::parse(R"({"type":"entropy","min":3.5,"maxx":6})")),
        "unknown field 'maxx' in validator 'entropy'");
    // min/max only belong to entropy.
    CHECK_THROWS_WITH(pv::Validator::from_json(json::parse(R"({"type":"luhn","min":1})")),
                      "unknown field 'min' in validator 'luhn'");
}

TEST_CASE("Validator::from_json requires a numeric entropy minimum", "[validators][Validator]") {
    const std::string reason = "validator 'entropy' needs a numeric 'min'";
    CHECK_THROWS_AS(pv::Validator::from_json(json{{"type", "entropy"}}), std::invalid_argument);
    CHECK_THROWS_WITH(pv::Validator::from_json(json{{"type", "entropy"}}), reason);
    CHECK_THROWS_WITH(pv::Validator::from_json(json::parse(R"({"type":"entropy","min":"3.5"})")),
                      reason);
    CHECK_THROWS_WITH(pv::Validator::from_json(json::parse(R"({"type":"entropy","min":true})")),
                      reason);
    CHECK_THROWS_WITH(pv::Validator::from_json(json::parse(R"({"type":"entropy","min":null})")),
                      reason);
    CHECK_THROWS_WITH(pv::Validator::from_json(json::parse(R"({"type":"entropy","max":6})")),
                      reason);
}

TEST_CASE("Validator::from_json requires a numeric entropy maximum when one is given",
          "[validators][Validator]") {
    CHECK_THROWS_WITH(
        pv::Validator::from_json(json::parse(R"({"type":"entropy","min":3,"max":"6"})")),
        "validator 'entropy' needs a numeric 'max'");
    CHECK_THROWS_WITH(
        pv::Validator::from_json(json::parse(R"({"type":"entropy","min":3,"max":null})")),
        "validator 'entropy' needs a numeric 'max'");
}

TEST_CASE("Validator::from_json keeps entropy bounds within 0..8 bits per byte",
          "[validators][Validator]") {
    CHECK_THROWS_AS(pv::Validator::from_json(json::parse(R"({"type":"entropy","min":-1})")),
                    std::invalid_argument);
    CHECK_THROWS_WITH(pv::Validator::from_json(json::parse(R"({"type":"entropy","min":-1})")),
                      "validator 'entropy' 'min' must be between 0 and 8 (got -1)");
    CHECK_THROWS_WITH(pv::Validator::from_json(json::parse(R"({"type":"entropy","min":9.5})")),
                      "validator 'entropy' 'min' must be between 0 and 8 (got 9.5)");
    CHECK_THROWS_WITH(
        pv::Validator::from_json(json::parse(R"({"type":"entropy","min":3,"max":8.5})")),
        "validator 'entropy' 'max' must be between 0 and 8 (got 8.5)");
    // The bounds themselves are allowed.
    CHECK(
        pv::Validator::from_json(json::parse(R"({"type":"entropy","min":0,"max":8})")).describe() ==
        "entropy>=0,<=8");
}

TEST_CASE("Validator::from_json rejects an entropy minimum above the maximum",
          "[validators][Validator]") {
    CHECK_THROWS_AS(pv::Validator::from_json(json::parse(R"({"type":"entropy","min":5,"max":4})")),
                    std::invalid_argument);
    CHECK_THROWS_WITH(
        pv::Validator::from_json(json::parse(R"({"type":"entropy","min":5,"max":4})")),
        "validator 'entropy' has 'min' 5 greater than 'max' 4");
    // Equal bounds are a legal (if narrow) window.
    CHECK(
        pv::Validator::from_json(json::parse(R"({"type":"entropy","min":1,"max":1})")).check("ab"));
}

TEST_CASE("validator names are unique across the check tables", "[validators]") {
    std::set<std::string_view> names;
    for (auto table :
         {promptlint::validators::core_checks(), promptlint::validators::credential_checks(),
          promptlint::validators::pii_checks()}) {
        for (const auto& check : table) {
            INFO(check.name);
            CHECK(names.insert(check.name).second);
        }
    }
}

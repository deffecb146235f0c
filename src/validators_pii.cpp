// Check-digit algorithms for personal identifiers (national ids, tax numbers, …), named in
// rule packs as {"type": NAME}. Registered in the table at the end of this file.
//
// Every check takes the value exactly as the rule matched it. Each one skips only the
// separators that the identifier is really written with (spaces, dashes, dots, slashes) and
// fails on anything else, so a stray character never validates by accident. The structural
// rules (dates, allocated prefixes, reserved ranges) come from the issuing authority's
// published format; the source is named above each function.
#include "promptlint/digest.hpp"
#include "promptlint/validators.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace promptlint::validators {

namespace {

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

constexpr bool is_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}

constexpr bool is_upper(char c) noexcept {
    return c >= 'A' && c <= 'Z';
}

constexpr bool is_lower(char c) noexcept {
    return c >= 'a' && c <= 'z';
}

constexpr char to_upper(char c) noexcept {
    return is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c;
}

constexpr char to_lower(char c) noexcept {
    return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}

constexpr unsigned dv(char c) noexcept {
    return static_cast<unsigned>(c - '0');
}

// Letters count from A = 10 (ICAO 9303, ISO 7064 alphanumeric systems).
constexpr unsigned alnum_value(char c) noexcept {
    return is_digit(c) ? dv(c) : static_cast<unsigned>(c - 'A') + 10U;
}

// The value with `separators` removed and letters upper-cased, or nothing when it holds any
// other character or more than `max_length` characters.
std::optional<std::string> compact(std::string_view value, std::string_view separators,
                                   std::size_t max_length) {
    std::string out;
    for (const char c : value) {
        if (separators.find(c) != std::string_view::npos) {
            continue;
        }
        const char u = to_upper(c);
        if (!is_digit(u) && !is_upper(u)) {
            return std::nullopt;
        }
        if (out.size() == max_length) {
            return std::nullopt;
        }
        out.push_back(u);
    }
    return out;
}

// Only digits (after compacting) and exactly `length` of them.
std::optional<std::string> digits_of(std::string_view value, std::string_view separators,
                                     std::size_t length) {
    auto out = compact(value, separators, length);
    if (!out || out->size() != length ||
        !std::all_of(out->begin(), out->end(), [](char c) { return is_digit(c); })) {
        return std::nullopt;
    }
    return out;
}

bool all_digits(std::string_view s) noexcept {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return is_digit(c); });
}

// A number made of one repeated digit (000000000, 111-11-1111) is a placeholder, whatever its
// checksum says.
bool is_repdigit(std::string_view digits) noexcept {
    return !digits.empty() &&
           std::all_of(digits.begin(), digits.end(), [&](char c) { return c == digits.front(); });
}

unsigned number(std::string_view digits) noexcept {
    unsigned n = 0;
    for (const char c : digits) {
        n = n * 10 + dv(c);
    }
    return n;
}

constexpr bool is_leap(unsigned year) noexcept {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

bool valid_date(unsigned year, unsigned month, unsigned day) noexcept {
    static constexpr std::array<unsigned, 12> k_days{31, 28, 31, 30, 31, 30,
                                                     31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1) {
        return false;
    }
    const unsigned last = k_days[month - 1] + ((month == 2 && is_leap(year)) ? 1U : 0U);
    return day <= last;
}

// Two-digit years: the date must exist in some century, so 29 February is allowed only in
// years divisible by four.
bool valid_short_date(unsigned yy, unsigned month, unsigned day) noexcept {
    return valid_date(yy == 0 ? 2000 : 1900 + yy, month, day) || valid_date(2000 + yy, month, day);
}

// Weighted digit sum: sum(d[i] * weights[i]).
template <std::size_t N>
unsigned weighted(std::string_view digits, const std::array<unsigned, N>& weights) noexcept {
    unsigned sum = 0;
    for (std::size_t i = 0; i < N && i < digits.size(); ++i) {
        sum += dv(digits[i]) * weights[i];
    }
    return sum;
}

// Luhn over a digit string (no separators).
bool luhn_digits(std::string_view digits) noexcept {
    unsigned sum = 0;
    std::size_t position = 0;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it, ++position) {
        unsigned d = dv(*it);
        if (position % 2 == 1) {
            d *= 2;
            if (d > 9) {
                d -= 9;
            }
        }
        sum += d;
    }
    return digits.size() >= 2 && sum % 10 == 0;
}

// Digit sum of a product, as the German mod-10 schemes add the digits of each product.
constexpr unsigned cross_sum(unsigned n) noexcept {
    return n / 10 + n % 10;
}

// ---------------------------------------------------------------------------------------------
// United States
// ---------------------------------------------------------------------------------------------

// SSA: area 000, 666 and 900-999 are never issued, nor group 00 or serial 0000
// (https://www.ssa.gov/employer/randomization.html).
bool us_ssn(std::string_view value) {
    const auto d = digits_of(value, " -.", 9);
    if (!d || is_repdigit(*d)) {
        return false;
    }
    const unsigned area = number(d->substr(0, 3));
    const unsigned group = number(d->substr(3, 2));
    const unsigned serial = number(d->substr(5, 4));
    return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
}

// Fails for the numbers everyone copies as an example: 078-05-1120 (the Woolworth wallet card)
// and 219-09-9999 (an SSA pamphlet) were printed in advertising and voided
// (https://www.ssa.gov/history/ssn/misused.html); 123-45-6789 is the universal placeholder.
// Rules use it with "on_fail": "info", so a pasted example is shown, not alarmed on.
bool not_example_ssn(std::string_view value) {
    const auto d = digits_of(value, " -.", 9);
    static constexpr std::array<std::string_view, 3> k_examples{"078051120", "219099999",
                                                                "123456789"};
    return d && std::find(k_examples.begin(), k_examples.end(), *d) == k_examples.end();
}

// IRS: an ITIN is 9XX-GG-XXXX with the group in 50-65, 70-88, 90-92 or 94-99
// (https://www.irs.gov/individuals/individual-taxpayer-identification-number).
bool us_itin(std::string_view value) {
    const auto d = digits_of(value, " -", 9);
    if (!d || (*d)[0] != '9') {
        return false;
    }
    const unsigned group = number(d->substr(3, 2));
    return (group >= 50 && group <= 65) || (group >= 70 && group <= 88) ||
           (group >= 90 && group <= 92) || group >= 94;
}

// CMS NPI check digit: Luhn over the 10 digits prefixed with 80840 (the ISO 7812 issuer
// prefix for US health applications); first digit 1 or 2
// (https://www.cms.gov/Regulations-and-Guidance/Administrative-Simplification/NationalProvIdentStand/Downloads/NPIcheckdigit.pdf).
bool us_npi(std::string_view value) {
    const auto d = digits_of(value, " -", 10);
    if (!d || ((*d)[0] != '1' && (*d)[0] != '2')) {
        return false;
    }
    return luhn_digits("80840" + *d);
}

// ---------------------------------------------------------------------------------------------
// United Kingdom, Ireland
// ---------------------------------------------------------------------------------------------

// HMRC NIM39110: first letter not D, F, I, Q, U, V; second not D, F, I, O, Q, U, V; the
// prefixes BG, GB, KN, NK, NT, TN and ZZ are never allocated; suffix A-D.
bool uk_nino(std::string_view value) {
    const auto v = compact(value, " ", 9);
    if (!v || v->size() != 9 || !is_upper((*v)[0]) || !is_upper((*v)[1]) ||
        !all_digits(v->substr(2, 6)) || (*v)[8] < 'A' || (*v)[8] > 'D') {
        return false;
    }
    const std::string_view first_bad = "DFIQUV";
    const std::string_view second_bad = "DFIOQUV";
    if (first_bad.find((*v)[0]) != std::string_view::npos ||
        second_bad.find((*v)[1]) != std::string_view::npos) {
        return false;
    }
    static constexpr std::array<std::string_view, 7> k_never{"BG", "GB", "KN", "NK",
                                                             "NT", "TN", "ZZ"};
    const std::string_view prefix = std::string_view(*v).substr(0, 2);
    return std::find(k_never.begin(), k_never.end(), prefix) == k_never.end();
}

// NHS Digital: weights 10..2 over the first nine digits, check = 11 - sum mod 11 (11 -> 0,
// 10 -> never issued) (https://www.datadictionary.nhs.uk/attributes/nhs_number.html).
bool uk_nhs(std::string_view value) {
    const auto d = digits_of(value, " -", 10);
    if (!d || is_repdigit(*d)) {
        return false;
    }
    static constexpr std::array<unsigned, 9> k_weights{10, 9, 8, 7, 6, 5, 4, 3, 2};
    unsigned check = 11 - weighted(*d, k_weights) % 11;
    if (check == 11) {
        check = 0;
    }
    return check != 10 && check == dv((*d)[9]);
}

// Irish PPSN: 7 digits, a check letter and an optional second letter. Weights 8..2 over the
// digits and 9 for the second letter (A = 1 … I = 9, W = 0); sum mod 23 picks the check letter
// (0 = W, 1 = A …) (Revenue, "PPSN format", and the Department of Social Protection).
bool ie_ppsn(std::string_view value) {
    const auto v = compact(value, " -", 9);
    if (!v || v->size() < 8 || !all_digits(v->substr(0, 7)) || !is_upper((*v)[7])) {
        return false;
    }
    static constexpr std::array<unsigned, 7> k_weights{8, 7, 6, 5, 4, 3, 2};
    unsigned sum = weighted(*v, k_weights);
    if (v->size() == 9) {
        const char second = (*v)[8];
        if (second != 'W' && (second < 'A' || second > 'I')) {
            return false;
        }
        if (second != 'W') {
            sum += static_cast<unsigned>(second - 'A' + 1) * 9;
        }
    }
    const unsigned r = sum % 23;
    const char expected = r == 0 ? 'W' : static_cast<char>('A' + r - 1);
    return (*v)[7] == expected;
}

// ---------------------------------------------------------------------------------------------
// Canada
// ---------------------------------------------------------------------------------------------

// Service Canada: a SIN passes Luhn; its first digit names the issuing region, and 0 and 8
// are not assigned to people (8 is for business numbers).
bool ca_sin(std::string_view value) {
    const auto d = digits_of(value, " -", 9);
    return d && (*d)[0] != '0' && (*d)[0] != '8' && !is_repdigit(*d) && luhn_digits(*d);
}

// ---------------------------------------------------------------------------------------------
// Germany, Austria, Switzerland
// ---------------------------------------------------------------------------------------------

// Steuerliche Identifikationsnummer (§ 139b AO, BZSt): 11 digits, no leading zero; among the
// first ten, exactly one digit occurs twice or three times (three times only since 2016, and
// never three in a row) and every other digit at most once; ISO 7064 MOD 11,10 check digit.
bool de_tax_id(std::string_view value) {
    const auto d = digits_of(value, " /", 11);
    if (!d || (*d)[0] == '0') {
        return false;
    }
    std::array<unsigned, 10> counts{};
    for (std::size_t i = 0; i < 10; ++i) {
        ++counts[dv((*d)[i])];
    }
    unsigned repeated = 0;
    for (const unsigned n : counts) {
        if (n > 3) {
            return false;
        }
        if (n >= 2) {
            ++repeated;
        }
    }
    if (repeated != 1) {
        return false;
    }
    for (std::size_t i = 2; i < 10; ++i) {
        if ((*d)[i] == (*d)[i - 1] && (*d)[i] == (*d)[i - 2]) {
            return false;
        }
    }
    unsigned product = 10;
    for (std::size_t i = 0; i < 10; ++i) {
        unsigned sum = (dv((*d)[i]) + product) % 10;
        if (sum == 0) {
            sum = 10;
        }
        product = (sum * 2) % 11;
    }
    unsigned check = 11 - product;
    if (check == 10) {
        check = 0;
    }
    return check == dv((*d)[10]);
}

// Krankenversichertennummer (GKV-Spitzenverband, § 290 SGB V): a letter and nine digits. The
// letter becomes its two-digit alphabet position; the ten digits before the check digit are
// weighted 1, 2, 1, 2 …, the digits of each product added, and the sum mod 10 is the check.
bool de_kvnr(std::string_view value) {
    const auto v = compact(value, " ", 10);
    if (!v || v->size() != 10 || !is_upper((*v)[0]) || !all_digits(v->substr(1))) {
        return false;
    }
    const unsigned letter = static_cast<unsigned>((*v)[0] - 'A') + 1;
    std::array<unsigned, 10> digits{letter / 10, letter % 10};
    for (std::size_t i = 0; i < 8; ++i) {
        digits[i + 2] = dv((*v)[i + 1]);
    }
    unsigned sum = 0;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        sum += cross_sum(digits[i] * (i % 2 == 0 ? 1U : 2U));
    }
    return sum % 10 == dv((*v)[9]);
}

// Rentenversicherungsnummer (VKVV § 2): area number, birth date DDMMYY, the initial of the
// birth name, a serial and a check digit. The letter becomes two digits (A = 01); weights
// 2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1, digits of each product added, sum mod 10.
bool de_pension_number(std::string_view value) {
    const auto v = compact(value, " ", 12);
    if (!v || v->size() != 12 || !all_digits(v->substr(0, 8)) || !is_upper((*v)[8]) ||
        !all_digits(v->substr(9))) {
        return false;
    }
    const unsigned day = number(v->substr(2, 2));
    const unsigned month = number(v->substr(4, 2));
    // Day and month may be raised for people whose birth date was not unique in the serial
    // range, so only the month is held to the calendar.
    if (month < 1 || month > 12 || day > 31 + 40 || number(v->substr(0, 2)) == 0) {
        return false;
    }
    const unsigned letter = static_cast<unsigned>((*v)[8] - 'A') + 1;
    std::array<unsigned, 12> digits{};
    for (std::size_t i = 0; i < 8; ++i) {
        digits[i] = dv((*v)[i]);
    }
    digits[8] = letter / 10;
    digits[9] = letter % 10;
    digits[10] = dv((*v)[9]);
    digits[11] = dv((*v)[10]);
    static constexpr std::array<unsigned, 12> k_weights{2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1};
    unsigned sum = 0;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        sum += cross_sum(digits[i] * k_weights[i]);
    }
    return sum % 10 == dv((*v)[11]);
}

// ICAO 9303 part 3 check digit: weights 7, 3, 1; digits as themselves, A-Z as 10-35, '<' 0.
unsigned icao_check(std::string_view field) noexcept {
    static constexpr std::array<unsigned, 3> k_weights{7, 3, 1};
    unsigned sum = 0;
    for (std::size_t i = 0; i < field.size(); ++i) {
        const char c = field[i];
        const unsigned v = c == '<' ? 0U : alnum_value(c);
        sum += v * k_weights[i % 3];
    }
    return sum % 10;
}

// Personalausweis / Reisepass serial (PAuswV, PassV): nine characters from the digits and the
// consonants C F G H J K L M N P R T V W X Y Z (vowels and look-alike letters are never used),
// optionally followed by its ICAO 9303 check digit as printed in the machine-readable zone.
bool de_id_document(std::string_view value) {
    const auto v = compact(value, " ", 10);
    if (!v || v->size() < 9) {
        return false;
    }
    const std::string_view allowed = "0123456789CFGHJKLMNPRTVWXYZ";
    for (std::size_t i = 0; i < 9; ++i) {
        if (allowed.find((*v)[i]) == std::string_view::npos) {
            return false;
        }
    }
    const std::string_view serial = std::string_view(*v).substr(0, 9);
    if (is_repdigit(serial) || !std::any_of(serial.begin(), serial.end(), is_digit)) {
        return false;
    }
    if (v->size() == 10) {
        return is_digit((*v)[9]) && icao_check(serial) == dv((*v)[9]);
    }
    return true;
}

// Austrian Sozialversicherungsnummer (Dachverband): a 3-digit serial, a check digit and the
// birth date DDMMYY. Weights 3, 7, 9, (check), 5, 8, 4, 2, 1, 6; sum mod 11 is the check digit
// (10 is never issued).
bool at_svnr(std::string_view value) {
    const auto d = digits_of(value, " ", 10);
    if (!d || (*d)[0] == '0') {
        return false;
    }
    static constexpr std::array<unsigned, 10> k_weights{3, 7, 9, 0, 5, 8, 4, 2, 1, 6};
    const unsigned r = weighted(*d, k_weights) % 11;
    const unsigned month = number(d->substr(6, 2));
    // Month 13 and above stand for people whose birth month is unknown.
    return r != 10 && r == dv((*d)[3]) && number(d->substr(4, 2)) <= 31 && month >= 1 &&
           month <= 16;
}

// Swiss AHV/AVS number (ZAS): 756 (the Swiss ISO 3166 numeric code) and nine more digits with
// an EAN-13 check digit (https://www.zas.admin.ch/).
bool ch_ahv(std::string_view value) {
    const auto d = digits_of(value, " .", 13);
    if (!d || d->substr(0, 3) != "756") {
        return false;
    }
    unsigned sum = 0;
    for (std::size_t i = 0; i < 12; ++i) {
        sum += dv((*d)[i]) * (i % 2 == 0 ? 1U : 3U);
    }
    return (10 - sum % 10) % 10 == dv((*d)[12]);
}

// ---------------------------------------------------------------------------------------------
// France, Belgium, Netherlands, Spain, Portugal, Italy
// ---------------------------------------------------------------------------------------------

// NIR / numéro de sécurité sociale (INSEE): sex (1, 2; 3, 4 and 7, 8 for provisional numbers),
// year, month (01-12, 20-42 and 50-99 for unknown months), département (2A and 2B for
// Corsica, counted as 19 and 18 in the key), commune, order number; key = 97 - N mod 97.
bool fr_nir(std::string_view value) {
    const auto v = compact(value, " .-", 15);
    if (!v || v->size() != 15) {
        return false;
    }
    std::string body = v->substr(0, 13);
    if (body[5] == '2' && (body[6] == 'A' || body[6] == 'B')) {
        body[5] = '1';
        body[6] = body[6] == 'A' ? '9' : '8';
    }
    if (!all_digits(body) || !all_digits(v->substr(13))) {
        return false;
    }
    const std::string_view sex_ok = "123478";
    if (sex_ok.find(body[0]) == std::string_view::npos) {
        return false;
    }
    const unsigned month = number(std::string_view(body).substr(3, 2));
    if (month == 0 || (month > 12 && month < 20) || (month > 42 && month < 50)) {
        return false;
    }
    std::uint64_t n = 0;
    for (const char c : body) {
        n = n * 10 + dv(c);
    }
    return 97 - n % 97 == number(v->substr(13));
}

// Belgian national register number (Rijksregisternummer / numéro de registre national):
// YYMMDD, a 3-digit serial and a 2-digit check = 97 - (first nine digits mod 97); for people
// born from 2000 on, 2 is put before the nine digits. BIS numbers add 20 or 40 to the month,
// and month or day may be 00 when unknown.
bool be_national_number(std::string_view value) {
    const auto d = digits_of(value, " .-", 11);
    if (!d || is_repdigit(*d)) {
        return false;
    }
    const unsigned month = number(d->substr(2, 2)) % 20;
    const unsigned day = number(d->substr(4, 2));
    if (number(d->substr(2, 2)) > 52 || month > 12 || day > 31) {
        return false;
    }
    const std::uint64_t nine = number(d->substr(0, 9));
    const std::uint64_t check = number(d->substr(9, 2));
    return 97 - nine % 97 == check || 97 - (2000000000ULL + nine) % 97 == check;
}

// Dutch BSN (Wet algemene bepalingen burgerservicenummer): 9 digits passing the 11-proof,
// sum(d[i] * (9 - i)) for the first eight minus the last digit is a multiple of 11.
bool nl_bsn(std::string_view value) {
    const auto d = digits_of(value, " .-", 9);
    if (!d || is_repdigit(*d)) {
        return false;
    }
    static constexpr std::array<unsigned, 8> k_weights{9, 8, 7, 6, 5, 4, 3, 2};
    const unsigned sum = weighted(*d, k_weights);
    const unsigned last = dv((*d)[8]);
    return sum >= last && (sum - last) % 11 == 0;
}

// Spanish DNI (8 digits) and NIE (X, Y or Z and 7 digits; the letter counts as 0, 1, 2): the
// control letter is TRWAGMYFPDXBNJZSQVHLCKE[n mod 23] (Real Decreto 1553/2005, Ministerio del
// Interior). Leading zeros of a DNI are often dropped, so 7 digits are accepted too. DNI
// numbers are issued in sequence, so a repeated digit (11111111H, 55555555K) is a number some
// person holds; only the all-zero body is never issued.
bool es_dni_nie(std::string_view value) {
    auto v = compact(value, " -.", 9);
    if (!v || v->size() < 8) {
        return false;
    }
    const char first = (*v)[0];
    if (first == 'X' || first == 'Y' || first == 'Z') {
        if (v->size() != 9) {
            return false;
        }
        (*v)[0] = static_cast<char>('0' + (first - 'X'));
    }
    const std::string_view body = std::string_view(*v).substr(0, v->size() - 1);
    if (!all_digits(body) || body.find_first_not_of('0') == std::string_view::npos) {
        return false;
    }
    static constexpr std::string_view k_letters = "TRWAGMYFPDXBNJZSQVHLCKE";
    return k_letters[number(body) % 23] == v->back();
}

// Spanish Social Security affiliation number (número de afiliación, NAF/NUSS; Tesorería General
// de la Seguridad Social): a two-digit province (01-53, 66), an eight-digit serial and two
// control digits, the first ten digits mod 97. Serials below 10,000,000 (the old seven-digit
// numbers, written with a leading zero) are also checked as province x 10^7 + serial, the form
// some older numbers were issued with.
bool es_nss(std::string_view value) {
    const auto d = digits_of(value, " /-.", 12);
    if (!d || is_repdigit(d->substr(2, 8))) {
        return false;
    }
    const std::uint64_t province = number(d->substr(0, 2));
    if (province == 0 || (province > 53 && province != 66)) {
        return false;
    }
    const std::uint64_t serial = number(d->substr(2, 8));
    const std::uint64_t control = number(d->substr(10, 2));
    if ((province * 100000000ULL + serial) % 97 == control) {
        return true;
    }
    return serial < 10000000ULL && (province * 10000000ULL + serial) % 97 == control;
}

// French numéro fiscal (SPI, DGFiP): 13 digits, the first 0-3; the last three are the first ten
// mod 511.
bool fr_spi(std::string_view value) {
    const auto d = digits_of(value, " ", 13);
    if (!d || (*d)[0] > '3' || is_repdigit(d->substr(0, 10))) {
        return false;
    }
    return number(d->substr(0, 10)) % 511 == number(d->substr(10, 3));
}

// Portuguese NIF (Autoridade Tributária): 9 digits, weights 9..2, check = 11 - sum mod 11
// (10 and 11 -> 0). Only the prefixes given to people are accepted: 1, 2, 3 (residents) and
// 45 (non-residents); the others are companies and public bodies, not personal data.
bool pt_nif(std::string_view value) {
    const auto d = digits_of(value, " .-", 9);
    if (!d || is_repdigit(*d)) {
        return false;
    }
    const char first = (*d)[0];
    if (first != '1' && first != '2' && first != '3' && d->substr(0, 2) != "45") {
        return false;
    }
    static constexpr std::array<unsigned, 8> k_weights{9, 8, 7, 6, 5, 4, 3, 2};
    unsigned check = 11 - weighted(*d, k_weights) % 11;
    if (check >= 10) {
        check = 0;
    }
    return check == dv((*d)[8]);
}

// Italian codice fiscale (DM 23/12/1976): surname and name letters, year, month letter, day
// (+40 for women), municipality code and a check letter from the odd/even position tables.
// Digits clashing between two people are replaced by the letters L M N P Q R S T U V
// (omocodia), so each digit position also accepts those.
bool it_codice_fiscale(std::string_view value) {
    const auto v = compact(value, " ", 16);
    if (!v || v->size() != 16) {
        return false;
    }
    static constexpr std::string_view k_omocodia = "LMNPQRSTUV";
    auto digit_at = [&](std::size_t i) -> int {
        const char c = (*v)[i];
        if (is_digit(c)) {
            return static_cast<int>(dv(c));
        }
        const auto p = k_omocodia.find(c);
        return p == std::string_view::npos ? -1 : static_cast<int>(p);
    };
    static constexpr std::array<std::size_t, 9> k_letter_slots{0, 1, 2, 3, 4, 5, 8, 11, 15};
    for (const std::size_t i : k_letter_slots) {
        if (!is_upper((*v)[i])) {
            return false;
        }
    }
    static constexpr std::array<std::size_t, 7> k_digit_slots{6, 7, 9, 10, 12, 13, 14};
    for (const std::size_t i : k_digit_slots) {
        if (digit_at(i) < 0) {
            return false;
        }
    }
    static constexpr std::string_view k_months = "ABCDEHLMPRST";
    if (k_months.find((*v)[8]) == std::string_view::npos) {
        return false;
    }
    const int day = digit_at(9) * 10 + digit_at(10);
    if (day < 1 || (day > 31 && day < 41) || day > 71) {
        return false;
    }
    static constexpr std::array<unsigned, 26> k_odd{1,  0,  5,  7,  9,  13, 15, 17, 19,
                                                    21, 2,  4,  18, 20, 11, 3,  6,  8,
                                                    12, 14, 16, 10, 22, 25, 24, 23};
    unsigned sum = 0;
    for (std::size_t i = 0; i < 15; ++i) {
        const char c = (*v)[i];
        // Digits share the values of the letters A-J in both tables.
        const unsigned index = is_digit(c) ? dv(c) : static_cast<unsigned>(c - 'A');
        sum += i % 2 == 0 ? k_odd[index] : index;
    }
    return static_cast<char>('A' + sum % 26) == (*v)[15];
}

// Italian Partita IVA (DPR 633/1972, art. 35; Agenzia delle Entrate): eleven digits, a
// seven-digit serial, the three-digit code of the provincial office that issued it (001-100,
// or 120, 121, 888, 999) and a Luhn check digit. Written with or without the IT prefix of the
// EU VAT number; spaces between the groups are allowed.
bool it_partita_iva(std::string_view value) {
    if (value.size() > 2 && to_upper(value[0]) == 'I' && to_upper(value[1]) == 'T') {
        value.remove_prefix(2);
    }
    const auto d = digits_of(value, " ", 11);
    if (!d || number(d->substr(0, 7)) == 0) {
        return false;
    }
    const unsigned office = number(d->substr(7, 3));
    const bool known_office = (office >= 1 && office <= 100) || office == 120 || office == 121 ||
                              office == 888 || office == 999;
    return known_office && luhn_digits(*d);
}

// ---------------------------------------------------------------------------------------------
// Nordic countries, Poland
// ---------------------------------------------------------------------------------------------

// Swedish personnummer (Skatteverket SKV 704): [CC]YYMMDD, '-' or '+' (over 100), a 3-digit
// serial and a Luhn check over the ten digits YYMMDDNNNC. Coordination numbers add 60 to the
// day.
bool se_personnummer(std::string_view value) {
    const auto d = compact(value, "-+ ", 12);
    if (!d || (d->size() != 10 && d->size() != 12) || !all_digits(*d)) {
        return false;
    }
    std::string_view ten = *d;
    unsigned century = 0;
    if (d->size() == 12) {
        century = number(ten.substr(0, 2));
        if (century < 18 || century > 20) {
            return false;
        }
        ten = ten.substr(2);
    }
    const unsigned yy = number(ten.substr(0, 2));
    const unsigned month = number(ten.substr(2, 2));
    unsigned day = number(ten.substr(4, 2));
    if (day > 60) {
        day -= 60;
    }
    const bool date_ok = century != 0 ? valid_date(century * 100 + yy, month, day)
                                      : valid_short_date(yy, month, day);
    return date_ok && luhn_digits(ten);
}

// Norwegian fødselsnummer (Skatteetaten): DDMMYY, a 3-digit individual number and two mod-11
// check digits (weights 3 7 6 1 8 9 4 5 2 and 5 4 3 2 7 6 5 4 3 2). D-numbers add 40 to the
// day, H-numbers 40 to the month.
bool no_fodselsnummer(std::string_view value) {
    const auto d = digits_of(value, " ", 11);
    if (!d) {
        return false;
    }
    unsigned day = number(d->substr(0, 2));
    unsigned month = number(d->substr(2, 2));
    if (day > 40) {
        day -= 40;
    }
    if (month > 40) {
        month -= 40;
    }
    if (!valid_short_date(number(d->substr(4, 2)), month, day)) {
        return false;
    }
    static constexpr std::array<unsigned, 9> k_first{3, 7, 6, 1, 8, 9, 4, 5, 2};
    static constexpr std::array<unsigned, 10> k_second{5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
    auto check = [](unsigned sum) { return (11 - sum % 11) % 11; };
    const unsigned k1 = check(weighted(*d, k_first));
    const unsigned k2 = check(weighted(*d, k_second));
    return k1 != 10 && k2 != 10 && k1 == dv((*d)[9]) && k2 == dv((*d)[10]);
}

// Danish CPR number (CPR-kontoret): DDMMYY-SSSS. The modulus-11 check was dropped in 2007,
// so only the birth date can be checked.
bool dk_cpr(std::string_view value) {
    const auto d = digits_of(value, " -", 10);
    return d && !is_repdigit(*d) &&
           valid_short_date(number(d->substr(4, 2)), number(d->substr(2, 2)),
                            number(d->substr(0, 2)));
}

// Finnish henkilötunnus (Digi- ja väestötietovirasto): DDMMYY, a century sign (+ for the
// 1800s; - Y X W V U for the 1900s; A B C D E F for the 2000s), a 3-digit individual number
// (002-899) and a check character from 0123456789ABCDEFHJKLMNPRSTUVWXY[DDMMYYNNN mod 31].
bool fi_hetu(std::string_view value) {
    if (value.size() != 11) {
        return false;
    }
    const std::string_view date = value.substr(0, 6);
    const std::string_view serial = value.substr(7, 3);
    if (!all_digits(date) || !all_digits(serial)) {
        return false;
    }
    const char sign = to_upper(value[6]);
    unsigned century = 0;
    if (sign == '+') {
        century = 1800;
    } else if (std::string_view("-YXWVU").find(sign) != std::string_view::npos) {
        century = 1900;
    } else if (std::string_view("ABCDEF").find(sign) != std::string_view::npos) {
        century = 2000;
    } else {
        return false;
    }
    if (!valid_date(century + number(date.substr(4, 2)), number(date.substr(2, 2)),
                    number(date.substr(0, 2)))) {
        return false;
    }
    if (number(serial) < 2) {
        return false;
    }
    static constexpr std::string_view k_checks = "0123456789ABCDEFHJKLMNPRSTUVWXY";
    const std::uint64_t n = std::uint64_t{number(date)} * 1000 + number(serial);
    return k_checks[n % 31] == to_upper(value[10]);
}

// Polish PESEL (Ministerstwo Cyfryzacji): YYMMDD with the century in the month (+80 for the
// 1800s, +20 for the 2000s, +40, +60 beyond), a serial and a check digit with weights
// 1 3 7 9 1 3 7 9 1 3: check = (10 - sum mod 10) mod 10.
bool pl_pesel(std::string_view value) {
    const auto d = digits_of(value, " ", 11);
    if (!d || is_repdigit(*d)) {
        return false;
    }
    const unsigned yy = number(d->substr(0, 2));
    const unsigned coded = number(d->substr(2, 2));
    const unsigned day = number(d->substr(4, 2));
    static constexpr std::array<unsigned, 5> k_centuries{1900, 2000, 2100, 2200, 1800};
    const unsigned century = k_centuries[(coded / 20) % 5];
    if (!valid_date(century + yy, coded % 20, day)) {
        return false;
    }
    static constexpr std::array<unsigned, 10> k_weights{1, 3, 7, 9, 1, 3, 7, 9, 1, 3};
    return (10 - weighted(*d, k_weights) % 10) % 10 == dv((*d)[10]);
}

// ---------------------------------------------------------------------------------------------
// Asia-Pacific
// ---------------------------------------------------------------------------------------------

// Indian PAN (Income Tax Department): five letters, four digits, a letter. The fourth letter
// is the holder type; only P (an individual) is personal data.
bool in_pan(std::string_view value) {
    if (value.size() != 10) {
        return false;
    }
    for (std::size_t i = 0; i < 10; ++i) {
        const bool letter_slot = i < 5 || i == 9;
        if (letter_slot ? !is_upper(value[i]) : !is_digit(value[i])) {
            return false;
        }
    }
    return value[3] == 'P' && value.substr(5, 4) != "0000";
}

// Indian GSTIN (GSTN): a state code, the holder's PAN, a registration count, Z and a check
// character. The check is Luhn mod 36 over 0-9A-Z (the scheme GSTN publishes): from the left,
// every second character's value is doubled, each product contributes its base-36 digit sum,
// and the check character brings the total to a multiple of 36. Only the check is tested: the
// shape is the rule's pattern.
bool in_gstin(std::string_view value) {
    if (value.size() != 15) {
        return false;
    }
    unsigned sum = 0;
    for (std::size_t i = 0; i < 14; ++i) {
        const char c = value[i];
        if (!is_digit(c) && !is_upper(c)) {
            return false;
        }
        const unsigned product = alnum_value(c) * (i % 2 == 0 ? 1U : 2U);
        sum += product / 36 + product % 36;
    }
    const unsigned check = (36 - sum % 36) % 36;
    const char c = value[14];
    return (is_digit(c) || is_upper(c)) && alnum_value(c) == check;
}

// Australian TFN (ATO): 9 digits with weights 1 4 3 7 5 8 6 9 10 (older 8-digit numbers:
// 10 7 8 4 6 3 5 1); the weighted sum is a multiple of 11.
bool au_tfn(std::string_view value) {
    const auto v = compact(value, " -", 9);
    if (!v || (v->size() != 8 && v->size() != 9) || !all_digits(*v) || is_repdigit(*v)) {
        return false;
    }
    static constexpr std::array<unsigned, 9> k_nine{1, 4, 3, 7, 5, 8, 6, 9, 10};
    static constexpr std::array<unsigned, 8> k_eight{10, 7, 8, 4, 6, 3, 5, 1};
    const unsigned sum = v->size() == 9 ? weighted(*v, k_nine) : weighted(*v, k_eight);
    return sum % 11 == 0;
}

// Australian Medicare card number (Services Australia): first digit 2-6, weights 1 3 7 9 1 3
// 7 9 over the first eight digits, sum mod 10 is the ninth; then the card issue number and
// optionally the individual reference number (1-9).
bool au_medicare(std::string_view value) {
    const auto v = compact(value, " -/", 11);
    if (!v || (v->size() != 10 && v->size() != 11) || !all_digits(*v)) {
        return false;
    }
    if ((*v)[0] < '2' || (*v)[0] > '6' || (*v)[9] == '0') {
        return false;
    }
    if (v->size() == 11 && (*v)[10] == '0') {
        return false;
    }
    static constexpr std::array<unsigned, 8> k_weights{1, 3, 7, 9, 1, 3, 7, 9};
    return weighted(*v, k_weights) % 10 == dv((*v)[8]);
}

// Japanese My Number (個人番号, Cabinet Office ordinance No. 85 of 2014): 11 digits and a check
// digit; P(n) is the n-th digit from the right before the check, Q(n) = n + 1 for n <= 6 and
// n - 5 above; check = 11 - sum mod 11, or 0 when the remainder is 0 or 1.
bool jp_my_number(std::string_view value) {
    const auto d = digits_of(value, " -", 12);
    if (!d || is_repdigit(*d)) {
        return false;
    }
    unsigned sum = 0;
    for (unsigned n = 1; n <= 11; ++n) {
        const unsigned p = dv((*d)[11 - n]);
        const unsigned q = n <= 6 ? n + 1 : n - 5;
        sum += p * q;
    }
    const unsigned r = sum % 11;
    const unsigned check = r <= 1 ? 0 : 11 - r;
    return check == dv((*d)[11]);
}

// Korean resident registration number (주민등록번호): YYMMDD, a sex/century digit (9, 0 for the
// 1800s; 1, 2, 5, 6 for the 1900s; 3, 4, 7, 8 for the 2000s) and six more digits. Numbers
// issued before October 2020 end in a check digit (weights 2-9, 2-5; (11 - sum mod 11) mod 10);
// since then the last digits are random, so the check is only required for people born before
// 2020. Foreigner registration numbers share the shape (sex digits 5-8) and compute the check
// digit as (13 - sum mod 11) mod 10. Nobody born in the 1800s is alive, so 9 and 0 are not
// accepted: a number with them is some other 13-digit value that happens to start with a date.
// Nobody has lived past 122 either, so births before 1904 are refused the same way.

// The birth year the number states, or nothing when its date or sex digit is impossible.
std::optional<unsigned> kr_rrn_year(const std::string& d) {
    const char sex = d[6];
    if (sex == '9' || sex == '0') {
        return std::nullopt;
    }
    const bool born_2000s = sex == '3' || sex == '4' || sex == '7' || sex == '8';
    const unsigned year = (born_2000s ? 2000U : 1900U) + number(std::string_view(d).substr(0, 2));
    if (year < 1904 || !valid_date(year, number(std::string_view(d).substr(2, 2)),
                                   number(std::string_view(d).substr(4, 2)))) {
        return std::nullopt;
    }
    return year;
}

bool kr_rrn(std::string_view value) {
    const auto d = digits_of(value, " -", 13);
    if (!d) {
        return false;
    }
    const auto year = kr_rrn_year(*d);
    if (!year) {
        return false;
    }
    if (*year >= 2020) {
        return true;
    }
    static constexpr std::array<unsigned, 12> k_weights{2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5};
    const unsigned sum = weighted(*d, k_weights);
    // Foreigners' registration numbers (외국인등록번호, sex digits 5-8) use 13 in place of 11.
    const bool foreigner = (*d)[6] >= '5' && (*d)[6] <= '8';
    return ((foreigner ? 13 : 11) - sum % 11) % 10 == dv((*d)[12]);
}

// The same number judged by its birth date and sex digit alone, for a value right beside its
// label: numbers re-issued since the October 2020 reform carry random digits where the check
// digit was, whatever the birth year, so a labelled number is not refused for its last digit.
bool kr_rrn_birth(std::string_view value) {
    const auto d = digits_of(value, " -", 13);
    return d && kr_rrn_year(*d).has_value();
}

// Singapore NRIC/FIN (ICA): S, T (citizens, born before / from 2000), F, G (foreigners), M
// (foreigners from 2022), 7 digits and a check letter. Weights 2 7 6 5 4 3 2, plus 4 for T and
// G and 3 for M; the remainder mod 11 indexes JZIHGFEDCBA (S, T), XWUTRQPNMLK (F, G) or,
// reversed, KLJNPQRTUWX (M).
bool sg_nric(std::string_view value) {
    const auto v = compact(value, "", 9);
    if (!v || v->size() != 9 || !all_digits(v->substr(1, 7))) {
        return false;
    }
    static constexpr std::array<unsigned, 7> k_weights{2, 7, 6, 5, 4, 3, 2};
    const char prefix = (*v)[0];
    unsigned sum = weighted(v->substr(1, 7), k_weights);
    if (prefix == 'T' || prefix == 'G') {
        sum += 4;
    } else if (prefix == 'M') {
        sum += 3;
    }
    const unsigned r = sum % 11;
    char expected = 0;
    if (prefix == 'S' || prefix == 'T') {
        expected = std::string_view("JZIHGFEDCBA")[r];
    } else if (prefix == 'F' || prefix == 'G') {
        expected = std::string_view("XWUTRQPNMLK")[r];
    } else if (prefix == 'M') {
        expected = std::string_view("KLJNPQRTUWX")[10 - r];
    } else {
        return false;
    }
    return (*v)[8] == expected;
}

// Chinese resident ID date part is checked by the regex; its MOD 11-2 check is a core
// validator. Nothing more is needed here.

// ---------------------------------------------------------------------------------------------
// Latin America, Africa
// ---------------------------------------------------------------------------------------------

// Brazilian CPF (Receita Federal): 9 digits and two mod-11 check digits (weights 10..2, then
// 11..2; remainder of sum * 10 mod 11, 10 -> 0). Numbers of one repeated digit pass the
// arithmetic but are invalid.
bool br_cpf(std::string_view value) {
    const auto d = digits_of(value, " .-/", 11);
    if (!d || is_repdigit(*d)) {
        return false;
    }
    for (std::size_t n = 9; n <= 10; ++n) {
        unsigned sum = 0;
        for (std::size_t i = 0; i < n; ++i) {
            sum += dv((*d)[i]) * static_cast<unsigned>(n + 1 - i);
        }
        if ((sum * 10) % 11 % 10 != dv((*d)[n])) {
            return false;
        }
    }
    return true;
}

// Brazilian CNPJ (Receita Federal, IN RFB 2.229/2024 for the alphanumeric form from 2026):
// 12 characters (digits, or upper-case letters valued by their ASCII code minus 48) and two
// mod-11 check digits with weights 5 4 3 2 9 8 7 6 5 4 3 2 and 6 5 4 3 2 9 8 7 6 5 4 3 2.
bool br_cnpj(std::string_view value) {
    const auto v = compact(value, " ./-", 14);
    if (!v || v->size() != 14 || !all_digits(v->substr(12)) || is_repdigit(*v)) {
        return false;
    }
    static constexpr std::array<unsigned, 13> k_weights{6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2};
    for (std::size_t n = 12; n <= 13; ++n) {
        unsigned sum = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const auto c = static_cast<unsigned>((*v)[i] - '0');
            sum += c * k_weights[i + 13 - n];
        }
        const unsigned r = sum % 11;
        if ((r < 2 ? 0 : 11 - r) != dv((*v)[n])) {
            return false;
        }
    }
    return true;
}

// Mexican CURP (RENAPO, Instructivo normativo): four letters, birth date YYMMDD, sex (H, M, X),
// a 2-letter state code, three consonants, a homonym character and a check digit over the
// alphabet 0-9 A-N Ñ O-Z with weights 18..2: (10 - sum mod 10) mod 10.
bool mx_curp(std::string_view value) {
    if (value.size() != 18) {
        return false;
    }
    for (std::size_t i = 0; i < 4; ++i) {
        if (!is_upper(value[i])) {
            return false;
        }
    }
    if (!all_digits(value.substr(4, 6)) || !is_digit(value[17])) {
        return false;
    }
    if (!valid_short_date(number(value.substr(4, 2)), number(value.substr(6, 2)),
                          number(value.substr(8, 2)))) {
        return false;
    }
    if (value[10] != 'H' && value[10] != 'M' && value[10] != 'X') {
        return false;
    }
    static constexpr std::array<std::string_view, 33> k_states{
        "AS", "BC", "BS", "CC", "CH", "CL", "CM", "CS", "DF", "DG", "GR",
        "GT", "HG", "JC", "MC", "MN", "MS", "NE", "NL", "NT", "OC", "PL",
        "QR", "QT", "SL", "SP", "SR", "TC", "TL", "TS", "VZ", "YN", "ZS"};
    if (std::find(k_states.begin(), k_states.end(), value.substr(11, 2)) == k_states.end()) {
        return false;
    }
    for (std::size_t i = 13; i < 16; ++i) {
        if (!is_upper(value[i]) || std::string_view("AEIOU").find(value[i]) != std::string::npos) {
            return false;
        }
    }
    if (!is_upper(value[16]) && !is_digit(value[16])) {
        return false;
    }
    unsigned sum = 0;
    for (std::size_t i = 0; i < 17; ++i) {
        const char c = value[i];
        // Ñ (never in ASCII text) sits between N and O, so letters after N move up by one.
        unsigned v = alnum_value(c);
        if (is_upper(c) && c > 'N') {
            ++v;
        }
        sum += v * static_cast<unsigned>(18 - i);
    }
    return (10 - sum % 10) % 10 == dv(value[17]);
}

// South African identity number (Department of Home Affairs): YYMMDD, a 4-digit sequence, a
// citizenship digit (0 citizen, 1 permanent resident, 2 refugee), a digit (formerly race, now
// 8 or 9) and a Luhn check digit.
bool za_id(std::string_view value) {
    const auto d = digits_of(value, " ", 13);
    if (!d || (*d)[10] > '2') {
        return false;
    }
    return valid_short_date(number(d->substr(0, 2)), number(d->substr(2, 2)),
                            number(d->substr(4, 2))) &&
           luhn_digits(*d);
}

// ---------------------------------------------------------------------------------------------
// Travel documents, vehicles, devices
// ---------------------------------------------------------------------------------------------

bool mrz_field(std::string_view field, char check) {
    if (check == '<') {
        return std::all_of(field.begin(), field.end(), [](char c) { return c == '<'; });
    }
    return is_digit(check) && icao_check(field) == dv(check);
}

// ICAO Doc 9303 machine-readable zone, the data line of a passport (TD3, 44 characters) or of
// a TD2 card or visa (36 characters): document number, birth date, expiry date (and for TD3
// the personal number) each carry a 7-3-1 check digit, and a composite check closes the line.
bool icao_mrz(std::string_view value) {
    const bool td3 = value.size() == 44;
    if (!td3 && value.size() != 36) {
        return false;
    }
    for (const char c : value) {
        if (!is_digit(c) && !is_upper(c) && c != '<') {
            return false;
        }
    }
    if (!all_digits(value.substr(13, 6)) || !all_digits(value.substr(21, 6))) {
        return false;
    }
    if (!mrz_field(value.substr(0, 9), value[9]) || !mrz_field(value.substr(13, 6), value[19]) ||
        !mrz_field(value.substr(21, 6), value[27])) {
        return false;
    }
    std::string composite(value.substr(0, 10));
    composite += value.substr(13, 7);
    if (td3) {
        if (!mrz_field(value.substr(28, 14), value[42])) {
            return false;
        }
        composite += value.substr(21, 22);
    } else {
        composite += value.substr(21, 14);
    }
    const char last = value.back();
    return is_digit(last) && icao_check(composite) == dv(last);
}

// Vehicle identification number (ISO 3779; 49 CFR 565.15 check digit): 17 characters without
// I, O, Q; letters transliterated, weights 8 7 6 5 4 3 2 10 0 9 8 7 6 5 4 3 2, sum mod 11 is the
// ninth character (10 = X). Outside North America the check digit is optional, which is why
// rules require a VIN label next to it.
bool vin(std::string_view value) {
    if (value.size() != 17) {
        return false;
    }
    static constexpr std::array<unsigned, 26> k_letters{1, 2, 3, 4, 5, 6, 7, 8, 0, 1, 2, 3, 4,
                                                        5, 0, 7, 0, 9, 2, 3, 4, 5, 6, 7, 8, 9};
    static constexpr std::array<unsigned, 17> k_weights{8, 7, 6, 5, 4, 3, 2, 10, 0,
                                                        9, 8, 7, 6, 5, 4, 3, 2};
    unsigned sum = 0;
    bool letters = false;
    for (std::size_t i = 0; i < 17; ++i) {
        const char c = to_upper(value[i]);
        if (c == 'I' || c == 'O' || c == 'Q') {
            return false;
        }
        unsigned v = 0;
        if (is_digit(c)) {
            v = dv(c);
        } else if (is_upper(c)) {
            v = k_letters[static_cast<std::size_t>(c - 'A')];
            letters = true;
        } else {
            return false;
        }
        sum += v * k_weights[i];
    }
    const unsigned r = sum % 11;
    const char expected = r == 10 ? 'X' : static_cast<char>('0' + r);
    return letters && to_upper(value[8]) == expected;
}

// IMEI (3GPP TS 23.003): 14 digits and a Luhn check digit; the first two digits are the
// reporting body, and 00 is never allocated.
bool imei(std::string_view value) {
    const auto d = digits_of(value, " -/.", 15);
    return d && d->substr(0, 2) != "00" && !is_repdigit(*d) && luhn_digits(*d);
}

// ---------------------------------------------------------------------------------------------
// Payment cards
// ---------------------------------------------------------------------------------------------

bool in_range(unsigned prefix, unsigned low, unsigned high) noexcept {
    return prefix >= low && prefix <= high;
}

// Issuer identification ranges and lengths per scheme, from the schemes' published IIN
// tables (summarised in ISO/IEC 7812 registers and
// https://en.wikipedia.org/wiki/Payment_card_number): Visa 4 (13, 16, 19); Mastercard 51-55 and
// 2221-2720 (16); American Express 34, 37 (15); Discover 6011, 644-649, 65, 622126-622925 (16-19);
// JCB 3528-3589 (16-19); Diners Club 300-305, 3095, 36, 38-39 (14-19); UnionPay 62 (16-19); Maestro
// 5018, 5020, 5038, 5893, 6304, 6759, 6761-6763 (12-19); Mir 2200-2204 (16-19); Dankort 5019 (16).
bool card_issuer(std::string_view value) {
    const auto d = compact(value, " -", 19);
    if (!d || d->size() < 12 || !all_digits(*d)) {
        return false;
    }
    const std::size_t n = d->size();
    const unsigned p1 = dv((*d)[0]);
    const unsigned p2 = number(d->substr(0, 2));
    const unsigned p3 = number(d->substr(0, 3));
    const unsigned p4 = number(d->substr(0, 4));
    const unsigned p6 = number(d->substr(0, 6));
    const bool len16to19 = n >= 16 && n <= 19;
    if (p1 == 4) {
        return n == 13 || n == 16 || n == 19;
    }
    if (in_range(p2, 51, 55) || in_range(p4, 2221, 2720)) {
        return n == 16;
    }
    if (p2 == 34 || p2 == 37) {
        return n == 15;
    }
    if (p4 == 6011 || in_range(p3, 644, 649) || p2 == 65 || in_range(p6, 622126, 622925)) {
        return len16to19;
    }
    if (in_range(p4, 3528, 3589)) {
        return len16to19;
    }
    if (in_range(p3, 300, 305) || p4 == 3095 || p2 == 36 || p2 == 38 || p2 == 39) {
        return n >= 14 && n <= 19;
    }
    if (p2 == 62) {
        return len16to19;
    }
    static constexpr std::array<unsigned, 9> k_maestro{5018, 5020, 5038, 5893, 6304,
                                                       6759, 6761, 6762, 6763};
    if (std::find(k_maestro.begin(), k_maestro.end(), p4) != k_maestro.end()) {
        return n >= 12;
    }
    if (in_range(p4, 2200, 2204)) {
        return len16to19;
    }
    if (p4 == 5019) {
        return n == 16;
    }
    return false;
}

// Passes for real card numbers; fails for the test numbers the payment providers publish for
// their sandboxes (Stripe, Braintree/PayPal, Adyen, Worldpay "test card numbers" pages) and for
// dummy numbers whose account digits are one digit repeated seven or more times
// (4111 1111 1111 1111), which no issuer hands out. Rules use it with "on_fail": "info".
bool not_test_card(std::string_view value) {
    const auto d = compact(value, " -", 19);
    if (!d) {
        return false;
    }
    static constexpr std::array<std::string_view, 46> k_published{
        "4242424242424242", "4000056655665556", "5555555555554444", "2223003122003222",
        "5200828282828210", "5105105105105100", "378282246310005",  "371449635398431",
        "6011111111111117", "6011000990139424", "6011981111111113", "3056930009020004",
        "36227206271667",   "6555900000604105", "3566002020360505", "6200000000000005",
        "4111111111111111", "4005519200000004", "4009348888881881", "4012000033330026",
        "4012000077777777", "4012888888881881", "4217651111111119", "4500600000000061",
        "2223000048400011", "3530111333300000", "30569309025904",   "38520000023237",
        "6304000000000000", "6759649826438453", "5019717010103742", "4222222222222",
        "378734493671000",  "6011000400000000", "3528000700000000", "4917300800000000",
        "4484070000000000", "4988438843884305", "5425233430109903", "2222400070000005",
        "4035501000000008", "4360000001000005", "4444333322221111", "5454545454545454",
        "4000000000000002", "36006666333344"};
    if (std::find(k_published.begin(), k_published.end(), *d) != k_published.end()) {
        return false;
    }
    std::size_t run = 1;
    for (std::size_t i = 7; i < d->size(); ++i) {
        run = (*d)[i] == (*d)[i - 1] ? run + 1 : 1;
        if (run >= 7) {
            return false;
        }
    }
    return true;
}

// ---------------------------------------------------------------------------------------------
// Banking
// ---------------------------------------------------------------------------------------------

// ISO 3166-1 alpha-2 codes in use, for the country part of a BIC (ISO 9362) and XK (Kosovo,
// used by SWIFT). Sorted for binary search.
constexpr std::array<std::string_view, 250> k_iso_countries{
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "XK", "YE", "YT", "ZA", "ZM", "ZW"};

static_assert(std::is_sorted(k_iso_countries.begin(), k_iso_countries.end()),
              "k_iso_countries must stay sorted");

// BIC / SWIFT code (ISO 9362): 4-letter institution, ISO 3166 country, 2-character location
// (a second character 0 marks a test BIC), optional 3-character branch.
bool bic(std::string_view value) {
    if (value.size() != 8 && value.size() != 11) {
        return false;
    }
    for (std::size_t i = 0; i < 6; ++i) {
        if (!is_upper(value[i])) {
            return false;
        }
    }
    for (std::size_t i = 6; i < value.size(); ++i) {
        if (!is_upper(value[i]) && !is_digit(value[i])) {
            return false;
        }
    }
    if (value[7] == '0') {
        return false;
    }
    return std::binary_search(k_iso_countries.begin(), k_iso_countries.end(), value.substr(4, 2));
}

// ---------------------------------------------------------------------------------------------
// Crypto-currency addresses
// ---------------------------------------------------------------------------------------------

// Bitcoin P2PKH / P2SH address (base58check, Bitcoin wiki "Base58Check encoding"): 25 bytes,
// version 0x00 or 0x05 (main network), and the first four bytes of SHA-256(SHA-256(payload))
// as the checksum.
bool bitcoin_base58(std::string_view value) {
    static constexpr std::string_view k_alphabet =
        "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    if (value.size() < 26 || value.size() > 35) {
        return false;
    }
    std::array<unsigned char, 25> bytes{};
    for (const char c : value) {
        const auto digit = k_alphabet.find(c);
        if (digit == std::string_view::npos) {
            return false;
        }
        auto carry = static_cast<unsigned>(digit);
        for (auto it = bytes.rbegin(); it != bytes.rend(); ++it) {
            carry += 58U * *it;
            *it = static_cast<unsigned char>(carry & 0xFFU);
            carry >>= 8U;
        }
        if (carry != 0) {
            return false; // more than 25 bytes
        }
    }
    // Each leading '1' encodes one leading zero byte; the count must agree with the value.
    const auto ones = static_cast<std::size_t>(
        std::find_if(value.begin(), value.end(), [](char c) { return c != '1'; }) - value.begin());
    const auto zeros = static_cast<std::size_t>(
        std::find_if(bytes.begin(), bytes.end(), [](unsigned char b) { return b != 0; }) -
        bytes.begin());
    if (ones != zeros || (bytes[0] != 0x00 && bytes[0] != 0x05)) {
        return false;
    }
    promptlint::ensure_sodium();
    std::array<unsigned char, crypto_hash_sha256_BYTES> first{};
    std::array<unsigned char, crypto_hash_sha256_BYTES> second{};
    crypto_hash_sha256(first.data(), bytes.data(), 21);
    crypto_hash_sha256(second.data(), first.data(), first.size());
    return std::equal(second.begin(), second.begin() + 4, bytes.begin() + 21);
}

std::uint32_t bech32_polymod(std::uint32_t chk, unsigned value) noexcept {
    static constexpr std::array<std::uint32_t, 5> k_generator{0x3b6a57b2U, 0x26508e6dU, 0x1ea119faU,
                                                              0x3d4233ddU, 0x2a1462b3U};
    const std::uint32_t top = chk >> 25U;
    chk = ((chk & 0x1ffffffU) << 5U) ^ value;
    for (std::size_t i = 0; i < 5; ++i) {
        if (((top >> i) & 1U) != 0) {
            chk ^= k_generator[i];
        }
    }
    return chk;
}

// Bitcoin SegWit address (BIP 173 bech32 for witness version 0, BIP 350 bech32m for versions
// 1-16): human-readable part "bc", one case throughout, a witness program of 2-40 bytes (20 or
// 32 for version 0).
bool bech32_address(std::string_view value) {
    if (value.size() < 14 || value.size() > 74) {
        return false;
    }
    const bool any_upper = std::any_of(value.begin(), value.end(), is_upper);
    const bool any_lower = std::any_of(value.begin(), value.end(), is_lower);
    if (any_upper && any_lower) {
        return false;
    }
    if (to_lower(value[0]) != 'b' || to_lower(value[1]) != 'c' || value[2] != '1') {
        return false;
    }
    static constexpr std::string_view k_charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    std::uint32_t chk = 1;
    for (const char c : std::string_view("bc")) {
        chk = bech32_polymod(chk, static_cast<unsigned>(c) >> 5U);
    }
    chk = bech32_polymod(chk, 0);
    for (const char c : std::string_view("bc")) {
        chk = bech32_polymod(chk, static_cast<unsigned>(c) & 31U);
    }
    const std::string_view data = value.substr(3);
    std::array<unsigned, 71> values{};
    for (std::size_t i = 0; i < data.size(); ++i) {
        const auto v = k_charset.find(to_lower(data[i]));
        if (v == std::string_view::npos) {
            return false;
        }
        values[i] = static_cast<unsigned>(v);
        chk = bech32_polymod(chk, values[i]);
    }
    const unsigned version = values[0];
    if (version > 16) {
        return false;
    }
    const std::uint32_t expected = version == 0 ? 1U : 0x2bc830a3U;
    if (chk != expected) {
        return false;
    }
    // The program is the 5-bit groups between the version and the 6-character checksum.
    const std::size_t groups = data.size() - 7;
    const std::size_t program_bytes = groups * 5 / 8;
    if (groups * 5 % 8 >= 5 || program_bytes < 2 || program_bytes > 40) {
        return false;
    }
    return version != 0 || program_bytes == 20 || program_bytes == 32;
}

// ---------------------------------------------------------------------------------------------
// Network addresses
// ---------------------------------------------------------------------------------------------

std::optional<std::array<unsigned, 4>> parse_ipv4(std::string_view value) {
    std::array<unsigned, 4> octets{};
    std::size_t index = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= value.size(); ++i) {
        if (i < value.size() && value[i] != '.') {
            continue;
        }
        const std::string_view part = value.substr(start, i - start);
        // A leading zero makes some parsers read octal, so such forms are not addresses here.
        if (index == 4 || part.empty() || part.size() > 3 || !all_digits(part) ||
            (part.size() > 1 && part[0] == '0')) {
            return std::nullopt;
        }
        octets[index] = number(part);
        if (octets[index] > 255) {
            return std::nullopt;
        }
        ++index;
        start = i + 1;
    }
    if (index != 4) {
        return std::nullopt;
    }
    return octets;
}

// RFC 6890 special-purpose ranges and the other blocks that never name a person's machine:
// this network, private (RFC 1918), CGNAT shared space (RFC 6598), loopback, link-local,
// IETF protocol assignments, the three documentation networks (RFC 5737), 6to4 relay anycast,
// benchmarking (RFC 2544), multicast and reserved (240/4, broadcast).
bool ipv4_is_public(const std::array<unsigned, 4>& o) noexcept {
    const unsigned a = o[0];
    const unsigned b = o[1];
    const unsigned c = o[2];
    if (a == 0 || a == 10 || a == 127 || a >= 224) {
        return false;
    }
    if ((a == 100 && b >= 64 && b <= 127) || (a == 169 && b == 254) ||
        (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168)) {
        return false;
    }
    if ((a == 192 && b == 0 && (c == 0 || c == 2)) || (a == 192 && b == 88 && c == 99) ||
        (a == 198 && (b == 18 || b == 19)) || (a == 198 && b == 51 && c == 100) ||
        (a == 203 && b == 0 && c == 113)) {
        return false;
    }
    return true;
}

// A public IPv4 address. Dotted forms whose four parts are all single digits (1.2.3.4) are
// almost always version or section numbers, and the public resolvers among them (1.1.1.1,
// 8.8.8.8, 9.9.9.9) are not anybody's personal data either, so they are left out.
bool ipv4_public(std::string_view value) {
    const auto o = parse_ipv4(value);
    if (!o || !ipv4_is_public(*o)) {
        return false;
    }
    return std::any_of(o->begin(), o->end(), [](unsigned x) { return x > 9; });
}

std::optional<std::array<unsigned, 8>> parse_ipv6(std::string_view value) {
    std::array<unsigned, 8> groups{};
    // An embedded IPv4 tail (::ffff:192.0.2.1) stands for the last two groups.
    std::string_view head = value;
    std::optional<std::array<unsigned, 4>> tail;
    const auto last_colon = value.rfind(':');
    if (last_colon != std::string_view::npos &&
        value.find('.', last_colon) != std::string_view::npos) {
        tail = parse_ipv4(value.substr(last_colon + 1));
        if (!tail) {
            return std::nullopt;
        }
        head = value.substr(0, last_colon + 1);
        if (head.size() >= 2 && head.substr(head.size() - 2) == "::") {
            // "::" directly before the tail: keep it as the compression marker.
        } else {
            head.remove_suffix(1);
        }
    }
    const std::size_t limit = tail ? 6 : 8;
    const auto gap = head.find("::");
    if (gap != std::string_view::npos && head.find("::", gap + 1) != std::string_view::npos) {
        return std::nullopt;
    }
    auto parse_part = [](std::string_view part, std::array<unsigned, 8>& out, std::size_t& n,
                         std::size_t max) -> bool {
        if (part.empty()) {
            return true;
        }
        std::size_t start = 0;
        for (std::size_t i = 0; i <= part.size(); ++i) {
            if (i < part.size() && part[i] != ':') {
                continue;
            }
            const std::string_view g = part.substr(start, i - start);
            if (g.empty() || g.size() > 4 || n == max) {
                return false;
            }
            unsigned v = 0;
            for (const char ch : g) {
                const char c = to_lower(ch);
                if (is_digit(c)) {
                    v = v * 16 + dv(c);
                } else if (c >= 'a' && c <= 'f') {
                    v = v * 16 + static_cast<unsigned>(c - 'a') + 10;
                } else {
                    return false;
                }
            }
            out[n++] = v;
            start = i + 1;
        }
        return true;
    };
    std::array<unsigned, 8> front{};
    std::array<unsigned, 8> back{};
    std::size_t n_front = 0;
    std::size_t n_back = 0;
    if (gap == std::string_view::npos) {
        if (!parse_part(head, front, n_front, limit) || n_front != limit) {
            return std::nullopt;
        }
    } else {
        if (!parse_part(head.substr(0, gap), front, n_front, limit) ||
            !parse_part(head.substr(gap + 2), back, n_back, limit) || n_front + n_back >= limit) {
            return std::nullopt;
        }
    }
    for (std::size_t i = 0; i < n_front; ++i) {
        groups[i] = front[i];
    }
    for (std::size_t i = 0; i < n_back; ++i) {
        groups[limit - n_back + i] = back[i];
    }
    if (tail) {
        groups[6] = (*tail)[0] << 8U | (*tail)[1];
        groups[7] = (*tail)[2] << 8U | (*tail)[3];
    }
    return groups;
}

// A global unicast IPv6 address (2000::/3) outside the documentation prefixes 2001:db8::/32
// and 3fff::/20 (RFC 3849, RFC 9637) and the IETF protocol block 2001::/23 apart from Teredo
// (2001::/32), or an IPv4-mapped (::ffff:0:0/96) or NAT64 (64:ff9b::/96) address whose IPv4
// part is public. Link-local, unique-local, loopback and multicast addresses are not
// personal data.
bool ipv6_global(std::string_view value) {
    const auto g = parse_ipv6(value);
    if (!g) {
        return false;
    }
    // "2006::" is a valid address on paper, but in text it is a year followed by "::" (a C++
    // scope, a list label); written addresses show at least three groups.
    const auto written = std::count_if(value.begin(), value.end(), [](char c) { return c == ':'; });
    const bool has_tail = value.find('.') != std::string_view::npos;
    if (value.back() == ':' || (written < 3 && !has_tail)) {
        return false;
    }
    const bool mapped = (*g)[0] == 0 && (*g)[1] == 0 && (*g)[2] == 0 && (*g)[3] == 0 &&
                        (*g)[4] == 0 && (*g)[5] == 0xffff;
    const bool nat64 = (*g)[0] == 0x64 && (*g)[1] == 0xff9b && (*g)[2] == 0 && (*g)[3] == 0 &&
                       (*g)[4] == 0 && (*g)[5] == 0;
    if (mapped || nat64) {
        const std::array<unsigned, 4> v4{(*g)[6] >> 8U, (*g)[6] & 0xffU, (*g)[7] >> 8U,
                                         (*g)[7] & 0xffU};
        return ipv4_is_public(v4);
    }
    if (((*g)[0] & 0xe000U) != 0x2000U) {
        return false;
    }
    if ((*g)[0] == 0x2001 && (*g)[1] == 0x0db8) {
        return false;
    }
    if (((*g)[0] & 0xfff0U) == 0x3ff0U) {
        return false;
    }
    if ((*g)[0] == 0x2001 && (*g)[1] != 0 && (*g)[1] < 0x0200) {
        return false;
    }
    return true;
}

// ---------------------------------------------------------------------------------------------
// Contact data
// ---------------------------------------------------------------------------------------------

bool ends_with_label(std::string_view domain, std::string_view label) {
    return domain == label ||
           (domain.size() > label.size() && domain.substr(domain.size() - label.size()) == label &&
            domain[domain.size() - label.size() - 1] == '.');
}

// Passes for an e-mail address on a real domain that may belong to a person; fails for the
// names RFC 2606 and RFC 6761 reserve for documentation and testing (example.com/.net/.org and
// the .example, .test, .invalid and .localhost top-level domains), for no-reply senders, and for
// the SSH login "git@" of code forges (git@github.com:owner/repo), none of which is anybody's
// mailbox. Rules use it with "on_fail": "info".
bool email_public_domain(std::string_view value) {
    const auto at = value.rfind('@');
    if (at == std::string_view::npos) {
        return false;
    }
    std::string local;
    for (const char c : value.substr(0, at)) {
        local.push_back(to_lower(c));
    }
    static constexpr std::array<std::string_view, 5> k_no_reply{"noreply", "no-reply", "no_reply",
                                                                "donotreply", "do-not-reply"};
    if (std::find(k_no_reply.begin(), k_no_reply.end(), local) != k_no_reply.end()) {
        return false;
    }
    std::string domain;
    for (const char c : value.substr(at + 1)) {
        domain.push_back(to_lower(c));
    }
    while (!domain.empty() && domain.back() == '.') {
        domain.pop_back();
    }
    static constexpr std::array<std::string_view, 7> k_reserved{
        "example.com", "example.net", "example.org", "example", "test", "invalid", "localhost"};
    static constexpr std::array<std::string_view, 5> k_forges{
        "github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "salsa.debian.org"};
    if (local == "git" && std::find(k_forges.begin(), k_forges.end(), domain) != k_forges.end()) {
        return false;
    }
    return std::none_of(k_reserved.begin(), k_reserved.end(),
                        [&](std::string_view label) { return ends_with_label(domain, label); });
}

// Fails for an address built from stand-in words, a template or a test value rather than
// somebody's mailbox: your-app@your-gcp-project.iam.gserviceaccount.com, yourname@gmail.com,
// dummy.user@…, fake@…. The words are the parts of the address between '.', '_', '-', '+' and
// '@', so a name that only contains one (Youri, Fakehany) is not a stand-in. Rules use it with
// "on_fail": "info".
bool email_not_stand_in(std::string_view value) {
    static constexpr std::array<std::string_view, 15> k_stand_in{
        "your",        "yourname",    "youremail",   "yourdomain", "yourcompany",
        "yourproject", "yourservice", "youruser",    "example",    "sample",
        "dummy",       "fake",        "placeholder", "changeme",   "redacted"};
    std::string word;
    const auto stand_in = [&] {
        return std::find(k_stand_in.begin(), k_stand_in.end(), word) != k_stand_in.end();
    };
    for (const char c : value) {
        if (c == '.' || c == '_' || c == '-' || c == '+' || c == '@') {
            if (stand_in()) {
                return false;
            }
            word.clear();
        } else {
            word.push_back(to_lower(c));
        }
    }
    return !stand_in();
}

// ITU-T E.164 country codes are a prefix code: at most one of the first one, two or three
// digits is an assigned code. Returns its length, or 0 when the digits start with none
// (list: ITU-T E.164 Annex to Operational Bulletin, "List of ITU-T Recommendation E.164
// assigned country codes").
std::size_t e164_country_code(std::string_view d) {
    if (d.empty()) {
        return 0;
    }
    if (d[0] == '1' || d[0] == '7') {
        return 1;
    }
    if (d.size() < 3) {
        return 0;
    }
    static constexpr std::array<unsigned, 44> k_two{
        20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54,
        55, 56, 57, 58, 60, 61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98};
    const unsigned two = number(d.substr(0, 2));
    if (std::find(k_two.begin(), k_two.end(), two) != k_two.end()) {
        return 2;
    }
    // Two-digit prefixes that lead to three-digit codes; 28x, 83x and 89x are spare and 0 is
    // never a country code.
    static constexpr std::array<unsigned, 22> k_three_prefixes{
        21, 22, 23, 24, 25, 26, 29, 35, 37, 38, 42, 50, 59, 67, 68, 69, 80, 85, 87, 88, 96, 97};
    if (std::find(k_three_prefixes.begin(), k_three_prefixes.end(), two) !=
            k_three_prefixes.end() ||
        two == 99) {
        return 3;
    }
    return 0;
}

// An international phone number: an assigned country code and a national significant number
// of a plausible length. For the countries with fixed national lengths (NANP 10; France,
// Spain, the Netherlands, Australia 9; India 10; UK 9-10; Brazil 10-11; Germany 5-13; Italy
// 6-11) that length is enforced; elsewhere E.164's limit of 15 digits in all. A written trunk
// prefix "(0)" is not part of the number.
bool phone_e164(std::string_view value) {
    std::string d;
    std::string_view rest = value;
    if (rest.substr(0, 2) == "(+") { // (+49) 30 …: the country code in parentheses
        rest.remove_prefix(1);
    }
    if (!rest.empty() && rest.front() == '+') {
        rest.remove_prefix(1);
    } else if (rest.substr(0, 2) == "00") {
        rest.remove_prefix(2);
    }
    for (std::size_t i = 0; i < rest.size(); ++i) {
        const char c = rest[i];
        if (rest.substr(i, 3) == "(0)") {
            i += 2;
            continue;
        }
        if (is_digit(c)) {
            d.push_back(c);
        } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' && c != '/') {
            return false;
        }
    }
    const std::size_t cc_length = e164_country_code(d);
    if (cc_length == 0 || d.size() > 15) {
        return false;
    }
    const std::string_view cc = std::string_view(d).substr(0, cc_length);
    const std::size_t nsn = d.size() - cc_length;
    if (nsn == 0 || d[cc_length] == '0') {
        return cc == "39" && nsn >= 6 && nsn <= 11; // Italian landlines keep their leading 0
    }
    struct Plan {
        std::string_view cc;
        std::size_t min;
        std::size_t max;
    };
    static constexpr std::array<Plan, 11> k_plans{{{"1", 10, 10},
                                                   {"33", 9, 9},
                                                   {"34", 9, 9},
                                                   {"31", 9, 9},
                                                   {"61", 9, 9},
                                                   {"91", 10, 10},
                                                   {"44", 9, 10},
                                                   {"55", 10, 11},
                                                   {"49", 5, 13},
                                                   {"39", 6, 11},
                                                   {"7", 10, 10}}};
    for (const Plan& p : k_plans) {
        if (p.cc == cc) {
            return nsn >= p.min && nsn <= p.max;
        }
    }
    return nsn >= 4 && d.size() >= 8;
}

// North American Numbering Plan (NANPA): ten digits after an optional trunk prefix 1; area
// code and exchange start with 2-9 and neither is an N11 service code.
bool phone_nanp(std::string_view value) {
    std::string d;
    for (const char c : value) {
        if (is_digit(c)) {
            d.push_back(c);
        } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' && c != '+') {
            return false;
        }
    }
    if (d.size() == 11 && d[0] == '1') {
        d.erase(0, 1);
    }
    if (d.size() != 10 || d[0] < '2' || d[3] < '2') {
        return false;
    }
    const bool n11 = d[1] == '1' && d[2] == '1';
    const bool exchange_n11 = d[4] == '1' && d[5] == '1';
    return !n11 && !exchange_n11 && !is_repdigit(d.substr(3));
}

// A phone number in a supported national format, without the international prefix: after
// dropping separators, 9 to 12 digits with the trunk prefix 0 and a non-zero digit after it (UK,
// Germany, France, Italian landlines, the Netherlands, India, Australia), or without a trunk
// prefix a Spanish number (9 digits from 6-9), an Italian mobile (10 digits from 3), an Indian
// mobile (10 digits from 6-9), a Chinese mobile (11 digits from 13-19) or a Brazilian number
// (area code 11-99 without a zero, then 8 digits from 2-5 or 9 digits from 9). Numbers of one
// repeated digit are placeholders. Written with the international call prefix 00 instead of a
// plus sign (0049 30 …), the number is held to the E.164 rules.
bool phone_national(std::string_view value) {
    std::string d;
    for (const char c : value) {
        if (is_digit(c)) {
            d.push_back(c);
        } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' && c != '/') {
            return false;
        }
    }
    if (d.size() > 2 && d[0] == '0' && d[1] == '0') {
        return phone_e164(value);
    }
    if (d.size() < 9 || d.size() > 12 || is_repdigit(d.substr(1))) {
        return false;
    }
    if (d[0] == '0') {
        return d[1] != '0';
    }
    const std::size_t n = d.size();
    if (n == 9 && d[0] >= '6') {
        return true;
    }
    if (n == 10 && (d[0] == '3' || d[0] >= '6')) {
        return true;
    }
    if (n == 11 && d[0] == '1' && d[1] >= '3') {
        return true;
    }
    const bool br_area = d[0] != '0' && d[1] != '0';
    return br_area && ((n == 10 && d[2] >= '2' && d[2] <= '5') || (n == 11 && d[2] == '9'));
}

// ---------------------------------------------------------------------------------------------
// Dates of birth
// ---------------------------------------------------------------------------------------------

// Month names and abbreviations in English, German, French, Spanish, Italian and Dutch
// (lower-case; accented forms in UTF-8).
struct MonthName {
    std::string_view name;
    unsigned month;
};
constexpr MonthName k_month_names[] = {{"january", 1},
                                       {"jan", 1},
                                       {"januar", 1},
                                       {"janvier", 1},
                                       {"janv", 1},
                                       {"enero", 1},
                                       {"ene", 1},
                                       {"gennaio", 1},
                                       {"gen", 1},
                                       {"januari", 1},
                                       {"february", 2},
                                       {"feb", 2},
                                       {"februar", 2},
                                       {"f\xc3\xa9vrier", 2},
                                       {"fevrier", 2},
                                       {"f\xc3\xa9v", 2},
                                       {"fev", 2},
                                       {"febrero", 2},
                                       {"febbraio", 2},
                                       {"februari", 2},
                                       {"march", 3},
                                       {"mar", 3},
                                       {"m\xc3\xa4rz", 3},
                                       {"maerz", 3},
                                       {"mars", 3},
                                       {"marzo", 3},
                                       {"maart", 3},
                                       {"mrt", 3},
                                       {"april", 4},
                                       {"apr", 4},
                                       {"avril", 4},
                                       {"avr", 4},
                                       {"abril", 4},
                                       {"abr", 4},
                                       {"aprile", 4},
                                       {"may", 5},
                                       {"mai", 5},
                                       {"mayo", 5},
                                       {"maggio", 5},
                                       {"mag", 5},
                                       {"mei", 5},
                                       {"june", 6},
                                       {"jun", 6},
                                       {"juni", 6},
                                       {"juin", 6},
                                       {"junio", 6},
                                       {"giugno", 6},
                                       {"giu", 6},
                                       {"july", 7},
                                       {"jul", 7},
                                       {"juli", 7},
                                       {"juillet", 7},
                                       {"juil", 7},
                                       {"julio", 7},
                                       {"luglio", 7},
                                       {"lug", 7},
                                       {"august", 8},
                                       {"aug", 8},
                                       {"ao\xc3\xbbt", 8},
                                       {"aout", 8},
                                       {"agosto", 8},
                                       {"ago", 8},
                                       {"augustus", 8},
                                       {"september", 9},
                                       {"sep", 9},
                                       {"sept", 9},
                                       {"septembre", 9},
                                       {"septiembre", 9},
                                       {"settembre", 9},
                                       {"set", 9},
                                       {"october", 10},
                                       {"oct", 10},
                                       {"oktober", 10},
                                       {"okt", 10},
                                       {"octobre", 10},
                                       {"octubre", 10},
                                       {"ottobre", 10},
                                       {"ott", 10},
                                       {"november", 11},
                                       {"nov", 11},
                                       {"noviembre", 11},
                                       {"novembre", 11},
                                       {"december", 12},
                                       {"dec", 12},
                                       {"dezember", 12},
                                       {"dez", 12},
                                       {"d\xc3\xa9"
                                        "cembre",
                                        12},
                                       {"decembre", 12},
                                       {"diciembre", 12},
                                       {"dic", 12},
                                       {"dicembre", 12}};

unsigned month_from_name(std::string_view word) {
    std::string lower;
    for (const char c : word) {
        lower.push_back(to_lower(c));
    }
    for (const MonthName& m : k_month_names) {
        if (m.name == lower) {
            return m.month;
        }
    }
    return 0;
}

// A calendar date that exists, written with digits (D.M.Y, D/M/Y, M/D/Y, Y-M-D, D-M-Y, or
// D.M.YY) or with a month name in one of the six languages, and a year from 1900 to 2099.
// Day-month order is ambiguous in numeric forms, so either reading may make it valid.
bool birth_date(std::string_view value) {
    std::array<std::string_view, 3> numbers{};
    std::size_t n_numbers = 0;
    unsigned named_month = 0;
    std::size_t i = 0;
    while (i < value.size()) {
        const auto c = static_cast<unsigned char>(value[i]);
        std::size_t j = i;
        if (is_digit(value[i])) {
            while (j < value.size() && is_digit(value[j])) {
                ++j;
            }
            const std::string_view run = value.substr(i, j - i);
            // Ordinal suffixes (1st, 2nd, 3rd, 4th, 1er) are skipped with the letters below.
            if (n_numbers == 3) {
                return false;
            }
            numbers[n_numbers++] = run;
        } else if (is_upper(value[i]) || is_lower(value[i]) || c >= 0x80) {
            while (j < value.size() && (is_upper(value[j]) || is_lower(value[j]) ||
                                        static_cast<unsigned char>(value[j]) >= 0x80)) {
                ++j;
            }
            const unsigned m = month_from_name(value.substr(i, j - i));
            if (m != 0) {
                if (named_month != 0) {
                    return false;
                }
                named_month = m;
            }
        } else {
            j = i + 1;
        }
        i = j;
    }
    auto year_of = [](std::string_view s) -> unsigned {
        if (s.size() == 4) {
            const unsigned y = number(s);
            return y >= 1900 && y <= 2099 ? y : 0;
        }
        if (s.size() == 2) {
            return 1900 + number(s); // either century works for the calendar, see below
        }
        return 0;
    };
    auto check = [&](unsigned y, unsigned m, unsigned d, bool two_digit_year) {
        return two_digit_year ? valid_short_date(y % 100, m, d) : valid_date(y, m, d);
    };
    if (named_month != 0) {
        if (n_numbers != 2) {
            return false;
        }
        // "4 July 1962" or "July 4, 1962": the year is the 4-digit number.
        const std::string_view a = numbers[0];
        const std::string_view b = numbers[1];
        if (b.size() == 4 && a.size() <= 2) {
            const unsigned y = year_of(b);
            return y != 0 && valid_date(y, named_month, number(a));
        }
        return false;
    }
    if (n_numbers != 3) {
        return false;
    }
    const std::string_view a = numbers[0];
    const std::string_view b = numbers[1];
    const std::string_view c = numbers[2];
    if (a.size() == 4) {
        const unsigned y = year_of(a);
        return y != 0 && b.size() <= 2 && c.size() <= 2 && valid_date(y, number(b), number(c));
    }
    if (a.size() > 2 || b.size() > 2) {
        return false;
    }
    const unsigned y = year_of(c);
    if (y == 0) {
        return false;
    }
    const bool short_year = c.size() == 2;
    return check(y, number(b), number(a), short_year) || check(y, number(a), number(b), short_year);
}

// ---------------------------------------------------------------------------------------------
// Thailand, Turkey, German VAT
// ---------------------------------------------------------------------------------------------

// Thai national identification number (Department of Provincial Administration): 13 digits,
// the first (person category) 1 to 8, the last a check digit: the first twelve weighted 13 down
// to 2, check = (11 - sum mod 11) mod 10. Dashes (1-1016-00001-50-2) and spaces are allowed.
bool th_tnin(std::string_view value) {
    const auto d = digits_of(value, " -", 13);
    if (!d || (*d)[0] < '1' || (*d)[0] > '8' || is_repdigit(*d)) {
        return false;
    }
    // Digits 2-3 are the province (changwat) code of the registering office: 10-27, 30-49,
    // 50-58, 60-67, 70-77, 80-86 or 90-96.
    const unsigned province = number(std::string_view(*d).substr(1, 2));
    const bool known_province = in_range(province, 10, 27) || in_range(province, 30, 58) ||
                                in_range(province, 60, 67) || in_range(province, 70, 77) ||
                                in_range(province, 80, 86) || in_range(province, 90, 96);
    if (!known_province) {
        return false;
    }
    static constexpr std::array<unsigned, 12> k_weights{13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2};
    const unsigned sum = weighted(std::string_view(*d).substr(0, 12), k_weights);
    return (11 - sum % 11) % 10 == dv((*d)[12]);
}

// Turkish identity number (T.C. Kimlik No, Law 5490 and the MERNIS specification): 11 digits,
// no leading zero; digit 10 = (7 x (d1+d3+d5+d7+d9) - (d2+d4+d6+d8)) mod 10; digit 11 = (sum of
// the first ten) mod 10.
bool tr_tckn(std::string_view value) {
    const auto d = digits_of(value, " ", 11);
    if (!d || (*d)[0] == '0' || is_repdigit(*d)) {
        return false;
    }
    unsigned odd = 0;
    unsigned even = 0;
    for (std::size_t i = 0; i < 9; ++i) {
        (i % 2 == 0 ? odd : even) += dv((*d)[i]);
    }
    const unsigned d10 = (7 * odd + 90 - even) % 10; // + 90 (0 mod 10) keeps it non-negative
    unsigned total = 0;
    for (std::size_t i = 0; i < 10; ++i) {
        total += dv((*d)[i]);
    }
    return dv((*d)[9]) == d10 && dv((*d)[10]) == total % 10;
}

// A Turkish phone number in the national format: an optional trunk 0, then ten digits starting
// with a geographic area code (the provinces' codes 212-488 of the BTK numbering plan) or a
// mobile operator prefix (50x, 53x-56x). Separators: spaces, dashes, dots, parentheses.
bool tr_phone(std::string_view value) {
    std::string d;
    for (const char c : value) {
        if (is_digit(c)) {
            d.push_back(c);
        } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
            return false;
        }
    }
    if (d.size() == 11 && d[0] == '0') {
        d.erase(0, 1);
    }
    if (d.size() != 10 || is_repdigit(d.substr(3))) {
        return false;
    }
    static constexpr std::array<unsigned, 82> k_area_codes{
        212, 216, 222, 224, 226, 228, 232, 236, 242, 246, 248, 252, 256, 258, 262, 264, 266,
        272, 274, 276, 282, 284, 286, 288, 312, 318, 322, 324, 326, 328, 332, 338, 342, 344,
        346, 348, 352, 354, 356, 358, 362, 364, 366, 368, 370, 372, 374, 376, 378, 380, 382,
        384, 386, 388, 412, 414, 416, 422, 424, 426, 428, 432, 434, 436, 438, 442, 446, 452,
        454, 456, 458, 462, 464, 466, 472, 474, 476, 478, 482, 484, 486, 488};
    static_assert(std::is_sorted(k_area_codes.begin(), k_area_codes.end()));
    const unsigned area = number(std::string_view(d).substr(0, 3));
    if (std::binary_search(k_area_codes.begin(), k_area_codes.end(), area)) {
        return true;
    }
    return (area >= 500 && area <= 509) || (area >= 530 && area <= 569);
}

// German lifelong doctor number (lebenslange Arztnummer, LANR; KBV Arztnummern-Richtlinie):
// nine digits, a six-digit serial, a check digit, and a two-digit specialty group. The check
// digit is (10 - (sum of the serial's digits weighted 4, 9, 4, 9, 4, 9) mod 10) mod 10.
bool de_lanr(std::string_view value) {
    const auto d = digits_of(value, " ", 9);
    if (!d || is_repdigit(std::string_view(*d).substr(0, 6))) {
        return false;
    }
    static constexpr std::array<unsigned, 6> k_weights{4, 9, 4, 9, 4, 9};
    const unsigned sum = weighted(*d, k_weights);
    return (10 - sum % 10) % 10 == dv((*d)[6]);
}

// German VAT identification number (USt-IdNr., § 27a UStG): "DE" and nine digits, the last an
// ISO 7064 MOD 11,10 check digit over the first eight (BZSt). Spaces, dots and dashes between
// the groups are allowed; the prefix is case-insensitive.
bool de_vat_id(std::string_view value) {
    if (value.size() < 11 || to_upper(value[0]) != 'D' || to_upper(value[1]) != 'E') {
        return false;
    }
    const auto d = digits_of(value.substr(2), " .-", 9);
    if (!d || (*d)[0] == '0' || is_repdigit(*d)) {
        return false;
    }
    unsigned product = 10;
    for (std::size_t i = 0; i < 8; ++i) {
        unsigned sum = (dv((*d)[i]) + product) % 10;
        if (sum == 0) {
            sum = 10;
        }
        product = (2 * sum) % 11;
    }
    return (11 - product) % 10 == dv((*d)[8]);
}

// Indian Aadhaar number (UIDAI): 12 digits, the first 2-9, the last a Verhoeff check digit.
// Written in groups of four separated by spaces, dashes or colons.
bool in_aadhaar(std::string_view value) {
    const auto d = digits_of(value, " -:", 12);
    return d && (*d)[0] >= '2' && !is_repdigit(*d) && verhoeff(*d);
}

// ---------------------------------------------------------------------------------------------
// Business registers: a sole trader's or a small company's number identifies the person behind
// it, so the packs report them as personal data
// ---------------------------------------------------------------------------------------------

// Australian Business Number (ATO, "Format of the ABN"): 11 digits; subtract 1 from the first
// digit, weight the digits 10 1 3 5 7 9 11 13 15 17 19, and the sum is a multiple of 89.
// Written 51 824 753 556 or run together.
bool au_abn(std::string_view value) {
    const auto d = digits_of(value, " ", 11);
    if (!d || (*d)[0] == '0' || is_repdigit(*d)) {
        return false;
    }
    static constexpr std::array<unsigned, 11> k_weights{10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19};
    const unsigned sum = weighted(*d, k_weights) - k_weights[0]; // the first digit minus one
    return sum % 89 == 0;
}

// Australian Company Number (ASIC Regulatory Guide, "ACN check digit"): 9 digits, the first
// eight weighted 8 down to 1; the check digit is (10 - sum mod 10) mod 10. Written 005 499 981.
bool au_acn(std::string_view value) {
    const auto d = digits_of(value, " ", 9);
    if (!d || is_repdigit(*d)) {
        return false;
    }
    static constexpr std::array<unsigned, 8> k_weights{8, 7, 6, 5, 4, 3, 2, 1};
    return (10 - weighted(*d, k_weights) % 10) % 10 == dv((*d)[8]);
}

// Singapore Unique Entity Number (ACRA, uen.gov.sg), three shapes, each with a check letter:
//   businesses (ROB): 8 digits, weights 10 4 9 3 8 2 7 1, letter XMKECAWLJDB[sum mod 11];
//   local companies (ROC): the 4-digit year of registration and 5 digits, weights
//     10 8 6 4 9 7 5 3 1, letter ZKCMDNERGWH[sum mod 11];
//   other entities: R (1800s), S (1900s) or T (2000s), a 2-digit year, a 2-letter entity type
//     (LP, LL, FC, …), 4 digits; the characters are numbered in ABCDEFGHJKLMNPQRSTUVWX0-9,
//     weighted 4 3 5 3 10 2 2 5 7, and the check character is that alphabet[(sum - 5) mod 11].
bool sg_uen(std::string_view value) {
    const auto v = compact(value, "", 10);
    if (!v || v->size() < 9) {
        return false;
    }
    const std::string_view s = *v;
    const char check = s.back();
    if (s.size() == 9 && all_digits(s.substr(0, 8)) && is_upper(check)) {
        if (is_repdigit(s.substr(0, 8))) {
            return false;
        }
        static constexpr std::array<unsigned, 8> k_weights{10, 4, 9, 3, 8, 2, 7, 1};
        return std::string_view("XMKECAWLJDB")[weighted(s, k_weights) % 11] == check;
    }
    if (s.size() != 10) {
        return false;
    }
    if (all_digits(s.substr(0, 9)) && is_upper(check)) {
        const unsigned year = number(s.substr(0, 4));
        if (year < 1800 || year > 2099 || is_repdigit(s.substr(4, 5))) {
            return false;
        }
        static constexpr std::array<unsigned, 9> k_weights{10, 8, 6, 4, 9, 7, 5, 3, 1};
        return std::string_view("ZKCMDNERGWH")[weighted(s, k_weights) % 11] == check;
    }
    static constexpr std::array<std::string_view, 38> k_types{
        "CC", "CD", "CH", "CL", "CM", "CP", "CS", "CX", "DP", "FB", "FC", "FM", "FN",
        "GA", "GB", "GS", "HS", "LL", "LP", "MB", "MC", "MD", "MH", "MM", "MQ", "NB",
        "NR", "PA", "PB", "PF", "RF", "RP", "SM", "SS", "TC", "TU", "VH", "XL"};
    static_assert(std::is_sorted(k_types.begin(), k_types.end()));
    const char era = s[0];
    if ((era != 'R' && era != 'S' && era != 'T') || !all_digits(s.substr(1, 2)) ||
        !std::binary_search(k_types.begin(), k_types.end(), s.substr(3, 2)) ||
        !all_digits(s.substr(5, 4))) {
        return false;
    }
    static constexpr std::string_view k_alphabet = "ABCDEFGHJKLMNPQRSTUVWX0123456789";
    static constexpr std::array<unsigned, 9> k_weights{4, 3, 5, 3, 10, 2, 2, 5, 7};
    unsigned sum = 0;
    for (std::size_t i = 0; i < 9; ++i) {
        const auto at = k_alphabet.find(s[i]);
        if (at == std::string_view::npos) {
            return false;
        }
        sum += static_cast<unsigned>(at) * k_weights[i];
    }
    return k_alphabet[(sum + 11 - 5) % 11] == check;
}

// Korean business registration number (사업자등록번호, National Tax Service): 3-digit tax office,
// 2-digit entity type, 4-digit serial and a check digit, written 123-45-67890. Weights
// 1 3 7 1 3 7 1 3 5 over the first nine digits, plus the tens of (ninth digit x 5); the check
// digit is (10 - sum mod 10) mod 10. Tax office codes start at 101.
bool kr_brn(std::string_view value) {
    const auto d = digits_of(value, " -", 10);
    if (!d || number(d->substr(0, 3)) < 101 || d->substr(3, 2) == "00" ||
        is_repdigit(d->substr(5, 4))) {
        return false;
    }
    static constexpr std::array<unsigned, 9> k_weights{1, 3, 7, 1, 3, 7, 1, 3, 5};
    const unsigned sum = weighted(*d, k_weights) + dv((*d)[8]) * 5 / 10;
    return (10 - sum % 10) % 10 == dv((*d)[9]);
}

// Swedish organisationsnummer (Bolagsverket, Skatteverket SKV 709): a group digit (1 estates,
// 2 public bodies, 3 foreign companies, 5 limited companies, 6 partnerships and sole traders,
// 7 economic associations, 8 non-profit associations and foundations, 9 trading partnerships),
// five digits of which the third of the whole is at least 2 (so it is never a birth month), a
// dash, three digits and a Luhn check digit; optionally prefixed with 16.
bool se_orgnr(std::string_view value) {
    auto d = compact(value, "-", 12);
    if (!d || !all_digits(*d)) {
        return false;
    }
    if (d->size() == 12) {
        if (d->substr(0, 2) != "16") {
            return false;
        }
        d->erase(0, 2);
    }
    if (d->size() != 10 || (*d)[0] == '0' || (*d)[0] == '4' || (*d)[2] < '2' ||
        is_repdigit(d->substr(3))) {
        return false;
    }
    return luhn_digits(*d);
}

// ---------------------------------------------------------------------------------------------
// Driving licences, vehicles, prescribers
// ---------------------------------------------------------------------------------------------

// GB driving licence number (DVLA, the counterpart's field 5): 16 characters: the first five
// letters of the surname padded with 9, the decade digit of the birth year, the birth month
// (plus 50 for women), the day, the year digit, two initials padded with 9, a digit (usually
// 9) and two check characters. Case-insensitive (the view may be lower case).
bool uk_driving_licence(std::string_view value) {
    if (value.size() != 16) {
        return false;
    }
    std::string v;
    for (const char c : value) {
        v.push_back(to_upper(c));
    }
    // Surname: at least one letter, then only letters until the padding 9s start.
    std::size_t letters = 0;
    while (letters < 5 && is_upper(v[letters])) {
        ++letters;
    }
    if (letters == 0) {
        return false;
    }
    for (std::size_t i = letters; i < 5; ++i) {
        if (v[i] != '9') {
            return false;
        }
    }
    if (!all_digits(std::string_view(v).substr(5, 6))) {
        return false;
    }
    unsigned month = number(std::string_view(v).substr(6, 2));
    if (month > 50) {
        month -= 50;
    }
    const unsigned day = number(std::string_view(v).substr(8, 2));
    const unsigned yy = dv(v[5]) * 10 + dv(v[10]);
    if (!valid_short_date(yy, month, day)) {
        return false;
    }
    // Initials: a letter, then a letter or the padding 9.
    if (!is_upper(v[11]) || !(is_upper(v[12]) || v[12] == '9') || !is_digit(v[13])) {
        return false;
    }
    return (is_upper(v[14]) || is_digit(v[14])) && (is_upper(v[15]) || is_digit(v[15]));
}

// GB vehicle registration mark in the current format (DVLA INF104, since September 2001):
// two memory-tag letters, the two-digit age identifier and three random letters (AB51 ABC).
// The first letter is a region (not I, Q or Z), the second not I or Q; the age identifier is
// the year (02-29) for March registrations or the year + 50 (51-79) for September; the random
// letters never include I or Q.
bool uk_vehicle_registration(std::string_view value) {
    const auto v = compact(value, " -", 7);
    if (!v || v->size() != 7 || !is_upper((*v)[0]) || !is_upper((*v)[1]) ||
        !all_digits(v->substr(2, 2))) {
        return false;
    }
    const std::string_view s = *v;
    if (s[0] == 'I' || s[0] == 'Q' || s[0] == 'Z' || s[1] == 'I' || s[1] == 'Q') {
        return false;
    }
    for (std::size_t i = 4; i < 7; ++i) {
        if (!is_upper(s[i]) || s[i] == 'I' || s[i] == 'Q') {
            return false;
        }
    }
    const unsigned age = number(s.substr(2, 2));
    return (age >= 2 && age <= 29) || (age >= 51 && age <= 79);
}

// A vehicle registration plate (German, Turkish, Indian, Nigerian shapes are checked by the
// rules' patterns): letters and digits, grouped by spaces or dashes. Plates never have a serial
// (the last digit group) of zeros; a letter group that is a unit, a time of day or a month (10 AM
// 30, 16 GB 512, 12 MAI 2025) is a quantity or a date in running text; and an even-length run
// without separators whose letters are all A-F (46B80945, DD5E0525) is a hexadecimal number (whole
// bytes), not a plate.
bool vehicle_plate(std::string_view value) {
    static constexpr std::array<std::string_view, 53> k_words{
        "ABR", "AGO", "AM",  "APR", "AUG", "AVR", "CM",  "DB",  "DEC", "DEZ", "DIC",
        "ENE", "FEB", "FEV", "GB",  "GEN", "GHZ", "GIU", "HZ",  "JAN", "JUL", "JUN",
        "KB",  "KG",  "KHZ", "KM",  "KW",  "LUG", "MAG", "MAI", "MAR", "MAY", "MB",
        "MEI", "MG",  "MHZ", "MIN", "MM",  "MRT", "MS",  "NM",  "NOV", "NS",  "OCT",
        "OKT", "OTT", "PB",  "PM",  "PX",  "SEC", "SEP", "SET", "TB"};
    static_assert(std::is_sorted(k_words.begin(), k_words.end()));
    std::string letters;
    std::string digits;
    bool any_letters = false;
    bool any_digits = false;
    bool serial_nonzero = false;
    bool separated = false;
    bool beyond_hex = false;
    auto end_group = [&]() {
        if (!letters.empty() &&
            std::binary_search(k_words.begin(), k_words.end(), std::string_view(letters))) {
            return false;
        }
        if (!digits.empty()) {
            serial_nonzero = number(digits) != 0; // the last digit group is the serial
        }
        letters.clear();
        digits.clear();
        return true;
    };
    for (const char c : value) {
        const char u = to_upper(c);
        if (is_upper(u)) {
            if (!digits.empty() && !end_group()) {
                return false;
            }
            letters.push_back(u);
            any_letters = true;
            beyond_hex = beyond_hex || u > 'F';
        } else if (is_digit(u)) {
            if (!letters.empty() && !end_group()) {
                return false;
            }
            digits.push_back(u);
            any_digits = true;
        } else if (c == ' ' || c == '-') {
            separated = true;
            if (!end_group()) {
                return false;
            }
        } else {
            return false;
        }
    }
    return end_group() && any_letters && any_digits && serial_nonzero &&
           (separated || beyond_hex || value.size() % 2 == 1);
}

// US DEA registration number (21 CFR 1301; DEA Diversion Control): a registrant-type letter
// (A B C D E F G H J K L M P R S T U X), the first letter of the registrant's surname or 9,
// and seven digits; (d1 + d3 + d5) + 2 x (d2 + d4 + d6) ends in the seventh digit.
bool us_dea(std::string_view value) {
    if (value.size() != 9) {
        return false;
    }
    const char type = to_upper(value[0]);
    const char second = to_upper(value[1]);
    if (std::string_view("ABCDEFGHJKLMPRSTUX").find(type) == std::string_view::npos ||
        !(is_upper(second) || second == '9') || !all_digits(value.substr(2))) {
        return false;
    }
    const std::string_view d = value.substr(2);
    if (is_repdigit(d.substr(0, 6))) {
        return false;
    }
    const unsigned sum = dv(d[0]) + dv(d[2]) + dv(d[4]) + 2 * (dv(d[1]) + dv(d[3]) + dv(d[5]));
    return sum % 10 == dv(d[6]);
}

// IBAN as people write it (ISO 13616 prints it in groups of four separated by spaces; some
// forms and statements use dashes): the spaces and dashes are dropped, then the core check
// (registry country, that country's length, mod-97 = 1) decides.
bool iban_grouped(std::string_view value) {
    const auto v = compact(value, " -", 34);
    return v && iban_mod97(*v);
}

// ---------------------------------------------------------------------------------------------
// Registration
// ---------------------------------------------------------------------------------------------

constexpr NamedCheck k_pii_checks[] = {
    {"us_ssn", us_ssn},
    {"not_example_ssn", not_example_ssn},
    {"us_itin", us_itin},
    {"us_npi", us_npi},
    {"uk_nino", uk_nino},
    {"uk_nhs", uk_nhs},
    {"ie_ppsn", ie_ppsn},
    {"ca_sin", ca_sin},
    {"de_tax_id", de_tax_id},
    {"de_kvnr", de_kvnr},
    {"de_pension_number", de_pension_number},
    {"de_id_document", de_id_document},
    {"at_svnr", at_svnr},
    {"ch_ahv", ch_ahv},
    {"fr_nir", fr_nir},
    {"be_national_number", be_national_number},
    {"nl_bsn", nl_bsn},
    {"es_dni_nie", es_dni_nie},
    {"pt_nif", pt_nif},
    {"it_codice_fiscale", it_codice_fiscale},
    {"it_partita_iva", it_partita_iva},
    {"se_personnummer", se_personnummer},
    {"no_fodselsnummer", no_fodselsnummer},
    {"dk_cpr", dk_cpr},
    {"fi_hetu", fi_hetu},
    {"pl_pesel", pl_pesel},
    {"in_pan", in_pan},
    {"in_gstin", in_gstin},
    {"au_tfn", au_tfn},
    {"au_medicare", au_medicare},
    {"jp_my_number", jp_my_number},
    {"kr_rrn", kr_rrn},
    {"kr_rrn_birth", kr_rrn_birth},
    {"sg_nric", sg_nric},
    {"br_cpf", br_cpf},
    {"br_cnpj", br_cnpj},
    {"mx_curp", mx_curp},
    {"za_id", za_id},
    {"icao_mrz", icao_mrz},
    {"vin", vin},
    {"imei", imei},
    {"card_issuer", card_issuer},
    {"not_test_card", not_test_card},
    {"bic", bic},
    {"bitcoin_base58", bitcoin_base58},
    {"bech32_address", bech32_address},
    {"ipv4_public", ipv4_public},
    {"ipv6_global", ipv6_global},
    {"email_public_domain", email_public_domain},
    {"email_not_stand_in", email_not_stand_in},
    {"phone_e164", phone_e164},
    {"phone_nanp", phone_nanp},
    {"phone_national", phone_national},
    {"es_nss", es_nss},
    {"fr_spi", fr_spi},
    {"birth_date", birth_date},
    {"th_tnin", th_tnin},
    {"tr_tckn", tr_tckn},
    {"de_vat_id", de_vat_id},
    {"tr_phone", tr_phone},
    {"de_lanr", de_lanr},
    {"in_aadhaar", in_aadhaar},
    {"au_abn", au_abn},
    {"au_acn", au_acn},
    {"sg_uen", sg_uen},
    {"kr_brn", kr_brn},
    {"se_orgnr", se_orgnr},
    {"uk_driving_licence", uk_driving_licence},
    {"uk_vehicle_registration", uk_vehicle_registration},
    {"us_dea", us_dea},
    {"vehicle_plate", vehicle_plate},
    {"iban_grouped", iban_grouped},
};

} // namespace

std::span<const NamedCheck> pii_checks() {
    return k_pii_checks;
}

} // namespace promptlint::validators

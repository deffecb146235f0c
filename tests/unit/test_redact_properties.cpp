// Property tests of redact and restore with the built-in packs, over generated documents:
// seeded and deterministic (std::mt19937_64 is specified by the standard; only `% n` is used
// on it, never a library distribution, whose output may differ between library versions).
//
// 240 documents of filler text (LF or CRLF, sometimes a BOM, invalid UTF-8, NUL bytes, no final
// newline, literal placeholder-shaped text, markdown) with values planted from every category,
// drawn from a shared pool so that values recur across documents; every 8th document is long
// enough to span several scanner windows. Checked for every document:
//   1. scanning the redacted output finds nothing at the threshold (all four styles);
//   2. restore(redact(x)) == x byte for byte (placeholder and hash styles, with a map);
//   3. redacting again with the same map gives the same output;
//   4. the same value gets the same token in every document and every run sharing a map.

#include "promptlint/redact.hpp"
#include "promptlint/scanner.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <random>
#include <set>

#include "helpers.hpp"

using namespace promptlint;

namespace {

constexpr std::uint64_t k_seed = 20240611;
constexpr std::size_t k_documents = 240;

// Rules whose value class accepts a bracketed token in the place of a password: the scanner
// reports the placeholder itself there (a rule/engine matter, see docs/redact.md). Such
// findings are only tolerated when their value is exactly one of promptlint's tokens.
const std::set<std::string> k_rules_that_match_tokens{"credentials.url.embedded-password",
                                                      "credentials.database.connection-url"};

class Gen {
public:
    explicit Gen(std::uint64_t seed) : m_rng(seed) {}

    std::size_t below(std::size_t n) { return static_cast<std::size_t>(m_rng() % n); }
    bool chance(std::size_t percent) { return below(100) < percent; }
    std::string chars(std::string_view alphabet, std::size_t n) {
        std::string s;
        for (std::size_t i = 0; i < n; ++i) {
            s.push_back(alphabet[below(alphabet.size())]);
        }
        return s;
    }
    template <typename T>
    const T& pick(const std::vector<T>& v) {
        return v[below(v.size())];
    }

private:
    std::mt19937_64 m_rng;
};

constexpr std::string_view k_lower = "abcdefghijklmnopqrstuvwxyz";
constexpr std::string_view k_upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
constexpr std::string_view k_digits = "0123456789";
constexpr std::string_view k_base64 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view k_alnum =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

std::string luhn_complete(std::string digits) {
    int sum = 0;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        int d = digits[digits.size() - 1 - i] - '0';
        if (i % 2 == 0) {
            d *= 2;
            if (d > 9) {
                d -= 9;
            }
        }
        sum += d;
    }
    digits.push_back(static_cast<char>('0' + (10 - sum % 10) % 10));
    return digits;
}

std::string german_iban(Gen& g) {
    const std::string bban = g.chars(k_digits, 18);
    // ISO 7064 mod 97-10: BBAN, then "DE00" with letters as numbers (D=13, E=14).
    const std::string numeric = bban + "131400";
    unsigned remainder = 0;
    for (char c : numeric) {
        remainder = (remainder * 10 + static_cast<unsigned>(c - '0')) % 97;
    }
    const unsigned check = 98 - remainder;
    std::string iban = "DE" + std::string(check < 10 ? "0" : "") + std::to_string(check) + bban;
    std::string spaced;
    for (std::size_t i = 0; i < iban.size(); ++i) {
        if (i > 0 && i % 4 == 0) {
            spaced.push_back(' ');
        }
        spaced.push_back(iban[i]);
    }
    return spaced;
}

std::string password(Gen& g) {
    return g.chars("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#%&*+=?@^~", 14);
}

// A planted line: its text and the category of what it plants.
struct Plant {
    std::string text;
    Category category;
};

// A pool of values per kind; documents draw from it, so values recur across documents.
std::vector<Plant> make_pool(Gen& g) {
    std::vector<Plant> pool;
    for (int i = 0; i < 12; ++i) {
        const std::string name = g.chars(k_lower, 3 + g.below(6));
        const std::string domain = g.chars(k_lower, 4 + g.below(6));
        pool.push_back({"Contact " + name + "." + g.chars(k_lower, 5) + "@" + domain + ".com today",
                        Category::pii});
        // A man page: the value right after a backslash escape, which restore must keep.
        pool.push_back(
            {"Report bugs to <\\fI" + name + "@" + domain + ".org\\fP>.", Category::pii});
        pool.push_back(
            {"card " + luhn_complete("4" + g.chars(k_digits, 14)) + " exp 09/27", Category::pii});
        pool.push_back({"IBAN: " + german_iban(g), Category::pii});
        pool.push_back({"Call me on +44 20 " + g.chars("123456789", 4) + " " +
                            g.chars(k_digits, 4) + " after six",
                        Category::pii});
        pool.push_back({"SSN: " + g.chars("1234578", 1) + g.chars(k_digits, 1) +
                            g.chars("123456789", 1) + "-" + g.chars("123456789", 2) + "-" +
                            g.chars("123456789", 4),
                        Category::pii});
        pool.push_back({"Failed login from 81." + std::to_string(2 + g.below(200)) + "." +
                            std::to_string(g.below(250)) + "." + std::to_string(1 + g.below(250)),
                        Category::pii});
        pool.push_back(
            {"aws_access_key_id = AKIA" + g.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16),
             Category::credential});
        pool.push_back({"GITHUB_TOKEN=ghp_" + g.chars(k_alnum, 36), Category::credential});
        pool.push_back({"export GITLAB_TOKEN=glpat-" + g.chars(k_alnum, 20), Category::credential});
        pool.push_back({"DB_PASSWORD=\"" + password(g) + "\"", Category::credential});
        pool.push_back({"DATABASE_URL=postgres://app:" + g.chars(k_alnum, 14) +
                            "@db-01.acme-shop.net:5432/orders",
                        Category::credential});
        pool.push_back({"pip install --index-url https://ci-bot:" + g.chars(k_alnum, 16) +
                            "@pypi.acme-shop.net/simple/ pkg",
                        Category::credential});
        pool.push_back({"SLACK_BOT_TOKEN=xoxb-" + g.chars(k_digits, 12) + "-" +
                            g.chars(k_digits, 13) + "-" + g.chars(k_alnum, 24),
                        Category::credential});
        pool.push_back({"STRIPE_SECRET_KEY=sk_live_" + g.chars(k_alnum, 24), Category::credential});
        // Keys of many lines: the rule reports the first, the redactor takes the block.
        // A real PKCS#1 body starts with the DER sequence header "MII…", which the rule checks.
        std::string key = "-----BEGIN RSA PRIVATE KEY-----\nMIIE" + g.chars(k_base64, 60) + "\n";
        for (std::size_t line = 0, lines = 3 + g.below(40); line < lines; ++line) {
            key += g.chars(k_base64, 64) + "\n";
        }
        pool.push_back(
            {key + g.chars(k_base64, 4 + g.below(40)) + "\n-----END RSA PRIVATE KEY-----",
             Category::credential});
        pool.push_back({"ssh -p 2222 build-" + g.chars(k_digits, 2) + ".ci." + g.chars(k_lower, 5) +
                            ".internal",
                        Category::confidential});
        pool.push_back({"DB host 10." + std::to_string(g.below(250)) + "." +
                            std::to_string(g.below(250)) + "." + std::to_string(1 + g.below(250)) +
                            " port 5432",
                        Category::confidential});
    }
    for (std::string_view marking :
         {"CONFIDENTIAL", "TOP SECRET", "FOR INTERNAL USE ONLY", "STRICTLY CONFIDENTIAL", "TLP:RED",
          "ATTORNEY-CLIENT PRIVILEGED COMMUNICATION",
          "Acme GmbH - Proprietary and "
          "Confidential"}) {
        pool.push_back({std::string(marking), Category::confidential});
    }
    return pool;
}

const std::vector<std::string> k_words{
    "the",    "release", "notes",  "describe", "how",     "we",      "build",  "and",
    "ship",   "a",       "small",  "service",  "please",  "review",  "this",   "draft",
    "before", "Friday",  "thanks", "logs",     "show",    "timeout", "while",  "calling",
    "the",    "API",     "retry",  "budget",   "version", "2.4.1",   "(see",   "below)",
    "*bold*", "`code`",  "- item", "#",        "über",    "naïve",   "日本語", "—"};

std::string filler_line(Gen& g) {
    std::string line;
    const std::size_t n = 3 + g.below(14);
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0) {
            line.push_back(' ');
        }
        line += g.pick(k_words);
    }
    if (g.chance(5)) {
        line += " \xFF\xC3 \x80"; // invalid UTF-8
    }
    if (g.chance(3)) {
        line += std::string(" nul\0byte", 9);
    }
    if (g.chance(2)) {
        // Placeholder-shaped text the author wrote: new placeholders must not take its number.
        line += g.chance(50)
                    ? " [EMAIL_ADDRESS_" + std::to_string(1 + g.below(40)) + "]"
                    : " \\[AWS\\_ACCESS\\_KEY\\_ID\\_" + std::to_string(1 + g.below(9)) + "\\]";
    }
    return line;
}

struct Document {
    std::string text;
    std::size_t planted = 0;
};

Document make_document(Gen& g, const std::vector<Plant>& pool, std::size_t index,
                       std::size_t long_size) {
    Document d;
    const std::string eol = g.chance(30) ? "\r\n" : "\n";
    if (g.chance(10)) {
        d.text = "\xEF\xBB\xBF";
    }
    const std::size_t target = index % 8 == 7 ? long_size : 200 + g.below(3000);
    while (d.text.size() < target) {
        if (g.chance(30)) {
            const Plant& p = g.pick(pool);
            d.text += g.chance(50) ? p.text : "> " + p.text + " (again)";
            ++d.planted;
        } else {
            d.text += filler_line(g);
        }
        d.text += eol;
    }
    if (g.chance(25)) {
        d.text.resize(d.text.size() - eol.size()); // no final line break
    }
    return d;
}

struct Fixture {
    RuleSet rules;
    Database db;
    ScanOptions options; // the threshold: redact's defaults (low, low)
    ScanOptions small;   // the same, in windows as small as the scanner allows
    std::vector<Plant> pool;
    std::vector<Document> documents;

    Fixture() : rules(builtin()), db(Database::build(rules.rules(), CacheSettings{false, {}})) {
        small.limits.stream_window = 1;
        small.limits.mapped_window = 1;
        Gen g(k_seed);
        pool = make_pool(g);
        const std::size_t window = Scanner(rules.rules(), db, small).limits().stream_window;
        for (std::size_t i = 0; i < k_documents; ++i) {
            documents.push_back(make_document(g, pool, i, 3 * window + g.below(window)));
        }
    }
    static RuleSet builtin() {
        RuleSet set;
        set.add_builtin();
        return set;
    }
    Scanner scanner(std::size_t document) const {
        // Long documents go through small windows, so values sit on window boundaries.
        return Scanner(rules.rules(), db, documents[document].text.size() > 8192 ? small : options);
    }
};

const Fixture& fixture() {
    static const Fixture f;
    return f;
}

// Findings in redacted text at the threshold. Tolerated: a rule listed above reporting exactly
// one of promptlint's tokens.
std::vector<std::string> leftovers(const Fixture& f, std::string_view redacted) {
    std::vector<std::string> out;
    const ScanReport report = Scanner(f.rules.rules(), f.db, f.options).scan_text(redacted, "r");
    for (const Finding& finding : report.findings) {
        const std::string& id = f.rules.rules()[finding.rule].id;
        if (k_rules_that_match_tokens.contains(id) && is_redaction_token(finding.value)) {
            continue;
        }
        out.push_back(id + " at byte " + std::to_string(finding.start_byte));
    }
    return out;
}

} // namespace

TEST_CASE("properties: the generated corpus plants values of every category", "[properties]") {
    const Fixture& f = fixture();
    std::map<Category, std::size_t> found;
    std::size_t planted = 0;
    std::size_t long_documents = 0;
    for (std::size_t i = 0; i < f.documents.size(); ++i) {
        planted += f.documents[i].planted;
        long_documents += f.documents[i].text.size() > 8192;
        for (const Finding& finding : f.scanner(i).scan_text(f.documents[i].text, "d").findings) {
            ++found[f.rules.rules()[finding.rule].category];
        }
    }
    CHECK(f.documents.size() == k_documents);
    CHECK(long_documents == k_documents / 8);
    CHECK(planted > 1000);
    CHECK(found[Category::credential] > 300);
    CHECK(found[Category::pii] > 300);
    CHECK(found[Category::confidential] > 100);
}

TEST_CASE("properties: placeholders leave nothing to find, restore exactly, and are stable",
          "[properties]") {
    const Fixture& f = fixture();
    Vault vault; // one map for the whole corpus: a long conversation
    std::vector<std::string> first_outputs;
    std::uint64_t replaced = 0;
    std::size_t identities = 0;
    for (std::size_t i = 0; i < f.documents.size(); ++i) {
        const std::string& doc = f.documents[i].text;
        const Scanner scanner = f.scanner(i);
        INFO("document " << i << " (" << doc.size() << " bytes)");
        // Every 10 documents the map goes through its file format, as between two runs.
        if (i % 10 == 0) {
            vault = Vault::from_json(vault.to_json(), "map");
        }
        const Vault before = Vault::from_json(vault.to_json(), "map");
        RedactSummary summary;
        const std::string out = redact_text(scanner, f.rules.rules(), doc, {}, vault, &summary);
        replaced += summary.replaced;
        CHECK(leftovers(f, out) == std::vector<std::string>{});
        CHECK(out.find("PRIVATE KEY-----") == std::string::npos);
        // restore(redact(x)) == x, unless x already holds a placeholder the map knew before
        // this run: that is the map's own (an answer pasted back) and restores to its value,
        // so then restore(redact(x)) == restore(x).
        if (restore_text(doc, before) == doc) {
            CHECK(restore_text(out, vault) == doc);
            ++identities;
        } else {
            CHECK(restore_text(out, vault) == restore_text(doc, before));
        }
        CHECK(redact_text(scanner, f.rules.rules(), doc, {}, vault) == out);
        // Each value found in the document is replaced by its one token from the map.
        for (const Finding& finding : scanner.scan_text(doc, "d").findings) {
            // (A key block's value is the whole block, longer than the finding: checked above.)
            if (is_redaction_token(finding.value) || finding.value.starts_with("-----BEGIN ")) {
                continue;
            }
            const VaultEntry* e = vault.find_value(finding.value);
            REQUIRE(e != nullptr);
            CHECK(out.find(e->token) != std::string::npos);
        }
        first_outputs.push_back(out);
    }
    CHECK(replaced > 1000);
    CHECK(identities > k_documents / 2);
    // Every run later in the conversation gives every earlier document the same tokens.
    Vault reloaded = Vault::from_json(vault.to_json(), "map");
    for (std::size_t i = 0; i < f.documents.size(); ++i) {
        INFO("document " << i);
        CHECK(redact_text(f.scanner(i), f.rules.rules(), f.documents[i].text, {}, reloaded) ==
              first_outputs[i]);
    }
    CHECK(reloaded.added() == 0);
    // One token per value and one value per token.
    std::set<std::string> tokens;
    std::set<std::string> values;
    for (const VaultEntry& e : vault.entries()) {
        CHECK(tokens.insert(e.token).second);
        CHECK(values.insert(e.value).second);
        CHECK(is_redaction_token(e.token));
    }
}

TEST_CASE("properties: hash tokens leave nothing to find and restore exactly", "[properties]") {
    const Fixture& f = fixture();
    Vault vault;
    RedactOptions options;
    options.style = RedactStyle::hash;
    for (std::size_t i = 0; i < f.documents.size(); ++i) {
        const std::string& doc = f.documents[i].text;
        INFO("document " << i);
        const std::string out = redact_text(f.scanner(i), f.rules.rules(), doc, options, vault);
        CHECK(leftovers(f, out) == std::vector<std::string>{});
        CHECK(restore_text(out, vault) == doc);
        // Same value and key, same token: a fresh vault sharing only the key agrees.
        Vault fresh;
        fresh.set_hash_key(vault.hash_key());
        if (i % 16 == 0) {
            CHECK(redact_text(f.scanner(i), f.rules.rules(), doc, options, fresh) == out);
        }
    }
}

TEST_CASE("properties: masked and removed values leave nothing to find", "[properties]") {
    const Fixture& f = fixture();
    for (RedactStyle style : {RedactStyle::mask, RedactStyle::remove}) {
        RedactOptions options;
        options.style = style;
        for (std::size_t i = 0; i < f.documents.size(); ++i) {
            Vault vault;
            const std::string& doc = f.documents[i].text;
            INFO(to_string(style) << " document " << i);
            const std::string out = redact_text(f.scanner(i), f.rules.rules(), doc, options, vault);
            CHECK(leftovers(f, out) == std::vector<std::string>{});
            CHECK(out.find("PRIVATE KEY-----") == std::string::npos);
            CHECK(vault.entries().empty()); // neither style records anything
            // Redacting the output again changes nothing.
            CHECK(redact_text(f.scanner(i), f.rules.rules(), out, options, vault) == out);
        }
    }
}

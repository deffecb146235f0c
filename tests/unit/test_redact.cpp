#include "promptlint/redact.hpp"
#include "promptlint/scanner.hpp"
#include "promptlint/types.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "helpers.hpp"

using namespace promptlint;
using promptlint::test::Harness;
using promptlint::test::rules_from;
using promptlint::test::TempDir;

namespace fs = std::filesystem;

namespace {

// Four rules, one per shape of finding: a whole match, a secret group inside an assignment,
// and one of each category.
const std::string k_pack = R"json({"pack": "t", "version": 1, "rules": [
  {"id": "pii.email.address", "name": "e-mail", "category": "pii", "severity": "medium",
   "confidence": "high",
   "pattern": "[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63}){0,6}\\.[A-Za-z]{2,24}\\b",
   "description": "d", "examples": ["a", "b"], "negative_examples": ["c", "d"]},
  {"id": "credentials.aws.access-key-id", "name": "aws", "category": "credential",
   "severity": "critical", "confidence": "high", "pattern": "\\b(AKIA[A-Z2-7]{16})\\b",
   "secret_group": 1, "description": "d", "examples": ["a", "b"], "negative_examples": ["c", "d"]},
  {"id": "credentials.generic.password-assignment", "name": "pw", "category": "credential",
   "severity": "high", "confidence": "medium",
   "pattern": "password=([^\\s\\[\\]]{6,40})", "secret_group": 1,
   "validators": [{"type": "entropy", "min": 3.0}],
   "description": "d", "examples": ["a", "b"], "negative_examples": ["c", "d"]},
  {"id": "credentials.private-key.pem", "name": "pem", "category": "credential",
   "severity": "critical", "confidence": "high",
   "pattern": "-----BEGIN (?:RSA )?PRIVATE KEY-----\\r?\\n[A-Za-z0-9+/=]{40,100}",
   "description": "d", "examples": ["a", "b"], "negative_examples": ["c", "d"]},
  {"id": "confidential.marking.top-secret", "name": "ts", "category": "confidential",
   "severity": "info", "confidence": "high", "pattern": "\\bTOP SECRET\\b",
   "description": "d", "examples": ["a", "b"], "negative_examples": ["c", "d"]}
]})json";

const Harness& harness() {
    static const Harness h(rules_from(k_pack));
    return h;
}

Scanner scanner(ScanOptions options = {}) {
    return Scanner(harness().rules.rules(), harness().db, options);
}

std::string redact(std::string_view text, Vault& vault, RedactOptions options = {},
                   RedactSummary* summary = nullptr, ScanOptions scan = {}) {
    return redact_text(scanner(scan), harness().rules.rules(), text, options, vault, summary);
}

std::string redact(std::string_view text, RedactOptions options = {}) {
    Vault vault;
    return redact(text, vault, options);
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void spit(const fs::path& p, std::string_view bytes) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// A file named on the command line (member by member: InputItem may grow).
InputItem file_item(const fs::path& path) {
    InputItem item;
    item.display = path.string();
    item.path = path;
    item.explicit_path = true;
    return item;
}

} // namespace

// ---- tokens ----

TEST_CASE("placeholder types come from the rule id without its category", "[redact]") {
    CHECK(placeholder_type("pii.email.address") == "EMAIL_ADDRESS");
    CHECK(placeholder_type("credentials.aws.access-key-id") == "AWS_ACCESS_KEY_ID");
    CHECK(placeholder_type("credentials.generic.password-assignment") == "PASSWORD_ASSIGNMENT");
    CHECK(placeholder_type("pii.phone.e164") == "PHONE_E164");
    CHECK(placeholder_type("email") == "EMAIL");
    CHECK(placeholder_type("pii.generic") == "GENERIC");
    CHECK(placeholder_type("my.2fa--code!") == "X_2FA_CODE");
    CHECK(placeholder_type("...") == "SECRET");
    CHECK(placeholder_type("x." + std::string(100, 'a')).size() == 48);
}

TEST_CASE("tokens are parsed as written and with markdown escapes", "[redact]") {
    auto m = parse_token("[EMAIL_ADDRESS_12] and more");
    REQUIRE(m);
    CHECK(m->token == "[EMAIL_ADDRESS_12]");
    CHECK(m->type == "EMAIL_ADDRESS");
    CHECK(m->number == 12);
    CHECK(m->length == 18);

    m = parse_token(R"(\[EMAIL\_ADDRESS\_12\] and more)");
    REQUIRE(m);
    CHECK(m->token == "[EMAIL_ADDRESS_12]");
    CHECK(m->length == 22);

    // A lone backslash before a token is text, not an escape: only "\[…\]" is taken whole.
    CHECK_FALSE(parse_token(R"(\[EMAIL_1])"));
    m = parse_token(R"([EMAIL\_1\])");
    REQUIRE(m);
    CHECK(m->length == 11);

    m = parse_token("[EMAIL:3f2a9c]");
    REQUIRE(m);
    CHECK(m->token == "[EMAIL:3f2a9c]");
    CHECK(m->type == "EMAIL");
    CHECK(m->number == 0);

    for (std::string_view no : {"[email_1]", "[EMAIL]", "[EMAIL_]", "[EMAIL_01]", "[_1]", "[1_1]",
                                "[EMAIL_1", "[EMAIL:3f2a]", "[EMAIL:3F2A9C]", "[EMAIL 1]",
                                "[REDACTED]", "EMAIL_1]", "[EMAIL_1234567890123456789]"}) {
        INFO(no);
        CHECK_FALSE(parse_token(no));
    }
}

TEST_CASE("promptlint's own tokens are recognised as already redacted", "[redact]") {
    CHECK(is_redaction_token("[EMAIL_ADDRESS_1]"));
    CHECK(is_redaction_token("[EMAIL:3f2a9c]"));
    CHECK(is_redaction_token("[REDACTED]"));
    CHECK_FALSE(is_redaction_token("[EMAIL_ADDRESS_1]x"));
    CHECK_FALSE(is_redaction_token(R"(\[EMAIL_1\])"));
    CHECK_FALSE(is_redaction_token("hunter2"));
}

TEST_CASE("masks keep the shape and hide the value", "[redact]") {
    CHECK(mask_shape("jane.doe@acme.com", Category::pii) == "j***@a***.com");
    CHECK(mask_shape("4111 1111 1111 1111", Category::pii) == "4111 **** **** 1111");
    CHECK(mask_shape("4111-1111-1111-1111", Category::pii) == "4111-****-****-1111");
    CHECK(mask_shape("078-05-1120", Category::pii) == "***-**-**20");
    CHECK(mask_shape("+1 415 555 0100", Category::pii) == "+* *** *** **00");
    CHECK(mask_shape("DE89 3704 0044 0532 0130 00", Category::pii) ==
          "DE89 **** **** **** **** **");
    CHECK(mask_shape("AKIAQ3EGRHTQZLWYXV7N", Category::credential) == "AKIA****************");
    // In a credential punctuation is part of the secret; line structure is not.
    CHECK(mask_shape("Xk9#mP2vL!q", Category::credential) == "Xk*********");
    CHECK(mask_shape("abcd\nefgh\nijkl\nmnop", Category::credential) == "abcd\n****\n****\n****");
    CHECK(mask_shape("short", Category::credential) == "*****");
    CHECK(mask_shape("Jürgen Müller-Lüdenscheidt", Category::pii) == "Jürg** ******-************");
    CHECK(mask_shape("\x1B[31mabcdefghijklmnop", Category::credential).find('\x1B') ==
          std::string::npos);
}

TEST_CASE("hash tokens depend on the value and the key, and can be longer", "[redact]") {
    HashKey k1{};
    HashKey k2{};
    k2[0] = 1;
    const std::string t = hash_token("EMAIL", "jane@acme.io", k1);
    CHECK(t.size() == std::string("[EMAIL:123456]").size());
    CHECK(t.starts_with("[EMAIL:"));
    CHECK(hash_token("EMAIL", "jane@acme.io", k1) == t);
    CHECK(hash_token("EMAIL", "bob@acme.io", k1) != t);
    CHECK(hash_token("EMAIL", "jane@acme.io", k2) != t);
    const std::string longer = hash_token("EMAIL", "jane@acme.io", k1, 10);
    CHECK(longer.substr(0, t.size() - 1) == t.substr(0, t.size() - 1));
    CHECK(is_redaction_token(longer));
}

TEST_CASE("a key block is walked to its END line, whichever line breaks it uses", "[redact]") {
    const std::string line(64, 'A');
    const std::string end = "-----END RSA PRIVATE KEY-----";
    auto walk = [](std::string_view t, bool ends = true) { return walk_key_block(t, ends); };
    // After the reported value (the BEGIN line and part of the first body line).
    std::string rest = "xyz\n" + line + "\n" + line + "\nQUJD\n" + end + "\nafter";
    BlockWalk w = walk(rest);
    CHECK(w.complete);
    CHECK(rest.substr(0, w.length).ends_with(end));
    rest = "xyz\r\n" + line + "\r\nQUJD\r\n" + end + "\r\n";
    CHECK(rest.substr(0, walk(rest).length).ends_with(end));
    rest = "xyz\\n" + line + "\\nQUJD\\n" + end + "\\n\"}"; // escaped in a JSON string
    CHECK(rest.substr(0, walk(rest).length).ends_with(end));
    // No END line (a key pasted in part): full lines are taken, the text after is not.
    rest = "xyz\n" + line + "\n" + line + "\nThanks for looking\n";
    CHECK(walk(rest).length == 3 + 2 * 65);
    rest = "xyz\n" + line + "\nshort\nmore text";
    CHECK(walk(rest).length == 3 + 65);
    rest = "xyz\n" + line + "\n\n" + line; // a blank line ends a block
    CHECK(walk(rest).length == 3 + 65);
    // Cut by the end of a window: not decided yet, unless the input ends there.
    rest = "xyz\n" + line + "\n" + line.substr(0, 20);
    CHECK_FALSE(walk(rest, false).complete);
    CHECK(walk(rest, true).length == rest.size());
    rest = "xyz\n" + line + "\n-----EN";
    CHECK_FALSE(walk(rest, false).complete);
    CHECK(walk(rest, true).length == 3 + 65);
}

// ---- redact ----

TEST_CASE("only the sensitive span is replaced; every other byte stays", "[redact]") {
    const std::string in = "\xEF\xBB\xBFuser jane@acme.io\r\npassword=Xk9#mP2vL!q\r\n"
                           "bytes \xFF\xFE\x80 kept, key AKIAQ3EGRHTQZLWYXV7N, no final newline";
    CHECK(redact(in) == "\xEF\xBB\xBFuser [EMAIL_ADDRESS_1]\r\npassword=[PASSWORD_ASSIGNMENT_1]\r\n"
                        "bytes \xFF\xFE\x80 kept, key [AWS_ACCESS_KEY_ID_1], no final newline");
    CHECK(redact("") == "");
    CHECK(redact("nothing here\n") == "nothing here\n");
    CHECK(redact(std::string("nul\0byte jane@acme.io\0", 22)) ==
          std::string("nul\0byte [EMAIL_ADDRESS_1]\0", 27));
}

TEST_CASE("one value gets one placeholder everywhere; distinct values are numbered", "[redact]") {
    RedactSummary s;
    Vault vault;
    const std::string out =
        redact("jane@acme.io bob@acme.io jane@acme.io AKIAQ3EGRHTQZLWYXV7N", vault, {}, &s);
    CHECK(out == "[EMAIL_ADDRESS_1] [EMAIL_ADDRESS_2] [EMAIL_ADDRESS_1] [AWS_ACCESS_KEY_ID_1]");
    CHECK(s.replaced == 4);
    CHECK(s.tokens_used.size() == 3);
    CHECK(s.by_rule.at("pii.email.address") == 3);
    CHECK(vault.entries().size() == 3);
}

TEST_CASE("a map shared by runs keeps placeholders and extends the numbering", "[redact]") {
    Vault vault;
    CHECK(redact("bob@acme.io", vault) == "[EMAIL_ADDRESS_1]");
    Vault reloaded = Vault::from_json(vault.to_json(), "m");
    CHECK(redact("jane@acme.io then bob@acme.io", reloaded) ==
          "[EMAIL_ADDRESS_2] then [EMAIL_ADDRESS_1]");
    CHECK(reloaded.added() == 1);
}

TEST_CASE("a new placeholder never equals text the input already holds", "[redact]") {
    Vault vault;
    // The literal tokens come after the value: only a pre-pass can know about them.
    CHECK(redact("jane@acme.io wrote [EMAIL_ADDRESS_1] and \\[EMAIL\\_ADDRESS\\_2\\]", vault) ==
          "[EMAIL_ADDRESS_3] wrote [EMAIL_ADDRESS_1] and \\[EMAIL\\_ADDRESS\\_2\\]");
    // Literal tokens of types no rule writes cost nothing and change nothing.
    Vault other;
    CHECK(redact("jane@acme.io [OTHER_7]", other) == "[EMAIL_ADDRESS_1] [OTHER_7]");
    // A literal token the map already knows is the map's own (a pasted answer): kept as is.
    Vault known;
    known.add("[EMAIL_ADDRESS_1]", "jane@acme.io", "pii.email.address");
    CHECK(redact("[EMAIL_ADDRESS_1] and jane@acme.io and bob@acme.io", known) ==
          "[EMAIL_ADDRESS_1] and [EMAIL_ADDRESS_1] and [EMAIL_ADDRESS_2]");
}

TEST_CASE("redacted text redacted again is unchanged", "[redact]") {
    for (RedactStyle style :
         {RedactStyle::placeholder, RedactStyle::hash, RedactStyle::mask, RedactStyle::remove}) {
        Vault vault;
        RedactOptions o;
        o.style = style;
        const std::string once =
            redact("mail jane@acme.io password=Xk9#mP2vL!q AKIAQ3EGRHTQZLWYXV7N", vault, o);
        INFO(once);
        RedactSummary s;
        CHECK(redact(once, vault, o, &s) == once);
        CHECK(s.replaced == 0);
    }
}

TEST_CASE("styles: mask, hash and remove", "[redact]") {
    const std::string in = "jane@acme.io key AKIAQ3EGRHTQZLWYXV7N jane@acme.io";
    RedactOptions o;
    o.style = RedactStyle::mask;
    CHECK(redact(in, o) == "j***@a***.io key AKIA**************** j***@a***.io");
    o.style = RedactStyle::remove;
    CHECK(redact(in, o) == "[REDACTED] key [REDACTED] [REDACTED]");

    o.style = RedactStyle::hash;
    Vault vault;
    const std::string hashed = redact(in, vault, o);
    const std::string email = hash_token("EMAIL_ADDRESS", "jane@acme.io", vault.hash_key());
    const std::string aws =
        hash_token("AWS_ACCESS_KEY_ID", "AKIAQ3EGRHTQZLWYXV7N", vault.hash_key());
    CHECK(hashed == email + " key " + aws + " " + email);
    CHECK(vault.find_token(email)->value == "jane@acme.io");
    // Same value and key, same token: in another run with only the key in common.
    Vault other;
    other.set_hash_key(vault.hash_key());
    CHECK(redact("x jane@acme.io", other, o) == "x " + email);
    // A key given for the run wins over the vault's.
    HashKey key{};
    key[3] = 7;
    o.hash_key = key;
    Vault third;
    CHECK(redact("jane@acme.io", third, o) == hash_token("EMAIL_ADDRESS", "jane@acme.io", key));
}

TEST_CASE("two values whose short hashes collide get distinct tokens", "[redact]") {
    RedactOptions o;
    o.style = RedactStyle::hash;
    Vault vault;
    // Occupy the short token of jane's address with another value.
    vault.add(hash_token("EMAIL_ADDRESS", "jane@acme.io", vault.hash_key()), "someone else", "r");
    const std::string out = redact("jane@acme.io", vault, o);
    CHECK(out == hash_token("EMAIL_ADDRESS", "jane@acme.io", vault.hash_key(), 8));
}

TEST_CASE("findings below the thresholds or outside the categories are kept", "[redact]") {
    const std::string in = "TOP SECRET: jane@acme.io password=Xk9#mP2vL!q";
    // TOP SECRET is severity info: below the default threshold (low).
    CHECK(redact(in) == "TOP SECRET: [EMAIL_ADDRESS_1] password=[PASSWORD_ASSIGNMENT_1]");
    ScanOptions scan;
    scan.min_severity = Severity::info;
    Vault v1;
    CHECK(redact(in, v1, {}, nullptr, scan) ==
          "[MARKING_TOP_SECRET_1]: [EMAIL_ADDRESS_1] password=[PASSWORD_ASSIGNMENT_1]");
    scan.min_severity = Severity::high;
    Vault v2;
    CHECK(redact(in, v2, {}, nullptr, scan) ==
          "TOP SECRET: jane@acme.io password=[PASSWORD_ASSIGNMENT_1]");
    RedactOptions o;
    o.categories = {Category::pii};
    Vault v3;
    CHECK(redact(in, v3, o) == "TOP SECRET: [EMAIL_ADDRESS_1] password=Xk9#mP2vL!q");
}

TEST_CASE("the preamble is one line at the top, after a BOM, in the input's line ending",
          "[redact]") {
    RedactOptions o;
    o.preamble = true;
    const std::string p(preamble_text(RedactStyle::placeholder));
    CHECK(redact("a jane@acme.io\nb\n", o) == p + "\na [EMAIL_ADDRESS_1]\nb\n");
    CHECK(redact("a\r\nb", o) == p + "\r\na\r\nb");
    CHECK(redact("\xEF\xBB\xBFno newline", o) == "\xEF\xBB\xBF" + p + "\nno newline");
    CHECK(redact("", o) == p + "\n");
    // Not twice: a redacted text with its preamble, redacted again, is unchanged.
    const std::string once = redact("x jane@acme.io\r\n", o);
    CHECK(redact(once, o) == once);
    o.style = RedactStyle::mask;
    CHECK(redact("x", o) == std::string(preamble_text(RedactStyle::mask)) + "\nx");
    // The preamble never reads like a placeholder.
    for (RedactStyle s :
         {RedactStyle::placeholder, RedactStyle::mask, RedactStyle::hash, RedactStyle::remove}) {
        const std::string_view text = preamble_text(s);
        for (std::size_t i = text.find('['); i != std::string_view::npos;
             i = text.find('[', i + 1)) {
            CHECK_FALSE(parse_token(text.substr(i)));
        }
    }
}

TEST_CASE("redaction across many small windows equals redaction in one", "[redact]") {
    // Windows shrink to their minimum (4 x the overlap) so that values fall on every boundary.
    ScanOptions small;
    small.limits.stream_window = 1;
    small.limits.mapped_window = 1;
    std::string text;
    std::string expected;
    const std::array<std::pair<std::string, std::string>, 3> values{{
        {"jane@acme.io", "[EMAIL_ADDRESS_1]"},
        {"AKIAQ3EGRHTQZLWYXV7N", "[AWS_ACCESS_KEY_ID_1]"},
        {"password=Xk9#mP2vL!q", "password=[PASSWORD_ASSIGNMENT_1]"},
    }};
    const std::size_t window = scanner(small).limits().stream_window;
    for (std::size_t i = 0; text.size() < 5 * window; ++i) {
        const std::string filler(static_cast<std::size_t>(i * 37 % 301), 'x');
        text += filler + "\n" + values[i % 3].first + " ";
        expected += filler + "\n" + values[i % 3].second + " ";
    }
    Vault vault;
    CHECK(redact(text, vault, {}, nullptr, small) == expected);
    Vault whole;
    CHECK(redact(text, whole) == expected);
}

TEST_CASE("a private key is redacted whole, even across many windows", "[redact]") {
    ScanOptions small;
    small.limits.stream_window = 1;
    small.limits.mapped_window = 1;
    const std::size_t window = scanner(small).limits().stream_window;
    std::string key = "-----BEGIN RSA PRIVATE KEY-----\n";
    for (std::size_t i = 0; key.size() < 6 * window; ++i) {
        key += std::string(
                   64, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[i % 64]) +
               "\n";
    }
    key += "QUJD\n-----END RSA PRIVATE KEY-----";
    for (const ScanOptions& options : {ScanOptions{}, small}) {
        for (std::size_t pad : {std::size_t{0}, window / 3, window - 40}) {
            const std::string text = std::string(pad, '.') + "\n" + key + "\nafter jane@acme.io";
            Vault vault;
            RedactSummary summary;
            const std::string out = redact(text, vault, {}, &summary, options);
            INFO("pad " << pad);
            CHECK(out == std::string(pad, '.') + "\n[PRIVATE_KEY_PEM_1]\nafter [EMAIL_ADDRESS_1]");
            CHECK(vault.find_token("[PRIVATE_KEY_PEM_1]")->value == key);
            CHECK(summary.replaced == 2);
            CHECK(restore_text(out, vault) == text);
        }
    }
}

TEST_CASE("a file is pre-scanned for literal tokens, then redacted", "[redact]") {
    TempDir dir;
    const fs::path path = dir.path / "in.txt";
    spit(path, "jane@acme.io\n[EMAIL_ADDRESS_1]\r\n");
    Vault vault;
    std::string out;
    Redactor r(harness().rules.rules(), {}, vault, [&](std::string_view b) { out.append(b); });
    const InputItem item = file_item(path);
    CHECK(redact_input(scanner(), item, r) == 32);
    CHECK(out == "[EMAIL_ADDRESS_2]\n[EMAIL_ADDRESS_1]\r\n");
}

TEST_CASE("a pipe longer than the spool is streamed; a late literal token is reported",
          "[redact]") {
    TempDir dir;
    const fs::path fifo = dir.path / "fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    std::string text = "jane@acme.io\n";
    text += std::string(1500000, 'y') + "\n";
    text += "[EMAIL_ADDRESS_1] [EMAIL_ADDRESS_5] bob@acme.io\n"; // past the spool
    std::thread writer([&] { spit(fifo, text); });
    Vault vault;
    std::string out;
    Redactor r(harness().rules.rules(), {}, vault, [&](std::string_view b) { out.append(b); });
    const InputItem item = file_item(fifo);
    redact_input(scanner(), item, r, 1000);
    writer.join();
    std::string expected = "[EMAIL_ADDRESS_1]\n" + std::string(1500000, 'y') + "\n";
    expected += "[EMAIL_ADDRESS_1] [EMAIL_ADDRESS_5] [EMAIL_ADDRESS_6]\n";
    CHECK(out == expected);
    CHECK(r.summary().collisions == std::vector<std::string>{"[EMAIL_ADDRESS_1]"});
}

TEST_CASE("a pipe that fits the spool is pre-scanned whole", "[redact]") {
    TempDir dir;
    const fs::path fifo = dir.path / "fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const std::string text = "jane@acme.io\n" + std::string(100000, 'z') + "\n[EMAIL_ADDRESS_1]";
    std::thread writer([&] { spit(fifo, text); });
    Vault vault;
    std::string out;
    Redactor r(harness().rules.rules(), {}, vault, [&](std::string_view b) { out.append(b); });
    const InputItem item = file_item(fifo);
    redact_input(scanner(), item, r);
    writer.join();
    CHECK(out == "[EMAIL_ADDRESS_2]\n" + std::string(100000, 'z') + "\n[EMAIL_ADDRESS_1]");
    CHECK(r.summary().collisions.empty());
}

TEST_CASE("UTF-16 input is redacted and written back in UTF-16", "[redact]") {
    TempDir dir;
    for (bool little : {true, false}) {
        const std::string utf8 = "Grüße jane@acme.io 日本\r\n";
        const std::string in = *encode_utf16(utf8, little);
        const fs::path path = dir.path / (little ? "le.txt" : "be.txt");
        spit(path, in);
        Vault vault;
        std::string out;
        Redactor r(harness().rules.rules(), {}, vault, [&](std::string_view b) { out.append(b); });
        redact_input(scanner(), file_item(path), r);
        CHECK(out == *encode_utf16("Grüße [EMAIL_ADDRESS_1] 日本\r\n", little));
        std::string back;
        spit(dir.path / "answer", out);
        restore_input(file_item(dir.path / "answer"), vault,
                      [&](std::string_view b) { back.append(b); });
        CHECK(back == in);
    }
    // An unpaired surrogate cannot be written back as it was: refused, not altered.
    const fs::path broken = dir.path / "broken.txt";
    spit(broken, std::string("\xFF\xFE\x00\xD8\x41\x00", 6));
    Vault vault;
    Redactor r(harness().rules.rules(), {}, vault, [](std::string_view) {});
    CHECK_THROWS_AS(redact_input(scanner(), file_item(broken), r), InputFailure);
}

TEST_CASE("encode_utf16 writes a BOM and surrogate pairs, and refuses invalid UTF-8", "[redact]") {
    CHECK(*encode_utf16("A\xF0\x9F\x98\x80", true) ==
          std::string("\xFF\xFE\x41\x00\x3D\xD8\x00\xDE", 8));
    CHECK(*encode_utf16("A", false) == std::string("\xFE\xFF\x00\x41", 4));
    CHECK_FALSE(encode_utf16("\xFF", true));
    CHECK_FALSE(encode_utf16("\xC3", true));
    CHECK_FALSE(encode_utf16("\xED\xA0\x80", true)); // an encoded surrogate
    CHECK_FALSE(encode_utf16("\xC0\xAF", true));     // overlong
}

// ---- restore ----

TEST_CASE("restore puts back known placeholders and lists unknown ones", "[restore]") {
    Vault vault;
    vault.add("[EMAIL_ADDRESS_1]", "jane@acme.io", "pii.email.address");
    vault.add("[AWS_ACCESS_KEY_ID_1]", "AKIAQ3EGRHTQZLWYXV7N", "credentials.aws.access-key-id");
    vault.add("[EMAIL_ADDRESS:3f2a9c]", "bob@acme.io", "pii.email.address");
    RestoreSummary s;
    const std::string out = restore_text(
        "Write to **[EMAIL_ADDRESS_1]** with `[AWS_ACCESS_KEY_ID_1]`; \\[EMAIL\\_ADDRESS\\_1\\] "
        "again, _[EMAIL_ADDRESS:3f2a9c]_, [EMAIL_ADDRESS_7], [REDACTED], [link](x) and [TODO].",
        vault, &s);
    CHECK(out == "Write to **jane@acme.io** with `AKIAQ3EGRHTQZLWYXV7N`; jane@acme.io again, "
                 "_bob@acme.io_, [EMAIL_ADDRESS_7], [REDACTED], [link](x) and [TODO].");
    CHECK(s.restored == 4);
    CHECK(s.restored_tokens.size() == 3);
    CHECK(s.unknown == std::set<std::string>{"[EMAIL_ADDRESS_7]"});
    CHECK(s.unknown_count == 1);
}

TEST_CASE("restore keeps a backslash that is text before a token", "[restore]") {
    Vault vault;
    vault.add("[EMAIL_ADDRESS_1]", "procps@freelists.org", "pii.email.address");
    // A man page: "<\fIprocps@freelists.org\fP>" where the value starts after "\f".
    CHECK(restore_text(R"(<\[EMAIL_ADDRESS_1]\fP> \[EMAIL_ADDRESS_1\])", vault) ==
          R"(<\procps@freelists.org\fP> procps@freelists.org)");
}

TEST_CASE("restore keeps bytes, strips the preamble, and works across windows", "[restore]") {
    Vault vault;
    vault.add("[A_1]", std::string("v\0\xFF", 3), "r");
    const std::string p(preamble_text(RedactStyle::placeholder));
    RestoreSummary s;
    CHECK(restore_text("\xEF\xBB\xBF" + p + "\r\nx [A_1]\r\n\xC3", vault, &s) ==
          std::string("\xEF\xBB\xBFx v\0\xFF\r\n\xC3", 11));
    CHECK(s.preamble_removed);
    CHECK(restore_text("text " + p + "\n", vault) == "text " + p + "\n"); // not at the top
    CHECK(restore_text("", vault) == "");

    // Tokens on every window boundary of a small-window source.
    std::string text;
    std::string expected;
    for (int i = 0; text.size() < 20000; ++i) {
        const std::string filler(static_cast<std::size_t>(i % 53), '.');
        text += filler + "[A_1]";
        expected += filler + std::string("v\0\xFF", 3);
    }
    SourceLimits limits = restore_limits();
    limits.stream_window = 2 * limits.overlap;
    auto source = memory_source(text, limits);
    std::string out;
    restore_stream(*source, vault, [&](std::string_view b) { out.append(b); });
    CHECK(out == expected);
}

TEST_CASE("restore of redact is the identity, byte for byte", "[restore]") {
    const std::string in =
        "\xEF\xBB\xBFjane@acme.io [EMAIL_ADDRESS_1] \\[EMAIL\\_ADDRESS\\_2\\]\r\n"
        "password=Xk9#mP2vL!q \xFF AKIAQ3EGRHTQZLWYXV7N jane@acme.io";
    for (RedactStyle style : {RedactStyle::placeholder, RedactStyle::hash}) {
        for (bool preamble : {false, true}) {
            Vault vault;
            RedactOptions o;
            o.style = style;
            o.preamble = preamble;
            const std::string redacted = redact(in, vault, o);
            CHECK(redacted.find("jane@") == std::string::npos);
            CHECK(restore_text(redacted, vault) == in);
        }
    }
}

// ---- the real binary, through pipes ----

namespace {

// The promptlint binary built next to this test program (build/tests/promptlint_tests ->
// build/promptlint), or PROMPTLINT_BINARY.
fs::path binary() {
    if (const char* env = std::getenv("PROMPTLINT_BINARY")) {
        return env;
    }
    return fs::read_symlink("/proc/self/exe").parent_path().parent_path() / "promptlint";
}

struct Run {
    int rc = -1;
    std::string out;
    std::string err;
};

// Runs `script` with /bin/sh in `dir`, with $P the binary; stdout and stderr captured.
Run sh(const fs::path& dir, const std::string& script) {
    REQUIRE(fs::exists(binary()));
    const fs::path out = dir / ".stdout";
    const fs::path err = dir / ".stderr";
    // The compiled rules are cached next to the test program, so that only the first run of
    // the binary compiles them.
    const fs::path cache = fs::read_symlink("/proc/self/exe").parent_path() / "redact-cli-cache";
    const std::string command = "cd '" + dir.string() + "' && P='" + binary().string() +
                                "' XDG_CACHE_HOME='" + cache.string() + "' /bin/sh -c '" + script +
                                "' >'" + out.string() + "' 2>'" + err.string() + "'";
    const int status = std::system(command.c_str());
    Run r;
    r.rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(out);
    r.err = slurp(err);
    fs::remove(out);
    fs::remove(err);
    return r;
}

unsigned mode_of(const fs::path& p) {
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_mode & 0777U;
}

// Not a published test card: those are reported at info, below redact's default threshold.
const std::string k_doc = "Hi, I am jane.doe@acme.io (card 4539 1488 0343 6467).\r\n"
                          "AWS_ACCESS_KEY_ID=AKIAQ3EGRHTQZLWYXV7N\n"
                          "db: postgres://app:Zq8rLm2Xv9Tp@db.acme.io/prod\n"
                          "no final newline: jane.doe@acme.io";

} // namespace

TEST_CASE("binary: redact | restore through pipes gives the input back, the map is 0600", "[cli]") {
    TempDir dir;
    spit(dir.path / "in.txt", k_doc);
    // One after the other, as in use: the answer comes back long after the map was written.
    Run r = sh(dir.path, "cat in.txt | $P redact --map maps/session.map | cat > safe.txt && "
                         "cat safe.txt | $P restore --map maps/session.map | cat > back.txt");
    INFO(r.err);
    CHECK(r.rc == 0);
    CHECK(slurp(dir.path / "back.txt") == k_doc);
    const std::string safe = slurp(dir.path / "safe.txt");
    CHECK(safe.find("jane.doe") == std::string::npos);
    CHECK(safe.find("AKIA") == std::string::npos);
    CHECK(safe.find("1488 0343") == std::string::npos);
    CHECK(mode_of(dir.path / "maps" / "session.map") == 0600U);
    CHECK(mode_of(dir.path / "maps") == 0700U);
    // Nothing else was written next to the map.
    CHECK(std::distance(fs::directory_iterator(dir.path / "maps"), fs::directory_iterator()) == 1);
    // The summary names kinds and counts, never values.
    CHECK(r.err.find("pii.email.address") != std::string::npos);
    CHECK(r.err.find("jane") == std::string::npos);

    // A second run with the same map writes the same output and adds nothing.
    Run again = sh(dir.path, "$P redact --map maps/session.map in.txt");
    CHECK(again.rc == 0);
    CHECK(again.out == safe);
    CHECK(again.err.find("map: 0 new") != std::string::npos);
}

TEST_CASE("binary: an encrypted map is sealed, refused with a wrong key, opened with the right",
          "[cli]") {
    TempDir dir;
    spit(dir.path / "in.txt", k_doc);
    spit(dir.path / "right.key", "correct horse\n");
    spit(dir.path / "wrong.key", "wrong horse\n");
    Run r = sh(dir.path, "$P redact -q --map s.map --map-key-file right.key in.txt > safe.txt");
    CHECK(r.rc == 0);
    CHECK(r.err.empty());
    CHECK(mode_of(dir.path / "s.map") == 0600U);
    const std::string sealed = slurp(dir.path / "s.map");
    CHECK(sealed.starts_with("PROMPTLINT-MAP-SEALED-1\n"));
    CHECK(sealed.find("jane") == std::string::npos);

    Run wrong = sh(dir.path, "$P restore --map s.map --map-key-file wrong.key < safe.txt");
    CHECK(wrong.rc == 2);
    CHECK(wrong.out.empty());
    CHECK(wrong.err == "promptlint: error: s.map: cannot open the map: wrong key, or the file "
                       "was modified\n");
    Run none = sh(dir.path, "$P restore --map s.map < safe.txt");
    CHECK(none.rc == 2);
    CHECK(none.out.empty());
    Run env = sh(dir.path, "PROMPTLINT_MAP_KEY=\"correct horse\" $P restore -q --map s.map "
                           "< safe.txt");
    CHECK(env.rc == 0);
    CHECK(env.out == k_doc);
    // A wrong key also refuses redact, before any output.
    Run redact_wrong = sh(dir.path, "$P redact --map s.map --map-key-file wrong.key in.txt");
    CHECK(redact_wrong.rc == 2);
    CHECK(redact_wrong.out.empty());
    // A modified byte is refused like a wrong key.
    std::string tampered = sealed;
    tampered[tampered.size() - 5] = static_cast<char>(tampered[tampered.size() - 5] ^ 0x20);
    spit(dir.path / "t.map", tampered);
    Run t = sh(dir.path, "$P restore --map t.map --map-key-file right.key < safe.txt");
    CHECK(t.rc == 2);
    CHECK(t.out.empty());
}

TEST_CASE("binary: exit codes for a missing or corrupt map and an unreadable input", "[cli]") {
    TempDir dir;
    spit(dir.path / "corrupt.map", "{\"promptlint_map\": 1, \"entries\": [{\"token\": \"[X_1]\", "
                                   "\"value\": \"hunter2-secret");
    Run missing = sh(dir.path, "echo hi | $P restore --map none.map");
    CHECK(missing.rc == 2);
    CHECK(missing.err == "promptlint: error: none.map: no such map\n");
    Run corrupt = sh(dir.path, "echo hi | $P restore --map corrupt.map");
    CHECK(corrupt.rc == 2);
    CHECK(corrupt.err.find("hunter2") == std::string::npos);
    Run corrupt_redact = sh(dir.path, "echo hi | $P redact --map corrupt.map");
    CHECK(corrupt_redact.rc == 2);
    CHECK(slurp(dir.path / "corrupt.map").find("hunter2") != std::string::npos); // untouched
    Run unreadable = sh(dir.path, "$P redact no-such-file.txt");
    CHECK(unreadable.rc == 3);
    Run no_map = sh(dir.path, "echo hi | $P restore");
    CHECK(no_map.rc == 2);
}

TEST_CASE("binary: a reader that stops early still leaves a map for what it read", "[cli]") {
    TempDir dir;
    std::string big;
    for (int i = 0; big.size() < (2U << 20U); ++i) {
        big += "user" + std::to_string(i) + "@acme.io wrote a line of filler text here\n";
    }
    spit(dir.path / "big.txt", big);
    Run r = sh(dir.path, "$P redact --map m.map big.txt | head -c 100 > head.txt");
    CHECK(slurp(dir.path / "head.txt").starts_with("[EMAIL_ADDRESS_1] wrote"));
    CHECK(r.err.find("the map is saved") != std::string::npos);
    REQUIRE(fs::exists(dir.path / "m.map"));
    CHECK(slurp(dir.path / "m.map").find("user0@acme.io") != std::string::npos);
}

TEST_CASE("binary: -o writes the file whole, and nothing on an unreadable input", "[cli]") {
    TempDir dir;
    spit(dir.path / "in.txt", k_doc);
    Run r = sh(dir.path, "$P redact -q --style mask in.txt -o out/safe.txt");
    CHECK(r.rc == 0);
    CHECK(r.out.empty());
    const std::string safe = slurp(dir.path / "out" / "safe.txt");
    CHECK(safe.find("j***@a***.io") != std::string::npos);
    CHECK(safe.find("4539 **** **** 6467") != std::string::npos);
    Run bad = sh(dir.path, "$P redact -q missing.txt -o out/other.txt");
    CHECK(bad.rc == 3);
    CHECK_FALSE(fs::exists(dir.path / "out" / "other.txt"));
    CHECK(std::distance(fs::directory_iterator(dir.path / "out"), fs::directory_iterator()) == 1);
}

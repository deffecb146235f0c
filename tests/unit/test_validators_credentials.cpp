// Unit tests for the credential checks (validators_credentials.cpp), reached through their
// NamedCheck table exactly as rule packs name them. Vectors are from the sources named next to
// them; those marked "computed" were built with the reference algorithm to exercise one rule.

#include "promptlint/validators.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace pv = promptlint::validators;

namespace {

bool check(std::string_view name, std::string_view value) {
    for (const pv::NamedCheck& c : pv::credential_checks()) {
        if (c.name == name) {
            return c.check(value);
        }
    }
    FAIL("no credential check named " << name);
    return false;
}

} // namespace

TEST_CASE("every credential check is registered and usable from a rule pack",
          "[validators][creds]") {
    for (const char* name : {"not_placeholder", "not_example", "github_crc32", "github_pat_layout",
                             "bech32", "base58check", "jwt", "jwt_not_public", "pem_body",
                             "pem_structure", "basic_auth", "generic_secret", "generic_secret_hex",
                             "generic_password", "quoted_secret", "secp256k1_key", "alnum_key"}) {
        const auto v =
            pv::Validator::from_json(nlohmann::json{{"type", name}, {"on_fail", "info"}});
        CHECK(v.type() == name);
    }
}

// ---------------------------------------------------------------------------------------------
// GitHub / npm CRC32 tokens
// ---------------------------------------------------------------------------------------------

TEST_CASE("github_crc32 accepts a token whose last six characters are its CRC32", "[creds]") {
    // base62-token.js README (therootcompany), the format GitHub's token blog post describes:
    // "ghp_" + 30 random characters + base62(CRC32(random part)).
    CHECK(check("github_crc32", "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"));
    // Computed: the same random part under the other prefixes; the prefix is not checksummed.
    CHECK(check("github_crc32", "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"));
    CHECK(check("github_crc32", "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"));
}

TEST_CASE("github_crc32 rejects a changed character, a wrong length or a missing prefix",
          "[creds]") {
    CHECK_FALSE(check("github_crc32", "ghp_zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ0mLq18"));
    CHECK_FALSE(check("github_crc32", "ghp_zQWBuTSOoRi4A9spHcVY5ncnsDkxkK0mLq17"));
    CHECK_FALSE(check("github_crc32", "ghp_zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ0mLq1"));
    CHECK_FALSE(check("github_crc32", "zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ0mLq17"));
    CHECK_FALSE(check("github_crc32", "ghp_zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ0mLq-7"));
    CHECK_FALSE(check("github_crc32", "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"));
}

// ---------------------------------------------------------------------------------------------
// bech32 (age, Nostr) and Base58Check (BIP-32, WIF)
// ---------------------------------------------------------------------------------------------

TEST_CASE("bech32 accepts the BIP-173 valid test vectors", "[creds]") {
    // BIP-173, "Test vectors", valid Bech32 strings.
    CHECK(check("bech32", "A12UEL5L"));
    CHECK(check("bech32", "a12uel5l"));
    CHECK(check("bech32", "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexclu"
                          "dedcharactersbio1tt5tgs"));
    CHECK(check("bech32", "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw"));
    CHECK(check("bech32", "11qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq"
                          "qqqqqqqqqqqqqqqqc8247j"));
    CHECK(check("bech32", "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w"));
}

TEST_CASE("bech32 rejects the BIP-173 invalid test vectors and mixed case", "[creds]") {
    // BIP-173, "Test vectors", invalid Bech32 strings.
    CHECK_FALSE(check("bech32", "pzry9x0s0muk"));  // no separator
    CHECK_FALSE(check("bech32", "1pzry9x0s0muk")); // empty human-readable part
    CHECK_FALSE(check("bech32", "x1b4n0q5v"));     // invalid data character
    CHECK_FALSE(check("bech32", "li1dgmt3"));      // checksum too short
    CHECK_FALSE(check("bech32", "A1G7SGD8"));      // checksum computed over upper-case HRP
    CHECK_FALSE(check("bech32", "10a06t8"));       // empty human-readable part
    CHECK_FALSE(check("bech32", "1qzzfhee"));      // empty human-readable part
    // Mixed case is invalid (BIP-173, "Uppercase/lowercase").
    CHECK_FALSE(check("bech32", "A12uEL5L"));
    // A changed data character breaks the checksum.
    CHECK_FALSE(check("bech32", "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxx"));
}

TEST_CASE("base58check accepts published WIF and BIP-32 keys", "[creds]") {
    // Bitcoin wiki, "Wallet import format": the example private key in WIF.
    CHECK(check("base58check", "5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ"));
    // BIP-32, test vector 1, chain m, ext prv.
    CHECK(check("base58check", "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvv"
                               "NKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi"));
}

TEST_CASE("base58check rejects a changed character and non-base58 input", "[creds]") {
    CHECK_FALSE(check("base58check", "5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTK"));
    CHECK_FALSE(check("base58check",
                      "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvv"
                      "NKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHj"));
    CHECK_FALSE(check("base58check", "0OIl0OIl0OIl")); // 0, O, I and l are not base58 digits
    CHECK_FALSE(check("base58check", "1111"));
}

// ---------------------------------------------------------------------------------------------
// JWT
// ---------------------------------------------------------------------------------------------

// RFC 7519, section 3.1: the example JWT (HMAC SHA-256).
constexpr std::string_view k_rfc7519_jwt =
    "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9."
    "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVl"
    "fQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

TEST_CASE("jwt accepts the RFC 7519 examples", "[creds]") {
    CHECK(check("jwt", k_rfc7519_jwt));
    // RFC 7519, section 6.1: an unsecured JWT (alg none, empty signature).
    CHECK(check("jwt", "eyJhbGciOiJub25lIn0."
                       "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNv"
                       "bS9pc19yb290Ijp0cnVlfQ."));
}

TEST_CASE("jwt rejects a header without alg, undecodable parts and wrong part counts", "[creds]") {
    // Computed: header {"typ":"JWT"} (no alg) with the RFC 7519 payload.
    CHECK_FALSE(check("jwt", "eyJ0eXAiOiJKV1QifQ.eyJpc3MiOiJqb2UifQ.c2lnbmF0dXJl"));
    // Header and payload truncated mid-character: not base64url of JSON.
    CHECK_FALSE(check("jwt", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFt"
                             "ZSI6IkpvaG4g.c2lnbmF0dXJl"));
    CHECK_FALSE(check("jwt", "eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UifQ"));
    CHECK_FALSE(
        check("jwt", "eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2lnbmF0dXJl")); // payload "not json"
    CHECK_FALSE(check("jwt", "xxxxx.yyyyy.zzzzz"));
}

TEST_CASE("jwt_not_public flags Supabase-style anon keys only", "[creds]") {
    CHECK(check("jwt_not_public", k_rfc7519_jwt));
    // Computed: payload {"role":"anon"}.
    CHECK_FALSE(check("jwt_not_public", "eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYW5vbiJ9.c2lnbmF0dXJl"));
    // Computed: payload {"role":"service_role"} is a secret.
    CHECK(check("jwt_not_public",
                "eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoic2VydmljZV9yb2xlIn0.c2lnbmF0dXJl"));
}

// ---------------------------------------------------------------------------------------------
// PEM
// ---------------------------------------------------------------------------------------------

// RFC 7468, section 10: the PKCS #8 private key example.
const std::string k_rfc7468_key =
    "-----BEGIN PRIVATE KEY-----\n"
    "MIGEAgEAMBAGByqGSM49AgEGBSuBBAAKBG0wawIBAQQgVcB/UNPxalR9zDYAjQIf\n"
    "jojUDiQuGnSJrFEEzZPT/92hRANCAASc7UJtgnF/abqWM60T3XNJEzBv5ez9TdwK\n"
    "H0M6xpM2q+53wmsN/eYLdgtjgBd3DBmHtPilCkiFICXyaA8z9LkJ\n"
    "-----END PRIVATE KEY-----\n";

TEST_CASE("pem_body accepts the RFC 7468 key, one-line, JSON-escaped and doubly escaped forms",
          "[creds]") {
    CHECK(check("pem_body", k_rfc7468_key));
    std::string escaped;
    for (const char c : k_rfc7468_key) {
        escaped += c == '\n' ? std::string("\\n") : std::string(1, c);
    }
    CHECK(check("pem_body", escaped));
    // A JSON string inside a JSON string (a service-account key in an environment variable's
    // JSON) doubles the escape.
    std::string double_escaped;
    for (const char c : k_rfc7468_key) {
        double_escaped += c == '\n' ? std::string("\\\\n") : std::string(1, c);
    }
    CHECK(check("pem_body", double_escaped));
    CHECK(check("pem_structure", double_escaped));
    std::string one_line;
    for (const char c : k_rfc7468_key) {
        one_line += c == '\n' ? ' ' : c;
    }
    CHECK(check("pem_body", one_line));
}

TEST_CASE("pem_body rejects placeholders, short bodies and ragged lines", "[creds]") {
    CHECK_FALSE(check("pem_body", "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----"));
    CHECK_FALSE(check("pem_body",
                      "-----BEGIN RSA PRIVATE KEY-----\n"
                      "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\n"));
    CHECK_FALSE(check("pem_body", "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n"));
    CHECK_FALSE(check("pem_body",
                      "-----BEGIN RSA PRIVATE KEY-----\n"
                      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/\n"));
    // Computed: three lines of different lengths are not a PEM body.
    CHECK_FALSE(check("pem_body",
                      "-----BEGIN PRIVATE KEY-----\n"
                      "MIGEAgEAMBAGByqGSM49AgEGBSuBBAAKBG0wawIBAQQgVcB/UNPxalR9zDYAjQIf\n"
                      "jojUDiQuGnSJrFEEzZPT/92hRANCAASc7UJtgnF/abqWM60T3XNJ\n"
                      "H0M6xpM2q+53wmsN/eYLdgtjgBd3DBmHtPilCkiFICXyaA8z9LkJ\n"));
}

TEST_CASE("pem_structure checks that the body decodes to what the label announces", "[creds]") {
    CHECK(check("pem_structure", k_rfc7468_key));
    // Computed: base64 of "openssh-key-v1\0" followed by the "none" cipher fields.
    CHECK(check("pem_structure",
                "-----BEGIN OPENSSH PRIVATE KEY-----\n"
                "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"));
    // The same PKCS#8 body under an OpenSSH label, and random text under a PKCS#8 label.
    CHECK_FALSE(check("pem_structure",
                      "-----BEGIN OPENSSH PRIVATE KEY-----\n"
                      "MIGEAgEAMBAGByqGSM49AgEGBSuBBAAKBG0wawIBAQQgVcB/UNPxalR9zDYAjQIf\n"));
    CHECK_FALSE(check("pem_structure",
                      "-----BEGIN PRIVATE KEY-----\n"
                      "Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4\n"));
}

// ---------------------------------------------------------------------------------------------
// HTTP Basic
// ---------------------------------------------------------------------------------------------

TEST_CASE("basic_auth accepts base64 of user:password", "[creds]") {
    // RFC 7617, section 2: Aladdin:open sesame.
    CHECK(check("basic_auth", "QWxhZGRpbjpvcGVuIHNlc2FtZQ=="));
}

TEST_CASE("basic_auth rejects values without a password or with a placeholder one", "[creds]") {
    CHECK_FALSE(check("basic_auth", "dXNlcg=="));             // "user"
    CHECK_FALSE(check("basic_auth", "dXNlcjo="));             // "user:"
    CHECK_FALSE(check("basic_auth", "dXNlcjpwYXNzd29yZA==")); // "user:password"
    CHECK_FALSE(check("basic_auth", "AAECAwQF"));             // binary bytes
    CHECK_FALSE(check("basic_auth", "not base64!"));
}

// ---------------------------------------------------------------------------------------------
// Placeholders and documentation values
// ---------------------------------------------------------------------------------------------

TEST_CASE("not_placeholder rejects the templates and stand-ins people write", "[creds]") {
    for (const char* value : {"YOUR_API_KEY",
                              "your-token-here",
                              "<token>",
                              "<your api key>",
                              "xxxxxxxxxxxxxxxx",
                              "sk_live_XXXXXXXXXXXX",
                              "****",
                              "********",
                              "changeme",
                              "CHANGE_ME",
                              "REPLACE_WITH_PASSWORD",
                              "replace-with-your-token",
                              "${VAR}",
                              "${{ secrets.TOKEN }}",
                              "{{ api_key }}",
                              "%(password)s",
                              "$API_KEY",
                              "%API_KEY%",
                              "process.env.API_KEY",
                              "os.environ['TOKEN']",
                              "os.getenv(\"TOKEN\")",
                              "...",
                              "\xE2\x80\xA6",
                              "password",
                              "secret",
                              "null",
                              "None",
                              "undefined",
                              "000000000000",
                              "REDACTED",
                              "insert-key-here",
                              "ENC[AES256_GCM,data:abc]",
                              "!vault",
                              "[AWS_ACCESS_KEY_ID:3f2a9c]",
                              "ops_eyJzaWduSW5B..",
                              "[EMAIL_1]",
                              "${DB_PASSWORD:-secret}",
                              "#{db_password}",
                              "{{",
                              ".Values.password}}",
                              "<%= ENV['DB_PASSWORD'] %>"}) {
        INFO(value);
        CHECK_FALSE(check("not_placeholder", value));
    }
}

TEST_CASE("not_placeholder keeps values that only look random", "[creds]") {
    for (const char* value :
         {"Xk8!mQ2zLp", "9fQ2mLx8Rz4Vb7Nc1Pw6", "wp0p0lFGGXXT5JBxlsndbOMM6YM2SA", "hunter2!x",
          "a1Jx9Qm2Rr7vTz4kLw8NpB3c",
          // Symbols a password generator emits are not template markers unless they enclose
          // a name: an unmatched '<' or '{{', or brackets inside.
          "Zq>8<wL{{k", "xY7${q]Lm2!}", "r4{{T}u)w$#9]}}"}) {
        INFO(value);
        CHECK(check("not_placeholder", value));
    }
}

TEST_CASE("not_placeholder judges a run of one character by how much of the value it fills",
          "[creds]") {
    // Computed: base64 of 8 zero bytes and 40 random ones, as a Kubernetes Secret holds binary
    // data.
    CHECK(check("not_placeholder",
                "AAAAAAAAAAAdoyBJK7QWDDjNI1T2j17cxPKLpSBFK6imbio37PaQt9nyM/XEd+KP"));
    for (const char* value : {"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==", "sk_live_0000000000",
                              "000000Xk8!mQ2z", "ghp_000000000000000000000000000000000000"}) {
        INFO(value);
        CHECK_FALSE(check("not_placeholder", value));
    }
}

TEST_CASE("not_example flags documentation and test values", "[creds]") {
    // AWS's documented example access key pair (IAM User Guide).
    CHECK_FALSE(check("not_example", "AKIAIOSFODNN7EXAMPLE"));
    CHECK_FALSE(check("not_example", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
    // jwt.io's default token (sub 1234567890, name John Doe).
    CHECK_FALSE(check("not_example", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3OD"
                                     "kwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwR"
                                     "JSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"));
    for (const char* value : {"sample-key-0001", "dummy_token", "fake-secret-value", "MyTestKey9",
                              "abc123456789", "AbCdEfGhIjKl", "P@ssw0rd", "s3cr3t!", "admin123",
                              "123Abpassword", "postgres", "mysql", "M0ngodb!"}) {
        INFO(value);
        CHECK_FALSE(check("not_example", value));
    }
    // RFC 7519's own example carries the claim "http://example.com/is_root".
    CHECK_FALSE(check("not_example", k_rfc7519_jwt));
    // Computed: base64 of "dummy text data" is judged by its text.
    CHECK_FALSE(check("not_example", "ZHVtbXkgdGV4dCBkYXRh"));
    // The bot token printed in Telegram's Bot API manual.
    CHECK_FALSE(check("not_example", "110201543:AAHdqTcvCH1vGWJxfSe1ofSAs0K5PALDsaw"));
    // Computed: a chunk typed three times.
    CHECK_FALSE(check("not_example", "abcd1234abcd1234abcd1234"));
    CHECK_FALSE(check("not_example", "xyzxyzxyzxyzQ7"));
}

TEST_CASE("not_example keeps values that are not documentation samples", "[creds]") {
    CHECK(check("not_example", "Xk8!mQ2zLp"));
    CHECK(check("not_example", "hunter2!x"));
    CHECK(check("not_example", "a1Jx9Qm2Rr7vTz4kLw8NpB3c"));
    // Computed: header {"alg":"HS256"}, payload {"sub":"u_48213","role":"admin"}.
    CHECK(check("not_example",
                "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1XzQ4MjEzIiwicm9sZSI6ImFkbWluIn0.c2lnbmF0dXJl"));
    // Computed: binary data that starts with zero bytes is not a typed pattern.
    CHECK(check("not_example", "AAAAAAAAAAAdoyBJK7QWDDjNI1T2j17cxPKLpSBFK6imbio37PaQt9nyM/XEd+KP"));
}

// ---------------------------------------------------------------------------------------------
// Generic values
// ---------------------------------------------------------------------------------------------

TEST_CASE("generic_secret accepts random-looking tokens", "[creds]") {
    for (const char* value :
         {"/bu24YCgmCDIA+kRQOqvYwJ3nU7rOdJ6pfGT2cbp", "/Q0WqVLNYcQlyFCM7PP6HI9yBNISU1d79k85H6",
          // Computed: a token with a dot in it is not a member access.
          "s.FkKACNtDtSoWgyk8Ep6gWhWN", "sess.9fQ2mLx8Rz4Vb7Nc1Pw6", "a1Jx9Qm2Rr7vTz4kLw8NpB3c",
          "Zq3xV7p0Lm9sK2dF8gH4jW", "j+3k$v9!q1^w7z@e0r&t5y*u", "bsr5TojNkXCuE3BTHXCuSXJX"}) {
        INFO(value);
        CHECK(check("generic_secret", value));
    }
}

TEST_CASE("generic_secret rejects what sits in secret-named fields without being secret",
          "[creds]") {
    for (const char* value :
         {"123e4567-e89b-12d3-a456-426614174000",                                    // UUID
          "3b18e512dba79e4c8300dd08aeb37f8e728b8dad",                                // git SHA-1
          "d41d8cd98f00b204e9800998ecf8427e",                                        // MD5
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",        // SHA-256
          "sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC", // SRI
          "/etc/ssl/private/server.key",
          "./secrets/api.key",
          "https://vault.acme.dev/v1/kv",
          "arn:aws:kms:eu-west-1:417498243647:key/c9fe2447-0795-4fda-afbe-8464574ae162",
          "arn:aws:secretsmanager:us-east-1:417498243647:secret:prod/db-a1B2c3",
          "v2.14.3",
          "1.2.3-rc1",
          "settings.SECRET_KEY",
          "self.token",
          "config.databaseConnectionString",
          "window.__APP_SECRET_KEY__",
          "passwordField",
          "SecretName",
          "DeprecatedTokenV2Format",
          "OAuth2ClientCredentials",
          "Base64SecretEncoder",
          "my-app-secret",
          "GITHUB_TOKEN",
          "getToken()",
          "secrets[\"db\"]",
          "dana@acme.dev",
          "2024-05-01T10:00:00Z",
          "supersecretvalue",
          "1234567890123",
          "timer=default_timer",
          "ossl_ssize_t",
          "auth_provider_x509_cert_url"}) {
        INFO(value);
        CHECK_FALSE(check("generic_secret", value));
    }
}

TEST_CASE("github_pat_layout wants the separator after 22 characters", "[creds]") {
    const std::string head = "github_pat_Kq8Lw2Zr5Tn1Vx7Mc3Bd9H";
    const std::string tail = "p4Wj6Yf0Rs2Nk8Qa1Lz5Xe7Cu3Hg9Vb4Dt6Mn0Jr2Ps8Ky5Fw1Ah7Zc3Ex9";
    REQUIRE(head.size() == 11 + 22);
    REQUIRE(tail.size() == 59);
    CHECK(check("github_pat_layout", head + "_" + tail));
    CHECK_FALSE(check("github_pat_layout", head + "x" + tail));           // no separator
    CHECK_FALSE(check("github_pat_layout", head + "_" + tail.substr(1))); // one short
    CHECK_FALSE(check("github_pat_layout", head.substr(0, 20) + "_" + head.substr(20) + tail));
}

TEST_CASE("generic checks leave a provider's prefix to the provider's own rule", "[creds]") {
    // Values the Slack and GitHub rules refuse by shape (ids too short, body too short): a
    // generic rule must not report them in the provider's place.
    for (const char* value :
         {"xoxp-4821-7730-2291-0f3c9a1e7d5b42c8a6e1f09b3d7c5a24", "xoxb-27-Qm8vR2xTn5Lp0Wd4Kj7Hc1",
          "xapp-1-Zr8Kq2Lw7Vn", "xoxe.xoxp-1-Hv3Rt8Lq2Zm", "ghp_Rk2Lw9Vn4Tq8Zm1Xc",
          "github_pat_11AB3Kq8Lw2Zr"}) {
        INFO(value);
        CHECK_FALSE(check("generic_secret", value));
        CHECK_FALSE(check("generic_password", value));
    }
    // The same letters that only begin like one are still judged as values.
    for (const char* value : {"xoxoQm8vR2xTn5Lp0Wd4", "ghost_Rk2Lw9Vn4Tq8Zm1Xc"}) {
        INFO(value);
        CHECK(check("generic_secret", value));
    }
}

TEST_CASE("generic_secret_hex also takes hex, and rejects the rest generic_secret rejects",
          "[creds]") {
    // Computed: openssl rand -hex 32, and -hex 16.
    CHECK(check("generic_secret_hex",
                "5b85698f1979fbed864bef69a9e1e301b3d5768d7eda938b8511bd7d27405917"));
    CHECK(check("generic_secret_hex", "9b1f757887efce3a81917cefe8ef6aa6"));
    CHECK_FALSE(check("generic_secret",
                      "5b85698f1979fbed864bef69a9e1e301b3d5768d7eda938b8511bd7d27405917"));
    for (const char* value : {"123e4567-e89b-12d3-a456-426614174000", "settings.SECRET_KEY",
                              "my-app-secret", "1234567890123456789012", "v2.14.3"}) {
        INFO(value);
        CHECK_FALSE(check("generic_secret_hex", value));
    }
}

TEST_CASE("random letters of both cases are not taken for a name", "[creds]") {
    // Computed: random mixed-case strings whose case changes happen to split into word-like
    // pieces (sjk FAxy OBy Vtoq Yymv).
    for (const char* value : {"sjkFAxyOByVtoqYymv", "EfldocMoEuqUtVMuNa", "EnLiYgWAsAQDASfals"}) {
        INFO(value);
        CHECK(check("generic_password", value));
    }
    // Real names of 12 letters and more still are.
    for (const char* value : {"getUserNameFromDatabase", "readOnlyServiceAccount",
                              "XMLHttpRequestHandler", "SecretKeyBaseValue", "strengthLength"}) {
        INFO(value);
        CHECK_FALSE(check("generic_password", value));
    }
}

TEST_CASE("generic_password accepts passwords people choose", "[creds]") {
    for (const char* value :
         {"hunter2!x", "Tr0ub4dor&3", "CzY3tq0kX0VB", "sunshine42", "Kx82!vQe5", "geheim$parole"}) {
        INFO(value);
        CHECK(check("generic_password", value));
    }
}

TEST_CASE("generic_password rejects words, types, identifiers and references", "[creds]") {
    for (const char* value : {"required",
                              "Required",
                              "PASSWORD",
                              "str",
                              "&str",
                              "String",
                              "*required*",
                              "credentials",
                              "self.password",
                              "RHS.Pass)",
                              "p^.pw_passwd)",
                              "NoUser",
                              "PCSalt)",
                              "is_authenticated=False):",
                              "GID:user_list",
                              "pw_uid:pw_gid:pw_gecos",
                              "host/port)",
                              "getpass()",
                              "encrypt(plain",
                              "ENV.fetch(",
                              "secrets[",
                              "input().strip()",
                              "decode(maybe_encode(ring",
                              "mock.Mock(wraps=Creds())",
                              "uuid.uuid4().hex}",
                              "MyPasswordProperty()#hashfunc",
                              "strdup(data->password);",
                              "scram-sha-256",
                              "correct.&quot;);",
                              "correct.&quot",
                              "${DB_PASSWORD}",
                              "changeme",
                              "/run/secrets/db_password",
                              "12",
                              "abc"}) {
        INFO(value);
        CHECK_FALSE(check("generic_password", value));
    }
}

TEST_CASE("a value taken whole between quotes keeps its brackets and symbols", "[creds]") {
    // Invented passwords of the kinds people and generators make: brackets, commas, '$' and
    // '{' among other symbols, and one letter among symbols.
    for (const char* value :
         {"q7#[Lm)4v,Rz!w", "m{{k}e)p${a]rq(vx[tz>-_$#plo}}", "Vt9;kq{2}Wx", "A,.:-@*?!",
          "x{1}y{2}z{3}!", "Ab%sd!x9", "Rt5[x;2Wq!", "Nw2(r]7!Lx", "u4(Tq;z9Ln]"}) {
        INFO(value);
        CHECK(check("generic_password", value));
        CHECK(check("quoted_secret", value));
    }
}

TEST_CASE("format strings and symbol-only values are not passwords", "[creds]") {
    for (const char* value : {"{db_pass}", "{user.password!r}", "{0}:{1}", "{u}:{p}",
                              "key-{env}-{region}", "{$password}", "{pass:>12}", ",.:-!@*?!",
                              "min=8;max=64", "a=1&b=2", "%s:%s@%s", "%-8s|%5d", "%lu/%.2f"}) {
        INFO(value);
        CHECK_FALSE(check("generic_password", value));
        CHECK_FALSE((check("not_placeholder", value) && check("quoted_secret", value)));
    }
    // A hex digest under an API key name is a hash or an id; quoted_secret leaves it.
    CHECK(check("generic_password", "9b4e0f7d21c8a6e3f5d0b7a94c2e18d6"));
    CHECK_FALSE(check("quoted_secret", "9b4e0f7d21c8a6e3f5d0b7a94c2e18d6"));
    // Under a secret name, a plain value must look as random as generic_secret asks; words
    // joined by one separator are not a secret.
    for (const char* value : {"lsdajfh923874", "abc_ThIsIsAsEcReT", "some+client+secret"}) {
        INFO(value);
        CHECK_FALSE(check("quoted_secret", value));
    }
}

// ---------------------------------------------------------------------------------------------
// Short keys and wallet keys
// ---------------------------------------------------------------------------------------------

TEST_CASE("secp256k1_key accepts scalars below the group order", "[creds]") {
    CHECK(
        check("secp256k1_key", "3139eb0be249478857bd9b1b0beda74ee34190d15e4c5c78e312ba900ecc586c"));
    CHECK(check("secp256k1_key",
                "0x596A536A7DDE40AF4C5A67FAE1FF2DA5F06A7763445151679B031CD9426F7157"));
    // SEC 2, section 2.4.1: n - 1 is the largest private key.
    CHECK(
        check("secp256k1_key", "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364140"));
}

TEST_CASE("secp256k1_key rejects zero, the order and what is not 32 bytes of hex", "[creds]") {
    CHECK_FALSE(check("secp256k1_key",
                      "0x0000000000000000000000000000000000000000000000000000000000000000"));
    CHECK_FALSE(
        check("secp256k1_key", "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141"));
    CHECK_FALSE(
        check("secp256k1_key", "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"));
    CHECK_FALSE(
        check("secp256k1_key", "3139eb0be249478857bd9b1b0beda74ee34190d15e4c5c78e312ba900ecc586"));
    CHECK_FALSE(check("secp256k1_key",
                      "0x3139eb0be249478857bd9b1b0beda74ee34190d15e4c5c78e312ba900ecc58zz"));
}

TEST_CASE("alnum_key accepts short random keys of letters and digits", "[creds]") {
    for (const char* value :
         {"q7w2mz0kx4c9vbnr", "Kp3Ld8Qz1Mv7Xw2N", "v2orderevents9x1", "H7JQ4XKZ2PLM8WRN"}) {
        INFO(value);
        CHECK(check("alnum_key", value));
    }
}

TEST_CASE("alnum_key rejects words, names with numbers, digests and placeholders", "[creds]") {
    for (const char* value : {"orderseventsprod", "orderseventsprod1", "ClientSecretName",
                              "1234567890123456", "d41d8cd98f00b204e9800998ecf8427e",
                              "xxxxxxxxxxxxxxxx", "your_app_secret1", "abc-123-def-4567"}) {
        INFO(value);
        CHECK_FALSE(check("alnum_key", value));
    }
}

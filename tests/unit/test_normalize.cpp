#include "promptlint/normalize.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace promptlint;

namespace {

// The original bytes a span of the normalized view maps back to.
std::string_view original_of(const Normalizer& n, std::string_view input, std::size_t start,
                             std::size_t end) {
    const std::size_t from = n.original_start(start);
    const std::size_t to = n.original_end(end);
    return input.substr(from, to - from);
}

} // namespace

TEST_CASE("ASCII input is not copied and the maps are the identity", "[normalize]") {
    const std::string input = "key: AKIAQ3EGRHTQZLWYXV7N and john@acme.com\n";
    Normalizer n;
    CHECK_FALSE(n.run(input));
    CHECK_FALSE(n.changed());
    CHECK(n.text().data() == input.data()); // the input itself: no copy
    CHECK(n.original_start(5) == 5);
    CHECK(n.original_end(25) == 25);
    CHECK_FALSE(has_non_ascii(input));
    CHECK(first_non_ascii(input) == std::string_view::npos);
}

TEST_CASE("non-ASCII text with nothing to normalize is not copied either", "[normalize]") {
    const std::string input = "Grüße aus Köln, ünïcödé, 東京, пароль сорок, €5 — no: — is U+2014";
    Normalizer n;
    // U+2014 (em dash) is a dash: that one does change.
    CHECK(n.run(input));
    const std::string plain = "Grüße aus Köln, 東京, пароль сорок, €5";
    CHECK_FALSE(n.run(plain));
    CHECK(n.text().data() == plain.data());
    CHECK(first_non_ascii(plain) == 2);
}

TEST_CASE("full-width forms become ASCII", "[normalize]") {
    const std::string input = "ｊｏｈｎ＠ａｃｍｅ．ｃｏｍ １２３";
    Normalizer n;
    REQUIRE(n.run(input));
    CHECK(n.text() == "john@acme.com 123");
    // Each normalized byte maps back to its three original bytes.
    CHECK(original_of(n, input, 0, 13) == "ｊｏｈｎ＠ａｃｍｅ．ｃｏｍ");
    CHECK(original_of(n, input, 4, 5) == "＠");
    CHECK(original_of(n, input, 14, 17) == "１２３");
}

TEST_CASE("Unicode spaces become a space and dashes '-'", "[normalize]") {
    Normalizer n;
    REQUIRE(n.run("a\u00A0b\u202Fc\u3000d\u2009e"));
    CHECK(n.text() == "a b c d e");
    REQUIRE(n.run("555\u2013123\u20144567 \u2212 1\u2010 2\uFE63 3\uFF0D4"));
    CHECK(n.text() == "555-123-4567 - 1- 2- 3-4");
}

TEST_CASE("invisible characters are removed and stay inside the mapped span", "[normalize]") {
    const std::string input = "x AKIA\u200BQ3EG\u00ADRHTQ\u2060ZLWYXV7N\uFEFF y";
    Normalizer n;
    REQUIRE(n.run(input));
    CHECK(n.text() == "x AKIAQ3EGRHTQZLWYXV7N y");
    // The value [2, 22): from the 'A' to the 'N', the invisible characters inside included,
    // the trailing U+FEFF not.
    CHECK(original_of(n, input, 2, 22) == "AKIA\u200BQ3EG\u00ADRHTQ\u2060ZLWYXV7N");
    // After the value the map is shifted by everything removed.
    CHECK(original_of(n, input, 23, 24) == "y");
    // A removed character just before a span is not part of it.
    const std::string lead = "\u200Babc";
    REQUIRE(n.run(lead));
    CHECK(n.text() == "abc");
    CHECK(original_of(n, lead, 0, 3) == "abc");
}

TEST_CASE("bidi controls, variation selectors and tag characters are removed", "[normalize]") {
    Normalizer n;
    REQUIRE(n.run("a\u202Eb\u2066c\uFE0Fd\U000E0041e\u200Ef"));
    CHECK(n.text() == "abcdef");
}

TEST_CASE("a byte-order mark opening the input is left alone", "[normalize]") {
    const std::string input = "\uFEFFplain text";
    Normalizer n;
    CHECK_FALSE(n.run(input));
    CHECK(n.text().data() == input.data());
}

TEST_CASE("look-alike letters become Latin inside Latin tokens only", "[normalize]") {
    Normalizer n;
    // Cyrillic 'о' in a domain, Greek 'ο' and Cyrillic 'а' in an address.
    const std::string mail = "mail me: user@gmail.c\u043Em or j\u03BFhn@\u0430cme.io.";
    REQUIRE(n.run(mail));
    CHECK(n.text() == "mail me: user@gmail.com or john@acme.io.");
    CHECK(original_of(n, mail, 9, 23) == "user@gmail.c\u043Em");
    // A word wholly in Cyrillic or Greek is language, not evasion.
    const std::string russian =
        "\u0441\u043E\u0440\u043E\u043A \u0440\u0443\u0431\u043B\u0435\u0439, "
        "\u03BF \u03BD\u03B1\u03CC\u03C2";
    CHECK_FALSE(n.run(russian));
    // Token boundaries: the Latin word next to the Cyrillic one does not make it Latin.
    CHECK_FALSE(n.run("ok \u0441\u043E\u0440\u043E\u043A"));
    // ... but a full-width Latin letter does, and a look-alike at the start of a token counts.
    REQUIRE(n.run("\u0455k_live_abc"));
    CHECK(n.text() == "sk_live_abc");
}

TEST_CASE("several changes next to each other map back exactly", "[normalize]") {
    // U+200B, full-width '@', U+200B, Cyrillic 'а', ASCII.
    const std::string input = "a\u200B\uFF20\u200B\u0430b";
    Normalizer n;
    REQUIRE(n.run(input));
    CHECK(n.text() == "a@ab");
    CHECK(original_of(n, input, 0, 4) == input);
    CHECK(original_of(n, input, 1, 2) == "\uFF20");
    CHECK(original_of(n, input, 1, 3) == "\uFF20\u200B\u0430");
    CHECK(original_of(n, input, 2, 3) == "\u0430");
    CHECK(original_of(n, input, 3, 4) == "b");
    CHECK(n.original_start(4) == input.size());
}

TEST_CASE("invalid UTF-8 passes through byte for byte", "[normalize]") {
    Normalizer n;
    // A stray continuation byte, a truncated sequence, an overlong '/', a surrogate, 0xFF.
    const std::string bad =
        std::string("a\x80") + "b\xE2\x80" + "c\xC0\xAF" + "d\xED\xA0\x80" + "e\xFF";
    CHECK_FALSE(n.run(bad));
    CHECK(n.text() == bad);
    // Mixed with something to normalize: the invalid bytes stay, offsets still map.
    const std::string mixed = std::string("\xFF") + "x\u00A0y\xE2\x80";
    REQUIRE(n.run(mixed));
    CHECK(n.text() == std::string("\xFF") + "x y\xE2\x80");
    CHECK(original_of(n, mixed, 3, 4) == "y");
    CHECK(original_of(n, mixed, 4, 6) == "\xE2\x80");
    // A truncated sequence at the very end never reads past the input.
    CHECK_FALSE(n.run(std::string_view("\xEF\xBC", 2)));
}

TEST_CASE("the word-at-a-time ASCII check finds a high byte anywhere", "[normalize]") {
    for (std::size_t len : {1U, 7U, 31U, 32U, 33U, 64U, 100U}) {
        for (std::size_t at = 0; at < len; ++at) {
            std::string s(len, 'a');
            s[at] = '\xC3';
            CHECK(first_non_ascii(s) == at);
        }
        CHECK_FALSE(has_non_ascii(std::string(len, 'z')));
    }
}

TEST_CASE("random mixes of changed and unchanged characters map back piece by piece",
          "[normalize]") {
    // Each piece normalizes to `out`; a span of the view covering whole pieces must map back to
    // exactly those pieces' original bytes (invisible pieces at the edges excluded).
    struct Piece {
        std::string_view in;
        std::string_view out;
    };
    const Piece pieces[] = {{"a", "a"},           {"@", "@"},           {"\uFF41", "a"},
                            {"\uFF20", "@"},      {"\u200B", ""},       {"\u00AD", ""},
                            {"\u00A0", " "},      {"\u2013", "-"},      {"\u00E9", "\u00E9"},
                            {"\u6771", "\u6771"}, {"\u0430a", "aa"},    {"\xFF", "\xFF"},
                            {"\U000E0041", ""},   {"\u0436", "\u0436"}, {"x", "x"}};
    std::uint32_t seed = 12345;
    auto next = [&seed] {
        seed = seed * 1103515245U + 12345U;
        return (seed >> 16U) & 0x7FFFU;
    };
    Normalizer n;
    for (int round = 0; round < 500; ++round) {
        std::vector<std::size_t> chosen;
        std::string input;
        std::string expected;
        std::vector<std::size_t> in_at;  // original offset of each piece
        std::vector<std::size_t> out_at; // view offset of each piece
        // A look-alike only comes followed by an 'a', so its token is always Latin.
        chosen.push_back(0);
        for (std::size_t k = 0, len = 1 + next() % 12; k < len; ++k) {
            chosen.push_back(next() % std::size(pieces));
        }
        for (std::size_t c : chosen) {
            in_at.push_back(input.size());
            out_at.push_back(expected.size());
            input += pieces[c].in;
            expected += pieces[c].out;
        }
        n.run(input);
        REQUIRE(n.text() == expected);
        for (std::size_t i = 0; i < chosen.size(); ++i) {
            for (std::size_t j = i; j < chosen.size(); ++j) {
                const Piece& first = pieces[chosen[i]];
                const Piece& last = pieces[chosen[j]];
                if (first.out.empty() || last.out.empty()) {
                    continue;
                }
                const std::size_t from = out_at[i];
                const std::size_t to = out_at[j] + last.out.size();
                INFO(round << " " << i << ".." << j);
                CHECK(n.original_start(from) == in_at[i]);
                CHECK(n.original_end(to) == in_at[j] + last.in.size());
            }
        }
    }
}

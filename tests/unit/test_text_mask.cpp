#include "promptlint/mask.hpp"
#include "promptlint/text.hpp"

#include <catch2/catch.hpp>

using namespace promptlint;

TEST_CASE("context phrases match case-insensitively, as whole words, across separators", "[text]") {
    CHECK(contains_phrase("My AWS key", "aws"));
    CHECK(contains_phrase("the access_key is", "access key"));
    CHECK(contains_phrase("access  -  key", "access key"));
    CHECK_FALSE(contains_phrase("laws apply", "aws"));
    CHECK_FALSE(contains_phrase("awsome", "aws"));
    CHECK(contains_phrase("aws", "aws"));
    CHECK_FALSE(contains_phrase("", "aws"));
}

TEST_CASE("'_' separates context words: identifiers carry them", "[text]") {
    CHECK(contains_phrase("DEEPSEEK_API_KEY=", "deepseek"));
    CHECK(contains_phrase("export STRIPE_SECRET=", "secret"));
    CHECK(contains_phrase("my_aws", "aws"));
    CHECK_FALSE(contains_phrase("deepseeker_key", "deepseek"));
    CHECK_FALSE(contains_phrase("DEEPSEEK2_KEY", "deepseek"));
}

TEST_CASE("Han, kana and Hangul need no spaces around a context phrase", "[text]") {
    // Japanese and Chinese have no spaces between words; Korean attaches particles (는, 의).
    CHECK(contains_phrase("\xE7\xA7\x81\xE3\x81\xAE\xE3\x83\x9E\xE3\x82\xA4\xE3\x83\x8A\xE3\x83\xB3"
                          "\xE3\x83\x90\xE3\x83\xBC\xE3\x81\xAF", // 私のマイナンバーは
                          "\xE3\x83\x9E\xE3\x82\xA4\xE3\x83\x8A\xE3\x83\xB3\xE3\x83\x90"
                          "\xE3\x83\xBC")); // マイナンバー
    CHECK(contains_phrase("\xEB\x82\x98\xEC\x9D\x98 \xEC\xA3\xBC\xEB\xAF\xBC\xEB\xB2\x88"
                          "\xED\x98\xB8\xEB\x8A\x94", // 나의 주민번호는
                          "\xEC\xA3\xBC\xEB\xAF\xBC\xEB\xB2\x88\xED\x98\xB8")); // 주민번호
    // A Latin phrase right next to CJK text: 我的RRN是
    CHECK(contains_phrase("\xE6\x88\x91\xE7\x9A\x84RRN\xE6\x98\xAF", "rrn"));
    // Other scripts' letters still join words: "rrn" is not a word of "überrrné".
    CHECK_FALSE(contains_phrase("\xC3\xBC"
                                "rrn",
                                "rrn"));
    CHECK_FALSE(contains_phrase("rrn\xC3\xA9", "rrn"));
    // Invalid or cut UTF-8 next to a phrase is no CJK character.
    CHECK_FALSE(contains_phrase("\xE6\x88rrn", "rrn"));
    CHECK_FALSE(contains_phrase("rrn\xE6\x88", "rrn"));
    CHECK(contains_phrase("\xE6\x88 rrn", "rrn"));
}

TEST_CASE("lines and columns count characters, not bytes", "[text]") {
    CHECK(utf8_length("h\xC3\xA9llo") == 5);
    CHECK(utf8_length("\xFF\xFE") == 2); // invalid bytes still count, one each
    CHECK(line_column_of("ab\ncd\xC3\xA9x", 7) == std::pair{2, 4});
    CHECK(line_column_of("abc", 0) == std::pair{1, 1});
}

TEST_CASE("masking shows at most 4 characters of a value", "[mask]") {
    CHECK(mask_value("AKIAQ3EGRHTQZLWYXV7N") == "AKIA****************");
    CHECK(mask_value("hunter2x") == "hu******");
    CHECK(mask_value("hunter2") == "*******");
    CHECK(mask_value("p\xC3\xA4sswort-lang!!!") == "p\xC3\xA4ss************");
    CHECK(mask_value("p\xC3\xA4sswort-lang!!") == "p\xC3\xA4*************");
    CHECK(preview("AKIAQ3EGRHTQZLWYXV7N", false) == "AKIA************");
    CHECK(preview("abc", false) == "***");
    CHECK(preview("AKIAQ3EGRHTQZLWYXV7N", true) == "AKIAQ3EGRHTQZLWYXV7N");
    CHECK(revealed_characters(100) == 4);
}

TEST_CASE("scanned text is made printable: no escape sequences reach the terminal", "[mask]") {
    CHECK(printable("a\x1b[31mb\tc\x7f") == "a?[31mb c?");
    CHECK(printable("caf\xC3\xA9") == "caf\xC3\xA9");
}

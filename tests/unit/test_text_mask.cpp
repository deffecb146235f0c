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

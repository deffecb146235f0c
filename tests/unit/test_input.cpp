#include "promptlint/input.hpp"

#include <catch2/catch.hpp>

#include <fstream>

#include "helpers.hpp"

using namespace promptlint;
using promptlint::test::TempDir;

TEST_CASE("folders are walked in sorted order; .git and symlinks are skipped and reported",
          "[input]") {
    TempDir dir;
    namespace fs = std::filesystem;
    fs::create_directories(dir.path / "b" / "deep");
    fs::create_directories(dir.path / ".git");
    std::ofstream(dir.path / "c.txt") << "c";
    std::ofstream(dir.path / "a.txt") << "a";
    std::ofstream(dir.path / "b" / "deep" / "z.txt") << "z";
    std::ofstream(dir.path / ".git" / "config") << "x";
    fs::create_symlink(dir.path, dir.path / "loop");
    const std::string root = dir.path.string();
    Discovery d = discover({root});
    std::vector<std::string> shown;
    for (const auto& item : d.items) {
        shown.push_back(item.display.substr(root.size()));
        CHECK_FALSE(item.explicit_path);
    }
    CHECK(shown == std::vector<std::string>{"/a.txt", "/b/deep/z.txt", "/c.txt"});
    REQUIRE(d.skipped.size() == 1);
    CHECK(d.skipped[0].reason == "symlink");
    CHECK(d.errors.empty());
}

TEST_CASE("the walk lists a folder only when it reaches it", "[input]") {
    TempDir dir;
    namespace fs = std::filesystem;
    fs::create_directories(dir.path / "a");
    fs::create_directories(dir.path / "b");
    std::ofstream(dir.path / "a" / "1.txt") << "1";
    std::ofstream(dir.path / "b" / "2.txt") << "2";
    InputWalk walk({dir.path.string()}, {});
    auto first = walk.next();
    REQUIRE(first);
    CHECK(first->path.filename() == "1.txt");
    // Files that appear in a folder the walk has not reached yet are still found: the walk
    // has not listed it.
    std::ofstream(dir.path / "b" / "3.txt") << "3";
    std::vector<std::string> rest;
    while (auto item = walk.next()) {
        rest.push_back(item->path.filename().string());
    }
    CHECK(rest == std::vector<std::string>{"2.txt", "3.txt"});
    CHECK_FALSE(walk.next());
}

TEST_CASE("a walk hands out the inputs already listed, then their errors and skips", "[input]") {
    Discovery listed;
    listed.items.push_back(InputItem::file("x.txt", "x.txt", true));
    listed.errors.push_back({"gone.txt", "No such file or directory"});
    listed.skipped.push_back({"big.bin", "binary"});
    InputWalk walk(listed);
    REQUIRE(walk.next()->display == "x.txt");
    CHECK_FALSE(walk.next());
    CHECK(walk.errors().at(0).path == "gone.txt");
    CHECK(walk.skipped().at(0).path == "big.bin");
}

TEST_CASE("no path, or '-', means stdin; a missing path is an error", "[input]") {
    CHECK(discover({}).items.at(0).is_stdin);
    CHECK(discover({"-"}).items.at(0).display == "-");
    Discovery d = discover({"/definitely/not/here"});
    CHECK(d.items.empty());
    REQUIRE(d.errors.size() == 1);
    CHECK(d.errors[0].path == "/definitely/not/here");
}

TEST_CASE("mapped files come in overlapping windows that cover every byte", "[input]") {
    TempDir dir;
    std::string data;
    for (int i = 0; i < 60000; ++i) { // over 256 KiB, so the file is mapped, not read
        data += std::to_string(i) + ",";
    }
    auto path = dir.path / "data.txt";
    std::ofstream(path, std::ios::binary) << data;
    SourceLimits limits;
    limits.overlap = 100;
    limits.mapped_window = 20000;
    limits.stream_window = 20000;
    for (bool through_pipe : {false, true}) {
        std::unique_ptr<ByteSource> source;
        if (through_pipe) {
            source = memory_source(data, limits);
        } else {
            source = open_source(InputItem::file("data.txt", path, true), limits);
        }
        Window w;
        std::string rebuilt;
        int windows = 0;
        while (source->next(w)) {
            ++windows;
            REQUIRE(w.base <= rebuilt.size());
            CHECK(data.substr(w.base, w.bytes.size()) == w.bytes);
            rebuilt += w.bytes.substr(rebuilt.size() - w.base);
            if (w.last) {
                break;
            }
        }
        CHECK(rebuilt == data);
        CHECK(windows > 15);
    }
}

TEST_CASE("UTF-16 with a BOM decodes to UTF-8; binary is a NUL in the first block", "[input]") {
    using namespace std::string_literals;
    CHECK(decode_utf16("\xFF\xFEh\0i\0\xE9\0"s) == std::optional<std::string>("hi\xC3\xA9"));
    CHECK(decode_utf16("\xFE\xFF\0h\xD8\x3D\xDE\x00"s) ==
          std::optional<std::string>("h\xF0\x9F\x98\x80"));
    CHECK(decode_utf16("\xFF\xFE\x00\xD8"s) == std::optional<std::string>("\xEF\xBF\xBD"));
    CHECK_FALSE(decode_utf16("plain").has_value());
    CHECK(looks_binary("ab\0cd"s));
    CHECK_FALSE(looks_binary("plain text"));
    CHECK_FALSE(looks_binary("\xFF\xFEh\0"s));
}

TEST_CASE("an unreadable input raises InputFailure with the reason", "[input]") {
    CHECK_THROWS_AS(open_source(InputItem::file("x", "/definitely/not/here", true), {}),
                    InputFailure);
    CHECK_THROWS_WITH(open_source(InputItem::file("d", "/tmp", true), {}), "is a directory");
}

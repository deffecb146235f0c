#include "promptlint/types.hpp"
#include "promptlint/vault.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

#include "helpers.hpp"

using namespace promptlint;
using promptlint::test::TempDir;

namespace fs = std::filesystem;

namespace {

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

unsigned mode_of(const fs::path& p) {
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_mode & 0777U;
}

// Argon2id at its minimum cost: these tests are about the file format, not the cost.
constexpr KdfParams k_cheap{1, 8192};

// Restores an environment variable when the test ends.
struct EnvGuard {
    std::string name;
    std::optional<std::string> old;
    explicit EnvGuard(std::string n) : name(std::move(n)) {
        if (const char* v = std::getenv(name.c_str())) {
            old = v;
        }
    }
    ~EnvGuard() {
        if (old) {
            ::setenv(name.c_str(), old->c_str(), 1);
        } else {
            ::unsetenv(name.c_str());
        }
    }
};

std::size_t files_in(const fs::path& dir) {
    return static_cast<std::size_t>(
        std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

} // namespace

TEST_CASE("a vault finds entries by value and by token", "[vault]") {
    Vault v;
    v.add("[EMAIL_ADDRESS_1]", "jane@acme.io", "pii.email.address");
    REQUIRE(v.find_value("jane@acme.io") != nullptr);
    CHECK(v.find_value("jane@acme.io")->token == "[EMAIL_ADDRESS_1]");
    CHECK(v.find_token("[EMAIL_ADDRESS_1]")->value == "jane@acme.io");
    CHECK(v.find_value("bob@acme.io") == nullptr);
    CHECK(v.find_token("[EMAIL_ADDRESS_2]") == nullptr);
    CHECK(v.added() == 1);
    CHECK_THROWS(v.add("[EMAIL_ADDRESS_1]", "other@acme.io", "r"));
    CHECK_THROWS(v.add("[EMAIL_ADDRESS_9]", "jane@acme.io", "r"));
}

TEST_CASE("the next placeholder number is above every number held or reserved", "[vault]") {
    Vault v;
    CHECK(v.next_number("EMAIL") == 1);
    v.add("[EMAIL_1]", "a@b.io", "r");
    v.add("[EMAIL_4]", "c@d.io", "r");
    CHECK(v.next_number("EMAIL") == 5);
    v.reserve("EMAIL", 9);
    CHECK(v.next_number("EMAIL") == 10);
    v.reserve("EMAIL", 2); // lower reservations change nothing
    CHECK(v.next_number("EMAIL") == 10);
    CHECK(v.next_number("IBAN") == 1);
    // A type that itself ends in digits: the number is what follows the last underscore.
    v.add("[PHONE_E164_3]", "+4915112345678", "r");
    CHECK(v.next_number("PHONE_E164") == 4);
}

TEST_CASE("a vault survives its JSON form byte for byte, whatever the values hold", "[vault]") {
    Vault v;
    v.add("[A_1]", "plain", "r.a");
    v.add("[A_2]", std::string("nul\0inside", 10), "r.a");
    v.add("[A_3]", "quote \" backslash \\ newline \n tab \t", "r.a");
    v.add("[A_4]", "invalid \xFF\xFE utf-8 \xC3", "r.a");
    v.add("[A_5]", "überprüft – 日本", "r.a");
    v.add("[B:3f2a9c]", "hashed", "r.b");
    const std::string json = v.to_json();
    CHECK(json.find("value_base64") != std::string::npos); // the invalid UTF-8 one
    Vault back = Vault::from_json(json, "m.json");
    CHECK(back.added() == 0);
    REQUIRE(back.entries().size() == v.entries().size());
    for (const VaultEntry& e : v.entries()) {
        const VaultEntry* b = back.find_token(e.token);
        REQUIRE(b != nullptr);
        CHECK(b->value == e.value);
        CHECK(b->rule == e.rule);
    }
    CHECK(back.hash_key() == v.hash_key());
    CHECK(back.next_number("A") == 6);
}

TEST_CASE("a malformed map is refused with a message that never quotes a value", "[vault]") {
    const std::string secret = "hunter2-Xk9#mP2vL";
    const std::string truncated =
        R"({"promptlint_map": 1, "entries": [{"token": "[P_1]", "value": ")" + secret;
    for (const std::string& text :
         {std::string("not json"), truncated, std::string(R"({"entries": []})"),
          std::string(R"({"promptlint_map": 2, "entries": []})"),
          std::string(R"({"promptlint_map": 1})"),
          std::string(R"({"promptlint_map": 1, "entries": [{"value": "x"}]})"),
          std::string(R"({"promptlint_map": 1, "entries": [{"token": "[A_1]"}]})"),
          std::string(R"({"promptlint_map": 1, "hash_key": "zz", "entries": []})"),
          std::string(R"({"promptlint_map": 1, "entries": [{"token": "[A_1]", "value": "x"},
                                                          {"token": "[A_1]", "value": "y"}]})"),
          std::string(R"({"promptlint_map": 1, "entries": [{"token": "[A_1]", "value": "x"},
                                                          {"token": "[A_2]", "value": "x"}]})"),
          std::string(R"({"promptlint_map": 1, "entries": [{"token": "[A_1]",
                                                          "value_base64": "%%%"}]})")}) {
        INFO(text);
        try {
            Vault::from_json(text, "session.map");
            FAIL("accepted");
        } catch (const Error& e) {
            const std::string message = e.what();
            CHECK(message.starts_with("session.map: not a valid promptlint map"));
            CHECK(message.find(secret) == std::string::npos);
            CHECK(message.find("hunter") == std::string::npos);
        }
    }
}

TEST_CASE("sealing round-trips and refuses a wrong passphrase or any modified byte", "[vault]") {
    const Passphrase right("correct horse battery staple");
    const Passphrase wrong("correct horse battery stapler");
    const std::string plain = R"({"promptlint_map": 1, "entries": []})";
    Sealer sealer(right, k_cheap);
    const std::string sealed = sealer.seal(plain);
    CHECK(Sealer::is_sealed(sealed));
    CHECK(sealed.find("promptlint_map") == std::string::npos);
    CHECK(sealer.seal(plain) != sealed); // a fresh nonce every time

    auto [opened, reopened] = Sealer::open(sealed, right, "m");
    CHECK(opened == plain);
    // The key kept from open() seals files the passphrase opens again.
    CHECK(Sealer::open(reopened->seal("again"), right, "m").first == "again");

    CHECK_THROWS_WITH(Sealer::open(sealed, wrong, "m"),
                      "m: cannot open the map: wrong key, or the file was modified");
    // Every byte is authenticated (the header is the associated data): flip each in turn, except
    // the cost fields, whose modification is refused before any work when out of range and
    // otherwise fails authentication like the rest.
    for (std::size_t i = 0; i < sealed.size(); ++i) {
        std::string bad = sealed;
        bad[i] = static_cast<char>(bad[i] ^ 0x01);
        INFO("byte " << i);
        CHECK_THROWS_AS(Sealer::open(bad, right, "m"), Error);
    }
    CHECK_THROWS_AS(Sealer::open(sealed.substr(0, sealed.size() - 1), right, "m"), Error);
    CHECK_THROWS_AS(Sealer::open(sealed.substr(0, 30), right, "m"), Error);
}

TEST_CASE("a sealed header asking for absurd key-derivation costs is refused at once", "[vault]") {
    const Passphrase p("pass");
    std::string sealed = Sealer(p, k_cheap).seal("x");
    // memlimit is the u64 after the magic line, the algorithm byte and opslimit.
    const std::size_t memlimit_at = std::string_view("PROMPTLINT-MAP-SEALED-1\n").size() + 1 + 8;
    sealed[memlimit_at + 7] = '\x7F'; // ~9 EB
    CHECK_THROWS_WITH(Sealer::open(sealed, p, "m"),
                      Catch::Contains("key-derivation costs out of range"));
}

TEST_CASE("a new map file is created with mode 0600, atomically, in missing private folders",
          "[vault]") {
    TempDir dir;
    const fs::path path = dir.path / "sub" / "session.map";
    {
        MapFile map(path, std::nullopt, true);
        CHECK_FALSE(map.existed());
        map.vault().add("[EMAIL_1]", "jane@acme.io", "pii.email");
        // Until saved, nothing exists under the map's name (only the hidden temporary file).
        CHECK_FALSE(fs::exists(path));
        map.save();
    }
    REQUIRE(fs::exists(path));
    CHECK(mode_of(path) == 0600U);
    CHECK(mode_of(dir.path / "sub") == 0700U);
    CHECK(files_in(dir.path / "sub") == 1); // no temporary file left behind
    MapFile again(path, std::nullopt, false);
    CHECK(again.existed());
    CHECK(again.vault().find_token("[EMAIL_1]")->value == "jane@acme.io");
}

TEST_CASE("an existing map with lax permissions is rewritten as 0600", "[vault]") {
    TempDir dir;
    const fs::path path = dir.path / "m.map";
    spit(path, R"({"promptlint_map": 1, "entries": []})");
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                              fs::perms::others_read);
    MapFile map(path, std::nullopt, true);
    map.vault().add("[X_1]", "v", "r");
    CHECK(map.save_if_changed());
    CHECK(mode_of(path) == 0600U);
}

TEST_CASE("a map that is unchanged is not rewritten; a dropped one leaves no file", "[vault]") {
    TempDir dir;
    const fs::path path = dir.path / "m.map";
    spit(path, R"({"promptlint_map": 1, "entries": [{"token": "[X_1]", "value": "v"}]})");
    const std::string before = slurp(path);
    {
        MapFile map(path, std::nullopt, true);
        CHECK_FALSE(map.save_if_changed());
    }
    CHECK(slurp(path) == before);
    CHECK(files_in(dir.path) == 1);
}

TEST_CASE("a map is written through a symbolic link, which stays a link", "[vault]") {
    TempDir dir;
    const fs::path target = dir.path / "real.map";
    const fs::path link = dir.path / "link.map";
    spit(target, R"({"promptlint_map": 1, "entries": []})");
    fs::create_symlink(target, link);
    MapFile map(link, std::nullopt, true);
    map.vault().add("[X_1]", "v", "r");
    map.save();
    CHECK(fs::is_symlink(link));
    CHECK(slurp(target).find("[X_1]") != std::string::npos);
}

TEST_CASE("map files: missing, empty, a folder, or sealed without a key are errors", "[vault]") {
    TempDir dir;
    CHECK_THROWS_WITH(MapFile(dir.path / "none.map", std::nullopt, false),
                      Catch::EndsWith("none.map: no such map"));
    spit(dir.path / "empty.map", "");
    CHECK_THROWS_WITH(MapFile(dir.path / "empty.map", std::nullopt, true),
                      Catch::Contains("the map is empty"));
    CHECK_THROWS_WITH(MapFile(dir.path, std::nullopt, false), Catch::Contains("is a folder"));
    {
        MapFile sealed(dir.path / "s.map", Passphrase("k1"), true);
        sealed.vault().add("[X_1]", "value", "r");
        sealed.save();
    }
    CHECK_THROWS_WITH(MapFile(dir.path / "s.map", std::nullopt, false),
                      Catch::Contains("the map is encrypted: set PROMPTLINT_MAP_KEY"));
    CHECK_THROWS_WITH(MapFile(dir.path / "s.map", Passphrase("k2"), false),
                      Catch::Contains("wrong key, or the file was modified"));
    MapFile opened(dir.path / "s.map", Passphrase("k1"), false);
    CHECK(opened.vault().find_token("[X_1]")->value == "value");
}

TEST_CASE("a sealed map holds no value in clear and stays sealed when extended", "[vault]") {
    TempDir dir;
    const fs::path path = dir.path / "s.map";
    {
        MapFile map(path, Passphrase("k"), true);
        map.vault().add("[EMAIL_1]", "jane@acme.io", "pii.email");
        map.save();
    }
    const std::string first = slurp(path);
    CHECK(first.find("jane") == std::string::npos);
    CHECK(first.find("EMAIL") == std::string::npos);
    {
        MapFile map(path, Passphrase("k"), true);
        map.vault().add("[EMAIL_2]", "bob@acme.io", "pii.email");
        CHECK(map.save_if_changed());
    }
    MapFile map(path, Passphrase("k"), false);
    CHECK(map.vault().entries().size() == 2);
    CHECK(mode_of(path) == 0600U);
}

TEST_CASE("a plain map opened with a passphrase is sealed when saved", "[vault]") {
    TempDir dir;
    const fs::path path = dir.path / "m.map";
    spit(path, R"({"promptlint_map": 1, "entries": [{"token": "[X_1]", "value": "v1"}]})");
    {
        MapFile map(path, Passphrase("k"), true);
        CHECK(map.save_if_changed());
    }
    CHECK(Sealer::is_sealed(slurp(path)));
    MapFile map(path, Passphrase("k"), false);
    CHECK(map.vault().find_token("[X_1]")->value == "v1");
}

TEST_CASE("the map passphrase comes from the key file, else from PROMPTLINT_MAP_KEY", "[vault]") {
    TempDir dir;
    EnvGuard guard("PROMPTLINT_MAP_KEY");
    ::unsetenv("PROMPTLINT_MAP_KEY");
    CHECK_FALSE(map_passphrase("").has_value());
    ::setenv("PROMPTLINT_MAP_KEY", "from env", 1);
    CHECK(map_passphrase("")->view() == "from env");
    spit(dir.path / "key", "from file\r\n");
    CHECK(map_passphrase((dir.path / "key").string())->view() == "from file");
    spit(dir.path / "two-lines", "a\n\n");
    CHECK(map_passphrase((dir.path / "two-lines").string())->view() == "a\n");
    spit(dir.path / "empty", "\n");
    CHECK_THROWS_WITH(map_passphrase((dir.path / "empty").string()),
                      Catch::Contains("the map key file is empty"));
    CHECK_THROWS_WITH(map_passphrase((dir.path / "missing").string()),
                      Catch::Contains("cannot read the map key file"));
    ::setenv("PROMPTLINT_MAP_KEY", "", 1);
    CHECK_THROWS_WITH(map_passphrase(""), Catch::Contains("PROMPTLINT_MAP_KEY is set but empty"));
}

TEST_CASE("a hash key file gives the same key for the same contents", "[vault]") {
    TempDir dir;
    spit(dir.path / "a", "some key material\n");
    spit(dir.path / "b", "some key material");
    spit(dir.path / "c", "other key material");
    CHECK(hash_key_from_file((dir.path / "a").string()) ==
          hash_key_from_file((dir.path / "b").string()));
    CHECK(hash_key_from_file((dir.path / "a").string()) !=
          hash_key_from_file((dir.path / "c").string()));
    CHECK_THROWS_AS(hash_key_from_file((dir.path / "none").string()), Error);
}

TEST_CASE("an atomic file appears only on commit, with the mode asked for", "[vault]") {
    TempDir dir;
    const fs::path path = dir.path / "out.txt";
    {
        AtomicFile f(path, 0640);
        f.write("partial");
        CHECK_FALSE(fs::exists(path));
    } // dropped: nothing appears, nothing is left
    CHECK_FALSE(fs::exists(path));
    CHECK(files_in(dir.path) == 0);
    AtomicFile f(path, 0640);
    f.write("whole");
    f.commit();
    CHECK(slurp(path) == "whole");
    CHECK(mode_of(path) == 0640U);
    CHECK(files_in(dir.path) == 1);
}

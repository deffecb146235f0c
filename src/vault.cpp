#include "promptlint/vault.hpp"

#include "promptlint/digest.hpp"
#include "promptlint/text.hpp"
#include "promptlint/types.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <sodium.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace promptlint {
namespace {

namespace fs = std::filesystem;

constexpr int k_format_version = 1;
// The sealed file starts with this line, so `head -1` tells a person what the file is.
constexpr std::string_view k_sealed_magic = "PROMPTLINT-MAP-SEALED-1\n";
constexpr unsigned char k_algorithm = 1; // Argon2id v1.3 + XChaCha20-Poly1305-IETF
// A sealed header may not make us spend more than this on key derivation: a modified file
// could otherwise ask for terabytes before authentication fails.
constexpr std::uint64_t k_max_opslimit = 64;
constexpr std::uint64_t k_max_memlimit = 1ULL << 30U;

std::string errno_text() {
    return std::strerror(errno);
}

// Strict UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF): exactly what the
// JSON writer accepts, so every other value goes to base64 instead of failing the save.
bool valid_utf8(std::string_view s) noexcept {
    for (std::size_t i = 0; i < s.size();) {
        const Utf8Char c = utf8_char_at(s, i);
        if (c.cp == k_invalid_char) {
            return false;
        }
        i += c.len;
    }
    return true;
}

std::string to_base64(std::string_view bytes) {
    ensure_sodium();
    std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                      bytes.size(), sodium_base64_VARIANT_ORIGINAL);
    out.resize(std::strlen(out.c_str()));
    return out;
}

std::optional<std::string> from_base64(std::string_view text) {
    ensure_sodium();
    std::string out(text.size(), '\0');
    std::size_t length = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                          text.size(), nullptr, &length, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0) {
        return std::nullopt;
    }
    out.resize(length);
    return out;
}

std::string to_hex(const unsigned char* data, std::size_t size) {
    std::string out(size * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), data, size);
    out.pop_back();
    return out;
}

// "[TYPE_12]" -> ("TYPE", 12); anything else (hash tokens, foreign text) -> nullopt.
std::optional<std::pair<std::string_view, std::uint64_t>> numbered(std::string_view token) {
    if (token.size() < 4 || token.front() != '[' || token.back() != ']') {
        return std::nullopt;
    }
    const std::string_view inner = token.substr(1, token.size() - 2);
    const std::size_t underscore = inner.rfind('_');
    if (underscore == std::string_view::npos || underscore == 0 || underscore + 1 == inner.size() ||
        inner.size() - underscore - 1 > 18) {
        return std::nullopt;
    }
    std::uint64_t n = 0;
    for (char c : inner.substr(underscore + 1)) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        n = n * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return std::pair{inner.substr(0, underscore), n};
}

void put_u64(std::string& out, std::uint64_t v) {
    for (unsigned i = 0; i < 8; ++i) {
        out.push_back(static_cast<char>((v >> (8U * i)) & 0xFFU));
    }
}

std::uint64_t get_u64(std::string_view in) {
    std::uint64_t v = 0;
    for (unsigned i = 0; i < 8; ++i) {
        v |= std::uint64_t{static_cast<unsigned char>(in[i])} << (8U * i);
    }
    return v;
}

constexpr std::size_t k_header_size = k_sealed_magic.size() + 1 + 8 + 8 + 16;
constexpr std::size_t k_nonce_size = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;

void derive_key(std::array<unsigned char, 32>& key, const Passphrase& passphrase,
                const std::array<unsigned char, 16>& salt, const KdfParams& params) {
    static_assert(crypto_pwhash_SALTBYTES == 16);
    static_assert(crypto_aead_xchacha20poly1305_ietf_KEYBYTES == 32);
    ensure_sodium();
    const std::string_view p = passphrase.view();
    if (crypto_pwhash(key.data(), key.size(), p.data(), p.size(), salt.data(), params.opslimit,
                      static_cast<std::size_t>(params.memlimit),
                      crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw Error("cannot derive the map key (out of memory?)");
    }
}

std::string read_whole(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(fmt::format("{}: cannot read: {}", path.string(), errno_text()));
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) {
        throw Error(fmt::format("{}: cannot read: {}", path.string(), errno_text()));
    }
    return std::move(buffer).str();
}

// Creates the missing folders above `dir`, each readable by its owner only: they are made for
// a map, which nobody else should even list.
void make_private_dirs(const fs::path& dir) {
    if (dir.empty() || fs::exists(dir)) {
        return;
    }
    make_private_dirs(dir.parent_path());
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
        throw Error(fmt::format("{}: cannot create folder: {}", dir.string(), errno_text()));
    }
}

} // namespace

// ---- Vault ----

Vault::Vault() {
    ensure_sodium();
    randombytes_buf(m_hash_key.data(), m_hash_key.size());
}

const VaultEntry* Vault::find_value(std::string_view value) const {
    auto it = m_by_value.find(value);
    return it == m_by_value.end() ? nullptr : &m_entries[it->second];
}

const VaultEntry* Vault::find_token(std::string_view token) const {
    auto it = m_by_token.find(token);
    return it == m_by_token.end() ? nullptr : &m_entries[it->second];
}

const VaultEntry& Vault::add(std::string token, std::string value, std::string rule) {
    if (find_token(token) || find_value(value)) {
        throw std::logic_error("Vault::add: token or value already present");
    }
    const std::size_t index = m_entries.size();
    m_entries.push_back(VaultEntry{std::move(token), std::move(value), std::move(rule)});
    const VaultEntry& e = m_entries.back();
    m_by_token.emplace(e.token, index);
    m_by_value.emplace(e.value, index);
    if (auto n = numbered(e.token)) {
        reserve(n->first, n->second);
    }
    ++m_added;
    return e;
}

std::uint64_t Vault::next_number(std::string_view type) const {
    auto it = m_next.find(std::string(type));
    return it == m_next.end() ? 1 : it->second;
}

void Vault::reserve(std::string_view type, std::uint64_t number) {
    std::uint64_t& next = m_next.try_emplace(std::string(type), 1).first->second;
    next = std::max(next, number + 1);
}

std::string Vault::to_json() const {
    nlohmann::ordered_json doc;
    doc["promptlint_map"] = k_format_version;
    doc["hash_key"] = to_hex(m_hash_key.data(), m_hash_key.size());
    nlohmann::ordered_json entries = nlohmann::ordered_json::array();
    for (const VaultEntry& e : m_entries) {
        nlohmann::ordered_json j;
        j["token"] = e.token;
        if (valid_utf8(e.value)) {
            j["value"] = e.value;
        } else {
            j["value_base64"] = to_base64(e.value);
        }
        j["rule"] = e.rule;
        entries.push_back(std::move(j));
    }
    doc["entries"] = std::move(entries);
    return doc.dump(2) + "\n";
}

Vault Vault::from_json(std::string_view text, const std::string& origin) {
    auto bad = [&](std::string_view why) {
        return Error(fmt::format("{}: not a valid promptlint map: {}", origin, why));
    };
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        // Not e.what(): it quotes the text around the error, which may be a value.
        throw bad(fmt::format("JSON syntax error at byte {}", e.byte));
    }
    if (!doc.is_object() || !doc.contains("promptlint_map")) {
        throw bad("no \"promptlint_map\" field");
    }
    if (doc["promptlint_map"] != k_format_version) {
        throw bad(fmt::format("unknown format version (this promptlint reads version {})",
                              k_format_version));
    }
    Vault vault;
    if (doc.contains("hash_key")) {
        const auto& hk = doc["hash_key"];
        std::size_t length = 0;
        if (!hk.is_string() ||
            sodium_hex2bin(vault.m_hash_key.data(), vault.m_hash_key.size(),
                           hk.get_ref<const std::string&>().c_str(),
                           hk.get_ref<const std::string&>().size(), nullptr, &length,
                           nullptr) != 0 ||
            length != vault.m_hash_key.size()) {
            throw bad("\"hash_key\" is not 64 hex digits");
        }
    }
    if (!doc.contains("entries") || !doc["entries"].is_array()) {
        throw bad("no \"entries\" list");
    }
    std::size_t index = 0;
    for (const auto& e : doc["entries"]) {
        ++index;
        if (!e.is_object() || !e.contains("token") || !e["token"].is_string()) {
            throw bad(fmt::format("entry {} has no \"token\"", index));
        }
        std::string value;
        if (e.contains("value") && e["value"].is_string()) {
            value = e["value"].get<std::string>();
        } else if (e.contains("value_base64") && e["value_base64"].is_string()) {
            auto decoded = from_base64(e["value_base64"].get<std::string>());
            if (!decoded) {
                throw bad(fmt::format("entry {} has a broken \"value_base64\"", index));
            }
            value = std::move(*decoded);
        } else {
            throw bad(fmt::format("entry {} has no \"value\"", index));
        }
        std::string token = e["token"].get<std::string>();
        std::string rule = e.contains("rule") && e["rule"].is_string()
                               ? e["rule"].get<std::string>()
                               : std::string();
        if (token.empty() || value.empty()) {
            throw bad(fmt::format("entry {} is empty", index));
        }
        if (vault.find_token(token) || vault.find_value(value)) {
            throw bad(fmt::format("entry {} repeats a token or a value", index));
        }
        vault.add(std::move(token), std::move(value), std::move(rule));
    }
    vault.m_added = 0;
    return vault;
}

// ---- Passphrase ----

Passphrase::Passphrase(std::string text) : m_text(std::move(text)) {}
Passphrase::Passphrase(Passphrase&& other) noexcept : m_text(std::move(other.m_text)) {
    sodium_memzero(other.m_text.data(), other.m_text.size());
    other.m_text.clear();
}
Passphrase& Passphrase::operator=(Passphrase&& other) noexcept {
    if (this != &other) {
        sodium_memzero(m_text.data(), m_text.size());
        m_text = std::move(other.m_text);
        sodium_memzero(other.m_text.data(), other.m_text.size());
        other.m_text.clear();
    }
    return *this;
}
Passphrase::~Passphrase() {
    sodium_memzero(m_text.data(), m_text.size());
}

std::optional<Passphrase> map_passphrase(const std::string& key_file) {
    ensure_sodium();
    if (!key_file.empty()) {
        std::string text;
        try {
            text = read_whole(key_file);
        } catch (const Error&) {
            throw Error(
                fmt::format("{}: cannot read the map key file: {}", key_file, errno_text()));
        }
        if (text.ends_with('\n')) {
            text.pop_back();
            if (text.ends_with('\r')) {
                text.pop_back();
            }
        }
        if (text.empty()) {
            throw Error(fmt::format("{}: the map key file is empty", key_file));
        }
        return Passphrase(std::move(text));
    }
    const char* env = std::getenv("PROMPTLINT_MAP_KEY");
    if (env == nullptr) {
        return std::nullopt;
    }
    if (*env == '\0') {
        throw Error("PROMPTLINT_MAP_KEY is set but empty: unset it, or give it the map's key");
    }
    return Passphrase(env);
}

HashKey hash_key_from_file(const std::string& path) {
    ensure_sodium();
    std::string text;
    try {
        text = read_whole(path);
    } catch (const Error&) {
        throw Error(fmt::format("{}: cannot read the hash key file: {}", path, errno_text()));
    }
    if (text.ends_with('\n')) {
        text.pop_back();
        if (text.ends_with('\r')) {
            text.pop_back();
        }
    }
    if (text.empty()) {
        throw Error(fmt::format("{}: the hash key file is empty", path));
    }
    HashKey key{};
    crypto_generichash(key.data(), key.size(), reinterpret_cast<const unsigned char*>(text.data()),
                       text.size(), nullptr, 0);
    sodium_memzero(text.data(), text.size());
    return key;
}

// ---- Sealer ----

Sealer::Sealer(const Passphrase& passphrase, KdfParams params) : m_params(params) {
    ensure_sodium();
    randombytes_buf(m_salt.data(), m_salt.size());
    derive_key(m_key, passphrase, m_salt, m_params);
}

Sealer::~Sealer() {
    sodium_memzero(m_key.data(), m_key.size());
}

bool Sealer::is_sealed(std::string_view file_bytes) noexcept {
    return file_bytes.starts_with(k_sealed_magic);
}

std::string Sealer::header() const {
    std::string h(k_sealed_magic);
    h.push_back(static_cast<char>(k_algorithm));
    put_u64(h, m_params.opslimit);
    put_u64(h, m_params.memlimit);
    h.append(reinterpret_cast<const char*>(m_salt.data()), m_salt.size());
    return h;
}

std::pair<std::string, std::unique_ptr<Sealer>>
Sealer::open(std::string_view file_bytes, const Passphrase& passphrase, const std::string& origin) {
    ensure_sodium();
    constexpr std::size_t tag = crypto_aead_xchacha20poly1305_ietf_ABYTES;
    if (!is_sealed(file_bytes) || file_bytes.size() < k_header_size + k_nonce_size + tag) {
        throw Error(fmt::format("{}: not a sealed promptlint map (truncated?)", origin));
    }
    std::size_t at = k_sealed_magic.size();
    if (static_cast<unsigned char>(file_bytes[at]) != k_algorithm) {
        throw Error(fmt::format("{}: sealed with an unknown algorithm ({}); a newer promptlint "
                                "may read it",
                                origin, static_cast<unsigned>(file_bytes[at])));
    }
    ++at;
    std::unique_ptr<Sealer> sealer(new Sealer());
    sealer->m_params.opslimit = get_u64(file_bytes.substr(at));
    sealer->m_params.memlimit = get_u64(file_bytes.substr(at + 8));
    at += 16;
    if (sealer->m_params.opslimit < crypto_pwhash_OPSLIMIT_MIN ||
        sealer->m_params.opslimit > k_max_opslimit ||
        sealer->m_params.memlimit < crypto_pwhash_MEMLIMIT_MIN ||
        sealer->m_params.memlimit > k_max_memlimit) {
        throw Error(fmt::format("{}: the sealed map asks for key-derivation costs out of range "
                                "(modified file?)",
                                origin));
    }
    std::memcpy(sealer->m_salt.data(), file_bytes.data() + at, sealer->m_salt.size());
    at += sealer->m_salt.size();
    const std::string_view ad = file_bytes.substr(0, at);
    const auto* nonce = reinterpret_cast<const unsigned char*>(file_bytes.data() + at);
    at += k_nonce_size;
    const std::string_view cipher = file_bytes.substr(at);
    derive_key(sealer->m_key, passphrase, sealer->m_salt, sealer->m_params);
    std::string plain(cipher.size() - tag, '\0');
    unsigned long long plain_size = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            reinterpret_cast<unsigned char*>(plain.data()), &plain_size, nullptr,
            reinterpret_cast<const unsigned char*>(cipher.data()), cipher.size(),
            reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), nonce,
            sealer->m_key.data()) != 0) {
        throw Error(
            fmt::format("{}: cannot open the map: wrong key, or the file was modified", origin));
    }
    plain.resize(static_cast<std::size_t>(plain_size));
    return {std::move(plain), std::move(sealer)};
}

std::string Sealer::seal(std::string_view plain) const {
    ensure_sodium();
    std::string out = header();
    const std::string ad = out;
    std::array<unsigned char, k_nonce_size> nonce{};
    randombytes_buf(nonce.data(), nonce.size());
    out.append(reinterpret_cast<const char*>(nonce.data()), nonce.size());
    const std::size_t at = out.size();
    out.resize(at + plain.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES);
    unsigned long long cipher_size = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        reinterpret_cast<unsigned char*>(out.data() + at), &cipher_size,
        reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
        reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), nullptr, nonce.data(),
        m_key.data());
    out.resize(at + static_cast<std::size_t>(cipher_size));
    return out;
}

// ---- AtomicFile ----

AtomicFile::AtomicFile(fs::path destination, unsigned mode)
    : m_destination(std::move(destination)) {
    std::error_code ec;
    // Replacing a symbolic link would cut it; write where it points instead.
    if (fs::is_symlink(fs::symlink_status(m_destination, ec))) {
        m_destination = fs::weakly_canonical(m_destination, ec);
        if (ec) {
            throw Error(
                fmt::format("{}: cannot resolve: {}", m_destination.string(), ec.message()));
        }
    }
    fs::path dir = m_destination.parent_path();
    make_private_dirs(dir);
    if (dir.empty()) {
        dir = ".";
    }
    std::string pattern =
        (dir / fmt::format(".{}.tmp-XXXXXX", m_destination.filename().string())).string();
    m_fd = ::mkstemp(pattern.data()); // mode 0600: nobody else can open it meanwhile
    if (m_fd < 0) {
        throw Error(fmt::format("{}: cannot create a file in {}: {}", m_destination.string(),
                                dir.string(), errno_text()));
    }
    m_temporary = pattern;
    if (::fchmod(m_fd, static_cast<mode_t>(mode)) != 0) {
        throw Error(
            fmt::format("{}: cannot set permissions: {}", m_temporary.string(), errno_text()));
    }
}

AtomicFile::~AtomicFile() {
    if (m_fd >= 0) {
        ::close(m_fd);
    }
    if (!m_temporary.empty()) {
        ::unlink(m_temporary.c_str());
    }
}

void AtomicFile::write(std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t n = ::write(m_fd, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw Error(fmt::format("{}: cannot write: {}", m_destination.string(), errno_text()));
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
}

void AtomicFile::commit() {
    if (::fsync(m_fd) != 0 || ::close(m_fd) != 0) {
        m_fd = -1;
        throw Error(fmt::format("{}: cannot write: {}", m_destination.string(), errno_text()));
    }
    m_fd = -1;
    if (::rename(m_temporary.c_str(), m_destination.c_str()) != 0) {
        throw Error(fmt::format("{}: cannot replace: {}", m_destination.string(), errno_text()));
    }
    m_temporary.clear();
    // The rename is durable only once the folder itself is on disk.
    fs::path dir = m_destination.parent_path();
    const int dfd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
}

// ---- MapFile ----

MapFile::MapFile(fs::path path, std::optional<Passphrase> passphrase, bool create)
    : m_path(std::move(path)), m_passphrase(std::move(passphrase)) {
    const std::string origin = m_path.string();
    std::error_code ec;
    const auto status = fs::status(m_path, ec);
    m_existed = fs::exists(status);
    if (m_existed) {
        if (fs::is_directory(status)) {
            throw Error(fmt::format("{}: is a folder, not a map", origin));
        }
        std::string bytes = read_whole(m_path);
        if (bytes.empty()) {
            throw Error(fmt::format("{}: the map is empty (not written by promptlint?); remove "
                                    "it to start a new map",
                                    origin));
        }
        if (Sealer::is_sealed(bytes)) {
            if (!m_passphrase) {
                throw Error(fmt::format("{}: the map is encrypted: set PROMPTLINT_MAP_KEY or "
                                        "pass --map-key-file",
                                        origin));
            }
            m_was_sealed = true;
            auto [plain, sealer] = Sealer::open(bytes, *m_passphrase, origin);
            m_sealer = std::move(sealer);
            m_vault = Vault::from_json(plain, origin);
            sodium_memzero(plain.data(), plain.size());
        } else {
            m_vault = Vault::from_json(bytes, origin);
            sodium_memzero(bytes.data(), bytes.size());
        }
    } else if (!create) {
        throw Error(fmt::format("{}: no such map", origin));
    }
    if (m_passphrase && !m_sealer && create) {
        m_sealer = std::make_unique<Sealer>(*m_passphrase);
    }
    if (create) {
        m_pending = std::make_unique<AtomicFile>(m_path, 0600);
    }
}

MapFile::~MapFile() = default;

void MapFile::save() {
    if (!m_pending) {
        m_pending = std::make_unique<AtomicFile>(m_path, 0600);
    }
    std::string plain = m_vault.to_json();
    if (m_sealer) {
        m_pending->write(m_sealer->seal(plain));
    } else {
        m_pending->write(plain);
    }
    sodium_memzero(plain.data(), plain.size());
    m_pending->commit();
    m_pending.reset();
}

bool MapFile::save_if_changed() {
    if (m_vault.added() == 0 && m_existed && m_was_sealed == sealed()) {
        return false;
    }
    save();
    return true;
}

} // namespace promptlint

#pragma once
// The redaction map ("vault"): which placeholder stands for which value, so that a later run
// reuses the same placeholders and `restore` can put the values back. It is the only place
// promptlint ever writes a sensitive value, and only where the user asked (--map FILE): the
// file is created with mode 0600 and replaced atomically (a temporary file in the map's own
// folder, then rename). With a passphrase it is sealed with libsodium: Argon2id derives the
// key, XChaCha20-Poly1305 encrypts and authenticates the whole file.

#include <array>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace promptlint {

struct VaultEntry {
    std::string token; // as written in redacted text, e.g. "[EMAIL_ADDRESS_1]"
    std::string value; // the original bytes (any bytes, not necessarily UTF-8)
    std::string rule;  // the rule that found it first, for people reading the map
};

// Key for the keyed hash of --style hash.
using HashKey = std::array<unsigned char, 32>;

// Placeholders and values in memory; lookups both ways. Values are bytes, compared exactly.
class Vault {
public:
    // An empty vault with a fresh random hash key.
    Vault();

    const VaultEntry* find_value(std::string_view value) const;
    const VaultEntry* find_token(std::string_view token) const;
    // Records a new pair; the token and the value must both be new. Returns the stored entry.
    const VaultEntry& add(std::string token, std::string value, std::string rule);

    // The next free number for placeholders of `type`: above every number the vault holds for
    // it and every number reserved (seen in the input as literal text).
    std::uint64_t next_number(std::string_view type) const;
    void reserve(std::string_view type, std::uint64_t number);

    const std::deque<VaultEntry>& entries() const noexcept { return m_entries; }
    std::size_t added() const noexcept { return m_added; } // entries added since loading
    const HashKey& hash_key() const noexcept { return m_hash_key; }
    void set_hash_key(const HashKey& key) noexcept { m_hash_key = key; }

    // The plain file format (JSON, documented in docs/redact.md). Values that are not valid
    // UTF-8 are stored in base64 so that every byte comes back.
    std::string to_json() const;
    // Throws Error naming `origin` when the text is not a well-formed map.
    static Vault from_json(std::string_view text, const std::string& origin);

private:
    std::deque<VaultEntry> m_entries; // a deque: the views below stay valid as it grows
    std::unordered_map<std::string_view, std::size_t> m_by_value;
    std::unordered_map<std::string_view, std::size_t> m_by_token;
    std::unordered_map<std::string, std::uint64_t> m_next; // type -> next free number
    HashKey m_hash_key{};
    std::size_t m_added = 0;
};

// A passphrase held in memory that is wiped when dropped.
class Passphrase {
public:
    explicit Passphrase(std::string text);
    Passphrase(const Passphrase&) = delete;
    Passphrase& operator=(const Passphrase&) = delete;
    Passphrase(Passphrase&&) noexcept;
    Passphrase& operator=(Passphrase&&) noexcept;
    ~Passphrase();
    std::string_view view() const noexcept { return m_text; }

private:
    std::string m_text;
};

// The passphrase for a sealed map: the contents of `key_file` when given (one trailing line
// break dropped), else PROMPTLINT_MAP_KEY when set; nullopt when neither. Throws Error when
// the file cannot be read or the passphrase is empty.
std::optional<Passphrase> map_passphrase(const std::string& key_file);

// The key for --style hash from a key file: BLAKE2b of its contents (one trailing line break
// dropped), so any file with enough entropy will do. Throws Error.
HashKey hash_key_from_file(const std::string& path);

// Argon2id cost. The defaults follow the OWASP password storage cheat sheet (19 MiB, 2
// passes); they are stored in each sealed file, so a later version can raise them.
struct KdfParams {
    std::uint64_t opslimit = 2;
    std::uint64_t memlimit = 19U << 20U;
};

// Sealing and unsealing one file. Keeps the derived key between load and save so that a run
// pays for Argon2id once.
class Sealer {
public:
    // A fresh salt: for a map that is being sealed for the first time.
    Sealer(const Passphrase& passphrase, KdfParams params = {});
    Sealer(const Sealer&) = delete;
    Sealer& operator=(const Sealer&) = delete;
    ~Sealer();

    static bool is_sealed(std::string_view file_bytes) noexcept;
    // Decrypts a sealed file, remembering its salt and key for seal(). Throws Error (`origin`
    // names the file) on a wrong passphrase, a modified file or an unknown format.
    static std::pair<std::string, std::unique_ptr<Sealer>>
    open(std::string_view file_bytes, const Passphrase& passphrase, const std::string& origin);
    // The sealed file for `plain`, under a fresh random nonce.
    std::string seal(std::string_view plain) const;

private:
    Sealer() = default;
    std::string header() const;

    KdfParams m_params;
    std::array<unsigned char, 16> m_salt{};
    std::array<unsigned char, 32> m_key{};
};

// A file written to a temporary name in its destination's folder and renamed over the
// destination by commit(); dropped without commit, the temporary file is removed. The folder
// is created (mode 0700) when missing. Throws Error.
class AtomicFile {
public:
    // `mode`: the permissions the committed file gets.
    AtomicFile(std::filesystem::path destination, unsigned mode);
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;
    ~AtomicFile();

    void write(std::string_view bytes);
    void commit();
    const std::filesystem::path& destination() const noexcept { return m_destination; }

private:
    std::filesystem::path m_destination;
    std::filesystem::path m_temporary;
    int m_fd = -1;
};

// A map file on disk: loaded once at the start of a run, saved at the end if anything changed.
class MapFile {
public:
    // Reads `path` (must exist unless `create`) and unseals it with `passphrase` when it is
    // sealed. A sealed map without a passphrase, a wrong passphrase, a modified file or a
    // corrupt map throw Error. With `create`, a missing file means an empty vault, and the
    // temporary file for save() is created at once so that an unwritable folder fails before
    // any output is produced.
    MapFile(std::filesystem::path path, std::optional<Passphrase> passphrase, bool create);
    MapFile(const MapFile&) = delete;
    MapFile& operator=(const MapFile&) = delete;
    ~MapFile();

    Vault& vault() noexcept { return m_vault; }
    bool existed() const noexcept { return m_existed; }
    bool sealed() const noexcept { return m_passphrase.has_value(); }
    // Writes the vault (sealed when a passphrase was given) with mode 0600 and renames it over
    // the map. Throws Error.
    void save();
    // save() when there is something to save: new entries, a new map, or a plain map that a
    // passphrase now seals. Returns whether it saved.
    bool save_if_changed();

private:
    std::filesystem::path m_path;
    std::optional<Passphrase> m_passphrase;
    std::unique_ptr<Sealer> m_sealer;
    std::unique_ptr<AtomicFile> m_pending;
    Vault m_vault;
    bool m_existed = false;
    bool m_was_sealed = false;
};

} // namespace promptlint

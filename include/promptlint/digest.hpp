#pragma once
// Content hashes (BLAKE2b from libsodium): the cache key of a compiled rule set, and the
// finding fingerprint that baselines and SARIF use to recognise a finding after edits.

#include <cstddef>
#include <string>
#include <string_view>

namespace promptlint {

// Prepares libsodium once per process; every function here calls it, so callers need not.
void ensure_sodium();

// Hex digest of `data`, `bytes` long before hex encoding (clamped to 16..64).
std::string digest_hex(std::string_view data, std::size_t bytes = 16);

// "v1:" + 32 hex digits of BLAKE2b over rule id, path and value. Line numbers are left out on
// purpose, so that editing lines above a finding does not change it. A keyed hash of a
// low-entropy value can still be guessed by brute force; the fingerprint only ever leaves the
// machine in reports the user chooses to publish.
std::string fingerprint(std::string_view rule_id, std::string_view path, std::string_view value);

} // namespace promptlint

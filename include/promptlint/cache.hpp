#pragma once
// A small on-disk cache of named blobs (the serialized Hyperscan database). Entries are written
// atomically (unique temp file + rename, mode 0600) and carry a checksum, so concurrent runs
// never see a torn file and a corrupt, truncated or foreign entry reads as a miss, never as data.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace promptlint::cache {

// The blob stored under `key` in `dir`, if it is present and intact.
std::optional<std::string> load(const std::filesystem::path& dir, std::string_view key);

// Stores `blob` under `key`; returns false (and leaves no partial file) when it cannot.
bool store(const std::filesystem::path& dir, std::string_view key, std::string_view blob);

} // namespace promptlint::cache

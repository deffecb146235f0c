#pragma once
// Part of the decode stage: the view of a text that matching sees, so that a value spelled to
// dodge a scanner is still found. Full-width forms become ASCII, Unicode spaces a space, Unicode
// dashes '-', invisible format characters (zero-width, soft hyphen, bidi controls) disappear,
// and Cyrillic/Greek letters that look Latin become Latin inside tokens that also hold ASCII
// letters, digits or '@' (a pure Cyrillic or Greek word is left alone).
//
// Findings must still point at the original bytes, so the view carries a map back. It is
// sparse (one entry per changed character), and pure ASCII input, or input where nothing needs
// to change, costs one read and no copy at all: that is the common case the throughput targets
// are measured on. Invalid UTF-8 passes through byte for byte.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace promptlint {

class Normalizer {
public:
    // Builds the view of `input`. Returns false, with nothing copied, when the view would equal
    // the input; then text() is `input` itself and the maps are the identity. `input` must
    // outlive the use of text() and the maps.
    bool run(std::string_view input);

    bool changed() const noexcept { return m_changed; }
    std::string_view text() const noexcept {
        return m_changed ? std::string_view(m_text) : m_input;
    }

    // Maps a half-open span [start, end) of text() back to the input: the start goes to the first
    // byte of the character that produced text()[start], the end to just past the last byte of
    // the character that produced text()[end - 1]. Invisible characters removed from inside
    // the span are inside the mapped span; those before or after it are not.
    std::size_t original_start(std::size_t start) const noexcept;
    std::size_t original_end(std::size_t end) const noexcept;

private:
    // One changed character: text()[norm, norm + norm_len) came from
    // input[orig, orig + orig_len). norm_len is 0 for a removed character. Bytes between edits
    // are copied unchanged.
    struct Edit {
        std::size_t norm;
        std::size_t orig;
        std::uint32_t norm_len;
        std::uint32_t orig_len;
    };
    const Edit* edit_at_or_before(std::size_t norm) const noexcept;
    std::size_t identity_delta(const Edit* e) const noexcept;

    std::string_view m_input;
    std::string m_text;
    std::vector<Edit> m_edits;
    bool m_changed = false;
};

// The offset of the first byte of `bytes` that is 0x80 or above, or npos. Reads a word at a
// time: this guards the fast path.
std::size_t first_non_ascii(std::string_view bytes) noexcept;
bool has_non_ascii(std::string_view bytes) noexcept;

} // namespace promptlint

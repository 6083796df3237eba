// Small UTF-8 helpers shared by the plain-text reader and writer: decoding
// one code point, character classes (Han, CJK punctuation, white space) and
// display width. All hand-written scanning, linear in the input.
#pragma once

#include "utf8.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace copydesk::plaintext {

char32_t next_cp_multibyte(std::string_view s, std::size_t& i);

// Decodes the code point at s[i] and advances i; malformed bytes yield
// U+FFFD and advance one byte (input is validated UTF-8 by then anyway).
// Inline: it is called for nearly every character the reader looks at.
inline char32_t next_cp(std::string_view s, std::size_t& i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
        ++i;
        return c;
    }
    return next_cp_multibyte(s, i);
}
// The code point that ends at s[end) and its start offset.
char32_t prev_cp(std::string_view s, std::size_t end, std::size_t* start = nullptr);
inline void append_utf8(std::string& out, char32_t cp) { utf8::append(out, cp); }

// CJK unified ideographs (incl. ext. A, compatibility)
inline bool is_han(char32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0x20000 && c <= 0x3134F) || c == 0x3007;
}
bool is_kana(char32_t c);
bool is_cjk_punct(char32_t c);      // 。，、；：？！“”《》（）【】… and full-width forms
bool is_cjk(char32_t c);            // han, kana, hangul or CJK punctuation: no space when joining
bool is_latin_letter(char32_t c);
// Horizontal white space that may indent a line or separate fields:
// space, tab, U+3000, NBSP and the other Unicode spaces.
inline bool is_hspace(char32_t c) {
    if (c < 0x80) return c == ' ' || c == '\t' || c == 0x0B || c == 0x0C;
    return c == 0x3000 || c == 0xA0 || (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F || c == 0xFEFF;
}
// Whether a character starting with byte b can be horizontal white space:
// ASCII blanks, or the lead bytes of U+00A0 (C2), U+2000.. (E2), U+3000 (E3), U+FEFF (EF).
inline bool may_be_hspace_lead(unsigned char b) {
    return b == ' ' || b == '\t' || b == 0x0B || b == 0x0C || b == 0xC2 || b == 0xE2 || b == 0xE3 || b == 0xEF;
}

// Columns a string takes in a monospaced terminal (CJK wide = 2, tab = 4).
std::size_t display_width(std::string_view s);

// Number of code points (bytes that are not UTF-8 continuation bytes).
std::size_t cp_count(std::string_view s);
// Offset of the first space or tab in s at or after `from`, or s.size().
std::size_t find_blank(std::string_view s, std::size_t from = 0);

std::string_view trim(std::string_view s);
std::string_view trim_left(std::string_view s);
std::string_view trim_right(std::string_view s);

bool starts_with(std::string_view s, std::string_view p);
bool ends_with(std::string_view s, std::string_view p);

// Script counts for language detection.
struct ScriptCounts {
    std::size_t han = 0, kana = 0, hangul = 0, latin = 0;
    void add(std::string_view s);
    // The same counts for text known to be valid UTF-8 (the reader's decoded
    // text), eight bytes at a time: every character is classified by its lead byte.
    void add_valid_utf8(std::string_view s);
};

}  // namespace copydesk::plaintext

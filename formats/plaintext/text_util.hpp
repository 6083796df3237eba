// Small UTF-8 helpers shared by the plain-text reader and writer: decoding
// one code point, character classes (Han, CJK punctuation, white space) and
// display width. All hand-written scanning, linear in the input.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace copydesk::plaintext {

// Decodes the code point at s[i] and advances i; malformed bytes yield
// U+FFFD and advance one byte (input is validated UTF-8 by then anyway).
char32_t next_cp(std::string_view s, std::size_t& i);
// The code point that ends at s[end) and its start offset.
char32_t prev_cp(std::string_view s, std::size_t end, std::size_t* start = nullptr);
void append_utf8(std::string& out, char32_t cp);

bool is_han(char32_t c);            // CJK unified ideographs (incl. ext. A, compatibility)
bool is_kana(char32_t c);
bool is_cjk_punct(char32_t c);      // 。，、；：？！“”《》（）【】… and full-width forms
bool is_cjk(char32_t c);            // han, kana, hangul or CJK punctuation: no space when joining
bool is_latin_letter(char32_t c);
// Horizontal white space that may indent a line or separate fields:
// space, tab, U+3000, NBSP and the other Unicode spaces.
bool is_hspace(char32_t c);

// Columns a string takes in a monospaced terminal (CJK wide = 2, tab = 4).
std::size_t display_width(std::string_view s);

std::string_view trim(std::string_view s);
std::string_view trim_left(std::string_view s);
std::string_view trim_right(std::string_view s);

bool starts_with(std::string_view s, std::string_view p);
bool ends_with(std::string_view s, std::string_view p);

// Script counts for language detection.
struct ScriptCounts {
    std::size_t han = 0, kana = 0, hangul = 0, latin = 0;
    void add(std::string_view s);
};

}  // namespace copydesk::plaintext

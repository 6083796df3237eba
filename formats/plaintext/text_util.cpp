#include "plaintext/text_util.hpp"

namespace copydesk::plaintext {

char32_t next_cp(std::string_view s, std::size_t& i) {
    auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = b(i);
    if (c < 0x80) {
        ++i;
        return c;
    }
    int n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : -1;
    if (n < 0 || i + static_cast<std::size_t>(n) >= s.size()) {
        ++i;
        return 0xFFFD;
    }
    char32_t cp = c & (0x3F >> n);
    for (int k = 1; k <= n; ++k) {
        unsigned char cc = b(i + static_cast<std::size_t>(k));
        if ((cc & 0xC0) != 0x80) {
            ++i;
            return 0xFFFD;
        }
        cp = (cp << 6) | (cc & 0x3F);
    }
    i += static_cast<std::size_t>(n) + 1;
    return cp;
}

char32_t prev_cp(std::string_view s, std::size_t end, std::size_t* start) {
    if (end == 0) {
        if (start) *start = 0;
        return 0;
    }
    std::size_t j = end - 1;
    int back = 0;
    while (j > 0 && back < 3 && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) {
        --j;
        ++back;
    }
    std::size_t k = j;
    char32_t cp = next_cp(s, k);
    if (k != end) {  // malformed: treat the last byte alone
        j = end - 1;
        cp = 0xFFFD;
    }
    if (start) *start = j;
    return cp;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

bool is_han(char32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0x20000 && c <= 0x3134F) || c == 0x3007;
}

bool is_kana(char32_t c) { return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF); }

static bool is_hangul(char32_t c) { return (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x1100 && c <= 0x11FF); }

bool is_cjk_punct(char32_t c) {
    return (c >= 0x3001 && c <= 0x303F) ||  // 、。〃〈〉《》「」『』【】〔〕…
           (c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) ||
           (c >= 0xFF5B && c <= 0xFF65) || c == 0x2014 || c == 0x2026 || c == 0x201C || c == 0x201D ||
           c == 0x2018 || c == 0x2019 || c == 0x00B7 || c == 0x30FB;
}

bool is_cjk(char32_t c) {
    return is_han(c) || is_kana(c) || is_hangul(c) || is_cjk_punct(c) || (c >= 0xFF10 && c <= 0xFF19) ||
           (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A);
}

bool is_latin_letter(char32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

bool is_hspace(char32_t c) {
    return c == ' ' || c == '\t' || c == 0x3000 || c == 0xA0 || c == 0x0B || c == 0x0C ||
           (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F || c == 0xFEFF;
}

std::size_t display_width(std::string_view s) {
    // By lead byte, without decoding: U+3000 and up (CJK, kana, hangul,
    // full-width forms) are the three-byte sequences from 0xE3 on, and wide.
    std::size_t w = 0;
    for (char ch : s) {
        unsigned char b = static_cast<unsigned char>(ch);
        if (b < 0x80) w += b == '\t' ? 4 : 1;
        else if (b >= 0xE3) w += 2;
        else if (b >= 0xC0) w += 1;
    }
    return w;
}

std::string_view trim_left(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t j = i;
        if (!is_hspace(next_cp(s, j))) break;
        i = j;
    }
    return s.substr(i);
}

std::string_view trim_right(std::string_view s) {
    std::size_t end = s.size();
    while (end > 0) {
        std::size_t start = 0;
        if (!is_hspace(prev_cp(s, end, &start))) break;
        end = start;
    }
    return s.substr(0, end);
}

std::string_view trim(std::string_view s) { return trim_right(trim_left(s)); }

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
    return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

void ScriptCounts::add(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        unsigned char b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) {  // fast path for ASCII
            if ((b | 0x20) >= 'a' && (b | 0x20) <= 'z') ++latin;
            ++i;
            continue;
        }
        char32_t c = next_cp(s, i);
        if (is_han(c)) ++han;
        else if (is_kana(c)) ++kana;
        else if (is_hangul(c)) ++hangul;
        else if (is_latin_letter(c)) ++latin;
    }
}

}  // namespace copydesk::plaintext

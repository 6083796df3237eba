#include "plaintext/text_util.hpp"

#include <cstdint>

namespace copydesk::plaintext {

char32_t next_cp_multibyte(std::string_view s, std::size_t& i) {
    auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = b(i);
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

namespace {

// Eight bytes at a time ("SIMD within a register"): these scans run over
// every byte of every article, so they are worth the bit tricks.
constexpr std::uint64_t kOnes = 0x0101010101010101ull;
constexpr std::uint64_t kHigh = 0x8080808080808080ull;
constexpr std::uint64_t kLow7 = 0x7F7F7F7F7F7F7F7Full;

inline std::uint64_t load8(const char* p) {
    std::uint64_t w;
    __builtin_memcpy(&w, p, 8);
    return w;
}
// Number of bytes whose bit 7 is set in `m` (a mask with only bits 7 used).
inline std::size_t count_high(std::uint64_t m) { return static_cast<std::size_t>(((m >> 7) * kOnes) >> 56); }
// Bit 7 set in each byte of w equal to zero (exact, no false positives).
inline std::uint64_t zero_bytes(std::uint64_t w) { return ~(((w & kLow7) + kLow7) | w | kLow7); }

inline std::size_t width_of_byte(unsigned char b) {
    return static_cast<std::size_t>(b < 0x80) + 3 * static_cast<std::size_t>(b == '\t') +
           static_cast<std::size_t>(b >= 0xC0) + static_cast<std::size_t>(b >= 0xE3);
}

}  // namespace

std::size_t display_width(std::string_view s) {
    // By lead byte, without decoding: U+3000 and up (CJK, kana, hangul,
    // full-width forms) are the three-byte sequences from 0xE3 on, and wide.
    // ASCII 1 (tab 4), other lead bytes 1, continuation bytes 0.
    std::size_t w = 0, i = 0;
    const char* p = s.data();
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t x = load8(p + i);
        std::size_t ascii = count_high(~x & kHigh);
        std::size_t lead = count_high(x & (x << 1) & kHigh);  // 11xxxxxx
        // Bytes above 0xE2: bit 7 set and low seven bits + 0x1D carry into bit 7.
        std::size_t wide = count_high(((x & kLow7) + 0x1D * kOnes) & x & kHigh);
        std::size_t tabs = count_high(zero_bytes(x ^ (0x09 * kOnes)));
        w += ascii + lead + wide + 3 * tabs;
    }
    for (; i < s.size(); ++i) w += width_of_byte(static_cast<unsigned char>(p[i]));
    return w;
}

std::size_t cp_count(std::string_view s) {
    std::size_t n = 0, i = 0;
    const char* p = s.data();
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t x = load8(p + i);
        // Continuation bytes are 10xxxxxx: bit 7 set, bit 6 clear.
        n += 8 - count_high(x & ~(x << 1) & kHigh);
    }
    for (; i < s.size(); ++i) n += (static_cast<unsigned char>(p[i]) & 0xC0) != 0x80;
    return n;
}

std::size_t find_blank(std::string_view s, std::size_t from) {
    std::size_t i = from;
    const char* p = s.data();
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t x = load8(p + i);
        std::uint64_t m = zero_bytes(x ^ (0x20 * kOnes)) | zero_bytes(x ^ (0x09 * kOnes));
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        if (m) return i + static_cast<std::size_t>(__builtin_clzll(m)) / 8;
#else
        if (m) return i + static_cast<std::size_t>(__builtin_ctzll(m)) / 8;
#endif
    }
    for (; i < s.size(); ++i)
        if (p[i] == ' ' || p[i] == '\t') return i;
    return s.size();
}

std::string_view trim_left(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size() && may_be_hspace_lead(static_cast<unsigned char>(s[i]))) {
        std::size_t j = i;
        if (!is_hspace(next_cp(s, j))) break;
        i = j;
    }
    return s.substr(i);
}

std::string_view trim_right(std::string_view s) {
    std::size_t end = s.size();
    while (end > 0) {
        unsigned char last = static_cast<unsigned char>(s[end - 1]);
        // Every space ends in an ASCII blank or a continuation byte.
        if (last >= 0x80 ? last >= 0xC0 : !may_be_hspace_lead(last)) break;
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
    const std::size_t n = s.size();
    while (i < n) {
        unsigned char b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) {  // fast path for ASCII
            latin += ((b | 0x20) >= 'a' && (b | 0x20) <= 'z');
            ++i;
            continue;
        }
        // Fast path for the three-byte sequences of most CJK text: leads E4..E9
        // are U+4000..U+9FFF, all Han but for U+4DC0..U+4DFF (E4 B7 xx).
        if (b >= 0xE4 && b <= 0xE9 && i + 2 < n) {
            unsigned char c1 = static_cast<unsigned char>(s[i + 1]), c2 = static_cast<unsigned char>(s[i + 2]);
            if ((c1 & 0xC0) == 0x80 && (c2 & 0xC0) == 0x80) {
                han += !(b == 0xE4 && c1 == 0xB7);
                i += 3;
                continue;
            }
        }
        char32_t c = next_cp(s, i);
        if (is_han(c)) ++han;
        else if (is_kana(c)) ++kana;
        else if (is_hangul(c)) ++hangul;
        else if (is_latin_letter(c)) ++latin;
    }
}

void ScriptCounts::add_valid_utf8(std::string_view s) {
    const char* p = s.data();
    const std::size_t n = s.size();
    // One character starting at p[j] (a lead byte other than E5..E9, or ASCII).
    auto one = [&](std::size_t j) {
        unsigned char b = static_cast<unsigned char>(p[j]);
        if (b < 0x80) {
            latin += ((b | 0x20) >= 'a' && (b | 0x20) <= 'z');
            return;
        }
        if (b == 0xE2) return;  // U+2000..U+2FFF: punctuation and symbols
        unsigned char b1 = j + 1 < n ? static_cast<unsigned char>(p[j + 1]) : 0;
        if (b == 0xE4) {  // U+4000..U+4FFF: Han but for U+4DC0..U+4DFF
            han += b1 != 0xB7;
            return;
        }
        if (b == 0xEF && (b1 < 0xA4 || b1 > 0xAB)) return;  // U+F000..U+FFFF but U+F900..U+FAFF: full-width forms
        if (b == 0xE3 && b1 == 0x80 && (j + 2 >= n || p[j + 2] != '\x87'))
            return;  // U+3000..U+303F, CJK punctuation (U+3007 〇 is Han)
        char32_t c = next_cp(s, j);
        if (is_han(c)) ++han;
        else if (is_kana(c)) ++kana;
        else if (is_hangul(c)) ++hangul;
        else if (is_latin_letter(c)) ++latin;
    };
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        std::uint64_t x = load8(p + i);
        std::uint64_t low = x & kLow7, hi = x & kHigh;
        // ASCII letters: (b | 0x20) in 0x61..0x7A.
        std::uint64_t y = low | (0x20 * kOnes);
        std::uint64_t letters = ((y + 0x1F * kOnes) & ~(y + 0x05 * kOnes)) & ~hi & kHigh;
        latin += count_high(letters);
        // Leads E5..E9 (U+5000..U+9FFF): Han. Low seven bits 0x65..0x69.
        std::uint64_t han_lead = hi & (low + 0x1B * kOnes) & ~(low + 0x16 * kOnes) & kHigh;
        han += count_high(han_lead);
        std::uint64_t other_lead = x & (x << 1) & kHigh & ~han_lead;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        if (other_lead)
            for (std::size_t k = 0; k < 8; ++k) {
                unsigned char b = static_cast<unsigned char>(p[i + k]);
                if (b >= 0xC0 && !(b >= 0xE5 && b <= 0xE9)) one(i + k);
            }
#else
        for (; other_lead; other_lead &= other_lead - 1)
            one(i + static_cast<std::size_t>(__builtin_ctzll(other_lead)) / 8);
#endif
    }
    for (; i < n; ++i) {
        unsigned char b = static_cast<unsigned char>(p[i]);
        if (b >= 0xE5 && b <= 0xE9) ++han;
        else if (b < 0x80 || b >= 0xC0) one(i);
    }
}

}  // namespace copydesk::plaintext

#include "plaintext/encoding.hpp"

#include <optional>
#include <iconv.h>

#include <cerrno>
#include <cstdint>
#include <fmt/format.h>

#include "binary_kind.hpp"
#include "copydesk/errors.hpp"
#include "plaintext/text_util.hpp"

namespace copydesk::plaintext {

namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 if malformed
// (overlong forms, surrogates and code points past U+10FFFF are malformed).
std::size_t utf8_seq(std::string_view s, std::size_t i) {
    auto b = [&](std::size_t k) -> unsigned { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u; };
    unsigned c = b(i);
    if (c < 0x80) return 1;
    auto cont = [&](std::size_t k) { return (b(k) & 0xC0) == 0x80; };
    if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        unsigned c1 = b(i + 1);
        if (c == 0xE0 && c1 < 0xA0) return 0;
        if (c == 0xED && c1 > 0x9F) return 0;
        return cont(i + 1) && cont(i + 2) ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        unsigned c1 = b(i + 1);
        if (c == 0xF0 && c1 < 0x90) return 0;
        if (c == 0xF4 && c1 > 0x8F) return 0;
        return cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 0;
    }
    return 0;
}

std::string utf8_with_replacement(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t n = utf8_seq(s, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else {
            out.append(s.data() + i, n);
            i += n;
        }
    }
    return out;
}

// UTF-16 to UTF-8; unpaired surrogates and a trailing odd byte become U+FFFD.
std::string from_utf16(std::string_view s, bool big_endian, std::size_t& bad) {
    std::string out;
    out.reserve(s.size() * 3 / 2);
    auto unit = [&](std::size_t k) -> char32_t {
        unsigned a = static_cast<unsigned char>(s[k]), b = static_cast<unsigned char>(s[k + 1]);
        return big_endian ? (a << 8 | b) : (b << 8 | a);
    };
    std::size_t i = 0;
    while (i + 1 < s.size()) {
        char32_t u = unit(i);
        i += 2;
        if (u >= 0xD800 && u <= 0xDBFF && i + 1 < s.size()) {
            char32_t lo = unit(i);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                i += 2;
                append_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
                continue;
            }
        }
        if (u >= 0xD800 && u <= 0xDFFF) {
            ++bad;
            u = 0xFFFD;
        }
        append_utf8(out, u);
    }
    if (i < s.size()) {
        ++bad;
        append_utf8(out, 0xFFFD);
    }
    return out;
}

bool from_gb18030(std::string_view s, std::string& out) { return iconv_to_utf8(s, "GB18030", out); }

}  // namespace

bool iconv_to_utf8(std::string_view s, const char* charset, std::string& out, std::size_t* consumed) {
    iconv_t cd = iconv_open("UTF-8", charset);
    if (cd == reinterpret_cast<iconv_t>(-1)) return false;
    out.assign(s.size() * 2 + 16, '\0');
    char* in = const_cast<char*>(s.data());  // iconv's signature is not const-correct
    std::size_t in_left = s.size();
    std::size_t used = 0;
    bool ok = true;
    while (in_left > 0) {
        char* dst = out.data() + used;
        std::size_t dst_left = out.size() - used;
        std::size_t r = iconv(cd, &in, &in_left, &dst, &dst_left);
        used = out.size() - dst_left;
        if (r != static_cast<std::size_t>(-1)) break;
        if (errno == E2BIG) {
            out.resize(out.size() * 2);
            continue;
        }
        ok = false;  // EILSEQ or EINVAL (truncated sequence)
        break;
    }
    iconv_close(cd);
    out.resize(used);
    if (consumed) *consumed = s.size() - in_left;
    return ok;
}

namespace {

// C0 controls that no text holds in UTF-8 or an 8-bit encoding: all but
// tab, LF, VT, FF, CR, SUB (a DOS end of file) and ESC (terminal colours).
bool is_control_byte(unsigned char c) {
    return c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r' && c != 0x1A && c != 0x1B;
}

std::size_t count_control_bytes(std::string_view s) {
    const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t count = 0, i = 0;
    // Eight bytes at a time: a word with no byte below 0x20 (most of a text) is skipped.
    for (; i + 8 <= n; i += 8) {
        std::uint64_t w;
        __builtin_memcpy(&w, p + i, 8);
        if (((w - 0x2020202020202020ull) & ~w & 0x8080808080808080ull) == 0) continue;
        for (std::size_t k = i; k < i + 8; ++k) count += is_control_byte(p[k]);
    }
    for (; i < n; ++i) count += is_control_byte(p[i]);
    return count;
}

// Malformed sequences by GB18030's byte structure: 81–FE lead bytes take a
// 40–7E/80–FE trail, or 30–39, 81–FE, 30–39 (four bytes); 80 and FF never lead.
std::size_t count_invalid_gb18030(std::string_view s) {
    auto b = [&](std::size_t k) -> unsigned { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u; };
    std::size_t bad = 0, i = 0;
    while (i < s.size()) {
        const unsigned c = b(i);
        if (c < 0x80) {
            ++i;
            continue;
        }
        const unsigned c1 = b(i + 1);
        if (c != 0x80 && c != 0xFF) {
            if (c1 >= 0x40 && c1 <= 0xFE && c1 != 0x7F) {
                i += 2;
                continue;
            }
            if (c1 >= 0x30 && c1 <= 0x39 && b(i + 2) >= 0x81 && b(i + 2) <= 0xFE && b(i + 3) >= 0x30 && b(i + 3) <= 0x39) {
                i += 4;
                continue;
            }
        }
        ++bad;
        ++i;
    }
    return bad;
}

// Binary data is refused rather than read as mojibake. NUL and the other C0
// controls: a few are stray bytes in a text, a share of 1 % (8 at least) is
// not a text outside UTF-16 (checked before this).
void refuse_control_bytes(std::string_view data, const Location& where) {
    const std::size_t controls = count_control_bytes(data);
    if (controls >= 8 && controls * 100 >= data.size())
        throw UnsupportedFormatError(fmt::format("the input is not text: {} of its {} bytes are control characters "
                                                 "such as NUL, which no text holds outside UTF-16",
                                                 controls, data.size()),
                                     where);
}

}  // namespace

std::size_t count_invalid_utf8(std::string_view s, std::size_t* multibyte, std::size_t limit) {
    std::size_t bad = 0, multi = 0, i = 0;
    const std::size_t n = s.size();
    const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
    while (i < n) {
        // Fast path: skip ASCII eight bytes at a time.
        while (i + 8 <= n) {
            std::uint64_t w;
            __builtin_memcpy(&w, p + i, 8);
            if (w & 0x8080808080808080ull) break;
            i += 8;
        }
        if (i >= n) break;
        unsigned c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        // Fast path: runs of the three-byte sequences of CJK text, E1..EC and
        // EE..EF leads (E0 and ED have narrower second-byte ranges: the slow path).
        if (c >= 0xE1 && c <= 0xEF && c != 0xED) {
            std::size_t start = i;
            while (i + 2 < n) {
                unsigned l = p[i];
                if (l < 0xE1 || l > 0xEF || l == 0xED || (p[i + 1] & 0xC0) != 0x80 || (p[i + 2] & 0xC0) != 0x80)
                    break;
                i += 3;
            }
            if (i != start) {
                multi += (i - start) / 3;
                continue;
            }
        }
        std::size_t len = utf8_seq(s, i);
        if (len == 0) {
            if (++bad >= limit) break;
            ++i;
        } else {
            if (len > 1) ++multi;
            i += len;
        }
    }
    if (multibyte) *multibyte = multi;
    return bad;
}

// Whether a decoded UTF-16 code unit is one a text file plausibly holds.
bool plausible_unit(char32_t u) {
    return (u >= 0x20 && u < 0x7F) || u == '\n' || u == '\r' || u == '\t' || (u >= 0xA0 && u < 0x2000) ||
           (u >= 0x2000 && u < 0x2070) || (u >= 0x3000 && u < 0xA000) || (u >= 0xAC00 && u < 0xD7A4) ||
           (u >= 0xFF00 && u < 0xFFF0) || (u >= 0xD800 && u < 0xE000);
}

// UTF-16 without a BOM. Text in any 8-bit encoding has no NUL bytes; UTF-16
// has one in every ASCII character (line ends included), on the same side of
// the code unit. Taken only when nine in ten NULs sit on one side and nearly
// every code unit is one a text would hold. Returns big-endian-ness.
std::optional<bool> sniff_bomless_utf16(std::string_view data) {
    if (data.size() < 4 || data.size() % 2 != 0) return std::nullopt;
    std::size_t even = 0, odd = 0;
    for (std::size_t i = 0; i < data.size(); ++i)
        if (data[i] == '\0') ++(i % 2 ? odd : even);
    // A few NULs on the other side are characters such as U+4E00 (一).
    if (even + odd < 2 || (even * 10 > odd && odd * 10 > even)) return std::nullopt;
    const bool be = even > odd;
    std::size_t good = 0;
    const std::size_t units = data.size() / 2;
    for (std::size_t i = 0; i < data.size(); i += 2) {
        const unsigned a = static_cast<unsigned char>(data[i]), b = static_cast<unsigned char>(data[i + 1]);
        const char32_t u = be ? (a << 8 | b) : (b << 8 | a);
        if (u != 0 && plausible_unit(u)) ++good;
    }
    if (good * 100 < units * 98) return std::nullopt;
    return be;
}

Decoded decode(std::string_view data, DiagnosticSink& diags, const Location& where) {
    if (auto what = copydesk::detail::binary_signature(data)) copydesk::detail::throw_not_text(*what, where.file);
    Decoded d;
    if (auto be = sniff_bomless_utf16(data)) {
        std::size_t bad = 0;
        d.text = from_utf16(data, *be, bad);
        d.encoding = *be ? "UTF-16BE (no BOM)" : "UTF-16LE (no BOM)";
        if (bad)
            diags.warn("plain.invalid-bytes", fmt::format("{} malformed UTF-16 code unit(s) replaced by U+FFFD", bad),
                       where);
        return d;
    }
    auto u = [&](std::size_t k) { return static_cast<unsigned char>(data[k]); };
    if (data.size() >= 2 && ((u(0) == 0xFF && u(1) == 0xFE) || (u(0) == 0xFE && u(1) == 0xFF))) {
        bool be = u(0) == 0xFE;
        std::size_t bad = 0;
        d.text = from_utf16(data.substr(2), be, bad);
        d.encoding = be ? "UTF-16BE (BOM)" : "UTF-16LE (BOM)";
        if (bad)
            diags.warn("plain.invalid-bytes", fmt::format("{} malformed UTF-16 code unit(s) replaced by U+FFFD", bad),
                       where);
        return d;
    }
    refuse_control_bytes(data, where);
    bool bom = data.size() >= 3 && u(0) == 0xEF && u(1) == 0xBB && u(2) == 0xBF;
    std::string_view body = bom ? data.substr(3) : data;
    std::size_t multi = 0;
    std::size_t bad = count_invalid_utf8(body, &multi);
    if (bad == 0) {
        d.text.assign(body);
        d.encoding = bom ? "UTF-8 (BOM)" : "UTF-8";
        return d;
    }
    // A few bad bytes in otherwise clearly UTF-8 text (a truncated crawl) are
    // damage, not another encoding.
    if (bom || (multi >= 16 && bad * 100 <= multi)) {
        d.text = utf8_with_replacement(body);
        d.encoding = bom ? "UTF-8 (BOM)" : "UTF-8";
        diags.warn("plain.invalid-bytes", fmt::format("{} malformed UTF-8 sequence(s) replaced by U+FFFD", bad), where);
        return d;
    }
    if (from_gb18030(body, d.text)) {
        d.encoding = "GB18030";
        return d;
    }
    // Invalid in every encoding we read, and not a little (a Latin-1 text
    // with a few accents is read with U+FFFD and a warning, as before).
    if (const std::size_t bad_gb = count_invalid_gb18030(body); bad * 10 >= body.size() && bad_gb * 20 >= body.size())
        throw UnsupportedFormatError(fmt::format("the input is not text in UTF-8, UTF-16 or GB18030: of its {} bytes, "
                                                 "{} are invalid UTF-8 and {} invalid GB18030; if it is text in "
                                                 "another encoding, convert it to UTF-8 first",
                                                 body.size(), bad, bad_gb),
                                     where);
    d.text = utf8_with_replacement(body);
    d.encoding = "UTF-8";
    diags.warn("plain.invalid-bytes",
               fmt::format("input is neither UTF-8 nor GB18030; {} malformed sequence(s) replaced by U+FFFD", bad),
               where);
    return d;
}

}  // namespace copydesk::plaintext

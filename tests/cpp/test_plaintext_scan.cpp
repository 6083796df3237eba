// The plain-text scanners that work eight bytes at a time (display width,
// code point count, blank search, UTF-8 validation, script counts) against
// plain byte-by-byte references, on random mixes of ASCII, CJK, spaces, tabs,
// 2- and 4-byte characters and broken bytes, at every length and alignment.
#include <random>

#include "plaintext/encoding.hpp"
#include "plaintext/text_util.hpp"
#include "test_support.hpp"

using namespace copydesk::plaintext;

namespace {

std::size_t ref_width(std::string_view s) {
    std::size_t w = 0;
    for (char ch : s) {
        auto b = static_cast<unsigned char>(ch);
        if (b == '\t') w += 4;
        else if (b < 0x80) w += 1;
        else if (b >= 0xE3) w += 2;
        else if (b >= 0xC0) w += 1;
    }
    return w;
}

std::size_t ref_cps(std::string_view s) {
    std::size_t n = 0;
    for (char ch : s) n += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
    return n;
}

std::size_t ref_blank(std::string_view s, std::size_t from) {
    for (std::size_t i = from; i < s.size(); ++i)
        if (s[i] == ' ' || s[i] == '\t') return i;
    return s.size();
}

// RFC 3629 well-formed sequences, byte by byte.
std::size_t ref_invalid(std::string_view s, std::size_t& multi) {
    std::size_t bad = 0, i = 0;
    multi = 0;
    auto at = [&](std::size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u; };
    auto cont = [&](std::size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) { return at(k) >= lo && at(k) <= hi; };
    while (i < s.size()) {
        unsigned c = at(i);
        std::size_t len = 0;
        if (c < 0x80) len = 1;
        else if (c >= 0xC2 && c <= 0xDF) len = cont(i + 1) ? 2 : 0;
        else if (c == 0xE0) len = cont(i + 1, 0xA0) && cont(i + 2) ? 3 : 0;
        else if (c == 0xED) len = cont(i + 1, 0x80, 0x9F) && cont(i + 2) ? 3 : 0;
        else if (c >= 0xE1 && c <= 0xEF) len = cont(i + 1) && cont(i + 2) ? 3 : 0;
        else if (c == 0xF0) len = cont(i + 1, 0x90) && cont(i + 2) && cont(i + 3) ? 4 : 0;
        else if (c == 0xF4) len = cont(i + 1, 0x80, 0x8F) && cont(i + 2) && cont(i + 3) ? 4 : 0;
        else if (c >= 0xF1 && c <= 0xF3) len = cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 0;
        if (len == 0) {
            ++bad;
            ++i;
        } else {
            multi += len > 1;
            i += len;
        }
    }
    return bad;
}

std::string random_text(std::mt19937& rng, std::size_t pieces, bool broken) {
    static const char* const pool[] = {
        "a", "Z", "7", " ", "\t", "[", "@", "\u00a0", "\u00e9", "\u201c", "\u2026", "\u3000", "\u3002", "\u3042",
        "\u3007", "\u3400", "\u4dc0", "\u4e00", "\u4e2d", "\u9fff", "\uac00", "\uf900", "\uff0c", "\uff21", "\u1100", "\u30a2", "\u0100", "\U0001F600", "\U00020000"};
    static const char* const bad[] = {"\x80", "\xe5", "\xe4\xb8", "\xc0\xaf", "\xed\xa0\x80", "\xf5", "\xff", "\xe0\x80\x80"};
    std::string s;
    for (std::size_t k = 0; k < pieces; ++k) {
        if (broken && rng() % 7 == 0) s += bad[rng() % std::size(bad)];
        else s += pool[rng() % std::size(pool)];
    }
    return s;
}

}  // namespace

TEST_CASE("plain scanners: word-at-a-time results equal byte-by-byte references", "[plain][scan]") {
    std::mt19937 rng(20261127);
    for (int round = 0; round < 3000; ++round) {
        std::string s = random_text(rng, rng() % 40, round % 3 == 0);
        for (std::size_t off = 0; off < std::min<std::size_t>(s.size(), 9); ++off) {
            std::string_view v = std::string_view(s).substr(off);
            INFO("round " << round << " offset " << off);
            CHECK(display_width(v) == ref_width(v));
            CHECK(cp_count(v) == ref_cps(v));
            for (std::size_t from = 0; from <= v.size(); from += 3) CHECK(find_blank(v, from) == ref_blank(v, from));
            std::size_t m1 = 0, m2 = 0;
            std::size_t bad = count_invalid_utf8(v, &m1);
            CHECK(bad == ref_invalid(v, m2));
            CHECK(m1 == m2);
            if (bad == 0) {
                ScriptCounts a, b;
                a.add(v);
                b.add_valid_utf8(v);
                CHECK(a.han == b.han);
                CHECK(a.kana == b.kana);
                CHECK(a.hangul == b.hangul);
                CHECK(a.latin == b.latin);
            }
        }
    }
}

TEST_CASE("plain scanners: script counts", "[plain][scan]") {
    ScriptCounts sc;
    sc.add("Hello, 世界! \u4dc0\u3042\uac00 \u00e9t\u00e9 [x]");
    CHECK(sc.han == 2);     // 世界; U+4DC0 (a hexagram) is not Han
    CHECK(sc.kana == 1);
    CHECK(sc.hangul == 1);
    CHECK(sc.latin == 5 + 3 + 1);  // Hello, été, x
    ScriptCounts v;
    v.add_valid_utf8("Hello, 世界! \u4dc0\u3042\uac00 \u00e9t\u00e9 [x]");
    CHECK(v.han == sc.han);
    CHECK(v.kana == sc.kana);
    CHECK(v.hangul == sc.hangul);
    CHECK(v.latin == sc.latin);
}

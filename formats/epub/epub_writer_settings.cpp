// Writer settings (language, script), dates and the deterministic package identifier.
#include <array>
#include <cstdio>
#include <fstream>
#include <iterator>

#include "copydesk/errors.hpp"
#include "copydesk/walk.hpp"
#include "epub/epub_writer.hpp"

namespace copydesk::epub::writer {

Settings make_settings(const Document& doc, const Options& o) {
    Settings s;
    s.language = article::document_language(doc, "en");
    s.script = article::script_for(s.language);
    s.indent_first_line = article::indents_first_line(s.script);
    auto level = o.get_int("compression-level", 6);
    if (level < 0 || level > 9) throw UsageError("option compression-level: expected 0..9");
    s.compression_level = int(level);
    if (std::string path = o.get_string("css"); !path.empty()) {
        std::ifstream in(path, std::ios::binary);
        if (!in) throw IoError("cannot open the stylesheet of option css", Location{path});
        s.user_css.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    return s;
}

std::string effective_title(const Document& doc, const Settings& s) {
    if (!doc.metadata.title.empty()) return doc.metadata.title;
    for (const auto& b : doc.blocks)
        if (b.is<Heading>()) {
            std::string t = stringify(b);
            if (!t.empty()) return t;
        }
    return s.cjk() ? "无标题" : "Untitled";
}

namespace {

// Days from 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
long long days_from_civil(long long y, unsigned m, unsigned d) {
    y -= m <= 2;
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long long>(doe) - 719468;
}

void civil_from_days(long long z, int& y, int& m, int& d) {
    z += 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long long yy = static_cast<long long>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = int(doy - (153 * mp + 2) / 5 + 1);
    m = int(mp < 10 ? mp + 3 : mp - 9);
    y = int(yy + (m <= 2));
}

std::string two(int v) {
    char b[8];
    std::snprintf(b, sizeof b, "%02d", v);
    return b;
}

}  // namespace

std::string modified_value(const Metadata& m) {
    // EPUB needs a last-modified time; an article's date is the closest
    // deterministic one (the same AST gives the same file).
    if (!m.date || m.date->year < 1 || m.date->year > 9999) return "2000-01-01T00:00:00Z";
    const DateTime& d = *m.date;
    int month = d.month > 0 ? d.month : 1, day = d.day > 0 ? d.day : 1;
    long long secs = days_from_civil(d.year, unsigned(month), unsigned(day)) * 86400;
    if (d.has_time()) secs += d.hour * 3600LL + std::max(d.minute, 0) * 60LL + std::max(d.second, 0);
    // A time without a UTC offset is taken as written: it is the best we know.
    if (d.has_time() && d.utc_offset_minutes) secs -= *d.utc_offset_minutes * 60LL;
    long long days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
    long long rem = secs - days * 86400;
    int y = 0, mo = 0, dd = 0;
    civil_from_days(days, y, mo, dd);
    if (y < 1 || y > 9999) return "2000-01-01T00:00:00Z";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, dd, int(rem / 3600), int(rem / 60 % 60),
                  int(rem % 60));
    return buf;
}

std::string dc_date_value(const DateTime& d) {
    if (d.year < 1 || d.year > 9999) return {};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d", d.year);
    std::string out = buf;
    if (d.month < 1) return out;
    out += "-" + two(d.month);
    if (d.day < 1) return out;
    out += "-" + two(d.day);
    // W3CDTF wants a time zone with a time: without one, the date alone.
    if (d.has_time() && d.utc_offset_minutes) {
        out += "T" + two(d.hour) + ":" + two(std::max(d.minute, 0)) + ":" + two(std::max(d.second, 0));
        int off = *d.utc_offset_minutes;
        if (off == 0) {
            out += "Z";
        } else {
            out += off < 0 ? "-" : "+";
            off = off < 0 ? -off : off;
            out += two(off / 60) + ":" + two(off % 60);
        }
    }
    return out;
}

// ------------------------------------------------------------------ SHA-1
std::string sha1(std::string_view data) {
    std::array<std::uint32_t, 5> h{0x67452301u, 0xEFCDAB89u, 0x98BADCFEu, 0x10325476u, 0xC3D2E1F0u};
    auto rol = [](std::uint32_t x, int n) { return (x << n) | (x >> (32 - n)); };
    auto block = [&](const unsigned char* p) {
        std::uint32_t w[80];
        for (int i = 0; i < 16; ++i)
            w[i] = (std::uint32_t(p[4 * i]) << 24) | (std::uint32_t(p[4 * i + 1]) << 16) |
                   (std::uint32_t(p[4 * i + 2]) << 8) | std::uint32_t(p[4 * i + 3]);
        for (int i = 16; i < 80; ++i) w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
        std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
        for (int i = 0; i < 80; ++i) {
            std::uint32_t f, k;
            if (i < 20) f = (b & c) | (~b & d), k = 0x5A827999u;
            else if (i < 40) f = b ^ c ^ d, k = 0x6ED9EBA1u;
            else if (i < 60) f = (b & c) | (b & d) | (c & d), k = 0x8F1BBCDCu;
            else f = b ^ c ^ d, k = 0xCA62C1D6u;
            std::uint32_t t = rol(a, 5) + f + e + k + w[i];
            e = d, d = c, c = rol(b, 30), b = a, a = t;
        }
        h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e;
    };
    const auto* p = reinterpret_cast<const unsigned char*>(data.data());
    std::size_t n = data.size(), i = 0;
    for (; i + 64 <= n; i += 64) block(p + i);
    unsigned char tail[128] = {};
    std::size_t rest = n - i;
    for (std::size_t j = 0; j < rest; ++j) tail[j] = p[i + j];
    tail[rest] = 0x80;
    std::size_t len = rest + 1 + 8 <= 64 ? 64 : 128;
    std::uint64_t bits = std::uint64_t(n) * 8;
    for (int j = 0; j < 8; ++j) tail[len - 1 - std::size_t(j)] = static_cast<unsigned char>(bits >> (8 * j));
    block(tail);
    if (len == 128) block(tail + 64);
    std::string out(20, '\0');
    for (int j = 0; j < 20; ++j) out[std::size_t(j)] = char(h[std::size_t(j / 4)] >> (24 - 8 * (j % 4)));
    return out;
}

std::string uuid_v5(std::string_view name) {
    // Namespace: the URL namespace of RFC 4122 (6ba7b811-...), the name our content digest.
    static const unsigned char kNs[16] = {0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
                                          0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};
    std::string input(reinterpret_cast<const char*>(kNs), 16);
    input += name;
    std::string d = sha1(input);
    d[6] = char((std::uint8_t(d[6]) & 0x0F) | 0x50);
    d[8] = char((std::uint8_t(d[8]) & 0x3F) | 0x80);
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
        out += hex[std::uint8_t(d[std::size_t(i)]) >> 4];
        out += hex[std::uint8_t(d[std::size_t(i)]) & 15];
    }
    return out;
}

}  // namespace copydesk::epub::writer

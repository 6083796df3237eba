// Image sizes from the bytes (PNG, JPEG, GIF) and CSS lengths in EMU.
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "docx/docx_writer.hpp"
#include "docx/ooxml.hpp"

namespace copydesk::docx::writer {

namespace {

std::uint32_t be16(std::string_view d, std::size_t i) {
    return (std::uint32_t(std::uint8_t(d[i])) << 8) | std::uint8_t(d[i + 1]);
}
std::uint32_t be32(std::string_view d, std::size_t i) { return (be16(d, i) << 16) | be16(d, i + 2); }
std::uint32_t le16(std::string_view d, std::size_t i) {
    return std::uint8_t(d[i]) | (std::uint32_t(std::uint8_t(d[i + 1])) << 8);
}

std::optional<PixelSize> checked(std::uint32_t w, std::uint32_t h) {
    if (w == 0 || h == 0 || w > 1000000 || h > 1000000) return std::nullopt;
    return PixelSize{int(w), int(h)};
}

std::optional<PixelSize> jpeg_size(std::string_view d) {
    // Walk the marker segments up to a start-of-frame (SOF0..SOF15 except DHT, JPG, DAC).
    std::size_t i = 2;
    while (i + 4 <= d.size()) {
        if (std::uint8_t(d[i]) != 0xFF) return std::nullopt;
        std::uint8_t marker = std::uint8_t(d[i + 1]);
        if (marker == 0xFF) { ++i; continue; }  // fill byte
        if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { i += 2; continue; }
        std::uint32_t len = be16(d, i + 2);
        if (len < 2) return std::nullopt;
        bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (sof) {
            if (i + 9 > d.size()) return std::nullopt;
            return checked(be16(d, i + 7), be16(d, i + 5));
        }
        i += 2 + len;
    }
    return std::nullopt;
}

}  // namespace

std::optional<PixelSize> image_pixel_size(std::string_view d) {
    if (d.size() >= 24 && d.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8) && d.substr(12, 4) == "IHDR")
        return checked(be32(d, 16), be32(d, 20));
    if (d.size() >= 10 && (d.substr(0, 6) == "GIF87a" || d.substr(0, 6) == "GIF89a"))
        return checked(le16(d, 6), le16(d, 8));
    if (d.size() >= 4 && std::uint8_t(d[0]) == 0xFF && std::uint8_t(d[1]) == 0xD8) return jpeg_size(d);
    return std::nullopt;
}

std::optional<long long> length_to_emu(std::string_view css, long long full_emu) {
    while (!css.empty() && css.front() == ' ') css.remove_prefix(1);
    while (!css.empty() && css.back() == ' ') css.remove_suffix(1);
    if (css.empty()) return std::nullopt;
    std::size_t n = 0;
    while (n < css.size() && ((css[n] >= '0' && css[n] <= '9') || css[n] == '.')) ++n;
    if (n == 0) return std::nullopt;
    double v = 0;
    auto [ptr, ec] = std::from_chars(css.data(), css.data() + n, v);
    if (ec != std::errc() || ptr != css.data() + n || !std::isfinite(v) || v <= 0) return std::nullopt;
    std::string_view unit = css.substr(n);
    double emu;
    if (unit.empty() || unit == "px") emu = v * double(ooxml::kEmuPerPx);
    else if (unit == "pt") emu = v * 12700.0;
    else if (unit == "in") emu = v * 914400.0;
    else if (unit == "cm") emu = v * 360000.0;
    else if (unit == "mm") emu = v * 36000.0;
    else if (unit == "pc") emu = v * 152400.0;
    else if (unit == "%") emu = v / 100.0 * double(full_emu);
    else return std::nullopt;
    if (emu < 1 || emu > 2.0e10) return std::nullopt;
    return std::llround(emu);
}

std::string_view mime_for_extension(std::string_view ext) {
    std::string e;
    for (char c : ext) e += char(c >= 'A' && c <= 'Z' ? c + 32 : c);
    if (e == "png") return "image/png";
    if (e == "jpg" || e == "jpeg" || e == "jpe") return "image/jpeg";
    if (e == "gif") return "image/gif";
    if (e == "bmp") return "image/bmp";
    if (e == "tif" || e == "tiff") return "image/tiff";
    if (e == "svg") return "image/svg+xml";
    if (e == "emf") return "image/x-emf";
    if (e == "wmf") return "image/x-wmf";
    if (e == "webp") return "image/webp";
    return "application/octet-stream";
}

}  // namespace copydesk::docx::writer

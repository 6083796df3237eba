#include "binary_kind.hpp"

#include <fmt/format.h>

#include "copydesk/errors.hpp"

namespace copydesk::detail {

namespace {

struct Magic {
    std::string_view bytes;
    const char* what;
};

using namespace std::string_view_literals;

// Signatures at offset 0. Each is at least four bytes or holds bytes no text
// starts with, so an article cannot match one by chance.
constexpr Magic kMagic[] = {
    {"%PDF-"sv, "a PDF document"},
    {"\x89PNG\r\n\x1A\n"sv, "a PNG image"},
    {"\xFF\xD8\xFF"sv, "a JPEG image"},
    {"GIF87a"sv, "a GIF image"},
    {"GIF89a"sv, "a GIF image"},
    {"\x1F\x8B\x08"sv, "gzip-compressed data"},
    {"\xFD" "7zXZ\0"sv, "xz-compressed data"},
    {"7z\xBC\xAF\x27\x1C"sv, "a 7-Zip archive"},
    {"Rar!\x1A\x07"sv, "a RAR archive"},
    {"\x28\xB5\x2F\xFD"sv, "zstd-compressed data"},
    {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"sv, "an OLE compound file (a legacy Word .doc, Excel .xls or similar)"},
    {"\x7F" "ELF"sv, "an executable (ELF)"},
    {"II*\0"sv, "a TIFF image"},
    {"MM\0*"sv, "a TIFF image"},
};

bool starts(std::string_view d, std::string_view magic) { return d.substr(0, magic.size()) == magic; }

std::optional<std::string> zip_kind(std::string_view d) {
    if (!starts(d, "PK\x03\x04"sv) && !starts(d, "PK\x05\x06"sv) && !starts(d, "PK\x07\x08"sv)) return std::nullopt;
    // The first entries' names and the EPUB mimetype are stored uncompressed near the start.
    std::string_view head = d.substr(0, 4096);
    auto has = [&](std::string_view s) { return head.find(s) != std::string_view::npos; };
    if (has("application/epub+zip")) return "an EPUB book";
    if (has("word/") || has("[Content_Types].xml")) return "a DOCX document";
    if (has("application/vnd.oasis.opendocument")) return "an OpenDocument file, which copydesk does not read";
    return "a ZIP archive that is neither DOCX nor EPUB";
}

// bzip2: "BZh", a block size digit, then a block or end-of-stream magic.
bool bzip2(std::string_view d) {
    if (d.size() < 10 || !starts(d, "BZh") || d[3] < '1' || d[3] > '9') return false;
    std::string_view m = d.substr(4, 6);
    return m == "1AY&SY"sv || m == "\x17\x72\x45\x38\x50\x90"sv;
}

}  // namespace

std::optional<std::string> binary_signature(std::string_view d) {
    if (auto z = zip_kind(d)) return z;
    for (const auto& m : kMagic)
        if (starts(d, m.bytes)) return std::string(m.what);
    if (d.size() >= 12 && starts(d, "RIFF") && d.substr(8, 4) == "WEBP") return std::string("a WebP image");
    if (bzip2(d)) return std::string("bzip2-compressed data");
    return std::nullopt;
}

void throw_not_text(std::string_view what, std::string_view path) {
    throw UnsupportedFormatError(fmt::format("the input is not text: it looks like {}", what),
                                 Location{std::string(path)});
}

}  // namespace copydesk::detail

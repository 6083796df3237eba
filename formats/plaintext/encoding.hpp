// Turning the input bytes into UTF-8: BOM detection (UTF-8, UTF-16 LE/BE),
// UTF-8 validation, and GB18030 (a superset of GBK and GB2312) through
// glibc's iconv when the bytes are not UTF-8.
#pragma once

#include <string>
#include <string_view>

#include "copydesk/diagnostics.hpp"

namespace copydesk::plaintext {

struct Decoded {
    std::string text;      // UTF-8, no BOM
    std::string encoding;  // "UTF-8", "UTF-8 (BOM)", "UTF-16LE (BOM)", "UTF-16BE (BOM)", "GB18030"
};

// A few bad bytes become U+FFFD with a warning ("plain.invalid-bytes") in
// `diags`. Input that is not text throws UnsupportedFormatError saying what it
// looks like: a binary signature (PDF, ZIP, images...), control bytes such as
// NUL outside UTF-16, or a high share of invalid sequences in every encoding.
Decoded decode(std::string_view data, DiagnosticSink& diags, const Location& where);

// `s` in `charset` (an iconv name: "GB18030", "BIG5-HKSCS", "WINDOWS-1252") to
// UTF-8; false when iconv does not know the charset or the bytes are not in it
// (`out` then holds what converted before the first bad byte, `consumed` the
// input bytes that made it).
bool iconv_to_utf8(std::string_view s, const char* charset, std::string& out, std::size_t* consumed = nullptr);

// Number of malformed sequences in `s` (0 = valid UTF-8); stops counting at `limit`.
std::size_t count_invalid_utf8(std::string_view s, std::size_t* multibyte = nullptr, std::size_t limit = SIZE_MAX);

}  // namespace copydesk::plaintext

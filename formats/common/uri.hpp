// URI escaping shared by the writers (DOCX relationship targets, EPUB hrefs).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace copydesk {

// Percent-escapes what a URI cannot hold literally: controls, space and
// " < > \ ^ ` { | }. Non-ASCII is left as it is (an IRI), and so is '%', so an
// already escaped URI stays as it was.
inline std::string uri_escape(std::string_view s) {
    static constexpr std::string_view kUnsafe = " \"<>\\^`{|}";
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        auto u = std::uint8_t(c);
        if (u < 0x20 || u == 0x7F || kUnsafe.find(c) != std::string_view::npos) {
            out += '%';
            out += kHex[u >> 4];
            out += kHex[u & 15];
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace copydesk

// Shared helpers for the plain-text tests.
#pragma once

#include <iconv.h>

#include "test_support.hpp"

#include <string>
#include <string_view>

#include "copydesk/walk.hpp"
#include "plaintext/plaintext.hpp"

namespace copydesk::test {

inline Document read_plain(std::string_view text, Options opts = {}, std::string path = "") {
    ReadContext ctx{std::move(path), opts, Limits::from(opts)};
    return plaintext::read(text, ctx);
}

inline std::string write_plain(const Document& doc, Options opts = {}, Diagnostics* diags = nullptr) {
    Diagnostics local;
    WriteContext ctx{"", opts, diags ? *diags : local};
    return plaintext::write(doc, ctx);
}

// Converts UTF-8 to another encoding with glibc's iconv, to make test inputs.
inline std::string iconv_to(const std::string& to, const std::string& utf8) {
    iconv_t cd = iconv_open(to.c_str(), "UTF-8");
    REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
    std::string out(utf8.size() * 4 + 8, '\0');
    char* in = const_cast<char*>(utf8.data());
    std::size_t in_left = utf8.size();
    char* dst = out.data();
    std::size_t dst_left = out.size();
    REQUIRE(iconv(cd, &in, &in_left, &dst, &dst_left) != static_cast<std::size_t>(-1));
    iconv_close(cd);
    out.resize(out.size() - dst_left);
    return out;
}

inline std::string paragraph_text(const Document& d, std::size_t k) { return stringify(d.blocks.at(k)); }

inline std::size_t count_blocks(const Document& d, const char* type) {
    std::size_t n = 0;
    for (const auto& b : d.blocks) n += std::string(b.type_name()) == type;
    return n;
}

}  // namespace copydesk::test

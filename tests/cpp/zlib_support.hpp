// zlib helpers shared by the ZIP and DOCX stream tests: what a test needs to
// build archives by hand, independent of copydesk's own ZIP code.
#pragma once

#include <catch2/catch.hpp>
#include <zlib.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace copydesk::test {

// Raw deflate (no zlib header), as ZIP entries hold it.
inline std::string raw_deflate(std::string_view data, int level = 6) {
    z_stream zs{};
    REQUIRE(deflateInit2(&zs, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) == Z_OK);
    std::string out(deflateBound(&zs, static_cast<uLong>(data.size())) + 16, '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    REQUIRE(deflate(&zs, Z_FINISH) == Z_STREAM_END);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return out;
}

inline std::uint32_t crc_of(std::string_view s) {
    return static_cast<std::uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(s.data()), static_cast<uInt>(s.size())));
}

}  // namespace copydesk::test

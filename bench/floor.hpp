// The physical floor of DOCX conversion, measured with the same libraries the
// library uses: zlib deflating word/document.xml at the writer's level
// (writing), and zlib inflating it plus libxml2's xmlTextReader walking every
// node and attribute (reading). Independent of copydesk's own ZIP/XML layers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace copydesk::bench {

// One member of a ZIP archive, as stored (raw DEFLATE data when method 8).
// Enough of ZIP for our own writer's output: no ZIP64, no encryption.
struct ZipMember {
    std::string_view data;
    int method = -1;  // 0 stored, 8 deflated, -1 not found
    std::uint32_t crc32 = 0;
    std::uint64_t size = 0;  // uncompressed
};
ZipMember find_zip_member(std::string_view zip, std::string_view name);  // throws std::runtime_error

std::string deflate_raw(std::string_view data, int level);           // raw DEFLATE, as in ZIP
std::string inflate_raw(std::string_view deflated, std::uint64_t size);  // throws on corrupt data
std::uint32_t crc32_of(std::string_view data);

// Walks the document with xmlTextReader: every node's local name, namespace
// URI and value, and every attribute's. Returns a checksum (bytes seen).
std::uint64_t walk_xml(std::string_view xml);

}  // namespace copydesk::bench

#include "floor.hpp"

#include <libxml/xmlreader.h>
#include <zlib.h>

#include <cstring>
#include <stdexcept>

namespace copydesk::bench {

namespace {

std::uint32_t rd16(const char* p) {
    const auto* u = reinterpret_cast<const unsigned char*>(p);
    return static_cast<std::uint32_t>(u[0] | (u[1] << 8));
}
std::uint32_t rd32(const char* p) {
    const auto* u = reinterpret_cast<const unsigned char*>(p);
    return static_cast<std::uint32_t>(u[0]) | (static_cast<std::uint32_t>(u[1]) << 8) |
           (static_cast<std::uint32_t>(u[2]) << 16) | (static_cast<std::uint32_t>(u[3]) << 24);
}

std::uint64_t len_of(const xmlChar* s) { return s ? std::strlen(reinterpret_cast<const char*>(s)) : 0; }

}  // namespace

ZipMember find_zip_member(std::string_view zip, std::string_view name) {
    if (zip.size() < 22) throw std::runtime_error("not a ZIP archive");
    std::size_t eocd = std::string_view::npos;
    for (std::size_t i = zip.size() - 22 + 1; i-- > 0;) {
        if (rd32(zip.data() + i) == 0x06054b50) {
            eocd = i;
            break;
        }
        if (zip.size() - i > 22 + 65535) break;
    }
    if (eocd == std::string_view::npos) throw std::runtime_error("no end of central directory");
    const std::uint32_t count = rd16(zip.data() + eocd + 10);
    std::size_t p = rd32(zip.data() + eocd + 16);
    for (std::uint32_t i = 0; i < count; ++i) {
        if (p + 46 > zip.size() || rd32(zip.data() + p) != 0x02014b50) throw std::runtime_error("bad central directory");
        const char* c = zip.data() + p;
        const std::size_t nlen = rd16(c + 28), xlen = rd16(c + 30), klen = rd16(c + 32);
        if (p + 46 + nlen > zip.size()) throw std::runtime_error("bad central directory");
        if (zip.substr(p + 46, nlen) == name) {
            ZipMember m;
            m.method = static_cast<int>(rd16(c + 10));
            m.crc32 = rd32(c + 16);
            const std::uint64_t csize = rd32(c + 20);
            m.size = rd32(c + 24);
            const std::size_t local = rd32(c + 42);
            if (local + 30 > zip.size() || rd32(zip.data() + local) != 0x04034b50)
                throw std::runtime_error("bad local header");
            const std::size_t data = local + 30 + rd16(zip.data() + local + 26) + rd16(zip.data() + local + 28);
            if (data + csize > zip.size()) throw std::runtime_error("truncated member");
            m.data = zip.substr(data, csize);
            return m;
        }
        p += 46 + nlen + xlen + klen;
    }
    throw std::runtime_error("no member " + std::string(name));
}

std::string deflate_raw(std::string_view data, int level) {
    z_stream zs{};
    if (deflateInit2(&zs, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("deflateInit2");
    std::string out(deflateBound(&zs, static_cast<uLong>(data.size())), '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    if (rc != Z_STREAM_END) throw std::runtime_error("deflate");
    return out;
}

std::string inflate_raw(std::string_view deflated, std::uint64_t size) {
    z_stream zs{};
    if (inflateInit2(&zs, -MAX_WBITS) != Z_OK) throw std::runtime_error("inflateInit2");
    std::string out(size, '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(deflated.data()));
    zs.avail_in = static_cast<uInt>(deflated.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    const int rc = inflate(&zs, Z_FINISH);
    const auto produced = zs.total_out;
    inflateEnd(&zs);
    if (rc != Z_STREAM_END || produced != size) throw std::runtime_error("inflate: corrupt data");
    return out;
}

std::uint32_t crc32_of(std::string_view data) {
    return static_cast<std::uint32_t>(
        ::crc32(0L, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
}

std::uint64_t walk_xml(std::string_view xml) {
    // The same parse options as copydesk's XML layer (safe, no entities, no network).
    xmlTextReaderPtr r = xmlReaderForMemory(xml.data(), static_cast<int>(xml.size()), nullptr, nullptr,
                                            XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT |
                                                XML_PARSE_BIG_LINES);
    if (!r) throw std::runtime_error("xmlReaderForMemory");
    std::uint64_t seen = 0;
    int rc;
    while ((rc = xmlTextReaderRead(r)) == 1) {
        seen += static_cast<std::uint64_t>(xmlTextReaderNodeType(r));
        seen += len_of(xmlTextReaderConstLocalName(r)) + len_of(xmlTextReaderConstNamespaceUri(r));
        if (xmlTextReaderHasValue(r) == 1) seen += len_of(xmlTextReaderConstValue(r));
        if (xmlTextReaderHasAttributes(r) == 1) {
            while (xmlTextReaderMoveToNextAttribute(r) == 1) {
                seen += len_of(xmlTextReaderConstLocalName(r)) + len_of(xmlTextReaderConstNamespaceUri(r));
                seen += len_of(xmlTextReaderConstValue(r));
            }
            xmlTextReaderMoveToElement(r);
        }
    }
    xmlFreeTextReader(r);
    if (rc != 0) throw std::runtime_error("XML parse error");
    return seen;
}

}  // namespace copydesk::bench

// The DOCX reader streams word/document.xml from the ZIP into the XML
// parser: a large body comes through whole and in order, and what is wrong
// with the part (CRC-32, truncated data, lying sizes, limits, malformed XML
// deep inside) is still a typed error naming the file and the part.
#include <zlib.h>

#include "common/zip/zip.hpp"
#include "copydesk/copydesk.hpp"
#include "docx/docx.hpp"
#include "test_support.hpp"
#include "zlib_support.hpp"

using namespace copydesk;

using copydesk::test::crc_of;
using copydesk::test::raw_deflate;

namespace {

constexpr const char* kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

std::string document(int paragraphs, const std::string& tail = {}) {
    std::string d = std::string("<?xml version=\"1.0\"?>\n<w:document xmlns:w=\"") + kW + "\"><w:body>\n";
    for (int i = 0; i < paragraphs; ++i)
        d += "<w:p><w:r><w:t>段落 " + std::to_string(i) + " 的正文，用来填满流的许多块。</w:t></w:r></w:p>\n";
    return d + "</w:body></w:document>" + tail;
}

// A package whose document.xml is given as raw deflate data with the CRC and
// size its headers claim.
std::string package(const std::string& deflated, std::uint32_t crc, std::uint64_t size) {
    zip::Writer z;
    z.add("[Content_Types].xml",
          "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
          "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>");
    z.add("_rels/.rels",
          "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
          "relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
          "relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>");
    z.add_deflated("word/document.xml", deflated, crc, size);
    return z.finish();
}
std::string package(const std::string& xml) { return package(raw_deflate(xml), crc_of(xml), xml.size()); }

Document read_docx(const std::string& data, const Limits& limits = {}) {
    Options o;
    return docx::read(data, ReadContext{"test.docx", o, limits});
}

// Reads and returns the error, checking it names the file and the main part.
template <class E>
std::string error_of(const std::string& data, const Limits& limits = {}) {
    try {
        read_docx(data, limits);
    } catch (const E& e) {
        CHECK(e.where().file == "test.docx");
        CHECK(e.where().part == "word/document.xml");
        return e.what();
    }
    FAIL("no error of the expected type");
    return {};
}

}  // namespace

TEST_CASE("docx reader (stream): a large body comes through whole and in order", "[docx-reader][stream]") {
    const std::string xml = document(20000);
    REQUIRE(xml.size() > 1500000);  // hundreds of the XML reader's 4 KB pulls
    const Document doc = read_docx(package(xml));
    REQUIRE(doc.blocks.size() == 20000);
    for (int i : {0, 1, 4095, 12345, 19999}) {
        INFO(i);
        REQUIRE(doc.blocks[static_cast<std::size_t>(i)].is<Paragraph>());
        CHECK(stringify(doc.blocks[static_cast<std::size_t>(i)].as<Paragraph>().content) ==
              "段落 " + std::to_string(i) + " 的正文，用来填满流的许多块。");
    }
}

TEST_CASE("docx reader (stream): what is wrong with the streamed part is a typed error", "[docx-reader][stream]") {
    const std::string xml = document(3000);
    const std::string packed = raw_deflate(xml);
    SECTION("CRC-32 mismatch, found at the end of the part") {
        CHECK_THAT(error_of<ParseError>(package(packed, crc_of(xml) ^ 0x10u, xml.size())),
                   Catch::Contains("CRC-32 mismatch"));
    }
    SECTION("CRC-32 mismatch in bytes after the root element, which the parser never needs") {
        std::string filler;  // letters that deflate poorly, so no ratio limit is hit
        for (std::uint32_t x = 1; filler.size() < 300000; x = x * 1103515245u + 12345u)
            filler += static_cast<char>('a' + (x >> 16) % 26);
        const std::string tailed = document(10, "\n<!-- " + filler + " -->\n");
        REQUIRE(read_docx(package(tailed)).blocks.size() == 10);
        CHECK_THAT(error_of<ParseError>(package(raw_deflate(tailed), crc_of(tailed) ^ 1u, tailed.size())),
                   Catch::Contains("CRC-32 mismatch"));
    }
    SECTION("truncated deflate data") {
        CHECK_THAT(error_of<ParseError>(package(packed.substr(0, packed.size() / 2), crc_of(xml), xml.size())),
                   Catch::Contains("truncated"));
    }
    SECTION("declared size smaller than the data") {
        CHECK_THAT(error_of<ParseError>(package(packed, crc_of(xml), xml.size() / 3)),
                   Catch::Contains("past its declared size"));
    }
    SECTION("declared size over the per-entry limit: refused before inflating") {
        Limits limits;
        limits.max_entry_bytes = 100000;
        CHECK_THAT(error_of<LimitError>(package(xml), limits), Catch::Contains("limit.max_entry_bytes"));
    }
    SECTION("header within the limit, data over it: stopped while streaming") {
        Limits limits;
        limits.max_entry_bytes = 100000;
        CHECK_THAT(error_of<LimitError>(package(packed, crc_of(xml), 100000), limits),
                   Catch::Contains("stopped there") && Catch::Contains("limit.max_entry_bytes"));
    }
    SECTION("malformed XML deep in the part, located by line") {
        std::string bad = xml;
        const std::size_t at = bad.find("段落 2500 ");
        REQUIRE(at != std::string::npos);
        bad.insert(at, "</w:p>");  // line 2503: the XML declaration, <w:document>, then one paragraph a line
        try {
            read_docx(package(bad));
            FAIL("no error");
        } catch (const ParseError& e) {
            CHECK(e.where().file == "test.docx");
            CHECK(e.where().part == "word/document.xml");
            CHECK(e.where().line == 2503);
        }
    }
}

// Speed of the DOCX reader on a 5 MB-of-text article against its floor:
// inflating word/document.xml plus libxml2's xmlTextReader walking it.
// Hidden tag (timing on a shared machine): run with
//   copydesk_tests "[.docx-reader-speed]" -s
#include <libxml/xmlreader.h>

#include <chrono>

#include "common/xml/xml.hpp"
#include "common/zip/zip.hpp"
#include "copydesk/copydesk.hpp"
#include "docx/docx.hpp"
#include "test_support.hpp"

using namespace copydesk;

namespace {

template <class F>
double best_of(int n, F&& f) {
    double best = 1e9;
    for (int i = 0; i < n; ++i) {
        auto t0 = std::chrono::steady_clock::now();
        f();
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    return best;
}

}  // namespace

TEST_CASE("docx reader speed: 5 MB article within 1.5x of inflate + xmlTextReader", "[.docx-reader-speed]") {
    Document d;
    d.metadata.title = "速度测试";
    std::size_t text_bytes = 0;
    for (int i = 0; text_bytes < 5u << 20; ++i) {
        Paragraph p;
        std::string t = "第" + std::to_string(i) + "段：昨日，记者从太仓港获悉，上半年集装箱吞吐量同比增长，港口经济持续向好。";
        p.content.push_back(Text{t});
        if (i % 5 == 0) p.content.push_back(Strong{{Text{"重点内容"}}});
        text_bytes += t.size();
        d.blocks.push_back(std::move(p));
    }
    Options o;
    Diagnostics diags;
    WriteContext wctx{"speed.docx", o, diags};
    std::string bytes;
    try {
        bytes = docx::write(d, wctx);
    } catch (const UnsupportedFormatError&) {
        COPYDESK_SKIP("DOCX writer not built yet");
    }

    ReadContext rctx{"speed.docx", o, Limits{}};
    std::size_t blocks = 0;
    const double ours = best_of(3, [&] { blocks = docx::read(bytes, rctx).blocks.size(); });
    std::size_t nodes = 0;
    const double floor = best_of(3, [&] {
        zip::Archive z(bytes, Limits{});
        std::string xml = z.read("word/document.xml");
        xmlTextReaderPtr r = xmlReaderForMemory(xml.data(), static_cast<int>(xml.size()), nullptr, nullptr,
                                                XML_PARSE_NONET | XML_PARSE_COMPACT);
        nodes = 0;
        while (xmlTextReaderRead(r) == 1) ++nodes;
        xmlFreeTextReader(r);
    });
    // The shared XML layer alone (inflate + xml::Reader visiting every node and its text).
    std::size_t chars = 0;
    const double layer = best_of(3, [&] {
        zip::Archive z(bytes, Limits{});
        std::string xml = z.read("word/document.xml");
        xml::Reader r(xml, {"speed.docx", "word/document.xml"});
        chars = 0;
        while (r.next())
            if (r.type() == xml::NodeType::Text) chars += r.text().size();
    });
    WARN("docx read of " << (text_bytes >> 20) << " MB text, " << bytes.size() / 1024 << " KiB docx: ours "
                         << ours * 1000 << " ms, floor (inflate + xmlTextReader) " << floor * 1000 << " ms, ratio "
                         << ours / floor << "; xml::Reader layer alone " << layer * 1000 << " ms ("
                         << layer / floor << "x the floor)");
    CHECK(blocks == d.blocks.size());
    CHECK(nodes > 0);
    CHECK(ours / floor < 1.5);
}

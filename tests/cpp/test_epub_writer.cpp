// EPUB writer: element XML checked by hand, package structure, determinism, epubcheck.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

#include "common/xml/xml.hpp"
#include "common/zip/zip.hpp"
#include "copydesk/copydesk.hpp"
#include "epub/epub.hpp"
#include "epub/epub_writer.hpp"
#include "test_epub_support.hpp"
#include "test_support.hpp"

using namespace copydesk;
namespace ew = copydesk::epub::writer;

namespace {

// The XML one element writer produces for `blocks` (no head, no notes).
std::string body_xml(const Document& doc, const std::function<void(ew::BodyWriter&)>& f,
                     Diagnostics* diags = nullptr) {
    Diagnostics local;
    Diagnostics& d = diags ? *diags : local;
    DiagnosticSink sink(d);
    ew::Settings s;
    s.language = "zh-CN";
    s.script = ew::Script::SimplifiedChinese;
    ew::Media media;
    xml::Writer w;
    ew::BodyWriter bw(w, s, doc, sink, media);
    f(bw);
    return w.take();
}

std::string write_epub(const Document& doc, Diagnostics* diags = nullptr) {
    return copydesk::write(doc, "epub", {}, diags);
}

Document zh_news() {
    return read_file(test::source_dir() / "examples" / "zh-news.txt");
}

}  // namespace

TEST_CASE("epub: paragraphs, headings and lists as hand-checked XHTML", "[epub]") {
    Document doc;
    Paragraph p;
    p.first_line_indent = Length{2, LengthUnit::Em};
    p.align = Alignment::Justify;
    p.content = {Text{"甲 & <乙>"}, Emph{{Text{"丙"}}}, LineBreak{}};
    CHECK(body_xml(doc, [&](ew::BodyWriter& b) { b.paragraph(p); }) ==
          "<p style=\"text-indent: 2em; text-align: justify;\">甲 &amp; &lt;乙&gt;<em>丙</em><br/></p>");
    Heading h{2, {"s1", {"x"}, {}}, {Text{"标题"}}};
    CHECK(body_xml(doc, [&](ew::BodyWriter& b) { b.heading(h); }) == "<h2 id=\"s1\" class=\"x\">标题</h2>");
    // A heading without an id gets one for the navigation document.
    Heading bare{7, {}, {Text{"深"}}};
    Diagnostics diags;
    CHECK(body_xml(doc, [&](ew::BodyWriter& b) { b.heading(bare); }, &diags) == "<h6 id=\"cd-h1\">深</h6>");
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].code == "epub.heading-level");
    OrderedList ol{3, ListStyle::UpperRoman, {{test::para("一")}, {test::para("二"), test::para("三")}}};
    CHECK(body_xml(doc, [&](ew::BodyWriter& b) { b.list(ol.items, &ol); }) ==
          "<ol start=\"3\" type=\"I\"><li>一</li><li><p>二</p><p>三</p></li></ol>");
}

TEST_CASE("epub: a table keeps colspan, rowspan and column alignment", "[epub]") {
    Document doc;
    Table t;
    t.col_align = {Alignment::Default, Alignment::Right};
    auto c = [](std::string s, int cs = 1, int rs = 1) { return TableCell{{test::para(std::move(s))}, cs, rs, {}}; };
    t.head = {TableRow{{c("a", 2)}}};
    t.body = {TableRow{{c("b", 1, 2), c("c")}}, TableRow{{c("d")}}};
    // "d" is in column 2 (column 1 is covered by "b"), so it is right-aligned.
    CHECK(body_xml(doc, [&](ew::BodyWriter& b) { b.table(t); }) ==
          "<table><colgroup><col/><col data-align=\"right\"/></colgroup>"
          "<thead><tr><th colspan=\"2\">a</th></tr></thead>"
          "<tbody><tr><td rowspan=\"2\">b</td><td style=\"text-align: right;\">c</td></tr>"
          "<tr><td style=\"text-align: right;\">d</td></tr></tbody></table>");
}

TEST_CASE("epub: footnotes are popup notes (noteref + aside)", "[epub]") {
    Document doc;
    Note n;
    n.content = {test::para("注")};
    Paragraph p{{Text{"正文"}, n}, std::nullopt, Alignment::Default};
    CHECK(body_xml(doc, [&](ew::BodyWriter& b) {
              b.paragraph(p);
              b.notes();
          }) == "<p>正文<a epub:type=\"noteref\" class=\"noteref\" href=\"#cd-fn1\" id=\"cd-fnref1\">1</a></p>"
                "<aside epub:type=\"footnote\" id=\"cd-fn1\"><p>注</p></aside>");
}

TEST_CASE("epub: links, images and figures", "[epub]") {
    Document doc;
    doc.resources.push_back({"word/media/图 1.png", "image/png", test::tiny_png()});
    Figure f;
    f.attr.id = "f1";
    f.label = "图1";
    f.caption = {test::para("说明")};
    f.content = {Paragraph{{Image{{}, {Text{"alt"}}, "word/media/图 1.png", ""}}, std::nullopt, Alignment::Default}};
    CHECK(body_xml(doc, [&](ew::BodyWriter& b) { b.figure(f); }) ==
          "<figure id=\"f1\"><p><img src=\"media/____1.png\" alt=\"alt\"/></p>"
          "<figcaption><span class=\"figure-label\">图1</span> 说明</figcaption></figure>");
    Diagnostics diags;
    Paragraph p{{Link{{}, {Text{"x"}}, "http://a.b/c d", ""}, Link{{}, {Text{"y"}}, "#nowhere", ""},
                 Image{{}, {Text{"外图"}}, "https://example.org/a.png", ""}},
                std::nullopt, Alignment::Default};
    CHECK(body_xml(doc, [&](ew::BodyWriter& b) { b.paragraph(p); }, &diags) ==
          "<p><a href=\"http://a.b/c%20d\">x</a><span>y</span><span class=\"image-alt\">外图</span></p>");
    std::set<std::string> codes;
    for (const auto& d : diags) codes.insert(d.code);
    CHECK(codes == std::set<std::string>{"epub.link-target-missing", "epub.image-external"});
}

TEST_CASE("epub: container.xml, SHA-1 and the name-based UUID", "[epub]") {
    CHECK(ew::container_xml() ==
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\"><rootfiles>"
          "<rootfile full-path=\"EPUB/package.opf\" media-type=\"application/oebps-package+xml\"/>"
          "</rootfiles></container>");
    auto hex = [](const std::string& s) {
        std::string out;
        for (unsigned char c : s) {
            out += "0123456789abcdef"[c >> 4];
            out += "0123456789abcdef"[c & 15];
        }
        return out;
    };
    // Expected values from Python's hashlib and uuid.uuid5(uuid.NAMESPACE_URL, ...).
    CHECK(hex(ew::sha1("abc")) == "a9993e364706816aba3e25717850c26c9cd0d89d");
    CHECK(hex(ew::sha1(std::string(1000, 'a'))) == "291e9a6c66994949b57ba5e650361e98fc36b1ba");
    CHECK(ew::uuid_v5("copydesk") == "5fbaa8d3-1dc1-51ff-a300-1b0fcdf7e6cf");
}

TEST_CASE("epub: dates of the package document", "[epub]") {
    Metadata m;
    CHECK(ew::modified_value(m) == "2000-01-01T00:00:00Z");
    m.date = DateTime::parse("2023-07-13T08:30:00+08:00");
    REQUIRE(m.date);
    CHECK(ew::modified_value(m) == "2023-07-13T00:30:00Z");
    CHECK(ew::dc_date_value(*m.date) == "2023-07-13T08:30:00+08:00");
    m.date = DateTime::parse("2023年1月1日 05:00");
    REQUIRE(m.date);
    CHECK(ew::modified_value(m) == "2023-01-01T05:00:00Z");
    CHECK(ew::dc_date_value(*m.date) == "2023-01-01");  // no zone: the date alone (W3CDTF)
}

TEST_CASE("epub: package structure", "[epub]") {
    Document doc = test::every_node_document();
    Diagnostics diags;
    std::string bytes = write_epub(doc, &diags);
    // mimetype first, stored, without extra field (OCF).
    REQUIRE(bytes.size() > 60);
    CHECK(bytes.substr(0, 4) == std::string("PK\x03\x04", 4));
    CHECK(bytes[8] == 0);
    CHECK(bytes[9] == 0);  // method 0: stored
    CHECK(bytes[28] == 0);  // extra field length 0
    CHECK(bytes.substr(30, 28) == "mimetypeapplication/epub+zip");

    zip::Archive a(bytes, Limits{});
    std::set<std::string> files;
    for (const auto& e : a.entries()) files.insert(e.name);
    CHECK(a.entries().front().name == "mimetype");
    // The manifest lists every file but mimetype, container.xml and the OPF itself.
    std::string opf = a.read("EPUB/package.opf");
    xml::Reader r(opf, {"", "EPUB/package.opf"});
    std::set<std::string> manifest;
    std::vector<std::string> spine;
    std::string nav_href;
    while (r.next()) {
        if (r.is(epub::ns::opf, "item")) {
            manifest.insert("EPUB/" + *r.attr("", "href"));
            if (r.attr("", "properties").value_or("") == "nav") nav_href = *r.attr("", "href");
        }
        if (r.is(epub::ns::opf, "itemref")) spine.push_back(*r.attr("", "idref"));
    }
    std::set<std::string> expected = files;
    for (const char* own : {"mimetype", "META-INF/container.xml", "EPUB/package.opf"}) expected.erase(own);
    CHECK(manifest == expected);
    CHECK(files.count("EPUB/media/dot.png") == 1);
    CHECK(spine == std::vector<std::string>{"article"});
    CHECK(nav_href == "nav.xhtml");
    std::string xhtml = a.read("EPUB/article.xhtml");
    CHECK(xhtml.find("<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" "
                     "lang=\"zh-CN\" xml:lang=\"zh-CN\">") != std::string::npos);
    // The head as the DOCX writer renders it; the byline at the start: the
    // reporter and photographer in the dateline that opens the lede
    // (本报讯（记者 王俊 摄影 李明）, as plain text has it), the translator in the head.
    CHECK(xhtml.find("<p class=\"article-meta\">来源：太仓日报　责编：俞群艳　时间：2023年7月13日 08:30</p>"
                     "<p class=\"byline\">翻译 Ann Lee</p><div class=\"abstract\">") != std::string::npos);
    CHECK(xhtml.find("<p style=\"text-indent: 2em;\"><span class=\"dateline\">本报讯（记者 王俊 摄影 李明）"
                     "</span>") != std::string::npos);
    // Metadata: MARC roles refine the creators; the label as written is kept.
    CHECK(opf.find("<dc:creator id=\"contrib1\">王俊</dc:creator><meta refines=\"#contrib1\" property=\"role\" "
                   "scheme=\"marc:relators\">rpt</meta><meta refines=\"#contrib1\" property=\"copydesk:label\">记者</meta>") !=
          std::string::npos);
    CHECK(opf.find("<dc:contributor id=\"contrib2\">俞群艳</dc:contributor><meta refines=\"#contrib2\" property=\"role\" "
                   "scheme=\"marc:relators\">edt</meta>") != std::string::npos);
    CHECK(opf.find("<dc:publisher>太仓日报</dc:publisher>") != std::string::npos);
    CHECK(opf.find("<meta property=\"dcterms:modified\">2023-07-13T08:30:00Z</meta>") != std::string::npos);
    // CJK stylesheet: two-character indent, no Latin family forced first.
    std::string css = a.read("EPUB/style.css");
    CHECK(css.find("text-indent: 2em;") != std::string::npos);
    CHECK(css.find("font-family: \"Noto Serif CJK SC\"") != std::string::npos);
    CHECK(css.find("Times") == std::string::npos);
    std::set<std::string> codes;
    for (const auto& d : diags) codes.insert(d.code);
    CHECK(codes == std::set<std::string>{"epub.math-as-text"});
}

TEST_CASE("epub: the same AST gives the same bytes", "[epub]") {
    Document doc = test::every_node_document();
    std::string a = write_epub(doc), b = write_epub(doc);
    CHECK(a == b);
    doc.blocks.push_back(test::para("多一段"));
    std::string c = write_epub(doc);
    CHECK(c != a);
    // ...and a different identifier.
    auto uid = [](const std::string& bytes) {
        zip::Archive ar(bytes, Limits{});
        std::string opf = ar.read("EPUB/package.opf");
        auto s = opf.find("urn:uuid:");
        return opf.substr(s, 45);
    };
    CHECK(uid(a) != uid(c));
}

TEST_CASE("epub: epubcheck accepts the sample article and every node type", "[epub][epubcheck]") {
    std::string cmd = test::epubcheck_command();
    if (cmd.empty()) COPYDESK_SKIP("epubcheck not installed");
    auto dir = std::filesystem::temp_directory_path() / "copydesk-epubcheck";
    std::filesystem::create_directories(dir);
    std::vector<std::filesystem::path> files{dir / "zh-news.epub", dir / "every-node.epub"};
    {
        std::ofstream(files[0], std::ios::binary) << write_epub(zh_news());
        std::ofstream(files[1], std::ios::binary) << write_epub(test::every_node_document());
    }
    auto results = test::run_epubcheck(cmd, files);
    for (std::size_t i = 0; i < files.size(); ++i) {
        INFO(files[i].string() << "\n" << results[i].output);
        CHECK(results[i].clean);
    }
}

TEST_CASE("epub: epubcheck accepts the corpus seed article", "[epub][epubcheck][corpus]") {
    COPYDESK_REQUIRE_CORPUS(corpus);
    std::string cmd = test::epubcheck_command();
    if (cmd.empty()) COPYDESK_SKIP("epubcheck not installed");
    Document doc = read_file(corpus / "seed" / "taicang-2023-07-13.txt");
    auto path = std::filesystem::temp_directory_path() / "copydesk-epubcheck-taicang.epub";
    std::ofstream(path, std::ios::binary) << write_epub(doc);
    auto results = test::run_epubcheck(cmd, {path});
    INFO(results[0].output);
    CHECK(results[0].clean);
}

// DOCX writer, element by element: each expectation below was written by
// hand from ECMA-376 Part 1 (WordprocessingML, DrawingML, OPC) element
// definitions and child order, not copied from the writer's output.
#include <catch2/catch.hpp>

#include "copydesk/errors.hpp"
#include "docx/docx_writer.hpp"

using namespace copydesk;
using namespace copydesk::docx::writer;

namespace {

// A BodyWriter over one document, writing into a bare xml::Writer.
struct Harness {
    Document doc;
    Options options;
    Settings settings;
    Package pkg;
    Diagnostics diags;
    DiagnosticSink sink{diags};
    xml::Writer out;
    std::optional<BodyWriter> bw;

    explicit Harness(std::string lang = "en-US") {
        doc.metadata.language = std::move(lang);
        settings = make_settings(doc, options);
        bw.emplace(out, pkg, settings, doc, sink);
    }
    std::string take() { return out.take(); }
    bool has(std::string_view code) const {
        for (const auto& d : diags)
            if (d.code == code) return true;
        return false;
    }
};

Paragraph para(Inlines content) {
    Paragraph p;
    p.content = std::move(content);
    return p;
}

Inlines text(std::string s) { return {Text{std::move(s)}}; }

std::string png_header(std::uint32_t w, std::uint32_t h) {
    std::string d("\x89PNG\r\n\x1a\n", 8);
    d += std::string("\0\0\0\x0dIHDR", 8);
    for (std::uint32_t v : {w, h})
        for (int shift = 24; shift >= 0; shift -= 8) d += char((v >> shift) & 0xFF);
    d += std::string("\x08\x02\0\0\0", 5);
    return d;
}

}  // namespace

TEST_CASE("docx writer: body paragraph, plain and with a first-line indent", "[docx][docx-writer]") {
    SECTION("Latin document: BodyText, no indent") {
        Harness h;
        h.bw->paragraph(para(text("Hello")));
        CHECK(h.take() == R"(<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr><w:r><w:t>Hello</w:t></w:r></w:p>)");
    }
    SECTION("explicit 2em indent in a zh-CN document: firstLineChars plus firstLine for a 12pt body") {
        Harness h("zh-CN");
        Paragraph p = para(text("昨日，"));
        p.first_line_indent = Length{2, LengthUnit::Em};
        p.align = Alignment::Justify;
        h.bw->paragraph(p);
        CHECK(h.take() ==
              R"(<w:p><w:pPr><w:pStyle w:val="BodyText"/><w:ind w:firstLine="480" w:firstLineChars="200"/>)"
              R"(<w:jc w:val="both"/></w:pPr><w:r><w:t>昨日，</w:t></w:r></w:p>)");
    }
    SECTION("indent in points has no character count") {
        Harness h;
        Paragraph p = para(text("x"));
        p.first_line_indent = Length{18, LengthUnit::Pt};
        h.bw->paragraph(p);
        CHECK(h.take() == R"(<w:p><w:pPr><w:pStyle w:val="BodyText"/><w:ind w:firstLine="360"/></w:pPr>)"
                          R"(<w:r><w:t>x</w:t></w:r></w:p>)");
    }
}

TEST_CASE("docx writer: run properties in schema order (rStyle, b, i, smallCaps, strike, u, vertAlign)",
          "[docx][docx-writer]") {
    Harness h;
    Inlines in = text("x");
    in = {Superscript{in}};
    in = {Underline{in}};
    in = {Strikeout{in}};
    in = {SmallCaps{in}};
    in = {Emph{in}};
    in = {Strong{in}};
    h.bw->paragraph(para(in));
    CHECK(h.take() == R"(<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr><w:r><w:rPr><w:b/><w:i/><w:smallCaps/>)"
                      R"(<w:strike/><w:u w:val="single"/><w:vertAlign w:val="superscript"/></w:rPr>)"
                      R"(<w:t>x</w:t></w:r></w:p>)");
}

TEST_CASE("docx writer: whitespace, tabs, line breaks and escaping in runs", "[docx][docx-writer]") {
    Harness h;
    h.bw->paragraph(para({Text{" a<b"}, LineBreak{}, Text{"c\td\ne"}}));
    CHECK(h.take() == R"(<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr>)"
                      R"(<w:r><w:t xml:space="preserve"> a&lt;b</w:t></w:r>)"
                      R"(<w:r><w:br/></w:r>)"
                      R"(<w:r><w:t>c</w:t><w:tab/><w:t>d</w:t><w:br/><w:t>e</w:t></w:r></w:p>)");
}

TEST_CASE("docx writer: tabs and doubled spaces found at every offset of long CJK runs", "[docx][docx-writer]") {
    // The run scanner skips eight bytes at a time; put the tab (and, apart,
    // a doubled space) at each offset around those steps.
    const std::string han = "太仓日报记者报道";  // 24 bytes
    for (std::size_t k = 0; k <= 20; ++k) {
        Harness h;
        const std::string before = std::string(k, 'x') + han;
        h.bw->paragraph(para({Text{before + "\t" + han}}));
        INFO("offset " << k);
        CHECK(h.take() == R"(<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr><w:r><w:t>)" + before +
                              "</w:t><w:tab/><w:t>" + han + "</w:t></w:r></w:p>");
        Harness h2;
        h2.bw->paragraph(para({Text{before + "  " + han}}));
        CHECK(h2.take() == R"(<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr><w:r><w:t xml:space="preserve">)" +
                               before + "  " + han + "</w:t></w:r></w:p>");
    }
}

TEST_CASE("docx writer: heading with an id gets a bookmark inside the paragraph", "[docx][docx-writer]") {
    Harness h;
    Heading hd;
    hd.level = 2;
    hd.attr.id = "sec-1";
    hd.content = text("Results");
    h.bw->heading(hd);
    CHECK(h.take() == R"(<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr>)"
                      R"(<w:bookmarkStart w:id="0" w:name="sec-1"/><w:bookmarkEnd w:id="0"/>)"
                      R"(<w:r><w:t>Results</w:t></w:r></w:p>)");
    Harness h2;
    hd.level = 12;
    h2.bw->heading(hd);
    CHECK(h2.take().find(R"(<w:pStyle w:val="Heading9"/>)") != std::string::npos);
    CHECK(h2.has("docx.heading-level"));
}

TEST_CASE("docx writer: ordered list with start value and a nested bullet list", "[docx][docx-writer]") {
    Harness h;
    OrderedList ol;
    ol.start = 3;
    ol.style = ListStyle::LowerRoman;
    BulletList inner;
    inner.items = {{para(text("b1"))}};
    ol.items = {{para(text("one")), para(text("more"))}, {para(text("two")), inner}};
    h.bw->ordered_list(ol);
    CHECK(h.take() ==
          R"(<w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>)"
          R"(<w:r><w:t>one</w:t></w:r></w:p>)"
          R"(<w:p><w:pPr><w:pStyle w:val="ListParagraph"/></w:pPr><w:r><w:t>more</w:t></w:r></w:p>)"
          R"(<w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>)"
          R"(<w:r><w:t>two</w:t></w:r></w:p>)"
          R"(<w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="1"/><w:numId w:val="2"/></w:numPr></w:pPr>)"
          R"(<w:r><w:t>b1</w:t></w:r></w:p>)");
    REQUIRE(h.pkg.lists.size() == 2);
    CHECK(h.pkg.lists[0].ordered);
    CHECK(h.pkg.lists[0].start == 3);
    CHECK(h.pkg.lists[0].level == 0);
    CHECK_FALSE(h.pkg.lists[1].ordered);
    CHECK(h.pkg.lists[1].level == 1);

    // numbering.xml: abstractNum 0 level 0 starts at 3 in lowerRoman; all abstractNums before nums.
    std::string n = numbering_xml(h.pkg);
    CHECK(n.find(R"(<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>)"
                 R"(<w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%1."/>)"
                 R"(<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>)"
                 R"(<w:lvl w:ilvl="1"><w:start w:val="1"/>)") != std::string::npos);
    CHECK(n.find(R"(<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="◦"/>)") !=
          std::string::npos);
    CHECK(n.find(R"(</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>)"
                 R"(<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>)") != std::string::npos);
}

TEST_CASE("docx writer: a list item that starts with a list gets an empty numbered paragraph",
          "[docx][docx-writer]") {
    Harness h;
    BulletList inner;
    inner.items = {{para(text("x"))}};
    BulletList outer;
    outer.items = {{inner}};
    h.bw->bullet_list(outer);
    CHECK(h.take() ==
          R"(<w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:p>)"
          R"(<w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="1"/><w:numId w:val="2"/></w:numPr></w:pPr>)"
          R"(<w:r><w:t>x</w:t></w:r></w:p>)");
}

TEST_CASE("docx writer: table with header row, colspan and rowspan", "[docx][docx-writer]") {
    Harness h;
    Table t;
    auto cell = [](std::string s, int cs = 1, int rs = 1) {
        TableCell c;
        c.content = {para(text(std::move(s)))};
        c.colspan = cs;
        c.rowspan = rs;
        return c;
    };
    t.head = {TableRow{{cell("A", 2), cell("B")}}};
    t.body = {TableRow{{cell("C", 1, 2), cell("D"), cell("E")}}, TableRow{{cell("F"), cell("G")}}};
    t.col_align = {Alignment::Default, Alignment::Right};
    h.bw->table(t);
    // Text width of an A4 Latin page: 11906 - 2*1440 = 9026 twips; 3 columns of 3009 (rounded).
    std::string x = h.take();
    CHECK(x == R"(<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/>)"
               R"(<w:tblLook w:val="04A0"/></w:tblPr>)"
               R"(<w:tblGrid><w:gridCol w:w="3009"/><w:gridCol w:w="3009"/><w:gridCol w:w="3009"/></w:tblGrid>)"
               R"(<w:tr><w:trPr><w:tblHeader/></w:trPr>)"
               R"(<w:tc><w:tcPr><w:tcW w:w="6018" w:type="dxa"/><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc>)"
               R"(<w:tc><w:tcPr><w:tcW w:w="3009" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>B</w:t></w:r></w:p></w:tc></w:tr>)"
               R"(<w:tr><w:tc><w:tcPr><w:tcW w:w="3009" w:type="dxa"/><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>C</w:t></w:r></w:p></w:tc>)"
               R"(<w:tc><w:tcPr><w:tcW w:w="3009" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:t>D</w:t></w:r></w:p></w:tc>)"
               R"(<w:tc><w:tcPr><w:tcW w:w="3009" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>E</w:t></w:r></w:p></w:tc></w:tr>)"
               R"(<w:tr><w:tc><w:tcPr><w:tcW w:w="3009" w:type="dxa"/><w:vMerge/></w:tcPr><w:p/></w:tc>)"
               R"(<w:tc><w:tcPr><w:tcW w:w="3009" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:t>F</w:t></w:r></w:p></w:tc>)"
               R"(<w:tc><w:tcPr><w:tcW w:w="3009" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>G</w:t></w:r></w:p></w:tc></w:tr></w:tbl>)");
}

TEST_CASE("docx writer: external and internal hyperlinks", "[docx][docx-writer]") {
    Harness h;
    Link ext;
    ext.target = "https://example.org/a b";
    ext.title = "tip";
    ext.content = text("ext");
    Link in;
    in.target = "#sec-1";
    in.content = text("in");
    h.bw->paragraph(para({ext, in, ext}));
    CHECK(h.take() == R"(<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr>)"
                      R"(<w:hyperlink r:id="rId5" w:tooltip="tip" w:history="1"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t>ext</w:t></w:r></w:hyperlink>)"
                      R"(<w:hyperlink w:anchor="sec-1" w:history="1"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t>in</w:t></w:r></w:hyperlink>)"
                      R"(<w:hyperlink r:id="rId5" w:tooltip="tip" w:history="1"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t>ext</w:t></w:r></w:hyperlink></w:p>)");
    // rId1..4 are styles, settings, numbering, footnotes; the link is rId5, once, space escaped.
    REQUIRE(h.pkg.rels.size() == 5);
    CHECK(h.pkg.rels[4].target == "https://example.org/a%20b");
    CHECK(h.pkg.rels[4].external);
    CHECK(document_rels_xml(h.pkg).find(
              R"(<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/a%20b" TargetMode="External"/>)") !=
          std::string::npos);
}

TEST_CASE("docx writer: inline image with its size from the PNG header and alt text", "[docx][docx-writer]") {
    Harness h;
    h.doc.resources.push_back({"media/photo.png", "image/png", png_header(200, 100)});
    Image img;
    img.target = "media/photo.png";
    img.alt = text("A photo");
    h.bw->paragraph(para({img}));
    // 200 x 100 px at 96 dpi: 9525 EMU per pixel.
    CHECK(h.take() ==
          R"(<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr><w:r><w:drawing>)"
          R"(<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="1905000" cy="952500"/>)"
          R"(<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="1" name="Picture 1" descr="A photo"/>)"
          R"(<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" noChangeAspect="1"/></wp:cNvGraphicFramePr>)"
          R"(<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">)"
          R"(<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="1" name="photo.png" descr="A photo"/><pic:cNvPicPr/></pic:nvPicPr>)"
          R"(<pic:blipFill><a:blip r:embed="rId5"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>)"
          R"(<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1905000" cy="952500"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>)"
          R"(</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>)");
    REQUIRE(h.pkg.media.size() == 1);
    CHECK(h.pkg.media[0].part == "word/media/photo.png");
    CHECK(h.pkg.rels[4].target == "media/photo.png");
}

TEST_CASE("docx writer: image size from attributes, aspect kept, capped at the text width", "[docx][docx-writer]") {
    Harness h;
    h.doc.resources.push_back({"media/i.png", "image/png", png_header(400, 300)});
    Image img;
    img.target = "media/i.png";
    img.attr.set("width", "2in");
    h.bw->paragraph(para({img}));
    std::string x = h.take();
    CHECK(x.find(R"(<wp:extent cx="1828800" cy="1371600"/>)") != std::string::npos);  // 2in, 3:4
    Harness h2;
    h2.doc.resources = h.doc.resources;
    img.attr = {};
    img.attr.set("width", "50cm");
    img.attr.set("height", "10cm");
    h2.bw->paragraph(para({img}));
    // Text width 9026 twips = 5731510 EMU; 50cm x 10cm scaled down to it.
    CHECK(h2.take().find(R"(<wp:extent cx="5731510" cy="1146302"/>)") != std::string::npos);
    Harness h3;
    img.target = "https://example.org/x.png";
    h3.bw->paragraph(para({img}));
    CHECK(h3.has("docx.image-external"));
}

TEST_CASE("docx writer: footnote reference and footnote body", "[docx][docx-writer]") {
    Harness h;
    Note n;
    n.content = {para(text("See."))};
    h.bw->paragraph(para({Text{"a"}, n}));
    CHECK(h.take() == R"(<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr><w:r><w:t>a</w:t></w:r>)"
                      R"(<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r></w:p>)");
    h.bw->section_properties();  // flushes nothing; footnotes are taken by document()
    Harness h2;
    h2.doc.blocks = {para({Text{"a"}, n})};
    h2.bw->document(h2.doc);
    CHECK(h2.pkg.footnotes ==
          R"(<w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>)"
          R"(<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>)"
          R"(<w:r><w:t xml:space="preserve"> </w:t></w:r><w:r><w:t>See.</w:t></w:r></w:p></w:footnote>)");
    std::string f = footnotes_xml(h2.pkg);
    CHECK(f.find(R"(<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>)") !=
          std::string::npos);
    CHECK(f.find(R"(<w:footnote w:type="continuationSeparator" w:id="0">)") != std::string::npos);
}

TEST_CASE("docx writer: code, quotes, rules, raw and math", "[docx][docx-writer]") {
    Harness h;
    CodeBlock cb;
    cb.text = "int x;\n  y();\n";
    h.bw->code_block(cb);
    CHECK(h.take() == R"(<w:p><w:pPr><w:pStyle w:val="SourceCode"/></w:pPr><w:r><w:t>int x;</w:t><w:br/>)"
                      R"(<w:t xml:space="preserve">  y();</w:t></w:r></w:p>)");
    Code c;
    c.text = "f()";
    h.bw->paragraph(para({c}));
    CHECK(h.take() == R"(<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr><w:r><w:rPr><w:rStyle w:val="VerbatimChar"/></w:rPr><w:t>f()</w:t></w:r></w:p>)");
    BlockQuote q;
    q.content = {para(text("q"))};
    h.bw->block_quote(q);
    CHECK(h.take() == R"(<w:p><w:pPr><w:pStyle w:val="Quote"/></w:pPr><w:r><w:t>q</w:t></w:r></w:p>)");
    h.bw->horizontal_rule();
    CHECK(h.take() == R"(<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr></w:pPr></w:p>)");
    h.bw->raw_block({"openxml", "<w:p><w:r><w:t>raw</w:t></w:r></w:p>"});
    CHECK(h.take() == "<w:p><w:r><w:t>raw</w:t></w:r></w:p>");
    h.bw->raw_block({"html", "<hr>"});
    CHECK(h.take().empty());
    CHECK(h.has("docx.raw-dropped"));
    h.bw->paragraph(para({Math{MathNotation::TeX, false, "x^2"}}));
    CHECK(h.take().find("<w:t>x^2</w:t>") != std::string::npos);
    CHECK(h.has("docx.math-as-text"));
}

TEST_CASE("docx writer: article head in Chinese", "[docx][docx-writer]") {
    Harness h("zh-CN");
    Metadata& m = h.doc.metadata;
    m.title = "标题";
    m.source = "太仓日报";
    m.contributors = {{"俞群艳", Role::Editor, "责编", "", ""}, {"王俊", Role::Reporter, "记者", "", ""}};
    m.date = DateTime::parse("2023-07-13");
    h.bw->head(m);
    CHECK(h.take() == R"(<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>标题</w:t></w:r></w:p>)"
                      R"(<w:p><w:pPr><w:pStyle w:val="ArticleMeta"/></w:pPr><w:r><w:t>来源：太仓日报　责编：俞群艳　时间：2023-07-13</w:t></w:r></w:p>)");
    h.bw->byline(m);
    CHECK(h.take() == R"(<w:p><w:pPr><w:pStyle w:val="Byline"/></w:pPr><w:r><w:t>记者 王俊</w:t></w:r></w:p>)");
}

TEST_CASE("docx writer: settings per language", "[docx][docx-writer]") {
    Document d;
    d.metadata.language = "zh-TW";
    Settings s = make_settings(d, {});
    CHECK(s.script == Script::TraditionalChinese);
    CHECK(s.fonts.east_asian == "PMingLiU");
    CHECK(s.indent_first_line);
    CHECK(s.fonts.latin.empty());
    d.metadata.language = "ja";
    CHECK(make_settings(d, {}).fonts.east_asian == "MS Mincho");
    d.metadata.language = "";
    d.metadata.title = "太仓";
    CHECK(make_settings(d, {}).language == "zh-CN");
    d.metadata.title = "Plain";
    CHECK(make_settings(d, {}).script == Script::Latin);
    CHECK(make_settings(d, {}).compression_level == 1);  // fast deflate, as Word writes
    Options o{{"east-asian-font", "KaiTi"}, {"latin-font", "Arial"}, {"compression-level", "9"}};
    d.metadata.language = "zh-CN";
    Settings s2 = make_settings(d, o);
    CHECK(s2.fonts.east_asian == "KaiTi");
    CHECK(s2.fonts.latin == "Arial");
    CHECK(s2.compression_level == 9);
    CHECK_THROWS_AS(make_settings(d, Options{{"compression-level", "12"}}), UsageError);
}

TEST_CASE("docx writer: styles.xml document defaults and the CJK body style", "[docx][docx-writer]") {
    Document d;
    d.metadata.language = "zh-CN";
    std::string x = styles_xml(make_settings(d, {}));
    // East Asian font only (no Latin font forced), language, 12pt body.
    CHECK(x.find(R"(<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:eastAsia="SimSun"/><w:sz w:val="24"/>)"
                 R"(<w:szCs w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>)") !=
          std::string::npos);
    CHECK(x.find(R"(<w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="Body Text"/>)"
                 R"(<w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="120"/>)"
                 R"(<w:ind w:firstLine="480" w:firstLineChars="200"/></w:pPr></w:style>)") != std::string::npos);
    CHECK(x.find(R"(<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>)"
                 R"(<w:basedOn w:val="Normal"/><w:next w:val="BodyText"/><w:uiPriority w:val="9"/><w:qFormat/>)"
                 R"(<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr>)"
                 R"(<w:rPr><w:rFonts w:eastAsia="SimHei"/><w:b/><w:bCs/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>)") !=
          std::string::npos);
    for (const char* id : {"Title", "Subtitle", "Heading6", "Normal", "Quote", "Caption", "ListParagraph",
                           "TableGrid", "Hyperlink", "FootnoteText", "FootnoteReference", "SourceCode",
                           "VerbatimChar", "ArticleMeta", "Byline"})
        CHECK(x.find(std::string("w:styleId=\"") + id + "\"") != std::string::npos);
    d.metadata.language = "en";
    std::string en = styles_xml(make_settings(d, {}));
    CHECK(en.find("firstLineChars") == std::string::npos);
    CHECK(en.find("w:eastAsia") == std::string::npos);
}

TEST_CASE("docx writer: core, app and custom properties", "[docx][docx-writer]") {
    Metadata m;
    m.title = "T & U";
    m.language = "zh-CN";
    m.keywords = {"a", "b"};
    m.contributors = {{"王俊", Role::Reporter, "记者", "", ""}, {"俞群艳", Role::Editor, "责编", "", ""}};
    m.date = DateTime::parse("2023-07-13");
    m.abstract = {para(text("Sum."))};
    m.source = "太仓日报";
    m.custom = {{"source", "dup"}, {"x-key", "v"}};
    Diagnostics d;
    std::string core = core_xml(m, d);
    CHECK(core ==
          "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
          R"(<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" )"
          R"(xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" )"
          R"(xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">)"
          R"(<dc:title>T &amp; U</dc:title><dc:creator>王俊</dc:creator><cp:keywords>a, b</cp:keywords>)"
          R"(<dc:description>Sum.</dc:description><dc:language>zh-CN</dc:language>)"
          R"(<dcterms:created xsi:type="dcterms:W3CDTF">2023-07-13T00:00:00Z</dcterms:created></cp:coreProperties>)");
    std::string custom = custom_xml(m, d);
    CHECK(custom.find(R"(<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="source"><vt:lpwstr>太仓日报</vt:lpwstr></property>)") !=
          std::string::npos);
    CHECK(custom.find(R"(name="editor"><vt:lpwstr>俞群艳</vt:lpwstr>)") != std::string::npos);
    CHECK(custom.find(R"(name="date"><vt:lpwstr>2023-07-13</vt:lpwstr>)") != std::string::npos);
    CHECK(custom.find(R"(name="contributor.1.role"><vt:lpwstr>reporter</vt:lpwstr>)") != std::string::npos);
    CHECK(custom.find(R"(name="x-key"><vt:lpwstr>v</vt:lpwstr>)") != std::string::npos);
    // A key that is one of ours is kept under custom.N, not dropped.
    CHECK(custom.find(R"(name="custom.1.key"><vt:lpwstr>source</vt:lpwstr>)") != std::string::npos);
    CHECK(custom.find(R"(name="custom.1"><vt:lpwstr>dup</vt:lpwstr>)") != std::string::npos);
    CHECK(d.empty());
    CHECK(app_xml().find("<Application>copydesk</Application>") != std::string::npos);
}

TEST_CASE("docx writer: content types and package relationships", "[docx][docx-writer]") {
    Package pkg;
    std::string data = "x";
    pkg.media.push_back({"word/media/a.png", "image/png", &data, "rId5"});
    pkg.media.push_back({"word/media/b.PNG", "image/x-png", &data, "rId6"});
    std::string ct = content_types_xml(pkg, false, false);
    CHECK(ct.find(R"(<Default Extension="png" ContentType="image/png"/>)") != std::string::npos);
    CHECK(ct.find(R"(<Override PartName="/word/media/b.PNG" ContentType="image/x-png"/>)") != std::string::npos);
    CHECK(ct.find(R"(<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>)") !=
          std::string::npos);
    CHECK(ct.find("theme") == std::string::npos);
    CHECK(package_rels_xml().find(
              R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>)") !=
          std::string::npos);
}

TEST_CASE("docx writer: settings.xml names the separator footnotes", "[docx][docx-writer]") {
    Document d;
    d.metadata.language = "zh-CN";
    std::string x = settings_xml(make_settings(d, {}));
    CHECK(x.find(R"(<w:characterSpacingControl w:val="compressPunctuation"/><w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>)") !=
          std::string::npos);
    CHECK(x.find(R"(<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>)") != std::string::npos);
}

TEST_CASE("docx writer: image pixel sizes and CSS lengths", "[docx][docx-writer]") {
    auto png = image_pixel_size(png_header(640, 480));
    REQUIRE(png);
    CHECK(png->width == 640);
    CHECK(png->height == 480);
    std::string gif = std::string("GIF89a") + std::string("\x20\x01\x10\x00", 4) + std::string(10, '\0');
    auto g = image_pixel_size(gif);
    REQUIRE(g);
    CHECK(g->width == 288);
    CHECK(g->height == 16);
    // JPEG: SOI, an APP0 segment of length 4, then SOF0 (length 17, precision 8, height 0x0102, width 0x0304).
    std::string jpg("\xFF\xD8\xFF\xE0\x00\x04\x00\x00\xFF\xC0\x00\x11\x08\x01\x02\x03\x04\x03", 18);
    jpg += std::string(9, '\0');
    auto j = image_pixel_size(jpg);
    REQUIRE(j);
    CHECK(j->width == 0x0304);
    CHECK(j->height == 0x0102);
    CHECK_FALSE(image_pixel_size("not an image"));
    CHECK_FALSE(image_pixel_size(std::string("\xFF\xD8\xFF\xE0\xFF\xFF", 6)));
    CHECK(length_to_emu("120px", 0) == 120 * 9525);
    CHECK(length_to_emu("2.54cm", 0) == 914400);
    CHECK(length_to_emu("72pt", 0) == 914400);
    CHECK(length_to_emu("50%", 1000) == 500);
    CHECK(length_to_emu("300", 0) == 300 * 9525);
    CHECK_FALSE(length_to_emu("auto", 0));
    CHECK_FALSE(length_to_emu("-3px", 0));
    CHECK_FALSE(length_to_emu("3em", 0));
}

TEST_CASE("docx writer: figure paragraphs, then the caption with its label in a Caption Label run",
          "[docx][docx-writer]") {
    Harness h;
    Figure f;
    f.attr.id = "fig-1";
    f.label = "图1";
    f.content = {para(text("x"))};
    f.caption = {para({Text{"港口"}, Emph{text("夜景")}}), para(text("摄影 王俊"))};
    h.bw->figure(f);
    // ECMA-376 17.3.1.29 (pPr/pStyle), 17.13.6.2 (bookmarkStart/End as
    // paragraph children), 17.3.2.29 (rPr/rStyle): the label is a run of its own.
    CHECK(h.take() == R"(<w:p><w:pPr><w:pStyle w:val="Figure"/></w:pPr>)"
                      R"(<w:bookmarkStart w:id="0" w:name="fig-1"/><w:bookmarkEnd w:id="0"/>)"
                      R"(<w:r><w:t>x</w:t></w:r></w:p>)"
                      R"(<w:p><w:pPr><w:pStyle w:val="Caption"/></w:pPr>)"
                      R"(<w:r><w:rPr><w:rStyle w:val="CaptionLabel"/></w:rPr><w:t>图1</w:t></w:r>)"
                      R"(<w:r><w:t xml:space="preserve"> </w:t></w:r><w:r><w:t>港口</w:t></w:r>)"
                      R"(<w:r><w:rPr><w:i/></w:rPr><w:t>夜景</w:t></w:r></w:p>)"
                      R"(<w:p><w:pPr><w:pStyle w:val="Caption"/></w:pPr><w:r><w:t>摄影 王俊</w:t></w:r></w:p>)");
    // Without a label: no label run and no separating space.
    Harness h2;
    f.label.clear();
    f.attr.id.clear();
    f.caption = {para(text("c"))};
    h2.bw->figure(f);
    CHECK(h2.take() == R"(<w:p><w:pPr><w:pStyle w:val="Figure"/></w:pPr><w:r><w:t>x</w:t></w:r></w:p>)"
                       R"(<w:p><w:pPr><w:pStyle w:val="Caption"/></w:pPr><w:r><w:t>c</w:t></w:r></w:p>)");
}

TEST_CASE("docx writer: styles.xml defines the Caption Label character style", "[docx][docx-writer]") {
    Document d;
    d.metadata.language = "zh-CN";
    std::string x = styles_xml(make_settings(d, {}));
    // 17.7.4.17: attributes type, styleId, customStyle (in the writer's
    // order; XML attribute order carries no meaning); children name, basedOn
    // in schema order; no rPr, so the label carries no emphasis into the text.
    const std::string open = R"(<w:style w:type="character" w:styleId="CaptionLabel" w:customStyle="1">)"
                             R"(<w:name w:val="Caption Label"/><w:basedOn w:val="DefaultParagraphFont"/>)";
    const auto at = x.find(open);
    REQUIRE(at != std::string::npos);
    const auto end = x.find("</w:style>", at);
    CHECK(x.substr(at, end - at).find("<w:rPr>") == std::string::npos);
}

TEST_CASE("docx writer: endnotes go to endnotes.xml with their own ids, styles and separators",
          "[docx][docx-writer]") {
    Harness h;
    Note fn;
    fn.content = {para(text("F."))};
    Note en;
    en.attr.classes = {"endnote"};
    en.content = {para(text("E."))};
    h.doc.blocks = {para({Text{"a"}, en, fn, en})};
    h.bw->document(h.doc);
    const std::string doc = h.take();
    // 17.11.7 endnoteReference: ids count separately from footnotes (both start at 1).
    CHECK(doc.find(R"(<w:r><w:t>a</w:t></w:r>)"
                   R"(<w:r><w:rPr><w:rStyle w:val="EndnoteReference"/></w:rPr><w:endnoteReference w:id="1"/></w:r>)"
                   R"(<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>)"
                   R"(<w:r><w:rPr><w:rStyle w:val="EndnoteReference"/></w:rPr><w:endnoteReference w:id="2"/></w:r>)") !=
          std::string::npos);
    // 17.11.2 endnote, 17.11.6 endnoteRef: the mark, then the text.
    CHECK(h.pkg.endnotes ==
          R"(<w:endnote w:id="1"><w:p><w:pPr><w:pStyle w:val="EndnoteText"/></w:pPr>)"
          R"(<w:r><w:rPr><w:rStyle w:val="EndnoteReference"/></w:rPr><w:endnoteRef/></w:r>)"
          R"(<w:r><w:t xml:space="preserve"> </w:t></w:r><w:r><w:t>E.</w:t></w:r></w:p></w:endnote>)"
          R"(<w:endnote w:id="2"><w:p><w:pPr><w:pStyle w:val="EndnoteText"/></w:pPr>)"
          R"(<w:r><w:rPr><w:rStyle w:val="EndnoteReference"/></w:rPr><w:endnoteRef/></w:r>)"
          R"(<w:r><w:t xml:space="preserve"> </w:t></w:r><w:r><w:t>E.</w:t></w:r></w:p></w:endnote>)");
    CHECK(h.pkg.footnotes.find(R"(<w:footnote w:id="1">)") != std::string::npos);
    CHECK(h.pkg.footnotes.find("endnote") == std::string::npos);
    CHECK_FALSE(h.has("docx.endnote-as-footnote"));
    // 17.11.4 endnotes: the separator (-1) and continuation separator (0) endnotes first.
    std::string x = endnotes_xml(h.pkg);
    CHECK(x.find(R"(<w:endnotes xmlns:w=")") != std::string::npos);
    CHECK(x.find(R"(<w:endnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:endnote>)"
                 R"(<w:endnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:endnote>)"
                 R"(<w:endnote w:id="1">)") != std::string::npos);
    // 17.11.5 endnotePr in settings (after footnotePr) names those two.
    Document d;
    std::string s = settings_xml(make_settings(d, {}), true);
    CHECK(s.find(R"(</w:footnotePr><w:endnotePr><w:endnote w:id="-1"/><w:endnote w:id="0"/></w:endnotePr>)") !=
          std::string::npos);
    CHECK(settings_xml(make_settings(d, {})).find("endnotePr") == std::string::npos);
    // The part's content type only when there are endnotes.
    std::string ct = content_types_xml(h.pkg, false, false);
    CHECK(ct.find(R"(<Override PartName="/word/endnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml"/>)") !=
          std::string::npos);
    CHECK(content_types_xml(Package{}, false, false).find("endnotes") == std::string::npos);
    // Paragraph style "endnote text" and character style "endnote reference" (superscript).
    std::string st = styles_xml(make_settings(d, {}));
    CHECK(st.find(R"(w:styleId="EndnoteText"><w:name w:val="endnote text"/>)") != std::string::npos);
    CHECK(st.find(R"(w:styleId="EndnoteReference"><w:name w:val="endnote reference"/><w:basedOn w:val="DefaultParagraphFont"/>)") !=
          std::string::npos);
}

TEST_CASE("docx writer: the dateline opens the lede in a Dateline run, the opening byline with it",
          "[docx][docx-writer][dateline]") {
    Harness h("zh-CN");
    Metadata& m = h.doc.metadata;
    m.dateline = "新华社巴黎12月9日电";
    m.byline_placement = BylinePlacement::Start;
    m.contributors = {{"唐霁", Role::Reporter, "记者", "", ""}, {"刘晓阳", Role::Editor, "编辑", "", ""},
                      {"李铭", Role::Proofreader, "校对", "", ""}};
    h.doc.blocks = {para(text("法国9日再次爆发罢工。"))};
    h.bw->document(h.doc);
    const std::string xml = h.take();
    // The metadata line keeps each label; no Byline paragraph: the byline is in the dateline.
    CHECK(xml.find(R"(<w:p><w:pPr><w:pStyle w:val="ArticleMeta"/></w:pPr><w:r><w:t>编辑：刘晓阳　校对：李铭</w:t></w:r></w:p>)"
                   R"(<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr>)"
                   R"(<w:r><w:rPr><w:rStyle w:val="Dateline"/></w:rPr><w:t>新华社巴黎12月9日电（记者 唐霁）</w:t></w:r>)"
                   R"(<w:r><w:t>法国9日再次爆发罢工。</w:t></w:r></w:p>)") != std::string::npos);
    CHECK(xml.find("Byline") == std::string::npos);
}

TEST_CASE("docx writer: a dateline before a heading is a paragraph of its own", "[docx][docx-writer][dateline]") {
    Harness h("zh-CN");
    h.doc.metadata.dateline = "本报讯";
    Heading hd;
    hd.level = 2;
    hd.content = text("港口");
    h.doc.blocks = {hd};
    h.bw->document(h.doc);
    const std::string xml = h.take();
    CHECK(xml.find(R"(<w:body><w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr>)"
                   R"(<w:r><w:rPr><w:rStyle w:val="Dateline"/></w:rPr><w:t>本报讯</w:t></w:r>)"
                   R"(</w:p><w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr>)") !=
          std::string::npos);
}

TEST_CASE("docx writer: styles.xml defines the Dateline character style", "[docx][docx-writer][dateline]") {
    Document d;
    const std::string x = styles_xml(make_settings(d, {}));
    // Like Caption Label (17.7.4.17): name, basedOn, no rPr, so any other
    // program shows the dateline as plain text of the lede.
    const std::string open = R"(<w:style w:type="character" w:styleId="Dateline" w:customStyle="1">)"
                             R"(<w:name w:val="Dateline"/><w:basedOn w:val="DefaultParagraphFont"/>)";
    const auto at = x.find(open);
    REQUIRE(at != std::string::npos);
    const auto end = x.find("</w:style>", at);
    CHECK(x.substr(at, end - at).find("<w:rPr>") == std::string::npos);
}

// DOCX reader: hand-written WordprocessingML packages, then the real corpus
// and the hostile files.
#include <chrono>
#include <filesystem>

#include "common/zip/zip.hpp"
#include "copydesk/copydesk.hpp"
#include "docx/docx.hpp"
#include "docx/docx_reader.hpp"
#include "test_support.hpp"

using namespace copydesk;

namespace {

constexpr const char* kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

struct Pkg {
    std::string body;  // inside <w:body>
    std::string styles, numbering, footnotes, endnotes, comments, core, custom;
    std::string extra_rels;  // more <Relationship/> for the document
    std::vector<std::pair<std::string, std::string>> media;
};

std::string ns_decl() {
    return std::string("xmlns:w=\"") + kW +
           "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
           " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\""
           " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""
           " xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\""
           " xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\""
           " xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\""
           " xmlns:v=\"urn:schemas-microsoft-com:vml\"";
}

std::string build(const Pkg& p) {
    zip::Writer z;
    z.add("[Content_Types].xml",
          "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
          "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
          "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
          "<Default Extension=\"png\" ContentType=\"image/png\"/></Types>");
    std::string rels =
        "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        "officeDocument\" Target=\"word/main.xml\"/>";
    if (!p.core.empty())
        rels += "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/"
                "metadata/core-properties\" Target=\"docProps/core.xml\"/>";
    if (!p.custom.empty())
        rels += "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                "relationships/custom-properties\" Target=\"docProps/custom.xml\"/>";
    z.add("_rels/.rels", rels + "</Relationships>");
    // Not at word/document.xml: the reader must follow the relationship.
    z.add("word/main.xml", "<?xml version=\"1.0\"?><w:document " + ns_decl() + "><w:body>" + p.body +
                               "</w:body></w:document>");
    std::string drels =
        "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
    auto part = [&](const std::string& xml, const char* type, const char* name, const char* root) {
        if (xml.empty()) return;
        drels += std::string("<Relationship Id=\"r") + name + "\" Type=\"http://schemas.openxmlformats.org/"
                 "officeDocument/2006/relationships/" + type + "\" Target=\"" + name + ".xml\"/>";
        z.add(std::string("word/") + name + ".xml",
              std::string("<?xml version=\"1.0\"?><w:") + root + " " + ns_decl() + ">" + xml + "</w:" + root + ">");
    };
    part(p.styles, "styles", "styles", "styles");
    part(p.numbering, "numbering", "numbering", "numbering");
    part(p.footnotes, "footnotes", "footnotes", "footnotes");
    part(p.endnotes, "endnotes", "endnotes", "endnotes");
    part(p.comments, "comments", "comments", "comments");
    z.add("word/_rels/main.xml.rels", drels + p.extra_rels + "</Relationships>");
    for (const auto& [name, data] : p.media) z.add(name, data);
    if (!p.core.empty()) z.add("docProps/core.xml", p.core);
    if (!p.custom.empty()) z.add("docProps/custom.xml", p.custom);
    return z.finish();
}

Document read_pkg(const Pkg& p) {
    Options o;
    ReadContext ctx{"test.docx", o, Limits{}};
    return docx::read(build(p), ctx);
}

std::string para(const std::string& runs, const std::string& ppr = "") {
    return "<w:p>" + (ppr.empty() ? "" : "<w:pPr>" + ppr + "</w:pPr>") + runs + "</w:p>";
}
std::string run(const std::string& text, const std::string& rpr = "") {
    return "<w:r>" + (rpr.empty() ? "" : "<w:rPr>" + rpr + "</w:rPr>") + "<w:t xml:space=\"preserve\">" + text +
           "</w:t></w:r>";
}

bool has_diag(const Document& d, const std::string& code) {
    for (const auto& x : d.diagnostics)
        if (x.code == code) return true;
    return false;
}

const Inlines& content_of(const Block& b) {
    if (b.is<Heading>()) return b.as<Heading>().content;
    return b.as<Paragraph>().content;
}

}  // namespace

TEST_CASE("docx reader: run formatting, breaks, tabs and symbols", "[docx-reader]") {
    Pkg p;
    p.body = para(run("plain ") + run("bold", "<w:b/>") + run("both", "<w:b/><w:i/>") + run(" u", "<w:u w:val=\"single\"/>") +
                  run("x", "<w:u w:val=\"none\"/>") + run("s", "<w:dstrike/>") + run("2", "<w:vertAlign w:val=\"superscript\"/>") +
                  run("i", "<w:vertAlign w:val=\"subscript\"/>") + run("sc", "<w:smallCaps/>") +
                  run("off", "<w:b w:val=\"0\"/>")) +
             para("<w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:br w:type=\"page\"/>"
                  "<w:sym w:font=\"Wingdings\" w:char=\"2014\"/><w:noBreakHyphen/></w:r>");
    Document d = read_pkg(p);
    REQUIRE(d.blocks.size() == 2);
    const Inlines& a = content_of(d.blocks[0]);
    // plain, Strong[bold, Emph[both]], Underline[" u"], x, Strike[s], Super[2], Sub[i], SmallCaps[sc], off
    REQUIRE(a.size() == 9);
    CHECK(a[0].as<Text>().text == "plain ");
    REQUIRE(a[1].is<Strong>());
    CHECK(a[1].as<Strong>().content.size() == 2);
    CHECK(a[1].as<Strong>().content[1].is<Emph>());
    CHECK(a[2].is<Underline>());
    CHECK(a[3].as<Text>().text == "x");
    CHECK(a[4].is<Strikeout>());
    CHECK(a[5].is<Superscript>());
    CHECK(a[6].is<Subscript>());
    CHECK(a[7].is<SmallCaps>());
    CHECK(a[8].as<Text>().text == "off");
    const Inlines& b = content_of(d.blocks[1]);
    REQUIRE(b.size() == 3);
    CHECK(b[0].as<Text>().text == "a\tb");
    CHECK(b[1].is<LineBreak>());
    CHECK(b[2].as<Text>().text == "c\u2014\u2011");  // page break ignored
}

TEST_CASE("docx reader: styles through basedOn, headings in English and Chinese, cycles", "[docx-reader]") {
    Pkg p;
    p.styles =
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
        "<w:style w:type=\"paragraph\" w:styleId=\"a1\"><w:name w:val=\"标题 1\"/></w:style>"
        "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/></w:style>"
        "<w:style w:type=\"paragraph\" w:styleId=\"Mine\"><w:name w:val=\"My heading\"/><w:basedOn w:val=\"Heading2\"/></w:style>"
        "<w:style w:type=\"paragraph\" w:styleId=\"Outline\"><w:name w:val=\"Odd\"/><w:pPr><w:outlineLvl w:val=\"2\"/></w:pPr></w:style>"
        "<w:style w:type=\"paragraph\" w:styleId=\"Loop1\"><w:name w:val=\"L1\"/><w:basedOn w:val=\"Loop2\"/></w:style>"
        "<w:style w:type=\"paragraph\" w:styleId=\"Loop2\"><w:name w:val=\"L2\"/><w:basedOn w:val=\"Loop1\"/>"
        "<w:rPr><w:i/></w:rPr></w:style>"
        "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/></w:style>"
        "<w:style w:type=\"character\" w:styleId=\"Strong\"><w:name w:val=\"Strong\"/><w:rPr><w:b/></w:rPr></w:style>";
    p.body = para(run("The title"), "<w:pStyle w:val=\"Title\"/>") + para(run("一级"), "<w:pStyle w:val=\"a1\"/>") +
             para(run("Two"), "<w:pStyle w:val=\"Mine\"/>") + para(run("Three"), "<w:pStyle w:val=\"Outline\"/>") +
             para(run("Four"), "<w:outlineLvl w:val=\"3\"/>") + para(run("loop"), "<w:pStyle w:val=\"Loop1\"/>") +
             para("<w:r><w:rPr><w:rStyle w:val=\"Strong\"/></w:rPr><w:t>char style</w:t></w:r>");
    Document d = read_pkg(p);
    CHECK(d.metadata.title == "The title");
    REQUIRE(d.blocks.size() == 6);
    REQUIRE(d.blocks[0].is<Heading>());
    CHECK(d.blocks[0].as<Heading>().level == 1);
    CHECK(d.blocks[1].as<Heading>().level == 2);
    CHECK(d.blocks[2].as<Heading>().level == 3);
    CHECK(d.blocks[3].as<Heading>().level == 4);
    // A basedOn cycle ends; the style's italic applies to a plain paragraph.
    REQUIRE(d.blocks[4].is<Paragraph>());
    CHECK(d.blocks[4].as<Paragraph>().content[0].is<Emph>());
    CHECK(d.blocks[5].as<Paragraph>().content[0].is<Strong>());
}

TEST_CASE("docx reader: first-line indents are not block quotes; left indents and Quote are", "[docx-reader]") {
    Pkg p;
    p.styles = "<w:style w:type=\"paragraph\" w:styleId=\"IntenseQuote\"><w:name w:val=\"Intense Quote\"/></w:style>";
    p.body = para(run("正文"), "<w:ind w:firstLineChars=\"200\" w:firstLine=\"420\"/><w:jc w:val=\"both\"/>") +
             para(run("pt"), "<w:ind w:firstLine=\"480\"/>") + para(run("quoted"), "<w:ind w:left=\"720\"/>") +
             para(run("styled"), "<w:pStyle w:val=\"IntenseQuote\"/>") + para(run("hanging"), "<w:ind w:left=\"360\" w:hanging=\"360\"/>");
    Document d = read_pkg(p);
    REQUIRE(d.blocks.size() == 4);
    REQUIRE(d.blocks[0].is<Paragraph>());
    const auto& p0 = d.blocks[0].as<Paragraph>();
    REQUIRE(p0.first_line_indent);
    CHECK(p0.first_line_indent->value == 2.0);
    CHECK(p0.first_line_indent->unit == LengthUnit::Em);
    CHECK(p0.align == Alignment::Justify);
    REQUIRE(d.blocks[1].as<Paragraph>().first_line_indent);
    CHECK(d.blocks[1].as<Paragraph>().first_line_indent->value == 24.0);
    CHECK(d.blocks[1].as<Paragraph>().first_line_indent->unit == LengthUnit::Pt);
    REQUIRE(d.blocks[2].is<BlockQuote>());
    CHECK(d.blocks[2].as<BlockQuote>().content.size() == 2);  // consecutive quotes merge
    CHECK(d.blocks[3].is<Paragraph>());                       // hanging indent cancels the left indent
}

TEST_CASE("docx reader: lists from numbering.xml", "[docx-reader]") {
    Pkg p;
    p.numbering =
        "<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"3\"/><w:numFmt w:val=\"decimal\"/></w:lvl>"
        "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/></w:lvl></w:abstractNum>"
        "<w:abstractNum w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"bullet\"/></w:lvl></w:abstractNum>"
        "<w:abstractNum w:abstractNumId=\"2\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"chineseCounting\"/></w:lvl></w:abstractNum>"
        "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
        "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>"
        "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"2\"/></w:num>";
    p.styles = "<w:style w:type=\"paragraph\" w:styleId=\"ListBullet\"><w:name w:val=\"List Bullet\"/>"
               "<w:pPr><w:numPr><w:numId w:val=\"2\"/></w:numPr></w:pPr></w:style>";
    auto li = [](const std::string& text, int num, int lvl) {
        return para(run(text), "<w:numPr><w:ilvl w:val=\"" + std::to_string(lvl) + "\"/><w:numId w:val=\"" +
                                   std::to_string(num) + "\"/></w:numPr>");
    };
    p.body = li("one", 1, 0) + li("a", 1, 1) + li("b", 1, 1) + li("two", 1, 0) + para(run("between")) + li("three", 1, 0) +
             para(run("bullet from style"), "<w:pStyle w:val=\"ListBullet\"/>") + li("一", 3, 0);
    Document d = read_pkg(p);
    REQUIRE(d.blocks.size() == 5);
    REQUIRE(d.blocks[0].is<OrderedList>());
    const auto& ol = d.blocks[0].as<OrderedList>();
    CHECK(ol.start == 3);
    CHECK(ol.style == ListStyle::Decimal);
    REQUIRE(ol.items.size() == 2);
    REQUIRE(ol.items[0].size() == 2);
    REQUIRE(ol.items[0][1].is<OrderedList>());
    CHECK(ol.items[0][1].as<OrderedList>().style == ListStyle::LowerAlpha);
    CHECK(ol.items[0][1].as<OrderedList>().items.size() == 2);
    CHECK(d.blocks[1].is<Paragraph>());
    // The list resumes after the paragraph: its number continues (5).
    REQUIRE(d.blocks[2].is<OrderedList>());
    CHECK(d.blocks[2].as<OrderedList>().start == 5);
    CHECK(d.blocks[3].is<BulletList>());
    REQUIRE(d.blocks[4].is<OrderedList>());
    CHECK(d.blocks[4].as<OrderedList>().style == ListStyle::CJK);
}

TEST_CASE("docx reader: tables with gridSpan, vMerge and header rows", "[docx-reader]") {
    auto tc = [](const std::string& text, const std::string& pr = "") {
        return "<w:tc>" + (pr.empty() ? "" : "<w:tcPr>" + pr + "</w:tcPr>") + para(run(text)) + "</w:tc>";
    };
    Pkg p;
    p.body = "<w:tbl><w:tblGrid><w:gridCol w:w=\"1000\"/><w:gridCol w:w=\"1000\"/><w:gridCol w:w=\"2000\"/></w:tblGrid>"
             "<w:tr><w:trPr><w:tblHeader/></w:trPr>" + tc("H", "<w:gridSpan w:val=\"2\"/>") + tc("H3") + "</w:tr>"
             "<w:tr>" + tc("A", "<w:vMerge w:val=\"restart\"/>") + tc("B") + tc("C") + "</w:tr>"
             "<w:tr>" + tc("", "<w:vMerge/>") + tc("E") + "<w:tc>" +
             "<w:tbl><w:tr>" + tc("nested") + "</w:tr></w:tbl><w:p/></w:tc></w:tr></w:tbl>";
    Document d = read_pkg(p);
    REQUIRE(d.blocks.size() == 1);
    const Table& t = d.blocks[0].as<Table>();
    REQUIRE(t.head.size() == 1);
    CHECK(t.head[0].cells[0].colspan == 2);
    REQUIRE(t.body.size() == 2);
    CHECK(t.body[0].cells[0].rowspan == 2);
    CHECK(t.body[1].cells.size() == 2);
    CHECK(t.body[1].cells[1].content[0].is<Table>());
    REQUIRE(t.col_widths.size() == 3);
    CHECK(t.col_widths[2] == Approx(0.5));
}

TEST_CASE("docx reader: hyperlinks, fields, bookmarks, notes", "[docx-reader]") {
    Pkg p;
    p.extra_rels = "<Relationship Id=\"L1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                   "hyperlink\" Target=\"https://example.com/a\" TargetMode=\"External\"/>";
    p.footnotes = "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p/></w:footnote>"
                  "<w:footnote w:id=\"1\">" + para("<w:r><w:footnoteRef/></w:r>" + run(" note text")) + "</w:footnote>";
    p.endnotes = "<w:endnote w:id=\"2\">" + para(run("end")) + "</w:endnote>";
    p.body = para("<w:hyperlink r:id=\"L1\">" + run("ext", "<w:b/>") + "</w:hyperlink>" +
                  "<w:hyperlink w:anchor=\"sec\">" + run("int") + "</w:hyperlink>" +
                  "<w:fldSimple w:instr=\" HYPERLINK &quot;https://x.org&quot; \">" + run("simple") + "</w:fldSimple>" +
                  "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> HYPERLINK \"https://y.org\" </w:instrText></w:r>"
                  "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" + run("complex") +
                  "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
                  "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>"
                  "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" + run("7") +
                  "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
                  "<w:r><w:footnoteReference w:id=\"1\"/></w:r><w:r><w:endnoteReference w:id=\"2\"/></w:r>") +
             "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:bookmarkStart w:id=\"0\" w:name=\"sec\"/>" +
             run("Sec") + "<w:bookmarkEnd w:id=\"0\"/></w:p>" +
             "<w:p><w:bookmarkStart w:id=\"1\" w:name=\"unused\"/>" + run("text") + "</w:p>";
    Document d = read_pkg(p);
    REQUIRE(d.blocks.size() == 3);
    const Inlines& in = content_of(d.blocks[0]);
    REQUIRE(in.size() == 7);
    REQUIRE(in[0].is<Link>());
    CHECK(in[0].as<Link>().target == "https://example.com/a");
    CHECK(in[0].as<Link>().content[0].is<Strong>());
    CHECK(in[1].as<Link>().target == "#sec");
    CHECK(in[2].as<Link>().target == "https://x.org");
    CHECK(in[3].as<Link>().target == "https://y.org");
    CHECK(stringify(in[3]) == "complex");
    CHECK(in[4].as<Text>().text == "7");  // field result kept, instruction dropped
    REQUIRE(in[5].is<Note>());
    CHECK(stringify(in[5].as<Note>().content) == "note text");
    CHECK(in[6].as<Note>().attr.classes == std::vector<std::string>{"endnote"});
    CHECK(d.blocks[1].as<Heading>().attr.id == "sec");
    // The unreferenced bookmark leaves no anchor behind.
    CHECK(content_of(d.blocks[2]).size() == 1);
}

TEST_CASE("docx reader: tracked changes, comments, text boxes, content controls", "[docx-reader]") {
    Pkg p;
    p.comments = "<w:comment w:id=\"0\">" + para(run("c")) + "</w:comment>";
    p.body = para(run("keep ") + "<w:ins w:id=\"1\">" + run("inserted") + "</w:ins>" + "<w:del w:id=\"2\"><w:r><w:delText>gone</w:delText></w:r></w:del>" +
                  "<w:commentRangeStart w:id=\"0\"/>" + run(" end") + "<w:commentRangeEnd w:id=\"0\"/>") +
             "<w:sdt><w:sdtPr><w:alias w:val=\"x\"/></w:sdtPr><w:sdtContent>" + para(run("in control")) +
             "</w:sdtContent></w:sdt>" +
             para(run("anchor ") + "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor>"
                  "<wp:extent cx=\"100\" cy=\"100\"/><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>" +
                  para(run("boxed")) + "</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
                  "</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>" + para(run("boxed")) +
                  "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>");
    Document d = read_pkg(p);
    REQUIRE(d.blocks.size() == 4);
    CHECK(stringify(d.blocks[0]) == "keep inserted end");
    CHECK(stringify(d.blocks[1]) == "in control");
    CHECK(stringify(d.blocks[2]) == "anchor ");
    REQUIRE(d.blocks[3].is<Div>());  // one text box, not two
    CHECK(d.blocks[3].as<Div>().attr.classes == std::vector<std::string>{"textbox"});
    CHECK(stringify(d.blocks[3]) == "boxed");
    CHECK(has_diag(d, "docx.tracked-changes"));
    CHECK(has_diag(d, "docx.comments-dropped"));
    CHECK(has_diag(d, "docx.textbox-moved"));
}

TEST_CASE("docx reader: images with size, alt text and media", "[docx-reader]") {
    Pkg p;
    p.extra_rels = "<Relationship Id=\"img\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                   "image\" Target=\"media/pic.png\"/>";
    p.media = {{"word/media/pic.png", std::string("\x89PNG\r\n\x1a\n", 8)}};
    p.body = para("<w:r><w:drawing><wp:inline><wp:extent cx=\"1800000\" cy=\"914400\"/><wp:docPr id=\"1\" name=\"P\" "
                  "descr=\"一张图\"/><a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:embed=\"img\"/>"
                  "</pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
                  "<w:r><w:pict><v:shape style=\"width:72pt;height:36pt\"><v:imagedata r:id=\"img\"/></v:shape></w:pict></w:r>");
    Document d = read_pkg(p);
    REQUIRE(d.blocks.size() == 1);
    const Inlines& in = content_of(d.blocks[0]);
    REQUIRE(in.size() == 2);
    const Image& img = in[0].as<Image>();
    CHECK(img.target == "media/pic.png");
    CHECK(*img.attr.get("width") == "5cm");
    CHECK(*img.attr.get("height") == "2.54cm");  // 914400 EMU: cm preferred when exact
    CHECK(stringify(img.alt) == "一张图");
    CHECK(*in[1].as<Image>().attr.get("width") == "72pt");
    REQUIRE(d.resources.size() == 1);  // shared by both images
    CHECK(d.resources[0].mime == "image/png");
}

TEST_CASE("docx reader: figures from Figure paragraphs, or an image paragraph, and the captions after them",
          "[docx-reader]") {
    Pkg p;
    p.styles = "<w:style w:type=\"paragraph\" w:styleId=\"Caption\"><w:name w:val=\"caption\"/></w:style>"
               "<w:style w:type=\"paragraph\" w:styleId=\"Figure\"><w:name w:val=\"Figure\"/></w:style>"
               "<w:style w:type=\"character\" w:styleId=\"CapLbl\"><w:name w:val=\"Caption Label\"/></w:style>";
    p.extra_rels = "<Relationship Id=\"img\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                   "image\" Target=\"media/pic.png\"/>";
    p.media = {{"word/media/pic.png", std::string("\x89PNG\r\n\x1a\n", 8)}};
    const std::string image = "<w:r><w:drawing><wp:inline><wp:extent cx=\"914400\" cy=\"914400\"/><wp:docPr id=\"1\" "
                              "name=\"P\"/><a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:embed=\"img\"/>"
                              "</pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>";
    const std::string caption = "<w:pStyle w:val=\"Caption\"/>";
    p.body = para("<w:bookmarkStart w:id=\"0\" w:name=\"fig-a\"/><w:bookmarkEnd w:id=\"0\"/>" + run("图"),
                  "<w:pStyle w:val=\"Figure\"/>") +
             para(run("图1", "<w:rStyle w:val=\"CapLbl\"/>") + run(" 港口 夜景"), caption) +
             para(run("正文")) +
             // Word's Insert Caption: the label is plain text and a SEQ field.
             para(image) + para(run("Figure ") + run("1") + run(": Harbour"), caption) +
             para(image) +  // no caption after it: a paragraph
             para(run("Table 1"), caption) +
             "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>c</w:t></w:r></w:p></w:tc></w:tr></w:tbl>";
    Document d = read_pkg(p);
    REQUIRE(d.blocks.size() == 5);
    REQUIRE(d.blocks[0].is<Figure>());
    const Figure& f = d.blocks[0].as<Figure>();
    CHECK(f.attr.id == "fig-a");
    CHECK(f.label == "图1");
    REQUIRE(f.caption.size() == 1);
    CHECK(f.caption[0].as<Paragraph>().content == Inlines{Text{"港口 夜景"}});  // one space only removed
    REQUIRE(f.content.size() == 1);
    CHECK(f.content[0].as<Paragraph>().content == Inlines{Text{"图"}});  // its bookmark is the figure's id
    CHECK(d.blocks[1].is<Paragraph>());
    REQUIRE(d.blocks[2].is<Figure>());
    const Figure& w = d.blocks[2].as<Figure>();
    CHECK(w.label.empty());
    CHECK(stringify(w.caption) == "Figure 1: Harbour");
    REQUIRE(w.content.size() == 1);
    CHECK(w.content[0].as<Paragraph>().content.at(0).is<Image>());
    CHECK(d.blocks[3].is<Paragraph>());
    REQUIRE(d.blocks[4].is<Table>());
    CHECK(stringify(d.blocks[4].as<Table>().caption) == "Table 1");
}

TEST_CASE("docx reader: document properties", "[docx-reader]") {
    Pkg p;
    p.body = para(run("x"));
    p.core = "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
             "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\">"
             "<dc:title>标题</dc:title><dc:creator>王俊; Li Lei</dc:creator><dc:language>zh-CN</dc:language>"
             "<cp:keywords>新闻, 太仓</cp:keywords><dc:description>摘要一</dc:description>"
             "<dcterms:created>2023-07-13T00:00:00Z</dcterms:created></cp:coreProperties>";
    p.custom = "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" "
               "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
               "<property name=\"source\"><vt:lpwstr>太仓日报</vt:lpwstr></property>"
               "<property name=\"editor\"><vt:lpwstr>俞群艳</vt:lpwstr></property>"
               "<property name=\"Checked\"><vt:bool>true</vt:bool></property></Properties>";
    Document d = read_pkg(p);
    CHECK(d.metadata.title == "标题");
    REQUIRE(d.metadata.contributors.size() == 3);
    CHECK(d.metadata.contributors[1].name == "Li Lei");
    CHECK(d.metadata.contributors[2].role == Role::Editor);
    CHECK(d.metadata.language == "zh-CN");
    CHECK(d.metadata.keywords == std::vector<std::string>{"新闻", "太仓"});
    CHECK(stringify(d.metadata.abstract) == "摘要一");
    REQUIRE(d.metadata.date);
    CHECK(d.metadata.date->iso() == "2023-07-13");
    CHECK(d.metadata.source == "太仓日报");
    REQUIRE(d.metadata.custom.size() == 1);
    CHECK(d.metadata.custom[0].second == "true");
}

TEST_CASE("docx reader: typed errors for what is not a DOCX", "[docx-reader]") {
    Options o;
    ReadContext ctx{"x.docx", o, Limits{}};
    std::string ole("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
    ole.resize(2048, '\0');
    // A legacy .doc (any OLE file) is not a DOCX; an encrypted DOCX names its package stream.
    CHECK_THROWS_AS(docx::read(ole, ctx), UnsupportedFormatError);
    for (char c : std::string_view("EncryptedPackage")) ole += {c, '\0'};
    CHECK_THROWS_AS(docx::read(ole, ctx), EncryptedError);
    CHECK_THROWS_AS(docx::read("hello, world", ctx), ParseError);
    zip::Writer z;
    z.add("a.txt", "not word");
    CHECK_THROWS_AS(docx::read(z.finish(), ctx), ParseError);
    Pkg p;
    p.body = "<w:p><w:r><w:t>unclosed</w:r></w:p>";
    CHECK_THROWS_AS(read_pkg(p), ParseError);
}

TEST_CASE("docx reader: ISO Strict namespaces", "[docx-reader][corpus]") {
    COPYDESK_REQUIRE_CORPUS(corpus);
    Document d = read_file(corpus / "docx/mammoth/strict-format.docx", "docx");
    REQUIRE(d.blocks.size() == 1);
    CHECK(stringify(d.blocks[0]) == "Test");
}

TEST_CASE("docx reader: every corpus DOCX reads, or fails with a typed error", "[docx-reader][corpus]") {
    COPYDESK_REQUIRE_CORPUS(corpus);
    int ok = 0, failed = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(corpus / "docx")) {
        const auto ext = e.path().extension().string();
        if (!e.is_regular_file() || (ext != ".docx" && ext != ".docm" && ext != ".dotx")) continue;
        INFO(e.path().string());
        const std::string data = test::slurp(e.path());
        const auto t0 = std::chrono::steady_clock::now();
        try {
            Document d = read(data, "docx", {}, e.path().string());
            ++ok;
        } catch (const Error& err) {
            ++failed;
            CHECK(!err.message().empty());
        }
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        CHECK(secs < 5.0);
    }
    CHECK(ok >= 260);  // all 265 read as of this writing
    CHECK(failed <= 5);
}

TEST_CASE("docx reader: hostile DOCX-like files give typed errors", "[docx-reader][corpus]") {
    COPYDESK_REQUIRE_CORPUS(corpus);
    int errors = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(corpus / "hostile")) {
        const auto ext = e.path().extension().string();
        if (!e.is_regular_file() ||
            (ext != ".docx" && ext != ".ooxml" && ext != ".xlsx" && ext != ".pptx" && ext != ".zip"))
            continue;
        INFO(e.path().string());
        const std::string data = test::slurp(e.path());
        const auto t0 = std::chrono::steady_clock::now();
        try {
            (void)read(data, "docx", {}, e.path().string());
        } catch (const Error& err) {
            ++errors;
            CHECK(!err.message().empty());
        }
        CHECK(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() < 2.0);
    }
    CHECK(errors >= 25);
    // The two encrypted packages are recognised as such.
    for (const char* f : {"hostile/poi/bug53475-password-is-pass.docx", "hostile/tika/testWORD_protected_passtika.docx"})
        CHECK_THROWS_AS(read(test::slurp(corpus / f), "docx"), EncryptedError);
    CHECK_THROWS_AS(read(test::slurp(corpus / "hostile/poi/ExternalEntityInText.docx"), "docx"), ParseError);
    // A spreadsheet is not a Word document.
    CHECK_THROWS_AS(read(test::slurp(corpus / "hostile/poi/spreadsheet-poc-xmlbomb.xlsx"), "docx"), ParseError);
}

TEST_CASE("docx reader: Dateline runs opening the first paragraph are the dateline", "[docx-reader][dateline]") {
    Pkg p;
    p.styles = R"(<w:style w:type="character" w:styleId="DL"><w:name w:val="Dateline"/></w:style>)";
    p.body = para(run("新华社巴黎12月9日电", "<w:rStyle w:val=\"DL\"/>") + run("（记者 唐霁）", "<w:rStyle w:val=\"DL\"/>") +
                  run("法国9日再次爆发罢工。")) +
             para(run("本报讯", "<w:rStyle w:val=\"DL\"/>") + run("　第二段。"));
    Document d = read_pkg(p);
    CHECK(d.metadata.dateline == "新华社巴黎12月9日电");
    CHECK(d.metadata.byline_placement == BylinePlacement::Start);
    REQUIRE(d.metadata.contributors.size() == 1);
    CHECK(d.metadata.contributors[0] == Contributor{"唐霁", Role::Reporter, "记者", "", ""});
    REQUIRE(d.blocks.size() == 2);
    CHECK(stringify(d.blocks[0]) == "法国9日再次爆发罢工。");
    // Only the lede's: further down a Dateline run is text.
    CHECK(stringify(d.blocks[1]) == "本报讯　第二段。");
}

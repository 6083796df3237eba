// HTML writer: element HTML checked by hand, the whole page of a small
// article, options and diagnostics. The validators (Nu HTML Checker, pandoc)
// run in tests/python/test_html_markdown_interop.py on files this writes into
// $COPYDESK_TEST_OUT.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>

#include "copydesk/copydesk.hpp"
#include "html/html_writer.hpp"
#include "test_epub_support.hpp"
#include "test_support.hpp"

using namespace copydesk;
namespace hw = copydesk::html::writer;

namespace {

// The HTML one element writer produces (no head, no notes unless asked).
std::string body_html(const Document& doc, const std::function<void(hw::BodyWriter&)>& f,
                      Diagnostics* diags = nullptr) {
    Diagnostics local;
    DiagnosticSink sink(diags ? *diags : local);
    hw::Settings s;
    s.language = "zh-CN";
    s.script = hw::Script::SimplifiedChinese;
    xml::Writer w;
    w.html_syntax();
    hw::BodyWriter bw(w, s, doc, sink);
    f(bw);
    return w.take();
}

std::set<std::string> codes(const Diagnostics& d) {
    std::set<std::string> out;
    for (const auto& x : d) out.insert(x.code);
    return out;
}

}  // namespace

TEST_CASE("html: HTML syntax: void elements bare, empty elements with end tags", "[html-writer]") {
    Document doc;
    CHECK(body_html(doc, [](hw::BodyWriter& b) {
              b.paragraph(Paragraph{});
              b.paragraph(Paragraph{{Text{"a"}, LineBreak{}, Text{"b"}}, std::nullopt, Alignment::Default});
              b.block(HorizontalRule{});
          }) == "<p></p><p>a<br>b</p><hr>");
}

TEST_CASE("html: notes are an endnote section with links both ways", "[html-writer]") {
    Document doc;
    Note n;
    n.content = {test::para("注")};
    Note code_note;
    code_note.content = {CodeBlock{{}, "x"}};
    Paragraph p{{Text{"正文"}, n, code_note}, std::nullopt, Alignment::Default};
    CHECK(body_html(doc, [&](hw::BodyWriter& b) {
              b.paragraph(p);
              b.notes();
          }) == "<p>正文<a href=\"#cd-fn1\" id=\"cd-fnref1\" class=\"footnote-ref\" role=\"doc-noteref\"><sup>1</sup></a>"
                "<a href=\"#cd-fn2\" id=\"cd-fnref2\" class=\"footnote-ref\" role=\"doc-noteref\"><sup>2</sup></a></p>"
                "<div class=\"footnotes\" role=\"doc-endnotes\"><ol>"
                "<li id=\"cd-fn1\"><p>注 <a href=\"#cd-fnref1\" class=\"footnote-back\" role=\"doc-backlink\">↩</a></p></li>"
                "<li id=\"cd-fn2\"><pre><code>x</code></pre>"
                "<p><a href=\"#cd-fnref2\" class=\"footnote-back\" role=\"doc-backlink\">↩</a></p></li>"
                "</ol></div>");
}

TEST_CASE("html: images as data: URIs; relative links and raw HTML kept", "[html-writer]") {
    Document doc;
    doc.resources.push_back({"media/a.png", "image/png", test::tiny_png()});
    doc.resources.push_back({"media/a.bin", "application/pdf", "%PDF"});
    Diagnostics diags;
    Paragraph p{{Image{{}, {Text{"图"}}, "media/a.png", ""}, Image{{}, {Text{"文件"}}, "media/a.bin", ""},
                 Link{{}, {Text{"下页"}}, "page2.html#top", ""}, RawInline{"html", "<kbd>K</kbd>"},
                 RawInline{"tex", "\\LaTeX"}},
                std::nullopt, Alignment::Default};
    CHECK(body_html(doc, [&](hw::BodyWriter& b) { b.paragraph(p); }, &diags) ==
          "<p><img src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEUlEQVR4nGP4z8AARAxg8j8AG/"
          "ID/fPnS7EAAAAASUVORK5CYII=\" alt=\"图\"><span class=\"image-alt\">文件</span>"
          "<a href=\"page2.html#top\">下页</a><kbd>K</kbd></p>");
    CHECK(codes(diags) == std::set<std::string>{"html.image-type", "html.raw-dropped"});
}

TEST_CASE("html: figures with figcaption, tables with thead", "[html-writer]") {
    Document doc;
    Figure f;
    f.label = "图1";
    f.caption = {test::para("码头")};
    f.content = {test::para("内容")};
    CHECK(body_html(doc, [&](hw::BodyWriter& b) { b.figure(f); }) ==
          "<figure><p>内容</p><figcaption><span class=\"figure-label\">图1</span> 码头</figcaption></figure>");
    Table t;
    t.head = {TableRow{{TableCell{{test::para("甲")}, 1, 1, {}}}}};
    t.body = {TableRow{{TableCell{{test::para("1")}, 1, 1, {}}}}};
    CHECK(body_html(doc, [&](hw::BodyWriter& b) { b.table(t); }) ==
          "<table><thead><tr><th>甲</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>");
}

TEST_CASE("html: the whole page of a small article", "[html-writer]") {
    Document doc;
    doc.metadata.title = "T & U";
    doc.metadata.language = "en";
    doc.metadata.dateline = "LONDON";
    doc.metadata.contributors = {{"Ann", Role::Reporter, "By", "", ""}};
    doc.metadata.byline_placement = BylinePlacement::Start;
    doc.blocks = {test::para("Hello")};
    hw::Settings s;
    const std::string css = hw::stylesheet(s);
    CHECK(write(doc, "html") ==
          "<!DOCTYPE html>\n"
          "<html lang=\"en\"><head><meta charset=\"utf-8\">"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>T &amp; U</title>"
          "<meta name=\"author\" content=\"Ann\"><script type=\"application/ld+json\">"
          "{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":\"T \\u0026 U\","
          "\"inLanguage\":\"en\",\"author\":[{\"@type\":\"Person\",\"name\":\"Ann\",\"jobTitle\":\"By\"}]}</script>"
          "<style>" + css + "</style></head>\n"
          "<body><article>\n"
          "<header class=\"article-head\"><h1 class=\"title\">T &amp; U</h1></header>\n"
          "<p><span class=\"dateline\">LONDON (By Ann)</span> Hello</p>\n"
          "</article></body></html>\n");
}

TEST_CASE("html: the stylesheet indents zh/ja body paragraphs and forces no font", "[html-writer]") {
    hw::Settings en, zh, ja;
    zh.script = hw::Script::SimplifiedChinese;
    ja.script = hw::Script::Japanese;
    const std::string rule = "article > p, article > div > p { margin: 0.4em 0; text-indent: 2em; }";
    CHECK(hw::stylesheet(en).find(rule) == std::string::npos);
    CHECK(hw::stylesheet(zh).find(rule) != std::string::npos);
    CHECK(hw::stylesheet(ja).find(rule) != std::string::npos);
    for (const auto* s : {&en, &zh, &ja}) CHECK(hw::stylesheet(*s).find("font-family") == std::string::npos);
}

TEST_CASE("html: JSON-LD escapes what could end the script", "[html-writer]") {
    Metadata m;
    m.title = "a</script><b>\"\\";
    m.source = "源";
    CHECK(hw::json_ld(m, "zh") == "{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\","
                                  "\"headline\":\"a\\u003c/script\\u003e\\u003cb\\u003e\\\"\\\\\",\"inLanguage\":\"zh\","
                                  "\"publisher\":{\"@type\":\"Organization\",\"name\":\"源\"}}");
}

TEST_CASE("html: JSON-LD carries ORCIDs, proofreaders and the article's volume, issue and pages", "[html-writer]") {
    Metadata m;
    Contributor a{"Ann Lee", Role::Author, "", "", ""};
    a.identifiers = {{"orcid", "https://orcid.org/0000-0002-1825-0097"}};
    m.contributors = {a, {"李铭", Role::Proofreader, "校对", "", ""}};
    m.citation = {"12", "3", "", "", "e02272"};
    CHECK(hw::json_ld(m, "en") ==
          "{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"inLanguage\":\"en\","
          "\"author\":[{\"@type\":\"Person\",\"name\":\"Ann Lee\",\"sameAs\":[\"https://orcid.org/0000-0002-1825-0097\"]}],"
          "\"contributor\":[{\"@type\":\"Person\",\"name\":\"李铭\",\"jobTitle\":\"校对\"}],"
          "\"isPartOf\":{\"@type\":\"PublicationIssue\",\"issueNumber\":\"3\",\"isPartOf\":"
          "{\"@type\":\"PublicationVolume\",\"volumeNumber\":\"12\"}},\"pageStart\":\"e02272\"}");
}

TEST_CASE("html: images=files writes them beside the page, else falls back to embedding", "[html-writer]") {
    Document doc;
    doc.metadata.title = "页";
    doc.resources.push_back({"word/media/图 1.png", "image/png", test::tiny_png()});
    doc.blocks = {Paragraph{{Image{{}, {Text{"x"}}, "word/media/图 1.png", ""}}, std::nullopt, Alignment::Default}};
    auto dir = std::filesystem::temp_directory_path() / "copydesk-html-files";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    Options o;
    o.set("images", "files");
    write_file(doc, dir / "page.html", "", o);
    CHECK(test::slurp(dir / "page.html").find("<img src=\"page_files/____1.png\" alt=\"x\">") != std::string::npos);
    CHECK(test::slurp(dir / "page_files" / "____1.png") == test::tiny_png());
    Diagnostics diags;
    CHECK(write(doc, "html", o, &diags).find("src=\"data:image/png;base64,") != std::string::npos);
    CHECK(codes(diags) == std::set<std::string>{"html.images-embedded"});
    doc.metadata.title.clear();
    CHECK(write(doc, "html").find("<title>Untitled</title>") != std::string::npos);
    CHECK(write(doc, "html").find("<article aria-label=\"Untitled\">") != std::string::npos);
    o.set("images", "links");
    CHECK_THROWS_AS(write(doc, "html", o), UsageError);
}

TEST_CASE("html: writes the sample article and the every-node document for the validators", "[html-writer]") {
    Diagnostics diags;
    std::string page = write(test::every_node_document(), "html", {}, &diags);
    // The one thing HTML cannot hold as such is named: the formula (written as its TeX source).
    CHECK(codes(diags) == std::set<std::string>{"html.math-as-text"});
    CHECK(page.rfind("<!DOCTYPE html>\n<html lang=\"zh-CN\">", 0) == 0);
    const char* dir = std::getenv("COPYDESK_TEST_OUT");
    if (!dir) return;
    std::ofstream(std::filesystem::path(dir) / "every-node.json", std::ios::binary)
        << write(test::every_node_document(), "json");
}

TEST_CASE("html: xml::Writer in HTML syntax: CR as a line feed, C1 controls dropped", "[html-writer]") {
    Diagnostics diags;
    xml::Writer w(&diags, "");
    w.html_syntax();
    w.start("p").attr("title", "a\rb").text("x\ry\xC2\x85z\xC2\xA0").start("img").end().end();
    CHECK(w.take() == "<p title=\"a&#10;b\">x\nyz\xC2\xA0<img></p>");
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].code == "xml.invalid-char-dropped");
    // XML syntax is unchanged.
    xml::Writer x;
    x.start("p").text("\r").start("img").end().end();
    CHECK(x.take() == "<p>&#13;<img/></p>");
}

TEST_CASE("html: the table model holds: column groups only when they match, rowspans end with their group",
          "[html-writer]") {
    Document doc;
    auto c = [](std::string s, int cs = 1, int rs = 1) { return TableCell{{test::para(std::move(s))}, cs, rs, {}}; };
    Table t;
    t.col_widths = {0.5, 0.25, 0.25};  // three columns, but the rows are two wide
    t.head = {TableRow{{c("a", 1, 3), c("b")}}};
    t.body = {TableRow{{c("1"), c("2")}}};
    CHECK(body_html(doc, [&](hw::BodyWriter& b) { b.table(t); }) ==
          "<table><thead><tr><th>a</th><th>b</th></tr></thead>"
          "<tbody><tr><td>1</td><td>2</td></tr></tbody></table>");
    t.col_widths = {0.5, 0.5};
    CHECK(body_html(doc, [&](hw::BodyWriter& b) { b.table(t); }).find("<colgroup><col style=\"width: 50%;\">"
                                                                      "<col style=\"width: 50%;\"></colgroup>") !=
          std::string::npos);
}

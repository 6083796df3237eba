// EPUB reader: round trip, the corpus, hostile packages.
#include <catch2/catch.hpp>

#include <filesystem>

#include "common/zip/zip.hpp"
#include "copydesk/copydesk.hpp"
#include "epub/epub_reader.hpp"
#include "test_epub_support.hpp"
#include "test_support.hpp"

using namespace copydesk;

namespace {

const char* kContainer =
    "<?xml version=\"1.0\"?><container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">"
    "<rootfiles><rootfile full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/>"
    "</rootfiles></container>";

const char* kOpf =
    "<?xml version=\"1.0\"?><package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"id\">"
    "<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:identifier id=\"id\">urn:isbn:9780000000000"
    "</dc:identifier><dc:title>T</dc:title><dc:language>en</dc:language>"
    "<dc:creator opf:role=\"aut\" xmlns:opf=\"http://www.idpf.org/2007/opf\">A. Writer</dc:creator></metadata>"
    "<manifest><item id=\"c\" href=\"c.xhtml\" media-type=\"application/xhtml+xml\"/></manifest>"
    "<spine><itemref idref=\"c\"/></spine></package>";

// A small EPUB with one content document.
std::string make_epub(const std::string& xhtml, bool container = true, bool opf = true) {
    zip::Writer z;
    z.add("mimetype", "application/epub+zip", false);
    if (container) z.add("META-INF/container.xml", kContainer);
    if (opf) z.add("OEBPS/content.opf", kOpf);
    z.add("OEBPS/c.xhtml", xhtml);
    return z.finish();
}

std::string xhtml(const std::string& body, const std::string& doctype = "<!DOCTYPE html>") {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + doctype +
           "\n<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\">\n"
           "<head><title>t</title></head>\n<body>\n" +
           body + "\n</body>\n</html>\n";
}

}  // namespace

TEST_CASE("epub: AST -> EPUB -> AST is the same document", "[epub]") {
    Document doc = test::every_node_document();
    Document back = read(write(doc, "epub"), "epub");
    CHECK(back.metadata == doc.metadata);
    REQUIRE(back.blocks.size() == doc.blocks.size());
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
        INFO("block " << i << ": " << doc.blocks[i].type_name());
        CHECK(back.blocks[i] == doc.blocks[i]);
    }
    CHECK(back.resources == doc.resources);
    CHECK(back == doc);
    // The sample article too.
    Document news = read_file(test::source_dir() / "examples" / "zh-news.txt");
    CHECK(read(write(news, "epub"), "epub") == news);
}

TEST_CASE("epub: XHTML with DOCTYPEs, HTML entities and CJK line breaks", "[epub]") {
    std::string x11 = "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.1//EN\" \"http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd\">";
    Document d = read(make_epub(xhtml("<p>a&nbsp;b&mdash;&amp;&#x4e2d;&unknownent;</p>\n<p>中文\n  换行 and\n  words</p>"
                                      "<p><b>粗</b> <i>斜</i></p>",
                                      x11)),
                      "epub");
    REQUIRE(d.blocks.size() == 3);
    CHECK(stringify(d.blocks[0]) == "a\xC2\xA0" "b\xE2\x80\x94&中");
    CHECK(stringify(d.blocks[1]) == "中文换行 and words");
    CHECK(d.blocks[2] == Block(Paragraph{{Strong{{Text{"粗"}}}, Text{" "}, Emph{{Text{"斜"}}}}, {}, {}}));
    bool warned = false;
    for (const auto& diag : d.diagnostics) warned |= diag.code == "epub.entity-dropped";
    CHECK(warned);
    CHECK(d.metadata.title == "T");
    REQUIRE(d.metadata.contributors.size() == 1);
    CHECK(d.metadata.contributors[0].role == Role::Author);
    REQUIRE(d.metadata.identifiers.size() == 1);
    CHECK(d.metadata.identifiers[0].scheme == "isbn");
}

TEST_CASE("epub: pandoc-style footnotes become notes", "[epub]") {
    Document d = read(make_epub(xhtml(
                          "<p>text<a href=\"#fn1\" class=\"footnote-ref\" id=\"fnref1\" epub:type=\"noteref\"><sup>1</sup></a></p>"
                          "<section class=\"footnotes\" epub:type=\"footnotes\"><hr/><ol><li id=\"fn1\"><p>the note "
                          "<a href=\"#fnref1\" class=\"footnote-back\">↩</a></p></li></ol></section>")),
                      "epub");
    REQUIRE(d.blocks.size() == 1);
    Note n;
    n.attr.id = "fn1";
    n.content = {test::para("the note")};
    CHECK(d.blocks[0] == Block(Paragraph{{Text{"text"}, n}, {}, {}}));
}

TEST_CASE("epub: hostile packages give typed errors", "[epub]") {
    auto error_of = [](const std::string& bytes) -> std::pair<std::string, Location> {
        try {
            read(bytes, "epub");
        } catch (const ParseError& e) {
            return {e.message(), e.where()};
        } catch (const Error& e) {
            return {std::string("other: ") + e.what(), e.where()};
        }
        return {"no error", {}};
    };
    auto [m1, w1] = error_of(make_epub(xhtml("<p>x</p>"), false));
    CHECK(w1.part == "META-INF/container.xml");
    auto [m2, w2] = error_of(make_epub(xhtml("<p>x</p>"), true, false));
    CHECK(w2.part == "OEBPS/content.opf");
    // Broken XHTML: the error names the part and the line.
    auto [m3, w3] = error_of(make_epub(xhtml("<p>ok</p>\n<p>broken</b>")));
    CHECK(w3.part == "OEBPS/c.xhtml");
    CHECK(w3.line == 7);  // 1 declaration, 2 DOCTYPE, 3 html, 4 head, 5 body, 6 <p>ok, 7 broken
    // Billion laughs in an internal subset: refused before any expansion.
    std::string bomb = "<!DOCTYPE html [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                       "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>";
    auto [m4, w4] = error_of(make_epub(xhtml("<p>&d;&d;&d;&d;</p>", bomb)));
    CHECK(m4.find("internal subset") != std::string::npos);
    CHECK(w4.part == "OEBPS/c.xhtml");
    CHECK(w4.line == 2);
    // Not a ZIP at all.
    CHECK_THROWS_AS(read(std::string("PK\x03\x04garbage", 11), "epub"), Error);
}

TEST_CASE("epub: content sniffing hands EPUBs to the EPUB reader", "[epub]") {
    std::string bytes = make_epub(xhtml("<p>x</p>"));
    CHECK(detect_format(bytes)->name == "epub");
    CHECK(stringify(read(bytes).blocks) == "x");
}

TEST_CASE("epub: every corpus EPUB reads, and invalid ones fail with typed errors", "[epub][corpus]") {
    COPYDESK_REQUIRE_CORPUS(corpus);
    std::size_t read_ok = 0, typed_errors = 0, files = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(corpus / "epub")) {
        if (e.path().extension() != ".epub") continue;
        ++files;
        INFO(e.path().string());
        CHECK_NOTHROW(read_file(e.path()));
        ++read_ok;
    }
    CHECK(files == 49);
    for (const auto& e : std::filesystem::directory_iterator(corpus / "hostile" / "epubcheck-invalid")) {
        INFO(e.path().string());
        try {
            read_file(e.path(), "epub");
        } catch (const Error&) {
            ++typed_errors;
        }
    }
    CHECK(typed_errors >= 7);  // missing container/OPF, unreadable ZIPs, duplicate entries
    WARN("corpus EPUBs read: " << read_ok << "/" << files << "; invalid EPUBs refused with typed errors: "
                               << typed_errors);
}

TEST_CASE("epub: recover reads a content document that is not quite well-formed", "[epub][recover]") {
    const std::string epub = make_epub(xhtml("<p class=\"a\" class=\"b\">one</p>\n<p>two <a href=\"#x\">link</a></p>"));
    CHECK_THROWS_AS(read(epub, "epub"), ParseError);
    Options o;
    o.set("recover", "true");
    Document d = read(epub, "epub", o);
    REQUIRE(d.blocks.size() == 2);
    CHECK(stringify(d.blocks[0]) == "one");
    CHECK(stringify(d.blocks[1]) == "two link");
    int repairs = 0;
    for (const auto& x : d.diagnostics)
        if (x.code == "xml.recovered") {
            ++repairs;
            CHECK(x.where.part == "OEBPS/c.xhtml");
            CHECK(x.where.line == 6);  // declaration, DOCTYPE, html, head, body, then the paragraph
        }
    CHECK(repairs == 1);
}

TEST_CASE("epub: a span of class dateline opening the lede is the dateline", "[epub][dateline]") {
    Document d = read(make_epub(xhtml("<p><span class=\"dateline\">WASHINGTON (Reuters) -</span> The Senate voted.</p>"
                                      "<p><span class=\"dateline\">x</span> later</p>")),
                      "epub");
    CHECK(d.metadata.dateline == "WASHINGTON (Reuters) -");
    REQUIRE(d.blocks.size() == 2);
    CHECK(d.blocks[0] == Block(Paragraph{{Text{"The Senate voted."}}, std::nullopt, Alignment::Default}));
    CHECK(d.blocks[1].as<Paragraph>().content.front().is<Span>());  // not the lede: kept as it is
    // A dateline alone in a paragraph (before a heading) leaves no empty paragraph.
    Document alone = read(make_epub(xhtml("<p><span class=\"dateline\">本报讯（记者 王俊）</span></p><h2>港口</h2>")), "epub");
    CHECK(alone.metadata.dateline == "本报讯");
    CHECK(alone.metadata.byline_placement == BylinePlacement::Start);
    REQUIRE(alone.blocks.size() == 1);
    CHECK(alone.blocks[0].is<Heading>());
}

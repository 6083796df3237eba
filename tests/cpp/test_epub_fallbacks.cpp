// EPUB reader: the text of fallback content — <object> and <canvas> content,
// epub:switch defaults, SVG <text> inline and as spine documents — is read.
#include <catch2/catch.hpp>

#include <filesystem>

#include "common/zip/zip.hpp"
#include "copydesk/copydesk.hpp"
#include "test_support.hpp"

using namespace copydesk;

namespace {

const char* kContainer =
    "<?xml version=\"1.0\"?><container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">"
    "<rootfiles><rootfile full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/>"
    "</rootfiles></container>";

// An EPUB whose spine is c.xhtml and, when `svg_doc` is given, s.svg after it.
std::string make_epub(const std::string& body, const std::string& svg_doc = "") {
    std::string opf =
        "<?xml version=\"1.0\"?><package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" "
        "unique-identifier=\"id\"><metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:identifier id=\"id\">"
        "urn:uuid:1</dc:identifier><dc:title>T</dc:title><dc:language>en</dc:language></metadata><manifest>"
        "<item id=\"c\" href=\"c.xhtml\" media-type=\"application/xhtml+xml\"/>"
        "<item id=\"s\" href=\"s.svg\" media-type=\"image/svg+xml\"/></manifest><spine><itemref idref=\"c\"/>" +
        std::string(svg_doc.empty() ? "" : "<itemref idref=\"s\"/>") + "</spine></package>";
    zip::Writer z;
    z.add("mimetype", "application/epub+zip", false);
    z.add("META-INF/container.xml", kContainer);
    z.add("OEBPS/content.opf", opf);
    z.add("OEBPS/c.xhtml",
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" "
          "xmlns:epub=\"http://www.idpf.org/2007/ops\"><head><title>t</title></head><body>" +
              body + "</body></html>");
    if (!svg_doc.empty()) z.add("OEBPS/s.svg", svg_doc);
    return z.finish();
}

std::vector<std::string> block_texts(const Document& d) {
    std::vector<std::string> out;
    for (const auto& b : d.blocks) out.push_back(stringify(b));
    return out;
}

}  // namespace

TEST_CASE("epub fallbacks: <object> content is read as blocks or inlines", "[epub][epub-fallback]") {
    Document d = read(make_epub("<object data=\"q.xml\" type=\"application/x-quiz\"><param name=\"a\" value=\"b\"/>"
                                "<h2>Quiz</h2><ol><li><p>Why?</p></li></ol></object>"
                                "<p>See <object data=\"x.png\">the chart</object> here.</p>"),
                      "epub");
    REQUIRE(d.blocks.size() == 3);
    CHECK(d.blocks[0] == Block(Heading{2, {}, {Text{"Quiz"}}}));
    REQUIRE(d.blocks[1].is<OrderedList>());
    CHECK(stringify(d.blocks[1]) == "Why?");
    CHECK(stringify(d.blocks[2]) == "See the chart here.");
    for (const auto& diag : d.diagnostics) CHECK(diag.code != "epub.element-dropped");
}

TEST_CASE("epub fallbacks: canvas text and epub:switch defaults", "[epub][epub-fallback]") {
    Document d = read(make_epub("<canvas id=\"c\">No canvas support.</canvas>"
                                "<epub:switch id=\"s\"><epub:case required-namespace=\"http://www.w3.org/1998/Math/MathML\">"
                                "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mi>x</mi></math></epub:case>"
                                "<epub:default><p>x squared</p></epub:default></epub:switch>"),
                      "epub");
    CHECK(block_texts(d) == std::vector<std::string>{"No canvas support.", "x squared"});
}

TEST_CASE("epub fallbacks: SVG text, inline and as a spine document", "[epub][epub-fallback]") {
    const std::string svg_ns = "xmlns=\"http://www.w3.org/2000/svg\"";
    Document d = read(make_epub("<p>Map: <svg " + svg_ns + " width=\"10\"><title>t</title><rect/><text x=\"1\">North"
                                "</text><text><tspan>South</tspan> <tspan>pole</tspan></text></svg></p>"
                                "<div><svg " + svg_ns + "><circle r=\"1\"/></svg></div>",
                                "<?xml version=\"1.0\"?><svg " + svg_ns +
                                    " viewBox=\"0 0 10 10\"><g><text>Chapter two</text></g></svg>"),
                      "epub");
    CHECK(block_texts(d) == std::vector<std::string>{"Map: North South pole", "Chapter two"});
    // An SVG without text is still reported as dropped.
    bool dropped = false;
    for (const auto& diag : d.diagnostics) dropped |= diag.code == "epub.element-dropped";
    CHECK(dropped);
}

TEST_CASE("epub fallbacks: the corpus books keep their fallback text", "[epub][epub-fallback][corpus]") {
    COPYDESK_REQUIRE_CORPUS(corpus);
    const auto dir = corpus / "epub" / "idpf-epub3-samples";
    std::string quiz = write(read_file(dir / "quiz-bindings.epub"), "plain");
    // The ten questions and their forty choices are the <object>'s fallback.
    for (const char* s : {"The Solar System and Beyond", "What is the name given to planets like Jupiter and Neptune?",
                          "Gas Giants", "What force keeps the planets in their orbits?", "Weight", "Rocky Dwarves"})
        CHECK(quiz.find(s) != std::string::npos);
    std::string trees = write(read_file(dir / "trees.epub"), "plain");
    std::size_t canvases = 0;
    const std::string canvas = "Your Reading System does not support canvas.";
    for (std::size_t p = trees.find(canvas); p != std::string::npos; p = trees.find(canvas, p + 1)) ++canvases;
    CHECK(canvases == 3);
}

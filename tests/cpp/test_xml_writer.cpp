// xml::Writer: exact output, escaping, dropped characters.
#include "common/xml/xml.hpp"
#include "test_support.hpp"

#include <stdexcept>

using copydesk::Diagnostics;
namespace xml = copydesk::xml;

TEST_CASE("xml writer: declaration, nesting, attributes, self-closing", "[xml]") {
    xml::Writer w;
    w.declaration();
    w.start("w:document").attr("xmlns:w", std::string(xml::ns::w));
    w.start("w:body");
    w.start("w:p").start("w:pPr").start("w:pStyle").attr("w:val", "Title").end().end();
    w.start("w:r").element("w:t", "Hi").end();
    w.end();                 // w:p
    w.element("w:p", "");    // empty element
    w.start("w:sectPr").end();
    w.end().end();
    CHECK(w.open_elements() == 0);
    CHECK(w.take() ==
          "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
          "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
          "<w:body><w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:t>Hi</w:t></w:r></w:p>"
          "<w:p/><w:sectPr/></w:body></w:document>");
}

TEST_CASE("xml writer: declaration without standalone, raw, doctype", "[xml]") {
    xml::Writer w;
    w.declaration(false);
    w.doctype("article", "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.2 20190208//EN",
              "JATS-journalpublishing1.dtd");
    w.start("article").raw("<x a=\"1\"/>").end();
    CHECK(w.take() ==
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<!DOCTYPE article PUBLIC \"-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.2 20190208//EN\" "
          "\"JATS-journalpublishing1.dtd\">\n"
          "<article><x a=\"1\"/></article>");

    xml::Writer s;
    s.doctype("html", "", "");
    s.doctype("r", "", "it's.dtd");
    s.doctype("q", "", "say \"x\".dtd");
    CHECK(s.take() == "<!DOCTYPE html>\n<!DOCTYPE r SYSTEM \"it's.dtd\">\n<!DOCTYPE q SYSTEM 'say \"x\".dtd'>\n");
}

TEST_CASE("xml writer: text escaping", "[xml]") {
    xml::Writer w;
    w.start("t").text("a&b<c>d]]>e \"q\" 'a'\ttab\nline\r\n").end();
    CHECK(w.take() == "<t>a&amp;b&lt;c&gt;d]]&gt;e \"q\" 'a'\ttab\nline&#13;\n</t>");
}

TEST_CASE("xml writer: attribute escaping", "[xml]") {
    xml::Writer w;
    w.start("t").attr("v", "\"a&b<c>\"\t\n\r'").end();
    CHECK(w.take() == "<t v=\"&quot;a&amp;b&lt;c>&quot;&#9;&#10;&#13;'\"/>");
}

TEST_CASE("xml writer: UTF-8 passes through unchanged", "[xml]") {
    xml::Writer w;
    // 2-, 3- and 4-byte sequences, the last characters below the surrogates
    // and after them, U+FFFD, U+10FFFF, C1 control U+0085 (allowed in XML 1.0).
    const std::string s = "é中文\xED\x9F\xBF\xEE\x80\x80\xEF\xBF\xBD\xF0\x9F\x98\x80\xF4\x8F\xBF\xBF\xC2\x85";
    Diagnostics d;
    xml::Writer wd(&d, "word/document.xml");
    wd.element("t", s);
    CHECK(wd.take() == "<t>" + s + "</t>");
    CHECK(d.empty());
}

TEST_CASE("xml writer: characters XML cannot hold are dropped with one diagnostic", "[xml]") {
    Diagnostics d;
    xml::Writer w(&d, "word/document.xml");
    w.start("t");
    w.attr("a", std::string("x\x01y\x1Fz", 5));
    w.text(std::string("a\0b", 3));                 // NUL
    w.text("c\x0B\x0C" "d");                         // vertical tab, form feed
    w.text("e\xEF\xBF\xBE" "f\xEF\xBF\xBFg");        // U+FFFE, U+FFFF
    w.text("h\xED\xA0\x80i\xED\xBF\xBFj");           // lone surrogates encoded in UTF-8
    w.text("k\xC0\xAFl\xE0\x80\xAFm");               // overlong
    w.text("n\xF4\x90\x80\x80o");                    // above U+10FFFF
    w.text("p\xFFq\x80r\xC3");                       // stray bytes, truncated sequence at the end
    w.text("s\xE4\xB8" "t");                         // truncated 3-byte sequence
    w.end();
    CHECK(w.take() == "<t a=\"xyz\">abcdefghijklmnopqrst</t>");
    REQUIRE(d.size() == 1);
    CHECK(d[0].code == "xml.invalid-char-dropped");
    CHECK(d[0].severity == copydesk::Severity::Warning);
    CHECK(d[0].where.part == "word/document.xml");
    CHECK(d[0].message.find("U+0001") != std::string::npos);

    // A second writer reports again; one without a sink just drops.
    xml::Writer w2(&d, "word/footnotes.xml");
    w2.element("t", "\x02");
    CHECK(w2.take() == "<t></t>");
    REQUIRE(d.size() == 2);
    CHECK(d[1].where.part == "word/footnotes.xml");
    xml::Writer w3;
    w3.element("t", "a\x02");
    CHECK(w3.take() == "<t>a</t>");
}

TEST_CASE("xml writer: misuse is a logic error", "[xml]") {
    xml::Writer w;
    w.start("a").start("b");
    CHECK_THROWS_AS(w.take(), std::logic_error);
    w.text("x");
    CHECK_THROWS_AS(w.attr("late", "1"), std::logic_error);
    w.end().end();
    CHECK_THROWS_AS(w.end(), std::logic_error);
    CHECK(w.take() == "<a><b>x</b></a>");
    // take() leaves an empty writer behind.
    w.element("c", "");
    CHECK(w.take() == "<c/>");
}

TEST_CASE("xml writer: buffer() exposes the output so far", "[xml]") {
    xml::Writer w;
    w.start("a").text("x");
    CHECK(w.buffer() == "<a>x");
    w.end();
    CHECK(w.buffer() == "<a>x</a>");
}

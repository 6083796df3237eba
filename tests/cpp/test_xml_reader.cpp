// xml::Reader: namespaces, node kinds, safety (DOCTYPE, XXE, entity bombs),
// errors with locations, limits, encodings, skip/read_text, round trip.
#include "common/xml/xml.hpp"
#include "test_support.hpp"

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

using copydesk::Location;
namespace xml = copydesk::xml;
namespace fs = std::filesystem;

namespace {

// "S{ns}name" / "E{ns}name" / "T[text]" per node, for compact structural checks.
std::vector<std::string> events(std::string_view doc, xml::ReaderOptions opt = {}) {
    xml::Reader r(doc, Location{"in.docx", "word/document.xml"}, opt);
    std::vector<std::string> out;
    while (r.next()) {
        switch (r.type()) {
            case xml::NodeType::StartElement:
                out.push_back("S{" + std::string(r.ns()) + "}" + std::string(r.local_name()));
                break;
            case xml::NodeType::EndElement:
                out.push_back("E{" + std::string(r.ns()) + "}" + std::string(r.local_name()));
                break;
            case xml::NodeType::Text: out.push_back("T[" + std::string(r.text()) + "]"); break;
        }
    }
    return out;
}

// Reads a whole document, returning all text (element text and attribute values).
std::string all_text(xml::Reader& r) {
    std::string t;
    while (r.next()) {
        if (r.type() == xml::NodeType::Text) t += r.text();
    }
    return t;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("xml reader: namespaces are matched by URI, not prefix", "[xml]") {
    const std::string doc =
        "<a:root xmlns:a=\"urn:x\"><b:child xmlns:b=\"urn:x\">t</b:child><a:child/></a:root>";
    xml::Reader r(doc, Location{"f", "p"});
    REQUIRE(r.next());
    CHECK(r.is("urn:x", "root"));
    CHECK_FALSE(r.is("a", "root"));
    CHECK_FALSE(r.is("", "root"));
    CHECK(r.depth() == 0);
    REQUIRE(r.next());
    CHECK(r.is("urn:x", "child"));
    CHECK(r.local_name() == "child");
    CHECK(r.ns() == "urn:x");
    CHECK(r.depth() == 1);
    REQUIRE(r.next());
    CHECK(r.type() == xml::NodeType::Text);
    CHECK(r.text() == "t");
    CHECK(r.depth() == 2);
    REQUIRE(r.next());
    CHECK(r.is_end("urn:x", "child"));
    CHECK_FALSE(r.is("urn:x", "child"));
    REQUIRE(r.next());
    CHECK(r.is("urn:x", "child"));
    REQUIRE(r.next());
    CHECK(r.is_end("urn:x", "child"));
    REQUIRE(r.next());
    CHECK(r.is_end("urn:x", "root"));
    CHECK_FALSE(r.next());
    CHECK_FALSE(r.next());  // stays at the end
}

TEST_CASE("xml reader: default namespace and its reset", "[xml]") {
    CHECK(events("<root xmlns=\"urn:d\"><c/><n:c xmlns:n=\"urn:e\"/><u xmlns=\"\"/></root>") ==
          Strings{"S{urn:d}root", "S{urn:d}c", "E{urn:d}c", "S{urn:e}c", "E{urn:e}c", "S{}u", "E{}u",
                  "E{urn:d}root"});
}

TEST_CASE("xml reader: empty elements are a start and an end", "[xml]") {
    CHECK(events("<r><a/><b></b><c x='1'/></r>") ==
          Strings{"S{}r", "S{}a", "E{}a", "S{}b", "E{}b", "S{}c", "E{}c", "E{}r"});
    xml::Reader r("<r><a/></r>", Location{});
    REQUIRE(r.next());
    REQUIRE(r.next());
    CHECK(r.is("", "a"));
    CHECK(r.depth() == 1);
    REQUIRE(r.next());
    CHECK(r.is_end("", "a"));
    CHECK(r.depth() == 1);
    CHECK_FALSE(r.attr("", "x"));
}

TEST_CASE("xml reader: attributes with and without namespace", "[xml]") {
    const std::string doc = "<w:p xmlns:w=\"" + std::string(xml::ns::w) +
                            "\" xmlns:q=\"" + std::string(xml::ns::w) +
                            "\" w:val=\"1\" val=\"2\" xml:space=\"preserve\" "
                            "amp=\"a&amp;b&lt;&#x4E2D;&#20013;&#10;&quot;\" ws=\"a\tb\nc\"><w:r q:id=\"7\"/></w:p>";
    xml::Reader r(doc, Location{});
    REQUIRE(r.next());
    CHECK(r.attr(xml::ns::w, "val") == std::optional<std::string>("1"));
    CHECK(r.attr("", "val") == std::optional<std::string>("2"));
    CHECK(r.attr(xml::ns::xml, "space") == std::optional<std::string>("preserve"));
    CHECK(r.attr(xml::ns::w, "space") == std::nullopt);
    CHECK(r.attr(xml::ns::w, "missing") == std::nullopt);
    CHECK(r.attr("", "amp") == std::optional<std::string>("a&b<中中\n\""));
    // Literal tabs and newlines in attribute values are normalised to spaces (XML 1.0 3.3.3).
    CHECK(r.attr("", "ws") == std::optional<std::string>("a b c"));
    REQUIRE(r.next());
    CHECK(r.is(xml::ns::w, "r"));
    CHECK(r.attr(xml::ns::w, "id") == std::optional<std::string>("7"));  // prefix q, same URI
    REQUIRE(r.next());
    CHECK(r.attr(xml::ns::w, "id") == std::nullopt);  // not on an end element
}

TEST_CASE("xml reader: CDATA, character and predefined entity references are text", "[xml]") {
    xml::Reader r("<a>x<![CDATA[<b>&amp;]]>y &amp;&lt;&gt;&apos;&quot;&#x4E2D;&#20013;</a>", Location{});
    REQUIRE(r.next());
    CHECK(r.read_text() == "x<b>&amp;y &<>'\"中中");
    CHECK(r.is_end("", "a"));
    CHECK(r.dropped_entities() == 0);
}

TEST_CASE("xml reader: whitespace text inside the root is reported", "[xml]") {
    const std::string doc = "<?xml version=\"1.0\"?>\n<!-- c -->\n<w:document xmlns:w=\"" + std::string(xml::ns::w) +
                            "\">\n  <w:t xml:space=\"preserve\">  </w:t><w:t> </w:t><?pi x?></w:document>\n";
    const std::string w = "{" + std::string(xml::ns::w) + "}";
    CHECK(events(doc) ==
          Strings{"S" + w + "document", "T[\n  ]", "S" + w + "t", "T[  ]", "E" + w + "t", "S" + w + "t", "T[ ]",
                  "E" + w + "t", "E" + w + "document"});
}

TEST_CASE("xml reader: DOCTYPE is rejected unless allowed", "[xml]") {
    const std::string doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE a SYSTEM \"a.dtd\">\n<a>x</a>";
    try {
        events(doc);
        FAIL("DOCTYPE accepted");
    } catch (const copydesk::ParseError& e) {
        CHECK(e.message() == "DOCTYPE not allowed in word/document.xml");
        CHECK(e.where().file == "in.docx");
        CHECK(e.where().part == "word/document.xml");
    }
    CHECK(events(doc, xml::ReaderOptions{true}) == Strings{"S{}a", "T[x]", "E{}a"});
}

TEST_CASE("xml reader: JATS-style DOCTYPE: undeclared entities are dropped and counted", "[xml]") {
    const std::string doc =
        "<!DOCTYPE article PUBLIC \"-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.2 20190208//EN\" "
        "\"JATS-journalpublishing1.dtd\">\n<article a=\"x&nbsp;y\">a&nbsp;b&mdash;c&amp;<p b=\"&nbsp;\"/></article>";
    xml::Reader r(doc, Location{"a.xml", ""}, xml::ReaderOptions{true});
    REQUIRE(r.next());
    CHECK(r.attr("", "a") == std::optional<std::string>("xy"));
    CHECK(r.read_text() == "abc&");
    CHECK(r.attr("", "a") == std::nullopt);  // on the end element now
    CHECK(r.dropped_entities() == 4);

    // Declared internal entities: references in text and attributes, each counted once.
    xml::Reader d("<!DOCTYPE r [<!ENTITY e \"E\">]><r x=\"&e;&e;\"><s y=\"&e;\">1&e;2</s></r>", Location{},
                  xml::ReaderOptions{true});
    REQUIRE(d.next());
    CHECK(d.attr("", "x") == std::optional<std::string>(""));
    CHECK(d.attr("", "x") == std::optional<std::string>(""));
    REQUIRE(d.next());
    CHECK(d.attr("", "y") == std::optional<std::string>(""));
    CHECK(d.read_text() == "12");
    REQUIRE(d.next());
    CHECK_FALSE(d.next());
    CHECK(d.dropped_entities() == 4);
}

TEST_CASE("xml reader: XXE payloads from the corpus", "[xml][corpus]") {
    COPYDESK_REQUIRE_CORPUS(corpus);
    const fs::path dir = corpus / "hostile" / "xxe-payloads";
    REQUIRE(fs::is_directory(dir));
    int files = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
        ++files;
        const std::string data = copydesk::test::slurp(entry.path());
        INFO(entry.path().filename().string());
        // OOXML/EPUB parts: always a ParseError.
        CHECK_THROWS_AS(events(data), copydesk::ParseError);

        // DOCTYPE allowed: a typed error or a document, but nothing loaded.
        const auto t0 = std::chrono::steady_clock::now();
        try {
            xml::Reader r(data, Location{entry.path().string(), ""}, xml::ReaderOptions{true});
            const std::string text = all_text(r);
            CHECK(text.find("root:") == std::string::npos);
            CHECK(text.size() < 10000);
        } catch (const copydesk::Error& e) {
            CHECK((e.kind() == copydesk::ErrorKind::Parse || e.kind() == copydesk::ErrorKind::Limit));
        }
        CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(2));
    }
    CHECK(files >= 5);

    // The passwd payload has a malformed element declaration; fixed, it parses
    // and the external entity stays an unexpanded reference.
    std::string passwd = copydesk::test::slurp(dir / "classic-xxe-etc-passwd.xml");
    const auto at = passwd.find("(#ANY)");
    REQUIRE(at != std::string::npos);
    passwd.replace(at, 6, "ANY");
    CHECK_THROWS_AS(events(passwd), copydesk::ParseError);
    xml::Reader r(passwd, Location{}, xml::ReaderOptions{true});
    REQUIRE(r.next());
    CHECK(r.is("", "data"));
    CHECK(r.read_text().empty());
    CHECK(r.dropped_entities() == 1);
}

TEST_CASE("xml reader: external entities are never loaded, even from a readable file", "[xml]") {
    // A file we know exists and whose content we can recognise.
    const fs::path self = copydesk::test::source_dir() / "tests" / "cpp" / "test_xml_reader.cpp";
    REQUIRE(fs::exists(self));
    const std::string url = "file://" + self.string();
    const std::string doc = "<!DOCTYPE d [<!ENTITY e SYSTEM \"" + url + "\"><!ENTITY % p SYSTEM \"" + url +
                            "\"> %p;]>\n<d a=\"1\">[&e;]</d>";
    xml::Reader r(doc, Location{}, xml::ReaderOptions{true});
    REQUIRE(r.next());
    CHECK(r.read_text() == "[]");
    CHECK(r.dropped_entities() == 1);
}

TEST_CASE("xml reader: entity expansion bombs are bounded", "[xml]") {
    // Ten levels of ten: 10^10 copies if expanded, referenced in text and in an attribute.
    std::string dtd = "<!DOCTYPE d [<!ENTITY e0 \"lol\">";
    for (int i = 1; i <= 10; ++i) {
        dtd += "<!ENTITY e" + std::to_string(i) + " \"";
        for (int k = 0; k < 10; ++k) dtd += "&e" + std::to_string(i - 1) + ";";
        dtd += "\">";
    }
    dtd += "]>\n";
    for (const std::string body : {"<d>&e10;</d>", "<d a=\"&e10;\"/>", "<d a=\"&e10;\">&e10;</d>"}) {
        INFO(body);
        const std::string doc = dtd + body;
        CHECK_THROWS_AS(events(doc), copydesk::ParseError);
        const auto t0 = std::chrono::steady_clock::now();
        try {
            xml::Reader r(doc, Location{}, xml::ReaderOptions{true});
            std::size_t total = 0;
            while (r.next()) {
                if (r.type() == xml::NodeType::Text) total += r.text().size();
                if (r.type() == xml::NodeType::StartElement) total += r.attr("", "a").value_or("").size();
            }
            CHECK(total < 1000);
        } catch (const copydesk::Error& e) {
            CHECK((e.kind() == copydesk::ErrorKind::Limit || e.kind() == copydesk::ErrorKind::Parse));
        }
        CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(2));
    }
}

TEST_CASE("xml reader: malformed XML gives a ParseError with a location", "[xml]") {
    const std::string doc = "<a>\n<b>\n</a>\n";
    try {
        events(doc);
        FAIL("malformed XML accepted");
    } catch (const copydesk::ParseError& e) {
        CHECK(e.where().file == "in.docx");
        CHECK(e.where().part == "word/document.xml");
        CHECK(e.where().line == 3);
        CHECK(e.where().column > 0);
        CHECK(std::string(e.what()).find("word/document.xml:3") != std::string::npos);
    }
    for (const std::string bad : {"", "<a>", "<a></b>", "<a>&bogus;</a>", "<a x='1' x='2'/>", "<a/><b/>",
                                  "<w:p/>", "<a>\xFF\xFE</a>", "text", "<a>\x01</a>"}) {
        INFO(bad);
        CHECK_THROWS_AS(events(bad), copydesk::ParseError);
    }
}

TEST_CASE("xml reader: nesting depth is limited", "[xml]") {
    auto nested = [](int n) {
        std::string s;
        for (int i = 0; i < n; ++i) s += "<a>";
        for (int i = 0; i < n; ++i) s += "</a>";
        return s;
    };
    CHECK(events(nested(10), xml::ReaderOptions{false, 10}).size() == 20);
    CHECK_THROWS_AS(events(nested(11), xml::ReaderOptions{false, 10}), copydesk::LimitError);
    CHECK_THROWS_AS(events(nested(300)), copydesk::LimitError);
    CHECK_THROWS_AS(events(nested(100000)), copydesk::LimitError);
    // Whichever limit stops it, ours or libxml2's, the message speaks of nesting,
    // not of parser flags the user cannot set.
    for (int n : {300, 100000}) {
        try {
            events(nested(n));
            FAIL("no error");
        } catch (const copydesk::LimitError& e) {
            const std::string what = e.what();
            CHECK(what.find("nesting deeper than") != std::string::npos);
            CHECK(what.find("XML_PARSE_HUGE") == std::string::npos);
        }
    }
}

TEST_CASE("xml reader: declared encodings (UTF-16 with BOM, GBK)", "[xml]") {
    auto utf16 = [](std::u16string_view s, bool big_endian) {
        std::string out = big_endian ? "\xFE\xFF" : "\xFF\xFE";
        for (char16_t c : s) {
            const char hi = static_cast<char>(c >> 8), lo = static_cast<char>(c & 0xFF);
            out += big_endian ? hi : lo;
            out += big_endian ? lo : hi;
        }
        return out;
    };
    const std::u16string doc = u"<?xml version=\"1.0\" encoding=\"UTF-16\"?><a x=\"中\">中文😀</a>";
    for (bool be : {false, true}) {
        xml::Reader r(utf16(doc, be), Location{});
        REQUIRE(r.next());
        CHECK(r.attr("", "x") == std::optional<std::string>("中"));
        CHECK(r.read_text() == "中文😀");
    }
    // 中文 in GBK.
    xml::Reader g("<?xml version=\"1.0\" encoding=\"GBK\"?><a>\xD6\xD0\xCE\xC4</a>", Location{});
    REQUIRE(g.next());
    CHECK(g.read_text() == "中文");
    // Bytes that are not GBK: a typed error.
    CHECK_THROWS_AS(events("<?xml version=\"1.0\" encoding=\"GBK\"?><a>\xFF\xFF\xFF</a>"), copydesk::ParseError);
}

TEST_CASE("xml reader: skip() and read_text()", "[xml]") {
    const std::string doc = "<r><a>1<b>2<c/>3</b>4</a><d>y<e>z</e></d><f/><g>t</g></r>";
    xml::Reader r(doc, Location{});
    REQUIRE(r.next());
    REQUIRE(r.next());
    REQUIRE(r.is("", "a"));
    r.skip();
    CHECK(r.is_end("", "a"));
    REQUIRE(r.next());
    REQUIRE(r.is("", "d"));
    CHECK(r.read_text() == "yz");
    CHECK(r.is_end("", "d"));
    REQUIRE(r.next());
    REQUIRE(r.is("", "f"));  // empty element
    r.skip();
    CHECK(r.is_end("", "f"));
    REQUIRE(r.next());
    REQUIRE(r.is("", "g"));
    CHECK(r.read_text() == "t");
    REQUIRE(r.next());
    CHECK(r.is_end("", "r"));
    CHECK_FALSE(r.next());

    xml::Reader e("<r><f/></r>", Location{});
    REQUIRE(e.next());
    REQUIRE(e.next());
    CHECK(e.read_text().empty());
    CHECK(e.is_end("", "f"));
}

TEST_CASE("xml reader: line numbers and the data is copied", "[xml]") {
    std::string doc = "<r>\n<a/>\n\n<b>x</b></r>";
    xml::Reader r(doc, Location{"f", "p"});
    doc.assign(doc.size(), ' ');  // the reader must not depend on the caller's buffer
    REQUIRE(r.next());
    CHECK(r.line() == 1);
    REQUIRE(r.next());
    REQUIRE(r.next());
    CHECK(r.is("", "a"));
    CHECK(r.line() == 2);
    while (r.next() && !r.is("", "b")) {
    }
    CHECK(r.line() == 4);
    CHECK(r.where().part == "p");
}

TEST_CASE("xml writer to reader round trip", "[xml]") {
    std::string nasty;
    for (int c = 1; c < 128; ++c) nasty += static_cast<char>(c);
    nasty += "]]> 中文 😀 \r\n end";
    std::string clean;  // what survives: C0 controls other than tab, LF, CR are dropped
    for (char c : nasty) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 || c == '\t' || c == '\n' || c == '\r') clean += c;
    }
    copydesk::Diagnostics d;
    xml::Writer w(&d, "p");
    w.declaration();
    w.start("x:root").attr("xmlns:x", "urn:x").attr("x:a", nasty).attr("b", "");
    w.element("x:t", nasty);
    w.start("x:e").end();
    w.end();
    const std::string out = w.take();
    CHECK(d.size() == 1);

    xml::Reader r(out, Location{});
    REQUIRE(r.next());
    CHECK(r.is("urn:x", "root"));
    CHECK(r.attr("urn:x", "a") == std::optional<std::string>(clean));
    CHECK(r.attr("", "b") == std::optional<std::string>(""));
    REQUIRE(r.next());
    CHECK(r.is("urn:x", "t"));
    CHECK(r.read_text() == clean);
    REQUIRE(r.next());
    CHECK(r.is("urn:x", "e"));
    REQUIRE(r.next());
    CHECK(r.is_end("urn:x", "e"));
    REQUIRE(r.next());
    CHECK(r.is_end("urn:x", "root"));
    CHECK_FALSE(r.next());
}

// xml::Reader over a pull source (xmlReaderForIO): the same events and the
// same safety as the in-memory reader at any chunk size, errors located, and
// a source's own exceptions carried out unchanged.
#include "common/xml/xml.hpp"
#include "test_support.hpp"

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

using copydesk::Location;
namespace xml = copydesk::xml;

namespace {

using Strings = std::vector<std::string>;

// Hands out `doc` at most `chunk` bytes per call, counting the calls.
struct Chunked {
    std::string doc;
    std::size_t chunk;
    std::size_t pos = 0;
    std::size_t calls = 0;
    std::size_t operator()(char* buf, std::size_t n) {
        ++calls;
        const std::size_t k = std::min({n, chunk, doc.size() - pos});
        std::memcpy(buf, doc.data() + pos, k);
        pos += k;
        return k;
    }
};

xml::Reader::Source source_of(std::shared_ptr<Chunked> c) {
    return [c](char* buf, std::size_t n) { return (*c)(buf, n); };
}

Strings drain(xml::Reader& r) {
    Strings out;
    while (r.next()) {
        switch (r.type()) {
            case xml::NodeType::StartElement: {
                std::string s = "S{" + std::string(r.ns()) + "}" + std::string(r.local_name());
                if (auto a = r.attr("", "a")) s += "@" + *a;
                out.push_back(s);
                break;
            }
            case xml::NodeType::EndElement:
                out.push_back("E{" + std::string(r.ns()) + "}" + std::string(r.local_name()));
                break;
            case xml::NodeType::Text: out.push_back("T[" + std::string(r.text()) + "]"); break;
        }
    }
    return out;
}

// The outcome of reading `doc`: its events, or "error <kind> line <n>: <message>".
// (With tiny chunks libxml2 may word an error differently or find it a line
// later: it parses what it has; compare kinds with kind_of().)
Strings outcome(xml::Reader::Source src, std::string_view mem, xml::ReaderOptions opt) {
    const Location where{"in.docx", "word/document.xml"};
    try {
        if (src) {
            xml::Reader r(std::move(src), where, opt);
            return drain(r);
        }
        xml::Reader r(mem, where, opt);
        return drain(r);
    } catch (const copydesk::Error& e) {
        return {"error " + std::string(copydesk::error_kind_name(e.kind())) + " line " +
                std::to_string(e.where().line) + ": " + e.message()};
    }
}

// Events as they are; an error reduced to its kind.
Strings kind_of(Strings s) {
    if (s.size() == 1 && s[0].rfind("error ", 0) == 0) s[0] = s[0].substr(0, s[0].find(" line"));
    return s;
}

Strings streamed(const std::string& doc, std::size_t chunk, xml::ReaderOptions opt = {}) {
    return outcome(source_of(std::make_shared<Chunked>(Chunked{doc, chunk})), {}, opt);
}
Strings in_memory(const std::string& doc, xml::ReaderOptions opt = {}) { return outcome({}, doc, opt); }

std::string nested(int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += "<a>";
    for (int i = 0; i < n; ++i) s += "</a>";
    return s;
}

}  // namespace

TEST_CASE("xml reader (stream): the same events and errors as in memory, at any chunk size", "[xml][stream]") {
    std::string bomb = "<!DOCTYPE d [<!ENTITY e0 \"lol\">";
    for (int i = 1; i <= 10; ++i) {
        bomb += "<!ENTITY e" + std::to_string(i) + " \"";
        for (int k = 0; k < 10; ++k) bomb += "&e" + std::to_string(i - 1) + ";";
        bomb += "\">";
    }
    bomb += "]>\n<d a=\"&e10;\">&e10;</d>";
    const std::vector<std::string> docs = {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<w:document xmlns:w=\"urn:w\"><w:body><w:p a=\"1\">"
        "<w:t xml:space=\"preserve\"> 中文 &amp; &#x4E2D; </w:t></w:p><w:p/></w:body></w:document>",
        "<r><![CDATA[<x>]]>y<!-- c --><?pi?><e/></r>",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE a SYSTEM \"a.dtd\">\n<a>x</a>",
        "<!DOCTYPE d [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n<d a=\"1\">[&e;]</d>",
        bomb,
        "<a>\n<b>\n</a>\n",
        "<a x='1' x='2'/>",
        "<a/><b/>",
        "<w:p/>",
        "<a>\xFF\xFE</a>",
        "",
        "<a>",
        "<?xml version=\"1.0\" encoding=\"GBK\"?><a>\xD6\xD0\xCE\xC4</a>",
        "<?xml version=\"1.0\" encoding=\"GBK\"?><a>\xFF\xFF\xFF</a>",
        nested(300),
    };
    for (const auto& doc : docs) {
        for (const bool allow : {false, true}) {
            const xml::ReaderOptions opt{allow};
            const Strings expected = in_memory(doc, opt);
            // Pulled 4 KiB at a time, as libxml2 does, it is the same to the letter.
            CHECK(streamed(doc, 1u << 20, opt) == expected);
            for (const std::size_t chunk : {std::size_t{1}, std::size_t{3}, std::size_t{4096}}) {
                INFO(doc.substr(0, 60) << " | doctype allowed " << allow << " | chunk " << chunk);
                CHECK(kind_of(streamed(doc, chunk, opt)) == kind_of(expected));
            }
        }
    }
}

TEST_CASE("xml reader (stream): safety properties hold when streaming", "[xml][stream]") {
    SECTION("DOCTYPE rejected, with its line") {
        const std::string doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE a SYSTEM \"a.dtd\">\n<a>x</a>";
        // The line is the parser's when it meets the DOCTYPE node: just past it.
        CHECK(in_memory(doc) == Strings{"error parse line 3: DOCTYPE not allowed in word/document.xml"});
        CHECK(streamed(doc, 4096) == in_memory(doc));
        const Strings got = streamed(doc, 2);
        REQUIRE(got.size() == 1);
        CHECK_THAT(got[0], Catch::StartsWith("error parse line ") &&
                               Catch::EndsWith(": DOCTYPE not allowed in word/document.xml"));
    }
    SECTION("external entity not loaded, even from a readable file") {
        const std::string url = "file://" + (copydesk::test::source_dir() / "tests" / "cpp" /
                                             "test_xml_reader_stream.cpp").string();
        const std::string doc = "<!DOCTYPE d [<!ENTITY e SYSTEM \"" + url + "\"><!ENTITY % p SYSTEM \"" + url +
                                "\"> %p;]>\n<d>[&e;]</d>";
        xml::Reader r(source_of(std::make_shared<Chunked>(Chunked{doc, 5})), Location{}, xml::ReaderOptions{true});
        REQUIRE(r.next());
        CHECK(r.read_text() == "[]");
        CHECK(r.dropped_entities() == 1);
    }
    SECTION("depth limit") {
        CHECK(streamed(nested(10), 4, xml::ReaderOptions{false, 10}).size() == 20);
        const Strings deep = streamed(nested(11), 4, xml::ReaderOptions{false, 10});
        REQUIRE(deep.size() == 1);
        CHECK(deep[0].rfind("error limit line 1: XML nesting deeper than 10 levels", 0) == 0);
        const Strings huge = streamed(nested(100000), 4096);
        REQUIRE(huge.size() == 1);
        CHECK(huge[0].rfind("error limit", 0) == 0);
    }
    SECTION("malformed XML located on its line, in the named part") {
        std::string doc = "<r>\n";
        for (int i = 0; i < 2000; ++i) doc += "<p>line " + std::to_string(i) + "</p>\n";
        doc += "<p>unclosed</q>\n</r>";  // line 2002, well past the first chunks
        try {
            xml::Reader r(source_of(std::make_shared<Chunked>(Chunked{doc, 4096})),
                          Location{"in.docx", "word/document.xml"});
            while (r.next()) {
            }
            FAIL("malformed XML accepted");
        } catch (const copydesk::ParseError& e) {
            CHECK(e.where().file == "in.docx");
            CHECK(e.where().part == "word/document.xml");
            CHECK(e.where().line == 2002);
            CHECK(e.where().column > 0);
        }
    }
}

TEST_CASE("xml reader (stream): pulls in small pieces, not the whole input", "[xml][stream]") {
    std::string doc = "<r>";
    while (doc.size() < (4u << 20)) doc += "<p a=\"x\">some text 中文</p>";
    doc += "</r>";
    auto c = std::make_shared<Chunked>(Chunked{doc, doc.size()});
    xml::Reader r(source_of(c), Location{});
    REQUIRE(r.next());
    REQUIRE(r.next());
    CHECK(r.is("", "p"));
    CHECK(c->pos < 64 * 1024);  // only the first few KiB read to get here
    std::size_t n = 1;
    while (r.next())
        if (r.type() == xml::NodeType::StartElement) ++n;
    CHECK(c->pos == doc.size());
    CHECK(n == (doc.size() - 7) / std::string("<p a=\"x\">some text 中文</p>").size());
}

TEST_CASE("xml reader (stream): the source's exceptions come out unchanged", "[xml][stream]") {
    const std::string doc = "<r>" + std::string(100000, 'x') + "</r>";
    for (const std::size_t fail_at : {std::size_t{0}, std::size_t{10}, std::size_t{50000}}) {
        INFO("fails after " << fail_at << " bytes");
        auto c = std::make_shared<Chunked>(Chunked{doc, 1000});
        int calls_after_failure = 0;
        bool failed = false;
        auto src = [c, fail_at, &failed, &calls_after_failure](char* buf, std::size_t n) -> std::size_t {
            if (failed) ++calls_after_failure;
            if (c->pos >= fail_at) {
                failed = true;
                throw copydesk::LimitError("over the limit (limit.test)", Location{"z.docx", "word/document.xml"});
            }
            return (*c)(buf, n);
        };
        try {
            xml::Reader r(src, Location{"x", "y"});
            while (r.next()) {
            }
            FAIL("no error");
        } catch (const copydesk::LimitError& e) {
            CHECK(e.message() == "over the limit (limit.test)");
            CHECK(e.where().file == "z.docx");
        }
        CHECK(calls_after_failure == 0);
    }
    // Other exception types too (std::bad_alloc from a source that allocates).
    auto thrower = [](char*, std::size_t) -> std::size_t { throw std::bad_alloc(); };
    CHECK_THROWS_AS(xml::Reader(thrower, Location{}), std::bad_alloc);
}

TEST_CASE("xml reader (stream): a source that ends early is a located ParseError", "[xml][stream]") {
    std::string doc = "<r>\n<a>one</a>\n<b>two</b>\n</r>";
    doc.resize(doc.size() - 9);  // cut inside <b>
    const Strings got = streamed(doc, 7);
    REQUIRE_FALSE(got.empty());
    CHECK(got.back().rfind("error parse line 3", 0) == 0);
    CHECK(got == in_memory(doc));
}

// The reader option `recover` (JATS, EPUB content documents): libxml2's
// recovery mode reads XML that is not quite well-formed, with one
// xml.recovered warning per repair; off, the same input is a ParseError;
// the safety options hold either way.
#include <chrono>
#include <filesystem>

#include "common/xml/xml.hpp"
#include "copydesk/copydesk.hpp"
#include "test_support.hpp"

using namespace copydesk;

namespace {

Options recover() {
    Options o;
    o.set("recover", "true");
    return o;
}

std::vector<int> repair_lines(const Document& d) {
    std::vector<int> lines;
    for (const auto& x : d.diagnostics)
        if (x.code == "xml.recovered") lines.push_back(x.where.line);
    return lines;
}

std::vector<std::string> link_targets(const Document& d) {
    std::vector<std::string> out;
    walk(d, ConstVisitor{nullptr, [&](const Inline& i) {
                             if (i.is<Link>()) out.push_back(i.as<Link>().target);
                         }});
    return out;
}

const std::string kHead = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

}  // namespace

TEST_CASE("xml recover: a redefined attribute", "[xml][recover]") {
    const std::string doc = kHead +
                            "<article xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n<body>\n"
                            "<p>see <ext-link xlink:href=\"https://a.example/\" xlink:href=\"https://b.example/\">"
                            "the site</ext-link> today</p>\n</body>\n</article>\n";
    CHECK_THROWS_AS(read(doc, "jats"), ParseError);
    Document d = read(doc, "jats", recover(), "x.xml");
    CHECK(stringify(d) == "see the site today");
    CHECK(repair_lines(d) == std::vector<int>{4});
    // The first value is kept.
    CHECK(link_targets(d) == std::vector<std::string>{"https://a.example/"});
}

TEST_CASE("xml recover: an undeclared xlink prefix is read as xlink", "[xml][recover]") {
    const std::string doc = kHead + "<article>\n<body>\n<p>a <ext-link xlink:href=\"https://c.example/\">link</ext-link></p>\n"
                                    "</body>\n</article>\n";
    try {
        read(doc, "jats");
        FAIL("no error");
    } catch (const ParseError& e) {
        CHECK_THAT(e.what(), Catch::Contains("Namespace prefix xlink"));
    }
    Document d = read(doc, "jats", recover());
    CHECK(stringify(d) == "a link");
    CHECK(link_targets(d) == std::vector<std::string>{"https://c.example/"});
    REQUIRE(repair_lines(d) == std::vector<int>{4});
    CHECK_THAT(d.diagnostics.back().message, Catch::Contains("usual namespace"));
}

TEST_CASE("xml recover: a UTF-8 document labelled UTF-16", "[xml][recover]") {
    const std::string doc = "<?xml version=\"1.0\" encoding='UTF-16'?>\n<article><body><p>中文 Ⓐ</p></body></article>";
    CHECK_THROWS_AS(read(doc, "jats"), ParseError);
    for (const std::string& d8 : {doc, "\xEF\xBB\xBF" + doc}) {
        Document d = read(d8, "jats", recover());
        CHECK(stringify(d) == "中文 Ⓐ");
        CHECK(repair_lines(d) == std::vector<int>{1});
    }
}

TEST_CASE("xml recover: the reader API is the same on a recovered tree", "[xml][recover]") {
    // Empty elements still come as a start and one end; text and attributes as before.
    const std::string doc = "<r a=\"1\"><e/><t>x</t><e></e></r>";
    auto events = [&](bool rec) {
        xml::ReaderOptions o;
        o.recover = rec;
        xml::Reader r(doc, Location{"m.xml"}, o);
        std::string out;
        while (r.next()) {
            switch (r.type()) {
                case xml::NodeType::StartElement: out += "<" + std::string(r.local_name()) + r.attr("", "a").value_or("") + ">"; break;
                case xml::NodeType::EndElement: out += "</" + std::string(r.local_name()) + ">"; break;
                case xml::NodeType::Text: out += r.text(); break;
            }
        }
        return out;
    };
    CHECK(events(false) == "<r1><e></e><t>x</t><e></e></r>");
    CHECK(events(true) == events(false));
}

TEST_CASE("xml recover: hostile input is still never expanded or loaded", "[xml][recover]") {
    SECTION("billion laughs") {
        std::string dtd = "<!DOCTYPE article [<!ENTITY e0 \"lol\">";
        for (int i = 1; i <= 10; ++i) {
            dtd += "<!ENTITY e" + std::to_string(i) + " \"";
            for (int k = 0; k < 10; ++k) dtd += "&e" + std::to_string(i - 1) + ";";
            dtd += "\">";
        }
        dtd += "]>\n<article><body><p>&e10;<b x=\"1\" x=\"2\">&e10;</b></p></body></article>";
        const auto t0 = std::chrono::steady_clock::now();
        try {
            Document d = read(dtd, "jats", recover());
            CHECK(stringify(d).find("lol") == std::string::npos);
        } catch (const Error& e) {
            CHECK((e.kind() == ErrorKind::Limit || e.kind() == ErrorKind::Parse));
        }
        CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(2));
    }
    SECTION("external entities (XXE)") {
        const std::filesystem::path self = test::source_dir() / "tests" / "cpp" / "test_xml_recover.cpp";
        const std::string doc = "<!DOCTYPE article [<!ENTITY x SYSTEM \"file://" + self.string() +
                                "\">]>\n<article><body><p x=\"1\" x=\"2\">[&x;]</p></body></article>";
        Document d = read(doc, "jats", recover());
        CHECK(stringify(d) == "[]");
        CHECK(repair_lines(d) == std::vector<int>{2});
    }
    SECTION("a DOCTYPE in a part that allows none is still refused") {
        xml::ReaderOptions o;
        o.recover = true;
        xml::Reader r("<!DOCTYPE r [<!ENTITY a \"b\">]><r>&a;</r>", Location{"p.xml"}, o);
        CHECK_THROWS_AS(r.next(), ParseError);
    }
    SECTION("nesting limits hold") {
        std::string deep;
        for (int i = 0; i < 300; ++i) deep += "<sec>";
        Options o = recover();
        CHECK_THROWS_AS(read("<article><body>" + deep + "</body></article>", "jats", o), LimitError);
    }
}

TEST_CASE("xml recover: DOCX has no such option", "[xml][recover]") {
    for (const auto& f : Registry::global().list()) {
        bool has = false;
        for (const auto& o : f->reader_options) has = has || o.name == "recover";
        INFO(f->name);
        CHECK(has == (f->name == "jats" || f->name == "epub"));
    }
}

TEST_CASE("xml recover: the corpus JATS that are not well-formed", "[xml][recover][corpus]") {
    COPYDESK_REQUIRE_CORPUS(corpus);
    // Each file with a piece of its text, checked by hand against the source.
    const std::vector<std::pair<const char*, const char*>> files = {
        {"pandoc/jats-reader.xml", "This formula is important because…"},
        {"fragments/elife-botlax__elife-1234567890-v2.public-reviews.xml", "Surprisingly few translational changes"},
        {"jats4r-validator/tests__permissions-1.xml", "The National Portrait Gallery, London. All rights reserved"},
        {"jats4r-validator/tests__permissions-2.xml", "Archival DTD Test Article"},
        {"jats4r-validator/tests__utf8-no-bom.xml", "circled latin capital letter a: Ⓐ (Ⓐ)"},
        {"jats4r-validator/tests__utf8-with-bom.xml", "circled latin capital letter a: Ⓐ (Ⓐ)"},
        {"fragments/pandoc__tables-jats_archiving.xml", "Simple table with caption:"},
    };
    for (const auto& [file, text] : files) {
        INFO(file);
        const std::string data = test::slurp(corpus / "jats" / file);
        CHECK_THROWS_AS(read(data, "jats"), ParseError);
        Document d = read(data, "jats", recover());
        std::string all = d.metadata.title + "\n" + stringify(d);
        CHECK_THAT(all, Catch::Contains(text));
        CHECK(!repair_lines(d).empty());
    }
}

TEST_CASE("xml recover: well-formed input reads the same, with no repairs", "[xml][recover]") {
    // Entities an unread external DTD would define are dropped either way, not "repaired".
    const std::string doc = "<!DOCTYPE article PUBLIC \"-//NLM//DTD JATS\" \"x.dtd\">\n"
                            "<article><body><p>a&mdash;b <italic>c</italic><x/></p></body></article>";
    Document plain = read(doc, "jats");
    Document recovered = read(doc, "jats", recover());
    CHECK(recovered == plain);
    CHECK(repair_lines(recovered).empty());
    CHECK(recovered.diagnostics.size() == plain.diagnostics.size());
}

// JATS reader: hand-written JATS snippets, the round trip AST → JATS → AST,
// every corpus file, and hostile input.
#include <catch2/catch.hpp>

#include <chrono>
#include <map>

#include "copydesk/copydesk.hpp"
#include "copydesk/json.hpp"
#include "jats/jats_reader.hpp"
#include "test_jats_support.hpp"

using namespace copydesk;
using copydesk::test::jats::every_node;
using copydesk::test::jats::para;
using copydesk::test::jats::text;
namespace fs = std::filesystem;

namespace {

Document read_jats(const std::string& body_xml, const std::string& front = "") {
    return read("<article xmlns:xlink=\"http://www.w3.org/1999/xlink\"><front><article-meta>" + front +
                    "</article-meta></front><body>" + body_xml + "</body></article>",
                "jats");
}

std::set<std::string> codes(const Document& d) {
    std::set<std::string> s;
    for (const auto& x : d.diagnostics) s.insert(x.code);
    return s;
}

}  // namespace

TEST_CASE("jats reader: whitespace of indented XML; CJK lines join without a space", "[jats][jats-reader]") {
    Document d = read_jats("\n  <p>\n    Hello\n    <italic> big </italic>\n    world\n  </p>\n"
                      "  <p>中文第一行\n      第二行, and\n   English</p>");
    REQUIRE(d.blocks.size() == 2);
    CHECK(d.blocks[0] == Block(para({Text{"Hello "}, Emph{text("big ")}, Text{"world"}})));
    CHECK(d.blocks[1] == Block(para(text("中文第一行第二行, and English"))));
}

TEST_CASE("jats reader: sections to flat headings; disp-level; paragraphs split at display elements",
          "[jats][jats-reader]") {
    Document d = read_jats(
        "<p>lead</p><sec id=\"a\"><label>1.</label><title>A</title><p>x<list list-type=\"order\">"
        "<list-item><p>i</p></list-item></list>y</p><sec disp-level=\"4\"><title>B</title>"
        "<disp-quote><p>q</p></disp-quote></sec><sec><title>C</title><boxed-text content-type=\"note\">"
        "<sec><title>In box</title></sec></boxed-text></sec></sec>");
    REQUIRE(d.blocks.size() == 9);
    CHECK(d.blocks[0] == Block(para(text("lead"))));
    Heading a = d.blocks[1].as<Heading>();
    CHECK(a.level == 1);
    CHECK(a.attr.id == "a");
    CHECK(a.content == text("1. A"));
    CHECK(d.blocks[2] == Block(para(text("x"))));
    CHECK(d.blocks[3] == Block(OrderedList{1, ListStyle::Default, {{para(text("i"))}}}));
    CHECK(d.blocks[4] == Block(para(text("y"))));
    CHECK(d.blocks[5].as<Heading>().level == 4);
    CHECK(d.blocks[6] == Block(BlockQuote{{para(text("q"))}}));
    CHECK(d.blocks[7].as<Heading>().level == 2);
    REQUIRE(d.blocks[8].is<Div>());
    const Div& box = d.blocks[8].as<Div>();
    CHECK(box.attr.classes == std::vector<std::string>{"note"});
    REQUIRE(box.content.size() == 1);
    CHECK(box.content[0].as<Heading>().level == 1);  // sections in a box count from the box
}

TEST_CASE("jats reader: front matter", "[jats][jats-reader]") {
    Document d = read_jats("<p>x</p>",
                      "<article-id pub-id-type=\"doi\">10.1/x</article-id>"
                      "<title-group><article-title>T <italic>i</italic></article-title><subtitle>S</subtitle>"
                      "</title-group><contrib-group>"
                      "<contrib contrib-type=\"author\"><name><surname>Lee</surname><given-names>Ann</given-names>"
                      "</name><xref ref-type=\"aff\" rid=\"aff1\"/></contrib>"
                      "<contrib contrib-type=\"editor\"><name name-style=\"eastern\"><surname>王</surname>"
                      "<given-names>俊</given-names></name><role>责编</role></contrib>"
                      "<contrib contrib-type=\"guest-editor\"><string-name>Bo</string-name></contrib>"
                      "<contrib contrib-type=\"author\"><name name-style=\"eastern\"><surname>李四</surname></name>"
                      "<role content-type=\"correspondent\">通讯员</role></contrib>"
                      "<aff id=\"aff1\">Univ</aff></contrib-group>"
                      "<pub-date pub-type=\"epub\"><day>5</day><month>3</month><year>2020</year></pub-date>"
                      "<volume>7</volume><history>received 2019</history>"
                      "<permissions><copyright-statement>© 2020</copyright-statement>"
                      "<license xlink:href=\"https://cc.org/by\"><license-p>CC BY</license-p></license></permissions>"
                      "<abstract><p>Abs</p></abstract><kwd-group><title>Keywords</title><kwd>k1</kwd><kwd>k2</kwd>"
                      "</kwd-group>");
    const Metadata& m = d.metadata;
    CHECK(m.title == "T i");
    CHECK(m.subtitle == "S");
    REQUIRE(m.contributors.size() == 4);
    CHECK(m.contributors[0] == Contributor{"Ann Lee", Role::Author, "", "Univ", ""});
    CHECK(m.contributors[1] == Contributor{"王俊", Role::Editor, "责编", "", ""});
    CHECK(m.contributors[2] == Contributor{"Bo", Role::Other, "guest-editor", "", ""});
    // An author whose <role content-type> names a newspaper role (as our writer puts it).
    CHECK(m.contributors[3] == Contributor{"李四", Role::Correspondent, "通讯员", "", ""});
    REQUIRE(m.date);
    CHECK(m.date->iso() == "2020-03-05");
    CHECK(m.license == "CC BY");
    CHECK(m.abstract == Blocks{para(text("Abs"))});
    CHECK(m.keywords == std::vector<std::string>{"k1", "k2"});
    CHECK(m.identifiers == std::vector<Identifier>{{"doi", "10.1/x"}});
    CHECK(m.citation.volume == "7");  // typed, not a custom pair
    CHECK(m.custom_value("volume") == nullptr);
    CHECK(*m.custom_value("copyright-statement") == "© 2020");
    CHECK(*m.custom_value("history") == "received 2019");
    CHECK(codes(d).count("jats.front-unmapped"));
}

TEST_CASE("jats reader: unknown elements keep their text and are reported once", "[jats][jats-reader]") {
    Document d = read_jats("<p>a <abbrev>WHO</abbrev> b <abbrev>UN</abbrev></p><def-list><def-item><term>T</term>"
                      "<def><p>D</p></def></def-item></def-list>");
    REQUIRE(d.blocks.size() == 3);
    CHECK(d.blocks[0] == Block(para(text("a WHO b UN"))));
    CHECK(d.blocks[1] == Block(para(text("T"))));
    CHECK(d.blocks[2] == Block(para(text("D"))));
    std::map<std::string, int> unknown;
    for (const auto& x : d.diagnostics)
        if (x.code == "jats.unknown-element") ++unknown[x.message.substr(0, x.message.find('>') + 1)];
    CHECK(unknown == std::map<std::string, int>{{"<abbrev>", 1}, {"<def-list>", 1}, {"<def-item>", 1},
                                                {"<term>", 1}, {"<def>", 1}});
}

TEST_CASE("jats reader: entities of the unread DTD are dropped and reported", "[jats][jats-reader]") {
    Document d = read("<!DOCTYPE article PUBLIC \"-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.3 20210610//EN\" "
                      "\"JATS-journalpublishing1-3.dtd\">\n<article><body><p>a&nbsp;b&amp;&#x4E2D;</p></body></article>",
                      "jats");
    CHECK(d.blocks == Blocks{para(text("ab&中"))});
    REQUIRE(codes(d).count("jats.entity-dropped"));
}

TEST_CASE("jats reader: round trip AST -> JATS -> AST", "[jats][jats-reader][roundtrip]") {
    Document d = every_node();
    for (const char* tag_set : {"archiving", "publishing"}) {
        INFO(tag_set);
        std::string xml = write(d, "jats", Options{{"tag-set", tag_set}});
        Document back = read(xml, "jats");
        Document expected = d;
        if (std::string(tag_set) == "publishing") {
            // Publishing has no disp-level: the skipped level 3 comes back as its depth, 2.
            for (auto& b : expected.blocks)
                if (b.is<Heading>() && b.as<Heading>().level == 3) b.as<Heading>().level = 2;
        }
        // Piece by piece first, as JSON, so a failure shows what differs.
        auto meta_json = [](const Document& x) {
            Document m;
            m.metadata = x.metadata;
            return to_json(m);
        };
        CHECK(meta_json(back) == meta_json(expected));
        CHECK(back.blocks.size() == expected.blocks.size());
        for (std::size_t i = 0; i < std::min(back.blocks.size(), expected.blocks.size()); ++i) {
            INFO("block " << i);
            Document b1, b2;
            b1.blocks = {back.blocks[i]};
            b2.blocks = {expected.blocks[i]};
            CHECK(to_json(b1) == to_json(b2));
        }
        CHECK(back.references == expected.references);
        CHECK(back == expected);
    }

    SECTION("the plain-text sample") {
        Document news = read_file((copydesk::test::source_dir() / "examples" / "zh-news.txt").string(), "plain");
        Document back = read(write(news, "jats"), "jats");
        // The first-line indent is presentation, which JATS does not keep.
        walk(news, Visitor{[](Block& b) {
                               if (b.is<Paragraph>()) b.as<Paragraph>().first_line_indent.reset();
                           },
                           {}});
        CHECK(back == news);
        CHECK(write(back, "plain") == write(news, "plain"));
    }
}

TEST_CASE("jats reader: every corpus JATS file reads or fails with a typed error", "[jats][jats-reader][corpus]") {
    COPYDESK_REQUIRE_CORPUS(corpus);
    int read_ok = 0, typed_errors = 0;
    std::size_t blocks = 0;
    const auto t0 = std::chrono::steady_clock::now();
    for (const auto& e : fs::recursive_directory_iterator(corpus / "jats")) {
        if (!e.is_regular_file() || e.path().extension() != ".xml") continue;
        INFO(e.path().string());
        std::string data = copydesk::test::slurp(e.path());
        try {
            Document d = read(data, "jats", {}, e.path().string());
            blocks += d.blocks.size();
            ++read_ok;
        } catch (const Error& err) {
            CHECK(err.kind() == ErrorKind::Parse);
            CHECK(err.where().line > 0);
            ++typed_errors;
        }
    }
    WARN("corpus/jats: " << read_ok << " read, " << typed_errors << " typed errors, " << blocks << " blocks");
    CHECK(read_ok + typed_errors >= 90);
    CHECK(read_ok >= 83);  // the others are not well-formed (undeclared prefixes, lying encodings, two roots)
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(2));
}

TEST_CASE("jats reader: hostile input", "[jats][jats-reader][hostile]") {
    SECTION("malformed XML is a ParseError with a line") {
        try {
            read("<article>\n<body>\n<p>x</body>\n</article>", "jats", {}, "bad.xml");
            FAIL("no error");
        } catch (const ParseError& e) {
            CHECK(e.where().line == 3);
            CHECK(e.where().file == "bad.xml");
        }
    }
    SECTION("billion laughs: a typed error or nothing expanded") {
        std::string dtd = "<!DOCTYPE article [<!ENTITY e0 \"lol\">";
        for (int i = 1; i <= 10; ++i) {
            dtd += "<!ENTITY e" + std::to_string(i) + " \"";
            for (int k = 0; k < 10; ++k) dtd += "&e" + std::to_string(i - 1) + ";";
            dtd += "\">";
        }
        dtd += "]>\n<article><body><p>&e10;</p></body></article>";
        const auto t0 = std::chrono::steady_clock::now();
        try {
            Document d = read(dtd, "jats");
            CHECK(stringify(d).size() < 100);
        } catch (const Error& e) {
            CHECK((e.kind() == ErrorKind::Limit || e.kind() == ErrorKind::Parse));
        }
        CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(2));
    }
    SECTION("external entities are never loaded") {
        const fs::path self = copydesk::test::source_dir() / "tests" / "cpp" / "test_jats_reader.cpp";
        std::string doc = "<!DOCTYPE article [<!ENTITY x SYSTEM \"file://" + self.string() +
                          "\">]>\n<article><body><p>[&x;]</p></body></article>";
        Document d = read(doc, "jats");
        CHECK(d.blocks == Blocks{para(text("[]"))});
        CHECK(codes(d).count("jats.entity-dropped"));
    }
    SECTION("deep nesting is a LimitError") {
        std::string deep = "<article><body>";
        for (int i = 0; i < 300; ++i) deep += "<sec>";
        for (int i = 0; i < 300; ++i) deep += "</sec>";
        deep += "</body></article>";
        CHECK_THROWS_AS(read(deep, "jats"), LimitError);
    }
}

TEST_CASE("jats reader: hostile corpus files", "[jats][jats-reader][hostile][corpus]") {
    COPYDESK_REQUIRE_CORPUS(corpus);
    for (const char* dir : {"hostile/jats-malformed", "hostile/xxe-payloads"}) {
        for (const auto& e : fs::directory_iterator(corpus / dir)) {
            INFO(e.path().string());
            try {
                Document d = read(copydesk::test::slurp(e.path()), "jats");
                std::string all = stringify(d);
                CHECK(all.find("root:") == std::string::npos);  // no /etc/passwd
                CHECK(all.size() < 100000);
            } catch (const Error& err) {
                CHECK((err.kind() == ErrorKind::Parse || err.kind() == ErrorKind::Limit));
            }
        }
    }
}

TEST_CASE("jats: detection hands JATS to its reader", "[jats][core]") {
    std::string doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE article PUBLIC \"-//NLM//DTD JATS\" \"x.dtd\" "
                      "[<!ENTITY a \"b\">]>\n<!-- c -->\n<article article-type=\"research-article\"><body><p>x</p>"
                      "</body></article>";
    CHECK(detect_format(doc)->name == "jats");
    CHECK(detect_format("<html/>", "a.xml")->name == "jats");
    Document d = read(doc);
    CHECK(d.blocks == Blocks{para(text("x"))});
    CHECK(*d.metadata.custom_value("article-type") == "research-article");  // not the default for no references
    CHECK(detect_format("<articles/>")->name == "plain");
}

TEST_CASE("jats reader: named-content of type dateline opening the lede is the dateline", "[jats][jats-reader][dateline]") {
    Document d = read_jats("<p><named-content content-type=\"dateline\">本报讯</named-content>\u3000昨日，港口。</p>"
                           "<p>第二段。</p>");
    CHECK(d.metadata.dateline == "本报讯");
    REQUIRE(d.blocks.size() == 2);
    CHECK(stringify(d.blocks[0]) == "昨日，港口。");
    // Any other named-content stays a span.
    Document other = read_jats("<p><named-content content-type=\"place\">巴黎</named-content>消息</p>");
    CHECK(other.metadata.dateline.empty());
    CHECK(other.blocks[0].as<Paragraph>().content.front().is<Span>());
}

#include "test_support.hpp"

#include "copydesk/copydesk.hpp"

using namespace copydesk;
using namespace std::string_literals;

TEST_CASE("structural equality compares content, not diagnostics", "[core][ast]") {
    Document a, b;
    a.blocks.push_back(Paragraph{{Text{"x"}, Emph{{Text{"y"}}}}});
    b = a;
    CHECK(a == b);
    b.diagnostics.push_back({Severity::Warning, "x.y", "m", {}});
    CHECK(a == b);
    b.blocks[0].as<Paragraph>().content[1].as<Emph>().content[0].as<Text>().text = "z";
    CHECK_FALSE(a == b);
    b = a;
    b.blocks[0].as<Paragraph>().first_line_indent = Length{2, LengthUnit::Em};
    CHECK_FALSE(a == b);
    b = a;
    b.metadata.contributors.push_back({"n", Role::Editor, "责编", "", ""});
    CHECK_FALSE(a == b);
}

TEST_CASE("walk visits every node in document order and can change them", "[core][ast]") {
    Document d;
    d.metadata.abstract = {Paragraph{{Text{"abs"}}}};
    d.blocks = {Heading{1, {}, {Text{"h"}}},
                Paragraph{{Text{"a"}, Note{{}, {Paragraph{{Text{"n"}}}}}, Strong{{Text{"s"}}}}},
                BulletList{{{Paragraph{{Text{"li"}}}}}}};
    Table t;
    t.body = {TableRow{{TableCell{{Paragraph{{Text{"cell"}}}}}}}};
    t.caption = {Paragraph{{Text{"cap"}}}};
    d.blocks.push_back(t);

    std::vector<std::string> seen;
    walk(static_cast<const Document&>(d), ConstVisitor{
        [&](const Block& b) { seen.push_back(b.type_name()); },
        [&](const Inline& i) {
            if (i.is<Text>()) seen.push_back(i.as<Text>().text);
        }});
    CHECK(seen == std::vector<std::string>{"Paragraph", "abs", "Heading", "h", "Paragraph", "a", "Paragraph", "n",
                                           "s", "BulletList", "Paragraph", "li", "Table", "Paragraph", "cap",
                                           "Paragraph", "cell"});

    walk(d, Visitor{nullptr, [](Inline& i) {
        if (i.is<Text>()) i.as<Text>().text += "!";
    }});
    CHECK(d.blocks[3].as<Table>().body[0].cells[0].content[0].as<Paragraph>().content[0].as<Text>().text == "cell!");
    CHECK(d.metadata.abstract[0].as<Paragraph>().content[0].as<Text>().text == "abs!");
}

TEST_CASE("stringify gives the plain text, like pandoc's", "[core][ast]") {
    Inlines is{Text{"Hello, "}, Emph{{Text{"world"}}}, LineBreak{}, Code{{}, "x"},
               Note{{}, {Paragraph{{Text{"hidden"}}}}}, Link{{}, {Text{"l"}}, "u", ""}};
    CHECK(stringify(is) == "Hello, world\nxl");
    Blocks bs{Paragraph{{Text{"a"}}}, BlockQuote{{Paragraph{{Text{"b"}}}}}, Heading{2, {}, {Text{"c"}}}};
    CHECK(stringify(bs) == "a\nb\nc");
    Document d;
    d.metadata.title = "T";
    d.blocks = bs;
    CHECK(stringify(d) == "T\na\nb\nc");
}

TEST_CASE("dates parse from ISO and Chinese forms", "[core][date]") {
    auto d = DateTime::parse("2023-07-13");
    REQUIRE(d);
    CHECK(d->iso() == "2023-07-13");
    CHECK(d->text == "2023-07-13");
    CHECK_FALSE(d->has_time());

    d = DateTime::parse("2023年7月13日 08:30 来源");
    REQUIRE(d);
    CHECK(d->iso() == "2023-07-13T08:30");
    CHECK(d->text == "2023年7月13日 08:30");

    d = DateTime::parse("2023/07/13");
    REQUIRE(d);
    CHECK(d->iso() == "2023-07-13");

    d = DateTime::parse("２０２３年０７月１３日");  // full-width digits
    REQUIRE(d);
    CHECK(d->iso() == "2023-07-13");

    d = DateTime::parse("2023-07-13T08:30:15+08:00");
    REQUIRE(d);
    CHECK(d->iso() == "2023-07-13T08:30:15+08:00");

    CHECK_FALSE(DateTime::parse("2023-13-01"));
    CHECK_FALSE(DateTime::parse("2023-02-30"));
    CHECK_FALSE(DateTime::parse("记者 王俊"));
    CHECK_FALSE(DateTime::parse("20230713"));
}

TEST_CASE("options are typed and reject malformed values", "[core][options]") {
    Options o{{"a", "yes"}, {"n", "12"}, {"bad", "maybe"}, {"limit.max_entries", "5"}};
    CHECK(o.get_bool("a", false));
    CHECK(o.get_bool("missing", true));
    CHECK(o.get_int("n", 0) == 12);
    CHECK_THROWS_AS(o.get_bool("bad", false), UsageError);
    CHECK_THROWS_AS(o.get_int("a", 0), UsageError);
    CHECK(Limits::from(o).max_entries == 5);
    CHECK(Limits::from({}).max_entries == 10000);
    CHECK_THROWS_AS(Limits::from(Options{{"limit.max_ratio", "-1"}}), UsageError);
}

TEST_CASE("errors carry their kind and location", "[core][errors]") {
    ParseError e("bad tag", Location{"", "word/document.xml", 12, 5});
    e.set_file("in.docx");
    CHECK(std::string(e.what()) == "in.docx: word/document.xml:12:5: bad tag");
    CHECK(e.kind() == ErrorKind::Parse);
    CHECK(e.message() == "bad tag");
    CHECK(std::string(error_kind_name(LimitError("x").kind())) == "limit");
}

TEST_CASE("the diagnostic sink caps what hostile input can produce", "[core][diagnostics]") {
    Diagnostics out;
    {
        DiagnosticSink sink(out, 3);
        for (int i = 0; i < 10; ++i) sink.warn("x.y", "m");
    }
    REQUIRE(out.size() == 4);
    CHECK(out.back().code == "diagnostics.truncated");
    CHECK(out.back().message == "7 more diagnostics were not kept");
    CHECK(Diagnostic{Severity::Warning, "plain.x", "dropped", {"a.txt", "", 3, 0}}.to_string() ==
          "warning: a.txt:3: dropped [plain.x]");
}

TEST_CASE("the registry finds formats by name, alias, extension and content", "[core][registry]") {
    auto& r = Registry::global();
    REQUIRE(r.find("plain"));
    CHECK(r.find("TXT")->name == "plain");
    CHECK(r.find("text")->name == "plain");
    CHECK(r.find("docx")->binary);
    CHECK(r.by_extension("dir.x/Article.DOCX")->name == "docx");
    CHECK(r.by_extension("noext") == nullptr);
    CHECK(r.find("nope") == nullptr);
    CHECK_THROWS_AS(r.get("nope"), UnsupportedFormatError);
    CHECK(r.sniff("just some text")->name == "plain");
    CHECK(r.sniff("PK\x03\x04....word/document.xml"s)->name == "docx");

    Format f;
    f.name = "upper-test";
    f.extensions = {"up"};
    f.writer = [](const Document& d, const WriteContext&) { return "UP:" + d.metadata.title; };
    r.add(f);
    Document d;
    d.metadata.title = "t";
    CHECK(write(d, "upper-test") == "UP:t");
    CHECK_THROWS_AS(read("x", "upper-test"), UnsupportedFormatError);
}

TEST_CASE("content sniffing names formats this build cannot read instead of reading them as text",
          "[core][registry]") {
    auto message_for = [](std::string_view data) -> std::string {
        try {
            detect_format(data, "in.bin");
        } catch (const UnsupportedFormatError& e) {
            return e.what();
        }
        return "no error";
    };
    // EPUB and JATS have readers now: detection hands them over.
    CHECK(detect_format("PK\x03\x04\x0a\0\0\0\0\0mimetypeapplication/epub+zipPK"s, "in.bin")->name == "epub");
    CHECK(detect_format("<?xml version=\"1.0\"?>\n<!DOCTYPE article PUBLIC \"-//NLM//DTD JATS\" \"x.dtd\" "
                        "[<!ENTITY a \"b\">]>\n<!-- c -->\n<article article-type=\"research-article\">")
              ->name == "jats");
    CHECK(message_for("%PDF-1.7\n").find("looks like a PDF document") != std::string::npos);
    // Text that merely mentions <article> later, or other XML, is still plain text.
    CHECK(detect_format("标题\n\n<article> is an HTML element.")->name == "plain");
    CHECK(detect_format("<html><body>x</body></html>")->name == "html");  // the HTML reader's
    CHECK(detect_format("<articles/>")->name == "plain");
    // An OLE compound file goes to the DOCX reader, which says what it is.
    std::string ole = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"s;
    ole.resize(2048, '\0');
    CHECK(detect_format(ole)->name == "docx");
    CHECK_THROWS_AS(read(ole), Error);
}

TEST_CASE("ast: nodes stay small; boxed nodes copy deeply and compare by value", "[core][ast]") {
    // The size of a long article's AST is mostly these two (a paragraph with
    // one text run is one Block and one Inline): see docs/architecture.md.
    STATIC_REQUIRE(sizeof(copydesk::Inline) <= 40);
    STATIC_REQUIRE(sizeof(copydesk::Block) <= 64);
    using namespace copydesk;
    Inline link = Link{{"l1", {}, {}}, {Text{"来源"}}, "https://example.org", ""};
    REQUIRE(link.is<Link>());
    CHECK_FALSE(link.is<Text>());
    Inline copy = link;
    copy.as<Link>().target = "https://example.com";
    CHECK(link.as<Link>().target == "https://example.org");  // deep copy
    CHECK_FALSE(copy == link);
    copy.as<Link>().target = "https://example.org";
    CHECK(copy == link);
    // visit() hands over the node itself, not its box.
    const char* seen = link.visit([](const auto& n) -> const char* {
        using T = std::decay_t<decltype(n)>;
        return std::is_same_v<T, Link> ? "Link" : "other";
    });
    CHECK(std::string(seen) == "Link");
    Block table = Table{};
    table.as<Table>().col_widths = {0.5, 0.5};
    Block t2 = table;
    CHECK(t2 == table);
    t2.as<Table>().col_widths.push_back(0);
    CHECK_FALSE(t2 == table);
    // Moves leave vectors of nodes intact (the box is moved, not copied).
    Blocks bs;
    for (int i = 0; i < 100; ++i) bs.push_back(Heading{1 + i % 6, {}, {Text{std::to_string(i)}}});
    CHECK(bs[57].as<Heading>().level == 1 + 57 % 6);
    CHECK(stringify(bs[99]) == "99");
    Block assigned;
    assigned = bs[3];
    CHECK(assigned == bs[3]);
}

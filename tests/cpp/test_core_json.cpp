#include "test_support.hpp"

#include "base64.hpp"
#include "copydesk/copydesk.hpp"

using namespace copydesk;

namespace {

// A document touching every node type and metadata field.
Document kitchen_sink() {
    Document d;
    auto& m = d.metadata;
    m.title = "标题 \"quoted\"\n";
    m.subtitle = "副标题";
    m.contributors = {{"王俊", Role::Reporter, "记者", "", ""},
                      {"俞群艳", Role::Editor, "责编", "太仓日报", "yu@example.org"}};
    m.source = "太仓日报";
    m.date = DateTime::parse("2023年7月13日 08:30");
    m.language = "zh-CN";
    m.abstract = {Paragraph{{Text{"摘要"}}}};
    m.keywords = {"a", "b"};
    m.identifiers = {{"doi", "10.1/x"}};
    m.section = "要闻";
    m.license = "CC-BY";
    m.dateline = "本报讯";
    m.byline_placement = BylinePlacement::Start;
    m.custom = {{"栏目", "本地"}, {"x", ""}};
    Attr a{"id1", {"c1", "c2"}, {{"k", "v"}}};
    Paragraph p;
    p.content = {Text{"t\t\x01"}, Emph{{Text{"e"}}}, Strong{{Text{"s"}}}, Underline{{Text{"u"}}},
                 Strikeout{{Text{"x"}}}, Superscript{{Text{"2"}}}, Subscript{{Text{"i"}}},
                 SmallCaps{{Text{"sc"}}}, Code{a, "int x;"}, Link{{}, {Text{"l"}}, "https://e.org/", "tt"},
                 Image{a, {Text{"alt"}}, "media/i.png", ""}, LineBreak{}, Note{{}, {Paragraph{{Text{"n"}}}}},
                 Math{MathNotation::MathML, true, "<math/>"}, CrossRef{"fig1", "fig", {Text{"图1"}}},
                 Span{a, {Text{"sp"}}}, RawInline{"docx", "<w:r/>"}};
    p.first_line_indent = Length{2, LengthUnit::Em};
    p.align = Alignment::Justify;
    d.blocks.push_back(p);
    d.blocks.push_back(Heading{3, a, {Text{"h"}}});
    d.blocks.push_back(BlockQuote{{Paragraph{{Text{"q"}}}}});
    d.blocks.push_back(BulletList{{{Paragraph{{Text{"b1"}}}}, {Paragraph{{Text{"b2"}}}}}});
    d.blocks.push_back(OrderedList{3, ListStyle::LowerRoman, {{Paragraph{{Text{"o"}}}}}});
    Table t;
    t.attr = a;
    t.caption = {Paragraph{{Text{"cap"}}}};
    t.col_align = {Alignment::Left, Alignment::Right};
    t.col_widths = {0.25, 0.75};
    t.head = {TableRow{{TableCell{{Paragraph{{Text{"H"}}}}, 2, 1, Alignment::Center}}}};
    t.body = {TableRow{{TableCell{{}, 1, 3, Alignment::Default}, TableCell{}}}};
    t.foot = {TableRow{{TableCell{}}}};
    d.blocks.push_back(t);
    d.blocks.push_back(Figure{a, "图1", {Paragraph{{Text{"c"}}}}, {Paragraph{{Image{{}, {}, "x.png", ""}}}}});
    d.blocks.push_back(CodeBlock{{"", {"cpp"}, {}}, "a\nb"});
    d.blocks.push_back(HorizontalRule{});
    d.blocks.push_back(RawBlock{"jats", "<sec/>"});
    d.blocks.push_back(Div{a, {Paragraph{}}});
    d.references.push_back({"r1", "journal", {"A", "B"}, "T", "J", "P", "2020", "1", "2", "3-4", "10/x", "u", "text"});
    d.resources.push_back({"media/i.png", "image/png", std::string("\x89PNG\0\x01\xff", 7)});
    d.diagnostics.push_back({Severity::Info, "c.d", "msg", {"f", "p", 3, 4}});
    return d;
}

}  // namespace

TEST_CASE("JSON round trip keeps every node and field", "[core][json]") {
    Document d = kitchen_sink();
    std::string js = to_json(d);
    Document back = from_json(js);
    CHECK(back == d);
    CHECK(back.diagnostics == d.diagnostics);  // diagnostics are not in ==, check them separately
    // Compact form parses to the same tree.
    JsonOptions compact;
    compact.pretty = false;
    CHECK(from_json(to_json(d, compact)) == d);
    CHECK(to_json(from_json(js)) == js);
}

TEST_CASE("JSON form is as documented", "[core][json]") {
    Document d;
    d.metadata.title = "T";
    d.metadata.date = DateTime::parse("2023-07-13");
    Paragraph p;
    p.content = {Text{"a\"b"}};
    p.first_line_indent = Length{2, LengthUnit::Em};
    d.blocks.push_back(p);
    d.blocks.push_back(OrderedList{1, ListStyle::Default, {{}}});
    JsonOptions o;
    o.pretty = false;
    CHECK(to_json(d, o) ==
          R"({"copydesk-ast-version":1,"metadata":{"title":"T","date":{"iso":"2023-07-13","text":"2023-07-13",)"
          R"("year":2023,"month":7,"day":13,"hour":-1,"minute":-1,"second":-1,"utc_offset_minutes":null}},)"
          R"("blocks":[{"t":"Paragraph","content":[{"t":"Text","text":"a\"b"}],)"
          R"("first_line_indent":{"value":2,"unit":"em"}},{"t":"OrderedList","items":[[]]}]})");
    // Pretty: containers holding only scalars stay on one line.
    std::string pretty = to_json(d);
    CHECK(pretty.find(R"({"t": "Text", "text": "a\"b"})") != std::string::npos);
    CHECK(pretty.find("\n  \"blocks\": [\n") != std::string::npos);
}

TEST_CASE("JSON reader accepts minimal input and escapes", "[core][json]") {
    Document d = from_json(R"({"copydesk-ast-version": 1, "blocks": [
        {"t": "Paragraph", "content": [{"t": "Text", "text": "\u4e2d\ud83d\ude00\n\/"}]}]})");
    REQUIRE(d.blocks.size() == 1);
    CHECK(d.blocks[0].as<Paragraph>().content[0].as<Text>().text == "中\xF0\x9F\x98\x80\n/");
    CHECK(d.metadata.title.empty());
    CHECK(d.blocks[0].as<Paragraph>().align == Alignment::Default);
}

TEST_CASE("JSON reader rejects bad input with a located ParseError", "[core][json]") {
    auto error_for = [](std::string_view s) -> std::string {
        try {
            from_json(s);
        } catch (const ParseError& e) {
            return e.what();
        }
        return "no error";
    };
    CHECK(error_for("{\n\"copydesk-ast-version\": 1,\n\"blocks\": [{\"t\": \"Bogus\"}]}") ==
          "line 3: AST JSON: unknown block type 'Bogus'");
    CHECK(error_for("{\"copydesk-ast-version\": 2}").find("unsupported copydesk-ast-version 2") != std::string::npos);
    CHECK(error_for("{}").find("missing \"copydesk-ast-version\"") != std::string::npos);
    CHECK(error_for("{\"a\": [1, 2,]}") == "line 1:13: invalid JSON: unexpected character ']'");
    CHECK(error_for("\"abc") == "line 1:5: invalid JSON: unterminated string");
    CHECK(error_for("{\"copydesk-ast-version\": 1, \"blocks\": [{\"t\": \"Heading\", \"level\": 12}]}")
              .find("'level' is out of range") != std::string::npos);
    CHECK(error_for(R"({"copydesk-ast-version": 1, "metadata": {"contributors": [{"name": "x", "role": "boss"}]}})")
              .find("unknown value 'boss' for 'role'") != std::string::npos);
    CHECK(error_for("\"\\ud800\"").find("lone surrogate") != std::string::npos);
    // Deep nesting is a LimitError, not a stack overflow.
    std::string deep(100000, '[');
    CHECK_THROWS_AS(from_json(deep), LimitError);
}

TEST_CASE("base64 matches RFC 4648 test vectors", "[core][json]") {
    CHECK(base64::encode("") == "");
    CHECK(base64::encode("f") == "Zg==");
    CHECK(base64::encode("fo") == "Zm8=");
    CHECK(base64::encode("foo") == "Zm9v");
    CHECK(base64::encode("foobar") == "Zm9vYmFy");
    CHECK(base64::decode("Zm9vYmE=") == std::optional<std::string>("fooba"));
    CHECK(!base64::decode("Zm9"));
    CHECK(!base64::decode("Zm=v"));
    CHECK(!base64::decode("Zm9*"));
}

TEST_CASE("the json format is registered and round-trips through read/write", "[core][json]") {
    Document d = kitchen_sink();
    std::string bytes = write(d, "json");
    Document back = read(bytes);  // sniffed
    CHECK(back == d);
    CHECK(detect_format(bytes)->name == "json");
}

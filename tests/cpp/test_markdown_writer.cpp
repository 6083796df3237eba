// Markdown writer: expected Markdown written by hand per element, escaping of
// adversarial text, the front matter, and the diagnostics of what Markdown
// cannot hold. cmark-gfm and pandoc read the output back in
// tests/python/test_html_markdown_interop.py.
#include <catch2/catch.hpp>

#include <set>

#include "copydesk/copydesk.hpp"
#include "markdown/markdown_writer.hpp"
#include "test_epub_support.hpp"

using namespace copydesk;
namespace mw = copydesk::markdown::writer;

namespace {

Paragraph para(Inlines content) { return Paragraph{std::move(content), std::nullopt, Alignment::Default}; }

// The Markdown of `blocks` alone (no front matter), and its diagnostics.
std::string md(Blocks blocks, Diagnostics* diags = nullptr) {
    Document doc;
    doc.blocks = std::move(blocks);
    Options o{{"front-matter", "false"}};
    std::string out = write(doc, "markdown", o, diags);
    return out;
}

std::set<std::string> codes(const Diagnostics& d) {
    std::set<std::string> out;
    for (const auto& x : d) out.insert(x.code);
    return out;
}

}  // namespace

TEST_CASE("markdown: escaping of adversarial text", "[markdown-writer]") {
    CHECK(mw::escape_text("*a* _b_ #c 1. x | `y` <z> [w] ~s~ a&b \\", false) ==
          "\\*a\\* \\_b\\_ \\#c 1. x \\| \\`y\\` \\<z\\> \\[w\\] \\~s\\~ a\\&b \\\\");
    CHECK(mw::escape_text("1. item", true) == "1\\. item");
    CHECK(mw::escape_text("2023) 年", true) == "2023\\) 年");
    CHECK(mw::escape_text("2023年", true) == "2023年");
    CHECK(mw::escape_text("# h", true) == "\\# h");
    CHECK(mw::escape_text("- x", true) == "\\- x");
    CHECK(mw::escape_text("+ x", true) == "\\+ x");
    CHECK(mw::escape_text("=== x", true) == "\\=== x");
    CHECK(mw::escape_text("- x", false) == "- x");
    CHECK(mw::escape_text("see http://a.b and www.c.d", false) == "see http\\://a.b and www\\.c.d");
    CHECK(mw::escape_text("a\nb", false) == "a b");
}

TEST_CASE("markdown: paragraphs, emphasis and CJK text", "[markdown-writer]") {
    CHECK(md({para({Text{"x"}, Emph{{Text{" a "}}}, Text{"y"}, Strong{{Text{"b"}}}, Strikeout{{Text{"c"}}}})}) ==
          "x *a* y**b**~~c~~\n");
    // CJK: never a space or a line break inserted; delimiters where the
    // flanking rules let them work, else the HTML element.
    CHECK(md({para({Text{"中文"}, Strong{{Text{"强调"}}}, Text{"。"}})}) == "中文**强调**。\n");
    CHECK(md({para({Text{"中文"}, Strong{{Text{"“强调”"}}}, Text{"中文"}})}) == "中文<strong>“强调”</strong>中文\n");
    CHECK(md({para({Emph{{Emph{{Text{"a"}}}}}})}) == "<em>*a*</em>\n");
    CHECK(md({para({Strong{{Emph{{Text{"a"}}}}}})}) == "***a***\n");
    CHECK(md({para({Text{"a"}, LineBreak{}, Text{"1. b"}})}) == "a\\\n1\\. b\n");
    CHECK(md({para({Code{{}, "a`b"}, Text{" "}, Code{{}, "`"}})}) == "``a`b`` `` ` ``\n");
    CHECK(md({para({Superscript{{Text{"2"}}}, Subscript{{Text{"3"}}}})}) == "<sup>2</sup><sub>3</sub>\n");
}

TEST_CASE("markdown: links, images and notes", "[markdown-writer]") {
    CHECK(md({para({Link{{}, {Text{"t"}}, "http://x.y/a b(c)", "T\"q"}})}) == "[t](http://x.y/a%20b\\(c\\) \"T\\\"q\")\n");
    CHECK(md({para({Image{{}, {Text{"图[1]"}}, "https://e.org/a.png", ""}})}) == "![图\\[1\\]](https://e.org/a.png)\n");
    Note n1{{}, {test::para("注一")}};
    Note n2{{}, {test::para("注二"), test::para("续")}};
    CHECK(md({para({Text{"甲"}, n1, Text{"乙"}, n2})}) ==
          "甲[^1]乙[^2]\n\n[^1]: 注一\n\n[^2]: 注二\n\n    续\n");
}

TEST_CASE("markdown: headings, quotes, lists, code and rules", "[markdown-writer]") {
    Diagnostics diags;
    CHECK(md({Heading{2, {"h", {}, {}}, {Text{"标题 #1"}}}}, &diags) == "## 标题 \\#1\n");
    CHECK(codes(diags) == std::set<std::string>{"markdown.attr"});
    CHECK(md({BlockQuote{{test::para("a"), test::para("b")}}}) == "> a\n>\n> b\n");
    CHECK(md({BulletList{{{test::para("a")}, {test::para("- b")}}}}) == "- a\n- \\- b\n");
    CHECK(md({BulletList{{{test::para("a"), test::para("b")}, {test::para("c")}}}}) == "- a\n\n  b\n\n- c\n");
    CHECK(md({OrderedList{9, ListStyle::Decimal, {{test::para("x")}, {test::para("y")}}}}) == "9. x\n10. y\n");
    // Two lists in a row stay two lists.
    CHECK(md({BulletList{{{test::para("a")}}}, BulletList{{{test::para("b")}}}}) == "- a\n\n<!-- -->\n\n- b\n");
    CHECK(md({CodeBlock{{"", {"py"}, {}}, "a\n```\nb"}}) == "````py\na\n```\nb\n````\n");
    CHECK(md({HorizontalRule{}}) == "***\n");
}

TEST_CASE("markdown: GFM tables", "[markdown-writer]") {
    Table t;
    t.col_align = {Alignment::Left, Alignment::Right};
    auto cell = [](Inlines c) { return TableCell{{para(std::move(c))}, 1, 1, {}}; };
    t.head = {TableRow{{cell({Text{"月份"}}), cell({Text{"吞吐量"}})}}};
    t.body = {TableRow{{cell({Text{"a|b"}}), cell({Code{{}, "x|y"}})}}, TableRow{{cell({Text{"1"}, LineBreak{}, Text{"2"}})}}};
    Diagnostics diags;
    CHECK(md({t}, &diags) == "| 月份 | 吞吐量 |\n| :-- | --: |\n| a\\|b | `x\\|y` |\n| 1<br>2 |  |\n");
    CHECK(diags.empty());
    Table spans;
    spans.body = {TableRow{{TableCell{{test::para("ab")}, 2, 1, {}}}}, TableRow{{cell({Text{"a"}}), cell({Text{"b"}})}}};
    CHECK(md({spans}, &diags) == "|  |  |\n| --- | --- |\n| ab |  |\n| a | b |\n");
    CHECK(codes(diags) == std::set<std::string>{"markdown.table-head", "markdown.table-span"});
}

TEST_CASE("markdown: YAML front matter, escaped", "[markdown-writer]") {
    Document doc;
    doc.metadata.title = "He said: \"hi\" # no comment\nline2";
    doc.metadata.date = DateTime::parse("2023年7月13日 08:30");
    doc.metadata.source = "yes";
    doc.metadata.contributors = {{"王俊", Role::Reporter, "记者", "", ""}, {"Null", Role::Editor, "", "", ""}};
    doc.metadata.keywords = {"港口", "1.5"};
    doc.blocks = {test::para("正文")};
    CHECK(write(doc, "md") ==
          "---\n"
          "title: \"He said: \\\"hi\\\" # no comment\\nline2\"\n"
          "date: \"2023-07-13T08:30\"\n"
          "date-text: \"2023年7月13日 08:30\"\n"
          "source: \"yes\"\n"
          "contributors:\n"
          "  - name: \"王俊\"\n"
          "    role: reporter\n"
          "    label: \"记者\"\n"
          "  - name: \"Null\"\n"
          "    role: editor\n"
          "keywords:\n"
          "  - \"港口\"\n"
          "  - \"1.5\"\n"
          "---\n\n"
          "正文\n");
    CHECK(mw::yaml_string("a\tb\x01\xE2\x80\xA8") == "\"a\\tb\\x01\\u2028\"");
    // Switched off: the head as text.
    doc.metadata.title = "标题";
    CHECK(write(doc, "md", {{"front-matter", "false"}}) ==
          "# 标题\n\n来源：yes　责编：Null　时间：2023年7月13日 08:30\n\n正文\n\n记者 王俊\n");
}

TEST_CASE("markdown: front matter holds contributor ids and the article's citation", "[markdown-writer]") {
    Metadata m;
    Contributor a{"Ann Lee", Role::Author, "", "", ""};
    a.identifiers = {{"orcid", "https://orcid.org/0000-0002-1825-0097"}};
    m.contributors = {a};
    m.citation = {"12", "3", "101", "109", ""};
    CHECK(mw::front_matter(m) ==
          "---\n"
          "contributors:\n"
          "  - name: \"Ann Lee\"\n"
          "    role: author\n"
          "    identifiers:\n"
          "      - scheme: \"orcid\"\n"
          "        value: \"https://orcid.org/0000-0002-1825-0097\"\n"
          "citation:\n"
          "  volume: \"12\"\n"
          "  issue: \"3\"\n"
          "  first-page: \"101\"\n"
          "  last-page: \"109\"\n"
          "---\n");
}

TEST_CASE("markdown: the dateline opens the lede, with the reporter it names", "[markdown-writer]") {
    Document doc;
    doc.metadata.title = "港口";
    doc.metadata.dateline = "新华社北京7月13日电";
    doc.metadata.contributors = {{"王俊", Role::Reporter, "记者", "", ""}, {"俞群艳", Role::Editor, "责编", "", ""}};
    doc.metadata.byline_placement = BylinePlacement::Start;
    doc.blocks = {test::para("今年上半年。"), test::para("第二段。")};
    CHECK(write(doc, "md", {{"front-matter", "false"}}) ==
          "# 港口\n\n责编：俞群艳\n\n新华社北京7月13日电（记者 王俊）今年上半年。\n\n第二段。\n");
    // With front matter the dateline is a key and still shown where the article had it.
    const std::string fm = write(doc, "md");
    CHECK(fm.find("dateline: \"新华社北京7月13日电\"\n") != std::string::npos);
    CHECK(fm.substr(fm.find("---\n\n") + 5) == "新华社北京7月13日电（记者 王俊）今年上半年。\n\n第二段。\n");
    // No lede paragraph: the dateline stands alone, escaped like any line.
    doc.metadata.dateline = "1. 本报讯";
    doc.metadata.contributors.clear();
    doc.blocks = {Heading{2, {}, {Text{"小标题"}}}};
    CHECK(write(doc, "md", {{"front-matter", "false"}}) == "# 港口\n\n1\\. 本报讯\n\n## 小标题\n");
}

TEST_CASE("markdown: the every-node document names what Markdown cannot hold", "[markdown-writer]") {
    Diagnostics diags;
    write(test::every_node_document(), "markdown", {}, &diags);
    CHECK(codes(diags) == std::set<std::string>{
                              "markdown.attr", "markdown.cross-ref", "markdown.figure", "markdown.image-size",
                              "markdown.list-style", "markdown.math", "markdown.paragraph-format",
                              "markdown.smallcaps", "markdown.table-caption", "markdown.table-foot",
                              "markdown.table-span", "markdown.table-widths", "markdown.underline"});
}

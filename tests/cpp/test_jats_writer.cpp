// JATS writer: element by element (expected XML written by hand from the
// JATS 1.3 Tag Library's element definitions), and whole documents checked
// by xmllint against the JATS DTDs.
#include <catch2/catch.hpp>

#include "copydesk/copydesk.hpp"
#include "jats/jats_writer.hpp"
#include "test_jats_support.hpp"

using namespace copydesk;
using namespace copydesk::jats::writer;
using copydesk::test::jats::every_node;
using copydesk::test::jats::para;
using copydesk::test::jats::text;

namespace {

struct Harness {
    Document doc;
    Settings settings;
    Diagnostics diags;
    DiagnosticSink sink{diags};
    xml::Writer out;
    std::optional<BodyWriter> bw;

    Harness() { bw.emplace(out, settings, doc, sink); }
    explicit Harness(Document d, Settings s = {}) : doc(std::move(d)), settings(s) { bw.emplace(out, settings, doc, sink); }
    std::string take() { return out.take(); }
    bool has(std::string_view code) const {
        for (const auto& d : diags)
            if (d.code == code) return true;
        return false;
    }
};

Block heading(int level, std::string id, std::string title) {
    Heading h;
    h.level = level;
    h.attr.id = std::move(id);
    h.content = text(std::move(title));
    return h;
}

}  // namespace

TEST_CASE("jats writer: paragraph with every phrase element", "[jats][jats-writer]") {
    Harness h;
    Paragraph p = para({Text{"a<b"}, Emph{text("i")}, Strong{text("b")}, Underline{text("u")}, Strikeout{text("s")},
                        Superscript{text("2")}, Subscript{text("x")}, SmallCaps{text("sc")}, Code{{}, "k()"},
                        LineBreak{}});
    p.first_line_indent = Length{2, LengthUnit::Em};  // presentation: not written
    h.bw->paragraph(p);
    CHECK(h.take() ==
          "<p>a&lt;b<italic>i</italic><bold>b</bold><underline>u</underline><strike>s</strike><sup>2</sup>"
          "<sub>x</sub><sc>sc</sc><monospace>k()</monospace>\n</p>");
    CHECK(h.has("jats.line-break"));  // <break/> is not allowed in <p>
}

TEST_CASE("jats writer: headings become nested sec; a skipped level is kept in disp-level", "[jats][jats-writer]") {
    Document d;
    d.blocks = {para(text("lead")), heading(1, "a", "A"), para(text("1")), heading(3, "b", "B"), para(text("2")),
                heading(2, "", "C"), heading(1, "9x", "D")};
    Harness h(d);
    h.bw->blocks(h.doc.blocks, Context::Sections);
    CHECK(h.take() ==
          "<p>lead</p>\n"
          "<sec id=\"a\">\n<title>A</title>\n<p>1</p>\n"
          "<sec id=\"b\" disp-level=\"3\">\n<title>B</title>\n<p>2</p>\n</sec>\n"
          "<sec>\n<title>C</title>\n</sec>\n</sec>\n"
          "<sec id=\"id-9x\">\n<title>D</title>\n</sec>\n");  // an id must be an XML name

    SECTION("Publishing has no disp-level: a diagnostic") {
        Settings s;
        s.tag_set = TagSet::Publishing;
        Harness p(Document{}, s);
        p.bw->blocks({heading(1, "", "A"), heading(3, "", "B")}, Context::Sections);
        CHECK(p.take() == "<sec>\n<title>A</title>\n<sec>\n<title>B</title>\n</sec>\n</sec>\n");
        CHECK(p.has("jats.heading-level"));
    }
}

TEST_CASE("jats writer: lists, quote, code", "[jats][jats-writer]") {
    Harness h;
    h.bw->bullet_list(BulletList{{{para(text("a"))}, {}}});
    CHECK(h.take() ==
          "<list list-type=\"bullet\">\n<list-item><p>a</p>\n</list-item>\n<list-item><p/></list-item>\n</list>");

    Harness o;
    o.bw->ordered_list(OrderedList{3, ListStyle::UpperAlpha, {{para(text("x"))}}});
    CHECK(o.take() == "<list list-type=\"alpha-upper\">\n<list-item><p>x</p>\n</list-item>\n</list>");
    CHECK(o.has("jats.list-start"));

    Harness q;
    BlockQuote bq;
    bq.content = {para(text("q")), heading(2, "", "not a sec")};
    q.bw->block_quote(bq);
    CHECK(q.take() == "<disp-quote>\n<p>q</p>\n<p><bold>not a sec</bold></p>\n</disp-quote>");
    CHECK(q.has("jats.heading-in-container"));

    Harness c;
    CodeBlock cb;
    cb.attr.classes = {"cpp"};
    cb.text = "a < b\n  c";
    c.bw->code_block(cb);
    cb.attr.classes.clear();
    c.bw->code_block(cb);
    CHECK(c.take() == "<code language=\"cpp\">a &lt; b\n  c</code><preformat>a &lt; b\n  c</preformat>");
}

TEST_CASE("jats writer: table-wrap with head, foot, spans and column widths", "[jats][jats-writer]") {
    Table t;
    t.attr.id = "t1";
    t.attr.set("label", "Table 1");
    t.caption = {para(text("Cap"))};
    t.col_widths = {0.3, 0.7};
    t.col_align = {Alignment::Default, Alignment::Right};
    t.head = {TableRow{{TableCell{{para(text("H"))}, 2}}}};
    t.body = {TableRow{{TableCell{{para(text("a"))}, 1, 2}, TableCell{{para(text("b")), para(text("c"))}}}},
              TableRow{{TableCell{}}}};
    t.foot = {TableRow{{TableCell{{para(text("f"))}, 1, 1, Alignment::Center}}}};
    Document d;
    d.blocks = {t};
    Harness h(d);
    h.bw->table(t);
    CHECK(h.take() ==
          "<table-wrap id=\"t1\">\n<label>Table 1</label><caption><p>Cap</p>\n</caption><table>\n"
          "<col width=\"30%\"/><col width=\"70%\" align=\"right\"/>\n"
          "<thead>\n<tr><th colspan=\"2\">H</th></tr>\n</thead>\n"
          "<tfoot>\n<tr><td align=\"center\">f</td></tr>\n</tfoot>\n"
          "<tbody>\n<tr><td rowspan=\"2\">a</td><td><p>b</p>\n<p>c</p>\n</td></tr>\n<tr><td/></tr>\n</tbody>\n"
          "</table>\n</table-wrap>");
}

TEST_CASE("jats writer: a table of head rows only and a class-less span stay valid and round-trip",
          "[jats][jats-writer][roundtrip]") {
    // tbody+ is required and named-content needs a content-type: both were
    // found invalid when the corpus DOCX/EPUB files were written as JATS.
    Table t;
    t.head = {TableRow{{TableCell{{para(text("H1"))}}, TableCell{{para(text("H2"))}}}}};
    Span page;
    page.attr.id = "Page_169";
    page.content = text("169");
    Document d;
    d.blocks = {t, para({page})};
    Harness h(d);
    h.bw->table(t);
    CHECK(h.take() == "<table-wrap>\n<table>\n<tbody>\n<tr><th>H1</th><th>H2</th></tr>\n</tbody>\n</table>\n</table-wrap>");
    h.bw->span(page);
    CHECK(h.take() == "<named-content id=\"Page_169\" content-type=\"span\">169</named-content>");
    Document back = read(write(d, "jats"), "jats");
    CHECK(back.blocks == d.blocks);
    auto catalog = copydesk::test::jats::jats_catalog();
    if (catalog) CHECK(copydesk::test::jats::dtd_errors(write(d, "jats"), *catalog) == "");
}

TEST_CASE("jats writer: figure, notes, links, cross-references", "[jats][jats-writer]") {
    Document d;
    Figure f;
    f.attr.id = "f1";
    f.label = "图1";
    f.caption = {para(text("说明"))};
    f.content = {para({Image{{}, text("alt"), "media/a.png", ""}})};
    d.blocks.push_back(f);
    Harness h(d);
    h.bw->figure(f);
    CHECK(h.take() ==
          "<fig id=\"f1\">\n<label>图1</label><caption><p>说明</p>\n</caption>"
          "<graphic xlink:href=\"media/a.png\"><alt-text>alt</alt-text></graphic>\n</fig>");

    Harness l(d);
    // Notes are referred to until the back matter is written: the inlines must outlive it.
    const Inlines links{Link{{}, text("x"), "https://e.org/?a=1&b=2", "T"}, Link{{}, text("f"), "#f1", ""},
                   Link{{}, text("g"), "#nowhere", ""}, CrossRef{"f1", "fig", text("Fig")},
                   CrossRef{"f1", "video", text("V")}, Note{{}, {para(text("n"))}}, Note{{}, {}}};
    l.bw->inlines(links);
    l.bw->fn_group();
    CHECK(l.take() ==
          "<ext-link ext-link-type=\"uri\" xlink:href=\"https://e.org/?a=1&amp;b=2\" xlink:title=\"T\">x</ext-link>"
          "<xref rid=\"f1\">f</xref>"
          "<ext-link ext-link-type=\"uri\" xlink:href=\"#nowhere\">g</ext-link>"
          "<xref ref-type=\"fig\" rid=\"f1\">Fig</xref>"
          "<xref ref-type=\"custom\" custom-type=\"video\" rid=\"f1\">V</xref>"
          "<xref ref-type=\"fn\" rid=\"fn1\">1</xref><xref ref-type=\"fn\" rid=\"fn2\">2</xref>"
          "<fn-group>\n<fn id=\"fn1\"><label>1</label><p>n</p>\n</fn>\n<fn id=\"fn2\"><label>2</label><p/></fn>\n"
          "</fn-group>\n");

    Harness x(d);
    x.bw->cross_ref(CrossRef{"missing", "bibr", text("[9]")});
    CHECK(x.take() == "[9]");
    CHECK(x.has("jats.xref-target"));
}

TEST_CASE("jats writer: contributors, date, custom-meta", "[jats][jats-writer]") {
    Harness h;
    h.bw->contrib({"王俊", Role::Reporter, "记者", "", ""});
    h.bw->contrib({"Ann Lee", Role::Photographer, "", "Daily", "a@b.c"});
    DateTime dt = *DateTime::parse("2023年7月13日 08:30");
    h.bw->pub_date(dt);
    CHECK(h.take() ==
          "<contrib contrib-type=\"author\"><name name-style=\"eastern\"><surname>王俊</surname></name>"
          "<role content-type=\"reporter\">记者</role></contrib>\n"
          "<contrib contrib-type=\"photographer\"><name><surname>Lee</surname><given-names>Ann</given-names>"
          "</name><aff>Daily</aff><email>a@b.c</email></contrib>\n"
          "<pub-date date-type=\"pub\" iso-8601-date=\"2023-07-13T08:30\"><day>13</day><month>07</month>"
          "<year>2023</year></pub-date>\n");

    Document d;
    d.metadata.dateline = "本报讯";
    d.metadata.date = dt;
    d.metadata.custom = {{"dateline", "x"}};
    Harness c(d);
    c.bw->custom_meta();
    CHECK(c.take() ==
          "<custom-meta-group>\n"
          "<custom-meta specific-use=\"copydesk\"><meta-name>dateline</meta-name><meta-value>本报讯</meta-value>"
          "</custom-meta>\n"
          "<custom-meta specific-use=\"copydesk\"><meta-name>date-text</meta-name>"
          "<meta-value>2023年7月13日 08:30</meta-value></custom-meta>\n"
          "<custom-meta><meta-name>dateline</meta-name><meta-value>x</meta-value></custom-meta>\n"
          "</custom-meta-group>\n");
}

TEST_CASE("jats writer: XML ids", "[jats][jats-writer]") {
    CHECK(is_ncname("s1"));
    CHECK(is_ncname("第一节"));
    CHECK_FALSE(is_ncname("1a"));
    CHECK_FALSE(is_ncname("a b"));
    CHECK_FALSE(is_ncname("a:b"));
    CHECK_FALSE(is_ncname("\xE3\x80\x80x"));  // U+3000 cannot start a name
    CHECK(to_ncname("1 a") == "id-1-a");
    CHECK(to_ncname("图 1") == "图-1");
    Document d;
    d.blocks = {heading(1, "x y", "A"), heading(1, "x-y", "B"), heading(1, "x y", "C")};
    Ids ids;
    ids.collect(d);
    CHECK(ids.claim("x y") == "x-y");
    CHECK(ids.claim("x-y") == "x-y-2");
    CHECK(ids.claim("x y").empty());  // a repeated id is written once
    CHECK(*ids.target("x y") == "x-y");
    CHECK(ids.target("z") == nullptr);
    CHECK(ids.fresh("fn") == "fn1");
}

TEST_CASE("jats writer: options", "[jats][jats-writer]") {
    Document d;
    d.metadata.title = "t";
    std::string a = write(d, "jats");
    CHECK(a.find("<!DOCTYPE article PUBLIC \"-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD v1.3 "
                 "20210610//EN\" \"JATS-archivearticle1-3.dtd\">") != std::string::npos);
    CHECK(a.find("article-type=\"news\" dtd-version=\"1.3\" xml:lang=\"en\"") != std::string::npos);
    std::string p = write(d, "jats", Options{{"tag-set", "publishing"}, {"dtd-version", "1.4"}, {"article-type", "editorial"}});
    CHECK(p.find("\"-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.4 20241031//EN\" "
                 "\"JATS-journalpublishing1-4.dtd\"") != std::string::npos);
    CHECK(p.find("article-type=\"editorial\" dtd-version=\"1.4\"") != std::string::npos);
    CHECK_THROWS_AS(write(d, "jats", Options{{"tag-set", "authoring"}}), UsageError);
    CHECK_THROWS_AS(write(d, "jats", Options{{"dtd-version", "1.2"}}), UsageError);
}

TEST_CASE("jats writer: the sample article validates against the JATS DTD", "[jats][jats-writer][interop]") {
    auto catalog = copydesk::test::jats::jats_catalog();
    if (!catalog) COPYDESK_SKIP("xmllint not found");
    Document doc = read_file((copydesk::test::source_dir() / "examples" / "zh-news.txt").string(), "plain");
    std::string xml = write(doc, "jats");
    CHECK(copydesk::test::jats::dtd_errors(xml, *catalog) == "");
    CHECK(xml.find("<contrib contrib-type=\"author\"><name name-style=\"eastern\"><surname>周明</surname></name>"
                   "<role content-type=\"reporter\">记者</role></contrib>") != std::string::npos);
    CHECK(xml.find("<contrib contrib-type=\"editor\"><name name-style=\"eastern\"><surname>林晓</surname></name>"
                   "<role>责编</role></contrib>") != std::string::npos);
    CHECK(xml.find("<pub-date date-type=\"pub\" iso-8601-date=\"2024-04-23\"><day>23</day><month>04</month>"
                   "<year>2024</year></pub-date>") != std::string::npos);
    CHECK(xml.find("<journal-title>青溪日报</journal-title>") != std::string::npos);
    CHECK(xml.find("xml:lang=\"zh-CN\"") != std::string::npos);
}

TEST_CASE("jats writer: the corpus seed article validates against the JATS DTD", "[jats][jats-writer][corpus]") {
    auto catalog = copydesk::test::jats::jats_catalog();
    if (!catalog) COPYDESK_SKIP("xmllint not found");
    COPYDESK_REQUIRE_CORPUS(corpus);
    Document seed = read_file((corpus / "seed" / "taicang-2023-07-13.txt").string(), "plain");
    std::string sx = write(seed, "jats");
    CHECK(copydesk::test::jats::dtd_errors(sx, *catalog) == "");
    CHECK(sx.find("<contrib contrib-type=\"author\"><name name-style=\"eastern\"><surname>王俊</surname></name>"
                  "<role content-type=\"reporter\">记者</role></contrib>") != std::string::npos);
    CHECK(sx.find("<contrib contrib-type=\"editor\"><name name-style=\"eastern\"><surname>俞群艳</surname></name>"
                  "<role>责编</role></contrib>") != std::string::npos);
    CHECK(sx.find("iso-8601-date=\"2023-07-13\"") != std::string::npos);
    CHECK(sx.find("<journal-title>太仓日报</journal-title>") != std::string::npos);
}

TEST_CASE("jats writer: every node type validates, in each tag set and version", "[jats][jats-writer][interop]") {
    auto catalog = copydesk::test::jats::jats_catalog();
    if (!catalog) COPYDESK_SKIP("xmllint not found");
    Document d = every_node();
    for (auto [tag_set, version] : {std::pair{"archiving", "1.3"}, std::pair{"publishing", "1.3"},
                                    std::pair{"archiving", "1.4"}, std::pair{"publishing", "1.4"}}) {
        INFO(tag_set << " " << version);
        Diagnostics diags;
        std::string xml = write(d, "jats", Options{{"tag-set", tag_set}, {"dtd-version", version}}, &diags);
        CHECK(copydesk::test::jats::dtd_errors(xml, *catalog) == "");
    }
    // Nodes JATS has no place for, in places that restrict content: still valid.
    Document odd;
    odd.metadata.title = "odd";
    Note n{{}, {heading(1, "", "h"), Table{}, HorizontalRule{}, Div{}, RawBlock{"html", "<b>x</b>"}}};
    odd.blocks = {para({Text{"x"}, n, RawInline{"jats", "<bold>raw</bold>"}, RawInline{"jats", "<bold>"},
                        Math{MathNotation::MathML, false, "<math/>"}}),
                  BulletList{{{Table{}, heading(2, "", "in list"), Figure{}}}}, HorizontalRule{}};
    Diagnostics diags;
    std::string xml = write(odd, "jats", {}, &diags);
    CHECK(copydesk::test::jats::dtd_errors(xml, *catalog) == "");
    CHECK(xml.find("<bold>raw</bold>") != std::string::npos);
    std::set<std::string> codes;
    for (const auto& dg : diags) codes.insert(dg.code);
    CHECK(codes == std::set<std::string>{"jats.heading-in-container", "jats.horizontal-rule", "jats.raw-dropped",
                                         "jats.mathml-as-text"});
}

TEST_CASE("jats writer: the dateline opens the lede as named-content, valid in each tag set",
          "[jats][jats-writer][dateline]") {
    Document d;
    d.metadata.language = "zh-CN";
    d.metadata.dateline = "新华社巴黎12月9日电";
    d.metadata.byline_placement = BylinePlacement::Start;
    d.metadata.contributors = {{"唐霁", Role::Reporter, "记者", "", ""}};
    d.blocks = {para(text("法国9日再次爆发罢工。"))};
    const std::string xml = write(d, "jats");
    CHECK(xml.find("<body>\n<p><named-content content-type=\"dateline\">新华社巴黎12月9日电（记者 唐霁）</named-content>"
                   "法国9日再次爆发罢工。</p>\n") != std::string::npos);
    // Before a heading: a paragraph of its own, ahead of the first <sec>.
    Document h;
    h.metadata.language = "en";
    h.metadata.dateline = "WASHINGTON (Reuters) -";
    h.blocks = {heading(1, "", "Vote"), para(text("The Senate voted."))};
    const std::string hxml = write(h, "jats");
    CHECK(hxml.find("<body>\n<p><named-content content-type=\"dateline\">WASHINGTON (Reuters) -</named-content></p>\n"
                    "<sec") != std::string::npos);
    auto catalog = copydesk::test::jats::jats_catalog();
    if (!catalog) COPYDESK_SKIP("xmllint or the JATS DTDs (../shared/schemas/jats) not found");
    for (const char* tag_set : {"archiving", "publishing"}) {
        INFO(tag_set);
        for (const Document* doc : {&d, &h})
            CHECK(copydesk::test::jats::dtd_errors(write(*doc, "jats", Options{{"tag-set", tag_set}}), *catalog) == "");
    }
}

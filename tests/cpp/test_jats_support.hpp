// Helpers of the JATS tests: a document with every node type, and DTD
// validation with xmllint against the JATS DTDs in tests/schemas/jats.
#pragma once

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <unistd.h>
#include <vector>

#include "copydesk/ast.hpp"
#include "test_support.hpp"

namespace copydesk::test::jats {

// The catalog of the JATS DTDs our writer names, carried in the repository
// (tests/schemas/jats/README.md), when xmllint is there.
inline std::optional<std::filesystem::path> jats_catalog() {
    auto catalog = source_dir() / "tests" / "schemas" / "jats" / "catalog.xml";
    REQUIRE(std::filesystem::exists(catalog));
    if (std::system("command -v xmllint >/dev/null 2>&1") != 0) return std::nullopt;
    return catalog;
}

// xmllint --valid's complaints about these documents ("" when all are
// valid), from one xmllint run: it loads the DTD per file but starts once.
inline std::string dtd_errors(const std::vector<std::string>& docs, const std::filesystem::path& catalog) {
    const auto dir = std::filesystem::temp_directory_path() / ("copydesk-jats-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::string files;
    for (std::size_t i = 0; i < docs.size(); ++i) {
        const auto file = dir / (std::to_string(i) + ".xml");
        std::ofstream(file, std::ios::binary) << docs[i];
        files += " '" + file.string() + "'";
    }
    const std::string cmd =
        "XML_CATALOG_FILES='" + catalog.string() + "' xmllint --noout --valid --nonet" + files + " 2>&1";
    std::string result;
    if (FILE* p = ::popen(cmd.c_str(), "r")) {
        char buf[4096];
        std::size_t n;
        while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) result.append(buf, n);
        int rc = ::pclose(p);
        if (rc != 0 && result.empty()) result = "xmllint exited with " + std::to_string(rc);
    } else {
        result = "cannot run xmllint";
    }
    std::filesystem::remove_all(dir);
    return result;
}

inline std::string dtd_errors(const std::string& xml, const std::filesystem::path& catalog) {
    return dtd_errors(std::vector<std::string>{xml}, catalog);
}

inline Inlines text(std::string s) { return {Text{std::move(s)}}; }

inline Paragraph para(Inlines c) {
    Paragraph p;
    p.content = std::move(c);
    return p;
}

// A document holding every block and inline type JATS can represent, with
// metadata in every field. Round-trips exactly (see test_jats_reader.cpp).
inline Document every_node() {
    Document d;
    Metadata& m = d.metadata;
    m.title = "太仓举办读书节";
    m.subtitle = "百余名居民共读";
    m.contributors = {{"王俊", Role::Reporter, "记者", "太仓日报社", "wj@example.com"},
                      {"俞群艳", Role::Editor, "责编", "", ""},
                      {"Ann Lee", Role::Photographer, "摄影", "", ""},
                      {"李明", Role::Correspondent, "通讯员", "", ""},
                      {"Bo Chen", Role::Translator, "", "", ""},
                      {"张三", Role::Author, "", "", ""}};
    m.source = "太仓日报";
    m.date = DateTime::parse("2023-07-13T08:30:00+08:00");
    m.language = "zh-CN";
    m.abstract = {para(text("摘要一段。"))};
    m.keywords = {"读书", "社区"};
    m.identifiers = {{"doi", "10.1234/tc.2023.1"}, {"uuid", "c0ffee"}};
    m.section = "要闻";
    m.license = "https://creativecommons.org/licenses/by/4.0/";
    m.dateline = "本报讯";
    m.byline_placement = BylinePlacement::Start;
    m.custom = {{"版次", "A1"}, {"dateline", "a user key that looks like ours"}};

    Blocks& b = d.blocks;
    b.push_back(para({Text{"导语 "}, Emph{text("斜体")}, Strong{text("粗体")}, Underline{text("下划线")},
                      Strikeout{text("删除")}, Superscript{text("上")}, Subscript{text("下")},
                      SmallCaps{text("Caps")}, Code{{}, "x = 1"}}));
    Heading h1;
    h1.level = 1;
    h1.attr.id = "s1";
    h1.content = {Text{"第一"}, LineBreak{}, Text{"部分"}};
    b.push_back(h1);
    b.push_back(para({Text{"见 "}, Link{{}, text("网站"), "https://example.org/a?b=1&c=2", "标题"}, Text{" 和 "},
                      Link{{}, text("图"), "#fig1", ""}, Text{"。"},
                      Note{{}, {para(text("脚注内容。"))}}}));
    Heading h3;  // a skipped level
    h3.level = 3;
    h3.attr.id = "s1-1";
    h3.content = text("细节");
    b.push_back(h3);
    BulletList bl;
    bl.items = {{para(text("甲"))}, {para(text("乙")), OrderedList{1, ListStyle::Default, {{para(text("一"))}}}}};
    b.push_back(bl);
    b.push_back(OrderedList{1, ListStyle::LowerRoman, {{para(text("i"))}, {para(text("ii"))}}});
    b.push_back(OrderedList{1, ListStyle::CJK, {{para(text("首先"))}}});
    BlockQuote q;
    q.content = {para(text("引用。")), BulletList{{{para(text("引用列表"))}}}};
    b.push_back(q);
    CodeBlock cb;
    cb.attr.classes = {"python"};
    cb.text = "def f():\n    return 1\n";
    b.push_back(cb);
    CodeBlock pre;
    pre.text = "  preformatted  text";
    b.push_back(pre);
    Heading h2;
    h2.level = 2;
    h2.attr.id = "s2";
    h2.content = text("表格与图");
    b.push_back(h2);
    Table t;
    t.attr.id = "tab1";
    t.attr.set("label", "表1");
    t.caption = {para(text("各社区阅读角"))};
    t.col_widths = {0.25, 0.5, 0.25};
    t.col_align = {Alignment::Left, Alignment::Default, Alignment::Right};
    TableCell c1{{para({Text{"社区"}, LineBreak{}, Text{"名称"}})}};
    TableCell c2{{para(text("阅读角与图书"))}, 2, 1, Alignment::Center};
    t.head = {TableRow{{c1, c2}}};
    TableCell r1{{para(text("北"))}, 1, 2};
    t.body = {TableRow{{r1, TableCell{{para(text("3"))}}, TableCell{{para(text("2000"))}}}},
              TableRow{{TableCell{{para(text("4")), para(text("另一段"))}}, TableCell{}}}};
    t.foot = {TableRow{{TableCell{{para(text("合计"))}, 3}}}};
    b.push_back(t);
    Figure f;
    f.attr.id = "fig1";
    f.label = "图1";
    f.caption = {para(text("读书节现场"))};
    f.content = {para({Image{{}, text("现场照片"), "media/p1.jpg", "现场"}})};
    b.push_back(f);
    b.push_back(para({Text{"如"}, CrossRef{"tab1", "table", text("表1")}, Text{"与"}, CrossRef{"fig1", "fig", text("图1")},
                      Text{"所示,参见"}, CrossRef{"ref1", "bibr", text("[1]")}, Text{";公式 "},
                      Math{MathNotation::TeX, false, "E=mc^2"}, Text{" 与"}, Math{MathNotation::TeX, true, "\\sum_i x_i"},
                      Text{" 行内图 "}, Image{{}, {}, "media/icon.png", ""}, Text{" "},
                      Span{{"sp1", {"place"}, {}}, text("太仓")}, Text{" 跳到"}, Link{{}, text("第一"), "#s1", ""},
                      Text{" 邮件 "}, Link{{}, text("wj@example.com"), "mailto:wj@example.com", ""},
                      Text{"。"}}));
    Div box;
    box.attr.id = "box1";
    box.attr.classes = {"sidebar"};
    box.content = {para(text("相关链接。"))};
    b.push_back(box);
    b.push_back(para({Text{"尾注"}, Note{{"", {"endnote"}, {}}, {para(text("尾注内容")), BulletList{{{para(text("注中列表"))}}}}}}));

    Reference ref;
    ref.id = "ref1";
    ref.type = "journal";
    ref.authors = {"王俊", "Ann Lee"};
    ref.title = "社区阅读研究";
    ref.container = "图书馆杂志";
    ref.year = "2022";
    ref.volume = "41";
    ref.issue = "3";
    ref.pages = "10-20";
    ref.doi = "10.1234/lib.2022.3";
    ref.text = "王俊, Ann Lee. 社区阅读研究. 图书馆杂志, 2022, 41(3): 10-20.";
    d.references.push_back(ref);
    Reference web;
    web.id = "ref2";
    web.type = "web";
    web.text = "太仓市政府网站";
    web.url = "https://www.taicang.gov.cn/";
    d.references.push_back(web);
    return d;
}

}  // namespace copydesk::test::jats

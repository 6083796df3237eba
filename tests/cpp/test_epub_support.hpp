// Shared by the EPUB tests: a document holding every node type, and epubcheck.
#pragma once

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "copydesk/copydesk.hpp"

namespace copydesk::test {

// A 2x2 RGB PNG made with Python's zlib/struct (red row, blue row).
inline std::string tiny_png() {
    return std::string(
        "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x02\x00\x00\x00\x02\x08\x02"
        "\x00\x00\x00\xfd\xd4\x9a\x73\x00\x00\x00\x11\x49\x44\x41\x54\x78\x9c\x63\xf8\xcf\xc0\x00\x44\x0c\x60\xf2"
        "\x3f\x00\x1b\xf2\x03\xfd\xf3\xe7\x4b\xb1\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82",
        74);
}

inline Paragraph para(std::string text) { return Paragraph{{Text{std::move(text)}}, std::nullopt, Alignment::Default}; }

// Every node type EPUB represents, with the metadata of a news article.
// Whitespace sits only inside Text runs (HTML collapses the rest), so the
// round trip can compare with ==.
inline Document every_node_document() {
    Document d;
    Metadata& m = d.metadata;
    m.title = "太仓港集装箱吞吐量创新高";
    m.subtitle = "上半年同比增长12%";
    m.contributors = {{"王俊", Role::Reporter, "记者", "", ""},
                      {"俞群艳", Role::Editor, "责编", "", ""},
                      {"李明", Role::Photographer, "摄影", "太仓日报", "li@example.org"},
                      {"Ann Lee", Role::Translator, "", "", ""}};
    m.source = "太仓日报";
    m.date = DateTime::parse("2023年7月13日 08:30");
    m.language = "zh-CN";
    m.abstract = {para("太仓港上半年集装箱吞吐量同比增长。")};
    m.keywords = {"港口", "物流"};
    m.identifiers = {{"doi", "10.1234/taicang.2023"}};
    m.section = "要闻";
    m.license = "© 太仓日报";
    m.dateline = "本报讯";
    m.byline_placement = BylinePlacement::Start;
    m.custom = {{"栏目编号", "A01"}, {"page", "3"}};
    d.resources.push_back({"media/dot.png", "image/png", tiny_png()});

    Paragraph p1;
    p1.first_line_indent = Length{2, LengthUnit::Em};
    Note fn;
    fn.content = {para("数据来源：太仓港口管委会。")};
    Note nested;
    nested.content = {para("注中之注。")};
    Note fn2;
    fn2.content = {Paragraph{{Text{"第二条注释"}, nested}, std::nullopt, Alignment::Default}};
    Note en;
    en.attr.classes = {"endnote"};
    en.content = {para("尾注内容。")};
    p1.content = {Text{"今年上半年，"},
                  Strong{{Text{"太仓港"}}},
                  Text{"完成集装箱吞吐量"},
                  Emph{{Text{"400万"}}},
                  Text{"标箱"},
                  fn,
                  Text{"，"},
                  Underline{{Text{"同比增长"}}},
                  Strikeout{{Text{"10%"}}},
                  Text{"12%"},
                  fn2,
                  Text{"。H"},
                  Subscript{{Text{"2"}}},
                  Text{"O, x"},
                  Superscript{{Text{"2"}}},
                  Text{", "},
                  SmallCaps{{Text{"Small Caps"}}},
                  Text{", "},
                  Code{{"", {"cpp"}, {}}, "int x = 1;"},
                  en};
    d.blocks.push_back(p1);
    Paragraph p2;
    p2.align = Alignment::Center;
    p2.content = {Text{"详见"},
                  Link{{}, {Text{"太仓港官网"}}, "https://www.example.org/port?a=1&b=2", "官网"},
                  Text{"与"},
                  Link{{}, {Text{"上文"}}, "#sec-1", ""},
                  Text{"、"},
                  CrossRef{"fig1", "fig", {Text{"图1"}}},
                  LineBreak{},
                  Span{{"sp1", {"highlight"}, {{"lang-note", "zh"}}}, {Text{"强调"}}},
                  Math{MathNotation::TeX, false, "E=mc^2"}};
    d.blocks.push_back(p2);
    d.blocks.push_back(Heading{1, {"sec-1", {}, {}}, {Text{"一、港口建设"}}});
    d.blocks.push_back(Heading{3, {}, {Text{"（一）码头"}}});
    d.blocks.push_back(BlockQuote{{para("“港口是城市的名片。”")}});
    d.blocks.push_back(BulletList{{{para("集装箱")}, {para("散货"), BulletList{{{para("煤炭")}, {para("矿石")}}}}}});
    d.blocks.push_back(OrderedList{3, ListStyle::LowerRoman, {{para("第三项")}, {para("第四项")}}});
    d.blocks.push_back(OrderedList{1, ListStyle::CJK, {{para("一项")}, {para("二项")}}});
    Table t;
    t.attr.id = "tab1";
    t.caption = {para("表1 吞吐量")};
    t.col_align = {Alignment::Left, Alignment::Right, Alignment::Right};
    t.col_widths = {0.5, 0.25, 0.25};
    auto cell = [](std::string s, int cs = 1, int rs = 1, Alignment a = Alignment::Default) {
        return TableCell{{para(std::move(s))}, cs, rs, a};
    };
    t.head = {TableRow{{cell("月份"), cell("吞吐量", 2, 1, Alignment::Center)}}};
    t.body = {TableRow{{cell("一月", 1, 2), cell("60"), cell("61")}}, TableRow{{cell("62"), cell("63")}}};
    t.foot = {TableRow{{cell("合计"), cell("246", 2)}}};
    d.blocks.push_back(t);
    Figure f;
    f.attr.id = "fig1";
    f.label = "图1";
    f.caption = {para("太仓港码头")};
    f.content = {Paragraph{{Image{{"", {}, {{"width", "120px"}}}, {Text{"码头照片"}}, "media/dot.png", "码头"}},
                           std::nullopt, Alignment::Default}};
    d.blocks.push_back(f);
    d.blocks.push_back(CodeBlock{{"", {"python"}, {}}, "print('太仓')\nx = 1 < 2\n"});
    d.blocks.push_back(HorizontalRule{});
    d.blocks.push_back(Div{{"box", {"note-box"}, {{"kind", "info"}}}, {para("方框内容。")}});
    return d;
}

// epubcheck's command line ("java -jar <jar>" when the program on PATH is the
// Debian jar, run through binfmt otherwise), or empty when it is not installed.
inline std::string epubcheck_command() {
    const char* path = std::getenv("PATH");
    if (!path) return {};
    std::string p = path;
    std::size_t start = 0;
    while (start <= p.size()) {
        std::size_t colon = p.find(':', start);
        std::filesystem::path dir = p.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
        std::error_code ec;
        auto exe = dir / "epubcheck";
        if (std::filesystem::exists(exe, ec)) {
            auto real = std::filesystem::canonical(exe, ec);
            if (!ec && real.extension() == ".jar") return "java -jar '" + real.string() + "'";
            return "'" + exe.string() + "'";
        }
        if (colon == std::string::npos) break;
        start = colon + 1;
    }
    return {};
}

struct EpubcheckResult {
    std::string output;
    bool clean = false;  // "0 fatals / 0 errors / 0 warnings"
};

// Runs epubcheck on several files at once (one JVM each, in parallel).
inline std::vector<EpubcheckResult> run_epubcheck(const std::string& cmd,
                                                   const std::vector<std::filesystem::path>& files) {
    std::vector<FILE*> pipes;
    for (const auto& f : files) pipes.push_back(popen((cmd + " '" + f.string() + "' 2>&1").c_str(), "r"));
    std::vector<EpubcheckResult> out;
    for (FILE* p : pipes) {
        EpubcheckResult r;
        if (p) {
            std::array<char, 4096> buf{};
            std::size_t n;
            while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.output.append(buf.data(), n);
            pclose(p);
        }
        r.clean = r.output.find("0 fatals / 0 errors / 0 warnings") != std::string::npos;
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace copydesk::test

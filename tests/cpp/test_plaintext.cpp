// Plain-text reader and writer: each heuristic, each switch, encodings, line
// ends, and pathological inputs.
#include <algorithm>
#include <chrono>

#include "test_plaintext_helpers.hpp"
#include "test_support.hpp"

#include "copydesk/errors.hpp"

using namespace copydesk;
using copydesk::test::read_plain;
using copydesk::test::write_plain;

namespace {

const char* kArticle =
    "市委召开会议 部署下半年工作\n"
    "\n"
    "来源:太仓日报 责编:俞群艳 时间:2023-07-13\n"
    "\n"
    "昨日,市委召开会议,部署下半年工作。\n"
    "\n"
    "  会议指出,要抓好当前重点工作。\n"
    "\n"
    "  会议要求,各级干部要真抓实干。(记者\u00a0\u00a0王俊)\n";

const Diagnostic* find_diag(const Document& d, const std::string& code) {
    for (const auto& x : d.diagnostics)
        if (x.code == code) return &x;
    return nullptr;
}

}  // namespace

TEST_CASE("plain: headline, metadata line and end byline", "[plain]") {
    Document d = read_plain(kArticle);
    const Metadata& m = d.metadata;
    CHECK(m.title == "市委召开会议 部署下半年工作");
    CHECK(m.source == "太仓日报");
    REQUIRE(m.date);
    CHECK(m.date->iso() == "2023-07-13");
    REQUIRE(m.contributors.size() == 2);
    CHECK(m.contributors[0].name == "俞群艳");
    CHECK(m.contributors[0].role == Role::Editor);
    CHECK(m.contributors[0].label == "责编");
    CHECK(m.contributors[1].name == "王俊");
    CHECK(m.contributors[1].role == Role::Reporter);
    CHECK(m.contributors[1].label == "记者");
    CHECK(m.byline_placement == BylinePlacement::End);
    CHECK(m.language == "zh-CN");
    REQUIRE(d.blocks.size() == 3);
    CHECK(test::paragraph_text(d, 2) == "会议要求,各级干部要真抓实干。");
    const auto& p1 = d.blocks[1].as<Paragraph>();
    REQUIRE(p1.first_line_indent);
    CHECK(*p1.first_line_indent == Length{2, LengthUnit::Em});
    CHECK_FALSE(d.blocks[0].as<Paragraph>().first_line_indent);
}

TEST_CASE("plain: the writer restores metadata line and byline; round trip is exact", "[plain][writer]") {
    Document d = read_plain(kArticle);
    std::string out = write_plain(d);
    CHECK(out.find("来源:太仓日报 责编:俞群艳 时间:2023-07-13\n") != std::string::npos);
    CHECK(out.find("真抓实干。（记者 王俊）\n") != std::string::npos);
    CHECK(out.find("\u3000\u3000会议指出") != std::string::npos);
    CHECK(read_plain(out) == d);
}

TEST_CASE("plain: metadata line variants", "[plain][metadata]") {
    SECTION("full-width colons, U+3000 and | separators, unknown keys kept verbatim") {
        Document d = read_plain("标题\n来源：新华网\u3000作者：张三 | 浏览：33 | 栏目：国内\n\n正文。\n");
        CHECK(d.metadata.source == "新华网");
        REQUIRE(d.metadata.contributors.size() == 1);
        CHECK(d.metadata.contributors[0].role == Role::Author);
        CHECK(d.metadata.section == "国内");
        REQUIRE(d.metadata.custom.size() == 1);
        CHECK(d.metadata.custom[0] == std::make_pair(std::string("浏览"), std::string("33")));
    }
    SECTION("key-less date and time first, then a key") {
        Document d = read_plain("标题\n2019-09-07 13:43:45\u3000来源:证券市场红周刊\n\n正文。\n");
        REQUIRE(d.metadata.date);
        CHECK(d.metadata.date->iso() == "2019-09-07T13:43:45");
        CHECK(d.metadata.source == "证券市场红周刊");
    }
    SECTION("Chinese date with time") {
        Document d = read_plain("标题\n发布时间：2023年7月13日 08:30  来源：人民网\n\n正文。\n");
        REQUIRE(d.metadata.date);
        CHECK(d.metadata.date->iso() == "2023-07-13T08:30");
        CHECK(d.metadata.date->text == "2023年7月13日 08:30");
    }
    SECTION("slashed date and a date key whose value is not a date") {
        Document d = read_plain("标题\n日期:2023/07/13 发布时间:10-08\n\n正文。\n");
        REQUIRE(d.metadata.date);
        CHECK(d.metadata.date->iso() == "2023-07-13");
        REQUIRE(d.metadata.custom.size() == 1);
        CHECK(d.metadata.custom[0].first == "发布时间");
    }
    SECTION("English keys") {
        Document d = read_plain("Headline here\nSource: Reuters | By: Jane Doe, John Roe | Published: 2023-07-13\n\n"
                                "Body text of the article.\n");
        CHECK(d.metadata.source == "Reuters");
        REQUIRE(d.metadata.contributors.size() == 2);
        CHECK(d.metadata.contributors[1].name == "John Roe");
        CHECK(d.metadata.contributors[1].label == "By");
        CHECK(d.metadata.language == "en");
    }
    SECTION("a sentence with a colon is not metadata") {
        Document d = read_plain("标题\n记者：他说这件事很重要。\n\n正文。\n");
        CHECK(d.metadata.contributors.empty());
        CHECK(d.blocks.size() == 2);
    }
    SECTION("switched off") {
        Document d = read_plain("标题\n来源:太仓日报 时间:2023-07-13\n\n正文。\n", {{"metadata", "false"}});
        CHECK(d.metadata.source.empty());
        CHECK(test::paragraph_text(d, 0) == "来源:太仓日报 时间:2023-07-13");
    }
}

TEST_CASE("plain: headline rules", "[plain][headline]") {
    SECTION("two-line headline joined by a dash") {
        Document d = read_plain("如何把贪官送进监狱——\n法律用美国的\n\n正文。\n");
        CHECK(d.metadata.title == "如何把贪官送进监狱——法律用美国的");
    }
    SECTION("second line with a dash is the subtitle") {
        Document d = read_plain("主标题\n——副标题在此\n\n正文。\n");
        CHECK(d.metadata.title == "主标题");
        CHECK(d.metadata.subtitle == "副标题在此");
        CHECK(read_plain(write_plain(d)) == d);
    }
    SECTION("headline directly followed by body lines keeps the body") {
        Document d = read_plain("标题一行\n第一段正文写在这里，内容很长很长很长。\n第二段。\n");
        CHECK(d.metadata.title == "标题一行");
        CHECK(d.blocks.size() == 2);
    }
    SECTION("a long first sentence is the lede, not a headline") {
        std::string lede = "中新网北京12月1日电(记者 张曦) 30日晚，" + std::string(60, 'x') + "举行答谢宴。\n\n第二段。\n";
        Document d = read_plain(lede);
        CHECK(d.metadata.title.empty());
        CHECK(d.metadata.dateline == "中新网北京12月1日电");
    }
    SECTION("switched off") {
        Document d = read_plain("标题\n\n正文。\n", {{"headline", "false"}});
        CHECK(d.metadata.title.empty());
        CHECK(d.blocks.size() == 2);
    }
}

TEST_CASE("plain: bylines and datelines", "[plain][byline]") {
    SECTION("dateline with reporter at the start") {
        Document d = read_plain("标题\n\n新华社北京7月13日电（记者 张三 通讯员 李四）今天上午，会议召开。\n\n第二段。\n");
        CHECK(d.metadata.dateline == "新华社北京7月13日电");
        CHECK(d.metadata.byline_placement == BylinePlacement::Start);
        REQUIRE(d.metadata.contributors.size() == 2);
        CHECK(d.metadata.contributors[1].role == Role::Correspondent);
        CHECK(test::paragraph_text(d, 0) == "今天上午，会议召开。");
        std::string out = write_plain(d);
        CHECK(out.find("新华社北京7月13日电（记者 张三 通讯员 李四）今天上午") != std::string::npos);
        CHECK(read_plain(out) == d);
    }
    SECTION("本报讯 and name attached to the label") {
        Document d = read_plain("标题\n\n本报讯（记者唐霁）法国9日再次爆发罢工。\n");
        CHECK(d.metadata.dateline == "本报讯");
        REQUIRE(d.metadata.contributors.size() == 1);
        CHECK(d.metadata.contributors[0].name == "唐霁");
    }
    SECTION("【记者 X】 at the start") {
        Document d = read_plain("标题\n\n【记者 王五】昨天，一场大雨。\n");
        REQUIRE(d.metadata.contributors.size() == 1);
        CHECK(d.metadata.contributors[0].name == "王五");
        CHECK(test::paragraph_text(d, 0) == "昨天，一场大雨。");
    }
    SECTION("trailing editor note, separate paragraph") {
        Document d = read_plain("标题\n\n正文到此结束。（记者 王俊）\n\n（责任编辑：张迪）\n");
        REQUIRE(d.metadata.contributors.size() == 2);
        CHECK(d.metadata.contributors[0].role == Role::Editor);  // metadata-line roles first
        CHECK(d.metadata.contributors[0].label == "责任编辑");
        CHECK(d.metadata.contributors[1].role == Role::Reporter);
        REQUIRE(d.blocks.size() == 1);
        CHECK(test::paragraph_text(d, 0) == "正文到此结束。");
        CHECK(read_plain(write_plain(d)) == d);
    }
    SECTION("brackets that are not bylines stay") {
        Document d = read_plain("标题\n\n正文。（资料来源：参考消息、海外网等）\n\n（应受访者要求，文中张严为化名。）\n");
        CHECK(d.metadata.contributors.empty());
        CHECK(d.blocks.size() == 2);
        CHECK(test::paragraph_text(d, 0) == "正文。（资料来源：参考消息、海外网等）");
    }
    SECTION("switched off") {
        Document d = read_plain("标题\n\n正文。（记者 王俊）\n", {{"byline", "false"}});
        CHECK(d.metadata.contributors.empty());
        CHECK(test::paragraph_text(d, 0) == "正文。（记者 王俊）");
    }
}

TEST_CASE("plain: paragraphs, indentation and wrapped lines", "[plain][paragraphs]") {
    SECTION("no blank lines: indented line starts split paragraphs") {
        Document d = read_plain("标题\n\u3000\u3000第一段。\n\u3000\u3000第二段的内容比较长，需要换行，\n接着写完。\n\u00a0\u00a0第三段。\n\t第四段。\n");
        REQUIRE(d.blocks.size() == 4);
        CHECK(test::paragraph_text(d, 1) == "第二段的内容比较长，需要换行，接着写完。");
        for (const auto& b : d.blocks) CHECK(b.as<Paragraph>().first_line_indent);
    }
    SECTION("indent-paragraphs off joins wrapped indented lines") {
        Document d = read_plain("标题\n\n  wrapped line one of a long paragraph\n  and its second line\n",
                                {{"indent-paragraphs", "false"}});
        REQUIRE(d.blocks.size() == 1);
        CHECK(test::paragraph_text(d, 0) == "wrapped line one of a long paragraph and its second line");
    }
    SECTION("hard-wrapped English joins with one space; CJK with none") {
        Document d = read_plain(
            "Title\n\nThe quick brown fox jumps over the lazy dog and keeps\nrunning until the end of the line.\n\n"
            "中文硬换行的段落在这里继续写下去直到行\n尾然后换行。\n");
        REQUIRE(d.blocks.size() == 2);
        CHECK(test::paragraph_text(d, 0) ==
              "The quick brown fox jumps over the lazy dog and keeps running until the end of the line.");
        CHECK(test::paragraph_text(d, 1) == "中文硬换行的段落在这里继续写下去直到行尾然后换行。");
    }
    SECTION("a short line ending in a Han character ends its paragraph") {
        // A lead-in line without end punctuation, then a caption line: two
        // paragraphs, though neither line ends a sentence with 。.
        Document d = read_plain(
            "标题\n\n在二许坐满牢之后，他们面临着被美国驱逐出境。他们都是通过欺诈的手段获得了美国的签证。\n"
            "不过也有办法把贪官换回中国坐牢：中、美和嫌犯三方达成协议\n"
            "余振东被遣返回中国后被判处十二年有期徒刑，余振东被遣返回中国后被判处十二年有期徒刑。\n");
        REQUIRE(d.blocks.size() == 3);
        CHECK(test::paragraph_text(d, 1) == "不过也有办法把贪官换回中国坐牢：中、美和嫌犯三方达成协议");
        // A wrapped line one or two characters short (a line-breaking rule
        // moved them) still joins.
        Document w = read_plain("标题\n\n中文硬换行的段落在这里继续写下去直到行尾然\n后“换行”再写一行，最后结束本段落的内容吧。\n");
        CHECK(w.blocks.size() == 1);
        CHECK(read_plain(write_plain(d)) == d);
    }
    SECTION("one paragraph per long line (crawled text)") {
        std::string l1(300, 'a'), l2(250, 'b');
        Document d = read_plain("T\n" + l1 + "\n" + l2 + "\n");
        CHECK(d.blocks.size() == 2);
    }
}

TEST_CASE("plain: subheadings", "[plain][headings]") {
    std::string body(80, 'x');
    std::string zh = "这是一段很长的正文内容，用来说明小标题后面跟着的段落会比较长，至少二十个字以上。";
    SECTION("short unpunctuated line between paragraphs") {
        Document d = read_plain("标题\n\n" + zh + "\n\n群星捧场 谢娜张杰亮相\n\n" + zh + "\n");
        REQUIRE(d.blocks.size() == 3);
        REQUIRE(d.blocks[1].is<Heading>());
        CHECK(d.blocks[1].as<Heading>().level == 2);
        CHECK(read_plain(write_plain(d)) == d);
    }
    SECTION("a wholly quoted phrase; not a quoted sentence") {
        Document d = read_plain("标题\n\n" + zh + "\n\n“无法用科学解释”\n\n" + zh + "\n\n“好的。”\n\n" + zh +
                                "\n\n“半句”的话”\n\n" + zh + "\n");
        REQUIRE(d.blocks.size() == 7);
        CHECK(d.blocks[1].is<Heading>());
        CHECK(d.blocks[3].is<Paragraph>());
        CHECK(d.blocks[5].is<Paragraph>());
        CHECK(read_plain(write_plain(d)) == d);
    }
    SECTION("numbered forms and levels") {
        Document d = read_plain("标题\n\n第一章 总则\n\n" + zh + "\n\n一、基本情况\n\n" + zh + "\n\n（一）具体做法\n\n" + zh + "\n");
        REQUIRE(d.blocks.size() == 6);
        CHECK(d.blocks[0].as<Heading>().level == 1);
        CHECK(d.blocks[2].as<Heading>().level == 2);
        CHECK(d.blocks[4].as<Heading>().level == 3);
    }
    SECTION("false positives: punctuated, captions, key-value lines, last line") {
        Document d = read_plain("标题\n\n" + zh + "\n\n他说：\n\n" + zh + "\n\n图片来源：摄图网\n\n" + zh +
                                "\n\n年龄：38\n\n" + zh + "\n\n结尾一行\n");
        CHECK(test::count_blocks(d, "Heading") == 0);
    }
    SECTION("two-line headings: a kicker or a lead-in line joins the heading under it") {
        // (Enough long paragraphs that the text is not written in short lines throughout.)
        const std::string two = zh + "\n\n" + zh;
        Document d = read_plain("标题\n\n" + two + "\n\n答谢宴细节\n\n宾客近百人，获赠礼物\n\n" + two +
                                "\n\n英国《泰晤士报》：\n\n蓬勃发展的武汉再次充满欢声笑语\n\n" + two + "\n");
        REQUIRE(d.blocks.size() == 8);
        REQUIRE(d.blocks[2].is<Heading>());
        CHECK(d.blocks[2].as<Heading>().content ==
              Inlines{Text{"答谢宴细节"}, LineBreak{}, Text{"宾客近百人，获赠礼物"}});
        REQUIRE(d.blocks[5].is<Heading>());
        CHECK(d.blocks[5].as<Heading>().content ==
              Inlines{Text{"英国《泰晤士报》："}, LineBreak{}, Text{"蓬勃发展的武汉再次充满欢声笑语"}});
        // Written back as the source had it: two paragraphs, read back the same.
        const std::string out = write_plain(d);
        CHECK(out.find("答谢宴细节\n\n宾客近百人，获赠礼物\n") != std::string::npos);
        CHECK(read_plain(out) == d);
    }
    SECTION("two-line headings: credits, sentences and lines under short lines stay apart") {
        const std::string two = zh + "\n\n" + zh;
        Document d = read_plain("标题\n\n" + two + "\n\n内容来自北青网\n\n免责声明\n\n" + two +
                                "\n\n他说了这些话。\n\n群星捧场\n\n" + two + "\n\n短行\n\n一个短行\n\n群星捧场\n\n" + two + "\n");
        int headings = 0;
        for (const auto& b : d.blocks)
            if (b.is<Heading>()) {
                ++headings;
                for (const auto& i : b.as<Heading>().content) CHECK_FALSE(i.is<LineBreak>());
            }
        CHECK(headings == 3);  // 免责声明, 群星捧场 twice: found, but alone
    }
    SECTION("switched off") {
        Document d = read_plain("标题\n\n" + zh + "\n\n群星捧场\n\n" + zh + "\n", {{"subheadings", "false"}});
        CHECK(test::count_blocks(d, "Heading") == 0);
    }
}

TEST_CASE("plain: lists", "[plain][lists]") {
    SECTION("numbered lines become an ordered list") {
        Document d = read_plain("标题\n\n要求如下：\n1. 第一条\n2. 第二条\n3. 第三条\n");
        REQUIRE(d.blocks.size() == 2);
        REQUIRE(d.blocks[1].is<OrderedList>());
        const auto& l = d.blocks[1].as<OrderedList>();
        CHECK(l.items.size() == 3);
        CHECK(l.start == 1);
        CHECK(stringify(l.items[1]) == "第二条");
        CHECK(read_plain(write_plain(d)) == d);
    }
    SECTION("Chinese numerals and bullets") {
        Document d = read_plain("标题\n\n一、甲\n二、乙\n\n- one\n- two\n");
        REQUIRE(d.blocks.size() == 2);
        CHECK(d.blocks[0].as<OrderedList>().style == ListStyle::CJK);
        CHECK(d.blocks[1].is<BulletList>());
        CHECK(read_plain(write_plain(d)) == d);
    }
    SECTION("numbers that are not markers; a lone number") {
        Document d = read_plain("标题\n\n1.5亿元投入使用。\n\n2019年全年增长。\n\n1. 只有一条\n");
        CHECK(test::count_blocks(d, "OrderedList") == 0);
    }
    SECTION("switched off") {
        Document d = read_plain("标题\n\n1. a\n2. b\n", {{"lists", "false"}});
        CHECK(test::count_blocks(d, "OrderedList") == 0);
    }
}

TEST_CASE("plain: encodings and line ends", "[plain][encoding]") {
    std::string text = "标题\r\n\r\n来源:太仓日报\r\n\r\n正文第一段。\r\n\r\n正文第二段。\r\n";
    Document ref = read_plain(text);
    CHECK(ref.blocks.size() == 2);
    auto enc = [](const Document& d) {
        for (const auto& x : d.diagnostics)
            if (x.code == "plain.encoding") return x.message;
        return std::string();
    };
    CHECK(enc(ref) == "encoding: UTF-8");
    SECTION("CR only and LF give the same document") {
        std::string cr = text, lf = text;
        cr.erase(std::remove(cr.begin(), cr.end(), '\n'), cr.end());
        lf.erase(std::remove(lf.begin(), lf.end(), '\r'), lf.end());
        CHECK(read_plain(cr) == ref);
        CHECK(read_plain(lf) == ref);
    }
    SECTION("UTF-8 BOM") {
        Document d = read_plain("\xEF\xBB\xBF" + text);
        CHECK(d == ref);
        CHECK(enc(d) == "encoding: UTF-8 (BOM)");
    }
    SECTION("UTF-16 LE and BE with BOM") {
        Document le = read_plain(test::iconv_to("UTF-16LE", "\uFEFF" + text));
        CHECK(le == ref);
        CHECK(enc(le) == "encoding: UTF-16LE (BOM)");
        Document be = read_plain(test::iconv_to("UTF-16BE", "\uFEFF" + text));
        CHECK(be == ref);
        CHECK(enc(be) == "encoding: UTF-16BE (BOM)");
    }
    SECTION("UTF-16 LE and BE without a BOM") {
        Document le = read_plain(test::iconv_to("UTF-16LE", text));
        CHECK(le == ref);
        CHECK(enc(le) == "encoding: UTF-16LE (no BOM)");
        Document be = read_plain(test::iconv_to("UTF-16BE", text));
        CHECK(be == ref);
        CHECK(enc(be) == "encoding: UTF-16BE (no BOM)");
    }
    SECTION("NUL bytes alone do not make UTF-16") {
        // UTF-8 with two stray NULs on one side: its code units would be
        // private-use and other unlikely characters, so it stays UTF-8.
        std::string nuls = text;
        nuls.insert(nuls.size() / 2 & ~std::size_t{1}, std::string("\0\0x\0", 4));
        if (nuls.size() % 2) nuls += 'x';
        CHECK(enc(read_plain(nuls)) == "encoding: UTF-8");
        // Latin text whose NULs fall on both sides is not UTF-16 either.
        CHECK(enc(read_plain(std::string("ab\0c\0\0de\nfg\n", 12))) == "encoding: UTF-8");
    }
    SECTION("GBK / GB18030") {
        Document gbk = read_plain(test::iconv_to("GBK", text));
        CHECK(gbk == ref);
        CHECK(enc(gbk) == "encoding: GB18030");
    }
    SECTION("a few broken bytes in UTF-8 are replaced, with a warning") {
        std::string broken = text + std::string(40, 'x') + "中文中文中文中文中文中文中文中文中文中文中文中文\xE4\xB8\n";
        Document d = read_plain(broken);
        CHECK(enc(d) == "encoding: UTF-8");
        REQUIRE(find_diag(d, "plain.invalid-bytes"));
        CHECK(stringify(d).find("\uFFFD") != std::string::npos);
    }
}

TEST_CASE("plain: limits and pathological inputs finish fast", "[plain][limits]") {
    using clock = std::chrono::steady_clock;
    auto t0 = clock::now();
    SECTION("10 MB single line") {
        std::string big;
        big.reserve(10 << 20);
        while (big.size() < (10u << 20)) big += "中文内容，没有换行 ";
        Document d = read_plain(big);
        CHECK(d.blocks.size() <= 1);
        std::string out = write_plain(d);
        CHECK(out.size() >= big.size() - 16);
    }
    SECTION("1M blank lines") {
        std::string s = "标题\n" + std::string(1000000, '\n') + "正文。\n";
        Document d = read_plain(s);
        CHECK(d.blocks.size() == 1);
    }
    SECTION("deep indentation and long bracket runs") {
        std::string s = "标题\n\n" + std::string(5000000, ' ') + "x\n\n" + std::string(1000000, '(') + "\n\n正文" +
                        std::string(1000000, ')') + "\n";
        Document d = read_plain(s);
        CHECK(d.blocks.size() == 3);
    }
    SECTION("100k short lines without blank lines") {
        std::string s;
        for (int k = 0; k < 100000; ++k) s += "第一条。\n1. 项目\n";
        Document d = read_plain(s);
        CHECK(!d.blocks.empty());
    }
    auto secs = std::chrono::duration<double>(clock::now() - t0).count();
    CHECK(secs < 5.0);
    SECTION("max_input_bytes") {
        Options o{{"limit.max_input_bytes", "10"}};
        CHECK_THROWS_AS(read_plain("0123456789abc", o), LimitError);
    }
}

TEST_CASE("plain writer: options and what plain text cannot hold", "[plain][writer]") {
    Document d;
    d.metadata.title = "A headline";
    d.metadata.language = "en";
    d.metadata.source = "Example Wire";
    d.metadata.date = DateTime::parse("2023-07-13");
    Paragraph p;
    p.content = {Text{"Some "}, Strong{{Text{"bold"}}}, Text{" text with a note"}, Note{{}, {Paragraph{{Text{"The note."}}}}},
                 Text{" and a long tail of words to make the paragraph wrap at a narrow column."}};
    d.blocks.push_back(p);
    d.blocks.push_back(Paragraph{{Image{{}, {Text{"alt"}}, "media/a.png", ""}}});
    Diagnostics diags;
    std::string out = write_plain(d, {{"wrap", "30"}}, &diags);
    CHECK(out.find("Source: Example Wire | Published: 2023-07-13") != std::string::npos);
    CHECK(out.find("[1] The note.") != std::string::npos);
    for (std::size_t s = 0, e; (e = out.find('\n', s)) != std::string::npos; s = e + 1)
        if (out.compare(s, 7, "Source:") != 0) CHECK(out.substr(s, e - s).size() <= 30);
    auto has = [&](const char* code) {
        for (const auto& x : diags)
            if (x.code == code) return true;
        return false;
    };
    CHECK(has("plain.formatting-dropped"));
    CHECK(has("plain.image-dropped"));
    // Wrapped English reads back as one paragraph.
    Document back = read_plain(out);
    CHECK(back.metadata.source == "Example Wire");
    CHECK(stringify(back.blocks.at(0)).find("Some bold text with a note and a long tail") == 0);
    REQUIRE(back.blocks.at(0).as<Paragraph>().content.size() == 3);
    CHECK(back.blocks.at(0).as<Paragraph>().content[1] == Inline(Note{{}, {Paragraph{{Text{"The note."}}}}}));

    SECTION("indent option") {
        Document z = read_plain("标题\n\n第一段。\n\n\u3000\u3000第二段。\n");
        CHECK(write_plain(z, {{"indent", "false"}}).find("\u3000") == std::string::npos);
        std::string all = write_plain(z, {{"indent", "true"}});
        CHECK(all.find("\u3000\u3000第一段") != std::string::npos);
        std::string autom = write_plain(z);
        CHECK(autom.find("\n第一段") != std::string::npos);
        CHECK(autom.find("\u3000\u3000第二段") != std::string::npos);
    }
}

TEST_CASE("plain: the shipped examples", "[plain][examples]") {
    Document zh = read_plain(test::slurp(test::source_dir() / "examples/zh-news.txt"));
    CHECK(zh.metadata.title == "青溪镇举办首届社区读书节 百余名居民共读共享");
    CHECK(zh.metadata.source == "青溪日报");
    CHECK(zh.metadata.language == "zh-CN");
    REQUIRE(zh.metadata.contributors.size() == 2);
    CHECK(zh.metadata.contributors[1].name == "周明");
    CHECK(zh.blocks.size() == 5);
    CHECK(read_plain(write_plain(zh)) == zh);

    Document en = read_plain(test::slurp(test::source_dir() / "examples/en-news.txt"));
    CHECK(en.metadata.source == "Riverside Gazette");
    CHECK(en.metadata.language == "en");
    REQUIRE(en.metadata.contributors.size() == 2);
    CHECK(en.metadata.contributors[0].role == Role::Editor);
    CHECK(en.metadata.contributors[1].name == "Anna Kim");
    REQUIRE(en.blocks.size() == 4);
    CHECK(stringify(en.blocks[0]).find("Monday, inviting residents to borrow") != std::string::npos);
    std::string out = write_plain(en);
    CHECK(out.find("library's website. (Reporter Anna Kim)") != std::string::npos);
    CHECK(read_plain(out) == en);
    CHECK(read_plain(write_plain(en, {{"wrap", "72"}})) == en);
}

// Plain-text footnotes: the reader takes back exactly what the writer writes
// (`[n]` markers + a closing `[n] note` section) and nothing that merely looks
// like it.
#include "test_plaintext_helpers.hpp"
#include "test_support.hpp"

#include "copydesk/json.hpp"

using namespace copydesk;
using copydesk::test::read_plain;
using copydesk::test::write_plain;

namespace {

Inline note(const char* text) { return Note{{}, {Paragraph{{Text{text}}}}}; }

std::size_t count_notes(const Document& d) {
    std::size_t n = 0;
    walk(d, ConstVisitor{nullptr, [&](const Inline& i) { n += i.is<Note>(); }});
    return n;
}

// A Chinese article with notes in a paragraph, a subheading and a list item,
// and an end byline (which the writer puts before the notes section).
Document article_with_notes() {
    Document d;
    d.metadata.title = "市委召开会议 部署下半年工作";
    d.metadata.language = "zh-CN";
    d.metadata.source = "太仓日报";
    d.metadata.contributors.push_back(Contributor{"王俊", Role::Reporter, "记者", "", ""});
    d.metadata.byline_placement = BylinePlacement::End;
    d.blocks.push_back(Paragraph{{Text{"昨日，市委召开会议"}, note("即7月12日。"), Text{"，传达学习上级会议精神，总结上半年工作，部署下半年工作。"}}});
    d.blocks.push_back(Heading{2, {}, {Text{"重点任务"}, note("见市委文件。")}});
    d.blocks.push_back(Paragraph{{Text{"会议指出，要抓好当前重点工作，确保全年目标任务顺利完成，推动经济社会高质量发展。"}}});
    OrderedList l;
    l.start = 1;
    l.style = ListStyle::Decimal;
    l.items.push_back({Paragraph{{Text{"稳增长"}, note("GDP 增速目标 5%。")}}});
    l.items.push_back({Paragraph{{Text{"保民生"}}}});
    d.blocks.push_back(l);
    d.blocks.push_back(Paragraph{{Text{"会议要求，各级干部要切实增强责任感和紧迫感，以更加饱满的热情真抓实干"}, note("原文如此。"), Text{"。"}}});
    return d;
}

}  // namespace

TEST_CASE("plain footnotes: the writer's notes are read back as Note inlines", "[plain][footnotes]") {
    Document d0 = article_with_notes();
    std::string text = write_plain(d0);
    // What the writer emits, checked by hand: markers in place, the byline on
    // the last paragraph, then the notes section.
    CHECK(text.find("昨日，市委召开会议[1]，传达学习上级会议精神，总结上半年工作，部署下半年工作。\n") != std::string::npos);
    CHECK(text.find("\n重点任务[2]\n") != std::string::npos);
    CHECK(text.find("\n1. 稳增长[3]\n2. 保民生\n") != std::string::npos);
    CHECK(text.find("饱满的热情真抓实干[4]。（记者 王俊）\n\n[1] 即7月12日。\n\n[2] 见市委文件。\n\n[3] GDP 增速目标 5%。\n\n[4] 原文如此。\n") !=
          std::string::npos);

    Document d1 = read_plain(text);
    CHECK(count_notes(d1) == 4);
    REQUIRE(d1.blocks.size() == 5);
    CHECK(d1.blocks[0] == d0.blocks[0]);
    INFO(to_json(d1));
    CHECK(d1.blocks[1] == d0.blocks[1]);
    CHECK(d1.blocks[3] == d0.blocks[3]);
    CHECK(d1.blocks[4] == d0.blocks[4]);
    CHECK(d1.metadata.contributors == d0.metadata.contributors);
    CHECK(d1.metadata.byline_placement == BylinePlacement::End);

    // text → AST → text → AST
    std::string text2 = write_plain(d1);
    CHECK(text2 == text);
    CHECK(read_plain(text2) == d1);
}

TEST_CASE("plain footnotes: English, wrapped, an empty note", "[plain][footnotes]") {
    Document d;
    d.metadata.title = "A headline";
    d.metadata.language = std::string(2, 'e');
    d.metadata.language[1] = 'n';  // (GCC 12 -O3 warns falsely on = "en" here)
    d.blocks.push_back(Paragraph{{Text{"The council met on Tuesday"}, note("That is, 12 July, after the holiday weekend "
                                                                           "had ended for most of the staff."),
                                  Text{" and agreed the plan for the second half of the year."}}});
    d.blocks.push_back(Paragraph{{Text{"Nothing else"}, Note{}, Text{" was decided."}}});
    std::string text = write_plain(d, {{"wrap", "30"}});
    Document d1 = read_plain(text);
    REQUIRE(d1.blocks.size() == 2);
    CHECK(d1.blocks == d.blocks);
    CHECK(read_plain(write_plain(d1, {{"wrap", "30"}})) == d1);
}

TEST_CASE("plain footnotes: look-alikes stay text", "[plain][footnotes]") {
    SECTION("a real-looking article citing [1] with no notes section") {
        const char* text =
            "研究显示城市绿地可降低热岛效应\n\n来源：科技日报\n\n"
            "\u3000\u3000据《自然》杂志报道[1]，城市绿地可使周边气温下降1至2摄氏度。\n\n"
            "\u3000\u3000研究人员还发现[2]，公园面积越大，降温效果越明显。\n\n"
            "\u3000\u3000专家建议，城市规划应留出更多绿地。\n";
        Document d = read_plain(text);
        CHECK(count_notes(d) == 0);
        REQUIRE(d.blocks.size() == 3);
        CHECK(test::paragraph_text(d, 0) == "据《自然》杂志报道[1]，城市绿地可使周边气温下降1至2摄氏度。");
        CHECK(read_plain(write_plain(d)) == d);
    }
    SECTION("a references list with markers that are not one per note") {
        // [1] is cited twice: not what the writer writes.
        Document d = read_plain("标题\n\n正文引用[1]，再次引用[1]。\n\n[1] 张三：《论文》，2020年。\n");
        CHECK(count_notes(d) == 0);
        CHECK(d.blocks.size() == 2);
    }
    SECTION("markers out of order") {
        Document d = read_plain("标题\n\n甲[2]乙[1]。\n\n[1] 一。\n\n[2] 二。\n");
        CHECK(count_notes(d) == 0);
        CHECK(d.blocks.size() == 3);
    }
    SECTION("another bracketed number in the body") {
        Document d = read_plain("标题\n\n见数组a[0]与注释[1]。\n\n[1] 一。\n");
        CHECK(count_notes(d) == 0);
    }
    SECTION("a notes section not numbered from 1") {
        Document d = read_plain("标题\n\n正文[2]。\n\n[2] 二。\n");
        CHECK(count_notes(d) == 0);
        CHECK(d.blocks.size() == 2);
    }
    SECTION("notes section without markers") {
        Document d = read_plain("标题\n\n正文。\n\n[1] 一。\n");
        CHECK(count_notes(d) == 0);
        CHECK(d.blocks.size() == 2);
    }
    SECTION("a marker in the headline only") {
        Document d = read_plain("标题[1]\n\n正文。\n\n[1] 一。\n");
        CHECK(count_notes(d) == 0);
    }
    SECTION("a marker inside a dateline: the dateline stays text, both notes are kept") {
        Document d = read_plain("标题\n\n新华社[1]北京7月13日电（记者 张三）今天上午，会议召开[2]。\n\n[1] 一。\n\n[2] 二。\n");
        CHECK(count_notes(d) == 2);
        CHECK(d.metadata.dateline.empty());
        REQUIRE(d.blocks.size() == 1);
        CHECK(test::paragraph_text(d, 0) == "新华社北京7月13日电（记者 张三）今天上午，会议召开。");
    }
    SECTION("switched off") {
        Document d = read_plain("标题\n\n正文[1]。\n\n[1] 一。\n", {{"footnotes", "false"}});
        CHECK(count_notes(d) == 0);
        CHECK(d.blocks.size() == 2);
        Document on = read_plain("标题\n\n正文[1]。\n\n[1] 一。\n");
        CHECK(count_notes(on) == 1);
        REQUIRE(on.blocks.size() == 1);
        CHECK(on.blocks[0] == Block(Paragraph{{Text{"正文"}, note("一。"), Text{"。"}}}));
    }
}

// Unbracketed credit lines standing as their own first or last paragraph
// ("澎湃新闻记者 段彦超 廖艳", "编辑 刘晓阳 校对 李铭") and look-alikes that must
// stay text.
#include "test_plaintext_helpers.hpp"
#include "test_support.hpp"

#include "plaintext/byline.hpp"

using namespace copydesk;
using copydesk::test::read_plain;
using copydesk::test::write_plain;

namespace {

const char* kBody = "昨日，市委召开会议，传达学习上级会议精神，总结上半年工作，部署下半年工作。";

std::string names(const Document& d) {
    std::string s;
    for (const auto& c : d.metadata.contributors) s += c.label + "=" + c.name + ";";
    return s;
}

// text → AST → text → AST keeps contributors, placement and body.
void check_round_trip(const Document& d) {
    std::string out = write_plain(d);
    Document again = read_plain(out);
    CHECK(names(again) == names(d));
    for (std::size_t k = 0; k < d.metadata.contributors.size(); ++k)
        CHECK(again.metadata.contributors[k].role == d.metadata.contributors[k].role);
    CHECK(again.metadata.byline_placement == d.metadata.byline_placement);
    REQUIRE(again.blocks.size() == d.blocks.size());
    for (std::size_t k = 0; k < d.blocks.size(); ++k)
        CHECK(stringify(again.blocks[k]) == stringify(d.blocks[k]));
}

}  // namespace

TEST_CASE("plain credits: shapes taken as contributors", "[plain][byline][credits]") {
    SECTION("outlet reporter line at the start (ifeng-1 shape)") {
        Document d = read_plain(std::string("标题\n\n澎湃新闻记者 段彦超 廖艳\n\n") + kBody + "\n\n" + kBody + "\n");
        CHECK(names(d) == "澎湃新闻记者=段彦超;澎湃新闻记者=廖艳;");
        CHECK(d.metadata.contributors.at(0).role == Role::Reporter);
        CHECK(d.metadata.byline_placement == BylinePlacement::Start);
        CHECK(d.blocks.size() == 2);
        check_round_trip(d);
    }
    SECTION("editor and proofreader at the end") {
        Document d = read_plain(std::string("标题\n\n") + kBody + "\n\n编辑 刘晓阳 校对 李铭\n");
        CHECK(names(d) == "编辑=刘晓阳;校对=李铭;");
        CHECK(d.metadata.contributors.at(0).role == Role::Editor);
        CHECK(d.metadata.contributors.at(1).role == Role::Proofreader);  // its own role, not folded into editor
        CHECK(d.blocks.size() == 1);
        check_round_trip(d);
    }
    SECTION("colon and list separators, 新华社记者 at the end") {
        Document d = read_plain(std::string("标题\n\n") + kBody + "\n\n新华社记者：张三、李四\n", {{"metadata", "false"}});
        CHECK(names(d) == "新华社记者=张三;新华社记者=李四;");
        CHECK(d.metadata.byline_placement == BylinePlacement::End);
        CHECK(d.blocks.size() == 1);
    }
    SECTION("reporter line with colon (trailing metadata path) still works") {
        Document d = read_plain(std::string("标题\n\n") + kBody + "\n\n记者：张三 李四\n");
        CHECK(names(d) == "记者=张三;记者=李四;");
        check_round_trip(d);
    }
    SECTION("reporter plus correspondent at the end") {
        Document d = read_plain(std::string("标题\n\n") + kBody + "\n\n本报记者 王俊 通讯员 李小明\n");
        CHECK(names(d) == "本报记者=王俊;通讯员=李小明;");
        check_round_trip(d);
    }
    SECTION("the writer brackets an outlet label and reads it back") {
        Document d = read_plain(std::string("标题\n\n") + kBody + "\n\n澎湃新闻记者 段彦超\n");
        std::string out = write_plain(d);
        CHECK(out.find("（澎湃新闻记者 段彦超）") != std::string::npos);
        check_round_trip(d);
    }
    SECTION("slash credit with a title, alone at the start (guancha shape)") {
        Document d = read_plain(std::string("标题\n\n【文/观察者网专栏作者 王文】\n\n") + kBody + "\n\n" + kBody + "\n");
        CHECK(names(d) == "文/观察者网专栏作者=王文;");
        CHECK(d.metadata.contributors.at(0).role == Role::Author);
        CHECK(d.metadata.byline_placement == BylinePlacement::Start);
        CHECK(d.blocks.size() == 2);
        const std::string out = write_plain(d);
        CHECK(out.find("（文/观察者网专栏作者 王文）") != std::string::npos);  // a byline, not a metadata field
        check_round_trip(d);
    }
    SECTION("文/ and 图/ credits at the end of the last paragraph") {
        Document d = read_plain(std::string("标题\n\n") + kBody + "（文/张三 图/李四）\n");
        CHECK(names(d) == "文/=张三;图/=李四;");
        CHECK(d.metadata.contributors.at(0).role == Role::Author);
        CHECK(d.metadata.contributors.at(1).role == Role::Photographer);
        CHECK(d.blocks.size() == 1);
        CHECK(write_plain(d).find("（文/张三 图/李四）") != std::string::npos);
        check_round_trip(d);
    }
    SECTION("文/图 stays one label") {
        Document d = read_plain(std::string("标题\n\n") + kBody + "(文/图 刘玺东 易赛楠)\n");
        CHECK(names(d) == "文/图=刘玺东;文/图=易赛楠;");
        check_round_trip(d);
    }
    SECTION("switched off with byline=false") {
        Document d = read_plain(std::string("标题\n\n") + kBody + "\n\n编辑 刘晓阳\n", {{"byline", "false"}});
        CHECK(d.metadata.contributors.empty());
        CHECK(d.blocks.size() == 2);
    }
}

TEST_CASE("plain credits: look-alikes stay text", "[plain][byline][credits]") {
    using plaintext::parse_credit_line;
    CHECK(parse_credit_line("澎湃新闻记者 段彦超 廖艳"));
    CHECK(parse_credit_line("编辑 刘晓阳 校对 李铭"));
    CHECK_FALSE(parse_credit_line("记者 张三。"));                   // sentence punctuation
    CHECK_FALSE(parse_credit_line("记者张三，李四"));                 // comma
    CHECK_FALSE(parse_credit_line("编辑部将继续关注此事"));          // a sentence opening with a label
    CHECK_FALSE(parse_credit_line("记者 王"));                        // one-character name
    CHECK_FALSE(parse_credit_line("记者 欧阳王小明"));                // five characters: not name-shaped
    CHECK_FALSE(parse_credit_line("记者 张三 李四 王五 赵六 钱七"));  // five names for one label
    CHECK_FALSE(parse_credit_line("记者 John Smith"));
    CHECK_FALSE(parse_credit_line("记者 张三 2023"));
    CHECK_FALSE(parse_credit_line("记者 张三 整合"));
    CHECK_FALSE(parse_credit_line("新闻 张三"));                      // not a label, no 记者
    CHECK_FALSE(parse_credit_line("今天我们采访了记者 张三"));        // running text before 记者
    CHECK_FALSE(parse_credit_line("编辑部表示"));                      // label glued to a word
    CHECK_FALSE(parse_credit_line("记者 张三 编辑"));                  // a label with no name
    CHECK_FALSE(parse_credit_line("（记者 张三）"));                  // brackets: the bracketed path's job
    CHECK(parse_credit_line("记者 张三 李四 王五 赵六 通讯员 孙七"));
    CHECK_FALSE(parse_credit_line("记者 张三 李四 通讯员 王五 赵六 编辑 孙七 周八 校对 刘九 钱十 摄影 吴一 郑二"));  // over 40 characters
    // A body sentence as the last paragraph stays.
    Document d = read_plain(std::string("标题\n\n") + kBody + "\n\n编辑部表示，将继续关注。\n");
    CHECK(d.metadata.contributors.empty());
    CHECK(d.blocks.size() == 2);
    // A lone credit-looking paragraph that is the only one stays text.
    Document only = read_plain("标题\n\n编辑 刘晓阳\n");
    CHECK(only.blocks.size() == 1);
}

// The credit forms of issue 8, each as the corpus has it (file named).
TEST_CASE("plain credits: correspondents, photographers, publications, slash credits and separators",
          "[plain][byline][credits]") {
    SECTION("本站讯（职工通讯员 李琴雯 刘会） (zyyfy-1): a title before 通讯员 stays in the label") {
        Document d = read_plain(std::string("标题\n\n本站讯（职工通讯员 李琴雯 刘会）") + kBody + "\n");
        CHECK(d.metadata.dateline == "本站讯");
        CHECK(names(d) == "职工通讯员=李琴雯;职工通讯员=刘会;");
        CHECK(d.metadata.contributors.at(0).role == Role::Correspondent);
        CHECK(d.metadata.byline_placement == BylinePlacement::Start);
        CHECK(stringify(d.blocks.at(0)) == kBody);
        check_round_trip(d);
    }
    SECTION("通讯员 李琴雯 刘会 as its own line") {
        Document d = read_plain(std::string("标题\n\n") + kBody + "\n\n通讯员 李琴雯 刘会\n");
        CHECK(names(d) == "通讯员=李琴雯;通讯员=刘会;");
        CHECK(d.metadata.contributors.at(1).role == Role::Correspondent);
        check_round_trip(d);
    }
    SECTION("摄影 张艳 and 摄影/张艳 编辑/苏芳 (zyyfy-1's closing line, without its 供稿)") {
        Document d = read_plain(std::string("标题\n\n") + kBody + "\n\n摄影 张艳\n");
        CHECK(names(d) == "摄影=张艳;");
        CHECK(d.metadata.contributors.at(0).role == Role::Photographer);
        check_round_trip(d);
        Document s = read_plain(std::string("标题\n\n") + kBody + "\n\n摄影/张艳 编辑/苏芳\n");
        CHECK(names(s) == "编辑=苏芳;摄影=张艳;");  // metadata-line roles first
        CHECK(s.blocks.size() == 1);
        check_round_trip(s);
    }
    SECTION("（记者陈智 整合） (cjn-1): the reporter is found, the word kept and written back") {
        Document d = read_plain(std::string("标题\n\n长江网10月4日讯（记者陈智 整合） ") + kBody + "\n");
        CHECK(d.metadata.dateline == "长江网10月4日讯");
        CHECK(names(d) == "记者=陈智;");
        CHECK(stringify(d.blocks.at(0)) == kBody);
        CHECK(d.metadata.custom == std::vector<std::pair<std::string, std::string>>{{"byline-note", "整合"}});
        bool reported = false;
        for (const auto& x : d.diagnostics) reported = reported || x.code == "plain.byline-note";
        CHECK(reported);
        CHECK(write_plain(d).find("长江网10月4日讯（记者 陈智 整合）昨日") != std::string::npos);
        check_round_trip(d);
    }
    SECTION("《棱镜》作者 周纯 under a lead-in (qq-2): a credit, not a heading") {
        Document d = read_plain(std::string("标题\n\n划重点：\n\n《棱镜》作者 周纯\n\n") + kBody + "\n\n" + kBody + "\n");
        CHECK(names(d) == "《棱镜》作者=周纯;");
        CHECK(d.metadata.contributors.at(0).role == Role::Author);
        REQUIRE(d.blocks.size() == 3);
        CHECK(d.blocks[0].is<Paragraph>());
        CHECK(stringify(d.blocks[0]) == "划重点：");
        CHECK(d.blocks[1].is<Paragraph>());
        // Written back as a bracketed byline, which reads back the same.
        Document again = read_plain(write_plain(d));
        CHECK(names(again) == names(d));
    }
    SECTION("文/ and 图/ outside brackets") {
        Document d = read_plain(std::string("标题\n\n文/张三 图/李四\n\n") + kBody + "\n\n" + kBody + "\n");
        CHECK(names(d) == "文/=张三;图/=李四;");
        CHECK(d.metadata.contributors.at(1).role == Role::Photographer);
        CHECK(d.blocks.size() == 2);
        check_round_trip(d);
    }
    SECTION("names joined by 、，and spaces") {
        Document d = read_plain(std::string("标题\n\n") + kBody + "\n\n记者 王俊、李明，张三 赵四\n");
        CHECK(names(d) == "记者=王俊;记者=李明;记者=张三;记者=赵四;");
        check_round_trip(d);
    }
}

TEST_CASE("plain credits: English wire datelines", "[plain][byline][dateline]") {
    const char* body = "The U.S. Senate on Tuesday passed the bill, sending it to the House for a vote next week.";
    for (const char* dl : {"WASHINGTON (Reuters) -", "NEW YORK (AP) —", "BEIJING, Dec. 9 (Xinhua) --", "PARIS -"}) {
        INFO(dl);
        Document d = read_plain(std::string("Senate passes the bill\n\n") + dl + " " + body + "\n");
        CHECK(d.metadata.dateline == dl);
        REQUIRE(d.blocks.size() == 1);
        CHECK(stringify(d.blocks[0]) == body);
        CHECK(write_plain(d).find(std::string(dl) + " " + body) != std::string::npos);
    }
    // Capitals that are no dateline stay text.
    for (const char* text : {"NASA said on Tuesday - as expected - that", "I - for one - agree", "US-China talks resume"}) {
        INFO(text);
        Document d = read_plain(std::string("Title\n\n") + text + " it would go ahead.\n");
        CHECK(d.metadata.dateline.empty());
    }
}

// Titles of crawled text: fragments that are no headline, and the site name
// a crawler leaves after the headline (shapes of the corpus, file named).
#include "test_plaintext_helpers.hpp"
#include "test_support.hpp"

#include "plaintext/title.hpp"

using namespace copydesk;
using copydesk::test::read_plain;
using copydesk::test::write_plain;

namespace {

const char* kBody = "昨天，火箭队总经理莫雷表示，球队将在休赛期继续寻找能够帮助球队争夺总冠军的球员。";

bool has(const Document& d, std::string_view code) {
    for (const auto& x : d.diagnostics)
        if (x.code == code) return true;
    return false;
}

}  // namespace

TEST_CASE("plain titles: crawled fragments give no title", "[plain][title]") {
    // sina-nba-12: an indented caption; sina-nba-223: an exclamation running into the text.
    for (std::string text : {std::string("\t\t\t\t\t塔克\n\t\t\t\t\n\u3000\u3000") + kBody + "\n",
                             std::string("\u3000\u3000好消息！\n\u3000\u3000") + kBody + "\n",
                             std::string("\t\t\t安东尼和霍华德\n") + kBody + "\n"}) {
        INFO(text);
        Document d = read_plain(text);
        CHECK(d.metadata.title.empty());
        CHECK(has(d, "plain.title-rejected"));
        REQUIRE(d.blocks.size() == 2);  // the line stays text
        CHECK(stringify(d.blocks[1]) == kBody);
        CHECK(read_plain(write_plain(d)) == d);
    }
    // A short headline flush left is a title still, with or without a blank line after it.
    for (std::string text : {std::string("标题\n\n") + kBody + "\n", std::string("标题\n\u3000\u3000") + kBody + "\n"}) {
        Document t = read_plain(text);
        CHECK(t.metadata.title == "标题");
        CHECK_FALSE(has(t, "plain.title-rejected"));
    }
    // So is an indented headline long enough to be one (sina-nba-417).
    CHECK(read_plain(std::string("\t\t2018NBA自由球员市场\n\n") + kBody + "\n").metadata.title == "2018NBA自由球员市场");
}

TEST_CASE("plain titles: a site suffix is split off into the source", "[plain][title]") {
    using plaintext::split_site_suffix;
    auto s = split_site_suffix("法国全国大罢工再次严重影响交通-新华网");  // xinhuanet-1
    REQUIRE(s);
    CHECK(s->headline == "法国全国大罢工再次严重影响交通");
    CHECK(s->site == "新华网");
    CHECK(split_site_suffix("苹果发布新款手机售价公布_新浪网")->site == "新浪网");
    CHECK(split_site_suffix("外卖骑手的一天 | 澎湃新闻")->site == "澎湃新闻");
    CHECK(split_site_suffix("我院举办专业技能大赛 湖南省中医药研究院附属医院")->site == "湖南省中医药研究院附属医院");
    // Not a site: names with hyphens, a column before the headline, an outlet after a space.
    CHECK_FALSE(split_site_suffix("卡梅洛-安东尼加盟火箭进入倒计时"));
    CHECK_FALSE(split_site_suffix("棱镜|数据业大整顿：爬虫与现金贷共生共荣"));
    CHECK_FALSE(split_site_suffix("工信部发布新规 工业互联网"));
    CHECK_FALSE(split_site_suffix("短标题-新华网"));  // too little headline left

    Document d = read_plain(std::string("法国全国大罢工再次严重影响交通-新华网\n\n") + kBody + "\n");
    CHECK(d.metadata.title == "法国全国大罢工再次严重影响交通");
    CHECK(d.metadata.source == "新华网");
    CHECK(has(d, "plain.site-suffix"));
    CHECK(read_plain(write_plain(d)) == d);
    // A 来源 names the source: the site is kept apart.
    Document src = read_plain(std::string("法国全国大罢工再次严重影响交通-新华网\n来源：法新社\n\n") + kBody + "\n");
    CHECK(src.metadata.source == "法新社");
    CHECK(src.metadata.custom_value("site"));
    CHECK(*src.metadata.custom_value("site") == "新华网");
    CHECK(read_plain(write_plain(src)) == src);
    // Turned off.
    Document off = read_plain(std::string("法国全国大罢工再次严重影响交通-新华网\n\n") + kBody + "\n", {{"site-suffix", "false"}});
    CHECK(off.metadata.title == "法国全国大罢工再次严重影响交通-新华网");
    CHECK(off.metadata.source.empty());
}

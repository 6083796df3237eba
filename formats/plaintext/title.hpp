// What the first line of crawled text may be instead of a headline: a bare
// name or a photo caption ("塔克", "安东尼和霍华德"), a short exclamation or
// fragment running into the body ("好消息！", "就在昨天"); and the site name a
// crawler leaves after the headline ("…交通-新华网", "…_新浪网", "… | 澎湃新闻").
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace copydesk::plaintext {

// Why a first line is no headline, or nullopt when it may be one. Only short
// lines (at most 5 characters, or names joined by 和/与/、) that are indented
// as the crawled text's paragraphs are: a headline stands flush left, so
// "标题" over "　　第一段。" is still one.
std::optional<std::string> title_rejection(std::string_view line, bool indented);

struct SiteSuffix {
    std::string headline;  // the title without it
    std::string site;      // "新华网", "湖南省中医药研究院附属医院"
};
// A site name after the headline: after "-", "_", "|" (with or without
// spaces), "－" or "——", a name of 2–16 characters ending in a word of
// outlets (网, 新闻, 日报, 晚报, 频道, 客户端...); after a space only an
// institution (…医院, …大学, …网). The headline left must be 6+ characters.
std::optional<SiteSuffix> split_site_suffix(std::string_view title);

}  // namespace copydesk::plaintext

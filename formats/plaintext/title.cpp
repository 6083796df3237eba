#include "plaintext/title.hpp"

#include <vector>

#include "plaintext/text_util.hpp"

namespace copydesk::plaintext {

namespace {

bool all_han(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size())
        if (!is_han(next_cp(s, i))) return false;
    return !s.empty();
}

// "安东尼和霍华德", "麦蒂": 1–3 names of 2–4 Han characters joined by 和, 与 or 、.
bool bare_names(std::string_view s) {
    std::vector<std::string_view> parts;
    std::size_t start = 0, i = 0;
    while (i < s.size()) {
        std::size_t at = i;
        char32_t c = next_cp(s, i);
        if (c == U'和' || c == U'与' || c == 0x3001) {
            parts.push_back(s.substr(start, at - start));
            start = i;
        }
    }
    parts.push_back(s.substr(start));
    if (parts.size() < 2 || parts.size() > 3) return false;  // one alone is judged by its length
    for (auto p : parts) {
        const std::size_t n = cp_count(p);
        if (n < 2 || n > 4 || !all_han(p)) return false;
    }
    return true;
}

// The words a site or outlet name ends in.
bool site_word_end(std::string_view s, bool institution_only) {
    static constexpr std::string_view kOutlets[] = {"网", "新闻", "日报", "晚报", "早报", "时报", "频道", "客户端",
                                                    "在线", "官网", "电视台", "新闻网", "资讯", "头条"};
    static constexpr std::string_view kInstitutions[] = {"医院", "大学", "学院", "研究院", "政府", "委员会"};
    if (!institution_only)
        for (auto w : kOutlets)
            if (ends_with(s, w)) return true;
    for (auto w : kInstitutions)
        if (ends_with(s, w)) return true;
    return false;
}

// A site name: 2–16 characters, Han or Latin letters and digits, no punctuation.
bool site_name(std::string_view s, bool institution_only) {
    const std::size_t n = cp_count(s);
    if (n < 2 || n > 16) return false;
    std::size_t i = 0;
    while (i < s.size()) {
        char32_t c = next_cp(s, i);
        if (!(is_han(c) || is_latin_letter(c) || (c >= '0' && c <= '9'))) return false;
    }
    return site_word_end(s, institution_only);
}

}  // namespace

std::optional<std::string> title_rejection(std::string_view line, bool indented) {
    if (!indented) return std::nullopt;
    const std::string_view t = trim(line);
    if (bare_names(t)) return "a bare name or caption ('" + std::string(t) + "')";
    if (cp_count(t) <= 5) return "too short for a headline: a name, caption or exclamation ('" + std::string(t) + "')";
    return std::nullopt;
}

std::optional<SiteSuffix> split_site_suffix(std::string_view title) {
    const std::string_view t = trim(title);
    static constexpr std::string_view kSeps[] = {" | ", "|", " - ", "-", "_", "－", "——", "｜"};
    std::size_t best = std::string_view::npos, sep_len = 0;
    for (auto sep : kSeps) {
        std::size_t at = t.rfind(sep);
        if (at != std::string_view::npos && (best == std::string_view::npos || at + sep.size() > best + sep_len)) {
            best = at;
            sep_len = sep.size();
        }
    }
    bool institution_only = false;
    if (best == std::string_view::npos || !site_name(trim(t.substr(best + sep_len)), false)) {
        best = t.rfind(' ');  // after a space: only an institution
        sep_len = 1;
        institution_only = true;
        if (best == std::string_view::npos) return std::nullopt;
    }
    SiteSuffix out{std::string(trim(t.substr(0, best))), std::string(trim(t.substr(best + sep_len)))};
    if (!site_name(out.site, institution_only) || cp_count(out.headline) < 6) return std::nullopt;
    return out;
}

}  // namespace copydesk::plaintext

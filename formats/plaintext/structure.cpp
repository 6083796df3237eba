#include "plaintext/structure.hpp"

#include "plaintext/metadata_line.hpp"
#include "plaintext/text_util.hpp"

namespace copydesk::plaintext {

namespace {

int cjk_digit(char32_t c) {
    switch (c) {
        case U'零': case U'〇': return 0;
        case U'一': return 1;
        case U'二': case U'两': return 2;
        case U'三': return 3;
        case U'四': return 4;
        case U'五': return 5;
        case U'六': return 6;
        case U'七': return 7;
        case U'八': return 8;
        case U'九': return 9;
        case U'十': return 10;
        case U'百': return 100;
        default: return -1;
    }
}

// A Chinese numeral of up to 4 characters at s[i]; its value, or -1.
int cjk_number(std::string_view s, std::size_t& i) {
    std::size_t j = i;
    int total = 0, cur = 0, n = 0;
    while (j < s.size() && n < 4) {
        std::size_t k = j;
        int d = cjk_digit(next_cp(s, k));
        if (d < 0) break;
        if (d == 10 || d == 100) {
            total += (cur == 0 ? 1 : cur) * d;
            cur = 0;
        } else {
            cur = cur * 10 + d;
        }
        j = k;
        ++n;
    }
    if (n == 0) return -1;
    i = j;
    return total + cur;
}

int ascii_number(std::string_view s, std::size_t& i) {
    std::size_t j = i;
    int v = 0;
    while (j < s.size() && j - i < 3 && s[j] >= '0' && s[j] <= '9') v = v * 10 + (s[j++] - '0');
    if (j == i) return -1;
    i = j;
    return v;
}

std::size_t cp_len(std::string_view s) { return cp_count(s); }

char32_t last_cp(std::string_view s) { return prev_cp(s, s.size()); }

bool terminal_punct(char32_t c) {
    switch (c) {
        case U'。': case U'，': case U'、': case U'；': case U'：': case U'？': case U'！': case U'…':
        case U'—': case U'”': case U'’': case U'）': case U'.': case U',': case U';': case U':':
        case U'?': case U'!': case U'"': case U'\'': case U')': case U'》': case U'～': case U'~':
            return true;
        default:
            return false;
    }
}

bool is_rule(std::string_view s) {
    std::size_t i = 0, n = 0;
    char32_t first = 0;
    while (i < s.size()) {
        char32_t c = next_cp(s, i);
        if (c == ' ') continue;
        if (first == 0) first = c;
        if (c != first) return false;
        ++n;
    }
    bool rule_char = first == '-' || first == '*' || first == '_' || first == '=' || first == U'—' ||
                     first == U'─' || first == U'━' || first == '~' || first == U'·';
    return rule_char && n >= 3;
}

bool looks_unnumbered_heading(const Para& p) {
    std::string_view t = p.text;
    if (p.lines != 1) return false;
    if (t.size() > 4 * 80) return false;
    std::size_t n = cp_len(t);
    if (n < 2) return false;
    ScriptCounts sc;
    sc.add(t);
    if (sc.han + sc.kana > 0) {
        if (n > 30) return false;
    } else {
        if (sc.latin == 0 || !(t[0] >= 'A' && t[0] <= 'Z')) return false;
        std::size_t words = 1;
        for (char c : t) words += c == ' ';
        if (words > 12 || n > 80) return false;
    }
    char32_t last = last_cp(t);
    // A wholly quoted phrase (“无法用科学解释”) may be a heading; a quoted
    // sentence (“好。”) may not.
    bool quoted = (starts_with(t, "“") && last == U'”') || (starts_with(t, "「") && last == U'」') ||
                  (starts_with(t, "『") && last == U'』');
    if (quoted) {
        std::size_t end = 0;
        prev_cp(t, t.size(), &end);
        // One quotation: its closing mark is the first one.
        if (end <= 3 || t.find(t.substr(end)) != end || terminal_punct(last_cp(t.substr(0, end))))
            return false;
    } else if (terminal_punct(last)) {
        return false;
    }
    if (last == U'】' && !starts_with(t, "【")) return false;
    if (t.find("。") != std::string_view::npos) return false;
    if (parse_metadata_line(t, true)) return false;
    // Photo credits and captions: "图片来源：X", "（资料图）", "新华社记者 X 摄".
    for (std::string_view w : {"来源：", "来源:", "图片", "资料图", "供图", "截图"})
        if (t.find(w) != std::string_view::npos) return false;
    if (ends_with(t, " 摄") || ends_with(t, "摄影")) return false;
    // "年龄：38", "第一名得票：27.2%": a label and a short value, not a heading.
    std::size_t colon = t.rfind("：");
    if (colon != std::string_view::npos && cp_len(t.substr(colon)) <= 9) return false;
    return true;
}

// "英国《泰晤士报》：", "如何在美国打官司，向贪官要回钱——": a phrase (no
// sentence punctuation, not a metadata field or a photo credit) ending in a
// lead-in mark.
bool looks_lead_in(std::string_view t) {
    const std::string_view body = t.substr(0, t.size() - (ends_with(t, "：") ? 3 : 6));
    if (cp_len(body) < 2) return false;
    std::size_t i = 0;
    while (i < body.size()) {
        const char32_t c = next_cp(body, i);
        if (c == U'。' || c == U'！' || c == U'？' || c == U'；' || c == U'…' || c == '!' || c == '?' || c == ';' ||
            c == U'：' || c == ':')
            return false;
    }
    if (parse_metadata_line(t, true)) return false;
    for (std::string_view w : {"来源", "图片", "资料图", "供图", "截图"})
        if (body.find(w) != std::string_view::npos) return false;
    return true;
}

}  // namespace

std::optional<ListMarker> list_marker(std::string_view s) {
    ListMarker m;
    std::size_t i = 0;
    // Bullets.
    {
        std::size_t j = 0;
        char32_t c = s.empty() ? 0 : next_cp(s, j);
        if ((c == '-' || c == '*' || c == U'•' || c == U'·' || c == U'●' || c == U'▪' || c == U'◆') && j < s.size() &&
            (s[j] == ' ' || c >= 0x80)) {
            std::size_t k = j;
            while (k < s.size() && s[k] == ' ') ++k;
            if (k < s.size() && s.substr(k, 1) != "-" && !(c == '*' && s[k] == '*')) {
                m.kind = ListMarker::Bullet;
                m.content = k;
                return m;
            }
        }
    }
    bool paren = false;
    if (starts_with(s, "(")) {
        paren = true;
        i = 1;
    } else if (starts_with(s, "（")) {
        paren = true;
        i = 3;
    }
    std::size_t num_start = i;
    int v = ascii_number(s, i);
    if (v < 0) return std::nullopt;
    (void)num_start;
    std::size_t j = i;
    if (j >= s.size()) return std::nullopt;
    char32_t d = next_cp(s, j);
    if (paren) {
        if (d != ')' && d != U'）') return std::nullopt;
    } else if (d == '.' || d == U'．') {
        // "1.5亿" is a number, not a marker.
        if (j < s.size() && s[j] >= '0' && s[j] <= '9') return std::nullopt;
        if (d == '.' && j < s.size() && s[j] != ' ' && static_cast<unsigned char>(s[j]) < 0x80) return std::nullopt;
    } else if (d != U'、' && d != ')' && d != U'）') {
        return std::nullopt;
    }
    while (j < s.size() && s[j] == ' ') ++j;
    if (j >= s.size()) return std::nullopt;
    m.kind = ListMarker::Decimal;
    m.number = v;
    m.content = j;
    return m;
}

static std::optional<ListMarker> cjk_marker(std::string_view s) {
    std::size_t i = 0;
    int v = cjk_number(s, i);
    if (v <= 0 || !starts_with(s.substr(i), "、")) return std::nullopt;
    ListMarker m;
    m.kind = ListMarker::Cjk;
    m.number = v;
    m.content = i + std::string_view("、").size();
    if (m.content >= s.size()) return std::nullopt;
    return m;
}

int numbered_heading_level(std::string_view s) {
    std::size_t i = 0;
    if (starts_with(s, "第")) {
        i = std::string_view("第").size();
        std::size_t j = i;
        if (cjk_number(s, j) < 0 && ascii_number(s, j) < 0) return 0;
        std::string_view rest = s.substr(j);
        for (std::string_view unit : {"章", "部分", "编", "篇", "卷"})
            if (starts_with(rest, unit)) return 1;
        if (starts_with(rest, "节")) return 2;
        return 0;
    }
    if (cjk_marker(s)) return 2;
    if (starts_with(s, "（") || starts_with(s, "(")) {
        i = starts_with(s, "（") ? 3 : 1;
        if (cjk_number(s, i) <= 0) return 0;
        if (starts_with(s.substr(i), "）") || starts_with(s.substr(i), ")")) return 3;
    }
    return 0;
}

Blocks build_blocks(std::vector<Para> paras, const StructureOptions& opt) {
    auto para_block = [](Para& p) {
        Paragraph b;
        b.content.push_back(Text{std::move(p.text)});
        if (p.indented) b.first_line_indent = Length{2, LengthUnit::Em};
        return Block(std::move(b));
    };
    enum Kind { Plain, Heading_, Listed, Rule };
    std::vector<Kind> kind(paras.size(), Plain);
    std::vector<int> level(paras.size(), 0);
    // Lists: two or more neighbouring paragraphs with consecutive markers.
    std::vector<std::optional<ListMarker>> mk(paras.size());
    if (opt.lists) {
        for (std::size_t k = 0; k < paras.size(); ++k) {
            mk[k] = list_marker(paras[k].text);
            if (!mk[k]) mk[k] = cjk_marker(paras[k].text);
        }
    }
    std::vector<std::pair<std::size_t, std::size_t>> runs;  // [begin, end)
    for (std::size_t k = 0; k < paras.size();) {
        if (!mk[k]) {
            ++k;
            continue;
        }
        std::size_t e = k + 1;
        while (e < paras.size() && mk[e] && mk[e]->kind == mk[k]->kind &&
               (mk[k]->kind == ListMarker::Bullet || mk[e]->number == mk[e - 1]->number + 1))
            ++e;
        if (e - k >= 2) {
            runs.emplace_back(k, e);
            for (std::size_t x = k; x < e; ++x) kind[x] = Listed;
        }
        k = e;
    }
    for (std::size_t k = 0; k < paras.size(); ++k) {
        if (kind[k] != Plain) continue;
        if (opt.rules && is_rule(paras[k].text)) kind[k] = Rule;
    }
    // Texts written in short lines (sina's one-phrase paragraphs) have no
    // unnumbered subheadings to find: every line would look like one.
    std::size_t short_paras = 0;
    for (const auto& p : paras) short_paras += p.text.size() <= 120 && cp_len(p.text) <= 30;
    bool short_style = short_paras * 2 > paras.size();
    if (opt.subheadings) {
        for (std::size_t k = 0; k < paras.size(); ++k) {
            if (kind[k] != Plain) continue;
            const std::string& t = paras[k].text;
            bool has_next = k + 1 < paras.size();
            int lv = numbered_heading_level(t);
            if (lv > 0) {
                if (has_next && cp_len(t) <= 40 && t.find("。") == std::string::npos &&
                    !terminal_punct(last_cp(t))) {
                    kind[k] = Heading_;
                    level[k] = lv;
                }
                continue;
            }
            if (k == 0 || !has_next || short_style) continue;
            if (kind[k - 1] != Plain || kind[k + 1] != Plain) continue;
            // The cheap tests first (looks_unnumbered_heading repeats the first).
            if (paras[k].lines != 1 || t.size() > 4 * 80) continue;
            std::size_t n = cp_len(t);
            const std::string& nt = paras[k + 1].text;
            if (nt.size() < 2 * n || nt.size() < 20) continue;  // bytes bound the characters
            std::size_t next = cp_len(nt);
            if (next < 2 * n || next < 20) continue;
            if (!looks_unnumbered_heading(paras[k])) continue;
            if (numbered_heading_level(paras[k + 1].text) > 0) continue;
            kind[k] = Heading_;
            level[k] = 2;
        }
    }
    // Two-line headings: a short kicker line over the heading line, each its
    // own paragraph in the source ("业绩会突现业主维权插曲" / "昔日“龙湖质量”遭质疑",
    // "英国《泰晤士报》：" / "蓬勃发展的武汉…"). The kicker is not found on its own
    // (a heading must be followed by longer text); it joins the heading under
    // it, after a line break.
    std::vector<bool> kicker(paras.size(), false);
    if (opt.subheadings) {
        for (std::size_t k = 2; k < paras.size(); ++k) {
            if (kind[k] != Heading_ || numbered_heading_level(paras[k].text) > 0) continue;
            const std::size_t q = k - 1;
            if (kind[q] != Plain || kind[q - 1] != Plain || kicker[q - 1] || paras[q].lines != 1) continue;
            const std::string_view t = paras[q].text;
            const std::size_t n = cp_len(t);
            // Under body text, not under another short line.
            if (n < 2 || n > 24 || cp_len(paras[q - 1].text) < n) continue;
            // Ending in ：or —— it leads into the heading; else it must look like one itself.
            const bool lead_in = ends_with(t, "：") || ends_with(t, "——");
            if (lead_in ? !looks_lead_in(t) : !looks_unnumbered_heading(paras[q])) continue;
            // Credits are not kickers ("内容来自北青网" over "免责声明"), nor is what
            // follows a metadata field.
            bool credit = false;
            for (std::string_view w : {"来自", "转自", "摘自", "来源", "转载"}) credit = credit || t.find(w) != std::string_view::npos;
            if (credit || parse_metadata_line(paras[q - 1].text, true)) continue;
            kicker[q] = true;
        }
    }
    Blocks out;
    out.reserve(paras.size());
    std::size_t r = 0;
    for (std::size_t k = 0; k < paras.size(); ++k) {
        if (kind[k] == Listed) {
            auto [b, e] = runs[r++];
            const ListMarker& first = *mk[b];
            auto item = [&](std::size_t x) {
                Paragraph p;
                p.content.push_back(Text{paras[x].text.substr(mk[x]->content)});
                return Blocks{Block(std::move(p))};
            };
            if (first.kind == ListMarker::Bullet) {
                BulletList l;
                for (std::size_t x = b; x < e; ++x) l.items.push_back(item(x));
                out.push_back(std::move(l));
            } else {
                OrderedList l;
                l.start = first.number;
                l.style = first.kind == ListMarker::Cjk ? ListStyle::CJK : ListStyle::Decimal;
                for (std::size_t x = b; x < e; ++x) l.items.push_back(item(x));
                out.push_back(std::move(l));
            }
            k = e - 1;
        } else if (kicker[k]) {
            continue;  // joins the heading after it
        } else if (kind[k] == Heading_) {
            Heading h;
            h.level = level[k];
            if (k > 0 && kicker[k - 1]) {
                h.content.push_back(Text{std::move(paras[k - 1].text)});
                h.content.push_back(LineBreak{});
            }
            h.content.push_back(Text{std::move(paras[k].text)});
            out.push_back(std::move(h));
        } else if (kind[k] == Rule) {
            out.push_back(HorizontalRule{});
        } else {
            out.push_back(para_block(paras[k]));
        }
    }
    return out;
}

}  // namespace copydesk::plaintext

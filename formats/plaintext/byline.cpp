#include "plaintext/byline.hpp"

#include <cctype>

#include "plaintext/labels.hpp"
#include "plaintext/metadata_line.hpp"
#include "plaintext/text_util.hpp"

namespace copydesk::plaintext {

namespace {

bool is_sep(char32_t c) {
    return is_hspace(c) || c == 0x3001 || c == 0xFF0C || c == ',' || c == ';' || c == 0xFF1B;
}

bool valid_name(std::string_view n) {
    if (n.empty()) return false;
    // Words that follow names in bylines but are not names: "（记者陈智 整合）".
    for (std::string_view w : {"整合", "综合", "报道", "综合报道", "整理", "编译", "摄", "发自", "等", "供稿", "实习生"})
        if (n == w || ends_with(n, "记者") || ends_with(n, "编辑")) return false;
    ScriptCounts sc;
    sc.add(n);
    std::size_t i = 0, cps = 0;
    while (i < n.size()) {
        char32_t c = next_cp(n, i);
        ++cps;
        if (c >= '0' && c <= '9') return false;
        if (is_cjk_punct(c) && c != 0x00B7 && c != 0x30FB) return false;
        if (c == '(' || c == ')' || c == ':' || c == '.' || c == '!' || c == '?') return false;
    }
    if (cps > 30) return false;
    if (sc.latin == 0) return sc.han >= 1 && sc.han <= 6;
    return sc.han == 0;
}

bool is_open(char32_t c) { return c == 0xFF08 || c == '(' || c == 0x3010 || c == '[' || c == 0x3014; }
bool matches(char32_t open, char32_t close) {
    if (open == 0xFF08 || open == '(') return close == 0xFF09 || close == ')';
    if (open == 0x3010) return close == 0x3011;
    if (open == '[') return close == ']';
    if (open == 0x3014) return close == 0x3015;
    return false;
}

// An outlet or publication before a role word, kept whole as one label:
// "澎湃新闻记者", "新华社记者", "职工通讯员", "《棱镜》作者". Han characters (none
// of them a word of running text) ending in 记者 or 通讯员 — 3 to 8 of them —
// or a 《title》 and then 记者, 通讯员 or 作者. The role of the last word.
std::optional<Role> outlet_label_role(std::string_view token) {
    if (match_byline_label(token) == token.size()) return std::nullopt;  // a plain label
    std::size_t i = 0, cps = 0;
    bool titled = false;
    if (starts_with(token, "《")) {
        const std::size_t close = token.find("》");
        if (close == std::string_view::npos || close > 3 * 20) return std::nullopt;
        i = close + std::string_view("》").size();
        titled = true;
    }
    const std::string_view rest = token.substr(i);
    std::optional<Role> role;
    if (ends_with(rest, "记者")) role = Role::Reporter;
    else if (ends_with(rest, "通讯员")) role = Role::Correspondent;
    else if (titled && ends_with(rest, "作者")) role = Role::Author;
    if (!role) return std::nullopt;
    while (i < token.size()) {
        char32_t c = next_cp(token, i);
        if (!is_han(c)) return std::nullopt;
        for (char32_t w : {U'的', U'了', U'我', U'们', U'是', U'在', U'和', U'对', U'将', U'被', U'向', U'给', U'与', U'说', U'让', U'为', U'这', U'那', U'他', U'她'})
            if (c == w) return std::nullopt;
        ++cps;
    }
    if (titled ? cps > 8 : cps < 3 || cps > 8) return std::nullopt;
    return role;
}

// The length of an outlet label at the start of `s`, followed by a space or colon.
std::size_t match_outlet_reporter(std::string_view s, KeyInfo* info) {
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t k = i;
        char32_t c = next_cp(s, k);
        if (is_hspace(c) || c == ':' || c == 0xFF1A) break;
        i = k;
    }
    if (i == s.size()) return 0;
    auto role = outlet_label_role(s.substr(0, i));
    if (!role) return 0;
    if (info) *info = KeyInfo{KeyKind::Contributor, *role, {}, true};
    return i;
}

// "文/" and "图/" credit a writer and a photographer ("【文/观察者网专栏作者 王文】",
// "（图/张三）"); alone 文 and 图 are too common to be labels, so only with the slash.
std::size_t match_slash_credit(std::string_view s, KeyInfo* info) {
    for (auto [key, role] : {std::pair{std::string_view("文"), Role::Author},
                             std::pair{std::string_view("图"), Role::Photographer}}) {
        if (!starts_with(s, key)) continue;
        std::size_t k = key.size();
        if (k >= s.size()) return 0;
        const char32_t slash = next_cp(s, k);
        if (slash != '/' && slash != 0xFF0F) return 0;
        if (info) *info = KeyInfo{KeyKind::Contributor, role, {}, true};
        return key.size();
    }
    return 0;
}

// A title between a credit and the name, kept as part of the label:
// "观察者网专栏作者" in "文/观察者网专栏作者 王文". Han only, 3 to 12 characters,
// ending in a word that names a writer.
std::size_t match_credit_title(std::string_view s) {
    std::size_t i = 0, cps = 0;
    while (i < s.size()) {
        std::size_t k = i;
        char32_t c = next_cp(s, k);
        if (is_hspace(c)) break;
        if (!is_han(c)) return 0;
        ++cps;
        i = k;
    }
    if (i == s.size() || cps < 3 || cps > 12) return 0;  // a name must follow
    const std::string_view t = s.substr(0, i);
    for (std::string_view w : {"作者", "记者", "评论员", "撰稿人", "通讯员"})
        if (ends_with(t, w)) return i;
    return 0;
}

// An English wire dateline and its length, dash included: a place in capitals
// ("WASHINGTON", "NEW YORK"), then optionally ", Calif." or ", Dec. 9", an
// agency in brackets ("(Reuters)"), and a dash ("-", "--", "—", "–") before
// the text; 0 if `p` does not open with one.
std::size_t match_english_dateline(std::string_view p) {
    std::size_t i = 0, caps = 0;
    while (i < p.size() && ((p[i] >= 'A' && p[i] <= 'Z') || p[i] == '.' || p[i] == '\'' || p[i] == '-' ||
                            (p[i] == ' ' && i + 1 < p.size() && p[i + 1] >= 'A' && p[i + 1] <= 'Z'))) {
        caps += p[i] >= 'A' && p[i] <= 'Z';
        ++i;
    }
    if (caps < 3 || i > 30) return 0;
    while (i > 0 && (p[i - 1] == '-' || p[i - 1] == ' ')) --i;  // "PARIS -" is the place, then the dash
    std::string_view rest = p.substr(i);
    auto take = [&](std::string_view s) {
        if (!starts_with(rest, s)) return false;
        rest.remove_prefix(s.size());
        return true;
    };
    if (take(", ")) {  // a state, country or date: letters, digits, dots and spaces
        std::size_t k = 0;
        while (k < rest.size() && k < 24 && rest[k] != '(' && rest[k] != '-' &&
               (std::isalnum(static_cast<unsigned char>(rest[k])) || rest[k] == '.' || rest[k] == ' '))
            ++k;
        rest.remove_prefix(k);
    }
    take(" ");
    if (take("(")) {
        std::size_t close = rest.find(')');
        if (close == std::string_view::npos || close == 0 || close > 30) return 0;
        for (char c : rest.substr(0, close))
            if (!(std::isalpha(static_cast<unsigned char>(c)) || c == ' ' || c == '&' || c == '.' || c == '-'))
                return 0;
        rest.remove_prefix(close + 1);
        take(" ");
    }
    if (!(take("--") || take("-") || take("\u2014") || take("\u2013"))) return 0;
    if (!rest.empty() && !starts_with(rest, " ")) return 0;
    return p.size() - rest.size();
}

// Words that may follow the names of a byline ("（记者陈智 整合）"): what the
// reporter did, not a name.
bool is_activity_word(std::string_view w) {
    for (std::string_view a : {"整合", "综合", "报道", "综合报道", "整理", "编译", "发自", "供稿"})
        if (w == a) return true;
    return false;
}

}  // namespace

std::optional<std::vector<Contributor>> parse_byline_inner(std::string_view inner, std::string* dropped) {
    std::string_view s = trim(inner);
    std::vector<Contributor> out;
    std::size_t i = 0;
    bool any = false;
    while (i < s.size()) {
        // Skip separators.
        std::size_t j = i;
        if (is_sep(next_cp(s, j))) {
            i = j;
            continue;
        }
        KeyInfo info{};
        std::size_t len = match_byline_label(s.substr(i), &info);
        if (len == 0 && !any) len = match_outlet_reporter(s.substr(i), &info);
        bool slash_credit = false;
        if (len == 0) slash_credit = (len = match_slash_credit(s.substr(i), &info)) > 0;
        if (len == 0) return std::nullopt;  // must open with a role label
        const std::size_t label_start = i;
        i += len;
        // Optional colon or slash after the label, then spaces.
        auto skip_label_end = [&] {
            while (i < s.size()) {
                std::size_t k = i;
                char32_t c = next_cp(s, k);
                if (c == ':' || c == 0xFF1A || c == '/' || c == 0xFF0F || is_hspace(c)) i = k;
                else break;
            }
        };
        std::size_t label_end = label_start + len;
        if (slash_credit) {  // the label keeps its slash: "文/"
            std::size_t k = label_end;
            next_cp(s, k);
            label_end = k;
        }
        skip_label_end();
        // Only after 文/ or 图/: elsewhere ("采写：南都见习记者 林子沛") a title
        // before the name is left for the paragraph it stands in.
        if (std::size_t t = slash_credit ? match_credit_title(s.substr(i)) : 0; t > 0) {
            i += t;
            label_end = i;
            skip_label_end();
        }
        std::string label(s.substr(label_start, label_end - label_start));
        // The value runs to the next label that follows a separator.
        std::size_t vstart = i, vend = s.size();
        bool prev_sep = false;
        while (i < s.size()) {
            std::size_t k = i;
            char32_t c = next_cp(s, k);
            if (prev_sep && !is_sep(c) &&
                (match_byline_label(s.substr(i)) > 0 || match_slash_credit(s.substr(i), nullptr) > 0)) {
                vend = i;
                break;
            }
            prev_sep = is_sep(c);
            i = k;
        }
        if (i >= s.size()) vend = s.size();
        auto names = split_names(s.substr(vstart, vend - vstart));
        if (dropped && vend == s.size() && names.size() >= 2 && is_activity_word(names.back())) {
            *dropped = names.back();
            names.pop_back();
        }
        if (names.empty()) return std::nullopt;
        for (auto& n : names) {
            if (!valid_name(n)) return std::nullopt;
            Contributor c;
            c.name = std::move(n);
            c.role = info.role;
            c.label = label;
            out.push_back(std::move(c));
        }
        any = true;
        i = vend;
    }
    if (!any) return std::nullopt;
    return out;
}

std::optional<StartByline> match_start_byline(std::string_view p) {
    auto bracket_at = [&](std::size_t pos, StartByline& sb) -> bool {
        std::size_t i = pos;
        if (i >= p.size()) return false;
        char32_t open = next_cp(p, i);
        if (!is_open(open)) return false;
        std::size_t inner_start = i;
        std::size_t n = 0;
        while (i < p.size() && n < 80) {
            std::size_t at = i;
            char32_t c = next_cp(p, i);
            ++n;
            if (matches(open, c)) {
                auto cs = parse_byline_inner(p.substr(inner_start, at - inner_start), &sb.dropped);
                if (!cs) return false;
                sb.contributors = std::move(*cs);
                sb.consumed = p.size() - trim_left(p.substr(i)).size();
                return true;
            }
        }
        return false;
    };
    StartByline sb;
    if (bracket_at(0, sb)) return sb;
    if (std::size_t e = match_english_dateline(p); e > 0) {
        sb.dateline = std::string(p.substr(0, e));
        sb.consumed = p.size() - trim_left(p.substr(e)).size();
        return sb;
    }
    // A dateline: up to 30 characters ending in 电 or 讯, before any space,
    // bracket or sentence punctuation.
    std::size_t i = 0, n = 0, stop = std::string_view::npos;
    while (i < p.size() && n <= 30) {
        std::size_t at = i;
        char32_t c = next_cp(p, i);
        if (is_hspace(c) || is_open(c) || c == 0xFF0C || c == 0x3002 || c == 0xFF1A || c == ',') {
            stop = at;
            break;
        }
        ++n;
    }
    std::string_view d;
    if (starts_with(p, "本报讯")) d = p.substr(0, std::string_view("本报讯").size());
    else if (stop != std::string_view::npos && stop > 0) d = p.substr(0, stop);
    if (d.empty() || !(ends_with(d, "电") || ends_with(d, "讯"))) return std::nullopt;
    std::size_t after = p.size() - trim_left(p.substr(d.size())).size();
    StartByline with;
    if (bracket_at(after, with)) {
        with.dateline = std::string(d);
        return with;
    }
    bool dated = d == "本报讯" || ends_with(d, "日电") || ends_with(d, "日讯");
    if (!dated) return std::nullopt;  // alone ("本报讯" before a heading) it is still the dateline
    sb.dateline = std::string(d);
    sb.consumed = after;
    return sb;
}

std::optional<std::vector<Contributor>> strip_end_byline(std::string& paragraph) {
    std::string_view p = trim_right(paragraph);
    std::size_t close_start = 0;
    char32_t close = prev_cp(p, p.size(), &close_start);
    if (!(close == 0xFF09 || close == ')' || close == 0x3011 || close == ']' || close == 0x3015)) return std::nullopt;
    // The nearest opening bracket of the matching kind, within 80 characters.
    std::size_t end = close_start, n = 0;
    while (end > 0 && n < 80) {
        std::size_t start = 0;
        char32_t c = prev_cp(p, end, &start);
        ++n;
        if (is_open(c)) {
            if (!matches(c, close)) return std::nullopt;
            auto cs = parse_byline_inner(p.substr(end, close_start - end));
            if (!cs) return std::nullopt;
            paragraph = std::string(trim_right(p.substr(0, start)));
            return cs;
        }
        end = start;
    }
    return std::nullopt;
}

std::optional<std::vector<Contributor>> parse_credit_line(std::string_view line) {
    std::string_view s = trim(line);
    if (s.empty()) return std::nullopt;
    // Tokens between separators; each is a whole role label or a name.
    std::vector<Contributor> out;
    std::string label;
    KeyInfo info{};
    std::size_t i = 0, cps = 0, names = 0;
    bool after_label = false;
    while (i < s.size()) {
        std::size_t start = i, end = i;
        while (end < s.size()) {
            std::size_t k = end;
            char32_t c = next_cp(s, k);
            if (++cps > 40) return std::nullopt;
            if (is_hspace(c) || c == ':' || c == 0xFF1A || c == '/' || c == 0xFF0F || c == 0x3001 || c == 0xFF0C ||
                c == ',')
                break;
            // Han only, but for a 《title》 opening the first label ("《棱镜》作者").
            if (!is_han(c) && !(out.empty() && !after_label && (c == 0x300A || c == 0x300B)))
                return std::nullopt;  // punctuation, brackets, digits, Latin
            end = k;
        }
        std::string_view tok = s.substr(start, end - start);
        i = end;
        char32_t sep = i < s.size() ? next_cp(s, i) : 0;  // the separator
        if (tok.empty()) continue;
        KeyInfo ti{};
        // 文/ and 图/ are labels only with their slash, which they keep.
        const bool slash = (tok == "文" || tok == "图") && (sep == '/' || sep == 0xFF0F);
        if (slash) ti = KeyInfo{KeyKind::Contributor, tok == "文" ? Role::Author : Role::Photographer, {}, true};
        bool is_label = slash || match_byline_label(tok, &ti) == tok.size() ||
                        (out.empty() && !after_label && match_outlet_reporter(std::string(tok) + " ", &ti) > 0);
        if (is_label) {
            if (after_label) return std::nullopt;  // a label with no name
            label = slash ? std::string(tok) + (sep == '/' ? "/" : "／") : std::string(tok);
            info = ti;
            after_label = true;
            names = 0;
            continue;
        }
        if (label.empty() || !valid_name(tok)) return std::nullopt;
        std::size_t j = 0, han = 0;
        while (j < tok.size()) {
            next_cp(tok, j);
            ++han;
        }
        if (han < 2 || han > 4 || ++names > 4) return std::nullopt;
        Contributor c;
        c.name = std::string(tok);
        c.role = info.role;
        c.label = label;
        out.push_back(std::move(c));
        after_label = false;
    }
    if (out.empty() || after_label) return std::nullopt;
    return out;
}

std::string format_byline(const std::vector<const Contributor*>& cs, bool chinese) {
    std::string inner;
    for (std::size_t k = 0; k < cs.size(); ++k) {
        const Contributor& c = *cs[k];
        std::string label = c.label.empty() ? std::string(default_label(c.role, chinese)) : c.label;
        bool same = k > 0 && (cs[k - 1]->label.empty() ? std::string(default_label(cs[k - 1]->role, chinese))
                                                       : cs[k - 1]->label) == label;
        if (same) {
            inner += chinese ? " " : ", ";
        } else {
            if (!inner.empty()) inner += ' ';
            inner += label;
            if (!ends_with(label, "/") && !ends_with(label, "／")) inner += ' ';
        }
        inner += c.name;
    }
    return chinese ? "（" + inner + "）" : "(" + inner + ")";
}

}  // namespace copydesk::plaintext

// DOCX reader: property values, styles.xml and numbering.xml.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <unordered_set>

#include "docx/docx_reader.hpp"

namespace copydesk::docx::rd {

namespace {

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string val(xml::Reader& r, const Namespaces& ns) { return r.attr(ns.w, "val").value_or(""); }

}  // namespace

bool on_off(const std::optional<std::string>& v) {
    if (!v) return true;
    return *v == "true" || *v == "1" || *v == "on" || v->empty();
}

std::optional<long long> to_int(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size() && s[i] == ' ') ++i;
    bool neg = false;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
    if (i >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i]))) return std::nullopt;
    long long v = 0;
    for (; i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); ++i) {
        if (v > 100000000000LL) return std::nullopt;
        v = v * 10 + (s[i] - '0');
    }
    return neg ? -v : v;
}

std::optional<int> twips(std::string_view s) {
    // number part (possibly fractional), then unit
    std::size_t i = 0;
    while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.' || s[i] == '-' || s[i] == '+')) ++i;
    if (i == 0) return std::nullopt;
    double v = 0;
    try {
        v = std::stod(std::string(s.substr(0, i)));
    } catch (...) {
        return std::nullopt;
    }
    std::string_view unit = s.substr(i);
    if (unit == "pt") v *= 20;
    else if (unit == "in") v *= 1440;
    else if (unit == "cm") v *= 1440 / 2.54;
    else if (unit == "mm") v *= 144 / 2.54;
    else if (unit == "pc" || unit == "pi") v *= 240;
    else if (!unit.empty()) return std::nullopt;
    if (!std::isfinite(v) || std::fabs(v) > 1e8) return std::nullopt;
    return static_cast<int>(std::lround(v));
}

void RunProps::merge_from(const RunProps& o) {
    if (o.bold) bold = o.bold;
    if (o.italic) italic = o.italic;
    if (o.underline) underline = o.underline;
    if (o.strike) strike = o.strike;
    if (o.small_caps) small_caps = o.small_caps;
    if (o.hidden) hidden = o.hidden;
    if (o.vert) vert = o.vert;
}

void ParaProps::merge_from(const ParaProps& o) {
    if (o.outline_level) outline_level = o.outline_level;
    if (o.num) num = o.num;
    if (o.ind_left) ind_left = o.ind_left;
    if (o.ind_hanging) ind_hanging = o.ind_hanging;
    if (o.ind_first_line) ind_first_line = o.ind_first_line;
    if (o.ind_first_line_chars) ind_first_line_chars = o.ind_first_line_chars;
    if (o.align) align = o.align;
}

RunProps read_rpr(xml::Reader& r, const Namespaces& ns, std::string* rstyle) {
    RunProps p;
    for_children(r, [&] {
        if (r.ns() != ns.w) return r.skip();
        auto n = r.local_name();
        if (n == "rStyle") {
            if (rstyle) *rstyle = val(r, ns);
        } else if (n == "b") {
            p.bold = on_off(r.attr(ns.w, "val"));
        } else if (n == "i") {
            p.italic = on_off(r.attr(ns.w, "val"));
        } else if (n == "u") {
            auto v = r.attr(ns.w, "val");
            p.underline = !v || (*v != "none" && *v != "0" && *v != "false");
        } else if (n == "strike" || n == "dstrike") {
            bool on = on_off(r.attr(ns.w, "val"));
            if (on || !p.strike) p.strike = on;
        } else if (n == "smallCaps") {
            p.small_caps = on_off(r.attr(ns.w, "val"));
        } else if (n == "vanish") {
            p.hidden = on_off(r.attr(ns.w, "val"));
        } else if (n == "vertAlign") {
            auto v = val(r, ns);
            p.vert = v == "superscript" ? 1 : v == "subscript" ? 2 : 0;
        }
        r.skip();  // also skips w:rPrChange (the old formatting)
    });
    return p;
}

ParaProps read_ppr(xml::Reader& r, const Namespaces& ns, std::string* pstyle) {
    ParaProps p;
    for_children(r, [&] {
        if (r.ns() != ns.w) return r.skip();
        auto n = r.local_name();
        if (n == "pStyle") {
            if (pstyle) *pstyle = val(r, ns);
        } else if (n == "outlineLvl") {
            if (auto v = to_int(val(r, ns)); v && *v >= 0 && *v <= 9) p.outline_level = static_cast<int>(*v);
        } else if (n == "numPr") {
            NumRef ref;
            bool has_id = false;
            for_children(r, [&] {
                if (r.ns() == ns.w && r.local_name() == "ilvl") {
                    if (auto v = to_int(val(r, ns)); v && *v >= 0 && *v <= 8) ref.ilvl = static_cast<int>(*v);
                } else if (r.ns() == ns.w && r.local_name() == "numId") {
                    ref.num_id = val(r, ns);
                    has_id = true;
                }
                r.skip();
            });
            if (has_id) p.num = ref;
            return;
        } else if (n == "ind") {
            auto get = [&](std::string_view a) -> std::optional<int> {
                auto v = r.attr(ns.w, a);
                return v ? twips(*v) : std::nullopt;
            };
            if (auto v = get("left")) p.ind_left = v;
            if (auto v = get("start")) p.ind_left = v;
            if (auto v = get("hanging")) p.ind_hanging = v;
            if (auto v = get("firstLine")) p.ind_first_line = v;
            if (auto v = r.attr(ns.w, "firstLineChars")) {
                if (auto c = to_int(*v)) p.ind_first_line_chars = static_cast<int>(*c);
            }
            if (auto v = r.attr(ns.w, "hangingChars")) {
                if (auto c = to_int(*v); c && *c > 0) p.ind_first_line_chars = 0;
            }
        } else if (n == "pBdr") {
            for_children(r, [&] {
                if (r.ns() == ns.w && r.local_name() == "bottom") {
                    auto v = val(r, ns);
                    if (!v.empty() && v != "none" && v != "nil") p.border_bottom = true;
                }
                r.skip();
            });
            return;
        } else if (n == "jc") {
            auto v = val(r, ns);
            if (v == "left" || v == "start") p.align = Alignment::Left;
            else if (v == "center") p.align = Alignment::Center;
            else if (v == "right" || v == "end") p.align = Alignment::Right;
            else if (v == "both" || v == "distribute" || v == "justify" || v == "lowKashida" ||
                     v == "mediumKashida" || v == "highKashida" || v == "thaiDistribute")
                p.align = Alignment::Justify;
        }
        r.skip();  // rPr of the paragraph mark, pPrChange, sectPr, ...
    });
    return p;
}

// ------------------------------------------------------------------ styles

StyleKind classify_style_name(std::string_view raw, int* level) {
    std::string s = lower_ascii(raw);
    std::string compact;
    for (char c : s)
        if (c != ' ' && c != '_' && c != '-') compact += c;
    auto digit_suffix = [&](std::string_view prefix) -> int {
        if (compact.size() == prefix.size() + 1 && compact.compare(0, prefix.size(), prefix) == 0) {
            char d = compact.back();
            if (d >= '1' && d <= '9') return d - '0';
        }
        return 0;
    };
    for (std::string_view prefix : {"heading", "标题", "überschrift", "titre", "titolo", "encabezado"}) {
        if (int l = digit_suffix(prefix)) {
            if (level) *level = l;
            return StyleKind::Heading;
        }
    }
    if (compact == "title" || compact == "标题") return StyleKind::Title;
    if (compact == "subtitle" || compact == "副标题") return StyleKind::Subtitle;
    if (compact == "quote" || compact == "intensequote" || compact == "blocktext" || compact == "引用" ||
        compact == "明显引用" || compact == "blockquote")
        return StyleKind::Quote;
    if (compact == "sourcecode" || compact == "htmlpreformatted" || compact == "code" || compact == "codeblock" ||
        compact == "plaintext" || compact == "代码")
        return StyleKind::Code;
    if (compact == "caption" || compact == "题注" || compact == "tablecaption" || compact == "imagecaption")
        return StyleKind::Caption;
    // Ours ("Figure") and pandoc's ("Captioned Figure") image paragraphs.
    if (compact == "figure" || compact == "captionedfigure") return StyleKind::Figure;
    if (compact == "listparagraph" || compact == "列出段落" || compact == "compact") return StyleKind::ListParagraph;
    if (compact == "abstract" || compact == "摘要") return StyleKind::Abstract;
    if (compact == "articlemeta") return StyleKind::Metadata;
    if (compact == "byline") return StyleKind::Byline;
    return StyleKind::None;
}

void Styles::parse(std::string_view xml_text, const Namespaces& ns, const Location& where) {
    xml::Reader r(xml_text, where);
    while (r.next()) {
        if (r.type() != xml::NodeType::StartElement || r.ns() != ns.w) continue;
        auto n = r.local_name();
        if (n == "docDefaults") {
            for_children(r, [&] {
                if (r.ns() == ns.w && r.local_name() == "rPrDefault") {
                    for_children(r, [&] {
                        if (r.ns() == ns.w && r.local_name() == "rPr") default_rpr_ = read_rpr(r, ns, nullptr);
                        else r.skip();
                    });
                } else {
                    r.skip();
                }
            });
        } else if (n == "style") {
            Style st;
            st.id = r.attr(ns.w, "styleId").value_or("");
            st.type = r.attr(ns.w, "type").value_or("paragraph");
            bool is_default = on_off(r.attr(ns.w, "default")) && r.attr(ns.w, "default").has_value();
            for_children(r, [&] {
                if (r.ns() != ns.w) return r.skip();
                auto c = r.local_name();
                if (c == "name") st.name = val(r, ns);
                else if (c == "basedOn") st.based_on = val(r, ns);
                else if (c == "pPr") return void(st.ppr = read_ppr(r, ns, nullptr));
                else if (c == "rPr") return void(st.rpr = read_rpr(r, ns, nullptr));
                r.skip();
            });
            if (is_default && st.type == "paragraph") default_para_ = st.id;
            std::string id = st.id;
            styles_.emplace(std::move(id), std::move(st));  // first definition wins
        }
    }
}

const Style* Styles::find(std::string_view id) const {
    auto it = styles_.find(std::string(id));
    return it == styles_.end() ? nullptr : &it->second;
}

std::vector<const Style*> Styles::chain(std::string_view id) const {
    std::vector<const Style*> out;  // the style first, then its ancestors
    const Style* s = find(id);
    while (s && out.size() < 32) {
        if (std::find(out.begin(), out.end(), s) != out.end()) break;  // basedOn cycle
        out.push_back(s);
        if (s->based_on.empty()) break;
        s = find(s->based_on);
    }
    return out;
}

ParaProps Styles::para_props(std::string_view id) const {
    ParaProps p;
    auto c = chain(id);
    for (auto it = c.rbegin(); it != c.rend(); ++it) p.merge_from((*it)->ppr);
    return p;
}

RunProps Styles::run_props(std::string_view id) const {
    RunProps p;
    auto c = chain(id);
    for (auto it = c.rbegin(); it != c.rend(); ++it) p.merge_from((*it)->rpr);
    return p;
}

StyleKind Styles::kind(std::string_view id, int* level) const {
    std::string key(id);
    if (auto it = kind_cache_.find(key); it != kind_cache_.end()) {
        if (level) *level = it->second.second;
        return it->second.first;
    }
    StyleKind k = StyleKind::None;
    int lvl = 0;
    auto c = chain(id);
    if (c.empty()) {
        k = classify_style_name(id, &lvl);
    } else {
        for (const Style* s : c) {
            k = classify_style_name(s->name, &lvl);
            if (k == StyleKind::None) k = classify_style_name(s->id, &lvl);
            if (k != StyleKind::None) break;
        }
    }
    if (k == StyleKind::None || k == StyleKind::ListParagraph) {
        // An outline level anywhere in the chain makes a heading.
        ParaProps p = para_props(id);
        if (p.outline_level && *p.outline_level < 9) {
            k = StyleKind::Heading;
            lvl = *p.outline_level + 1;
        }
    }
    kind_cache_.emplace(std::move(key), std::make_pair(k, lvl));
    if (level) *level = lvl;
    return k;
}

const Styles::Resolved& Styles::resolved(std::string_view id) const {
    if (last_ && id == last_id_) return *last_;
    auto it = resolved_.find(std::string(id));
    if (it == resolved_.end()) {
        Resolved r;
        r.ppr = para_props(id);
        r.rpr = run_props(id);
        r.kind = kind(id, &r.level);
        r.list_style = is_list_style(id);
        r.code_char = is_code_char(id);
        r.link_char = is_link_char(id);
        it = resolved_.emplace(std::string(id), r).first;
    }
    last_id_ = std::string(id);
    last_ = &it->second;
    return it->second;
}

bool Styles::is_link_char(std::string_view id) const {
    const Style* s = find(id);
    std::string n = lower_ascii(s && !s->name.empty() ? s->name : std::string(id));
    n.erase(std::remove(n.begin(), n.end(), ' '), n.end());
    return n == "hyperlink" || n == "followedhyperlink" || n == "internetlink" || n == "超链接";
}

bool Styles::is_list_style(std::string_view id) const {
    for (const Style* s : chain(id)) {
        std::string n = lower_ascii(s->name.empty() ? s->id : s->name);
        if (n.rfind("list", 0) == 0) return true;
    }
    return false;
}

bool Styles::is_caption_label(std::string_view id) const {
    if (id == "CaptionLabel") return true;
    const Style* s = find(id);
    return s && lower_ascii(s->name) == "caption label";
}

bool Styles::is_dateline(std::string_view id) const {
    if (id == "Dateline") return true;
    const Style* s = find(id);
    return s && lower_ascii(s->name) == "dateline";
}

bool Styles::is_code_char(std::string_view id) const {
    for (const Style* s : chain(id)) {
        std::string n = lower_ascii(s->name.empty() ? s->id : s->name);
        n.erase(std::remove(n.begin(), n.end(), ' '), n.end());
        if (n == "verbatimchar" || n == "htmlcode" || n == "sourcecodechar" || n == "codechar" ||
            n == "htmltypewriter" || n == "code")
            return true;
    }
    return false;
}

// --------------------------------------------------------------- numbering

LevelDef level_from_format(std::string_view f) {
    LevelDef d;
    if (f == "bullet") {
        d.bullet = true;
    } else if (f == "none") {
        d.none = true;
    } else if (f == "lowerLetter") {
        d.style = ListStyle::LowerAlpha;
    } else if (f == "upperLetter") {
        d.style = ListStyle::UpperAlpha;
    } else if (f == "lowerRoman") {
        d.style = ListStyle::LowerRoman;
    } else if (f == "upperRoman") {
        d.style = ListStyle::UpperRoman;
    } else if (f.find("chinese") != std::string_view::npos || f.find("ideograph") != std::string_view::npos ||
               f.find("japanese") != std::string_view::npos || f.find("korean") != std::string_view::npos ||
               f.find("taiwanese") != std::string_view::npos || f == "decimalEnclosedCircleChinese" ||
               f == "aiueo" || f == "iroha" || f == "aiueoFullWidth" || f == "irohaFullWidth") {
        d.style = ListStyle::CJK;
    } else {
        d.style = ListStyle::Decimal;  // decimal, decimalZero, ordinal, ... (and unknown)
    }
    return d;
}

namespace {

std::pair<int, LevelDef> read_lvl(xml::Reader& r, const Namespaces& ns) {
    int ilvl = 0;
    if (auto v = to_int(r.attr(ns.w, "ilvl").value_or("0")); v && *v >= 0 && *v <= 8) ilvl = static_cast<int>(*v);
    LevelDef d;
    int start = 1;
    std::string fmt = "decimal";
    for_children(r, [&] {
        if (r.ns() == ns.w && r.local_name() == "start") {
            if (auto v = to_int(val(r, ns)); v && *v >= 0 && *v < 1000000) start = static_cast<int>(*v);
        } else if (r.ns() == ns.w && r.local_name() == "numFmt") {
            fmt = val(r, ns);
        }
        r.skip();
    });
    d = level_from_format(fmt);
    d.start = start;
    return {ilvl, d};
}

}  // namespace

void Numbering::parse(std::string_view xml_text, const Namespaces& ns, const Location& where) {
    xml::Reader r(xml_text, where);
    while (r.next()) {
        if (r.type() != xml::NodeType::StartElement || r.ns() != ns.w) continue;
        if (r.local_name() == "abstractNum") {
            std::string id = r.attr(ns.w, "abstractNumId").value_or("");
            std::map<int, LevelDef> levels;
            for_children(r, [&] {
                if (r.ns() == ns.w && r.local_name() == "lvl") levels.insert(read_lvl(r, ns));
                else r.skip();
            });
            abstracts_.emplace(std::move(id), std::move(levels));
        } else if (r.local_name() == "num") {
            std::string id = r.attr(ns.w, "numId").value_or("");
            Num num;
            for_children(r, [&] {
                if (r.ns() == ns.w && r.local_name() == "abstractNumId") {
                    num.abstract_id = val(r, ns);
                    r.skip();
                } else if (r.ns() == ns.w && r.local_name() == "lvlOverride") {
                    int ilvl = static_cast<int>(to_int(r.attr(ns.w, "ilvl").value_or("0")).value_or(0));
                    std::optional<int> start;
                    std::optional<LevelDef> lvl;
                    for_children(r, [&] {
                        if (r.ns() == ns.w && r.local_name() == "startOverride") {
                            if (auto v = to_int(val(r, ns)); v && *v >= 0 && *v < 1000000) start = static_cast<int>(*v);
                            r.skip();
                        } else if (r.ns() == ns.w && r.local_name() == "lvl") {
                            lvl = read_lvl(r, ns).second;
                        } else {
                            r.skip();
                        }
                    });
                    if (ilvl < 0 || ilvl > 8) return;
                    if (lvl) num.overrides[ilvl] = *lvl;
                    if (start) {
                        // start-only override: keep the format, filled in at lookup
                        LevelDef d = lvl ? *lvl : LevelDef{};
                        d.start = *start;
                        if (!lvl) d.none = true;  // marker: format comes from the abstract
                        num.overrides[ilvl] = d;
                        if (!lvl) num.start_only.insert(ilvl);
                    }
                } else {
                    r.skip();
                }
            });
            nums_.emplace(std::move(id), std::move(num));
        }
    }
}

const LevelDef* Numbering::level(std::string_view num_id, int ilvl) const {
    auto n = nums_.find(std::string(num_id));
    if (n == nums_.end()) return nullptr;
    const LevelDef* base = nullptr;
    if (auto a = abstracts_.find(n->second.abstract_id); a != abstracts_.end()) {
        if (auto l = a->second.find(ilvl); l != a->second.end()) base = &l->second;
    }
    if (auto o = n->second.overrides.find(ilvl); o != n->second.overrides.end()) {
        if (!n->second.start_only.count(ilvl)) return &o->second;
        if (!base) return nullptr;
        auto& merged = merged_[std::string(num_id) + "/" + std::to_string(ilvl)];
        merged = *base;
        merged.start = o->second.start;
        return &merged;
    }
    return base;
}

std::string Numbering::abstract_of(std::string_view num_id) const {
    auto n = nums_.find(std::string(num_id));
    return n == nums_.end() ? std::string() : n->second.abstract_id;
}

}  // namespace copydesk::docx::rd

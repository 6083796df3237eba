// DOCX reader: one streaming pass over a WordprocessingML part (document,
// footnotes, endnotes) turning paragraphs, runs, tables, fields, drawings and
// text boxes into AST items.
#include "docx/docx_reader_body.hpp"
#include "utf8.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "copydesk/walk.hpp"

namespace copydesk::docx::rd {

namespace {

void put_utf8(std::string& out, std::uint32_t cp) {
    if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return;  // not a character XML may hold
    utf8::append(out, static_cast<char32_t>(cp));
}

// Symbol-font letters are Greek.
std::uint32_t symbol_char(std::uint32_t c, std::string_view font) {
    if (c >= 0xF000 && c <= 0xF0FF) c -= 0xF000;
    if (font == "Symbol" && c < 0x80) {
        static const std::uint32_t greek_upper[26] = {0x391, 0x392, 0x3A7, 0x394, 0x395, 0x3A6, 0x393, 0x397, 0x399,
                                                      0x3D1, 0x39A, 0x39B, 0x39C, 0x39D, 0x39F, 0x3A0, 0x398, 0x3A1,
                                                      0x3A3, 0x3A4, 0x3A5, 0x3C2, 0x3A9, 0x39E, 0x3A8, 0x396};
        if (c >= 'A' && c <= 'Z') return greek_upper[c - 'A'];
        if (c >= 'a' && c <= 'z') {
            std::uint32_t u = greek_upper[c - 'a'];
            return u == 0x3D1 ? 0x3C6 : u == 0x3C2 ? 0x3D6 : u + 0x20;
        }
    }
    if (c < 0x20) return 0;
    return c;
}

// "5cm", "1.5in", "96px": picks the unit that states the EMU value exactly.
std::string emu_length(long long emu) {
    auto fmt = [](double v, const char* unit) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.4f", v);
        std::string s = buf;
        while (!s.empty() && s.back() == '0') s.pop_back();
        if (!s.empty() && s.back() == '.') s.pop_back();
        return s + unit;
    };
    if (emu % 3600 == 0) return fmt(static_cast<double>(emu) / 360000.0, "cm");
    if (emu % 9144 == 0) return fmt(static_cast<double>(emu) / 914400.0, "in");
    if (emu % 9525 == 0) return fmt(static_cast<double>(emu) / 9525.0, "px");
    if (emu % 12700 == 0) return fmt(static_cast<double>(emu) / 12700.0, "pt");
    return fmt(static_cast<double>(emu) / 360000.0, "cm");
}

// Splits a field instruction into words, honouring quotes.
std::vector<std::string> field_words(std::string_view s) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
        if (i >= s.size()) break;
        std::string w;
        if (s[i] == '"') {
            ++i;
            while (i < s.size() && s[i] != '"') w += s[i++];
            ++i;
        } else {
            while (i < s.size() && s[i] != ' ' && s[i] != '\t') w += s[i++];
        }
        out.push_back(std::move(w));
    }
    return out;
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

// Known markup-compatibility prefixes whose Choice we understand.
bool supported_requires(std::string_view req) {
    std::size_t i = 0;
    while (i < req.size()) {
        while (i < req.size() && req[i] == ' ') ++i;
        std::size_t j = i;
        while (j < req.size() && req[j] != ' ') ++j;
        std::string_view p = req.substr(i, j - i);
        if (!p.empty() && p != "wps" && p != "wpg" && p != "wpc" && p != "w14" && p != "w15" && p != "wp14" &&
            p != "v" && p != "o" && p != "w10" && p != "a14" && p != "w16se" && p != "wpi")
            return false;
        i = j;
    }
    return true;
}

}  // namespace

std::optional<std::string> field_link_target(std::string_view instr) {
    auto w = field_words(instr);
    if (w.empty() || !iequals(w[0], "HYPERLINK")) return std::nullopt;
    std::string url, anchor;
    for (std::size_t i = 1; i < w.size(); ++i) {
        if (w[i] == "\\l" && i + 1 < w.size()) {
            anchor = w[++i];
        } else if ((w[i] == "\\o" || w[i] == "\\t" || w[i] == "\\m") && i + 1 < w.size()) {
            ++i;
        } else if (!w[i].empty() && w[i][0] == '\\') {
            continue;
        } else if (url.empty()) {
            url = w[i];
        }
    }
    if (!anchor.empty()) url += "#" + anchor;
    return url;
}

PartReader::PartReader(Shared& s, xml::Reader& reader, std::string part, const Relationships& rels)
    : S(s), r(reader), part_(std::move(part)), rels_(rels), ns(s.ns) {}

// ---------------------------------------------------------------- blocks

void PartReader::blocks(std::vector<Item>& out) {
    for_children(r, [&] { block_child(out); });
}

void PartReader::block_child(std::vector<Item>& out) {
    if (r.ns() == ns.w) {
        auto n = r.local_name();
        if (n == "p") return paragraph(out);
        if (n == "tbl") {
            Item it;
            it.block = table();
            out.push_back(std::move(it));
            return;
        }
        if (n == "sdt") return sdt([&] { block_child(out); });
        if (n == "ins" || n == "moveTo") {
            ++S.insertions;
            return blocks(out);
        }
        if (n == "customXml" || n == "smartTag") return blocks(out);
        if (n == "del" || n == "moveFrom") {
            ++S.deletions;
            return r.skip();
        }
        if (n == "altChunk") {
            ++S.alt_chunks;
            return r.skip();
        }
        return r.skip();
    }
    if (r.ns() == kNsMc && r.local_name() == "AlternateContent") return alternate([&] { block_child(out); });
    r.skip();
}

template <class F>
void PartReader::sdt(F&& child) {
    for_children(r, [&] {
        if (r.ns() == ns.w && r.local_name() == "sdtContent") for_children(r, child);
        else r.skip();
    });
}

template <class F>
void PartReader::alternate(F&& child) {
    bool taken = false;
    for_children(r, [&] {
        if (r.ns() == kNsMc && !taken && r.local_name() == "Choice" &&
            supported_requires(r.attr("", "Requires").value_or(""))) {
            taken = true;
            for_children(r, child);
        } else if (r.ns() == kNsMc && !taken && r.local_name() == "Fallback") {
            taken = true;
            for_children(r, child);
        } else {
            r.skip();
        }
    });
}

void PartReader::paragraph(std::vector<Item>& out) {
    ParaState ps;
    if (!atom_pool_.empty()) {  // an atom list from an earlier paragraph: no allocation
        ps.atoms = std::move(atom_pool_.back());
        atom_pool_.pop_back();
    }
    ps.serial = ++S.paragraph_serial;
    ParaProps direct;
    std::string pstyle;
    bool have_ppr = false;
    // The style decides whether its run formatting applies (not for headings,
    // titles and quotes, whose look is implied by the block).
    auto prepare = [&] {
        if (have_ppr) return;
        have_ppr = true;
        if (pstyle.empty()) pstyle = std::string(S.styles.default_paragraph());
        const auto& rs = S.styles.resolved(pstyle);
        ps.kind = rs.kind;
        ps.heading_level = rs.level;
        ps.base = S.styles.default_run();
        if (ps.kind == StyleKind::None || ps.kind == StyleKind::ListParagraph) ps.base.merge_from(rs.rpr);
        ps.code = ps.kind == StyleKind::Code;
        cur_ = &ps;
    };
    ParaState* saved = cur_;
    for_children(r, [&] {
        if (r.ns() == ns.w && r.local_name() == "pPr" && !have_ppr) {
            direct = read_ppr(r, ns, &pstyle);
            prepare();
            return;
        }
        prepare();
        para_child(ps);
    });
    prepare();
    cur_ = saved;

    const auto& style = S.styles.resolved(pstyle);
    ParaProps eff = style.ppr;
    eff.merge_from(direct);
    StyleKind kind = ps.kind;
    int level = ps.heading_level;
    if (direct.outline_level && *direct.outline_level < 9 && kind != StyleKind::Title) {
        kind = StyleKind::Heading;
        level = *direct.outline_level + 1;
    }
    if (kind == StyleKind::Heading && (level < 1 || level > 9)) kind = StyleKind::None;

    Item item;
    item.kind = kind;
    if (kind == StyleKind::Caption) item.label = std::move(ps.label);
    else item.dateline = std::move(ps.dateline);
    Inlines content = build_inlines(ps.atoms);
    ps.atoms.clear();
    atom_pool_.push_back(std::move(ps.atoms));
    if (kind == StyleKind::Heading) {
        Heading h;
        h.level = level;
        h.content = std::move(content);
        for (const auto& b : ps.bookmarks) {
            if (!b.empty() && b[0] != '_') {
                h.attr.id = b;
                break;
            }
        }
        if (h.attr.id.empty() && !ps.bookmarks.empty()) h.attr.id = ps.bookmarks.front();
        item.block = std::move(h);
    } else if (kind == StyleKind::Code) {
        CodeBlock c;
        c.text = stringify(content);
        item.block = std::move(c);
    } else {
        Paragraph p;
        p.content = std::move(content);
        if (S.ours) {
            eff.ind_first_line_chars = direct.ind_first_line_chars;
            eff.ind_first_line = direct.ind_first_line;
            eff.align = direct.align;
        }
        if (eff.ind_first_line_chars && *eff.ind_first_line_chars > 0) {
            p.first_line_indent = Length{*eff.ind_first_line_chars / 100.0, LengthUnit::Em};
        } else if (eff.ind_first_line && *eff.ind_first_line > 0 &&
                   !(eff.ind_first_line_chars && *eff.ind_first_line_chars == 0 && direct.ind_first_line_chars)) {
            p.first_line_indent = Length{*eff.ind_first_line / 20.0, LengthUnit::Pt};
        }
        if (eff.align) p.align = *eff.align;
        item.block = std::move(p);
        // Numbering applies to body paragraphs (numbered headings stay headings).
        if (eff.num && !eff.num->num_id.empty() && eff.num->num_id != "0") {
            if (const LevelDef* ld = S.numbering.level(eff.num->num_id, eff.num->ilvl); ld && !ld->none) {
                item.num = eff.num;
                item.level = ld;
                // Lists sharing an abstract definition run on (Word users restart
                // numbering with a new num over the same abstract).
                item.list_key = S.numbering.abstract_of(eff.num->num_id);
                if (item.list_key.empty()) item.list_key = eff.num->num_id;
                auto& counters = S.counters[eff.num->num_id];
                const int il = eff.num->ilvl;
                counters[static_cast<std::size_t>(il)] =
                    counters[static_cast<std::size_t>(il)] == 0 ? ld->start : counters[static_cast<std::size_t>(il)] + 1;
                for (std::size_t k = static_cast<std::size_t>(il) + 1; k < counters.size(); ++k) counters[k] = 0;
                item.number = counters[static_cast<std::size_t>(il)];
            }
        }
        if (!item.num && kind == StyleKind::ListParagraph) {
            const int left = direct.ind_left.value_or(0);
            item.cont_level = left >= 1440 ? std::min(8, left / 720 - 1) : 0;
        }
        // A quote: a quote style, or a plain paragraph indented from the left
        // (a first-line indent alone never makes a quote).
        if (!eff.num && !in_table_ && kind != StyleKind::ListParagraph && !style.list_style) {
            int left = direct.ind_left.value_or(0) - direct.ind_hanging.value_or(0);
            item.quote = kind == StyleKind::Quote || (kind == StyleKind::None && left > 0);
        }
    }
    // An empty body paragraph with only a bottom border is how Word (and our
    // writer) draws a horizontal rule.
    if (kind == StyleKind::None && direct.border_bottom && !item.num && item.block.is<Paragraph>() &&
        item.block.as<Paragraph>().content.empty()) {
        item.block = HorizontalRule{};
        item.quote = false;
    }
    const bool empty = item.block.is<Paragraph>() ? item.block.as<Paragraph>().content.empty()
                       : item.block.is<Heading>() ? item.block.as<Heading>().content.empty()
                                                  : false;
    if (!empty || item.num) out.push_back(std::move(item));
    for (auto& b : ps.after) {
        Item t;
        t.block = std::move(b);
        out.push_back(std::move(t));
    }
}

Block PartReader::table() {
    Table t;
    std::vector<double> grid;
    struct Origin {
        std::size_t row, cell;
        bool active = false;
    };
    std::vector<Origin> vmerge;
    std::vector<TableRow> rows;
    std::size_t head_rows = 0;
    bool head_open = true;
    const bool saved_in_table = in_table_;
    in_table_ = true;

    std::function<void()> row_child;
    auto read_row = [&] {
        TableRow row;
        bool header = false;
        std::size_t col = 0;
        const std::size_t row_index = rows.size();
        std::function<void()> cell_child = [&] {
            if (r.ns() == ns.w && r.local_name() == "trPr") {
                for_children(r, [&] {
                    if (r.ns() == ns.w && r.local_name() == "tblHeader") header = on_off(r.attr(ns.w, "val"));
                    else if (r.ns() == ns.w && r.local_name() == "gridBefore")
                        col += static_cast<std::size_t>(std::clamp<long long>(to_int(r.attr(ns.w, "val").value_or("0")).value_or(0), 0, 1000));
                    r.skip();
                });
                return;
            }
            if (r.ns() == ns.w && r.local_name() == "tc") {
                TableCell cell;
                int span = 1;
                int vm = 0;  // 0 none, 1 restart, 2 continue
                std::vector<Item> items;
                for_children(r, [&] {
                    if (r.ns() == ns.w && r.local_name() == "tcPr") {
                        for_children(r, [&] {
                            if (r.ns() == ns.w && r.local_name() == "gridSpan") {
                                span = static_cast<int>(std::clamp<long long>(to_int(r.attr(ns.w, "val").value_or("1")).value_or(1), 1, 1000));
                            } else if (r.ns() == ns.w && r.local_name() == "vMerge") {
                                auto v = r.attr(ns.w, "val");
                                vm = v && *v == "restart" ? 1 : 2;
                            }
                            r.skip();
                        });
                        return;
                    }
                    block_child(items);
                });
                const std::size_t uspan = static_cast<std::size_t>(span);
                if (vmerge.size() < col + uspan) vmerge.resize(col + uspan);
                if (vm == 2 && vmerge[col].active) {
                    auto& o = vmerge[col];
                    TableRow& orow = o.row == row_index ? row : rows[o.row];
                    if (o.cell < orow.cells.size()) ++orow.cells[o.cell].rowspan;
                    col += uspan;
                    return;
                }
                cell.colspan = span;
                cell.content = assemble(items);
                // One alignment on every paragraph is the cell's.
                std::optional<Alignment> align;
                bool uniform = true;
                for (const auto& b : cell.content) {
                    if (!b.is<Paragraph>()) {
                        uniform = false;
                        break;
                    }
                    Alignment a = b.as<Paragraph>().align;
                    if (align && *align != a) uniform = false;
                    align = a;
                }
                if (uniform && align && *align != Alignment::Default) {
                    cell.align = *align;
                    for (auto& b : cell.content) b.as<Paragraph>().align = Alignment::Default;
                }
                for (std::size_t k = col; k < col + uspan; ++k) vmerge[k] = Origin{row_index, row.cells.size(), vm != 0};
                row.cells.push_back(std::move(cell));
                col += uspan;
                return;
            }
            if (r.ns() == ns.w && (r.local_name() == "sdt")) return sdt(cell_child);
            if (r.ns() == ns.w && (r.local_name() == "customXml" || r.local_name() == "ins")) return for_children(r, cell_child);
            if (r.ns() == kNsMc && r.local_name() == "AlternateContent") return alternate(cell_child);
            r.skip();
        };
        for_children(r, cell_child);
        if (row.cells.empty()) return;
        if (head_open && header) ++head_rows;
        else head_open = false;
        rows.push_back(std::move(row));
    };
    row_child = [&] {
        if (r.ns() == ns.w && r.local_name() == "tr") return read_row();
        if (r.ns() == ns.w && r.local_name() == "tblGrid") {
            for_children(r, [&] {
                if (r.ns() == ns.w && r.local_name() == "gridCol")
                    grid.push_back(static_cast<double>(std::max(0, twips(r.attr(ns.w, "w").value_or("0")).value_or(0))));
                r.skip();
            });
            return;
        }
        if (r.ns() == ns.w && r.local_name() == "tblPr") {
            for_children(r, [&] {
                if (r.ns() == ns.w && r.local_name() == "tblCaption") {
                    auto v = r.attr(ns.w, "val");
                    if (v && !v->empty()) t.caption.push_back(Paragraph{{Text{*v}}, std::nullopt, Alignment::Default});
                }
                r.skip();
            });
            return;
        }
        if (r.ns() == ns.w && r.local_name() == "sdt") return sdt(row_child);
        if (r.ns() == ns.w && (r.local_name() == "customXml" || r.local_name() == "ins")) return for_children(r, row_child);
        if (r.ns() == kNsMc && r.local_name() == "AlternateContent") return alternate(row_child);
        r.skip();
    };
    for_children(r, row_child);
    in_table_ = saved_in_table;

    double total = 0;
    for (double g : grid) total += g;
    if (total > 0 && grid.size() < 1000)
        for (double g : grid) t.col_widths.push_back(std::round(g / total * 10000.0) / 10000.0);
    for (std::size_t i = 0; i < rows.size(); ++i) (i < head_rows ? t.head : t.body).push_back(std::move(rows[i]));
    return t;
}

// --------------------------------------------------------------- inlines

bool PartReader::suppressed() const {
    for (const auto& f : fields_)
        if (!f.in_result) return true;
    return false;
}

void PartReader::add_text(ParaState& ps, std::string_view text, std::uint8_t flags, bool code) {
    if (text.empty() || suppressed()) return;
    ++ps.added;
    if (code) {
        if (!ps.atoms.empty() && ps.atoms.back().flags == flags && ps.atoms.back().node.is<Code>()) {
            ps.atoms.back().node.as<Code>().text += text;
        } else {
            ps.atoms.push_back({Code{{}, std::string(text)}, flags});
        }
        return;
    }
    if (!ps.atoms.empty() && ps.atoms.back().flags == flags && ps.atoms.back().node.is<Text>()) {
        ps.atoms.back().node.as<Text>().text += text;
    } else {
        ps.atoms.push_back({Text{std::string(text)}, flags});
    }
}

void PartReader::add_atom(ParaState& ps, Inline node, std::uint8_t flags) {
    if (suppressed()) return;
    ++ps.added;
    ps.atoms.push_back({std::move(node), flags});
}

void PartReader::para_child(ParaState& ps) {
    if (r.ns() == ns.w) {
        auto n = r.local_name();
        if (n == "r") return run(ps);
        if (n == "hyperlink") {
            std::string target;
            if (auto id = r.attr(ns.r, "id"); id && !id->empty()) {
                if (auto it = rels_.find(*id); it != rels_.end()) target = it->second.target;
            }
            if (auto a = r.attr(ns.w, "anchor"); a && !a->empty()) {
                target += "#" + *a;
                S.anchor_targets.insert(*a);
            }
            auto saved = std::move(ps.atoms);
            ps.atoms.clear();
            for_children(r, [&] { para_child(ps); });
            Inlines content = build_inlines(ps.atoms);
            ps.atoms = std::move(saved);
            if (target.empty()) {
                for (auto& x : content) add_atom(ps, std::move(x), 0);
            } else if (!content.empty()) {
                add_atom(ps, Link{{}, std::move(content), std::move(target), {}}, 0);
            }
            return;
        }
        if (n == "fldSimple") {
            auto target = field_link_target(r.attr(ns.w, "instr").value_or(""));
            if (!target) return for_children(r, [&] { para_child(ps); });
            auto saved = std::move(ps.atoms);
            ps.atoms.clear();
            for_children(r, [&] { para_child(ps); });
            Inlines content = build_inlines(ps.atoms);
            ps.atoms = std::move(saved);
            if (!content.empty()) add_atom(ps, Link{{}, std::move(content), *target, {}}, 0);
            return;
        }
        if (n == "ins" || n == "moveTo") {
            ++S.insertions;
            return for_children(r, [&] { para_child(ps); });
        }
        if (n == "del" || n == "moveFrom") {
            ++S.deletions;
            return r.skip();
        }
        if (n == "sdt") return sdt([&] { para_child(ps); });
        if (n == "smartTag" || n == "customXml" || n == "dir" || n == "bdo")
            return for_children(r, [&] { para_child(ps); });
        if (n == "bookmarkStart") {
            auto name = r.attr(ns.w, "name");
            if (name && !name->empty() && *name != "_GoBack") {
                ps.bookmarks.push_back(*name);
                add_atom(ps, Span{Attr{*name, {"anchor"}, {}}, {}}, 0);  // dropped later unless linked to
                ++S.anchors;
            }
            return r.skip();
        }
        return r.skip();
    }
    if (r.ns() == ns.m && (r.local_name() == "oMath" || r.local_name() == "oMathPara")) {
        const bool display = r.local_name() == "oMathPara";
        std::string text = r.read_text();
        ++S.math;
        add_atom(ps, Math{MathNotation::TeX, display, std::move(text)}, 0);
        return;
    }
    if (r.ns() == kNsMc && r.local_name() == "AlternateContent") return alternate([&] { para_child(ps); });
    r.skip();
}

std::uint8_t PartReader::flags_of(const RunProps& p) {
    std::uint8_t f = 0;
    if (p.bold.value_or(false)) f |= kStrong;
    if (p.italic.value_or(false)) f |= kEmph;
    if (p.underline.value_or(false)) f |= kUnderline;
    if (p.strike.value_or(false)) f |= kStrike;
    if (p.small_caps.value_or(false)) f |= kSmallCaps;
    if (p.vert.value_or(0) == 1) f |= kSuper;
    if (p.vert.value_or(0) == 2) f |= kSub;
    return f;
}

void PartReader::run(ParaState& ps) {
    RunProps rp = ps.base;
    std::uint8_t flags = flags_of(rp);
    bool code = ps.code;
    bool label = false, dateline = false;
    const std::size_t added_before = ps.added;
    for_children(r, [&] {
        if (r.ns() == ns.w) {
            auto n = r.local_name();
            if (n == "rPr") {
                std::string rstyle;
                RunProps direct = read_rpr(r, ns, &rstyle);
                label = !rstyle.empty() && S.styles.is_caption_label(rstyle);
                dateline = !rstyle.empty() && S.styles.is_dateline(rstyle);
                // A link's look (blue, underlined) is not emphasis.
                if (!rstyle.empty()) {
                    const auto& cs = S.styles.resolved(rstyle);
                    if (!cs.link_char) rp.merge_from(cs.rpr);
                    if (cs.code_char) code = true;
                }
                rp.merge_from(direct);
                flags = flags_of(rp);
                return;
            }
            if (n == "t") {
                // Text straight from the parser's buffer (no intermediate string).
                const int d = r.depth();
                while (r.next()) {
                    if (r.type() == xml::NodeType::Text) {
                        if ((label || dateline) && ps.label_open && !suppressed())
                            (label ? ps.label : ps.dateline) += r.text();
                        add_text(ps, r.text(), flags, code);
                    }
                    else if (r.type() == xml::NodeType::EndElement && r.depth() <= d) break;
                    else if (r.type() == xml::NodeType::StartElement) r.skip();
                }
                return;
            }
            if (n == "tab" || n == "ptab") {
                add_text(ps, "\t", flags, code);
                return r.skip();
            }
            if (n == "br" || n == "cr") {
                auto type = r.attr(ns.w, "type");
                if (!type || *type == "textWrapping") add_atom(ps, LineBreak{}, flags);
                return r.skip();
            }
            if (n == "sym") {
                auto c = r.attr(ns.w, "char").value_or("");
                std::uint32_t cp = 0;
                for (char ch : c) {
                    int h = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
                    if (h < 0 || cp > 0xFFFFF) { cp = 0; break; }
                    cp = cp * 16 + static_cast<std::uint32_t>(h);
                }
                std::string s;
                put_utf8(s, symbol_char(cp, r.attr(ns.w, "font").value_or("")));
                add_text(ps, s, flags, code);
                return r.skip();
            }
            if (n == "noBreakHyphen") {
                add_text(ps, "\u2011", flags, code);
                return r.skip();
            }
            if (n == "softHyphen") {
                add_text(ps, "\u00AD", flags, code);
                return r.skip();
            }
            if (n == "fldChar") {
                auto type = r.attr(ns.w, "fldCharType").value_or("");
                if (type == "begin") {
                    if (fields_.size() < 64) fields_.push_back(Field{});
                    else ++S.deep_fields;
                } else if (type == "separate" && !fields_.empty()) {
                    Field& f = fields_.back();
                    f.in_result = true;
                    if (auto t = field_link_target(f.instr)) {
                        f.link = *t;
                        f.is_link = true;
                        f.para = ps.serial;
                        f.atom_start = ps.atoms.size();
                        if (f.link.size() > 1 && f.link[0] == '#') S.anchor_targets.insert(f.link.substr(1));
                    }
                } else if (type == "end" && !fields_.empty()) {
                    Field f = std::move(fields_.back());
                    fields_.pop_back();
                    if (f.is_link && f.para == ps.serial && f.atom_start <= ps.atoms.size()) {
                        std::vector<Atom> inner(std::make_move_iterator(ps.atoms.begin() + static_cast<std::ptrdiff_t>(f.atom_start)),
                                                std::make_move_iterator(ps.atoms.end()));
                        ps.atoms.resize(f.atom_start);
                        Inlines content = build_inlines(inner);
                        if (!content.empty()) add_atom(ps, Link{{}, std::move(content), f.link, {}}, 0);
                    }
                }
                return r.skip();
            }
            if (n == "instrText") {
                std::string text = r.read_text();
                if (!fields_.empty() && !fields_.back().in_result && fields_.back().instr.size() < 4096)
                    fields_.back().instr += text;
                return;
            }
            if (n == "footnoteReference" || n == "endnoteReference") {
                const bool endnote = n == "endnoteReference";
                auto id = r.attr(ns.w, "id").value_or("");
                auto& map = endnote ? S.endnotes : S.footnotes;
                Note note;
                if (endnote) note.attr.classes.push_back("endnote");
                if (auto it = map.find(id); it != map.end()) note.content = it->second;
                else ++S.missing_notes;
                add_atom(ps, std::move(note), 0);  // notes carry no emphasis (canonical form)
                return r.skip();
            }
            if (n == "drawing") return drawing(ps, flags);
            if (n == "pict" || n == "object") {
                if (n == "object") ++S.objects;
                return vml(ps, flags);
            }
            if (n == "ruby") {
                for_children(r, [&] {
                    if (r.ns() == ns.w && r.local_name() == "rubyBase") for_children(r, [&] { para_child(ps); });
                    else r.skip();
                });
                return;
            }
            if (n == "delText" || n == "delInstrText") {
                return r.skip();
            }
            return r.skip();
        }
        if (r.ns() == kNsMc && r.local_name() == "AlternateContent") {
            // Run-level alternates hold drawings or symbols: treat the branch as run content.
            return alternate([&] {
                if (r.ns() == ns.w && r.local_name() == "drawing") return drawing(ps, flags);
                if (r.ns() == ns.w && (r.local_name() == "pict" || r.local_name() == "object")) return vml(ps, flags);
                if (r.ns() == ns.w && r.local_name() == "sym") {
                    std::string s;
                    auto c = r.attr(ns.w, "char").value_or("");
                    std::uint32_t cp = static_cast<std::uint32_t>(std::strtoul(c.c_str(), nullptr, 16));
                    put_utf8(s, symbol_char(cp, r.attr(ns.w, "font").value_or("")));
                    add_text(ps, s, flags, code);
                }
                r.skip();
            });
        }
        r.skip();
    });
    if (!label && !dateline && ps.added != added_before) ps.label_open = false;
}

// ---------------------------------------------------------------- drawings

void PartReader::textbox(ParaState& ps) {
    std::vector<Item> items;
    blocks(items);
    Div d;
    d.attr.classes.push_back("textbox");
    d.content = assemble(items);
    ++S.textboxes;
    if (!d.content.empty()) ps.after.push_back(std::move(d));
}

void PartReader::add_image(ParaState& ps, std::uint8_t flags, const std::string& rid, bool link,
                           const std::string& width, const std::string& height, const std::string& alt,
                           const std::string& title) {
    auto it = rels_.find(rid);
    if (it == rels_.end()) {
        ++S.missing_images;
        return;
    }
    Image img;
    if (!width.empty()) img.attr.set("width", width);
    if (!height.empty()) img.attr.set("height", height);
    if (!alt.empty()) img.alt.push_back(Text{alt});
    img.title = title;
    if (it->second.external || link) {
        img.target = it->second.target;
        ++S.external_images;
    } else {
        img.target = S.resource_for(it->second.target);
        if (img.target.empty()) return;
    }
    add_atom(ps, std::move(img), flags);
}

void PartReader::drawing(ParaState& ps, std::uint8_t flags) {
    long long cx = -1, cy = -1;
    std::string alt, title;
    std::function<void()> walk = [&] {
        if (r.ns() == ns.wp && r.local_name() == "extent") {
            cx = to_int(r.attr("", "cx").value_or("")).value_or(-1);
            cy = to_int(r.attr("", "cy").value_or("")).value_or(-1);
            return r.skip();
        }
        if (r.ns() == ns.wp && r.local_name() == "docPr") {
            alt = r.attr("", "descr").value_or("");
            title = r.attr("", "title").value_or("");
            return r.skip();
        }
        if (r.ns() == ns.a && r.local_name() == "blip") {
            auto embed = r.attr(ns.r, "embed");
            auto link = r.attr(ns.r, "link");
            std::string w = cx > 0 ? emu_length(cx) : std::string();
            std::string h = cy > 0 ? emu_length(cy) : std::string();
            if (embed && !embed->empty()) add_image(ps, flags, *embed, false, w, h, alt, title);
            else if (link && !link->empty()) add_image(ps, flags, *link, true, w, h, alt, title);
            return r.skip();
        }
        if (r.ns() == ns.w && r.local_name() == "txbxContent") return textbox(ps);
        if (r.local_name() == "chart" || r.local_name() == "relIds") {
            ++S.charts;
            return r.skip();
        }
        for_children(r, walk);
    };
    for_children(r, walk);
}

void PartReader::vml(ParaState& ps, std::uint8_t flags) {
    std::string width, height;
    std::function<void()> walk = [&] {
        if (r.ns() == kNsVml && (r.local_name() == "shape" || r.local_name() == "rect" || r.local_name() == "roundrect")) {
            // style="width:120pt;height:80pt"
            std::string style = r.attr("", "style").value_or("");
            auto get = [&](std::string_view key) -> std::string {
                auto p = style.find(std::string(key) + ":");
                if (p == std::string::npos || (p > 0 && style[p - 1] != ';' && style[p - 1] != ' ')) return {};
                p += key.size() + 1;
                auto e = style.find(';', p);
                std::string v = style.substr(p, e == std::string::npos ? std::string::npos : e - p);
                return v;
            };
            width = get("width");
            height = get("height");
            return for_children(r, walk);
        }
        if (r.ns() == kNsVml && r.local_name() == "imagedata") {
            auto id = r.attr(ns.r, "id");
            if (!id) id = r.attr(ns.r, "href");
            std::string title = r.attr(kNsOffice, "title").value_or("");
            if (id && !id->empty()) add_image(ps, flags, *id, false, width, height, title, "");
            return r.skip();
        }
        if (r.ns() == ns.w && r.local_name() == "txbxContent") return textbox(ps);
        for_children(r, walk);
    };
    for_children(r, walk);
}

std::string Shared::resource_for(const std::string& part) {
    if (auto it = media.find(part); it != media.end()) return it->second;
    const zip::Entry* e = zip->find(part);
    if (!e) {
        ++missing_images;
        media.emplace(part, std::string());
        return {};
    }
    std::string data;
    try {
        data = zip->read(*e);
    } catch (const ParseError&) {
        ++missing_images;
        media.emplace(part, std::string());
        return {};
    }
    std::string name = part;
    if (!main_dir.empty() && name.compare(0, main_dir.size(), main_dir) == 0) name = name.substr(main_dir.size());
    doc->resources.push_back(Resource{name, content_types.mime_for(part), std::move(data)});
    media.emplace(part, name);
    return name;
}

}  // namespace copydesk::docx::rd

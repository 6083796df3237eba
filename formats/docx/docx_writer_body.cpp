// word/document.xml: the article head, blocks and inlines, written in one
// pass straight into the part's buffer. Footnotes and endnotes go into buffers
// of their own that become word/footnotes.xml and word/endnotes.xml.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <set>

#include "common/article/dateline.hpp"
#include "common/uri.hpp"
#include "copydesk/walk.hpp"
#include "docx/docx_writer.hpp"
#include "docx/ooxml.hpp"

namespace copydesk::docx::writer {

namespace o = ooxml;
namespace st = ooxml::style;

namespace {

constexpr std::string_view kHeadingStyles[] = {"Heading1", "Heading2", "Heading3", "Heading4", "Heading5",
                                               "Heading6", "Heading7", "Heading8", "Heading9"};

std::string_view jc_value(Alignment a) {
    switch (a) {
        case Alignment::Left: return "left";
        case Alignment::Center: return "center";
        case Alignment::Right: return "right";
        case Alignment::Justify: return "both";
        case Alignment::Default: break;
    }
    return {};
}

std::string safe_media_name(std::string_view name) {
    auto slash = name.find_last_of("/\\");
    if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
    std::string out;
    for (char c : name) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                  c == '_' || c == '.';
        if (!ok) return {};
    }
    out = name;
    if (out.empty() || out.front() == '.' || out.find('.') == std::string::npos) return {};
    return out;
}

std::string_view extension_for_mime(std::string_view mime) {
    if (mime == "image/png") return "png";
    if (mime == "image/jpeg") return "jpeg";
    if (mime == "image/gif") return "gif";
    if (mime == "image/bmp") return "bmp";
    if (mime == "image/tiff") return "tiff";
    if (mime == "image/svg+xml") return "svg";
    return "bin";
}

}  // namespace

BodyWriter::BodyWriter(xml::Writer& out, Package& pkg, const Settings& settings, const Document& doc,
                       DiagnosticSink& diags, Diagnostics* xml_diags)
    : out_(&out), notes_(xml_diags, "word/footnotes.xml"), endnotes_(xml_diags, "word/endnotes.xml"), pkg_(pkg),
      s_(settings), doc_(doc), diags_(diags),
      para_style_(st::body_text) {}

void BodyWriter::warn(std::string code, std::string message) {
    const char* part = !in_note_ ? "word/document.xml" : in_endnote_ ? "word/endnotes.xml" : "word/footnotes.xml";
    diags_.warn(std::move(code), std::move(message), {"", part});
}

// ------------------------------------------------------------ document
void BodyWriter::document(const Document& d) {
    xml::Writer& w = *out_;
    w.declaration();
    w.start("w:document")
        .attr("xmlns:w", o::ns::w)
        .attr("xmlns:r", o::ns::r)
        .attr("xmlns:wp", o::ns::wp)
        .attr("xmlns:m", o::ns::m);
    w.start("w:body");
    head(d.metadata);
    dateline_ = article::dateline_text(d.metadata, s_.script);
    if (!dateline_.empty() && (d.blocks.empty() || !d.blocks.front().is<Paragraph>())) {
        para_start(st::body_text);
        dateline(false);
        para_end();
    }
    blocks(d.blocks);
    if (d.metadata.byline_placement == BylinePlacement::End) byline(d.metadata);
    references(d.references);
    if (!pending_bookmarks_.empty()) {  // ids on empty containers at the very end
        para_start(st::normal);
        para_end();
    }
    section_properties();
    w.end().end();
    pkg_.footnotes = notes_.take();
    pkg_.endnotes = endnotes_.take();
    if (attr_dropped_ > 0)
        diags_.info("docx.attr-dropped",
                    std::to_string(attr_dropped_) +
                        " Div/Span classes or attributes were not written (DOCX has no place for them); "
                        "their content and ids were kept",
                    {"", "word/document.xml"});
}

void BodyWriter::head(const Metadata& m) {
    if (!m.title.empty()) text_paragraph(st::title, m.title);
    if (!m.subtitle.empty()) text_paragraph(st::subtitle, m.subtitle);
    const std::string line = article::metadata_line(m, s_.script);
    if (!line.empty()) text_paragraph(st::article_meta, line);
    if (m.byline_placement == BylinePlacement::Start) byline(m);  // those not shown in the dateline
    if (!m.abstract.empty()) {
        auto saved = para_style_;
        para_style_ = st::abstract;
        blocks(m.abstract);
        para_style_ = saved;
    }
}

void BodyWriter::byline(const Metadata& m) {
    const std::string line = article::byline(m, s_.script);
    if (!line.empty()) text_paragraph(st::byline, line);
}

void BodyWriter::references(const std::vector<Reference>& refs) {
    if (refs.empty()) return;
    diags_.info("docx.references-as-text",
                "references were written as Bibliography paragraphs; their structured fields were not kept",
                {"", "word/document.xml"});
    for (const auto& r : refs) {
        if (!r.id.empty()) pending_bookmarks_.push_back(r.id);
        std::string text = r.text;
        if (text.empty()) {
            for (const auto& a : r.authors) text += (text.empty() ? "" : ", ") + a;
            for (const std::string* part : {&r.title, &r.container, &r.publisher, &r.year, &r.doi, &r.url})
                if (!part->empty()) text += (text.empty() ? "" : ". ") + *part;
        }
        text_paragraph(st::bibliography, text);
    }
}

void BodyWriter::section_properties() {
    xml::Writer& w = *out_;
    w.start("w:sectPr");
    w.start("w:pgSz").attr("w:w", std::to_string(s_.page_width)).attr("w:h", std::to_string(s_.page_height)).end();
    std::string tb = std::to_string(s_.margin_top_bottom), lr = std::to_string(s_.margin_left_right);
    w.start("w:pgMar")
        .attr("w:top", tb)
        .attr("w:right", lr)
        .attr("w:bottom", tb)
        .attr("w:left", lr)
        .attr("w:header", "851")
        .attr("w:footer", "992")
        .attr("w:gutter", "0")
        .end();
    w.start("w:cols").attr("w:space", "425").end();
    w.end();
}

// ------------------------------------------------------------ paragraphs
void BodyWriter::para_start(std::string_view style, const Paragraph* p, bool rule) {
    xml::Writer& w = *out_;
    bool marker = list_marker_pending_;
    list_marker_pending_ = false;
    bool continuation = list_num_ > 0 && !marker;
    Alignment align = p && p->align != Alignment::Default ? p->align : align_override_;
    const std::optional<Length>* indent = p && p->first_line_indent ? &p->first_line_indent : nullptr;
    bool left = continuation && list_level_ > 0;

    w.start("w:p");
    if (!(style.empty() || style == st::normal) || marker || rule || indent || left || align != Alignment::Default) {
        w.start("w:pPr");
        if (!style.empty() && style != st::normal) w.start("w:pStyle").attr("w:val", style).end();
        if (marker) {
            w.start("w:numPr");
            w.start("w:ilvl").attr("w:val", std::to_string(list_level_)).end();
            w.start("w:numId").attr("w:val", std::to_string(list_num_)).end();
            w.end();
        }
        if (rule) {
            w.start("w:pBdr");
            w.start("w:bottom").attr("w:val", "single").attr("w:sz", "6").attr("w:space", "1").attr("w:color", "auto").end();
            w.end();
        }
        if (indent || left) {
            w.start("w:ind");
            if (left) w.attr("w:left", std::to_string(720 * (list_level_ + 1)));
            if (indent) {
                const Length& len = **indent;
                double v = len.value;
                bool hanging = v < 0;
                if (hanging) v = -v;
                if (len.unit == LengthUnit::Em) {
                    w.attr(hanging ? "w:hanging" : "w:firstLine", std::to_string(std::lround(v * s_.char_width())));
                    w.attr(hanging ? "w:hangingChars" : "w:firstLineChars", std::to_string(std::lround(v * 100)));
                } else {
                    w.attr(hanging ? "w:hanging" : "w:firstLine", std::to_string(std::lround(v * 20)));
                }
            }
            w.end();
        }
        if (align != Alignment::Default) w.start("w:jc").attr("w:val", jc_value(align)).end();
        w.end();
    }
    flush_bookmarks();
    if (note_ref_pending_) {
        note_ref_pending_ = false;
        w.start("w:r").start("w:rPr");
        w.start("w:rStyle").attr("w:val", in_endnote_ ? st::endnote_reference : st::footnote_reference).end().end();
        w.start(in_endnote_ ? "w:endnoteRef" : "w:footnoteRef").end().end();
        w.start("w:r").start("w:t").attr("xml:space", "preserve").text(" ").end().end();
    }
}

void BodyWriter::para_end() {
    out_->end();
    ++paras_written_;
    last_block_table_ = false;
}

void BodyWriter::flush_bookmarks() {
    for (const auto& name : pending_bookmarks_) {
        bookmark_start(name);
        bookmark_end();
    }
    pending_bookmarks_.clear();
}

void BodyWriter::bookmark_start(const std::string& name) {
    out_->start("w:bookmarkStart").attr("w:id", std::to_string(next_bookmark_)).attr("w:name", name).end();
    bookmark_stack_.push_back(next_bookmark_++);
}

void BodyWriter::bookmark_end() {
    out_->start("w:bookmarkEnd").attr("w:id", std::to_string(bookmark_stack_.back())).end();
    bookmark_stack_.pop_back();
}

void BodyWriter::flush_list_marker() {
    if (!list_marker_pending_) return;
    para_start(st::list_paragraph);
    para_end();
}

void BodyWriter::styled_paragraph(std::string_view style, const Inlines& content) {
    para_start(style);
    inlines(content, Run{});
    para_end();
}

void BodyWriter::text_paragraph(std::string_view style, std::string_view text) {
    para_start(style);
    text_run(text, Run{});
    para_end();
}

// ---------------------------------------------------------------- blocks
void BodyWriter::blocks(const Blocks& bs) {
    for (const auto& b : bs) block(b);
}

void BodyWriter::block(const Block& b) {
    b.visit(
        [this](const auto& n) {
            using T = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<T, Paragraph>) paragraph(n);
            else if constexpr (std::is_same_v<T, Heading>) heading(n);
            else if constexpr (std::is_same_v<T, BlockQuote>) block_quote(n);
            else if constexpr (std::is_same_v<T, BulletList>) bullet_list(n);
            else if constexpr (std::is_same_v<T, OrderedList>) ordered_list(n);
            else if constexpr (std::is_same_v<T, Table>) table(n);
            else if constexpr (std::is_same_v<T, Figure>) figure(n);
            else if constexpr (std::is_same_v<T, CodeBlock>) code_block(n);
            else if constexpr (std::is_same_v<T, HorizontalRule>) horizontal_rule();
            else if constexpr (std::is_same_v<T, RawBlock>) raw_block(n);
            else if constexpr (std::is_same_v<T, Div>) div(n);
        });
}

void BodyWriter::paragraph(const Paragraph& p) {
    para_start(para_style_, &p);
    if (!dateline_.empty()) dateline();
    inlines(p.content, Run{});
    para_end();
}

void BodyWriter::dateline(bool lede) {
    text_run(dateline_, Run{0, st::dateline});
    if (lede) text_run(article::dateline_separator(doc_.metadata, s_.script), Run{});
    dateline_.clear();
}

void BodyWriter::heading(const Heading& h) {
    int level = h.level;
    if (level < 1 || level > 9) {
        warn("docx.heading-level", "heading level " + std::to_string(level) + " written as level " +
                                       std::to_string(std::clamp(level, 1, 9)));
        level = std::clamp(level, 1, 9);
    }
    if (!h.attr.id.empty()) pending_bookmarks_.push_back(h.attr.id);
    para_start(kHeadingStyles[level - 1]);
    inlines(h.content, Run{});
    para_end();
}

void BodyWriter::block_quote(const BlockQuote& q) {
    auto saved = para_style_;
    para_style_ = st::quote;
    if (++quote_depth_ == 2)
        warn("docx.nested-quote", "a block quote inside a block quote was written as one level of Quote");
    blocks(q.content);
    --quote_depth_;
    para_style_ = saved;
}

void BodyWriter::code_block(const CodeBlock& c) {
    std::string_view text = c.text;
    if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
    para_start(st::source_code);
    text_run(text, Run{});
    para_end();
}

void BodyWriter::horizontal_rule() {
    para_start(st::normal, nullptr, true);
    para_end();
}

void BodyWriter::raw_block(const RawBlock& r) {
    if (r.format == "openxml" || r.format == "docx" || r.format == "ooxml") {
        flush_list_marker();
        out_->raw(r.text);
        last_block_table_ = true;  // unknown content: a cell must still end with a paragraph
        return;
    }
    warn("docx.raw-dropped", "raw " + r.format + " block dropped (DOCX takes only raw openxml)");
}

void BodyWriter::div(const Div& d) {
    if (!d.attr.id.empty()) pending_bookmarks_.push_back(d.attr.id);
    if (!d.attr.classes.empty() || !d.attr.attributes.empty()) ++attr_dropped_;
    blocks(d.content);
}

// ----------------------------------------------------------------- lists
void BodyWriter::bullet_list(const BulletList& l) {
    list(false, ListStyle::Default, 1, l.items);
}

void BodyWriter::ordered_list(const OrderedList& l) {
    list(true, l.style, l.start, l.items);
}

void BodyWriter::list(bool ordered, ListStyle style, int start, const std::vector<Blocks>& items) {
    flush_list_marker();
    int level = list_depth_;
    if (level > 8) {
        warn("docx.list-depth", "lists nested deeper than 9 levels are written at level 9");
        level = 8;
    }
    pkg_.lists.push_back({ordered, style, start, level});
    int num = int(pkg_.lists.size());
    auto saved_style = para_style_;
    int saved_num = list_num_, saved_level = list_level_;
    ++list_depth_;
    for (const auto& item : items) {
        list_num_ = num;
        list_level_ = level;
        para_style_ = st::list_paragraph;
        list_marker_pending_ = true;
        blocks(item);
        flush_list_marker();  // an empty item
    }
    --list_depth_;
    para_style_ = saved_style;
    list_num_ = saved_num;
    list_level_ = saved_level;
}

// ---------------------------------------------------------------- tables
namespace {

struct Slot {
    const TableCell* cell = nullptr;  // nullptr: a vMerge continuation or a filler
    int col = 0;
    int span = 1;
    enum { None, Restart, Continue } vmerge = None;
};

// Places the cells of one table section on the grid, row by row, with the
// continuation cells Word needs under each rowspan.
std::vector<std::vector<Slot>> layout(const std::vector<TableRow>& rows, std::size_t& ncols) {
    constexpr int kMaxSpan = 1000;
    std::vector<int> remain, span_at;  // per column: rows still covered from above, span of the covering cell
    std::vector<std::vector<Slot>> out;
    out.reserve(rows.size());
    for (const auto& row : rows) {
        std::vector<Slot> slots;
        std::size_t col = 0, ci = 0;
        auto covered = [&](std::size_t c) { return c < remain.size() && remain[c] > 0; };
        auto covered_after = [&](std::size_t c) {
            for (std::size_t k = c; k < remain.size(); ++k)
                if (remain[k] > 0) return true;
            return false;
        };
        while (true) {
            if (covered(col)) {
                int span = std::max(1, span_at[col]);
                slots.push_back({nullptr, int(col), span, Slot::Continue});
                for (std::size_t k = col; k < col + std::size_t(span) && k < remain.size(); ++k) --remain[k];
                col += std::size_t(span);
            } else if (ci < row.cells.size()) {
                const TableCell& c = row.cells[ci++];
                int span = std::clamp(c.colspan, 1, kMaxSpan);
                int rowspan = std::clamp(c.rowspan, 1, 100000);
                if (remain.size() < col + std::size_t(span)) {
                    remain.resize(col + std::size_t(span), 0);
                    span_at.resize(col + std::size_t(span), 0);
                }
                if (rowspan > 1) {
                    for (int k = 0; k < span; ++k) remain[col + std::size_t(k)] = rowspan - 1;
                    span_at[col] = span;
                }
                slots.push_back({&c, int(col), span, rowspan > 1 ? Slot::Restart : Slot::None});
                col += std::size_t(span);
            } else if (covered_after(col)) {
                slots.push_back({nullptr, int(col), 1, Slot::None});
                ++col;
            } else {
                break;
            }
        }
        ncols = std::max(ncols, col);
        out.push_back(std::move(slots));
    }
    return out;
}

}  // namespace

void BodyWriter::table(const Table& t) {
    flush_list_marker();
    if (!t.attr.id.empty()) pending_bookmarks_.push_back(t.attr.id);
    if (!t.caption.empty()) {
        auto saved = para_style_;
        para_style_ = st::caption;
        blocks(t.caption);
        para_style_ = saved;
    }
    std::size_t ncols = t.col_widths.size();
    auto head = layout(t.head, ncols);
    auto body = layout(t.body, ncols);
    auto foot = layout(t.foot, ncols);
    if (!t.foot.empty()) warn("docx.table-foot", "table foot rows were written as ordinary rows");
    if (ncols == 0) {  // no cells at all: nothing Word could hold
        warn("docx.table-empty", "a table without cells was left out");
        return;
    }
    // Column widths in twips: given fractions, the rest shared equally.
    std::vector<int> widths(ncols, 0);
    const int full = s_.text_width();
    double given = 0;
    std::size_t unset = 0;
    for (std::size_t i = 0; i < ncols; ++i) {
        double f = i < t.col_widths.size() ? t.col_widths[i] : 0;
        if (f > 0 && std::isfinite(f)) given += f;
        else ++unset;
    }
    double rest = given < 1 ? (1 - given) : 0;
    for (std::size_t i = 0; i < ncols; ++i) {
        double f = i < t.col_widths.size() ? t.col_widths[i] : 0;
        if (!(f > 0 && std::isfinite(f))) f = unset ? rest / double(unset) : 0;
        if (given > 1) f /= given;
        widths[i] = std::max(1, int(std::lround(f * full)));
        if (f <= 0) widths[i] = std::max(1, full / int(ncols));
    }

    xml::Writer& w = *out_;
    w.start("w:tbl");
    w.start("w:tblPr");
    w.start("w:tblStyle").attr("w:val", st::table_grid).end();
    w.start("w:tblW").attr("w:w", "5000").attr("w:type", "pct").end();
    w.start("w:tblLook").attr("w:val", "04A0").end();
    w.end();
    w.start("w:tblGrid");
    for (int width : widths) w.start("w:gridCol").attr("w:w", std::to_string(width)).end();
    w.end();
    auto rows = [&](const std::vector<std::vector<Slot>>& section, bool header) {
        for (const auto& slots : section) {
            w.start("w:tr");
            if (header) w.start("w:trPr").start("w:tblHeader").end().end();
            for (const Slot& s : slots) table_cell(s.cell, s.col, s.span, int(s.vmerge), widths, t);
            w.end();
        }
    };
    rows(head, true);
    rows(body, false);
    rows(foot, false);
    w.end();
    last_block_table_ = true;
}

void BodyWriter::table_cell(const TableCell* cell, int col, int span, int vmerge, const std::vector<int>& widths,
                            const Table& t) {
    xml::Writer& w = *out_;
    int width = 0;
    for (int k = col; k < col + span && k < int(widths.size()); ++k) width += widths[std::size_t(k)];
    w.start("w:tc");
    w.start("w:tcPr");
    w.start("w:tcW").attr("w:w", std::to_string(width)).attr("w:type", "dxa").end();
    if (span > 1) w.start("w:gridSpan").attr("w:val", std::to_string(span)).end();
    if (vmerge == int(Slot::Restart)) w.start("w:vMerge").attr("w:val", "restart").end();
    else if (vmerge == int(Slot::Continue)) w.start("w:vMerge").end();
    w.end();
    // Cells are their own context: no list, quote or body style inside.
    auto saved_style = para_style_;
    auto saved_align = align_override_;
    int saved_num = list_num_, saved_level = list_level_;
    bool saved_marker = list_marker_pending_;
    para_style_ = st::normal;
    list_num_ = 0;
    list_level_ = -1;
    list_marker_pending_ = false;
    std::size_t before = paras_written_;
    if (cell) {
        Alignment a = cell->align;
        if (a == Alignment::Default && std::size_t(col) < t.col_align.size()) a = t.col_align[std::size_t(col)];
        align_override_ = a;
        blocks(cell->content);
    }
    if (paras_written_ == before || last_block_table_) {  // a cell must end with a paragraph
        para_start(st::normal);
        para_end();
    }
    para_style_ = saved_style;
    align_override_ = saved_align;
    list_num_ = saved_num;
    list_level_ = saved_level;
    list_marker_pending_ = saved_marker;
    w.end();
}

// --------------------------------------------------------------- figures
void BodyWriter::figure(const Figure& f) {
    if (!f.attr.id.empty()) pending_bookmarks_.push_back(f.attr.id);
    auto saved = para_style_;
    para_style_ = st::figure;
    blocks(f.content);
    if (!f.label.empty() || !f.caption.empty()) {
        std::size_t rest = 0;
        para_start(st::caption);
        // The label in its own styled run, so a reader can split it off again.
        if (!f.label.empty()) text_run(f.label, Run{0, st::caption_label});
        if (!f.caption.empty() && f.caption.front().is<Paragraph>()) {
            if (!f.label.empty()) text_run(" ", Run{});
            inlines(f.caption.front().as<Paragraph>().content, Run{});
            rest = 1;
        }
        para_end();
        para_style_ = st::caption;
        for (std::size_t i = rest; i < f.caption.size(); ++i) block(f.caption[i]);
    }
    para_style_ = saved;
}

// --------------------------------------------------------------- inlines
void BodyWriter::inlines(const Inlines& is) { inlines(is, Run{}); }

void BodyWriter::inlines(const Inlines& is, Run r) {
    for (const auto& i : is) inline_(i, r);
}

void BodyWriter::inline_(const Inline& i, Run r) {
    i.visit(
        [&](const auto& n) {
            using T = std::decay_t<decltype(n)>;
            auto with = [&](std::uint16_t flag) { return Run{std::uint16_t(r.flags | flag), r.style}; };
            if constexpr (std::is_same_v<T, Text>) text_run(n.text, r);
            else if constexpr (std::is_same_v<T, Emph>) inlines(n.content, with(kItalic));
            else if constexpr (std::is_same_v<T, Strong>) inlines(n.content, with(kBold));
            else if constexpr (std::is_same_v<T, Underline>) inlines(n.content, with(kUnderline));
            else if constexpr (std::is_same_v<T, Strikeout>) inlines(n.content, with(kStrike));
            else if constexpr (std::is_same_v<T, Superscript>) inlines(n.content, with(kSuper));
            else if constexpr (std::is_same_v<T, Subscript>) inlines(n.content, with(kSub));
            else if constexpr (std::is_same_v<T, SmallCaps>) inlines(n.content, with(kSmallCaps));
            else if constexpr (std::is_same_v<T, Code>) text_run(n.text, Run{r.flags, st::verbatim_char});
            else if constexpr (std::is_same_v<T, Link>) link(n, r);
            else if constexpr (std::is_same_v<T, Image>) image(n, r);
            else if constexpr (std::is_same_v<T, LineBreak>) {
                out_->start("w:r");
                run_props(r);
                out_->start("w:br").end().end();
            } else if constexpr (std::is_same_v<T, Note>) note(n, r);
            else if constexpr (std::is_same_v<T, Math>) {
                warn("docx.math-as-text", "math written as its source text");
                text_run(n.text, r);
            } else if constexpr (std::is_same_v<T, CrossRef>) {
                Link l;
                l.target = "#" + n.target;
                l.content = n.content;
                if (l.content.empty()) l.content.push_back(Text{n.target});
                link(l, r);
            } else if constexpr (std::is_same_v<T, Span>) {
                if (!n.attr.classes.empty() || !n.attr.attributes.empty()) ++attr_dropped_;
                if (!n.attr.id.empty()) bookmark_start(n.attr.id);
                inlines(n.content, r);
                if (!n.attr.id.empty()) bookmark_end();
            } else if constexpr (std::is_same_v<T, RawInline>) {
                if (n.format == "openxml" || n.format == "docx" || n.format == "ooxml") out_->raw(n.text);
                else warn("docx.raw-dropped", "raw " + n.format + " inline dropped (DOCX takes only raw openxml)");
            }
        });
}

void BodyWriter::run_props(Run r) {
    if (r.flags == 0 && r.style.empty()) return;
    xml::Writer& w = *out_;
    w.start("w:rPr");
    if (!r.style.empty()) w.start("w:rStyle").attr("w:val", r.style).end();
    if (r.flags & kBold) w.start("w:b").end();
    if (r.flags & kItalic) w.start("w:i").end();
    if (r.flags & kSmallCaps) w.start("w:smallCaps").end();
    if (r.flags & kStrike) w.start("w:strike").end();
    if (r.flags & kUnderline) w.start("w:u").attr("w:val", "single").end();
    if (r.flags & kSuper) w.start("w:vertAlign").attr("w:val", "superscript").end();
    else if (r.flags & kSub) w.start("w:vertAlign").attr("w:val", "subscript").end();
    w.end();
}

void BodyWriter::text_run(std::string_view text, Run r) {
    if (text.empty()) return;
    out_->start("w:r");
    run_props(r);
    text_content(text);
    out_->end();
}

// Text inside one run: tabs become <w:tab/>, line ends <w:br/>. One pass over
// the bytes finds both those and the spaces that need xml:space="preserve".
void BodyWriter::text_content(std::string_view text) {
    xml::Writer& w = *out_;
    auto t = [&](std::string_view s, bool preserve) {
        if (s.empty()) return;
        w.start("w:t");
        if (preserve) w.attr("xml:space", "preserve");
        w.text(s).end();
    };
    const std::size_t n = text.size();
    std::size_t start = 0;
    bool preserve = false;
    for (std::size_t i = 0; i < n; ++i) {
        // Eight bytes at a time while none is a space or control character
        // (CJK text has none): the test is exact for "some byte < 0x21".
        while (i + 8 <= n) {
            std::uint64_t x;
            std::memcpy(&x, text.data() + i, 8);
            if (((x - 0x2121212121212121ULL) & ~x & 0x8080808080808080ULL) != 0) break;
            i += 8;
        }
        if (i >= n) break;
        const auto c = static_cast<unsigned char>(text[i]);
        if (c > 0x20) continue;
        if (c == ' ') {
            if (i == start || i + 1 == n || text[i + 1] == ' ' || text[i + 1] == '\t' || text[i + 1] == '\n' ||
                text[i + 1] == '\r')
                preserve = true;
        } else if (c == '\t' || c == '\n' || c == '\r') {
            t(text.substr(start, i - start), preserve);
            if (c == '\t') w.start("w:tab").end();
            else w.start("w:br").end();
            if (c == '\r' && i + 1 < n && text[i + 1] == '\n') ++i;
            start = i + 1;
            preserve = false;
        }
    }
    t(text.substr(start), preserve);
}

void BodyWriter::link(const Link& l, Run r) {
    if (in_link_ || l.target.empty()) {
        if (in_link_) warn("docx.nested-link", "a link inside a link was written as its text");
        inlines(l.content, r);
        return;
    }
    xml::Writer& w = *out_;
    w.start("w:hyperlink");
    if (l.target.front() == '#') {
        w.attr("w:anchor", std::string_view(l.target).substr(1));
    } else {
        auto [it, fresh] = pkg_.link_rels.try_emplace(l.target);
        if (fresh) it->second = pkg_.add_rel(o::rel::hyperlink, uri_escape(l.target), true);
        w.attr("r:id", it->second);
    }
    if (!l.title.empty()) w.attr("w:tooltip", l.title);
    w.attr("w:history", "1");
    in_link_ = true;
    inlines(l.content, Run{r.flags, st::hyperlink});
    in_link_ = false;
    w.end();
}

// --------------------------------------------------------------- images
void BodyWriter::image(const Image& img, Run r) {
    const Resource* res = doc_.resource(img.target);
    if (!res) {
        bool external = img.target.find("://") != std::string::npos;
        warn(external ? "docx.image-external" : "docx.image-missing",
             (external ? "external image " : "image with no resource ") + img.target + " written as its alt text");
        inlines(img.alt, r);
        return;
    }
    auto [it, fresh] = pkg_.media_by_target.try_emplace(img.target, pkg_.media.size());
    if (fresh) {
        std::string name = safe_media_name(res->name);
        std::string mime = res->mime;
        if (mime.empty()) {
            auto dot = res->name.rfind('.');
            mime = std::string(mime_for_extension(dot == std::string::npos ? "" : res->name.substr(dot + 1)));
        }
        bool clash = name.empty();
        for (const auto& m : pkg_.media)
            if (!clash && m.part.size() == 11 + name.size() && m.part.compare(11, name.size(), name) == 0) clash = true;
        if (clash) name = "image" + std::to_string(pkg_.media.size() + 1) + "." + std::string(extension_for_mime(mime));
        MediaPart m{"word/media/" + name, mime, &res->data, ""};
        m.rel_id = pkg_.add_rel(o::rel::image, "media/" + name);
        pkg_.media.push_back(std::move(m));
    }
    const MediaPart& media = pkg_.media[it->second];

    // Extent: the given width/height, else the pixels at 96 dpi; never wider than the text.
    const long long full = (long long)s_.text_width() * o::kEmuPerTwip;
    auto px = image_pixel_size(res->data);
    std::optional<long long> cx, cy;
    if (const auto* v = img.attr.get("width")) cx = length_to_emu(*v, full);
    if (const auto* v = img.attr.get("height")) cy = length_to_emu(*v, full);
    if (cx && !cy && px) cy = *cx * px->height / px->width;
    if (cy && !cx && px) cx = *cy * px->width / px->height;
    if (!cx || !cy) {
        if (px) {
            cx = (long long)px->width * o::kEmuPerPx;
            cy = (long long)px->height * o::kEmuPerPx;
        } else {
            warn("docx.image-size", "size of image " + img.target + " unknown; written 2 inches square");
            cx = cy = 2 * 914400LL;
        }
    }
    if (*cx > full) {
        *cy = *cy * full / *cx;
        *cx = full;
    }
    std::string scx = std::to_string(*cx), scy = std::to_string(*cy);
    std::string alt = stringify(img.alt);
    std::string id = std::to_string(next_drawing_++);
    std::string_view file = std::string_view(media.part).substr(11);

    xml::Writer& w = *out_;
    w.start("w:r");
    run_props(r);
    w.start("w:drawing");
    w.start("wp:inline").attr("distT", "0").attr("distB", "0").attr("distL", "0").attr("distR", "0");
    w.start("wp:extent").attr("cx", scx).attr("cy", scy).end();
    w.start("wp:effectExtent").attr("l", "0").attr("t", "0").attr("r", "0").attr("b", "0").end();
    w.start("wp:docPr").attr("id", id).attr("name", "Picture " + id);
    if (!alt.empty()) w.attr("descr", alt);
    if (!img.title.empty()) w.attr("title", img.title);
    w.end();
    w.start("wp:cNvGraphicFramePr");
    w.start("a:graphicFrameLocks").attr("xmlns:a", o::ns::a).attr("noChangeAspect", "1").end();
    w.end();
    w.start("a:graphic").attr("xmlns:a", o::ns::a);
    w.start("a:graphicData").attr("uri", o::ns::pic);
    w.start("pic:pic").attr("xmlns:pic", o::ns::pic);
    w.start("pic:nvPicPr");
    w.start("pic:cNvPr").attr("id", id).attr("name", file);
    if (!alt.empty()) w.attr("descr", alt);
    w.end();
    w.start("pic:cNvPicPr").end();
    w.end();
    w.start("pic:blipFill");
    w.start("a:blip").attr("r:embed", media.rel_id).end();
    w.start("a:stretch").start("a:fillRect").end().end();
    w.end();
    w.start("pic:spPr");
    w.start("a:xfrm");
    w.start("a:off").attr("x", "0").attr("y", "0").end();
    w.start("a:ext").attr("cx", scx).attr("cy", scy).end();
    w.end();
    w.start("a:prstGeom").attr("prst", "rect").start("a:avLst").end().end();
    w.end();
    w.end();  // pic:pic
    w.end();  // a:graphicData
    w.end();  // a:graphic
    w.end();  // wp:inline
    w.end();  // w:drawing
    w.end();  // w:r
}

// ---------------------------------------------------------------- notes
void BodyWriter::note(const Note& n, Run r) {
    if (in_note_) {
        warn("docx.nested-note", "a note inside a note was written in parentheses");
        text_run("(" + stringify(n.content) + ")", r);
        return;
    }
    const bool endnote = std::find(n.attr.classes.begin(), n.attr.classes.end(), "endnote") != n.attr.classes.end();
    const int id = endnote ? next_endnote_++ : next_note_++;
    xml::Writer& w = *out_;
    w.start("w:r").start("w:rPr");
    w.start("w:rStyle").attr("w:val", endnote ? st::endnote_reference : st::footnote_reference).end().end();
    w.start(endnote ? "w:endnoteReference" : "w:footnoteReference").attr("w:id", std::to_string(id)).end().end();
    xml::Writer& part = endnote ? endnotes_ : notes_;
    const std::string_view text_style = endnote ? st::endnote_text : st::footnote_text;

    // The note's blocks go into footnotes.xml, in a context of their own.
    auto saved_style = para_style_;
    auto saved_align = align_override_;
    int saved_num = list_num_, saved_level = list_level_;
    bool saved_marker = list_marker_pending_;
    int saved_depth = list_depth_;
    auto saved_bookmarks = std::move(pending_bookmarks_);
    pending_bookmarks_.clear();
    bool saved_link = in_link_;
    out_ = &part;
    in_note_ = true;
    in_endnote_ = endnote;
    in_link_ = false;
    para_style_ = text_style;
    align_override_ = Alignment::Default;
    list_num_ = 0;
    list_level_ = -1;
    list_marker_pending_ = false;
    list_depth_ = 0;
    note_ref_pending_ = true;
    part.start(endnote ? "w:endnote" : "w:footnote").attr("w:id", std::to_string(id));
    blocks(n.content);
    if (note_ref_pending_ || last_block_table_ || !pending_bookmarks_.empty()) {
        para_start(text_style);
        para_end();
    }
    part.end();
    out_ = &w;
    in_note_ = false;
    in_endnote_ = false;
    in_link_ = saved_link;
    para_style_ = saved_style;
    align_override_ = saved_align;
    list_num_ = saved_num;
    list_level_ = saved_level;
    list_marker_pending_ = saved_marker;
    list_depth_ = saved_depth;
    pending_bookmarks_ = std::move(saved_bookmarks);
    last_block_table_ = false;
}

}  // namespace copydesk::docx::writer

// <body>: blocks and inlines. Flat headings become nested <sec>s; what a
// context does not allow (a table in a footnote, say) goes inside a <p>,
// which JATS lets hold display elements.
#include <fmt/format.h>

#include "copydesk/walk.hpp"
#include "enum_names.hpp"
#include "jats/jats_writer.hpp"

namespace copydesk::jats::writer {

namespace {

// @align of table cells: the AST's names are the DTD's values.
std::string_view align_value(Alignment a) { return names::of(a); }

std::string join(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) {
        if (!s.empty()) s += ' ';
        s += x;
    }
    return s;
}

// A paragraph holding only images (and spaces): a figure's graphics.
bool images_only(const Paragraph& p) {
    bool any = false;
    for (const auto& i : p.content) {
        if (i.is<Image>()) any = true;
        else if (!(i.is<Text>() && i.as<Text>().text.find_first_not_of(' ') == std::string::npos)) return false;
    }
    return any;
}

}  // namespace

void BodyWriter::element_id(const Attr& a) {
    std::string id = ids_.claim(a.id);
    if (!id.empty()) out_.attr("id", id);
}

void BodyWriter::count_dropped_attr(const Attr& a, bool id_kept, bool classes_kept) {
    if (!id_kept && !a.id.empty()) ++attr_dropped_;
    if (!classes_kept) attr_dropped_ += a.classes.size();
    attr_dropped_ += a.attributes.size();
}

// Headings open <sec>s: a heading closes every open section of its level or
// deeper, then opens its own. Where a level skips (1 then 3), the section's
// depth differs from the level, which Archiving keeps in @disp-level.
void BodyWriter::blocks(const Blocks& bs, Context ctx) {
    std::vector<int> open;  // levels of the open <sec>s
    for (const auto& b : bs) {
        if (!b.is<Heading>() || ctx != Context::Sections) {
            block(b, ctx);
            continue;
        }
        const Heading& h = b.as<Heading>();
        while (!open.empty() && open.back() >= h.level) {
            out_.end().raw("\n");
            open.pop_back();
        }
        open.push_back(h.level);
        out_.start("sec");
        element_id(h.attr);
        count_dropped_attr(h.attr, true, false);
        if (h.level != static_cast<int>(open.size())) {
            if (s_.tag_set == TagSet::Archiving) out_.attr("disp-level", std::to_string(h.level));
            else warn("jats.heading-level", fmt::format("heading level {} at section depth {}: the Publishing "
                                                        "tag set has no disp-level, so the level is lost",
                                                        h.level, open.size()));
        }
        out_.raw("\n");
        break_ok_ = true;
        container("title", {}, {}, h.content);
        break_ok_ = false;
        out_.raw("\n");
    }
    for (std::size_t i = 0; i < open.size(); ++i) out_.end().raw("\n");
}

void BodyWriter::heading_as_para(const Heading& h) {
    warn_once("jats.heading-in-container",
              "a heading inside a quote, list, cell, note or caption cannot open a <sec>; written as a bold paragraph");
    out_.start("p").start("bold");
    inlines(h.content);
    out_.end().end();
}

// A block the context does not allow, inside a <p>.
void BodyWriter::wrapped(const Block& b, Context ctx) {
    (void)ctx;
    out_.start("p");
    block(b, Context::Flow);
    out_.end();
}

void BodyWriter::block(const Block& b, Context ctx) {
    if (b.is<Paragraph>()) {
        paragraph(b.as<Paragraph>());
    } else if (b.is<Heading>()) {
        heading_as_para(b.as<Heading>());
    } else if (b.is<BulletList>() || b.is<OrderedList>()) {
        if (ctx == Context::Para) return wrapped(b, ctx);
        if (b.is<BulletList>()) bullet_list(b.as<BulletList>());
        else ordered_list(b.as<OrderedList>());
    } else if (ctx == Context::Item || ctx == Context::Para) {
        if (b.is<HorizontalRule>()) return block(b, Context::Flow);
        return wrapped(b, ctx);
    } else if (b.is<BlockQuote>()) {
        block_quote(b.as<BlockQuote>());
    } else if (b.is<Table>()) {
        table(b.as<Table>());
    } else if (b.is<Figure>()) {
        figure(b.as<Figure>());
    } else if (b.is<CodeBlock>()) {
        code_block(b.as<CodeBlock>());
    } else if (b.is<RawBlock>()) {
        raw_block(b.as<RawBlock>());
    } else if (b.is<Div>()) {
        div(b.as<Div>());
    } else if (b.is<HorizontalRule>()) {
        warn_once("jats.horizontal-rule", "JATS has no horizontal rule; dropped");
        return;
    }
    out_.raw("\n");
}

// The first-line indent and alignment are presentation, which JATS leaves
// to the stylesheet: dropped without a diagnostic (every CJK paragraph has one).
void BodyWriter::paragraph(const Paragraph& p) {
    out_.start("p");
    if (!dateline_.empty()) dateline();
    inlines(p.content);
    out_.end();
}

// The dateline opening the lede, as named-content the reader recognises.
void BodyWriter::dateline(bool lede) {
    out_.start("named-content").attr("content-type", article::kDatelineClass).text(dateline_).end();
    if (lede) out_.text(article::dateline_separator(doc_.metadata, article::script_for(language_for(doc_))));
    dateline_.clear();
}

void BodyWriter::block_quote(const BlockQuote& q) {
    out_.start("disp-quote").raw("\n");
    blocks(q.content, Context::Flow);
    out_.end();
}

void BodyWriter::list_items(const std::vector<Blocks>& items) {
    for (const auto& item : items) {
        out_.start("list-item");
        if (item.empty()) out_.element("p", "");
        blocks(item, Context::Item);
        out_.end().raw("\n");
    }
}

void BodyWriter::bullet_list(const BulletList& l) {
    out_.start("list").attr("list-type", "bullet").raw("\n");
    list_items(l.items);
    out_.end();
}

void BodyWriter::ordered_list(const OrderedList& l) {
    std::string_view type = "order";
    switch (l.style) {
        case ListStyle::LowerAlpha: type = "alpha-lower"; break;
        case ListStyle::UpperAlpha: type = "alpha-upper"; break;
        case ListStyle::LowerRoman: type = "roman-lower"; break;
        case ListStyle::UpperRoman: type = "roman-upper"; break;
        default: break;
    }
    out_.start("list").attr("list-type", type);
    // "order" says numbered, not how: the numbering a source named is kept.
    if (l.style == ListStyle::CJK) out_.attr("specific-use", "cjk");  // 一、二、三、
    else if (l.style == ListStyle::Decimal) out_.attr("specific-use", "decimal");
    if (l.start != 1)
        warn("jats.list-start", fmt::format("a list starting at {}: JATS lists have no start number", l.start));
    out_.raw("\n");
    list_items(l.items);
    out_.end();
}

void BodyWriter::caption(const Blocks& bs) {
    if (bs.empty()) return;
    out_.start("caption");
    blocks(bs, Context::Para);
    out_.end();
}

// <table-wrap> around an XHTML-model <table>: col, thead, tfoot, tbody.
void BodyWriter::table(const Table& t) {
    out_.start("table-wrap");
    element_id(t.attr);
    out_.raw("\n");
    const std::string* label = t.attr.get("label");
    if (label) out_.element("label", *label);
    caption(t.caption);
    std::size_t other = t.attr.attributes.size() - (label ? 1 : 0);
    attr_dropped_ += other + t.attr.classes.size();
    out_.start("table").raw("\n");
    std::size_t cols = std::max(t.col_align.size(), t.col_widths.size());
    for (std::size_t i = 0; i < cols; ++i) {
        out_.start("col");
        if (i < t.col_widths.size() && t.col_widths[i] > 0)
            out_.attr("width", fmt::format("{:.4g}%", t.col_widths[i] * 100));
        if (i < t.col_align.size() && t.col_align[i] != Alignment::Default) out_.attr("align", align_value(t.col_align[i]));
        out_.end();
    }
    if (cols) out_.raw("\n");
    // tbody+ is required: a table of head rows only has them there, as th
    // cells (the reader takes leading all-th rows without a thead as the head);
    // with no rows at all it gets one empty cell.
    const bool head_in_body = t.body.empty() && !t.head.empty();
    if (!head_in_body) table_rows("thead", t.head, "th");
    table_rows("tfoot", t.foot, "td");
    if (head_in_body) table_rows("tbody", t.head, "th");
    else table_rows("tbody", t.body, "td");
    out_.end().raw("\n");
    out_.end();
}

void BodyWriter::table_rows(std::string_view group, const std::vector<TableRow>& rows, std::string_view cell_name) {
    if (rows.empty() && group != "tbody") return;
    out_.start(group).raw("\n");
    if (rows.empty()) out_.start("tr").element("td", "").end().raw("\n");  // tbody needs a row
    for (const auto& row : rows) {
        out_.start("tr");
        if (row.cells.empty()) out_.element(cell_name, "");
        for (const auto& c : row.cells) cell(c, cell_name);
        out_.end().raw("\n");
    }
    out_.end().raw("\n");
}

// A cell of one paragraph holds its inlines directly; more blocks are <p>s.
void BodyWriter::cell(const TableCell& c, std::string_view element) {
    out_.start(element);
    if (c.colspan > 1) out_.attr("colspan", std::to_string(c.colspan));
    if (c.rowspan > 1) out_.attr("rowspan", std::to_string(c.rowspan));
    if (c.align != Alignment::Default) out_.attr("align", align_value(c.align));
    if (c.content.size() == 1 && c.content[0].is<Paragraph>()) {
        break_ok_ = true;
        inlines(c.content[0].as<Paragraph>().content);
        break_ok_ = false;
    } else
        for (const auto& b : c.content) block(b, Context::Item);
    out_.end();
}

// <fig>: label, caption, then its content; a paragraph of images becomes
// <graphic>s.
void BodyWriter::figure(const Figure& f) {
    out_.start("fig");
    element_id(f.attr);
    attr_dropped_ += f.attr.classes.size() + f.attr.attributes.size();
    out_.raw("\n");
    if (!f.label.empty()) out_.element("label", f.label);
    caption(f.caption);
    for (const auto& b : f.content) {
        if (b.is<Paragraph>() && images_only(b.as<Paragraph>())) {
            for (const auto& i : b.as<Paragraph>().content)
                if (i.is<Image>()) image(i.as<Image>(), true);
            out_.raw("\n");
        } else if (b.is<Paragraph>() || b.is<BulletList>() || b.is<OrderedList>() || b.is<BlockQuote>() ||
                   b.is<Table>() || b.is<CodeBlock>()) {
            block(b, Context::Flow);
        } else {
            wrapped(b, Context::Flow);
            out_.raw("\n");
        }
    }
    out_.end();
}

// A language makes it <code language="...">, else <preformat>; both keep
// their spaces (xml:space is fixed to preserve by the DTD).
void BodyWriter::code_block(const CodeBlock& c) {
    bool lang = !c.attr.classes.empty();
    out_.start(lang ? "code" : "preformat");
    element_id(c.attr);
    if (lang) out_.attr("language", c.attr.classes[0]);
    attr_dropped_ += c.attr.attributes.size() + (lang ? c.attr.classes.size() - 1 : 0);
    out_.text(c.text).end();
}

void BodyWriter::raw_block(const RawBlock& r) {
    if (r.format == "jats" && well_formed_fragment(r.text)) {
        out_.raw(r.text);
        return;
    }
    warn("jats.raw-dropped", r.format == "jats" ? "raw JATS that is not well-formed XML was dropped"
                                                : fmt::format("raw {} content has no place in JATS; dropped", r.format));
}

// Div → <boxed-text>, its classes in @content-type.
void BodyWriter::div(const Div& d) {
    out_.start("boxed-text");
    element_id(d.attr);
    if (!d.attr.classes.empty()) out_.attr("content-type", join(d.attr.classes));
    attr_dropped_ += d.attr.attributes.size();
    out_.raw("\n");
    blocks(d.content, Context::Sections);
    out_.end();
}

// ---------------------------------------------------------------- inlines

void BodyWriter::container(std::string_view element, std::string_view attr_name, std::string_view attr_value,
                           const Inlines& content) {
    out_.start(element);
    if (!attr_name.empty()) out_.attr(attr_name, attr_value);
    inlines(content);
    out_.end();
}

void BodyWriter::inlines(const Inlines& is) {
    for (const auto& i : is) inline_(i);
}

void BodyWriter::inline_(const Inline& i) {
    if (i.is<Text>()) out_.text(i.as<Text>().text);
    else if (i.is<Emph>()) container("italic", {}, {}, i.as<Emph>().content);
    else if (i.is<Strong>()) container("bold", {}, {}, i.as<Strong>().content);
    else if (i.is<Underline>()) container("underline", {}, {}, i.as<Underline>().content);
    else if (i.is<Strikeout>()) container("strike", {}, {}, i.as<Strikeout>().content);
    else if (i.is<Superscript>()) container("sup", {}, {}, i.as<Superscript>().content);
    else if (i.is<Subscript>()) container("sub", {}, {}, i.as<Subscript>().content);
    else if (i.is<SmallCaps>()) container("sc", {}, {}, i.as<SmallCaps>().content);
    else if (i.is<Code>()) {
        const Code& c = i.as<Code>();
        attr_dropped_ += c.attr.classes.size() + c.attr.attributes.size() + (c.attr.id.empty() ? 0 : 1);
        out_.element("monospace", c.text);
    } else if (i.is<Link>()) link(i.as<Link>());
    else if (i.is<Image>()) image(i.as<Image>(), false);
    else if (i.is<LineBreak>()) line_break();
    else if (i.is<Note>()) note(i.as<Note>());
    else if (i.is<Math>()) math(i.as<Math>());
    else if (i.is<CrossRef>()) cross_ref(i.as<CrossRef>());
    else if (i.is<Span>()) span(i.as<Span>());
    else if (i.is<RawInline>()) raw_inline(i.as<RawInline>());
}

// <break/> is allowed in titles and table cells but not in <p>: there the
// break is a newline in the text, which readers take for a space.
void BodyWriter::line_break() {
    if (break_ok_) {
        out_.element("break", "");
        return;
    }
    warn_once("jats.line-break", "JATS paragraphs cannot hold a line break: written as a newline, read as a space");
    out_.text("\n");
}

// "#id" naming an element of the document → <xref rid>; anything else →
// <ext-link>.
void BodyWriter::link(const Link& l) {
    attr_dropped_ += l.attr.classes.size() + l.attr.attributes.size() + (l.attr.id.empty() ? 0 : 1);
    if (!l.target.empty() && l.target[0] == '#') {
        if (const std::string* rid = ids_.target(std::string_view(l.target).substr(1))) {
            container("xref", "rid", *rid, l.content);
            return;
        }
    }
    out_.start("ext-link").attr("ext-link-type", "uri").attr("xlink:href", l.target);
    if (!l.title.empty()) out_.attr("xlink:title", l.title);
    inlines(l.content);
    out_.end();
}

// Images are referred to by name: JATS keeps media beside the XML, so the
// document's resources are not written (one diagnostic).
void BodyWriter::image(const Image& img, bool display) {
    if (doc_.resource(img.target))
        warn_once("jats.resource-not-written",
                  "images are referred to by name (xlink:href); their bytes are not part of the JATS file");
    attr_dropped_ += img.attr.classes.size() + img.attr.attributes.size() + (img.attr.id.empty() ? 0 : 1);
    out_.start(display ? "graphic" : "inline-graphic").attr("xlink:href", img.target);
    if (!img.title.empty()) out_.attr("xlink:title", img.title);
    if (!img.alt.empty()) out_.element("alt-text", stringify(img.alt));
    out_.end();
}

// The note's body goes to <back><fn-group>; here only the call-out.
void BodyWriter::note(const Note& n) {
    std::string id = ids_.fresh("fn");
    notes_.emplace_back(&n, id);
    out_.start("xref").attr("ref-type", "fn").attr("rid", id).text(std::to_string(notes_.size())).end();
}

void BodyWriter::math(const Math& m) {
    out_.start(m.display ? "disp-formula" : "inline-formula");
    if (m.notation == MathNotation::TeX) {
        out_.element("tex-math", m.text);
    } else {
        // MathML would have to be re-serialised with the mml: prefix the DTD
        // expects; its text is kept instead.
        warn_once("jats.mathml-as-text", "MathML formulas are written as their text");
        out_.text(m.text);
    }
    out_.end();
}

// @ref-type is an enumeration in the Publishing tag set: other values go
// into @custom-type with ref-type="custom".
void BodyWriter::cross_ref(const CrossRef& x) {
    static constexpr std::string_view kRefTypes[] = {
        "aff",  "app",    "author-notes", "award", "bibr", "bio", "boxed-text", "chem", "collab",
        "contrib", "corresp", "disp-formula", "fig", "fn", "kwd", "list", "plate", "scheme", "sec",
        "statement", "supplementary-material", "table", "table-fn", "other", "custom"};
    const std::string* rid = ids_.target(x.target);
    if (!rid) {
        warn("jats.xref-target", fmt::format("cross-reference to '{}', which no element has: written as text", x.target));
        inlines(x.content);
        return;
    }
    out_.start("xref");
    bool known = false;
    for (auto t : kRefTypes) known = known || t == x.ref_type;
    if (known) out_.attr("ref-type", x.ref_type);
    else out_.attr("ref-type", "custom").attr("custom-type", x.ref_type.empty() ? "other" : x.ref_type);
    out_.attr("rid", *rid);
    inlines(x.content);
    out_.end();
}

// Span → <named-content content-type="classes">; a span with no attributes
// is only its content. content-type is required: a span with an id but no
// class (an EPUB page marker, say) gets "span", which the reader drops.
void BodyWriter::span(const Span& s) {
    if (s.attr.empty()) return inlines(s.content);
    out_.start("named-content");
    element_id(s.attr);
    out_.attr("content-type", s.attr.classes.empty() ? std::string("span") : join(s.attr.classes));
    attr_dropped_ += s.attr.attributes.size();
    inlines(s.content);
    out_.end();
}

void BodyWriter::raw_inline(const RawInline& r) {
    if (r.format == "jats" && well_formed_fragment(r.text)) {
        out_.raw(r.text);
        return;
    }
    warn("jats.raw-dropped", r.format == "jats" ? "raw JATS that is not well-formed XML was dropped"
                                                : fmt::format("raw {} content has no place in JATS; dropped", r.format));
}

}  // namespace copydesk::jats::writer

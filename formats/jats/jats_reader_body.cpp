// The JATS body: nested <sec> → flat headings, paragraphs (split where a
// display element stands inside one), lists, quotes, tables, figures, boxed
// text, code, formulas, links, cross-references and footnote call-outs.
// Elements without a mapping keep their text and are reported once by name.
#include <fmt/format.h>

#include <cstdlib>
#include <sstream>

#include "copydesk/walk.hpp"
#include "jats/jats_reader.hpp"

namespace copydesk::jats::reader {

using xml::NodeType;

namespace {

std::vector<std::string> split_classes(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

Alignment alignment(const std::optional<std::string>& a) {
    if (!a) return Alignment::Default;
    if (*a == "left") return Alignment::Left;
    if (*a == "center") return Alignment::Center;
    if (*a == "right") return Alignment::Right;
    if (*a == "justify") return Alignment::Justify;
    return Alignment::Default;
}

int positive(const std::optional<std::string>& s, int fallback) {
    if (!s) return fallback;
    int v = std::atoi(s->c_str());
    return v >= 1 && v <= 10000 ? v : fallback;
}

std::string first_token(std::string s) {
    auto b = s.find_first_not_of(" \t\n\r");
    if (b == std::string::npos) return {};
    s.erase(0, b);
    if (auto e = s.find_first_of(" \t\n\r"); e != std::string::npos) s.resize(e);
    return s;
}

// Phrase elements that map onto one inline container.
template <class T>
Inline make(Inlines c) {
    T t;
    t.content = std::move(c);
    return t;
}

}  // namespace

void Parser::flush(Flow& f) {
    if (f.pending.empty()) return;
    normalize_space(f.pending);
    if (!f.pending.empty()) {
        Paragraph p;
        p.content = std::move(f.pending);
        f.out->push_back(std::move(p));
    }
    f.pending.clear();
}

void Parser::children(Flow& f) {
    int d = r_.depth();
    while (r_.next()) {
        if (r_.type() == NodeType::EndElement && r_.depth() == d) return;
        if (r_.type() == NodeType::Text) {
            std::string_view t = r_.text();
            if (!f.pending.empty() && f.pending.back().is<Text>()) f.pending.back().as<Text>().text += t;
            else f.pending.push_back(Text{std::string(t)});
        } else if (r_.type() == NodeType::StartElement) {
            element(f);
        }
    }
}

Blocks Parser::blocks_of() {
    Blocks out;
    Flow f{&out, {}};
    children(f);
    flush(f);
    return out;
}

// Inline content; a display element met inside (a list in a title, say)
// keeps its text.
Inlines Parser::inlines_of() {
    Blocks tmp;
    Flow f{&tmp, {}};
    children(f);
    if (tmp.empty()) return std::move(f.pending);
    Inlines out;
    for (auto& b : tmp) {
        if (!out.empty()) out.push_back(Text{" "});
        if (b.is<Paragraph>())
            for (auto& i : b.as<Paragraph>().content) out.push_back(std::move(i));
        else out.push_back(Text{stringify(b)});
    }
    if (!f.pending.empty()) out.push_back(Text{" "});
    for (auto& i : f.pending) out.push_back(std::move(i));
    return out;
}

void Parser::element(Flow& f) {
    std::string_view ns = r_.ns();
    std::string name(r_.local_name());
    if (!ns.empty()) {
        if (ns == xml::ns::mathml && name == "math") {
            note_once("jats.mathml-as-text", "", "MathML is read as its text, in a span of class mathml");
            Span s;
            s.attr.classes.push_back("mathml");
            s.content.push_back(Text{text_of()});
            f.pending.push_back(std::move(s));
            return;
        }
        name = std::string(ns) + " " + name;  // never matches a JATS name below
    }
    auto& p = f.pending;
    // ---- blocks
    if (name == "p") {
        flush(f);
        Flow pf{f.out, {}};
        children(pf);
        flush(pf);
    } else if (name == "sec" || name == "ack" || name == "app" || name == "notes" || name == "glossary" ||
               name == "bio") {
        section(f);
    } else if (name == "list") {
        list(f);
    } else if (name == "disp-quote") {
        disp_quote(f);
    } else if (name == "table-wrap") {
        table_wrap(f);
    } else if (name == "table") {
        flush(f);
        f.out->push_back(table());
    } else if (name == "fig") {
        figure(f);
    } else if (name == "boxed-text") {
        boxed_text(f);
    } else if (name == "code" || name == "preformat") {
        code(f, name == "preformat");
    } else if (name == "graphic") {
        flush(f);
        Paragraph para;
        para.content.push_back(graphic());
        f.out->push_back(std::move(para));
    } else if (name == "hr") {
        flush(f);
        f.out->push_back(HorizontalRule{});
    } else if (name == "ref-list") {
        flush(f);
        ref_list();
    } else if (name == "fn-group") {
        flush(f);
        fn_group();
    } else if (name == "title" || name == "caption") {
        flush(f);
        Flow tf{f.out, {}};
        children(tf);
        flush(tf);
    // ---- inlines
    } else if (name == "italic" || name == "em") {
        p.push_back(make<Emph>(inlines_of()));
    } else if (name == "bold") {
        p.push_back(make<Strong>(inlines_of()));
    } else if (name == "underline") {
        p.push_back(make<Underline>(inlines_of()));
    } else if (name == "strike") {
        p.push_back(make<Strikeout>(inlines_of()));
    } else if (name == "sup") {
        p.push_back(make<Superscript>(inlines_of()));
    } else if (name == "sub") {
        p.push_back(make<Subscript>(inlines_of()));
    } else if (name == "sc") {
        p.push_back(make<SmallCaps>(inlines_of()));
    } else if (name == "monospace") {
        Code c;
        c.text = r_.read_text();
        p.push_back(std::move(c));
    } else if (name == "break") {
        r_.skip();
        p.push_back(LineBreak{});
    } else if (name == "ext-link" || name == "uri" || name == "email") {
        Link l;
        auto href = r_.attr(xml::ns::xlink, "href");
        l.title = r_.attr(xml::ns::xlink, "title").value_or("");
        l.content = inlines_of();
        l.target = href ? *href : stringify(l.content);
        if (name == "email" && !href) l.target = "mailto:" + l.target;
        p.push_back(std::move(l));
    } else if (name == "xref") {
        xref(f);
    } else if (name == "fn") {
        fn_inline(f);
    } else if (name == "inline-formula" || name == "disp-formula") {
        formula(f, name == "disp-formula");
    } else if (name == "tex-math") {
        Math m;
        m.text = r_.read_text();
        p.push_back(std::move(m));
    } else if (name == "inline-graphic") {
        p.push_back(graphic());
    } else if (name == "named-content" || name == "styled-content") {
        Span s;
        s.attr.id = r_.attr("", "id").value_or("");
        const std::string type = r_.attr("", "content-type").value_or(std::string(name));
        if (type != "span") s.attr.classes = split_classes(type);  // "span": our writer's class-less span
        s.content = inlines_of();
        p.push_back(std::move(s));
    } else if (name == "label") {
        Inlines l = inlines_of();
        for (auto& i : l) p.push_back(std::move(i));
        p.push_back(Text{" "});
    } else if (name == "target" || name == "object-id" || name == "alt-text" || name == "sec-meta" ||
               name == "processing-meta") {
        r_.skip();  // anchors and identifiers with no text for the reader
    } else if (name == "body" || name == "x" || name == "alternatives" || name == "fig-group" ||
               name == "app-group" || name == "floats-group" || name == "array") {
        children(f);  // containers whose content is read in place
    } else {
        unknown(f);
    }
}

void Parser::unknown(Flow& f) {
    std::string name(r_.local_name());
    note_once("jats.unknown-element", name, fmt::format("<{}> has no mapping: its text is kept", name));
    children(f);
}

// <sec> (and ack, app, notes...): its title is a heading whose level is
// @disp-level when given, else the nesting depth.
void Parser::section(Flow& f) {
    flush(f);
    Heading h;
    h.attr.id = r_.attr("", "id").value_or("");
    int disp = positive(r_.attr("", "disp-level"), 0);
    ++depth_;
    h.level = std::min(disp ? disp : depth_, 9);
    if (depth_ > 9 && !disp) note_once("jats.heading-level", "", "sections nested deeper than 9 levels: level 9 used");
    Inlines label;
    bool titled = false;
    Flow inner{f.out, {}};
    int d = r_.depth();
    while (r_.next()) {
        if (r_.type() == NodeType::EndElement && r_.depth() == d) break;
        if (r_.type() == NodeType::Text) {
            if (titled || r_.text().find_first_not_of(" \t\r\n") != std::string_view::npos)
                inner.pending.push_back(Text{std::string(r_.text())});
            continue;
        }
        if (r_.type() != NodeType::StartElement) continue;
        std::string_view n = r_.local_name();
        if (!titled && n == "label" && r_.ns().empty()) {
            label = inlines_of();
        } else if (!titled && n == "title" && r_.ns().empty()) {
            h.content = std::move(label);
            if (!h.content.empty()) h.content.push_back(Text{" "});
            for (auto& i : inlines_of()) h.content.push_back(std::move(i));
            normalize_space(h.content);
            f.out->push_back(h);
            titled = true;
        } else {
            if (!titled && !label.empty()) {  // a label without a title
                for (auto& i : label) inner.pending.push_back(std::move(i));
                label.clear();
            }
            titled = true;  // a title after content is an ordinary title
            element(inner);
        }
    }
    flush(inner);
    --depth_;
}

void Parser::list(Flow& f) {
    flush(f);
    std::string type = r_.attr("", "list-type").value_or("");
    const std::string use = r_.attr("", "specific-use").value_or("");
    std::vector<Blocks> items;
    Blocks extra;  // a list's title
    int d = r_.depth();
    while (r_.next()) {
        if (r_.type() == NodeType::EndElement && r_.depth() == d) break;
        if (r_.type() != NodeType::StartElement) continue;
        if (r_.local_name() == "list-item") items.push_back(blocks_of());
        else {
            Flow ef{&extra, {}};
            element(ef);
            flush(ef);
        }
    }
    for (auto& b : extra) f.out->push_back(std::move(b));
    if (type == "order" || type == "alpha-lower" || type == "alpha-upper" || type == "roman-lower" ||
        type == "roman-upper") {
        OrderedList l;
        l.items = std::move(items);
        if (type == "alpha-lower") l.style = ListStyle::LowerAlpha;
        else if (type == "alpha-upper") l.style = ListStyle::UpperAlpha;
        else if (type == "roman-lower") l.style = ListStyle::LowerRoman;
        else if (type == "roman-upper") l.style = ListStyle::UpperRoman;
        else if (use == "cjk") l.style = ListStyle::CJK;
        else if (use == "decimal") l.style = ListStyle::Decimal;
        f.out->push_back(std::move(l));
    } else {
        BulletList l;
        l.items = std::move(items);
        f.out->push_back(std::move(l));
    }
}

void Parser::disp_quote(Flow& f) {
    flush(f);
    BlockQuote q;
    q.content = blocks_of();
    f.out->push_back(std::move(q));
}

void Parser::boxed_text(Flow& f) {
    flush(f);
    Div d;
    d.attr.id = r_.attr("", "id").value_or("");
    if (auto t = r_.attr("", "content-type")) d.attr.classes = split_classes(*t);
    int saved = depth_;
    depth_ = 0;  // sections inside a box count from the box
    d.content = blocks_of();
    depth_ = saved;
    f.out->push_back(std::move(d));
}

void Parser::code(Flow& f, bool preformat) {
    flush(f);
    CodeBlock c;
    c.attr.id = r_.attr("", "id").value_or("");
    if (!preformat)
        if (auto lang = r_.attr("", "language")) c.attr.classes.push_back(*lang);
    c.text = r_.read_text();
    f.out->push_back(std::move(c));
}

// A <table-wrap> with a <table> is a Table (its label in attr "label");
// without one (an image of a table) it is a Figure.
void Parser::table_wrap(Flow& f) {
    flush(f);
    std::optional<Table> t;
    std::string id = r_.attr("", "id").value_or("");
    std::string label;
    Blocks caption, content, after;
    int d = r_.depth();
    while (r_.next()) {
        if (r_.type() == NodeType::EndElement && r_.depth() == d) break;
        if (r_.type() != NodeType::StartElement) continue;
        std::string_view n = r_.local_name();
        if (n == "label" && r_.ns().empty()) label = text_of();
        else if (n == "caption" && r_.ns().empty()) caption = blocks_of();
        else if (n == "table" && r_.ns().empty() && !t) t = table();
        else if (n == "alternatives") continue;  // descend: the first table wins
        else if (n == "table-wrap-foot") {
            for (auto& b : blocks_of()) after.push_back(std::move(b));
        } else {
            Flow cf{&content, {}};
            element(cf);
            flush(cf);
        }
    }
    if (t) {
        t->attr.id = id;
        if (!label.empty()) t->attr.set("label", label);
        for (auto& b : t->caption) caption.push_back(std::move(b));
        t->caption = std::move(caption);
        f.out->push_back(std::move(*t));
        for (auto& b : content) f.out->push_back(std::move(b));
    } else {
        Figure fig;
        fig.attr.id = id;
        fig.label = label;
        fig.caption = std::move(caption);
        fig.content = std::move(content);
        f.out->push_back(std::move(fig));
    }
    for (auto& b : after) f.out->push_back(std::move(b));
}

// The XHTML table model: col/colgroup, thead, tbody, tfoot, tr, th, td.
Table Parser::table() {
    Table t;
    int d = r_.depth();
    enum { Head, Body, Foot } group = Body;
    int group_depth = -1;
    bool saw_thead = false;
    std::size_t leading_th = 0;  // body rows from the top whose cells are all <th>
    while (r_.next()) {
        if (r_.type() == NodeType::EndElement && r_.depth() == d) break;
        if (r_.type() == NodeType::EndElement && r_.depth() == group_depth) {
            group = Body;
            group_depth = -1;
        }
        if (r_.type() != NodeType::StartElement) continue;
        std::string_view n = r_.local_name();
        if (n == "col") {
            int span = positive(r_.attr("", "span"), 1);
            std::string w = r_.attr("", "width").value_or("");
            double frac = 0;
            if (!w.empty() && w.back() == '%') frac = std::strtod(w.c_str(), nullptr) / 100.0;
            if (!(frac > 0 && frac <= 1)) frac = 0;
            Alignment a = alignment(r_.attr("", "align"));
            for (int i = 0; i < span && i < 1000; ++i) {
                t.col_widths.push_back(frac);
                t.col_align.push_back(a);
            }
            r_.skip();
        } else if (n == "colgroup") {
            continue;
        } else if (n == "thead" || n == "tbody" || n == "tfoot") {
            group = n == "thead" ? Head : n == "tfoot" ? Foot : Body;
            group_depth = r_.depth();
            saw_thead = saw_thead || group == Head;
        } else if (n == "tr") {
            bool all_th = false;
            TableRow tr = row(&all_th);
            if (group == Body && all_th && leading_th == t.body.size()) ++leading_th;
            (group == Head ? t.head : group == Foot ? t.foot : t.body).push_back(std::move(tr));
        } else if (n == "caption") {
            t.caption = blocks_of();
        } else {
            note_once("jats.unknown-element", std::string(n), fmt::format("<{}> in a table is not read", n));
            r_.skip();
        }
    }
    // No thead: rows of header cells at the top are the head (HTML tables, and
    // our writer's tables that have nothing but a head).
    if (!saw_thead && leading_th > 0) {
        t.head.assign(std::make_move_iterator(t.body.begin()),
                      std::make_move_iterator(t.body.begin() + static_cast<std::ptrdiff_t>(leading_th)));
        t.body.erase(t.body.begin(), t.body.begin() + static_cast<std::ptrdiff_t>(leading_th));
    }
    bool any_width = false, any_align = false;
    for (double w : t.col_widths) any_width = any_width || w > 0;
    for (Alignment a : t.col_align) any_align = any_align || a != Alignment::Default;
    if (!any_width) t.col_widths.clear();
    if (!any_align) t.col_align.clear();
    return t;
}

TableRow Parser::row(bool* all_th) {
    TableRow tr;
    bool th_only = true;
    int d = r_.depth();
    while (r_.next()) {
        if (r_.type() == NodeType::EndElement && r_.depth() == d) break;
        if (r_.type() != NodeType::StartElement) continue;
        if (r_.local_name() == "td" || r_.local_name() == "th") {
            th_only = th_only && r_.local_name() == "th";
            TableCell c;
            c.colspan = positive(r_.attr("", "colspan"), 1);
            c.rowspan = positive(r_.attr("", "rowspan"), 1);
            c.align = alignment(r_.attr("", "align"));
            c.content = blocks_of();
            tr.cells.push_back(std::move(c));
        } else {
            r_.skip();
        }
    }
    if (all_th) *all_th = th_only && !tr.cells.empty();
    return tr;
}

void Parser::figure(Flow& f) {
    flush(f);
    Figure fig;
    fig.attr.id = r_.attr("", "id").value_or("");
    Flow cf{&fig.content, {}};
    int d = r_.depth();
    while (r_.next()) {
        if (r_.type() == NodeType::EndElement && r_.depth() == d) break;
        if (r_.type() != NodeType::StartElement) continue;
        std::string_view n = r_.local_name();
        if (n == "label" && r_.ns().empty() && fig.label.empty()) fig.label = text_of();
        else if (n == "caption" && r_.ns().empty()) fig.caption = blocks_of();
        else element(cf);
    }
    flush(cf);
    f.out->push_back(std::move(fig));
}

Image Parser::graphic() {
    Image img;
    img.target = r_.attr(xml::ns::xlink, "href").value_or("");
    img.title = r_.attr(xml::ns::xlink, "title").value_or("");
    int d = r_.depth();
    while (r_.next()) {
        if (r_.type() == NodeType::EndElement && r_.depth() == d) break;
        if (r_.type() != NodeType::StartElement) continue;
        if (r_.local_name() == "alt-text") {
            std::string t = text_of();
            if (!t.empty()) img.alt = {Text{t}};
        } else {
            note_once("jats.graphic-unmapped", std::string(r_.local_name()),
                      fmt::format("<{}> inside a graphic is not read", r_.local_name()));
            r_.skip();
        }
    }
    return img;
}

// ref-type="fn" → a Note filled in by resolve(); other ref-types → CrossRef;
// no ref-type → an internal Link.
void Parser::xref(Flow& f) {
    std::string type = r_.attr("", "ref-type").value_or("");
    if (type == "custom") type = r_.attr("", "custom-type").value_or("custom");
    std::string rid = first_token(r_.attr("", "rid").value_or(""));
    if (type == "fn" && !rid.empty()) {
        Note n;
        n.attr.set("jats-fn-rid", rid);
        n.attr.set("jats-fn-text", text_of());
        f.pending.push_back(std::move(n));
        return;
    }
    Inlines content = inlines_of();
    if (rid.empty()) {
        for (auto& i : content) f.pending.push_back(std::move(i));
    } else if (type.empty()) {
        Link l;
        l.target = "#" + rid;
        l.content = std::move(content);
        f.pending.push_back(std::move(l));
    } else {
        CrossRef x;
        x.target = rid;
        x.ref_type = type;
        x.content = std::move(content);
        f.pending.push_back(std::move(x));
    }
}

// A footnote in the text itself. The label of a footnote is its call-out
// mark, which a renderer makes anew: not read.
void Parser::fn_inline(Flow& f) {
    Note n;
    if (r_.attr("", "specific-use").value_or("") == "endnote") n.attr.classes.push_back("endnote");
    n.content = fn_content();
    f.pending.push_back(std::move(n));
}

Blocks Parser::fn_content() {
    Blocks out;
    Flow nf{&out, {}};
    int d = r_.depth();
    while (r_.next()) {
        if (r_.type() == NodeType::EndElement && r_.depth() == d) break;
        if (r_.type() == NodeType::Text) nf.pending.push_back(Text{std::string(r_.text())});
        else if (r_.type() == NodeType::StartElement) {
            if (r_.local_name() == "label") r_.skip();
            else element(nf);
        }
    }
    flush(nf);
    return out;
}

// The TeX of a formula (the first <tex-math>, also inside <alternatives>);
// without one, its other content as inlines.
void Parser::formula(Flow& f, bool display) {
    std::optional<std::string> tex;
    Flow other{f.out, {}};
    Inlines label;
    int d = r_.depth();
    while (r_.next()) {
        if (r_.type() == NodeType::EndElement && r_.depth() == d) break;
        if (r_.type() == NodeType::Text) {
            other.pending.push_back(Text{std::string(r_.text())});
            continue;
        }
        if (r_.type() != NodeType::StartElement) continue;
        std::string_view n = r_.local_name();
        bool jats = r_.ns().empty();
        if (jats && n == "tex-math" && !tex) tex = r_.read_text();
        else if (jats && n == "alternatives") continue;
        else if (jats && n == "label") label = inlines_of();
        else if (tex && r_.ns() == xml::ns::mathml) r_.skip();  // an alternative to the TeX
        else element(other);
    }
    if (tex) {
        Math m;
        m.display = display;
        m.text = *tex;
        f.pending.push_back(std::move(m));
    } else {
        for (auto& i : other.pending) f.pending.push_back(std::move(i));
    }
    if (!label.empty()) {
        f.pending.push_back(Text{" "});
        for (auto& i : label) f.pending.push_back(std::move(i));
    }
}

}  // namespace copydesk::jats::reader

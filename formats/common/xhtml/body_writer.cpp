// The article body as (X)HTML elements (see body_writer.hpp).
#include "common/xhtml/body_writer.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "common/article/dateline.hpp"
#include "common/uri.hpp"
#include "copydesk/walk.hpp"
#include "enum_names.hpp"

namespace copydesk::xhtml {

namespace {

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", v);
    return buf;
}

// CSS text-align: the AST's names are CSS's.
std::string_view align_css(Alignment a) { return names::of(a); }

bool plain_paragraph(const Blocks& b) {
    if (b.size() != 1 || !b[0].is<Paragraph>()) return false;
    const auto& p = b[0].as<Paragraph>();
    return !p.first_line_indent && p.align == Alignment::Default;
}

}  // namespace

std::string length_css(const Length& l) { return number(l.value) + (l.unit == LengthUnit::Em ? "em" : "pt"); }

bool data_key_ok(std::string_view k) {
    if (k.empty() || k.rfind("xml", 0) == 0) return false;
    return std::all_of(k.begin(), k.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    });
}

bool has_scheme(std::string_view url) {
    std::size_t i = 0;
    if (url.empty() || !((url[0] >= 'a' && url[0] <= 'z') || (url[0] >= 'A' && url[0] <= 'Z'))) return false;
    while (i < url.size() && (std::isalnum(static_cast<unsigned char>(url[i])) || url[i] == '+' || url[i] == '-' ||
                              url[i] == '.'))
        ++i;
    return i < url.size() && url[i] == ':';
}

std::string media_type_of(const Resource& r) {
    if (!r.mime.empty()) return r.mime == "image/jpg" ? "image/jpeg" : r.mime;
    std::string ext;
    if (auto dot = r.name.rfind('.'); dot != std::string::npos) ext = r.name.substr(dot + 1);
    for (char& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
    if (ext == "png") return "image/png";
    if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
    if (ext == "gif") return "image/gif";
    if (ext == "svg") return "image/svg+xml";
    if (ext == "webp") return "image/webp";
    return "application/octet-stream";
}

BodyWriter::BodyWriter(xml::Writer& out, Flavor f, const Document& doc, DiagnosticSink& diags)
    : w_(out), f_(std::move(f)), doc_(doc), diags_(diags) {
    // Every id the AST defines, so internal links can be checked and
    // generated ids never collide with them.
    auto add = [&](const Attr& a) {
        if (!a.id.empty()) ids_.insert(a.id);
    };
    walk(doc, ConstVisitor{[&](const Block& b) {
                               if (b.is<Heading>()) add(b.as<Heading>().attr);
                               else if (b.is<Div>()) add(b.as<Div>().attr);
                               else if (b.is<Table>()) add(b.as<Table>().attr);
                               else if (b.is<Figure>()) add(b.as<Figure>().attr);
                               else if (b.is<CodeBlock>()) add(b.as<CodeBlock>().attr);
                           },
                           [&](const Inline& i) {
                               if (i.is<Span>()) add(i.as<Span>().attr);
                               else if (i.is<Link>()) add(i.as<Link>().attr);
                               else if (i.is<Image>()) add(i.as<Image>().attr);
                               else if (i.is<Code>()) add(i.as<Code>().attr);
                               else if (i.is<Note>()) add(i.as<Note>().attr);
                           }});
    for (const auto& r : doc.references)
        if (!r.id.empty()) ids_.insert(r.id);
}

void BodyWriter::warn(std::string_view what, std::string message) {
    diags_.warn(f_.prefix + "." + std::string(what), std::move(message), Location{"", f_.part, 0, 0});
}

bool BodyWriter::id_ok(const std::string& id) {
    if (id.empty()) return false;
    for (char c : id)
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') return false;
    return written_.insert(id).second;
}

void BodyWriter::attrs(const Attr& a, std::string_view extra_class) {
    if (!a.id.empty()) {
        if (id_ok(a.id)) w_.attr("id", a.id);
        else warn("id-dropped", "id '" + a.id + "' is not a valid or unique " + f_.markup + " id; it was dropped");
    }
    std::string cls(extra_class);
    for (const auto& c : a.classes) {
        if (c.empty()) continue;
        if (!cls.empty()) cls += ' ';
        cls += c;
    }
    if (!cls.empty()) w_.attr("class", cls);
    for (const auto& [k, v] : a.attributes) {
        if (data_key_ok(k)) w_.attr("data-" + k, v);
        else ++attr_dropped_;
    }
}

void BodyWriter::foot(const Metadata& m) {
    if (m.byline_placement != BylinePlacement::End) return;
    bool any = std::any_of(m.contributors.begin(), m.contributors.end(),
                           [](const Contributor& c) { return !article::in_metadata_line(c.role) && !c.name.empty(); });
    if (!any) return;
    w_.start("footer").attr("class", "article-foot");
    byline(m);
    w_.end();
}

void BodyWriter::finish() {
    if (attr_dropped_ > 0)
        warn("attr-dropped", std::to_string(attr_dropped_) + " attribute(s) whose names " + f_.markup +
                                 " cannot hold as data-* were dropped");
}

void BodyWriter::head(const Metadata& m) {
    const std::string line = article::metadata_line(m, f_.script);
    const bool start_byline = article::byline_at_start(m) && !article::byline(m, f_.script).empty();
    if (m.title.empty() && m.subtitle.empty() && line.empty() && !start_byline && m.abstract.empty()) return;
    w_.start("header").attr("class", "article-head");
    if (!m.title.empty()) w_.start("h1").attr("class", "title").text(m.title).end();
    if (!m.subtitle.empty()) w_.start("p").attr("class", "subtitle").text(m.subtitle).end();
    if (!line.empty()) w_.start("p").attr("class", "article-meta").text(line).end();
    if (start_byline) byline(m);
    if (!m.abstract.empty()) {
        w_.start("div").attr("class", "abstract");
        blocks(m.abstract);
        w_.end();
    }
    w_.end();
}

void BodyWriter::lede_dateline() {
    dateline_ = article::dateline_text(doc_.metadata, f_.script);
    if (dateline_.empty() || (!doc_.blocks.empty() && doc_.blocks.front().is<Paragraph>())) return;
    w_.start("p");
    dateline(false);
    w_.end();
}

void BodyWriter::dateline(bool lede) {
    w_.start("span").attr("class", article::kDatelineClass).text(dateline_).end();
    if (lede) w_.text(article::dateline_separator(doc_.metadata, f_.script));
    dateline_.clear();
}

void BodyWriter::byline(const Metadata& m) {
    const std::string line = article::byline(m, f_.script);
    if (!line.empty()) w_.start("p").attr("class", "byline").text(line).end();
}

void BodyWriter::blocks(const Blocks& bs) {
    for (const auto& b : bs) block(b);
}

void BodyWriter::block(const Block& b) {
    b.visit([&](const auto& n) {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, Paragraph>) paragraph(n);
        else if constexpr (std::is_same_v<T, Heading>) heading(n);
        else if constexpr (std::is_same_v<T, BlockQuote>) block_quote(n);
        else if constexpr (std::is_same_v<T, BulletList>) list(n.items, nullptr);
        else if constexpr (std::is_same_v<T, OrderedList>) list(n.items, &n);
        else if constexpr (std::is_same_v<T, Table>) table(n);
        else if constexpr (std::is_same_v<T, Figure>) figure(n);
        else if constexpr (std::is_same_v<T, CodeBlock>) code_block(n);
        else if constexpr (std::is_same_v<T, HorizontalRule>) w_.start("hr").end();
        else if constexpr (std::is_same_v<T, RawBlock>) raw(n.format, n.text, true);
        else if constexpr (std::is_same_v<T, Div>) div(n);
    });
}

void BodyWriter::paragraph(const Paragraph& p, const std::function<void()>& tail) {
    w_.start("p");
    std::string style;
    if (p.first_line_indent) style += "text-indent: " + length_css(*p.first_line_indent) + ";";
    if (p.align != Alignment::Default) {
        if (!style.empty()) style += ' ';
        style += "text-align: " + std::string(align_css(p.align)) + ";";
    }
    if (!style.empty()) w_.attr("style", style);
    if (!dateline_.empty()) dateline(true);
    inlines(p.content);
    if (tail) tail();
    w_.end();
}

void BodyWriter::heading(const Heading& h) {
    int level = h.level;
    if (level < 1 || level > 6) {
        warn("heading-level", "heading level " + std::to_string(level) + " written as h" +
                                       std::to_string(std::clamp(level, 1, 6)));
        level = std::clamp(level, 1, 6);
    }
    std::string tag = "h" + std::to_string(level);
    w_.start(tag);
    std::string id = h.attr.id;
    if (id.empty() || written_.count(id) != 0 || !id_ok(id)) {
        // A target for the navigation document; the reader drops "cd-" ids.
        do id = "cd-h" + std::to_string(++heading_ids_);
        while (ids_.count(id) != 0 || written_.count(id) != 0);
        written_.insert(id);
        if (!h.attr.id.empty())
            warn("id-dropped", "heading id '" + h.attr.id + "' is not a valid or unique " + f_.markup + " id");
    }
    w_.attr("id", id);
    Attr rest = h.attr;
    rest.id.clear();
    attrs(rest);
    inlines(h.content);
    w_.end();
    std::string text = stringify(h.content);
    if (!text.empty()) toc_.push_back({h.level, id, text});
}

void BodyWriter::block_quote(const BlockQuote& q) {
    w_.start("blockquote");
    blocks(q.content);
    w_.end();
}

void BodyWriter::tight(const Blocks& b) {
    if (plain_paragraph(b)) inlines(b[0].as<Paragraph>().content);
    else blocks(b);
}

void BodyWriter::list(const std::vector<Blocks>& items, const OrderedList* ordered) {
    w_.start(ordered ? "ol" : "ul");
    if (ordered) {
        if (ordered->start != 1) w_.attr("start", std::to_string(ordered->start));
        switch (ordered->style) {
            case ListStyle::Decimal: w_.attr("type", "1"); break;
            case ListStyle::LowerAlpha: w_.attr("type", "a"); break;
            case ListStyle::UpperAlpha: w_.attr("type", "A"); break;
            case ListStyle::LowerRoman: w_.attr("type", "i"); break;
            case ListStyle::UpperRoman: w_.attr("type", "I"); break;
            case ListStyle::CJK: w_.attr("class", "cjk"); break;
            case ListStyle::Default: break;
        }
    }
    for (const auto& item : items) {
        w_.start("li");
        tight(item);
        w_.end();
    }
    w_.end();
}

void BodyWriter::cell(const TableCell& c, bool head, Alignment col_align, int rowspan) {
    w_.start(head ? "th" : "td");
    if (c.colspan > 1) w_.attr("colspan", std::to_string(c.colspan));
    if (rowspan > 1) w_.attr("rowspan", std::to_string(rowspan));
    Alignment a = c.align != Alignment::Default ? c.align : col_align;
    if (a != Alignment::Default) w_.attr("style", "text-align: " + std::string(align_css(a)) + ";");
    tight(c.content);
    w_.end();
}

namespace {

// Whether every column below `ncols` has a cell beginning in it and no row
// group is wider than `ncols`.
bool columns_match(const Table& t, std::size_t ncols) {
    std::vector<bool> starts(ncols, false);
    for (const auto* rows : {&t.head, &t.body, &t.foot}) {
        std::vector<int> busy;
        for (const auto& row : *rows) {
            std::size_t col = 0;
            for (const auto& c : row.cells) {
                while (col < busy.size() && busy[col] > 0) ++col;
                if (col >= ncols) return false;
                starts[col] = true;
                std::size_t span = std::size_t(std::max(c.colspan, 1));
                if (busy.size() < col + span) busy.resize(col + span, 0);
                for (std::size_t k = col; k < col + span; ++k) busy[k] = std::max(c.rowspan, 1);
                col += span;
            }
            if (busy.size() > ncols) return false;
            for (int& b : busy)
                if (b > 0) --b;
        }
    }
    return std::all_of(starts.begin(), starts.end(), [](bool s) { return s; });
}

}  // namespace

void BodyWriter::table(const Table& t) {
    w_.start("table");
    attrs(t.attr);
    if (!t.caption.empty()) {
        w_.start("caption");
        tight(t.caption);
        w_.end();
    }
    std::size_t ncols = std::max(t.col_widths.size(), t.col_align.size());
    bool cols = std::any_of(t.col_widths.begin(), t.col_widths.end(), [](double v) { return v > 0; }) ||
                std::any_of(t.col_align.begin(), t.col_align.end(), [](Alignment a) { return a != Alignment::Default; });
    // HTML's table model: a column group wider than the rows, or a column in
    // which no cell begins, is an error (HTML only: the EPUB output stays as it was).
    if (cols && !f_.epub_types) cols = columns_match(t, ncols);
    if (cols) {
        w_.start("colgroup");
        for (std::size_t i = 0; i < ncols; ++i) {
            w_.start("col");
            double width = i < t.col_widths.size() ? t.col_widths[i] : 0;
            if (width > 0) w_.attr("style", "width: " + number(width * 100) + "%;");
            Alignment a = i < t.col_align.size() ? t.col_align[i] : Alignment::Default;
            if (a != Alignment::Default) w_.attr("data-align", align_css(a));
            w_.end();
        }
        w_.end();
    }
    auto section = [&](const std::vector<TableRow>& rows, std::string_view tag, bool head) {
        if (rows.empty()) return;
        w_.start(tag);
        // Which columns rows above still cover (rowspan), to find each cell's column.
        std::vector<int> busy;
        for (const auto& row : rows) {
            w_.start("tr");
            std::size_t col = 0;
            for (const auto& c : row.cells) {
                while (col < busy.size() && busy[col] > 0) ++col;
                Alignment ca = col < t.col_align.size() ? t.col_align[col] : Alignment::Default;
                // HTML: a rowspan ends with its row group.
                int left = int(rows.size() - std::size_t(&row - rows.data()));
                cell(c, head, ca, f_.epub_types ? c.rowspan : std::min(c.rowspan, left));
                std::size_t span = std::size_t(std::max(c.colspan, 1));
                if (busy.size() < col + span) busy.resize(col + span, 0);
                for (std::size_t k = col; k < col + span; ++k) busy[k] = std::max(c.rowspan, 1);
                col += span;
            }
            for (int& b : busy)
                if (b > 0) --b;
            w_.end();
        }
        w_.end();
    };
    section(t.head, "thead", true);
    section(t.body, "tbody", false);
    section(t.foot, "tfoot", false);
    w_.end();
}

void BodyWriter::figure(const Figure& f) {
    w_.start("figure");
    attrs(f.attr);
    blocks(f.content);
    if (!f.label.empty() || !f.caption.empty()) {
        w_.start("figcaption");
        if (!f.label.empty()) w_.start("span").attr("class", "figure-label").text(f.label).end();
        if (plain_paragraph(f.caption)) {
            if (!f.label.empty()) w_.text(" ");
            inlines(f.caption[0].as<Paragraph>().content);
        } else {
            blocks(f.caption);
        }
        w_.end();
    }
    w_.end();
}

void BodyWriter::code_block(const CodeBlock& c) {
    w_.start("pre");
    Attr rest = c.attr;
    std::string lang;
    if (!rest.classes.empty()) {
        lang = "language-" + rest.classes.front();
        rest.classes.erase(rest.classes.begin());
    }
    attrs(rest);
    w_.start("code");
    if (!lang.empty()) w_.attr("class", lang);
    w_.text(c.text).end();
    w_.end();
}

void BodyWriter::div(const Div& d) {
    w_.start("div");
    attrs(d.attr);
    blocks(d.content);
    w_.end();
}

void BodyWriter::inlines(const Inlines& is) {
    for (const auto& i : is) inline_(i);
}

void BodyWriter::inline_(const Inline& i) {
    auto wrap = [&](std::string_view tag, const Inlines& content, std::string_view cls = {}) {
        w_.start(tag);
        if (!cls.empty()) w_.attr("class", cls);
        inlines(content);
        w_.end();
    };
    i.visit([&](const auto& n) {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, Text>) w_.text(n.text);
        else if constexpr (std::is_same_v<T, Emph>) wrap("em", n.content);
        else if constexpr (std::is_same_v<T, Strong>) wrap("strong", n.content);
        else if constexpr (std::is_same_v<T, Underline>) wrap("u", n.content);
        else if constexpr (std::is_same_v<T, Strikeout>) wrap("s", n.content);
        else if constexpr (std::is_same_v<T, Superscript>) wrap("sup", n.content);
        else if constexpr (std::is_same_v<T, Subscript>) wrap("sub", n.content);
        else if constexpr (std::is_same_v<T, SmallCaps>) wrap("span", n.content, "smallcaps");
        else if constexpr (std::is_same_v<T, Code>) {
            w_.start("code");
            attrs(n.attr);
            w_.text(n.text).end();
        } else if constexpr (std::is_same_v<T, Link>) link(n);
        else if constexpr (std::is_same_v<T, Image>) image(n);
        else if constexpr (std::is_same_v<T, LineBreak>) w_.start("br").end();
        else if constexpr (std::is_same_v<T, Note>) note(n);
        else if constexpr (std::is_same_v<T, Math>) {
            warn("math-as-text", "a formula was written as its source text");
            w_.start("span").attr("class", n.notation == MathNotation::TeX ? "math tex" : "math mathml");
            w_.text(n.text).end();
        } else if constexpr (std::is_same_v<T, CrossRef>) cross_ref(n);
        else if constexpr (std::is_same_v<T, Span>) {
            w_.start("span");
            attrs(n.attr);
            inlines(n.content);
            w_.end();
        } else if constexpr (std::is_same_v<T, RawInline>) {
            raw(n.format, n.text, false);
        }
    });
}

void BodyWriter::link(const Link& l) {
    bool internal = !l.target.empty() && l.target[0] == '#';
    const char* problem = nullptr;
    if (in_link_ > 0) problem = "nested-link";
    else if (internal && ids_.count(l.target.substr(1)) == 0) problem = "link-target-missing";
    else if (!internal && !f_.relative_links && !has_scheme(l.target)) problem = "link-relative";
    if (problem) {
        // An <a> inside an <a>, a fragment no element has, or (EPUB) a file
        // outside the package would each make the file invalid: keep the text.
        warn(problem, "link to '" + l.target + "' written as its text");
        w_.start("span");
        attrs(l.attr);
        inlines(l.content);
        w_.end();
        return;
    }
    w_.start("a");
    attrs(l.attr);
    w_.attr("href", internal ? l.target : uri_escape(l.target));
    if (!l.title.empty()) w_.attr("title", l.title);
    ++in_link_;
    inlines(l.content);
    --in_link_;
    w_.end();
}

void BodyWriter::cross_ref(const CrossRef& x) {
    if (in_link_ > 0 || ids_.count(x.target) == 0) {
        warn(in_link_ > 0 ? "nested-link" : "link-target-missing",
             "cross-reference to '" + x.target + "' written as its text");
        inlines(x.content);
        return;
    }
    w_.start("a").attr("class", "xref").attr("href", "#" + x.target);
    if (!x.ref_type.empty()) w_.attr("data-ref-type", x.ref_type);
    ++in_link_;
    inlines(x.content);
    --in_link_;
    w_.end();
}

void BodyWriter::image(const Image& img) {
    std::string alt = stringify(img.alt);
    const Resource* r = doc_.resource(img.target);
    std::string src;
    if (!r)
        warn(has_scheme(img.target) ? "image-external" : "image-missing",
             "image '" + img.target + "' is not in the document's resources; its alt text was written");
    else
        src = image_source(*r);
    if (src.empty()) {
        w_.start("span").attr("class", "image-alt").text(alt).end();
        return;
    }
    w_.start("img");
    Attr rest = img.attr;
    std::string style;
    for (const char* key : {"width", "height"})
        if (const std::string* v = rest.get(key)) {
            if (!style.empty()) style += ' ';
            style += std::string(key) + ": " + *v + ";";
        }
    std::erase_if(rest.attributes, [](const auto& kv) { return kv.first == "width" || kv.first == "height"; });
    attrs(rest);
    w_.attr("src", src).attr("alt", alt);
    if (!img.title.empty()) w_.attr("title", img.title);
    if (!style.empty()) w_.attr("style", style);
    w_.end();
}

std::string BodyWriter::fresh_id(std::string_view prefix, std::size_t from) {
    std::string id;
    do id = std::string(prefix) + std::to_string(from++);
    while (ids_.count(id) != 0 || written_.count(id) != 0);
    written_.insert(id);
    return id;
}

void BodyWriter::note(const Note& n) {
    std::size_t num = notes_.size() + 1;
    std::string id = !n.attr.id.empty() && id_ok(n.attr.id) ? n.attr.id : fresh_id("cd-fn", num);
    std::string ref_id = fresh_id("cd-fnref", num);
    if (in_link_ > 0) {
        // No <a> may sit inside another: the note's text is still written with the notes.
        warn("nested-link", "a note inside a link has no reference mark");
        notes_.push_back({&n, id, {}});
        return;
    }
    notes_.push_back({&n, id, ref_id});
    note_ref(notes_.back(), num);
}

void BodyWriter::raw(const std::string& format, const std::string& text, bool block) {
    if (f_.raw_html && format == "html") {
        w_.raw(text);
        return;
    }
    warn("raw-dropped", block ? "a raw " + format + " block was dropped" : "raw " + format + " inline content was dropped");
}

void BodyWriter::references(const std::vector<Reference>& refs) {
    if (refs.empty()) return;
    diags_.info(f_.prefix + ".references-as-text", "references were written as paragraphs; their fields were not kept",
                Location{"", f_.part, 0, 0});
    // HTML: a <div>, since a <section> without a heading draws a Nu checker warning.
    w_.start(f_.epub_types ? "section" : "div").attr("class", "references");
    if (f_.epub_types) w_.attr("epub:type", "bibliography");
    else w_.attr("role", "doc-bibliography");
    for (const auto& r : refs) {
        std::string text = r.text;
        if (text.empty()) {
            for (const auto& a : r.authors) text += (text.empty() ? "" : ", ") + a;
            for (const std::string* part : {&r.title, &r.container, &r.publisher, &r.year, &r.doi, &r.url})
                if (!part->empty()) text += (text.empty() ? "" : ". ") + *part;
        }
        w_.start("p");
        if (!r.id.empty() && id_ok(r.id)) w_.attr("id", r.id);
        w_.text(text).end();
    }
    w_.end();
}

}  // namespace copydesk::xhtml

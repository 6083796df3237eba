// The article as one XHTML content document.
#include <algorithm>
#include <cstdio>

#include "common/article/dateline.hpp"
#include "common/uri.hpp"
#include "copydesk/walk.hpp"
#include "enum_names.hpp"
#include "epub/epub.hpp"
#include "epub/epub_writer.hpp"

namespace copydesk::epub::writer {

namespace {

constexpr std::string_view kPart = "EPUB/article.xhtml";

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", v);
    return buf;
}

std::string length_css(const Length& l) { return number(l.value) + (l.unit == LengthUnit::Em ? "em" : "pt"); }

// CSS text-align: the AST's names are CSS's.
std::string_view align_css(Alignment a) { return names::of(a); }

// A data-* attribute name XHTML accepts: lowercase ASCII letters, digits, - _ .
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

bool plain_paragraph(const Blocks& b) {
    if (b.size() != 1 || !b[0].is<Paragraph>()) return false;
    const auto& p = b[0].as<Paragraph>();
    return !p.first_line_indent && p.align == Alignment::Default;
}

}  // namespace

bool is_core_image_type(std::string_view mime) {
    return mime == "image/png" || mime == "image/jpeg" || mime == "image/gif" || mime == "image/svg+xml";
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

BodyWriter::BodyWriter(xml::Writer& out, const Settings& s, const Document& doc, DiagnosticSink& diags, Media& media)
    : w_(out), s_(s), doc_(doc), diags_(diags), media_(media) {
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

void BodyWriter::warn(std::string code, std::string message) {
    diags_.warn(std::move(code), std::move(message), Location{"", std::string(kPart), 0, 0});
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
        else warn("epub.id-dropped", "id '" + a.id + "' is not a valid or unique XHTML id; it was dropped");
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

void BodyWriter::document(std::string_view title) {
    xhtml_start(w_, s_, title, !s_.user_css.empty());
    w_.start("body").attr("epub:type", "bodymatter");
    head(doc_.metadata);
    dateline_ = article::dateline_text(doc_.metadata, s_.script);
    if (!dateline_.empty() && (doc_.blocks.empty() || !doc_.blocks.front().is<Paragraph>())) {
        w_.start("p");
        dateline(false);
        w_.end();
    }
    blocks(doc_.blocks);
    if (doc_.metadata.byline_placement == BylinePlacement::End) {
        bool any = std::any_of(doc_.metadata.contributors.begin(), doc_.metadata.contributors.end(),
                               [](const Contributor& c) { return !article::in_metadata_line(c.role) && !c.name.empty(); });
        if (any) {
            w_.start("footer").attr("class", "article-foot");
            byline(doc_.metadata);
            w_.end();
        }
    }
    references(doc_.references);
    notes();
    w_.end().end();  // body, html
    if (attr_dropped_ > 0)
        warn("epub.attr-dropped", std::to_string(attr_dropped_) +
                                      " attribute(s) whose names XHTML cannot hold as data-* were dropped");
}

void BodyWriter::head(const Metadata& m) {
    const std::string line = article::metadata_line(m, s_.script);
    const bool start_byline = article::byline_at_start(m) && !article::byline(m, s_.script).empty();
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

void BodyWriter::byline(const Metadata& m) {
    const std::string line = article::byline(m, s_.script);
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
        else if constexpr (std::is_same_v<T, RawBlock>)
            warn("epub.raw-dropped", "a raw " + n.format + " block was dropped");
        else if constexpr (std::is_same_v<T, Div>) div(n);
    });
}

void BodyWriter::paragraph(const Paragraph& p) {
    w_.start("p");
    std::string style;
    if (p.first_line_indent) style += "text-indent: " + length_css(*p.first_line_indent) + ";";
    if (p.align != Alignment::Default) {
        if (!style.empty()) style += ' ';
        style += "text-align: " + std::string(align_css(p.align)) + ";";
    }
    if (!style.empty()) w_.attr("style", style);
    if (!dateline_.empty()) dateline();
    inlines(p.content);
    w_.end();
}

void BodyWriter::dateline(bool lede) {
    w_.start("span").attr("class", article::kDatelineClass).text(dateline_).end();
    if (lede) w_.text(article::dateline_separator(doc_.metadata, s_.script));
    dateline_.clear();
}

void BodyWriter::heading(const Heading& h) {
    int level = h.level;
    if (level < 1 || level > 6) {
        warn("epub.heading-level", "heading level " + std::to_string(level) + " written as h" +
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
        if (!h.attr.id.empty()) warn("epub.id-dropped", "heading id '" + h.attr.id + "' is not a valid or unique XHTML id");
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

void BodyWriter::cell(const TableCell& c, bool head, Alignment col_align) {
    w_.start(head ? "th" : "td");
    if (c.colspan > 1) w_.attr("colspan", std::to_string(c.colspan));
    if (c.rowspan > 1) w_.attr("rowspan", std::to_string(c.rowspan));
    Alignment a = c.align != Alignment::Default ? c.align : col_align;
    if (a != Alignment::Default) w_.attr("style", "text-align: " + std::string(align_css(a)) + ";");
    tight(c.content);
    w_.end();
}

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
                cell(c, head, ca);
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
            warn("epub.math-as-text", "a formula was written as its source text");
            w_.start("span").attr("class", n.notation == MathNotation::TeX ? "math tex" : "math mathml");
            w_.text(n.text).end();
        } else if constexpr (std::is_same_v<T, CrossRef>) cross_ref(n);
        else if constexpr (std::is_same_v<T, Span>) {
            w_.start("span");
            attrs(n.attr);
            inlines(n.content);
            w_.end();
        } else if constexpr (std::is_same_v<T, RawInline>) {
            warn("epub.raw-dropped", "raw " + n.format + " inline content was dropped");
        }
    });
}

void BodyWriter::link(const Link& l) {
    bool internal = !l.target.empty() && l.target[0] == '#';
    const char* problem = nullptr;
    if (in_link_ > 0) problem = "epub.nested-link";
    else if (internal && ids_.count(l.target.substr(1)) == 0) problem = "epub.link-target-missing";
    else if (!internal && !has_scheme(l.target)) problem = "epub.link-relative";
    if (problem) {
        // An <a> inside an <a>, a fragment no element has, or a file outside
        // the package would each make the EPUB invalid: keep the text.
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
        warn(in_link_ > 0 ? "epub.nested-link" : "epub.link-target-missing",
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
    std::string mime = r ? media_type_of(*r) : std::string();
    if (!r || !is_core_image_type(mime)) {
        if (!r)
            warn(has_scheme(img.target) ? "epub.image-external" : "epub.image-missing",
                 "image '" + img.target + "' is not in the document's resources; its alt text was written");
        else
            warn("epub.image-type", "image '" + img.target + "' of type " + mime +
                                        " is not an EPUB core media type; its alt text was written");
        w_.start("span").attr("class", "image-alt").text(alt).end();
        return;
    }
    auto [it, added] = media_.by_resource.try_emplace(r->name, media_.files.size());
    if (added) {
        // media/<file name>, ASCII-safe and unique in the package.
        std::string base = r->name.substr(r->name.rfind('/') == std::string::npos ? 0 : r->name.rfind('/') + 1);
        std::string safe;
        for (char c : base)
            safe += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_') ? c : '_';
        if (safe.empty() || safe[0] == '.') safe = "image" + safe;
        std::string href = "media/" + safe;
        for (int n = 2; !media_.hrefs.insert(href).second; ++n) href = "media/" + std::to_string(n) + "-" + safe;
        media_.files.push_back({href, mime, &r->data});
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
    w_.attr("src", media_.files[it->second].href).attr("alt", alt);
    if (!img.title.empty()) w_.attr("title", img.title);
    if (!style.empty()) w_.attr("style", style);
    w_.end();
}

void BodyWriter::note(const Note& n) {
    std::size_t num = notes_.size() + 1;
    auto fresh = [&](std::string_view prefix) {
        std::string id;
        std::size_t k = num;
        do id = std::string(prefix) + std::to_string(k++);
        while (ids_.count(id) != 0 || written_.count(id) != 0);
        written_.insert(id);
        return id;
    };
    std::string id = !n.attr.id.empty() && id_ok(n.attr.id) ? n.attr.id : fresh("cd-fn");
    std::string ref_id = fresh("cd-fnref");
    if (in_link_ > 0) {
        // No <a> may sit inside another: the note's text still goes to its aside.
        warn("epub.nested-link", "a note inside a link has no reference mark");
        notes_.push_back({&n, id, {}});
        return;
    }
    notes_.push_back({&n, id, ref_id});
    w_.start("a")
        .attr("epub:type", "noteref")
        .attr("class", "noteref")
        .attr("href", "#" + id)
        .attr("id", ref_id)
        .text(std::to_string(num))
        .end();
}

void BodyWriter::notes() {
    // Notes met inside notes are appended while we go: each is an aside too.
    bool endnotes_open = false;
    for (; notes_done_ < notes_.size(); ++notes_done_) {
        PendingNote p = notes_[notes_done_];
        const Attr& a = p.note->attr;
        bool endnote = std::find(a.classes.begin(), a.classes.end(), "endnote") != a.classes.end();
        if (endnote && !endnotes_open) {
            w_.start("section").attr("class", "endnotes").attr("epub:type", "endnotes");
            endnotes_open = true;
        } else if (!endnote && endnotes_open) {
            w_.end();
            endnotes_open = false;
        }
        w_.start("aside").attr("epub:type", endnote ? "endnote" : "footnote").attr("id", p.id);
        Attr rest = a;
        rest.id.clear();
        attrs(rest);
        blocks(p.note->content);
        w_.end();
    }
    if (endnotes_open) w_.end();
}

void BodyWriter::references(const std::vector<Reference>& refs) {
    if (refs.empty()) return;
    diags_.info("epub.references-as-text", "references were written as paragraphs; their fields were not kept",
                Location{"", std::string(kPart), 0, 0});
    w_.start("section").attr("class", "references").attr("epub:type", "bibliography");
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

}  // namespace copydesk::epub::writer

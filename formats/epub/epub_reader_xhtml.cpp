// XHTML content documents to the AST.
#include <algorithm>
#include <charconv>

#include "copydesk/errors.hpp"
#include "epub/epub.hpp"
#include "epub/epub_reader.hpp"

namespace copydesk::epub::reader {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// CJK ideographs, kana, fullwidth forms and CJK punctuation: a line break
// between two of them is no space (CSS Text segment-break transformation).
bool is_cjk(std::uint32_t cp) {
    return (cp >= 0x3000 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFFEF) ||
           (cp >= 0x20000 && cp <= 0x3FFFF);
}

std::uint32_t decode(std::string_view s, std::size_t i, std::size_t& len) {
    auto b = std::uint8_t(s[i]);
    len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    if (i + len > s.size()) {
        len = 1;
        return b;
    }
    std::uint32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (std::uint8_t(s[i + k]) & 0x3F);
    return cp;
}

bool is_block_tag(std::string_view n) {
    static const char* kBlocks[] = {"p",       "div",     "section", "article", "aside",   "nav",    "header",
                                    "footer",  "main",    "h1",      "h2",      "h3",      "h4",     "h5",
                                    "h6",      "hgroup",  "ul",      "ol",      "li",      "dl",     "dt",
                                    "dd",      "table",   "blockquote", "pre",  "figure",  "figcaption", "hr",
                                    "address", "details", "summary", "center",  "body",    "caption", "fieldset"};
    return std::any_of(std::begin(kBlocks), std::end(kBlocks), [&](const char* b) { return n == b; });
}

bool is_dropped_tag(std::string_view n) {
    static const char* kDropped[] = {"script", "style",  "template", "head",  "title",  "video",  "audio",
                                     "iframe", "embed",    "input",  "button", "select",
                                     "textarea", "noscript", "map", "source", "track"};
    return (!n.empty() && n[0] == '#') ||
           std::any_of(std::begin(kDropped), std::end(kDropped), [&](const char* b) { return n == b; });
}

// Elements whose content is the fallback for what a reading system may not
// render (an <object>'s data, a canvas, content switching): the content is
// read, as blocks or as inlines, whichever it holds.
bool is_fallback_tag(std::string_view n) {
    return n == "object" || n == "canvas" || n == "epub:switch" || n == "epub:default";
}

bool has_block_child(const Node& n) {
    return std::any_of(n.children.begin(), n.children.end(), [](const Node& c) {
        return c.is_element() && (is_block_tag(c.name) || (is_fallback_tag(c.name) && has_block_child(c)));
    });
}

// The value of one CSS property in a style attribute ("text-indent: 2em; ..." -> "2em").
std::string css_value(const std::string* style, std::string_view prop) {
    if (!style) return {};
    std::string_view s = *style;
    while (!s.empty()) {
        std::size_t semi = s.find(';');
        std::string_view decl = s.substr(0, semi);
        std::size_t colon = decl.find(':');
        if (colon != std::string_view::npos) {
            std::string_view k = decl.substr(0, colon), v = decl.substr(colon + 1);
            while (!k.empty() && is_space(k.front())) k.remove_prefix(1);
            while (!k.empty() && is_space(k.back())) k.remove_suffix(1);
            while (!v.empty() && is_space(v.front())) v.remove_prefix(1);
            while (!v.empty() && is_space(v.back())) v.remove_suffix(1);
            if (k == prop) return std::string(v);
        }
        if (semi == std::string_view::npos) break;
        s.remove_prefix(semi + 1);
    }
    return {};
}

Alignment align_of(std::string_view v) {
    if (v == "left" || v == "start") return Alignment::Left;
    if (v == "center") return Alignment::Center;
    if (v == "right" || v == "end") return Alignment::Right;
    if (v == "justify") return Alignment::Justify;
    return Alignment::Default;
}

std::optional<Length> length_of(std::string_view v) {
    double value = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), value);
    if (ec != std::errc()) return std::nullopt;
    std::string_view unit(p, std::size_t(v.data() + v.size() - p));
    if (unit == "em") return Length{value, LengthUnit::Em};
    if (unit == "pt") return Length{value, LengthUnit::Pt};
    if (unit == "px") return Length{value * 0.75, LengthUnit::Pt};
    return std::nullopt;
}

int int_attr(const Node& n, std::string_view key, int fallback, int lo, int hi) {
    const std::string* v = n.attr(key);
    if (!v) return fallback;
    int out = 0;
    auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
    if (ec != std::errc()) return fallback;
    return std::clamp(out, lo, hi);
}

std::string all_text(const Node& n) {
    if (!n.is_element()) return n.text;
    std::string out;
    for (const auto& c : n.children) out += all_text(c);
    return out;
}

// The first non-space character below n, for the CJK line-break rule.
std::optional<std::uint32_t> first_char(const Node& n) {
    if (!n.is_element()) {
        for (std::size_t i = 0; i < n.text.size();) {
            std::size_t len = 1;
            if (is_space(n.text[i])) {
                ++i;
                continue;
            }
            return decode(n.text, i, len);
        }
        return std::nullopt;
    }
    for (const auto& c : n.children)
        if (auto cp = first_char(c)) return cp;
    return std::nullopt;
}

bool is_backlink(const Node& a) {
    return a.name == "a" && (a.has_class("footnote-back") || a.has_type("backlink"));
}

}  // namespace

// Whitespace of the paragraph being built: runs collapse to one space,
// dropped at the start and end, and dropped at a line break between CJK.
struct Converter::Ws {
    bool at_start = true;
    bool pending = false;
    bool pending_nl = false;
    bool last_cjk = false;
};

Converter::Converter(Book& book, Document& doc, DiagnosticSink& diags) : book_(book), doc_(doc), diags_(diags) {}

void Converter::drop(const std::string& what, int line) {
    if (dropped_kinds_.insert(what).second)
        diags_.warn(book_.diag_prefix + ".element-dropped", "<" + what + "> content was dropped", Location{book_.file, path_, line, 0});
}

void Converter::body(const Node& html, const std::string& path, Blocks& out) {
    path_ = path;
    if (!html.is_element()) {
        blocks_from(html, out);  // an SVG document of the spine: its text
        return;
    }
    for (const auto& c : html.children)
        if (c.name == "body") blocks_from(c, out);
}

namespace {
void append_text(Inlines& out, std::string_view s) {
    if (s.empty()) return;
    if (!out.empty() && out.back().is<Text>()) out.back().as<Text>().text += s;
    else out.push_back(Text{std::string(s)});
}
}  // namespace

// Whitespace collapses as HTML renders it. Text comes from libxml2, so it is
// valid UTF-8: runs between spaces are copied whole, and only a run's first
// and last characters matter (no space where a line break joins two CJK
// characters).
void Converter::text(std::string_view t, Inlines& out, Ws& ws) {
    std::string buf;
    buf.reserve(t.size());
    for (std::size_t i = 0; i < t.size();) {
        if (is_space(t[i])) {
            ws.pending = true;
            if (t[i] == '\n') ws.pending_nl = true;
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < t.size() && !is_space(t[j])) ++j;
        std::size_t len = 1;
        const bool first_cjk = is_cjk(decode(t, i, len));
        if (ws.pending && !ws.at_start && !(ws.pending_nl && ws.last_cjk && first_cjk)) buf += ' ';
        ws.pending = ws.pending_nl = false;
        ws.at_start = false;
        std::size_t last = j - 1;
        while (last > i && (static_cast<unsigned char>(t[last]) & 0xC0) == 0x80) --last;
        ws.last_cjk = is_cjk(decode(t, last, len));
        buf.append(t, i, j - i);
        i = j;
    }
    append_text(out, buf);
}

void Converter::flush(Inlines& pending, Blocks& out) {
    if (!pending.empty()) out.push_back(Paragraph{std::move(pending), std::nullopt, Alignment::Default});
    pending.clear();
}

Attr Converter::attr_of(const Node& n, bool with_id) const {
    Attr a;
    if (with_id)
        if (const std::string* id = n.attr("id"); id && id->rfind("cd-", 0) != 0) a.id = *id;
    if (const std::string* cls = n.attr("class")) {
        std::string_view s = *cls;
        while (!s.empty()) {
            std::size_t sp = s.find_first_of(" \t\n\r");
            if (sp != 0) a.classes.emplace_back(s.substr(0, sp));
            if (sp == std::string_view::npos) break;
            s.remove_prefix(sp + 1);
        }
    }
    for (const auto& [k, v] : n.attrs)
        if (k.rfind("data-", 0) == 0 && k.size() > 5) a.attributes.emplace_back(k.substr(5), v);
    return a;
}

std::string Converter::link_target(std::string_view href) const {
    if (href.empty() || href[0] == '#') return std::string(href);
    auto path = resolve_path(path_, href);
    if (!path) return std::string(href);  // a URL
    if (book_.spine_docs.count(*path) != 0) {
        // The spine is read into one flow: a link into it is internal.
        std::string frag = fragment_of(href);
        if (!frag.empty()) return "#" + frag;
    }
    return std::string(href);
}

void Converter::blocks_from(const Node& parent, Blocks& out) {
    if (++depth_ > 200) {
        --depth_;
        throw LimitError("XHTML nesting too deep", Location{book_.file, path_, parent.line, 0});
    }
    Inlines pending;
    Ws ws;
    bool notes_section = parent.has_type("footnotes") || parent.has_type("endnotes") ||
                         parent.has_type("rearnotes") || parent.has_class("footnotes");
    for (const auto& c : parent.children) {
        if (!c.is_element()) {
            text(c.text, pending, ws);
        } else if (is_block_tag(c.name) || (is_fallback_tag(c.name) && has_block_child(c))) {
            if (book_.note_targets.count(&c) != 0) continue;  // read where it is referred to
            if (notes_section && c.name == "hr") continue;
            flush(pending, out);
            ws = Ws{};
            block(c, out);
        } else {
            inline_(c, pending, ws);
        }
    }
    flush(pending, out);
    --depth_;
}

void Converter::block(const Node& n, Blocks& out) {
    const std::string& t = n.name;
    if (t == "p") {
        Paragraph p;
        Ws ws;
        inlines_from(n, p.content, ws);
        const std::string* style = n.attr("style");
        p.first_line_indent = length_of(css_value(style, "text-indent"));
        p.align = align_of(css_value(style, "text-align"));
        out.push_back(std::move(p));
    } else if (t.size() == 2 && t[0] == 'h' && t[1] >= '1' && t[1] <= '6') {
        Heading h;
        h.level = t[1] - '0';
        h.attr = attr_of(n);
        Ws ws;
        inlines_from(n, h.content, ws);
        out.push_back(std::move(h));
    } else if (t == "ul" || t == "ol") {
        std::vector<Blocks> items;
        for (const auto& c : n.children) {
            if (!c.is_element() || book_.note_targets.count(&c) != 0) continue;
            Blocks item;
            if (c.name == "li") blocks_from(c, item);
            else block(c, item);
            items.push_back(std::move(item));
        }
        if (items.empty()) return;
        if (t == "ul") {
            out.push_back(BulletList{std::move(items)});
            return;
        }
        OrderedList l;
        l.items = std::move(items);
        l.start = int_attr(n, "start", 1, -1000000, 1000000);
        if (const std::string* type = n.attr("type")) {
            if (*type == "1") l.style = ListStyle::Decimal;
            else if (*type == "a") l.style = ListStyle::LowerAlpha;
            else if (*type == "A") l.style = ListStyle::UpperAlpha;
            else if (*type == "i") l.style = ListStyle::LowerRoman;
            else if (*type == "I") l.style = ListStyle::UpperRoman;
        }
        if (n.has_class("cjk")) l.style = ListStyle::CJK;
        out.push_back(std::move(l));
    } else if (t == "blockquote") {
        BlockQuote q;
        blocks_from(n, q.content);
        out.push_back(std::move(q));
    } else if (t == "pre") {
        CodeBlock c;
        c.attr = attr_of(n);
        for (const auto& k : n.children)
            if (k.name == "code")
                if (const std::string* cls = k.attr("class"); cls && cls->rfind("language-", 0) == 0)
                    c.attr.classes.insert(c.attr.classes.begin(), cls->substr(9, cls->find(' ', 9) - 9));
        c.text = all_text(n);
        out.push_back(std::move(c));
    } else if (t == "hr") {
        out.push_back(HorizontalRule{});
    } else if (t == "table") {
        out.push_back(table(n));
    } else if (t == "figure") {
        out.push_back(figure(n));
    } else if (t == "header" && n.has_class("article-head")) {
        // copydesk's article head: the package metadata holds the same.
    } else if (t == "footer" && n.has_class("article-foot")) {
    } else if (t == "section" && n.has_class("references")) {
        for (const auto& c : n.children) {
            if (!c.is_element()) continue;
            Reference r;
            if (const std::string* id = c.attr("id")) r.id = *id;
            Inlines tmp;
            Ws ws;
            inlines_from(c, tmp, ws);
            r.text = tmp.size() == 1 && tmp[0].is<Text>() ? tmp[0].as<Text>().text : all_text(c);
            doc_.references.push_back(std::move(r));
        }
    } else if (t == "nav" && (n.has_type("toc") || n.has_type("landmarks") || n.has_type("page-list"))) {
        // navigation, not content
    } else if (is_fallback_tag(t)) {
        blocks_from(n, out);
    } else if (t == "div" || t == "aside") {
        Attr a = attr_of(n);
        if (a.empty() && t == "div") {
            blocks_from(n, out);
            return;
        }
        Div d;
        d.attr = std::move(a);
        if (t == "aside" && d.attr.classes.empty()) d.attr.classes.push_back("aside");
        blocks_from(n, d.content);
        // The HTML writer's <div class="footnotes">: its notes were read where they are referred to.
        if (d.content.empty() && n.has_class("footnotes")) return;
        out.push_back(std::move(d));
    } else if (is_dropped_tag(t)) {
        drop(t, n.line);
    } else {
        // section, article, main, header, footer, nav, dl, li, ...: flattened.
        // A section's id moves to its heading when that has none (pandoc's
        // sections), so links to it still land.
        std::size_t first = out.size();
        blocks_from(n, out);
        const std::string* id = n.attr("id");
        if (id && t == "section" && first < out.size() && out[first].is<Heading>() &&
            out[first].as<Heading>().attr.id.empty() && id->rfind("cd-", 0) != 0)
            out[first].as<Heading>().attr.id = *id;
    }
}

void Converter::inlines_from(const Node& parent, Inlines& out, Ws& ws) {
    for (const auto& c : parent.children) {
        if (c.is_element()) inline_(c, out, ws);
        else text(c.text, out, ws);
    }
}

void Converter::inline_(const Node& n, Inlines& out, Ws& ws) {
    const std::string& t = n.name;
    // A container: the pending space goes before it, not into it.
    auto space_before = [&] {
        if (!ws.pending || ws.at_start) return;
        auto fc = first_char(n);
        if (!fc) return;  // empty: the space waits for what follows
        if (!(ws.pending_nl && ws.last_cjk && is_cjk(*fc))) append_text(out, " ");
        ws.pending = ws.pending_nl = false;
    };
    // An element with attributes worth keeping is a Span; without, only its content.
    auto span_or_content = [&](Attr a) {
        if (a.empty()) return inlines_from(n, out, ws);
        space_before();
        Span sp;
        sp.attr = std::move(a);
        inlines_from(n, sp.content, ws);
        out.push_back(std::move(sp));
    };
    auto wrap = [&](auto node) {
        space_before();
        inlines_from(n, node.content, ws);
        if (!node.content.empty()) out.push_back(std::move(node));
    };
    if (t == "em" || t == "i" || t == "cite" || t == "dfn" || t == "var") wrap(Emph{});
    else if (t == "strong" || t == "b") wrap(Strong{});
    else if (t == "u" || t == "ins") wrap(Underline{});
    else if (t == "s" || t == "strike" || t == "del") wrap(Strikeout{});
    else if (t == "sub") wrap(Subscript{});
    else if (t == "sup") {
        // <sup><a epub:type="noteref">1</a></sup>: the note alone.
        const Node* only = nullptr;
        std::size_t elements = 0;
        for (const auto& c : n.children)
            if (c.is_element()) ++elements, only = &c;
        if (elements == 1 && only->name == "a" && only->has_type("noteref") && all_text(n) == all_text(*only)) {
            note(*only, out, ws);
            return;
        }
        wrap(Superscript{});
    } else if (t == "span" && n.has_class("smallcaps")) {
        wrap(SmallCaps{});
    } else if (t == "span" && (n.has_class("math"))) {
        space_before();
        Math m;
        m.notation = n.has_class("mathml") ? MathNotation::MathML : MathNotation::TeX;
        m.text = all_text(n);
        out.push_back(std::move(m));
        ws.at_start = false;
    } else if (t == "span") {
        span_or_content(n.has_class("image-alt") ? Attr{} : attr_of(n));
    } else if (t == "code" || t == "kbd" || t == "samp" || t == "tt") {
        space_before();
        if (ws.pending && !ws.at_start) append_text(out, " ");
        out.push_back(Code{attr_of(n), all_text(n)});
        ws.pending = ws.pending_nl = false;
        ws.at_start = false;
        ws.last_cjk = false;
    } else if (t == "a") {
        if (n.has_type("noteref")) {
            note(n, out, ws);
            return;
        }
        if (is_backlink(n) && in_progress_.size() > 0) return;
        const std::string* href = n.attr("href");
        if (n.has_class("xref") && href && !href->empty() && (*href)[0] == '#') {
            space_before();
            CrossRef x;
            x.target = href->substr(1);
            if (const std::string* rt = n.attr("data-ref-type")) x.ref_type = *rt;
            inlines_from(n, x.content, ws);
            out.push_back(std::move(x));
            return;
        }
        if (!href) return span_or_content(attr_of(n));
        space_before();
        Link l;
        l.attr = attr_of(n);
        l.target = link_target(*href);
        if (const std::string* title = n.attr("title")) l.title = *title;
        inlines_from(n, l.content, ws);
        out.push_back(std::move(l));
    } else if (t == "img") {
        if (ws.pending && !ws.at_start) append_text(out, " ");
        ws.pending = ws.pending_nl = false;
        out.push_back(image(n));
        ws.at_start = false;
        ws.last_cjk = false;
    } else if (t == "br") {
        ws.pending = ws.pending_nl = false;
        out.push_back(LineBreak{});
        ws.at_start = true;
    } else if (t == "wbr" || t == "rt" || t == "rp") {
        // word-break opportunity; ruby annotations are left out (the base text stays)
        if (t == "rt") drop("rt", n.line);
    } else if (is_dropped_tag(t)) {
        drop(t, n.line);
    } else {
        // small, abbr, q, time, mark, ruby, font, and blocks inside inlines: their content.
        inlines_from(n, out, ws);
    }
}

Inline Converter::image(const Node& n) {
    Image img;
    img.attr = attr_of(n);
    const std::string* style = n.attr("style");
    for (const char* key : {"width", "height"})
        if (std::string v = css_value(style, key); !v.empty()) img.attr.attributes.emplace_back(key, v);
    if (const std::string* alt = n.attr("alt"); alt && !alt->empty()) img.alt.push_back(Text{*alt});
    if (const std::string* title = n.attr("title")) img.title = *title;
    const std::string* src = n.attr("src");
    if (!src) return img;
    if (!book_.archive) {
        img.target = *src;  // a web page's image: its URL as written
        return img;
    }
    auto path = resolve_path(path_, *src);
    Location where{book_.file, path_, n.line, 0};
    if (!path) {
        img.target = *src;
        diags_.warn(src->rfind("data:", 0) == 0 ? "epub.image-data-url" : "epub.image-external",
                    "image '" + src->substr(0, 80) + "' is not a file of the package; it was not loaded", where);
        return img;
    }
    std::string name = path->rfind(book_.opf_dir, 0) == 0 ? path->substr(book_.opf_dir.size()) : *path;
    img.target = name;
    if (doc_.resource(name)) return img;
    if (book_.encrypted.count(*path) != 0) {
        diags_.warn("epub.encrypted-skipped", "image '" + *path + "' is encrypted; it was not loaded", where);
        return img;
    }
    const zip::Entry* e = book_.archive->find(*path);
    if (!e) {
        diags_.warn("epub.image-missing", "image '" + *path + "' is not in the package", where);
        return img;
    }
    Resource r;
    r.name = name;
    auto it = book_.manifest_types.find(*path);
    if (it != book_.manifest_types.end()) r.mime = it->second;
    r.data = book_.archive->read(*e);  // the ZIP limits apply
    doc_.resources.push_back(std::move(r));
    return img;
}

void Converter::note(const Node& a, Inlines& out, Ws& ws) {
    const std::string* href = a.attr("href");
    const Node* target = nullptr;
    if (href) {
        std::string frag = fragment_of(*href);
        std::string doc = (*href)[0] == '#' ? path_ : resolve_path(path_, *href).value_or("");
        auto it = book_.ids.find(doc + "#" + frag);
        if (it != book_.ids.end()) target = it->second;
    }
    if (!target || in_progress_.count(target) != 0) {
        diags_.warn(book_.diag_prefix + ".noteref-unresolved",
                    "note reference '" + (href ? *href : std::string()) + "' has no note; its mark was kept as text",
                    Location{book_.file, path_, a.line, 0});
        inlines_from(a, out, ws);
        return;
    }
    if (ws.pending && !ws.at_start) append_text(out, " ");
    ws.pending = ws.pending_nl = false;
    ws.at_start = false;
    in_progress_.insert(target);
    Note note;
    note.attr = attr_of(*target);
    if ((target->has_type("endnote") || target->has_type("rearnote")) &&
        std::find(note.attr.classes.begin(), note.attr.classes.end(), "endnote") == note.attr.classes.end())
        note.attr.classes.push_back("endnote");
    // Notes may sit in another content document: read them there.
    std::string saved = path_;
    if (auto it = book_.target_doc.find(target); it != book_.target_doc.end()) path_ = it->second;
    if (target->name == "p") block(*target, note.content);
    else blocks_from(*target, note.content);
    path_ = saved;
    in_progress_.erase(target);
    out.push_back(std::move(note));
}

Table Converter::table(const Node& n) {
    Table t;
    t.attr = attr_of(n);
    auto row = [&](const Node& tr, std::vector<TableRow>& rows) {
        TableRow r;
        for (const auto& c : tr.children) {
            if (c.name != "td" && c.name != "th") continue;
            TableCell cell;
            blocks_from(c, cell.content);
            cell.colspan = int_attr(c, "colspan", 1, 1, 1000);
            cell.rowspan = int_attr(c, "rowspan", 1, 1, 65534);
            cell.align = align_of(css_value(c.attr("style"), "text-align"));
            r.cells.push_back(std::move(cell));
        }
        rows.push_back(std::move(r));
    };
    auto col = [&](const Node& c) {
        int span = int_attr(c, "span", 1, 1, 1000);
        double width = 0;
        std::string w = css_value(c.attr("style"), "width");
        if (!w.empty() && w.back() == '%') {
            auto [p, ec] = std::from_chars(w.data(), w.data() + w.size() - 1, width);
            if (ec != std::errc() || !(width > 0 && width <= 100)) width = 0;
            width /= 100;
        }
        Alignment a = c.attr("data-align") ? align_of(*c.attr("data-align")) : Alignment::Default;
        for (int i = 0; i < span; ++i) {
            t.col_widths.push_back(width);
            t.col_align.push_back(a);
        }
    };
    for (const auto& c : n.children) {
        if (c.name == "caption") blocks_from(c, t.caption);
        else if (c.name == "colgroup") {
            for (const auto& k : c.children)
                if (k.name == "col") col(k);
        } else if (c.name == "col") col(c);
        else if (c.name == "tr") row(c, t.body);
        else if (c.name == "thead" || c.name == "tbody" || c.name == "tfoot") {
            auto& rows = c.name == "thead" ? t.head : c.name == "tfoot" ? t.foot : t.body;
            for (const auto& k : c.children)
                if (k.name == "tr") row(k, rows);
        }
    }
    if (std::all_of(t.col_widths.begin(), t.col_widths.end(), [](double v) { return v == 0; })) t.col_widths.clear();
    if (std::all_of(t.col_align.begin(), t.col_align.end(), [](Alignment a) { return a == Alignment::Default; }))
        t.col_align.clear();
    // A cell aligned as its column (the writer repeats the column's alignment
    // in each cell, for renderers) keeps the default.
    if (!t.col_align.empty())
        for (auto* rows : {&t.head, &t.body, &t.foot}) {
            std::vector<int> busy;
            for (auto& r : *rows) {
                std::size_t c = 0;
                for (auto& cell : r.cells) {
                    while (c < busy.size() && busy[c] > 0) ++c;
                    if (c < t.col_align.size() && cell.align == t.col_align[c]) cell.align = Alignment::Default;
                    std::size_t span = std::size_t(cell.colspan);
                    if (busy.size() < c + span) busy.resize(c + span, 0);
                    for (std::size_t k = c; k < c + span; ++k) busy[k] = cell.rowspan;
                    c += span;
                }
                for (int& b : busy)
                    if (b > 0) --b;
            }
        }
    return t;
}

Figure Converter::figure(const Node& n) {
    Figure f;
    f.attr = attr_of(n);
    Node content;  // the figure without its caption
    content.name = "div";
    for (const auto& c : n.children) {
        if (c.name != "figcaption") {
            content.children.push_back(c);
            continue;
        }
        Node rest;
        rest.name = "figcaption";
        for (const auto& k : c.children) {
            if (k.name == "span" && k.has_class("figure-label") && f.label.empty()) f.label = all_text(k);
            else rest.children.push_back(k);
        }
        blocks_from(rest, f.caption);
    }
    blocks_from(content, f.content);
    return f;
}

}  // namespace copydesk::epub::reader

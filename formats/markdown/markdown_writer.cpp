// Markdown blocks and the document: front matter, body, footnote definitions.
#include "markdown/markdown_writer.hpp"

#include <algorithm>

#include "common/article/dateline.hpp"
#include "copydesk/errors.hpp"
#include "copydesk/walk.hpp"

namespace copydesk::markdown {

namespace writer {

namespace {

bool plain_paragraph(const Blocks& b) {
    return b.size() == 1 && b[0].is<Paragraph>();
}

}  // namespace

Writer::Writer(const Settings& s, const Document& doc, DiagnosticSink& diags) : s_(s), doc_(doc), diags_(diags) {
    if (!s.embed_images) files_.emplace(s.path);
}

void Writer::lost(const std::string& what, std::string message, bool info) {
    Lost& l = lost_[what];
    if (l.count++ == 0) {
        l.message = std::move(message);
        l.info = info;
    }
}

std::string Writer::indent(const std::string& text, std::string_view first, std::string_view rest) {
    std::string out;
    bool first_line = true;
    std::size_t i = 0;
    while (i <= text.size()) {
        std::size_t nl = text.find('\n', i);
        std::string_view line = std::string_view(text).substr(i, nl == std::string::npos ? std::string::npos : nl - i);
        std::string_view prefix = first_line ? first : rest;
        if (line.empty()) {
            // No trailing blanks on empty lines; "> " keeps its ">".
            std::string_view p = prefix;
            while (!p.empty() && p.back() == ' ') p.remove_suffix(1);
            out += p;
        } else {
            out += prefix;
            out += line;
        }
        first_line = false;
        if (nl == std::string::npos) break;
        out += '\n';
        i = nl + 1;
    }
    return out;
}

std::string Writer::document() {
    std::string out;
    if (s_.front_matter) {
        std::string fm = front_matter(doc_.metadata);
        if (!fm.empty()) out += fm + "\n";
    }
    std::string body;
    auto add = [&](const std::string& part) {
        if (part.empty()) return;
        if (!body.empty()) body += "\n\n";
        body += part;
    };
    if (!s_.front_matter) add(head());
    // The dateline where the article had it: opening the lede (or a paragraph of its own).
    dateline_ = article::dateline_text(doc_.metadata, s_.script);
    if (!dateline_.empty() && (doc_.blocks.empty() || !doc_.blocks.front().is<Paragraph>())) {
        add(escape_text(dateline_, true));
        dateline_.clear();
    }
    add(blocks(doc_.blocks));
    if (!s_.front_matter && doc_.metadata.byline_placement == BylinePlacement::End) {
        at_line_start_ = true;
        add(escape_text(article::byline(doc_.metadata, s_.script), true));
    }
    if (!doc_.references.empty()) {
        lost("references", "references were written as paragraphs; their fields were not kept", true);
        for (const auto& r : doc_.references) {
            std::string text = r.text;
            if (text.empty()) {
                for (const auto& a : r.authors) text += (text.empty() ? "" : ", ") + a;
                for (const std::string* part : {&r.title, &r.container, &r.publisher, &r.year, &r.doi, &r.url})
                    if (!part->empty()) text += (text.empty() ? "" : ". ") + *part;
            }
            add(escape_text(text, true));
        }
    }
    add(notes());
    out += body;
    if (!out.empty() && out.back() != '\n') out += '\n';
    for (const auto& [code, l] : lost_) {
        std::string msg = l.message + (l.count > 1 ? " (" + std::to_string(l.count) + " times)" : "");
        if (l.info) diags_.info("markdown." + code, msg);
        else diags_.warn("markdown." + code, msg);
    }
    return out;
}

std::string Writer::head() {
    const Metadata& m = doc_.metadata;
    std::vector<std::string> parts;
    auto line = [&](const std::string& text) {
        if (!text.empty()) parts.push_back(escape_text(text, true));
    };
    if (!m.title.empty()) parts.push_back("# " + escape_text(m.title, false));
    line(m.subtitle);
    line(article::metadata_line(m, s_.script));
    if (article::byline_at_start(m)) line(article::byline(m, s_.script));
    if (!m.abstract.empty()) parts.push_back(blocks(m.abstract));
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : "\n\n") + p;
    return out;
}

std::string Writer::blocks(const Blocks& bs) {
    std::string out;
    const Block* prev = nullptr;
    for (const auto& b : bs) {
        std::string s = block(b);
        if (s.empty()) continue;
        // Two lists of one kind in a row would merge into one: a comment parts them.
        if (prev && ((prev->is<BulletList>() && b.is<BulletList>()) || (prev->is<OrderedList>() && b.is<OrderedList>())))
            out += "\n\n<!-- -->";
        if (!out.empty()) out += "\n\n";
        out += s;
        prev = &b;
    }
    return out;
}

std::string Writer::block(const Block& b) {
    return b.visit([&](const auto& n) -> std::string {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, Paragraph>) return paragraph(n);
        else if constexpr (std::is_same_v<T, Heading>) return heading(n);
        else if constexpr (std::is_same_v<T, BlockQuote>) {
            std::string inner = blocks(n.content);
            return inner.empty() ? ">" : indent(inner, "> ", "> ");
        } else if constexpr (std::is_same_v<T, BulletList>) return list(n.items, nullptr);
        else if constexpr (std::is_same_v<T, OrderedList>) return list(n.items, &n);
        else if constexpr (std::is_same_v<T, Table>) return table(n);
        else if constexpr (std::is_same_v<T, Figure>) return figure(n);
        else if constexpr (std::is_same_v<T, CodeBlock>) return code_block(n);
        else if constexpr (std::is_same_v<T, HorizontalRule>) return "***";  // pandoc's commonmark_x reads "* * *" as a list
        else if constexpr (std::is_same_v<T, RawBlock>) {
            if (n.format == "html" || n.format == "markdown" || n.format == "gfm") return n.text;
            lost("raw", "raw content of other formats was dropped");
            return {};
        } else if constexpr (std::is_same_v<T, Div>) {
            if (!n.attr.empty()) lost("attr", "ids, classes and attributes were dropped");
            return blocks(n.content);
        }
    });
}

std::string Writer::paragraph(const Paragraph& p) {
    if (p.first_line_indent || p.align != Alignment::Default)
        lost("paragraph-format", "first-line indents and alignment of paragraphs were dropped", true);
    std::string out;
    if (!dateline_.empty()) {
        out = escape_text(dateline_, true);
        out += article::dateline_separator(doc_.metadata, s_.script);
        dateline_.clear();
    }
    at_line_start_ = out.empty();
    out += inlines(p.content);
    at_line_start_ = false;
    // A paragraph of nothing but blanks (or a trailing hard break) would vanish or dangle.
    while (out.size() >= 2 && out.compare(out.size() - 2, 2, "\\\n") == 0) out.resize(out.size() - 2);
    return out;
}

std::string Writer::heading(const Heading& h) {
    int level = std::clamp(h.level, 1, 6);
    if (level != h.level) lost("heading-level", "headings deeper than level 6 were written as level 6");
    if (!h.attr.empty()) lost("attr", "ids, classes and attributes were dropped");
    in_heading_ = true;
    std::string text = inlines(h.content);
    in_heading_ = false;
    return std::string(std::size_t(level), '#') + (text.empty() ? "" : " " + text);
}

std::string Writer::list(const std::vector<Blocks>& items, const OrderedList* ordered) {
    if (ordered && ordered->style != ListStyle::Default && ordered->style != ListStyle::Decimal)
        lost("list-style", "letter, roman and CJK list numbering was written as decimal");
    bool tight = std::all_of(items.begin(), items.end(), [](const Blocks& b) { return b.empty() || plain_paragraph(b); });
    std::string out;
    int number = ordered ? std::max(ordered->start, 0) : 0;
    for (const auto& item : items) {
        std::string marker = ordered ? std::to_string(number++) + ". " : "- ";
        std::string body = blocks(item);
        if (!out.empty()) out += tight ? "\n" : "\n\n";
        out += body.empty() ? marker.substr(0, marker.size() - 1)
                            : indent(body, marker, std::string(marker.size(), ' '));
    }
    return out;
}

std::string Writer::figure(const Figure& f) {
    lost("figure", "figures were written as their content and a caption paragraph (labels and captions are not "
                   "figure parts in Markdown)");
    if (!f.attr.empty()) lost("attr", "ids, classes and attributes were dropped");
    std::string out = blocks(f.content);
    std::string caption;
    if (!f.label.empty()) caption = escape_text(f.label, true);
    if (plain_paragraph(f.caption)) {
        at_line_start_ = caption.empty();
        std::string c = inlines(f.caption[0].as<Paragraph>().content);
        caption += (caption.empty() || c.empty() ? "" : " ") + c;
        if (!caption.empty()) out += (out.empty() ? "" : "\n\n") + caption;
    } else {
        if (!caption.empty()) out += (out.empty() ? "" : "\n\n") + caption;
        std::string c = blocks(f.caption);
        if (!c.empty()) out += (out.empty() ? "" : "\n\n") + c;
    }
    return out;
}

std::string Writer::code_block(const CodeBlock& c) {
    std::string fence = std::string(3, '`');
    std::size_t run = 0;
    for (char x : c.text) {
        run = x == '`' ? run + 1 : 0;
        if (run >= fence.size()) fence += '`';
    }
    std::string info = c.attr.classes.empty() ? std::string() : c.attr.classes.front();
    if (!c.attr.id.empty() || c.attr.classes.size() > 1 || !c.attr.attributes.empty())
        lost("attr", "ids, classes and attributes were dropped");
    std::string text = c.text;
    if (!text.empty() && text.back() != '\n') text += '\n';
    return fence + info + "\n" + text + fence;
}

std::string Writer::notes() {
    std::string out;
    // Notes met inside notes are appended while we go.
    for (; notes_done_ < notes_.size(); ++notes_done_) {
        auto [label, n] = notes_[notes_done_];
        std::string body = blocks(n->content);
        if (!n->attr.empty() && !(n->attr.classes.size() == 1 && n->attr.classes[0] == "endnote" &&
                                  n->attr.id.empty() && n->attr.attributes.empty()))
            lost("attr", "ids, classes and attributes were dropped");
        std::string def = "[^" + label + "]:";
        out += (out.empty() ? "" : "\n\n") + (body.empty() ? def : indent(body, def + " ", "    "));
    }
    return out;
}

}  // namespace writer

std::string write(const Document& doc, const WriteContext& ctx) {
    writer::Settings s;
    s.front_matter = ctx.options.get_bool("front-matter", true);
    std::string images = ctx.options.get_string("images", "embed");
    if (images != "embed" && images != "files")
        throw UsageError("option images: expected embed or files, not '" + images + "'");
    DiagnosticSink sink(ctx.diagnostics);
    s.embed_images = images == "embed";
    s.path = ctx.path;
    if (!s.embed_images && s.path.empty()) {
        sink.warn("markdown.images-embedded", "images=files needs an output file; the images were embedded as data: URIs");
        s.embed_images = true;
    }
    s.script = article::script_for(article::document_language(doc, "en"));
    writer::Writer w(s, doc, sink);
    return w.document();
}

}  // namespace copydesk::markdown

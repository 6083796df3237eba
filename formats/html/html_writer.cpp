// HTML writer: one standalone HTML5 file (text/html syntax) per article.
#include "html/html_writer.hpp"

#include "common/uri.hpp"
#include "copydesk/errors.hpp"
#include "copydesk/walk.hpp"

namespace copydesk::html {

namespace writer {

namespace {

xhtml::Flavor html_flavor(const Settings& s) {
    xhtml::Flavor f;
    f.prefix = "html";
    f.markup = "HTML";
    f.epub_types = false;
    f.relative_links = true;  // a page may link to files beside it
    f.raw_html = true;
    f.script = s.script;
    return f;
}

}  // namespace

Settings make_settings(const Document& doc, const Options& o, std::string_view path, DiagnosticSink& sink) {
    Settings s;
    s.language = article::document_language(doc, "en");
    s.script = article::script_for(s.language);
    std::string images = o.get_string("images", "embed");
    if (images == "files") s.images = Images::Files;
    else if (images != "embed") throw UsageError("option images: expected embed or files, not '" + images + "'");
    s.path = std::string(path);
    if (s.images == Images::Files && s.path.empty()) {
        sink.warn("html.images-embedded", "images=files needs an output file; the images were embedded as data: URIs");
        s.images = Images::Embed;
    }
    return s;
}

BodyWriter::BodyWriter(xml::Writer& out, const Settings& s, const Document& doc, DiagnosticSink& diags)
    : xhtml::BodyWriter(out, html_flavor(s), doc, diags), s_(s) {
    if (s.images == Images::Files) files_.emplace(s.path);
}

void BodyWriter::document(std::string_view title) {
    w_.raw("<!DOCTYPE html>\n");
    w_.start("html").attr("lang", s_.language);
    head_element(title);
    w_.raw("\n").start("body").start("article");
    // No title: the label names the article (a heading-less <article> is a Nu checker warning).
    if (doc_.metadata.title.empty()) w_.attr("aria-label", title);
    w_.raw("\n");
    // One line per top-level element, for people reading the source.
    auto line = [&](auto&& write) {
        std::size_t before = w_.buffer().size();
        write();
        if (w_.buffer().size() != before) w_.raw("\n");
    };
    line([&] { head(doc_.metadata); });
    line([&] { lede_dateline(); });
    for (const auto& b : doc_.blocks) line([&] { block(b); });
    line([&] { foot(doc_.metadata); });
    line([&] { references(doc_.references); });
    line([&] { notes(); });
    w_.end().end().end();  // article, body, html
    w_.raw("\n");
    finish();
}

void BodyWriter::head_element(std::string_view title) {
    const Metadata& m = doc_.metadata;
    w_.start("head");
    w_.start("meta").attr("charset", "utf-8").end();
    w_.start("meta").attr("name", "viewport").attr("content", "width=device-width, initial-scale=1").end();
    w_.element("title", title);
    std::string authors;
    for (const auto& c : m.contributors)
        if (c.role != Role::Editor && !c.name.empty()) authors += (authors.empty() ? "" : ", ") + c.name;
    if (!authors.empty()) w_.start("meta").attr("name", "author").attr("content", authors).end();
    if (std::string d = stringify(m.abstract); !d.empty())
        w_.start("meta").attr("name", "description").attr("content", d).end();
    std::string keywords;
    for (const auto& k : m.keywords) keywords += (keywords.empty() ? "" : ", ") + k;
    if (!keywords.empty()) w_.start("meta").attr("name", "keywords").attr("content", keywords).end();
    for (const auto& id : m.identifiers)
        if (id.scheme == "url" && xhtml::has_scheme(id.value)) {
            w_.start("link").attr("rel", "canonical").attr("href", uri_escape(id.value)).end();
            break;
        }
    // <script> and <style> hold raw text in HTML: no entity escaping there.
    w_.start("script").attr("type", "application/ld+json").raw(json_ld(m, s_.language)).end();
    w_.start("style").raw(stylesheet(s_)).end();
    w_.end();
}

std::string BodyWriter::image_source(const Resource& r) {
    if (auto it = sources_.find(r.name); it != sources_.end()) return it->second;
    std::string mime = xhtml::media_type_of(r);
    if (mime.rfind("image/", 0) != 0) {
        warn("image-type", "resource '" + r.name + "' of type " + mime + " is not an image; its alt text was written");
        return {};
    }
    std::string src = files_ ? files_->add(r) : article::data_uri(mime, r.data);
    sources_.emplace(r.name, src);
    return src;
}

void BodyWriter::note_ref(const PendingNote& p, std::size_t num) {
    w_.start("a").attr("href", "#" + p.id).attr("id", p.ref_id).attr("class", "footnote-ref").attr("role", "doc-noteref");
    w_.element("sup", std::to_string(num));
    w_.end();
}

void BodyWriter::notes() {
    if (notes_done_ >= notes_.size()) return;
    // A <div>: a <section> without a heading draws a warning from the Nu checker.
    w_.start("div").attr("class", "footnotes").attr("role", "doc-endnotes");
    w_.start("ol");
    // Notes met inside notes are appended while we go, and numbered on.
    for (; notes_done_ < notes_.size(); ++notes_done_) {
        PendingNote p = notes_[notes_done_];
        w_.start("li").attr("id", p.id);
        Attr rest = p.note->attr;
        rest.id.clear();
        attrs(rest);
        auto back = [&] {
            if (p.ref_id.empty()) return;
            w_.start("a").attr("href", "#" + p.ref_id).attr("class", "footnote-back").attr("role", "doc-backlink");
            w_.text("\u21A9").end();
        };
        const Blocks& content = p.note->content;
        if (!content.empty() && content.back().is<Paragraph>()) {
            for (std::size_t i = 0; i + 1 < content.size(); ++i) block(content[i]);
            paragraph(content.back().as<Paragraph>(), [&] {
                if (!p.ref_id.empty()) w_.text(" ");
                back();
            });
        } else {
            blocks(content);
            if (!p.ref_id.empty()) {
                w_.start("p");
                back();
                w_.end();
            }
        }
        w_.end();
    }
    w_.end().end();
}

}  // namespace writer

std::string write(const Document& doc, const WriteContext& ctx) {
    using namespace writer;
    DiagnosticSink sink(ctx.diagnostics);
    Settings s = make_settings(doc, ctx.options, ctx.path, sink);
    std::string title = doc.metadata.title;
    if (title.empty()) {
        for (const auto& b : doc.blocks)
            if (b.is<Heading>() && !(title = stringify(b)).empty()) break;
        if (title.empty()) title = s.cjk() ? "无标题" : "Untitled";
        sink.info("html.title-missing", "the article has no title; <title> is '" + title + "'");
    }
    xml::Writer out(&ctx.diagnostics, "");
    out.html_syntax();
    BodyWriter bw(out, s, doc, sink);
    bw.document(title);
    return out.take();
}

}  // namespace copydesk::html

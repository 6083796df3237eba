// The article as one XHTML content document: what is EPUB's own around the
// shared body writer (formats/common/xhtml).
#include <algorithm>
#include <cctype>

#include "epub/epub.hpp"
#include "epub/epub_writer.hpp"

namespace copydesk::epub::writer {

namespace {

xhtml::Flavor epub_flavor(const Settings& s) {
    xhtml::Flavor f;
    f.prefix = "epub";
    f.part = "EPUB/article.xhtml";
    f.script = s.script;
    return f;
}

}  // namespace

bool is_core_image_type(std::string_view mime) {
    return mime == "image/png" || mime == "image/jpeg" || mime == "image/gif" || mime == "image/svg+xml";
}

BodyWriter::BodyWriter(xml::Writer& out, const Settings& s, const Document& doc, DiagnosticSink& diags, Media& media)
    : xhtml::BodyWriter(out, epub_flavor(s), doc, diags), s_(s), media_(media) {}

void BodyWriter::document(std::string_view title) {
    xhtml_start(w_, s_, title, !s_.user_css.empty());
    w_.start("body").attr("epub:type", "bodymatter");
    head(doc_.metadata);
    lede_dateline();
    blocks(doc_.blocks);
    foot(doc_.metadata);
    references(doc_.references);
    notes();
    w_.end().end();  // body, html
    finish();
}

std::string BodyWriter::image_source(const Resource& r) {
    std::string mime = media_type_of(r);
    if (!is_core_image_type(mime)) {
        warn("image-type", "image '" + r.name + "' of type " + mime +
                               " is not an EPUB core media type; its alt text was written");
        return {};
    }
    auto [it, added] = media_.by_resource.try_emplace(r.name, media_.files.size());
    if (added) {
        // media/<file name>, ASCII-safe and unique in the package.
        std::string base = r.name.substr(r.name.rfind('/') == std::string::npos ? 0 : r.name.rfind('/') + 1);
        std::string safe;
        for (char c : base)
            safe += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_') ? c : '_';
        if (safe.empty() || safe[0] == '.') safe = "image" + safe;
        std::string href = "media/" + safe;
        for (int n = 2; !media_.hrefs.insert(href).second; ++n) href = "media/" + std::to_string(n) + "-" + safe;
        media_.files.push_back({href, mime, &r.data});
    }
    return media_.files[it->second].href;
}

void BodyWriter::note_ref(const PendingNote& p, std::size_t num) {
    w_.start("a")
        .attr("epub:type", "noteref")
        .attr("class", "noteref")
        .attr("href", "#" + p.id)
        .attr("id", p.ref_id)
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

}  // namespace copydesk::epub::writer

// <back>: the reference list and the footnotes called out in the text.
#include <fmt/format.h>

#include "jats/jats_writer.hpp"

namespace copydesk::jats::writer {

void BodyWriter::back() {
    if (doc_.references.empty() && notes_.empty()) return;
    out_.start("back").raw("\n");
    if (!doc_.references.empty()) {
        out_.start("ref-list").raw("\n");
        for (const auto& r : doc_.references) reference(r);
        out_.end().raw("\n");
    }
    fn_group();
    out_.end().raw("\n");
}

// The reference as written goes into <mixed-citation>; its parsed parts, if
// any, into an <element-citation> beside it (a <ref> may hold both).
void BodyWriter::reference(const Reference& r) {
    out_.start("ref");
    std::string id = ids_.claim(r.id);
    if (!id.empty()) out_.attr("id", id);
    bool parts = !r.authors.empty() || !r.title.empty() || !r.container.empty() || !r.publisher.empty() ||
                 !r.year.empty() || !r.volume.empty() || !r.issue.empty() || !r.pages.empty() || !r.doi.empty() ||
                 !r.url.empty();
    if (!r.text.empty() || !parts) {
        out_.start("mixed-citation");
        if (!r.type.empty()) out_.attr("publication-type", r.type);
        out_.text(r.text).end();
    }
    if (parts) {
        out_.start("element-citation");
        if (!r.type.empty()) out_.attr("publication-type", r.type);
        if (!r.authors.empty()) {
            out_.start("person-group").attr("person-group-type", "author");
            for (const auto& a : r.authors) out_.element("string-name", a);
            out_.end();
        }
        if (!r.title.empty()) out_.element("article-title", r.title);
        if (!r.container.empty()) out_.element("source", r.container);
        if (!r.publisher.empty()) out_.element("publisher-name", r.publisher);
        if (!r.year.empty()) out_.element("year", r.year);
        if (!r.volume.empty()) out_.element("volume", r.volume);
        if (!r.issue.empty()) out_.element("issue", r.issue);
        if (!r.pages.empty()) out_.element("page-range", r.pages);
        if (!r.doi.empty()) out_.start("pub-id").attr("pub-id-type", "doi").text(r.doi).end();
        if (!r.url.empty()) out_.start("ext-link").attr("ext-link-type", "uri").attr("xlink:href", r.url).text(r.url).end();
        out_.end();
    }
    out_.end().raw("\n");
}

// <fn> holds only <p>s: other blocks go inside one. Notes met while writing
// notes are appended and written in turn.
void BodyWriter::fn_group() {
    if (notes_.empty()) return;
    out_.start("fn-group").raw("\n");
    for (std::size_t i = 0; i < notes_.size(); ++i) {
        const Note& n = *notes_[i].first;
        out_.start("fn").attr("id", notes_[i].second);
        bool endnote = std::find(n.attr.classes.begin(), n.attr.classes.end(), "endnote") != n.attr.classes.end();
        if (endnote) out_.attr("specific-use", "endnote");
        attr_dropped_ += n.attr.attributes.size() + n.attr.classes.size() - (endnote ? 1 : 0) + (n.attr.id.empty() ? 0 : 1);
        out_.element("label", std::to_string(i + 1));
        if (n.content.empty()) out_.element("p", "");
        blocks(n.content, Context::Para);
        out_.end().raw("\n");
    }
    out_.end().raw("\n");
}

}  // namespace copydesk::jats::writer

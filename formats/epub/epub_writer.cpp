// EPUB writer entry point: the content document, the parts around it, a
// deterministic identifier, and the OCF ZIP container.
#include "common/zip/zip.hpp"
#include "epub/epub.hpp"
#include "epub/epub_writer.hpp"

namespace copydesk::epub {

std::string write(const Document& doc, const WriteContext& ctx) {
    using namespace writer;
    Settings s = make_settings(doc, ctx.options);
    DiagnosticSink sink(ctx.diagnostics);
    std::string title = effective_title(doc, s);
    if (doc.metadata.title.empty())
        sink.info("epub.title-missing", "the article has no title; dc:title is '" + title + "'",
                  Location{"", "EPUB/package.opf", 0, 0});

    Media media;
    xml::Writer body(&ctx.diagnostics, "EPUB/article.xhtml");
    for (const auto& c : doc.metadata.contributors)
        if (!c.identifiers.empty() || !c.affiliations.empty()) {
            sink.warn("epub.contributor-parts-dropped",
                      "contributor ids (ORCID) and affiliation parts are not written; the affiliation text is",
                      Location{ctx.path, "EPUB/package.opf", 0, 0});
            break;
        }
    BodyWriter bw(body, s, doc, sink, media);
    bw.document(title);
    std::string xhtml = body.take();
    std::string nav = nav_xhtml(s, title, bw.toc(), "article.xhtml");
    std::string css = stylesheet(s);

    std::vector<ManifestItem> manifest{
        {"nav", "nav.xhtml", "application/xhtml+xml", "nav"},
        {"article", "article.xhtml", "application/xhtml+xml", ""},
        {"css", "style.css", "text/css", ""},
    };
    if (!s.user_css.empty()) manifest.push_back({"user-css", "user.css", "text/css", ""});
    for (std::size_t i = 0; i < media.files.size(); ++i)
        manifest.push_back({"img" + std::to_string(i + 1), media.files[i].href, media.files[i].mime, ""});

    // The identifier is a name-based UUID of everything the package holds,
    // so the same AST (and options) always gives the same bytes.
    std::string digest = sha1(xhtml) + sha1(css) + sha1(s.user_css) +
                         sha1(package_opf(doc.metadata, s, "", title, manifest, "article"));
    for (const auto& f : media.files) digest += f.href + sha1(*f.data);
    std::string opf = package_opf(doc.metadata, s, uuid_v5(digest), title, manifest, "article");

    zip::Writer z({s.compression_level, true});
    z.add("mimetype", "application/epub+zip", false);  // first and stored (OCF)
    z.add("META-INF/container.xml", container_xml());
    z.add("EPUB/package.opf", opf);
    z.add("EPUB/nav.xhtml", nav);
    z.add("EPUB/article.xhtml", xhtml);
    xhtml.clear();
    xhtml.shrink_to_fit();
    z.add("EPUB/style.css", css);
    if (!s.user_css.empty()) z.add("EPUB/user.css", s.user_css);
    for (const auto& f : media.files)  // already-compressed images are stored
        z.add("EPUB/" + f.href, *f.data, !(f.mime == "image/png" || f.mime == "image/jpeg" || f.mime == "image/gif"));
    return z.finish();
}

}  // namespace copydesk::epub

// EPUB writer internals: one function per part and per element, so each can
// be unit-tested against hand-checked XML (tests/cpp/test_epub_writer*.cpp).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/article/article_head.hpp"
#include "common/xhtml/body_writer.hpp"
#include "common/xml/xml.hpp"
#include "copydesk/ast.hpp"
#include "copydesk/diagnostics.hpp"
#include "copydesk/options.hpp"

namespace copydesk::epub::writer {

using article::Script;

struct Settings {
    std::string language = "en";   // BCP 47, from Metadata::language or guessed
    Script script = Script::Latin;
    bool indent_first_line = false;  // zh, ja: body paragraphs indented two characters (as DOCX)
    int compression_level = 6;
    std::string user_css;            // contents of the `css` option's file
    bool cjk() const { return script != Script::Latin; }
};

// Settings from the document language and the writer options (css, compression-level).
Settings make_settings(const Document&, const Options&);

// ------------------------------------------------------------- package
struct ManifestItem {
    std::string id, href, media_type, properties;
};

using xhtml::TocEntry;

std::string container_xml();
// An XHTML content document up to its <body>: declaration, DOCTYPE, <html
// lang xml:lang>, <head> with the title and our stylesheet (and the user's).
void xhtml_start(xml::Writer&, const Settings&, std::string_view title, bool user_css);
std::string stylesheet(const Settings&);
// The navigation document: a toc of the article (its title, then the headings, nested by level).
std::string nav_xhtml(const Settings&, std::string_view title, const std::vector<TocEntry>&,
                      std::string_view content_href);
// The package document. `uuid` is the urn:uuid unique identifier.
std::string package_opf(const Metadata&, const Settings&, std::string_view uuid, std::string_view title,
                        const std::vector<ManifestItem>& manifest, std::string_view spine_idref);
// dcterms:modified: the article date in UTC (CCYY-MM-DDThh:mm:ssZ), else a fixed date.
std::string modified_value(const Metadata&);
// dc:date: W3CDTF (date, or date and time when the UTC offset is known).
std::string dc_date_value(const DateTime&);
// SHA-1 digest (20 bytes) and a name-based (version 5) UUID from it.
std::string sha1(std::string_view data);
std::string uuid_v5(std::string_view name);
// The title written to dc:title and <title>: the article title, else a fallback.
std::string effective_title(const Document&, const Settings&);


// ----------------------------------------------------------------- media
// Resources referred to by images, each a file of the package.
struct Media {
    struct File {
        std::string href;  // "media/image1.png", relative to the content document
        std::string mime;
        const std::string* data = nullptr;
    };
    std::vector<File> files;
    std::unordered_map<std::string, std::size_t> by_resource;  // resource name -> files index
    std::unordered_set<std::string> hrefs;
};
// A media type EPUB 3.2 lets a content document's <img> use without a fallback.
bool is_core_image_type(std::string_view mime);
using xhtml::media_type_of;

// ------------------------------------------------------------------ body
// Writes the article as one XHTML content document: the shared body writer
// with EPUB's images (files of the package) and popup notes (noteref + aside).
class BodyWriter : public xhtml::BodyWriter {
public:
    BodyWriter(xml::Writer& out, const Settings&, const Document&, DiagnosticSink&, Media&);
    void document(std::string_view title);  // the whole <html>
    void notes() override;                  // an aside per note; endnotes in a section

private:
    std::string image_source(const Resource&) override;
    void note_ref(const PendingNote&, std::size_t num) override;

    const Settings& s_;
    Media& media_;
};

}  // namespace copydesk::epub::writer

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

struct TocEntry {
    int level = 1;
    std::string id;    // fragment in the content document
    std::string text;
};

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
// Media type from the resource's own type, else its name's extension.
std::string media_type_of(const Resource&);

// ------------------------------------------------------------------ body
// Writes the article as one XHTML content document.
class BodyWriter {
public:
    BodyWriter(xml::Writer& out, const Settings&, const Document&, DiagnosticSink&, Media&);

    void document(std::string_view title);  // the whole <html>
    void head(const Metadata&);              // <header>: title, subtitle, metadata line, byline (Start), abstract
    void byline(const Metadata&);
    void blocks(const Blocks&);
    void block(const Block&);
    void inlines(const Inlines&);
    void inline_(const Inline&);
    void references(const std::vector<Reference>&);
    void notes();  // the asides of the notes met so far (and of notes inside them)

    void paragraph(const Paragraph&);
    void heading(const Heading&);
    void block_quote(const BlockQuote&);
    void list(const std::vector<Blocks>& items, const OrderedList* ordered);
    void table(const Table&);
    void figure(const Figure&);
    void code_block(const CodeBlock&);
    void div(const Div&);

    const std::vector<TocEntry>& toc() const { return toc_; }

private:
    void warn(std::string code, std::string message);
    void attrs(const Attr&, std::string_view extra_class = {});  // id, class, data-*
    bool id_ok(const std::string& id);
    // Blocks where a single plain paragraph is written as bare inlines (list
    // items, cells, captions): the reader wraps loose inlines back into one.
    void tight(const Blocks&);
    void cell(const TableCell&, bool head, Alignment col_align);
    void link(const Link&);
    void image(const Image&);
    void note(const Note&);
    void cross_ref(const CrossRef&);
    void dateline(bool lede = true);  // <span class="dateline">, once, at the start of the lede (or alone: no separator)

    xml::Writer& w_;
    const Settings& s_;
    const Document& doc_;
    DiagnosticSink& diags_;
    Media& media_;
    std::unordered_set<std::string> ids_;      // every id the AST defines (link targets)
    std::unordered_set<std::string> written_;  // ids written so far (no duplicates)
    std::vector<TocEntry> toc_;
    struct PendingNote {
        const Note* note;
        std::string id, ref_id;
    };
    std::vector<PendingNote> notes_;
    std::size_t notes_done_ = 0;
    int heading_ids_ = 0;
    int in_link_ = 0;
    std::size_t attr_dropped_ = 0;
    std::string dateline_;  // still to be shown at the start of the lede
};

}  // namespace copydesk::epub::writer

// The article body as (X)HTML elements, shared by the EPUB writer (XHTML in a
// package) and the HTML writer (one standalone text/html file). What differs
// between them — how images get a source, how note references and the notes
// themselves are marked up, epub:type versus ARIA roles — is a virtual hook
// or a field of Flavor; everything else is written once here.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "common/article/article_head.hpp"
#include "common/xml/xml.hpp"
#include "copydesk/ast.hpp"
#include "copydesk/diagnostics.hpp"

namespace copydesk::xhtml {

struct Flavor {
    std::string prefix;              // of diagnostic codes: "epub" -> "epub.raw-dropped"
    std::string part;                // Location::part of diagnostics
    std::string markup = "XHTML";    // named in diagnostic messages
    bool epub_types = true;          // epub:type attributes (EPUB); else ARIA roles (HTML)
    bool relative_links = false;     // links without a scheme kept (a file beside an HTML page)
    bool raw_html = false;           // RawBlock/RawInline of format "html" written as they are
    article::Script script = article::Script::Latin;
};

struct TocEntry {
    int level = 1;
    std::string id;  // fragment in the content document
    std::string text;
};

// A data-* attribute name (X)HTML accepts: lowercase ASCII letters, digits, - _ .
bool data_key_ok(std::string_view k);
// Whether a URL starts with a scheme ("https:", "mailto:").
bool has_scheme(std::string_view url);
// A CSS length: "2em", "12pt".
std::string length_css(const Length&);
// Media type from the resource's own type, else its name's extension.
std::string media_type_of(const Resource&);

class BodyWriter {
public:
    BodyWriter(xml::Writer& out, Flavor, const Document&, DiagnosticSink&);
    virtual ~BodyWriter() = default;
    BodyWriter(const BodyWriter&) = delete;
    BodyWriter& operator=(const BodyWriter&) = delete;

    void head(const Metadata&);  // <header>: title, subtitle, metadata line, byline (Start), abstract
    void byline(const Metadata&);
    void foot(const Metadata&);  // the byline at the end, when it stood there
    // After head(): the dateline (新华社北京7月13日电, 本报讯) is shown at the start
    // of the lede, or as a paragraph of its own when the body opens otherwise.
    void lede_dateline();
    void blocks(const Blocks&);
    void block(const Block&);
    void inlines(const Inlines&);
    void inline_(const Inline&);
    void references(const std::vector<Reference>&);
    virtual void notes() = 0;  // the notes met so far (and the notes inside them)

    // `tail`, when given, writes more inline content before </p> (a backlink).
    void paragraph(const Paragraph&, const std::function<void()>& tail = nullptr);
    void heading(const Heading&);
    void block_quote(const BlockQuote&);
    void list(const std::vector<Blocks>& items, const OrderedList* ordered);
    void table(const Table&);
    void figure(const Figure&);
    void code_block(const CodeBlock&);
    void div(const Div&);

    const std::vector<TocEntry>& toc() const { return toc_; }

protected:
    struct PendingNote {
        const Note* note;
        std::string id, ref_id;  // ref_id empty: the note has no reference mark
    };
    // The src of an image's resource; "" after a diagnostic when it cannot
    // be written (its alt text is written instead).
    virtual std::string image_source(const Resource&) = 0;
    // The reference mark of note number `num`.
    virtual void note_ref(const PendingNote&, std::size_t num) = 0;

    void warn(std::string_view what, std::string message);  // code: prefix.what
    void attrs(const Attr&, std::string_view extra_class = {});  // id, class, data-*
    bool id_ok(const std::string& id);
    // An id no element has and none was written: prefix + number, from `from`.
    std::string fresh_id(std::string_view prefix, std::size_t from);
    // Blocks where a single plain paragraph is written as bare inlines (list
    // items, cells, captions): the readers wrap loose inlines back into one.
    void tight(const Blocks&);
    void finish();  // the diagnostic for dropped attributes

    xml::Writer& w_;
    Flavor f_;
    const Document& doc_;
    DiagnosticSink& diags_;
    std::vector<PendingNote> notes_;
    std::size_t notes_done_ = 0;

private:
    void cell(const TableCell&, bool head, Alignment col_align, int rowspan);
    void link(const Link&);
    void image(const Image&);
    void note(const Note&);
    void cross_ref(const CrossRef&);
    void raw(const std::string& format, const std::string& text, bool block);
    void dateline(bool lede);  // <span class="dateline">, then the separator when a lede follows

    std::unordered_set<std::string> ids_;      // every id the AST defines (link targets)
    std::unordered_set<std::string> written_;  // ids written so far (no duplicates)
    std::vector<TocEntry> toc_;
    int heading_ids_ = 0;
    int in_link_ = 0;
    std::size_t attr_dropped_ = 0;
    std::string dateline_;  // still to be shown at the start of the lede
};

}  // namespace copydesk::xhtml

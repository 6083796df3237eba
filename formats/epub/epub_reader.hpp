// EPUB reader internals: markup preparation (DOCTYPE, HTML entities), a small
// DOM of each XHTML content document, and its conversion to the AST.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/zip/zip.hpp"
#include "copydesk/ast.hpp"
#include "copydesk/diagnostics.hpp"
#include "copydesk/options.hpp"

namespace copydesk::epub::reader {

// Real EPUB XHTML carries `<!DOCTYPE html>` or an XHTML 1.1 DOCTYPE and HTML
// entities such as &nbsp;. Before parsing: a DOCTYPE without an internal
// subset is blanked out (never loaded); one with an internal subset (entity
// declarations: billion laughs, XXE) is a ParseError. Named HTML entities
// are replaced by their characters from a built-in table; unknown ones are
// removed and counted in `dropped`. Line numbers are kept. Input that is not
// ASCII-compatible (UTF-16) is returned unchanged, so the XML layer's strict
// rules apply to it.
std::string prepare_markup(std::string_view data, const Location& where, std::size_t& dropped);
// The UTF-8 text of an HTML named entity ("nbsp" -> U+00A0), empty if unknown.
std::string_view html_entity(std::string_view name);

// A parsed XHTML element or text node. Only XHTML elements are kept; SVG,
// MathML and other foreign elements become one empty node named "#svg" etc.
struct Node {
    std::string name;  // local name of an element; empty for text
    std::string text;  // text of a text node
    std::vector<std::pair<std::string, std::string>> attrs;  // "id", "epub:type", "xml:lang", ...
    std::vector<Node> children;
    int line = 0;

    bool is_element() const { return !name.empty(); }
    const std::string* attr(std::string_view key) const;
    bool has_class(std::string_view c) const;
    bool has_type(std::string_view t) const;  // a token of epub:type (or role "doc-<t>")
};

// Parses a prepared XHTML document; ParseError/LimitError with line numbers.
// `recover`: read XML that is not quite well-formed, each repair a warning there
// (the reader option `recover`); nullptr: a parse error is an error.
Node parse_xhtml(std::string_view data, const Location& where, const Limits& limits, DiagnosticSink* recover = nullptr);

// Resolves an href against the directory of `base` (a path in the ZIP):
// fragment and query removed, percent-escapes decoded, "." and ".." applied.
// nullopt for an absolute URL or a path leaving the container.
std::optional<std::string> resolve_path(std::string_view base, std::string_view href);
std::string fragment_of(std::string_view href);  // after '#', or empty

// Everything the converter needs across the spine.
struct Book {
    zip::Archive* archive = nullptr;  // null for a web page: images stay URLs
    std::string diag_prefix = "epub";  // of diagnostic codes ("html" for the HTML reader)
    std::string file;     // for locations
    std::string opf_dir;  // "EPUB/": resource names are relative to it
    std::set<std::string> spine_docs;  // paths of the content documents
    std::set<std::string> encrypted;   // paths listed in META-INF/encryption.xml
    std::unordered_map<std::string, const Node*> ids;  // "path#id" -> element
    std::set<const Node*> note_targets;  // elements a noteref points to
    std::unordered_map<const Node*, std::string> target_doc;  // note target -> its document
    std::unordered_map<std::string, std::string> manifest_types;  // path -> media-type
};

// Indexes the ids of a parsed document ("path#id"), then the elements its
// note references (epub:type/role noteref) point to.
void collect_ids(const Node& n, const std::string& path, Book& book);
void collect_notes(const Node& n, const std::string& path, Book& book);

// Converts one content document's <body> into blocks, loading the images it
// uses into `doc.resources`.
class Converter {
public:
    Converter(Book& book, Document& doc, DiagnosticSink& diags);
    void body(const Node& html, const std::string& path, Blocks& out);

private:
    struct Ws;  // whitespace state of the paragraph being built
    void blocks_from(const Node& parent, Blocks& out);
    void block(const Node& n, Blocks& out);
    void inlines_from(const Node& parent, Inlines& out, Ws& ws);
    void inline_(const Node& n, Inlines& out, Ws& ws);
    void text(std::string_view t, Inlines& out, Ws& ws);
    Inline image(const Node& n);
    void note(const Node& a, Inlines& out, Ws& ws);
    Table table(const Node& n);
    Figure figure(const Node& n);
    Attr attr_of(const Node& n, bool with_id = true) const;
    std::string link_target(std::string_view href) const;
    void drop(const std::string& what, int line);
    void flush(Inlines& pending, Blocks& out);

    Book& book_;
    Document& doc_;
    DiagnosticSink& diags_;
    std::string path_;  // current content document
    std::set<std::string> dropped_kinds_;
    std::set<const Node*> in_progress_;  // notes being converted (cycles)
    int depth_ = 0;
};

// Fills Metadata from the package document's <metadata> (EPUB 3 refines and
// EPUB 2 opf: attributes). `unique_id` is the package's unique-identifier.
struct MetaElement {
    std::string ns, name, id, text;
    std::map<std::string, std::string> attrs;  // local names; opf:role etc. as "opf:role"
};
void apply_metadata(const std::vector<MetaElement>&, std::string_view unique_id, Metadata&, DiagnosticSink&);

}  // namespace copydesk::epub::reader

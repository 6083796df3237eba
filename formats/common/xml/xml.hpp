// XML layer. Reading goes through libxml2's streaming xmlTextReader, safe by
// construction (no network, no entity substitution, no DTD loading, a
// deny-all external entity loader); writing is a small escaping serializer.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "copydesk/diagnostics.hpp"
#include "copydesk/errors.hpp"

namespace copydesk::xml {

// Namespace URIs used by more than one format.
namespace ns {
inline constexpr std::string_view w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
inline constexpr std::string_view r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
inline constexpr std::string_view xml = "http://www.w3.org/XML/1998/namespace";
inline constexpr std::string_view xlink = "http://www.w3.org/1999/xlink";
inline constexpr std::string_view mathml = "http://www.w3.org/1998/Math/MathML";
}  // namespace ns

// The text without XML white space (space, tab, CR, LF) at either end.
inline std::string trim(std::string_view s) {
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    return std::string(s);
}

enum class NodeType { StartElement, EndElement, Text };

struct ReaderOptions {
    // OOXML and EPUB parts: a DOCTYPE is an error (XXE / billion laughs).
    // JATS: a DOCTYPE is allowed but never loaded or expanded.
    bool allow_doctype = false;
    std::size_t max_depth = 256;
    // Real-world XML that is not quite well-formed (JATS, EPUB content
    // documents; never OOXML): libxml2's recovery mode (XML_PARSE_RECOVER)
    // reads on where it can, and each error it repairs is a warning
    // "xml.recovered" (with its line) in `repairs` instead of a ParseError.
    // The limits and the safety options stay: no network, no entity
    // expansion, no DTD loading; a limit is still an error. See docs/xml.md.
    bool recover = false;
    DiagnosticSink* repairs = nullptr;
};

// Pull reader. Empty elements (<a/>) are reported as a StartElement followed
// by an EndElement, so callers never special-case them. Comments, processing
// instructions and ignorable whitespace outside the root are skipped.
// Malformed XML throws ParseError with `where` (file, part) plus line/column.
class Reader {
public:
    // Fills up to n bytes of buf and returns how many; 0 at the end. It may
    // throw (a zip::EntryStream's LimitError or ParseError, say): the parse
    // ends and the exception comes out of the Reader call that was pulling.
    using Source = std::function<std::size_t(char* buf, std::size_t n)>;

    // Parses a copy of `data` (the caller need not keep it alive).
    Reader(std::string_view data, Location where, ReaderOptions options = {});
    // Pulls the document from `source` as the parse needs it, a few KiB at a
    // time, so a large part is never held whole. The same safety and errors
    // as the in-memory reader. Reads the first bytes (the encoding) at once.
    Reader(Source source, Location where, ReaderOptions options = {});
    ~Reader();
    Reader(const Reader&) = delete;
    Reader& operator=(const Reader&) = delete;

    // Advances to the next node; false at the end of the document.
    bool next();
    NodeType type() const;
    // local_name() lives as long as the reader; ns() and text() until the
    // next call to next(), skip() or read_text().
    std::string_view local_name() const;  // of the element (start or end)
    std::string_view ns() const;          // namespace URI of the element
    bool is(std::string_view ns_uri, std::string_view local) const;  // a StartElement with this name
    bool is_end(std::string_view ns_uri, std::string_view local) const;
    // Attribute of the current start element by namespace URI ("" = none) and local name.
    std::optional<std::string> attr(std::string_view ns_uri, std::string_view local) const;
    // Every attribute of the current start element, in document order (for
    // HTML's open-ended data-* attributes). Values as attr() gives them.
    struct Attribute {
        std::string ns, local, value;
    };
    std::vector<Attribute> attributes() const;
    // Text of a Text node (text, CDATA and significant whitespace).
    std::string_view text() const;
    int depth() const;  // of the current node, root = 0
    int line() const;
    // On a StartElement: skips to its matching EndElement (so next() continues after it).
    void skip();
    // On a StartElement: all text below it, concatenated; positioned at its EndElement.
    std::string read_text();
    const Location& where() const;
    // Entity references that were not expanded (anything but the five
    // predefined entities and character references), in text and attribute
    // values: they are dropped, never loaded; callers may warn.
    std::size_t dropped_entities() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Escaping serializer. Characters XML 1.0 cannot hold (C0 controls other than
// tab/LF/CR, U+FFFE/U+FFFF, invalid UTF-8) are dropped, with one diagnostic
// per writer ("xml.invalid-char-dropped") if a sink is given.
class Writer {
public:
    explicit Writer(Diagnostics* diagnostics = nullptr, std::string part = {});

    Writer& declaration(bool standalone = true);  // <?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n
    Writer& doctype(std::string_view root, std::string_view public_id, std::string_view system_id);
    Writer& start(std::string_view qname);         // <qname
    Writer& attr(std::string_view qname, std::string_view value);
    Writer& text(std::string_view utf8);
    Writer& end();                                  // /> or </qname>
    Writer& element(std::string_view qname, std::string_view text);  // <q>text</q>
    Writer& raw(std::string_view xml);             // trusted, already serialized
    // HTML syntax (text/html) instead of XML: void elements end with ">" and
    // every other element with its end tag, since "<p/>" is only a start tag there.
    Writer& html_syntax(bool on = true) {
        html_ = on;
        return *this;
    }
    std::size_t open_elements() const;
    std::string take();  // the document; all elements must be closed
    std::string& buffer();

private:
    void close_start_tag();
    void escape(std::string_view s, bool in_attr);
    void dropped(std::uint32_t code_point);  // 0xFFFFFFFF: invalid UTF-8 or a non-character
    std::string out_;
    std::vector<std::string> stack_;
    bool start_open_ = false;
    Diagnostics* diags_;
    std::string part_;
    bool warned_ = false;
    bool html_ = false;
};

}  // namespace copydesk::xml

// HTML reader internals: bytes to UTF-8, libxml2's HTML parser into the small
// DOM the EPUB reader converts (epub::reader::Node), the article finder and
// the page's metadata.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "copydesk/diagnostics.hpp"
#include "copydesk/registry.hpp"
#include "epub/epub_reader.hpp"

namespace copydesk::html {

using epub::reader::Node;

Document read(std::string_view data, const ReadContext& ctx);

// The charset a page declares in its first 4 KiB (<meta charset>, http-equiv
// content-type, an XML declaration), lower-cased; empty if none.
std::string declared_charset(std::string_view data);

// The page as UTF-8: a BOM wins, then `override_charset` (the reader option
// `encoding`), then the declared charset, then content sniffing (UTF-8,
// GB18030, Big5). `used` names what was used.
std::string to_utf8(std::string_view data, std::string_view override_charset, DiagnosticSink& diags,
                    const Location& where, std::string& used);

struct ParseLimits {
    std::size_t max_depth = 256;
    std::size_t max_nodes = 1000000;
    std::size_t max_attribute_bytes = 1 << 20;  // longer values are dropped (a diagnostic)
};

// Parses UTF-8 HTML into a DOM rooted at <html>; script, style and other
// content without text are dropped at parse time, except JSON-LD, which is
// kept as <script type="application/ld+json">. LimitError past the limits.
Node parse_html(std::string_view utf8, const ParseLimits& limits, DiagnosticSink& diags, const Location& where);

// The article's container in a whole page (never null: <body> when nothing
// scores), and the page with its boilerplate marked for removal.
struct Extraction {
    const Node* article = nullptr;
    const Node* title_element = nullptr;  // the <h1> (or like) heading the article, if found
};
Extraction find_article(const Node& html);

// Removes from `article` (a copy) what is not the article's text: share
// bars, related links, comments, ads, navigation (by class/id hints and link
// density), and the title heading already taken into metadata.
Node clean_article(const Node& article, const Node* title_element);

// The text of a subtree, whitespace collapsed.
std::string text_of(const Node& n);

// Fills metadata from <head> (meta, title, link rel=canonical, JSON-LD),
// <html lang>, and the short lines around the title (来源：, 时间：, 作者：).
void read_metadata(const Node& html, const Extraction& ex, Metadata& m);

}  // namespace copydesk::html

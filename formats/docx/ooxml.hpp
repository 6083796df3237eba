// OOXML names shared by the DOCX writer and reader: namespaces, relationship
// types, content types, and the style ids copydesk writes (docs/docx.md).
#pragma once

#include <string_view>

#include "common/xml/xml.hpp"

namespace copydesk::docx::ooxml {

// ------------------------------------------------------------- namespaces
namespace ns {
inline constexpr std::string_view w = xml::ns::w;  // shared with the XML layer
inline constexpr std::string_view r = xml::ns::r;
inline constexpr std::string_view wp = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
inline constexpr std::string_view a = "http://schemas.openxmlformats.org/drawingml/2006/main";
inline constexpr std::string_view pic = "http://schemas.openxmlformats.org/drawingml/2006/picture";
inline constexpr std::string_view m = "http://schemas.openxmlformats.org/officeDocument/2006/math";
inline constexpr std::string_view pkg_rels = "http://schemas.openxmlformats.org/package/2006/relationships";
inline constexpr std::string_view content_types = "http://schemas.openxmlformats.org/package/2006/content-types";
inline constexpr std::string_view core = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
inline constexpr std::string_view dc = "http://purl.org/dc/elements/1.1/";
inline constexpr std::string_view dcterms = "http://purl.org/dc/terms/";
inline constexpr std::string_view dcmitype = "http://purl.org/dc/dcmitype/";
inline constexpr std::string_view xsi = "http://www.w3.org/2001/XMLSchema-instance";
inline constexpr std::string_view extended = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties";
inline constexpr std::string_view custom = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties";
inline constexpr std::string_view vt = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes";
}  // namespace ns

// ---------------------------------------------------- relationship types
namespace rel {
inline constexpr std::string_view office_document =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
inline constexpr std::string_view core_properties =
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties";
inline constexpr std::string_view extended_properties =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties";
inline constexpr std::string_view custom_properties =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties";
inline constexpr std::string_view styles = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";
inline constexpr std::string_view settings = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings";
inline constexpr std::string_view numbering = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering";
inline constexpr std::string_view footnotes = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes";
inline constexpr std::string_view endnotes = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes";
inline constexpr std::string_view theme = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme";
inline constexpr std::string_view font_table = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable";
inline constexpr std::string_view hyperlink = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink";
inline constexpr std::string_view image = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image";
}  // namespace rel

// --------------------------------------------------------- content types
namespace ct {
inline constexpr std::string_view rels = "application/vnd.openxmlformats-package.relationships+xml";
inline constexpr std::string_view xml = "application/xml";
inline constexpr std::string_view document =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
inline constexpr std::string_view styles = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml";
inline constexpr std::string_view settings = "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml";
inline constexpr std::string_view numbering = "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml";
inline constexpr std::string_view footnotes = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml";
inline constexpr std::string_view endnotes = "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml";
inline constexpr std::string_view font_table = "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml";
inline constexpr std::string_view theme = "application/vnd.openxmlformats-officedocument.theme+xml";
inline constexpr std::string_view core = "application/vnd.openxmlformats-package.core-properties+xml";
inline constexpr std::string_view extended = "application/vnd.openxmlformats-officedocument.extended-properties+xml";
inline constexpr std::string_view custom = "application/vnd.openxmlformats-officedocument.custom-properties+xml";
}  // namespace ct

// ------------------------------------------- style ids copydesk writes
// Built-in Word styles keep their built-in ids and names; the article head
// uses copydesk's own paragraph styles so the reader can recognise it.
namespace style {
inline constexpr std::string_view normal = "Normal";
inline constexpr std::string_view body_text = "BodyText";        // body paragraphs
inline constexpr std::string_view title = "Title";
inline constexpr std::string_view subtitle = "Subtitle";
inline constexpr std::string_view article_meta = "ArticleMeta";  // "来源：… 责编：… 时间：…"
inline constexpr std::string_view byline = "Byline";             // "记者 王俊"
inline constexpr std::string_view abstract = "Abstract";
inline constexpr std::string_view quote = "Quote";
inline constexpr std::string_view caption = "Caption";
inline constexpr std::string_view figure = "Figure";             // paragraphs holding a figure's image
inline constexpr std::string_view list_paragraph = "ListParagraph";
inline constexpr std::string_view source_code = "SourceCode";    // code blocks
inline constexpr std::string_view bibliography = "Bibliography";
inline constexpr std::string_view footnote_text = "FootnoteText";
inline constexpr std::string_view footnote_reference = "FootnoteReference";  // character style
inline constexpr std::string_view endnote_text = "EndnoteText";
inline constexpr std::string_view endnote_reference = "EndnoteReference";    // character style
inline constexpr std::string_view hyperlink = "Hyperlink";                   // character style
inline constexpr std::string_view caption_label = "CaptionLabel";            // character style, "图1" in a caption
inline constexpr std::string_view verbatim_char = "VerbatimChar";            // character style, inline code
inline constexpr std::string_view dateline = "Dateline";                     // character style, 新华社北京7月13日电 opening the lede
inline constexpr std::string_view table_grid = "TableGrid";                  // table style
}  // namespace style

// Units: 1 inch = 1440 twips = 914400 EMU; 1 pt = 20 twips = 12700 EMU.
inline constexpr long long kEmuPerTwip = 635;
inline constexpr long long kEmuPerPx = 9525;  // at 96 dpi

}  // namespace copydesk::docx::ooxml

// DOCX writer internals: one function per part and per element, so each can
// be unit-tested against hand-checked XML (tests/cpp/test_docx_writer*.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/article/article_head.hpp"
#include "common/xml/xml.hpp"
#include "copydesk/ast.hpp"
#include "copydesk/diagnostics.hpp"
#include "copydesk/options.hpp"

namespace copydesk::docx::writer {

// ------------------------------------------------------------- settings
using article::Script;

struct Fonts {
    std::string east_asian;          // body text, w:rFonts w:eastAsia
    std::string east_asian_heading;  // title and headings
    std::string latin;               // w:ascii/w:hAnsi; empty = not forced
    std::string latin_heading;
    std::string monospace;           // code (Latin slots only)
};

struct Settings {
    std::string language = "en-US";  // w:lang w:val / dc:language
    Script script = Script::Latin;
    bool indent_first_line = false;  // zh, ja: body paragraphs indented two characters
    Fonts fonts;
    int body_half_points = 22;       // w:sz of Normal
    int page_width = 11906, page_height = 16838;  // A4, twips
    int margin_left_right = 1440, margin_top_bottom = 1440;
    int compression_level = 1;  // Word compresses about as much as zlib level 1
    std::string reference_doc;       // path of a DOCX to take styles, theme and fonts from

    bool cjk() const { return script != Script::Latin; }
    int text_width() const { return page_width - 2 * margin_left_right; }  // twips
    // One character of body text in twips (for w:firstLine beside w:firstLineChars).
    int char_width() const { return body_half_points * 10; }
};

// Settings from the document language and the writer options
// (east-asian-font, east-asian-heading-font, latin-font, latin-heading-font,
// monospace-font, font-size, reference-doc, compression-level).
// An empty document language is guessed from the title and first blocks
// (Han characters -> zh-CN).
Settings make_settings(const Document&, const Options&);


// ------------------------------------------------------- package state
struct Relationship {
    std::string id, type, target;
    bool external = false;
};

struct MediaPart {
    std::string part;  // "word/media/image1.png"
    std::string mime;
    const std::string* data = nullptr;
    std::string rel_id;
};

struct ListDef {
    bool ordered = false;
    ListStyle style = ListStyle::Default;
    int start = 1;
    int level = 0;  // ilvl of the list's own items (its nesting depth)
};

// What the body refers to, collected while it is written.
struct Package {
    std::vector<Relationship> rels;  // word/_rels/document.xml.rels
    std::vector<MediaPart> media;
    std::vector<ListDef> lists;      // numId = index + 1, abstractNumId = index
    std::string footnotes;           // <w:footnote> elements with ids >= 1
    std::string endnotes;            // <w:endnote> elements with ids >= 1; the part only if any
    std::unordered_map<std::string, std::size_t> media_by_target;
    std::unordered_map<std::string, std::string> link_rels;

    Package();  // with the fixed relationships (styles, settings, numbering, footnotes)
    const std::string& add_rel(std::string_view type, std::string target, bool external = false);
};

// ------------------------------------------------------------ the parts
std::string content_types_xml(const Package&, bool theme, bool font_table);
std::string package_rels_xml();
std::string document_rels_xml(const Package&);
std::string core_xml(const Metadata&, Diagnostics&);
std::string app_xml();
std::string custom_xml(const Metadata&, Diagnostics&);
std::string settings_xml(const Settings&, bool endnotes = false);
std::string numbering_xml(const Package&);
std::string footnotes_xml(const Package&);
std::string endnotes_xml(const Package&);
std::string styles_xml(const Settings&);
// The styles copydesk uses, one <w:style> each, for merging into a reference
// document's styles.xml (each carries its own xmlns:w).
std::vector<std::pair<std::string, std::string>> style_definitions(const Settings&, bool own_namespace);
// A reference styles.xml with the styles it lacks appended.
std::string merge_styles(std::string reference_styles, const Settings&, const std::string& part);

// ----------------------------------------------------------------- media
struct PixelSize {
    int width = 0, height = 0;
};
// PNG, JPEG and GIF dimensions from the file's bytes.
std::optional<PixelSize> image_pixel_size(std::string_view data);
// A CSS length ("120px", "5cm", "2in", "72pt", "50%", "300") in EMU;
// percentages are of `full_emu`. nullopt when unparsable.
std::optional<long long> length_to_emu(std::string_view css, long long full_emu);
// The media type for a file name's extension ("png" -> "image/png").
std::string_view mime_for_extension(std::string_view ext);

// ------------------------------------------------------------------ body
// Writes word/document.xml's body (and the notes it meets into Package::footnotes).
class BodyWriter {
public:
    // `xml_diags` receives the XML layer's dropped-character warnings for footnotes.xml.
    BodyWriter(xml::Writer& out, Package& pkg, const Settings& settings, const Document& doc,
               DiagnosticSink& diags, Diagnostics* xml_diags = nullptr);

    void document(const Document&);  // the whole <w:document>, notes into Package::footnotes
    void head(const Metadata&);       // title, subtitle, metadata line, byline (Start), abstract
    void byline(const Metadata&);
    void blocks(const Blocks&);
    void block(const Block&);
    void inlines(const Inlines&);
    void references(const std::vector<Reference>&);
    void section_properties();

    // Per-element writers (public for unit tests).
    void paragraph(const Paragraph&);
    void dateline(bool lede = true);  // the "Dateline" run, once, at the start of the lede (or alone: no separator)
    void heading(const Heading&);
    void block_quote(const BlockQuote&);
    void bullet_list(const BulletList&);
    void ordered_list(const OrderedList&);
    void table(const Table&);
    void figure(const Figure&);
    void code_block(const CodeBlock&);
    void horizontal_rule();
    void raw_block(const RawBlock&);
    void div(const Div&);
    // A paragraph of one style holding these inlines / this text.
    void styled_paragraph(std::string_view style, const Inlines&);
    void text_paragraph(std::string_view style, std::string_view text);

    // Run formatting flags.
    enum : std::uint16_t {
        kBold = 1, kItalic = 2, kUnderline = 4, kStrike = 8, kSuper = 16, kSub = 32, kSmallCaps = 64
    };

private:
    struct Run {
        std::uint16_t flags = 0;
        std::string_view style;  // character style id
    };

    void warn(std::string code, std::string message);
    void list(bool ordered, ListStyle style, int start, const std::vector<Blocks>& items);
    void table_cell(const TableCell* cell, int col, int span, int vmerge, const std::vector<int>& widths,
                    const Table& t);
    void para_start(std::string_view style, const Paragraph* p = nullptr, bool rule = false);
    void para_end();
    void flush_bookmarks();
    void flush_list_marker();
    void bookmark_start(const std::string& name);
    void bookmark_end();
    void inline_(const Inline&, Run);
    void inlines(const Inlines&, Run);
    void run_props(Run);
    void text_run(std::string_view text, Run);
    void text_content(std::string_view text);
    void link(const Link&, Run);
    void image(const Image&, Run);
    void note(const Note&, Run);

    xml::Writer* out_;
    xml::Writer notes_;
    xml::Writer endnotes_;
    Package& pkg_;
    const Settings& s_;
    const Document& doc_;
    DiagnosticSink& diags_;
    std::vector<std::string> pending_bookmarks_;  // ids waiting for the next paragraph
    std::vector<int> bookmark_stack_;
    int next_bookmark_ = 0;
    int next_note_ = 1;
    int next_endnote_ = 1;
    int next_drawing_ = 1;
    int quote_depth_ = 0;
    std::size_t attr_dropped_ = 0;
    bool in_note_ = false;
    bool in_endnote_ = false;
    bool in_link_ = false;
    bool note_ref_pending_ = false;   // the next paragraph starts a footnote or endnote
    bool last_block_table_ = false;   // a cell or note must end with a paragraph
    std::size_t paras_written_ = 0;
    // Paragraph context for blocks inside lists, cells, quotes and notes.
    std::string_view para_style_;
    Alignment align_override_ = Alignment::Default;
    int list_num_ = 0, list_level_ = -1;  // numbering of the current list item (0 = none)
    bool list_marker_pending_ = false;    // the item's first paragraph is still to come
    int list_depth_ = 0;
    std::string dateline_;  // still to be shown at the start of the lede
};

}  // namespace copydesk::docx::writer

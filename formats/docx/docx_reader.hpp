// Internals of the DOCX reader, shared by docx_reader_*.cpp and the tests.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/xml/xml.hpp"
#include "common/zip/zip.hpp"
#include "copydesk/ast.hpp"
#include "copydesk/registry.hpp"

namespace copydesk::docx::rd {

// ------------------------------------------------------------ namespaces
// Transitional or ISO Strict URIs, picked from the main part's root element.
struct Namespaces {
    std::string_view w, r, wp, a, pic, m, rel_prefix;
    bool strict = false;
    static Namespaces transitional();
    static Namespaces iso_strict();
};
inline constexpr std::string_view kNsPkgRels = "http://schemas.openxmlformats.org/package/2006/relationships";
inline constexpr std::string_view kNsMc = "http://schemas.openxmlformats.org/markup-compatibility/2006";
inline constexpr std::string_view kNsVml = "urn:schemas-microsoft-com:vml";
inline constexpr std::string_view kNsOffice = "urn:schemas-microsoft-com:office:office";
inline constexpr std::string_view kNsContentTypes = "http://schemas.openxmlformats.org/package/2006/content-types";

// ---------------------------------------------------------------- package
struct Relationship {
    std::string type;    // full type URI
    std::string target;  // resolved part name ("word/media/image1.png") or external URL
    bool external = false;
};
using Relationships = std::unordered_map<std::string, Relationship>;

// Part name of the .rels for `part` ("word/document.xml" → "word/_rels/document.xml.rels").
std::string rels_part_for(std::string_view part);
// Resolves a relationship target against the source part's folder.
std::string resolve_target(std::string_view source_part, std::string_view target);
// True if `type` ends with "/<suffix>" (transitional and strict URIs differ in the prefix).
bool rel_type_is(std::string_view type, std::string_view suffix);
Relationships parse_relationships(std::string_view xml, std::string_view source_part, const Location& where);

struct ContentTypes {
    std::unordered_map<std::string, std::string> defaults;   // lower-case extension → MIME
    std::unordered_map<std::string, std::string> overrides;  // lower-case "/part" → MIME
    std::string mime_for(std::string_view part) const;
};
ContentTypes parse_content_types(std::string_view xml, const Location& where);

// Calls f() on each child element of the start element the reader stands on,
// until its end. f must consume the child (handle it to its end or skip()).
template <class F>
void for_children(xml::Reader& r, F&& f) {
    if (r.type() != xml::NodeType::StartElement) return;
    const int d = r.depth();
    while (r.next()) {
        if (r.type() == xml::NodeType::EndElement && r.depth() <= d) return;
        if (r.type() == xml::NodeType::StartElement) f();
    }
}

struct RunProps;
struct ParaProps;
// ------------------------------------------------------------ values
// ST_OnOff: absent value or true/1/on = true.
bool on_off(const std::optional<std::string>& v);
// An integer attribute; nullopt if malformed (never throws).
std::optional<long long> to_int(std::string_view s);
// A length in twips: plain numbers are twips; Strict's "12pt", "1in", "2cm", "5mm" are converted.
std::optional<int> twips(std::string_view s);
// Reads the run properties of the w:rPr the reader stands on (consumes it).
RunProps read_rpr(xml::Reader& r, const Namespaces& ns, std::string* rstyle);
// Reads the w:pPr the reader stands on (consumes it); `pstyle` gets w:pStyle.
ParaProps read_ppr(xml::Reader& r, const Namespaces& ns, std::string* pstyle);

// ------------------------------------------------------------- properties
// Tri-state run properties: unset inherits from the style below.
struct RunProps {
    std::optional<bool> bold, italic, underline, strike, small_caps, hidden;
    std::optional<int> vert;  // 0 baseline, 1 superscript, 2 subscript
    void merge_from(const RunProps& over);  // `over` wins where set
};

struct NumRef {
    std::string num_id;
    int ilvl = 0;
};

// Twips unless noted.
struct ParaProps {
    std::optional<int> outline_level;  // 0-based, 9 = body text
    std::optional<NumRef> num;         // num_id "0" removes numbering
    std::optional<int> ind_left, ind_hanging, ind_first_line, ind_first_line_chars;
    std::optional<Alignment> align;
    bool border_bottom = false;  // w:pBdr/w:bottom; only direct formatting counts (a rule)
    void merge_from(const ParaProps& over);
};

enum class StyleKind { None, Heading, Title, Subtitle, Quote, Code, Caption, ListParagraph,
                       Metadata, Byline, Abstract, Figure };

struct Style {
    std::string id, name, based_on, type;  // type: paragraph, character, table, numbering
    ParaProps ppr;
    RunProps rpr;
};

// styles.xml, resolved through basedOn (cycle-safe, depth-bounded).
class Styles {
public:
    void parse(std::string_view xml, const Namespaces& ns, const Location& where);
    const Style* find(std::string_view id) const;
    // Effective properties of a style: its basedOn chain merged, the style's own last.
    ParaProps para_props(std::string_view id) const;
    RunProps run_props(std::string_view id) const;
    // What a paragraph style means for the AST; `level` set for headings.
    StyleKind kind(std::string_view id, int* level = nullptr) const;
    bool is_code_char(std::string_view id) const;
    bool is_link_char(std::string_view id) const;   // Hyperlink: its underline is not content
    bool is_list_style(std::string_view id) const;  // "List Number", "List Bullet 2", ...
    bool is_caption_label(std::string_view id) const;  // our "CaptionLabel" character style
    bool is_dateline(std::string_view id) const;       // our "Dateline" character style
    const RunProps& default_run() const { return default_rpr_; }

    // Everything the body needs about one style, computed once per style id.
    struct Resolved {
        ParaProps ppr;
        RunProps rpr;
        StyleKind kind = StyleKind::None;
        int level = 0;
        bool list_style = false, code_char = false, link_char = false;
    };
    const Resolved& resolved(std::string_view id) const;
    std::string_view default_paragraph() const { return default_para_; }

private:
    std::vector<const Style*> chain(std::string_view id) const;
    std::unordered_map<std::string, Style> styles_;
    RunProps default_rpr_;
    std::string default_para_;
    mutable std::unordered_map<std::string, std::pair<StyleKind, int>> kind_cache_;
    mutable std::unordered_map<std::string, Resolved> resolved_;
    mutable std::string last_id_;
    mutable const Resolved* last_ = nullptr;
};

// Classification of a single style name or id (no inheritance).
StyleKind classify_style_name(std::string_view name_or_id, int* level);

struct LevelDef {
    bool bullet = false;
    bool none = false;  // numFmt "none": not a visible list
    ListStyle style = ListStyle::Decimal;
    int start = 1;
};

class Numbering {
public:
    void parse(std::string_view xml, const Namespaces& ns, const Location& where);
    // nullptr if the num or level is unknown.
    const LevelDef* level(std::string_view num_id, int ilvl) const;
    // The abstract definition behind a num (lists sharing it continue each other).
    std::string abstract_of(std::string_view num_id) const;

private:
    struct Num {
        std::string abstract_id;
        std::map<int, LevelDef> overrides;
        std::set<int> start_only;  // overrides that only change the start value
    };
    mutable std::unordered_map<std::string, LevelDef> merged_;
    std::unordered_map<std::string, std::map<int, LevelDef>> abstracts_;
    std::unordered_map<std::string, Num> nums_;
};

// ListStyle / bullet from a w:numFmt value.
LevelDef level_from_format(std::string_view fmt);

// ----------------------------------------------------------------- inlines
// Formatting flags of a run, in nesting order (outermost first).
enum Flag : std::uint8_t {
    kStrong = 1, kEmph = 2, kUnderline = 4, kStrike = 8, kSmallCaps = 16, kSuper = 32, kSub = 64
};

struct Atom {
    Inline node;  // Text, LineBreak, Note, Image, Link, Code, Math, Span...
    std::uint8_t flags = 0;
};
// Builds nested formatting from flagged atoms: maximal groups per flag in a
// fixed order, adjacent Text merged. The canonical form of DOCX formatting.
Inlines build_inlines(std::vector<Atom>& atoms);
// Rewrites any inlines into that canonical form (used by the round-trip test
// and to normalise link contents).
Inlines canonical_inlines(const Inlines& in);

// -------------------------------------------------------------- assembly
// A body-level item before lists and quotes are grouped.
struct Item {
    Block block;                  // Paragraph, Heading, Table, Div...
    std::optional<NumRef> num;    // list paragraph
    const LevelDef* level = nullptr;
    std::string list_key;         // abstract num id (lists sharing it continue)
    int number = 1;               // this item's ordinal in its list level
    bool quote = false;
    StyleKind kind = StyleKind::None;
    int cont_level = -1;
    bool dropped = false;         // taken into metadata
    std::string label;            // a caption's leading Caption Label runs ("图1")
    std::string dateline;         // a paragraph's leading Dateline runs ("新华社北京7月13日电")
};
// A paragraph holding only images (and bookmarks): what Word puts above a
// caption; with caption paragraphs after it, it is a figure.
bool image_only(const Block& b);
// Groups consecutive list items into (nested) lists and quote paragraphs into block quotes.
Blocks assemble(std::vector<Item>& items);
// The same, appending to `out`.
void assemble_into(std::vector<Item>& items, Blocks& out);

// The main body's items → blocks, as they come. Leading Title / Subtitle /
// Article Meta / Byline / Abstract paragraphs are the article head (for the
// metadata); later Titles become headings; end bylines (our writer's) are
// dropped. A group (list, quote, captions and their table, code) is
// assembled as soon as an item arrives that ends every group, so only an
// open group is held, never the whole body as items.
class BodyAssembler {
public:
    void add(Item&& item);
    void reserve(std::size_t blocks);
    Blocks finish();
    // The head into the metadata: call after the document properties, which it overrides.
    void apply_head(Metadata& m);

private:
    std::vector<Item> pending_;
    Blocks out_;
    bool in_head_ = true;
    bool title_seen_ = false;
    std::string title_;
    std::vector<std::string> subtitles_;
    Blocks abstract_;
    bool lede_seen_ = false;
    std::string dateline_;  // as shown at the start of the lede
    // Takes the Dateline runs from the start of the first body paragraph; true
    // if nothing of the paragraph is left.
    bool take_dateline(Item&);
};

}  // namespace copydesk::docx::rd

// The article AST: one tree that every format reads into and writes from.
// Modelled on pandoc-types (flat headings, Div/Span/Raw escape hatches) with
// typed newspaper metadata added. All nodes are plain values: copyable,
// comparable with ==, and mutable in place.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "copydesk/diagnostics.hpp"

namespace copydesk {

struct Block;
struct Inline;
using Blocks = std::vector<Block>;
using Inlines = std::vector<Inline>;

// Identifier, classes and key/value pairs, as pandoc's Attr.
struct Attr {
    std::string id;
    std::vector<std::string> classes;
    std::vector<std::pair<std::string, std::string>> attributes;

    bool empty() const { return id.empty() && classes.empty() && attributes.empty(); }
    const std::string* get(const std::string& key) const;
    void set(const std::string& key, std::string value);
    bool operator==(const Attr&) const = default;
};

enum class Alignment { Default, Left, Center, Right, Justify };

// A node kept on the heap, so that Inline (40 bytes) and Block (64 bytes) stay
// small: text runs and paragraphs, nearly all of an article, carry no unused
// room for the rare large nodes (links, tables, headings with attributes),
// which pay one allocation instead. Value semantics: copies are deep and ==
// compares values. Reach the node through Inline/Block::as<T>() and visit();
// a moved-from Box may only be assigned to or destroyed.
template <class T>
class Box {
public:
    Box() : p_(std::make_unique<T>()) {}
    Box(T value) : p_(std::make_unique<T>(std::move(value))) {}  // NOLINT: implicit by design
    Box(const Box& o) : p_(o.p_ ? std::make_unique<T>(*o.p_) : nullptr) {}
    Box(Box&&) noexcept = default;
    Box& operator=(const Box& o) {
        if (this != &o) p_ = o.p_ ? std::make_unique<T>(*o.p_) : nullptr;
        return *this;
    }
    Box& operator=(Box&&) noexcept = default;
    ~Box() = default;
    T& operator*() { return *p_; }
    const T& operator*() const { return *p_; }
    T* operator->() { return p_.get(); }
    const T* operator->() const { return p_.get(); }
    bool operator==(const Box& o) const { return p_ && o.p_ ? *p_ == *o.p_ : p_ == o.p_; }

private:
    std::unique_ptr<T> p_;
};

namespace detail {
// Which node types a variant stores in a Box (specialised below).
template <class T> inline constexpr bool kBoxed = false;
template <class T> using Stored = std::conditional_t<kBoxed<T>, Box<T>, T>;
template <class T> T& unbox(T& n) { return n; }
template <class T> const T& unbox(const T& n) { return n; }
template <class T> T& unbox(Box<T>& n) { return *n; }
template <class T> const T& unbox(const Box<T>& n) { return *n; }

// is<T>(), as<T>() and visit(f) of Inline and Block: they look through the
// boxes, so callers name and receive the node types themselves.
template <class Self>
struct NodeAccess {
    template <class T> bool is() const { return std::holds_alternative<Stored<T>>(self().node); }
    template <class T> T& as() { return unbox(std::get<Stored<T>>(self().node)); }
    template <class T> const T& as() const { return unbox(std::get<Stored<T>>(self().node)); }
    // Calls f with the node itself (Text&, Table&...), boxed or not.
    template <class F> decltype(auto) visit(F&& f) {
        return std::visit([&](auto& n) -> decltype(auto) { return f(unbox(n)); }, self().node);
    }
    template <class F> decltype(auto) visit(F&& f) const {
        return std::visit([&](const auto& n) -> decltype(auto) { return f(unbox(n)); }, self().node);
    }
    bool operator==(const NodeAccess&) const = default;

private:
    Self& self() { return static_cast<Self&>(*this); }
    const Self& self() const { return static_cast<const Self&>(*this); }
};
}  // namespace detail

// ---------------------------------------------------------------- inlines
struct Text { std::string text; bool operator==(const Text&) const = default; };
struct Emph { Inlines content; bool operator==(const Emph&) const = default; };
struct Strong { Inlines content; bool operator==(const Strong&) const = default; };
struct Underline { Inlines content; bool operator==(const Underline&) const = default; };
struct Strikeout { Inlines content; bool operator==(const Strikeout&) const = default; };
struct Superscript { Inlines content; bool operator==(const Superscript&) const = default; };
struct Subscript { Inlines content; bool operator==(const Subscript&) const = default; };
struct SmallCaps { Inlines content; bool operator==(const SmallCaps&) const = default; };
struct Code {
    Attr attr;
    std::string text;
    bool operator==(const Code&) const = default;
};
struct Link {
    Attr attr;
    Inlines content;
    std::string target;  // URL, or "#id" for an internal target
    std::string title;
    bool operator==(const Link&) const = default;
};
// An image; `target` names a Resource of the document or an external URL.
// Size, when known, is in attr as "width"/"height" with a CSS unit ("120px", "5cm").
struct Image {
    Attr attr;
    Inlines alt;
    std::string target;
    std::string title;
    bool operator==(const Image&) const = default;
};
struct LineBreak { bool operator==(const LineBreak&) const = default; };
// A footnote (or endnote, with class "endnote" in attr); its body is blocks.
struct Note {
    Attr attr;
    Blocks content;
    bool operator==(const Note&) const;
};
enum class MathNotation { TeX, MathML };
struct Math {
    MathNotation notation = MathNotation::TeX;
    bool display = false;
    std::string text;
    bool operator==(const Math&) const = default;
};
// A cross-reference to an element of the document (table, figure, reference...).
struct CrossRef {
    std::string target;    // id of the element referred to
    std::string ref_type;  // "bibr", "fig", "table", "sec", ... (JATS ref-type)
    Inlines content;
    bool operator==(const CrossRef&) const = default;
};
struct Span {
    Attr attr;
    Inlines content;
    bool operator==(const Span&) const = default;
};
struct RawInline {
    std::string format;  // "docx", "jats", "html", ...
    std::string text;
    bool operator==(const RawInline&) const = default;
};

namespace detail {
template <> inline constexpr bool kBoxed<Code> = true;
template <> inline constexpr bool kBoxed<Link> = true;
template <> inline constexpr bool kBoxed<Image> = true;
template <> inline constexpr bool kBoxed<Note> = true;
template <> inline constexpr bool kBoxed<Math> = true;
template <> inline constexpr bool kBoxed<CrossRef> = true;
template <> inline constexpr bool kBoxed<Span> = true;
template <> inline constexpr bool kBoxed<RawInline> = true;
}  // namespace detail

struct Inline : detail::NodeAccess<Inline> {
    // Text and the formatting containers in place, the others boxed.
    using Node = std::variant<Text, Emph, Strong, Underline, Strikeout, Superscript, Subscript,
                              SmallCaps, Box<Code>, Box<Link>, Box<Image>, LineBreak, Box<Note>, Box<Math>,
                              Box<CrossRef>, Box<Span>, Box<RawInline>>;
    Node node;

    Inline() : node(Text{}) {}
    template <class T, class = std::enable_if_t<!std::is_same_v<std::decay_t<T>, Inline>>>
    Inline(T&& n)  // NOLINT: implicit by design
        : node(std::in_place_type<detail::Stored<std::decay_t<T>>>, std::forward<T>(n)) {}

    // The child inlines of a container node, or nullptr for leaves.
    Inlines* children();
    const Inlines* children() const;
    const char* type_name() const;
    bool operator==(const Inline&) const = default;
};

// ----------------------------------------------------------------- blocks
// A length with its unit: first-line indents, column widths.
enum class LengthUnit { Em, Pt };  // Em: one character of the paragraph's font (CJK: one hanzi)
struct Length {
    double value = 0;
    LengthUnit unit = LengthUnit::Em;
    bool operator==(const Length&) const = default;
};

struct Paragraph {
    Inlines content;
    std::optional<Length> first_line_indent;
    Alignment align = Alignment::Default;
    bool operator==(const Paragraph&) const = default;
};
// Headings are flat, as in pandoc: a section is the heading and what follows
// it up to the next heading of the same or a higher level. Levels may skip.
struct Heading {
    int level = 1;  // 1..9
    Attr attr;
    Inlines content;
    bool operator==(const Heading&) const = default;
};
struct BlockQuote {
    Blocks content;
    bool operator==(const BlockQuote&) const;
};
struct BulletList {
    std::vector<Blocks> items;
    bool operator==(const BulletList&) const;
};
enum class ListStyle { Default, Decimal, LowerAlpha, UpperAlpha, LowerRoman, UpperRoman, CJK };
struct OrderedList {
    int start = 1;
    ListStyle style = ListStyle::Default;
    std::vector<Blocks> items;
    bool operator==(const OrderedList&) const;
};
struct TableCell {
    Blocks content;
    int colspan = 1;
    int rowspan = 1;
    Alignment align = Alignment::Default;
    bool operator==(const TableCell&) const;
};
struct TableRow {
    std::vector<TableCell> cells;
    bool operator==(const TableRow&) const = default;
};
struct Table {
    Attr attr;
    Blocks caption;
    std::vector<Alignment> col_align;  // per column, may be empty
    std::vector<double> col_widths;    // fractions of the text width, 0 = unspecified
    std::vector<TableRow> head;
    std::vector<TableRow> body;
    std::vector<TableRow> foot;
    bool operator==(const Table&) const;
};
// A figure: its content (usually a Paragraph holding an Image), a label
// ("图1", "Figure 2") and a caption.
struct Figure {
    Attr attr;
    std::string label;
    Blocks caption;
    Blocks content;
    bool operator==(const Figure&) const;
};
struct CodeBlock {
    Attr attr;  // first class = language
    std::string text;
    bool operator==(const CodeBlock&) const = default;
};
struct HorizontalRule { bool operator==(const HorizontalRule&) const = default; };
struct RawBlock {
    std::string format;
    std::string text;
    bool operator==(const RawBlock&) const = default;
};
// Generic container; also carries JATS <sec> attributes, boxed text, etc.
struct Div {
    Attr attr;
    Blocks content;
    bool operator==(const Div&) const;
};

namespace detail {
template <> inline constexpr bool kBoxed<Heading> = true;
template <> inline constexpr bool kBoxed<Table> = true;
template <> inline constexpr bool kBoxed<Figure> = true;
template <> inline constexpr bool kBoxed<CodeBlock> = true;
template <> inline constexpr bool kBoxed<RawBlock> = true;
template <> inline constexpr bool kBoxed<Div> = true;
}  // namespace detail

struct Block : detail::NodeAccess<Block> {
    // Paragraphs and lists in place, the others boxed.
    using Node = std::variant<Paragraph, Box<Heading>, BlockQuote, BulletList, OrderedList, Box<Table>,
                              Box<Figure>, Box<CodeBlock>, HorizontalRule, Box<RawBlock>, Box<Div>>;
    Node node;

    Block() : node(Paragraph{}) {}
    template <class T, class = std::enable_if_t<!std::is_same_v<std::decay_t<T>, Block>>>
    Block(T&& n)  // NOLINT: implicit by design
        : node(std::in_place_type<detail::Stored<std::decay_t<T>>>, std::forward<T>(n)) {}

    const char* type_name() const;
    bool operator==(const Block&) const = default;
};

// --------------------------------------------------------------- metadata
enum class Role { Author, Reporter, Correspondent, Editor, Photographer, Translator, Proofreader, Other };
const char* role_name(Role);                          // "reporter"
std::optional<Role> role_from_name(std::string_view);  // inverse of role_name

struct Identifier {
    std::string scheme;  // "doi", "url", "isbn", "uuid", "pmid", "orcid", ...
    std::string value;
    bool operator==(const Identifier&) const = default;
};

// One affiliation with the parts the source marks (JATS <aff> with
// <institution> and <country>); `text` is the whole as displayed.
struct Affiliation {
    std::string text;         // "Brown University, Providence, United States"
    std::string institution;  // "Brown University", or empty when not marked
    std::string country;      // "United States", or empty
    bool operator==(const Affiliation&) const = default;
};

struct Contributor {
    std::string name;
    Role role = Role::Author;
    std::string label;  // the role as written in the source: "记者", "责编", "By"
    std::string affiliation;  // for display: all affiliations, joined by "; "
    std::string email;
    std::vector<Identifier> identifiers;    // the person's ids: {"orcid", "https://orcid.org/0000-…"}
    // The affiliations with their parts, when a reader knows them; the texts
    // joined by "; " are `affiliation`. Writers that hold parts use these
    // while they agree with `affiliation` (else `affiliation` was edited).
    std::vector<Affiliation> affiliations;

    // True when `affiliations` is not empty and its texts joined by "; " are `affiliation`.
    bool affiliations_current() const;
    bool operator==(const Contributor&) const = default;
};

// Where the article itself appeared in its periodical (JATS <volume>,
// <issue>, <fpage>, <lpage>, <elocation-id> of article-meta).
struct Citation {
    std::string volume, issue;
    std::string first_page, last_page;
    std::string elocation_id;  // an electronic article number in place of pages: "e02272"
    bool empty() const {
        return volume.empty() && issue.empty() && first_page.empty() && last_page.empty() && elocation_id.empty();
    }
    bool operator==(const Citation&) const = default;
};

// A publication date (and optional time) as parsed, with the text it came from.
struct DateTime {
    int year = 0, month = 0, day = 0;     // month/day 0 = unknown
    int hour = -1, minute = -1, second = -1;  // -1 = no time
    std::optional<int> utc_offset_minutes;
    std::string text;  // as written: "2023年7月13日 08:30"

    bool has_time() const { return hour >= 0; }
    // ISO 8601: "2023-07-13", "2023-07", "2023-07-13T08:30", "2023-07-13T08:30:00+08:00".
    std::string iso() const;
    // Parses a date at the start of `text`: ISO 8601 and the common Chinese
    // forms ("2023年7月13日 08:30", "2023/07/13"); `text` of the result is the
    // part consumed. nullopt when no valid date starts there.
    static std::optional<DateTime> parse(std::string_view text);
    bool operator==(const DateTime&) const = default;
};

// Where the plain-text byline stood: before the first paragraph's text
// ("本报讯（记者 X）…") or after the last ("…（记者 X）").
enum class BylinePlacement { End, Start };

struct Metadata {
    std::string title;
    std::string subtitle;
    std::vector<Contributor> contributors;
    std::string source;     // 来源 / publisher
    std::optional<DateTime> date;
    std::string language;   // BCP 47, e.g. "zh-CN"
    Blocks abstract;
    std::vector<std::string> keywords;
    std::vector<Identifier> identifiers;
    Citation citation;      // the article's own volume, issue, pages
    std::string section;    // section / column (栏目)
    std::string license;
    std::string dateline;   // "新华社北京7月13日电", "本报讯"
    BylinePlacement byline_placement = BylinePlacement::End;
    // Any other key/value pairs, in source order, verbatim.
    std::vector<std::pair<std::string, std::string>> custom;

    std::vector<const Contributor*> with_role(Role) const;
    const std::string* custom_value(std::string_view key) const;
    bool operator==(const Metadata&) const;
};

// ------------------------------------------------------------ back matter
struct Reference {
    std::string id;
    std::string type;  // "journal", "book", "web", ... (JATS publication-type)
    std::vector<std::string> authors;
    std::string title, container, publisher, year, volume, issue, pages, doi, url;
    std::string text;  // the reference as written
    bool operator==(const Reference&) const = default;
};

// Binary media owned by the document; Image::target names it.
struct Resource {
    std::string name;  // "media/image1.png"
    std::string mime;  // "image/png"
    std::string data;  // raw bytes
    bool operator==(const Resource&) const = default;
};

struct Document {
    Metadata metadata;
    Blocks blocks;
    std::vector<Reference> references;
    std::vector<Resource> resources;
    // What the reader dropped, guessed or could not represent. Not part of
    // the document's content: operator== ignores it.
    Diagnostics diagnostics;

    const Resource* resource(std::string_view name) const;
    bool operator==(const Document& o) const;
};

}  // namespace copydesk

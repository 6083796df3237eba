// JATS writer internals: one small function per element, so each can be
// unit-tested against hand-checked XML (tests/cpp/test_jats_writer*.cpp).
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/article/dateline.hpp"
#include "common/xml/xml.hpp"
#include "copydesk/ast.hpp"
#include "copydesk/diagnostics.hpp"
#include "copydesk/options.hpp"

namespace copydesk::jats::writer {

// ------------------------------------------------------------- settings
enum class TagSet { Archiving, Publishing };

struct Settings {
    TagSet tag_set = TagSet::Archiving;
    std::string version = "1.3";  // "1.3" or "1.4"
    std::string article_type;     // empty: chosen from the document (article_type_for)
};

// From the writer options tag-set, dtd-version and article-type; a bad value
// throws UsageError.
Settings make_settings(const Options&);
// The DOCTYPE's public and system identifiers for these settings.
std::string_view public_id(const Settings&);
std::string_view system_id(const Settings&);
// "research-article" when the document has references, else "news".
std::string_view article_type_for(const Document&);
// The language for xml:lang: Metadata::language, else zh-CN when the title or
// first blocks hold Han characters, else "en".
std::string language_for(const Document&);

// ------------------------------------------------------------------ ids
// XML ID syntax (NCName), checked per code point as XML 1.0 5th ed. says.
bool is_ncname(std::string_view);
// `s` made into an NCName: invalid characters become '-', and "id-" is put
// in front when the first character cannot start a name.
std::string to_ncname(std::string_view s);

// The AST ids (headings, divs, tables, figures, spans, references) mapped to
// unique XML IDs, so every xref/@rid points at an element that exists.
class Ids {
public:
    void collect(const Document&);
    // The XML ID for an element carrying AST id `id`: given to the first
    // element that asks; empty for later ones (a duplicate) and for "".
    std::string claim(std::string_view id);
    // The XML ID an xref to `id` should use; nullptr if no element has it.
    const std::string* target(std::string_view id) const;
    // A new ID "<prefix><n>" that no AST id maps to.
    std::string fresh(std::string_view prefix);
    std::size_t duplicates() const { return duplicates_; }

private:
    void add(const std::string& id);
    std::unordered_map<std::string, std::string> map_;
    std::set<std::string> used_;     // XML IDs handed out or reserved
    std::set<std::string> claimed_;  // AST ids already given to an element
    std::size_t duplicates_ = 0;
    std::size_t next_ = 1;
};

// ----------------------------------------------------------- the writer
// Where blocks are being written, which decides what JATS allows there.
enum class Context {
    Sections,  // body, abstract, boxed-text: para-level elements and nested <sec>
    Flow,      // disp-quote: para-level elements, no <sec> (headings become bold <p>)
    Item,      // list-item, table cell: <p> and <list>; the rest goes inside a <p>
    Para,      // fn, caption: <p> only; the rest goes inside a <p>
};

class BodyWriter {
public:
    BodyWriter(xml::Writer& out, const Settings& settings, const Document& doc, DiagnosticSink& diags);

    void document();  // the whole <article>, from the declaration on

    // Front matter.
    void front();
    void journal_meta();
    void article_meta();
    void contrib(const Contributor&);
    void pub_date(const DateTime&);
    void aff(const Affiliation&);
    void citation(const Citation&);
    void permissions(const std::string& license);
    void custom_meta();

    // Body.
    void blocks(const Blocks&, Context);
    void block(const Block&, Context);
    void paragraph(const Paragraph&);
    void dateline(bool lede = true);  // once, at the start of the lede (or alone: no separator)
    void block_quote(const BlockQuote&);
    void bullet_list(const BulletList&);
    void ordered_list(const OrderedList&);
    void table(const Table&);
    void figure(const Figure&);
    void code_block(const CodeBlock&);
    void raw_block(const RawBlock&);
    void div(const Div&);
    void inlines(const Inlines&);
    void inline_(const Inline&);
    void line_break();
    void link(const Link&);
    void image(const Image&, bool display);
    void note(const Note&);
    void math(const Math&);
    void cross_ref(const CrossRef&);
    void span(const Span&);
    void raw_inline(const RawInline&);

    // Back matter.
    void back();
    void reference(const Reference&);
    void fn_group();

    Ids& ids() { return ids_; }

private:
    void warn(std::string code, std::string message);
    void warn_once(const std::string& code, std::string message);
    void container(std::string_view element, std::string_view attr_name, std::string_view attr_value,
                   const Inlines&);
    void list_items(const std::vector<Blocks>&);
    void table_rows(std::string_view group, const std::vector<TableRow>&, std::string_view cell);
    void cell(const TableCell&, std::string_view element);
    void caption(const Blocks&);
    void heading_as_para(const Heading&);
    void wrapped(const Block&, Context);
    void element_id(const Attr&);
    void count_dropped_attr(const Attr&, bool id_kept, bool classes_kept);

    xml::Writer& out_;
    const Settings& s_;
    const Document& doc_;
    DiagnosticSink& diags_;
    Ids ids_;
    std::vector<std::pair<const Note*, std::string>> notes_;  // in order of reference, with fn ids
    std::set<std::string> warned_;
    std::size_t attr_dropped_ = 0;
    std::string dateline_;  // still to be shown at the start of the lede
    bool break_ok_ = false;  // inside a title or a table cell, where <break/> is allowed
};

// Whether `xml` is a well-formed run of XML content (for raw "jats" blocks).
bool well_formed_fragment(std::string_view xml);

}  // namespace copydesk::jats::writer

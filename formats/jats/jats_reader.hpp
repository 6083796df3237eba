// JATS reader internals: a recursive descent over the XML layer's pull reader.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/xml/xml.hpp"
#include "copydesk/ast.hpp"
#include "copydesk/diagnostics.hpp"
#include "copydesk/registry.hpp"

namespace copydesk::jats::reader {

// Collapses XML whitespace as a renderer would: runs of spaces, tabs and
// newlines become one space, or nothing where a line break falls between two
// CJK characters; the ends of the paragraph are trimmed. Not inside Code.
void normalize_space(Inlines&);

class Parser {
public:
    Parser(std::string_view data, const ReadContext& ctx);
    Document run();

private:
    // Blocks being built, with the inlines of the paragraph not yet closed
    // (text and phrase elements met at block level collect there).
    struct Flow {
        Blocks* out;
        Inlines pending;
    };

    // article, front
    void article();
    void front();
    void journal_meta();
    void article_meta();
    void title_group();
    void contrib_group();
    void contrib();
    std::string person_name();
    Affiliation affiliation();
    void add_affiliation(Contributor&, const Affiliation&);
    std::string* citation_field(std::string_view name);
    void pub_date();
    void permissions();
    void kwd_group();
    void custom_meta_group();
    void article_categories();
    void back();
    void ref_list();
    void reference();
    void citation(Reference&, bool mixed);
    void fn_group();

    // body
    void children(Flow&);              // until the end of the current element
    void element(Flow&);               // at a StartElement
    void flush(Flow&);
    Blocks blocks_of();                // the children of the current element as blocks
    Inlines inlines_of();              // the children as inlines (blocks met there become text)
    void section(Flow&);
    void list(Flow&);
    void table_wrap(Flow&);
    Table table();
    TableRow row(bool* all_th = nullptr);  // all_th: every cell is a <th>
    void figure(Flow&);
    Image graphic();
    void boxed_text(Flow&);
    void disp_quote(Flow&);
    void code(Flow&, bool preformat);
    void xref(Flow&);
    void fn_inline(Flow&);
    Blocks fn_content();               // of the current <fn>, without its label
    void formula(Flow&, bool display);
    void unknown(Flow&);
    std::string text_of();             // whitespace-collapsed text of the current element

    void note_once(const std::string& code, const std::string& key, std::string message);
    void front_pair(std::string_view name);  // an unmapped front element → Metadata::custom
    void resolve();                          // fn xrefs → Notes, aff xrefs → affiliations

    const ReadContext& ctx_;
    Document doc_;
    DiagnosticSink diags_;  // before r_: a recovering reader reports its repairs while constructed
    xml::Reader r_;
    std::set<std::string> reported_;
    int depth_ = 0;                  // <sec> nesting of the current container
    std::map<std::string, Blocks> fns_;       // fn-group footnotes by id
    std::vector<std::string> fn_order_;
    std::set<std::string> fn_used_;
    std::set<std::string> fn_endnotes_;
    std::map<std::string, Affiliation> affs_;  // aff id → affiliation
    std::vector<std::pair<std::size_t, std::string>> contrib_affs_;  // contributor index, aff rid
    std::string article_type_;
    std::string date_text_;
    bool have_date_text_ = false;
};

}  // namespace copydesk::jats::reader

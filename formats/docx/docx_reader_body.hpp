// DOCX reader: the streaming converter of WordprocessingML parts.
#pragma once

#include <array>
#include <functional>
#include <unordered_set>

#include "docx/docx_reader.hpp"

namespace copydesk::docx::rd {

// State shared by all parts of one package.
struct Shared {
    Namespaces ns;
    zip::Archive* zip = nullptr;
    Document* doc = nullptr;
    Styles styles;
    Numbering numbering;
    ContentTypes content_types;
    std::string main_dir;  // "word/": stripped from resource names
    std::unordered_map<std::string, Blocks> footnotes, endnotes;
    std::unordered_map<std::string, std::string> media;  // part → resource name ("" = unreadable)
    std::unordered_map<std::string, std::array<int, 9>> counters;  // list numbering per num id
    std::unordered_set<std::string> anchor_targets;  // internal link targets seen
    long paragraph_serial = 0;
    long anchors = 0;  // bookmark spans made (dropped later unless linked to)
    // Made by copydesk: its Body Text style indents CJK paragraphs as a
    // presentation default, so only direct indents are the AST's.
    bool ours = false;
    // counts for diagnostics
    long insertions = 0, deletions = 0, textboxes = 0, math = 0, charts = 0, objects = 0, alt_chunks = 0,
         missing_notes = 0, missing_images = 0, external_images = 0, deep_fields = 0;

    // Reads a media part into Document::resources once; its resource name, or "" if unreadable.
    std::string resource_for(const std::string& part);
};

// The HYPERLINK target of a field instruction ("#anchor" for \l), or nullopt.
std::optional<std::string> field_link_target(std::string_view instr);

class PartReader {
public:
    PartReader(Shared& s, xml::Reader& r, std::string part, const Relationships& rels);
    // On a container element (w:body, w:tc, w:footnote, w:txbxContent): its children as items.
    void blocks(std::vector<Item>& out);
    // On one child of a container: its items (none, one, or several for w:sdt, w:ins...).
    void block(std::vector<Item>& out) { block_child(out); }

private:
    struct ParaState {
        std::vector<Atom> atoms;
        Blocks after;  // text boxes, placed after the paragraph
        std::vector<std::string> bookmarks;
        RunProps base;
        StyleKind kind = StyleKind::None;
        int heading_level = 0;
        bool code = false;
        long serial = 0;
        std::size_t added = 0;    // atoms and text added so far
        std::string label;        // text of the leading Caption Label runs
        bool label_open = true;   // no other run content yet
        std::string dateline;     // text of the leading Dateline runs
    };
    struct Field {
        std::string instr;
        bool in_result = false;
        bool is_link = false;
        std::string link;
        long para = 0;
        std::size_t atom_start = 0;
    };

    void block_child(std::vector<Item>& out);
    void paragraph(std::vector<Item>& out);
    Block table();
    template <class F> void sdt(F&& child);
    template <class F> void alternate(F&& child);
    void para_child(ParaState& ps);
    void run(ParaState& ps);
    void drawing(ParaState& ps, std::uint8_t flags);
    void vml(ParaState& ps, std::uint8_t flags);
    void textbox(ParaState& ps);
    void add_image(ParaState& ps, std::uint8_t flags, const std::string& rid, bool link, const std::string& width,
                   const std::string& height, const std::string& alt, const std::string& title);
    void add_text(ParaState& ps, std::string_view text, std::uint8_t flags, bool code);
    void add_atom(ParaState& ps, Inline node, std::uint8_t flags);
    bool suppressed() const;
    static std::uint8_t flags_of(const RunProps& p);

    Shared& S;
    xml::Reader& r;
    std::string part_;
    const Relationships& rels_;
    const Namespaces& ns;
    std::vector<Field> fields_;
    std::vector<std::vector<Atom>> atom_pool_;  // emptied atom lists, reused
    ParaState* cur_ = nullptr;
    bool in_table_ = false;
};

}  // namespace copydesk::docx::rd

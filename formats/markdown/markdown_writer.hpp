// Markdown writer internals: CommonMark with the GFM extensions people use
// (pipe tables, footnotes, strikethrough), YAML front matter for the
// metadata. Each piece is a function so it can be tested against
// hand-written Markdown (tests/cpp/test_markdown_writer.cpp).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/article/article_head.hpp"
#include "common/article/media_files.hpp"
#include "copydesk/ast.hpp"
#include "copydesk/options.hpp"
#include "copydesk/registry.hpp"

namespace copydesk::markdown {

std::string write(const Document&, const WriteContext&);

namespace writer {

struct Settings {
    bool front_matter = true;
    bool embed_images = true;  // else files beside `path`
    std::string path;
    article::Script script = article::Script::Latin;
};

// A YAML double-quoted scalar: every string is quoted, so no value is read
// back as a number, a date, a boolean or null.
std::string yaml_string(std::string_view);
// The front-matter block, "---\n...\n---\n"; "" when there is no metadata.
std::string front_matter(const Metadata&);
// Text with the characters Markdown would read as syntax backslash-escaped;
// `line_start`: the text begins a line (#, -, +, 1. and the like matter there).
std::string escape_text(std::string_view, bool line_start);
// Cell content a pipe table holds: nothing, or one paragraph.
inline bool plain_paragraph_cell(const Blocks& b) { return b.empty() || (b.size() == 1 && b[0].is<Paragraph>()); }

class Writer {
public:
    Writer(const Settings&, const Document&, DiagnosticSink&);
    std::string document();
    std::string blocks(const Blocks&);  // blocks separated by blank lines
    std::string block(const Block&);
    std::string inlines(const Inlines&);
    std::string notes();  // the footnote definitions met so far

private:
    struct Part {
        std::string text;
        std::string open, close;  // delimiters (*, **, ~~) around text; empty for plain parts
        std::string html;         // the element name to use when the delimiters cannot work
    };
    Part inline_part(const Inline&);
    std::string join(std::vector<Part>&);
    std::string paragraph(const Paragraph&);
    std::string heading(const Heading&);
    std::string list(const std::vector<Blocks>& items, const OrderedList*);
    std::string table(const Table&);
    std::string figure(const Figure&);
    std::string code_block(const CodeBlock&);
    std::string code_span(std::string_view);
    std::string link(const Link&);
    std::string image(const Image&);
    std::string note(const Note&);
    std::string head();  // title, subtitle, metadata line, byline: without front matter
    // What Markdown cannot hold: one diagnostic per code, with a count, at the end.
    void lost(const std::string& what, std::string message, bool info = false);
    std::string indent(const std::string& text, std::string_view first, std::string_view rest);

    const Settings& s_;
    const Document& doc_;
    DiagnosticSink& diags_;
    std::optional<article::MediaFiles> files_;
    std::vector<std::pair<std::string, const Note*>> notes_;
    std::size_t notes_done_ = 0;
    struct Lost {
        std::string message;
        std::size_t count = 0;
        bool info = false;
    };
    std::map<std::string, Lost> lost_;  // by code
    int in_link_ = 0;
    bool in_table_ = false;     // LineBreak as <br>, "|" escaped in code
    bool in_heading_ = false;   // LineBreak as a space
    bool at_line_start_ = false;  // the next text begins a line (escape #, -, 1. there)
    std::string dateline_;        // still to be shown at the start of the lede
};

}  // namespace writer
}  // namespace copydesk::markdown

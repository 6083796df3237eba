// Block structure found in the paragraphs of a plain-text article:
// subheadings, numbered and bulleted lists, horizontal rules.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "copydesk/ast.hpp"

namespace copydesk::plaintext {

// A paragraph of the source as the line layer found it.
struct Para {
    std::string text;      // lines joined, indentation removed
    bool indented = false; // its first line was indented
    int lines = 1;         // source lines joined into it
    int line = 0;          // 1-based line number of its first line
};

struct StructureOptions {
    bool subheadings = true;
    bool lists = true;
    bool rules = true;
};

struct ListMarker {
    enum Kind { Decimal, Cjk, Bullet } kind = Decimal;
    int number = 0;
    std::size_t content = 0;  // byte offset of the item text
};
// "1. ", "1、", "1）", "(1)", "（1）", "一、", "- ", "• " at the start of `s`.
std::optional<ListMarker> list_marker(std::string_view s);

// Heading level for numbered subheadings (第一章 → 1, 一、 → 2, （一） → 3), 0 if none.
int numbered_heading_level(std::string_view s);

Blocks build_blocks(std::vector<Para> paras, const StructureOptions& opt);

}  // namespace copydesk::plaintext

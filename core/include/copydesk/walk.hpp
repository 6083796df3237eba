// Traversal and plain-text extraction.
#pragma once

#include <functional>
#include <string>

#include "copydesk/ast.hpp"

namespace copydesk {

// Visits every block and inline in document order (pre-order), including
// those inside notes, table cells, captions and the abstract. The callbacks
// may change the node they are given; children are visited after the callback.
struct Visitor {
    std::function<void(Block&)> block;
    std::function<void(Inline&)> inline_;
};
void walk(Document&, const Visitor&);
void walk(Blocks&, const Visitor&);
void walk(Inlines&, const Visitor&);

// Read-only counterparts.
struct ConstVisitor {
    std::function<void(const Block&)> block;
    std::function<void(const Inline&)> inline_;
};
void walk(const Document&, const ConstVisitor&);
void walk(const Blocks&, const ConstVisitor&);
void walk(const Inlines&, const ConstVisitor&);

// The plain text of a node, as pandoc's stringify: formatting dropped,
// line breaks become "\n", notes are left out, blocks joined by "\n".
std::string stringify(const Inlines&);
std::string stringify(const Inline&);
std::string stringify(const Block&);
std::string stringify(const Blocks&);
std::string stringify(const Document&);

}  // namespace copydesk

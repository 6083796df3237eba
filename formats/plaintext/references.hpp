// The reference list in plain text, as pandoc writes a bibliography: a
// closing section headed "References" ("参考文献" for Chinese), one
// paragraph per reference. The writer formats each Reference; the reader
// takes such a section back into Document::references.
#pragma once

#include <string>
#include <vector>

#include "copydesk/ast.hpp"
#include "plaintext/structure.hpp"

namespace copydesk::plaintext {

// The section heading the writer uses.
const char* references_heading(bool chinese);

// One reference as a paragraph: the text as written when there is one (with
// the DOI or URL added when the text lacks it), else the parts in an
// author-date form: `A, B and C. 2001. “Title.” Container 12 (3): 1–9.
// Publisher. https://doi.org/…`.
std::string format_reference(const Reference& r);

// Finds a final section "References" / "参考文献" / "Bibliography" (its
// heading a one-line paragraph, then at least one paragraph) at the end of
// `paras`, removes it and returns one Reference per paragraph: the text, and
// the DOI and URL found in it. Nothing found: `paras` is left alone.
std::vector<Reference> take_references(std::vector<Para>& paras);

}  // namespace copydesk::plaintext

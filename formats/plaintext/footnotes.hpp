// Footnotes as the plain-text writer emits them: `[n]` markers in the text
// and, at the very end, one paragraph `[n] note text` per note, numbered 1..N.
#pragma once

#include <string>
#include <vector>

#include "copydesk/ast.hpp"
#include "plaintext/structure.hpp"

namespace copydesk::plaintext {

// Finds the notes section at the end of `paras` and checks it against the
// markers in the paragraphs before it: every `[digits]` in the body must be,
// in order, exactly 1..N. On success removes the note paragraphs and returns
// their texts (without the `[n] `); otherwise leaves `paras` alone and
// returns nothing.
std::vector<std::string> take_notes(std::vector<Para>& paras);

// Replaces the markers in the text of paragraphs, headings and list items by
// Note inlines holding `notes`, in order. False (and nothing changed) when the
// markers left after byline and structure recognition are not one per note.
bool attach_notes(Blocks& blocks, std::vector<std::string>& notes);

}  // namespace copydesk::plaintext

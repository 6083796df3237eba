// What the DOCX and EPUB writers render the same way: the script of the
// document language, and the article head — the metadata line
// (来源：X　责编：Y　时间：Z) and the byline (记者 王俊) — in that language.
#pragma once

#include <string>
#include <string_view>

#include "copydesk/ast.hpp"

namespace copydesk::article {

enum class Script { Latin, SimplifiedChinese, TraditionalChinese, Japanese, Korean };

// From a BCP 47 tag: zh-TW/HK/MO and zh-Hant are Traditional, other zh (and
// cmn, yue, wuu) Simplified; ja, ko; anything else Latin.
Script script_for(std::string_view bcp47);
// Metadata::language, else guessed from the title and first blocks: Han or
// kana -> "zh-CN", else `latin_default`.
std::string document_language(const Document&, std::string_view latin_default);
// zh and ja body text is indented two characters.
inline bool indents_first_line(Script s) {
    return s == Script::SimplifiedChinese || s == Script::TraditionalChinese || s == Script::Japanese;
}

// Labels of the metadata line in the document's script.
struct Labels {
    std::string_view source, editor, date, colon, separator;
};
Labels labels_for(Script);
// The label a contributor without one is shown with ("记者", "By"); "" for none.
std::string_view default_role_label(Role, Script);

// Roles shown in the metadata line rather than the byline: editors, proofreaders.
inline bool in_metadata_line(Role r) { return r == Role::Editor || r == Role::Proofreader; }

// The metadata line: source, the editors and proofreaders (each under its own
// label as written; consecutive ones with the same label share it), the date
// as written; "" when there is none of them.
std::string metadata_line(const Metadata&, Script);
// The byline: every contributor but editors, proofreaders and those shown in
// the dateline (common/article/dateline.hpp), each with its label.
std::string byline(const Metadata&, Script);
// Whether a byline stands at the start (and has anyone in it).
bool byline_at_start(const Metadata&);

}  // namespace copydesk::article

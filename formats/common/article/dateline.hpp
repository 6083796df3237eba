// The dateline where the article had it: at the start of the lede, in the
// article's own form ("新华社巴黎12月9日电（记者 唐霁）", "本报讯",
// "WASHINGTON (Reuters) -"). The DOCX, EPUB and JATS writers show it there,
// marked (a "Dateline" run style, a span or named-content of class
// "dateline") so their readers give it back as Metadata::dateline while any
// other program shows it as text.
#pragma once

#include <string>
#include <string_view>

#include "common/article/article_head.hpp"
#include "copydesk/ast.hpp"

namespace copydesk::article {

inline constexpr std::string_view kDatelineClass = "dateline";

// Whether the opening byline is shown inside the dateline: there is a
// dateline, the byline stood at the start, and it names someone plain text
// writes in the bracket (reporters, correspondents, photographers, slash and
// publication credits).
bool byline_in_dateline(const Metadata&);
// Whether this contributor is shown in the dateline (so not in the Byline paragraph).
bool shown_in_dateline(const Metadata&, const Contributor&);
// The dateline as shown: the dateline, then the opening byline in brackets
// when byline_in_dateline; "" without a dateline.
std::string dateline_text(const Metadata&, Script);
// What stands between it and the lede's text: nothing after a bracketed
// byline, else a space (an ideographic one in CJK text).
std::string_view dateline_separator(const Metadata&, Script);

// A dateline as shown, back into the metadata: Metadata::dateline, and the
// bracketed byline's contributors (only when the metadata names none of its
// own, as our writers' hidden metadata does) with placement Start.
void apply_shown_dateline(Metadata&, std::string_view shown);
// If the first block is a paragraph opening with a Span of class "dateline":
// removes the span (with the space after it, and the paragraph if nothing is
// left) and applies its text. The EPUB and JATS readers; true if found.
bool take_dateline(Document&);
// Removes white space (ASCII and U+3000) at the start of the first inline, if it is Text.
void trim_leading_space(Inlines&);

}  // namespace copydesk::article

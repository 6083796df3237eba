// Bylines and datelines in the body text: `（记者 张三 通讯员 李四）` at the end of
// the last paragraph, `新华社北京7月13日电（记者 X）` or `本报讯（记者 X）` or
// `【记者 X】` at the start of the first, editor notes `（责任编辑：X）`.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "copydesk/ast.hpp"

namespace copydesk::plaintext {

// The contributors named inside a byline bracket ("记者  王俊",
// "记者唐霁", "责任编辑：X", "By Jane Doe"), or nullopt when the text is not a
// byline (it must open with a role label and hold only short names).
// With `dropped`, a word of what was done after the last names ("整合",
// "综合") is allowed and put there (the AST has no place for it).
std::optional<std::vector<Contributor>> parse_byline_inner(std::string_view inner, std::string* dropped = nullptr);

struct StartByline {
    std::string dateline;                   // "新华社北京7月13日电", "本报讯", or ""
    std::vector<Contributor> contributors;  // may be empty (dateline only)
    std::size_t consumed = 0;               // bytes of the paragraph taken, incl. spaces
    std::string dropped;                    // "整合" of "（记者陈智 整合）", not a name
};
// The custom metadata key that keeps such a word; the writer puts it back
// after the names of the byline.
inline constexpr std::string_view kBylineNote = "byline-note";
std::optional<StartByline> match_start_byline(std::string_view paragraph);

// Removes one bracketed byline from the end of `paragraph` (and the white
// space before it) and returns its contributors.
std::optional<std::vector<Contributor>> strip_end_byline(std::string& paragraph);

// A whole line that only credits people, without brackets: "澎湃新闻记者 段彦超 廖艳",
// "编辑 刘晓阳 校对 李铭", "记者：张三 李四". Only role labels (the first may be an
// outlet name ending in 记者, kept as the label) and 1–4 names of 2–4 Han
// characters per label; at most 40 characters, no sentence punctuation.
std::optional<std::vector<Contributor>> parse_credit_line(std::string_view line);

// "（记者 王俊 通讯员 李四）" / "(Reporter Jane Doe)"; consecutive contributors
// with the same label share it.
std::string format_byline(const std::vector<const Contributor*>& cs, bool chinese);

}  // namespace copydesk::plaintext

// The role words of Chinese and English news: metadata keys (来源, 责编,
// Source, Published...) and byline labels (记者, 通讯员...). One table serves
// the metadata line, bylines and the writer, so a label read in one place
// can be written back in another and still be recognised.
#pragma once

#include <optional>
#include <string_view>

#include "copydesk/ast.hpp"

namespace copydesk::plaintext {

enum class KeyKind {
    Source,       // 来源, Source
    Contributor,  // 作者, 记者, 责编, By ... (role in KeyInfo::role)
    Date,         // 时间, 发布时间, Published
    Section,      // 栏目, Section
    Keywords,     // 关键词, Keywords
    Identifier,   // DOI, URL, ISBN (scheme in KeyInfo::scheme)
    Custom,       // a key known to be metadata but without a typed field: 原标题, 浏览
};

struct KeyInfo {
    KeyKind kind;
    Role role = Role::Other;
    std::string_view scheme;
    bool byline_label = false;  // may also open a bracketed byline: （记者 X）
};

// Case-insensitive for ASCII keys; exact for CJK ones.
std::optional<KeyInfo> lookup_key(std::string_view key);

// The longest byline label at the start of `s` (记者, 特约记者, 通讯员, 责任编辑,
// By...), or 0 if none.
std::size_t match_byline_label(std::string_view s, KeyInfo* info = nullptr);

// The label the writer uses for a contributor without one.
std::string_view default_label(Role role, bool chinese);
// Roles the writer puts into the byline rather than the metadata line.
bool is_byline_role(Role role);
// Whether a contributor belongs in the byline rather than the metadata line:
// a byline role, or a slash credit such as "文/图".
bool is_byline(const Contributor& c);

}  // namespace copydesk::plaintext

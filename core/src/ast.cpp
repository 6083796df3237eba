#include "copydesk/ast.hpp"

#include <type_traits>

namespace copydesk {

const std::string* Attr::get(const std::string& key) const {
    for (const auto& [k, v] : attributes)
        if (k == key) return &v;
    return nullptr;
}

void Attr::set(const std::string& key, std::string value) {
    for (auto& [k, v] : attributes)
        if (k == key) {
            v = std::move(value);
            return;
        }
    attributes.emplace_back(key, std::move(value));
}

// Out-of-line because these compare vectors of Block, complete only here.
bool Note::operator==(const Note&) const = default;
bool BlockQuote::operator==(const BlockQuote&) const = default;
bool BulletList::operator==(const BulletList&) const = default;
bool OrderedList::operator==(const OrderedList&) const = default;
bool TableCell::operator==(const TableCell&) const = default;
bool Table::operator==(const Table&) const = default;
bool Figure::operator==(const Figure&) const = default;
bool Div::operator==(const Div&) const = default;
bool Metadata::operator==(const Metadata&) const = default;

bool Document::operator==(const Document& o) const {
    return metadata == o.metadata && blocks == o.blocks && references == o.references &&
           resources == o.resources;
}

const Resource* Document::resource(std::string_view name) const {
    for (const auto& r : resources)
        if (r.name == name) return &r;
    return nullptr;
}

namespace {
template <class T> constexpr const char* inline_name() {
    if constexpr (std::is_same_v<T, Text>) return "Text";
    else if constexpr (std::is_same_v<T, Emph>) return "Emph";
    else if constexpr (std::is_same_v<T, Strong>) return "Strong";
    else if constexpr (std::is_same_v<T, Underline>) return "Underline";
    else if constexpr (std::is_same_v<T, Strikeout>) return "Strikeout";
    else if constexpr (std::is_same_v<T, Superscript>) return "Superscript";
    else if constexpr (std::is_same_v<T, Subscript>) return "Subscript";
    else if constexpr (std::is_same_v<T, SmallCaps>) return "SmallCaps";
    else if constexpr (std::is_same_v<T, Code>) return "Code";
    else if constexpr (std::is_same_v<T, Link>) return "Link";
    else if constexpr (std::is_same_v<T, Image>) return "Image";
    else if constexpr (std::is_same_v<T, LineBreak>) return "LineBreak";
    else if constexpr (std::is_same_v<T, Note>) return "Note";
    else if constexpr (std::is_same_v<T, Math>) return "Math";
    else if constexpr (std::is_same_v<T, CrossRef>) return "CrossRef";
    else if constexpr (std::is_same_v<T, Span>) return "Span";
    else return "RawInline";
}
template <class T> constexpr const char* block_name() {
    if constexpr (std::is_same_v<T, Paragraph>) return "Paragraph";
    else if constexpr (std::is_same_v<T, Heading>) return "Heading";
    else if constexpr (std::is_same_v<T, BlockQuote>) return "BlockQuote";
    else if constexpr (std::is_same_v<T, BulletList>) return "BulletList";
    else if constexpr (std::is_same_v<T, OrderedList>) return "OrderedList";
    else if constexpr (std::is_same_v<T, Table>) return "Table";
    else if constexpr (std::is_same_v<T, Figure>) return "Figure";
    else if constexpr (std::is_same_v<T, CodeBlock>) return "CodeBlock";
    else if constexpr (std::is_same_v<T, HorizontalRule>) return "HorizontalRule";
    else if constexpr (std::is_same_v<T, RawBlock>) return "RawBlock";
    else return "Div";
}
template <class T>
constexpr bool has_inline_content =
    std::is_same_v<T, Emph> || std::is_same_v<T, Strong> || std::is_same_v<T, Underline> ||
    std::is_same_v<T, Strikeout> || std::is_same_v<T, Superscript> || std::is_same_v<T, Subscript> ||
    std::is_same_v<T, SmallCaps> || std::is_same_v<T, Link> || std::is_same_v<T, CrossRef> ||
    std::is_same_v<T, Span>;
}  // namespace

const char* Inline::type_name() const {
    return this->visit([](const auto& n) { return inline_name<std::decay_t<decltype(n)>>(); });
}

const char* Block::type_name() const {
    return this->visit([](const auto& n) { return block_name<std::decay_t<decltype(n)>>(); });
}

Inlines* Inline::children() {
    return this->visit(
        [](auto& n) -> Inlines* {
            using T = std::decay_t<decltype(n)>;
            if constexpr (has_inline_content<T>) return &n.content;
            else if constexpr (std::is_same_v<T, Image>) return &n.alt;
            else return nullptr;
        });
}

const Inlines* Inline::children() const { return const_cast<Inline*>(this)->children(); }

const char* role_name(Role r) {
    switch (r) {
        case Role::Author: return "author";
        case Role::Reporter: return "reporter";
        case Role::Correspondent: return "correspondent";
        case Role::Editor: return "editor";
        case Role::Photographer: return "photographer";
        case Role::Translator: return "translator";
        case Role::Proofreader: return "proofreader";
        case Role::Other: return "other";
    }
    return "other";
}

std::optional<Role> role_from_name(std::string_view s) {
    for (Role r : {Role::Author, Role::Reporter, Role::Correspondent, Role::Editor, Role::Photographer,
                   Role::Translator, Role::Proofreader, Role::Other})
        if (s == role_name(r)) return r;
    return std::nullopt;
}

bool Contributor::affiliations_current() const {
    if (affiliations.empty()) return false;
    std::string joined;
    for (const auto& a : affiliations) joined += (joined.empty() ? "" : "; ") + a.text;
    return joined == affiliation;
}

std::vector<const Contributor*> Metadata::with_role(Role role) const {
    std::vector<const Contributor*> out;
    for (const auto& c : contributors)
        if (c.role == role) out.push_back(&c);
    return out;
}

const std::string* Metadata::custom_value(std::string_view key) const {
    for (const auto& [k, v] : custom)
        if (k == key) return &v;
    return nullptr;
}

}  // namespace copydesk

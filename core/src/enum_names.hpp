// Names of the AST's enums as they appear in JSON (and the Python package).
#pragma once

#include <optional>
#include <string_view>

#include "copydesk/ast.hpp"

namespace copydesk::names {

inline const char* of(Alignment a) {
    switch (a) {
        case Alignment::Left: return "left";
        case Alignment::Center: return "center";
        case Alignment::Right: return "right";
        case Alignment::Justify: return "justify";
        default: return "default";
    }
}
inline const char* of(ListStyle s) {
    switch (s) {
        case ListStyle::Decimal: return "decimal";
        case ListStyle::LowerAlpha: return "lower-alpha";
        case ListStyle::UpperAlpha: return "upper-alpha";
        case ListStyle::LowerRoman: return "lower-roman";
        case ListStyle::UpperRoman: return "upper-roman";
        case ListStyle::CJK: return "cjk";
        default: return "default";
    }
}
inline const char* of(LengthUnit u) { return u == LengthUnit::Pt ? "pt" : "em"; }
inline const char* of(MathNotation n) { return n == MathNotation::MathML ? "mathml" : "tex"; }
inline const char* of(BylinePlacement p) { return p == BylinePlacement::Start ? "start" : "end"; }
inline const char* of(Severity s) { return s == Severity::Info ? "info" : "warning"; }

template <class E> std::optional<E> parse(std::string_view s);

template <> inline std::optional<Alignment> parse<Alignment>(std::string_view s) {
    for (auto a : {Alignment::Default, Alignment::Left, Alignment::Center, Alignment::Right, Alignment::Justify})
        if (s == of(a)) return a;
    return std::nullopt;
}
template <> inline std::optional<ListStyle> parse<ListStyle>(std::string_view s) {
    for (auto a : {ListStyle::Default, ListStyle::Decimal, ListStyle::LowerAlpha, ListStyle::UpperAlpha,
                   ListStyle::LowerRoman, ListStyle::UpperRoman, ListStyle::CJK})
        if (s == of(a)) return a;
    return std::nullopt;
}
template <> inline std::optional<LengthUnit> parse<LengthUnit>(std::string_view s) {
    if (s == "em") return LengthUnit::Em;
    if (s == "pt") return LengthUnit::Pt;
    return std::nullopt;
}
template <> inline std::optional<MathNotation> parse<MathNotation>(std::string_view s) {
    if (s == "tex") return MathNotation::TeX;
    if (s == "mathml") return MathNotation::MathML;
    return std::nullopt;
}
template <> inline std::optional<BylinePlacement> parse<BylinePlacement>(std::string_view s) {
    if (s == "end") return BylinePlacement::End;
    if (s == "start") return BylinePlacement::Start;
    return std::nullopt;
}
template <> inline std::optional<Severity> parse<Severity>(std::string_view s) {
    if (s == "info") return Severity::Info;
    if (s == "warning") return Severity::Warning;
    return std::nullopt;
}
template <> inline std::optional<Role> parse<Role>(std::string_view s) { return role_from_name(s); }

}  // namespace copydesk::names

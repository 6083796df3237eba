// The metadata line under a headline: `来源:太仓日报 责编:俞群艳 时间:2023-07-13`,
// `2019-09-07 13:43:45　来源:证券市场红周刊`, `Source: Reuters | By: Jane Doe`.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "copydesk/ast.hpp"
#include "plaintext/labels.hpp"

namespace copydesk::plaintext {

struct MetaField {
    std::string key;    // as written, "" for a bare value or a key-less date
    std::string value;  // trimmed
    std::optional<KeyInfo> info;  // for known keys
    std::optional<DateTime> date; // set when the value (or the bare field) is a date
};

// Splits a line into fields: at `|`, `｜`, U+3000, tabs and runs of two or
// more spaces, and at a single space that is followed by `key:`.
std::vector<MetaField> split_fields(std::string_view line);

// The fields of `line` if it reads as a metadata line: short, not a sentence,
// at least one known key (or, unless `require_key`, a date), few and short
// bare or unknown fields. nullopt otherwise.
std::optional<std::vector<MetaField>> parse_metadata_line(std::string_view line, bool require_key = false);

// Splits a list of names: 、，, ; "and"; for CJK-only values also spaces.
std::vector<std::string> split_names(std::string_view value);

// Puts the fields into `m`; a second date or a second source goes to custom.
void apply_fields(const std::vector<MetaField>& fields, Metadata& m);

}  // namespace copydesk::plaintext

// `-M KEY=VALUE`: metadata set or overridden after reading.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "copydesk/ast.hpp"

namespace copydesk::cli {

struct MetadataEdit {
    std::string key;  // as typed; known fields match case-insensitively
    std::string value;
};

// Parses and validates one KEY=VALUE (a date must parse); throws UsageError.
MetadataEdit parse_metadata_edit(std::string_view arg);

// Applies the edits in order. Scalar fields are replaced (an empty value clears
// them), keywords replaced by the comma-separated list, a role name (author,
// reporter, editor, ...) adds a contributor, and any other key sets that key
// in metadata.custom (replacing an earlier value of the same key).
void apply_metadata_edits(Metadata& meta, const std::vector<MetadataEdit>& edits);

}  // namespace copydesk::cli

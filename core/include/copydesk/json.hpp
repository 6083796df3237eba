// Versioned JSON serialisation of the whole AST ("copydesk-ast-version"),
// used by `--to json`, golden tests and the Python package.
#pragma once

#include <string>
#include <string_view>

#include "copydesk/ast.hpp"

namespace copydesk {

inline constexpr int kAstVersion = 1;

struct JsonOptions {
    bool pretty = true;              // two-space indent, one node per line
    bool include_diagnostics = true; // "diagnostics" array
    bool include_resource_data = true; // base64 of each resource; false: only name/mime/size
};

std::string to_json(const Document&, const JsonOptions& = {});
// Throws ParseError (with line/column) on malformed JSON or an unknown version.
Document from_json(std::string_view json);

}  // namespace copydesk

// Umbrella header: the whole public API.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "copydesk/ast.hpp"
#include "copydesk/diagnostics.hpp"
#include "copydesk/errors.hpp"
#include "copydesk/json.hpp"
#include "copydesk/options.hpp"
#include "copydesk/registry.hpp"
#include "copydesk/version.hpp"
#include "copydesk/walk.hpp"

namespace copydesk {

// Reads a document from memory. `format` is a registered name or alias
// ("plain", "docx", ...), or empty to sniff the content. `path` only names the
// input in messages. Diagnostics end up in Document::diagnostics.
Document read(std::string_view data, std::string_view format = {}, const Options& options = {},
              std::string_view path = {});

// Writes a document to memory in the named format. Diagnostics about what
// could not be represented are appended to `diagnostics` when given. `path`
// names the file the bytes are meant for, if any: a writer that puts files
// beside its output (html with images=files) needs it.
std::string write(const Document& doc, std::string_view format, const Options& options = {},
                  Diagnostics* diagnostics = nullptr, std::string_view path = {});

// Reads a file; the format comes from `format`, else the extension, else the content.
Document read_file(const std::filesystem::path& path, std::string_view format = {},
                   const Options& options = {});

// Writes a file; the format comes from `format`, else the extension.
// Returns the writer's diagnostics.
Diagnostics write_file(const Document& doc, const std::filesystem::path& path,
                       std::string_view format = {}, const Options& options = {});

// Picks a format for an input: by name, else by extension, else by content.
std::shared_ptr<const Format> detect_format(std::string_view data, std::string_view path = {});

}  // namespace copydesk

// Inputs that are not articles in any format copydesk reads: the leading
// bytes of the binary formats people hand it by mistake (PDF, images,
// archives, legacy Office files). Format detection refuses them, and so does
// the plain-text reader when it is named explicitly (a .txt that is a PDF).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace copydesk::detail {

// What the input looks like ("a PDF document", "a ZIP archive that is neither
// DOCX nor EPUB"), from its first bytes; nullopt when no signature matches.
// A DOCX or EPUB ZIP is named as such, so the plain reader can point to its reader.
std::optional<std::string> binary_signature(std::string_view data);

// The error for input that is not text: "the input is not text: it looks like …".
[[noreturn]] void throw_not_text(std::string_view what, std::string_view path);

}  // namespace copydesk::detail

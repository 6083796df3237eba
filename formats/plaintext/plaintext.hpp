// Plain-text reader and writer (private to the library).
#pragma once

#include "copydesk/registry.hpp"

namespace copydesk::plaintext {

Document read(std::string_view data, const ReadContext& ctx);
std::string write(const Document& doc, const WriteContext& ctx);

}  // namespace copydesk::plaintext

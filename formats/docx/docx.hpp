// DOCX reader and writer (private to the library).
#pragma once

#include "copydesk/registry.hpp"

namespace copydesk::docx {

Document read(std::string_view data, const ReadContext& ctx);      // docx_reader*.cpp
std::string write(const Document& doc, const WriteContext& ctx);   // docx_writer*.cpp

}  // namespace copydesk::docx

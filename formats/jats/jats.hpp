// JATS XML reader and writer (private to the library).
#pragma once

#include "copydesk/registry.hpp"

namespace copydesk::jats {

Document read(std::string_view data, const ReadContext& ctx);      // jats_reader*.cpp
std::string write(const Document& doc, const WriteContext& ctx);   // jats_writer*.cpp

// Confidence 0..100 that `data` is JATS: XML whose root element is <article>.
int sniff(std::string_view data);                                   // jats_format.cpp

}  // namespace copydesk::jats

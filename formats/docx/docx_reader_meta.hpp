// DOCX reader: metadata from docProps/core.xml, docProps/custom.xml and the article head.
#pragma once

#include "docx/docx_reader.hpp"

namespace copydesk::docx::rd {

void read_core_properties(Metadata& m, std::string_view xml, const Location& where, const xml::ReaderOptions& opts);
// Keys copydesk's writer uses (docs/docx.md) fill typed fields; other keys go to Metadata::custom.
void read_custom_properties(Metadata& m, std::string_view xml, const Location& where, const xml::ReaderOptions& opts);

}  // namespace copydesk::docx::rd

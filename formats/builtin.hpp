// Registration functions of the built-in formats (private).
#pragma once

#include "copydesk/registry.hpp"

namespace copydesk::detail {

void register_builtin_formats(Registry&);  // called once by Registry::global()

void register_json(Registry&);       // core/src/json_format.cpp
void register_plaintext(Registry&);  // formats/plaintext/
void register_docx(Registry&);       // formats/docx/
void register_epub(Registry&);       // formats/epub/
void register_jats(Registry&);       // formats/jats/
void register_html(Registry&);       // formats/html/
void register_markdown(Registry&);   // formats/markdown/

}  // namespace copydesk::detail

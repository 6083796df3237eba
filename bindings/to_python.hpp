// The C++ AST as Python objects (copydesk._nodes), built directly from the
// C++ values with the GIL held; no JSON in between.
#pragma once

#include <pybind11/pybind11.h>

#include "copydesk/copydesk.hpp"

namespace copydesk::py {

// `path`: the file it was read from, for Document.path.
pybind11::object document_to_python(const Document& doc, std::string_view path = {});
pybind11::object date_to_python(const DateTime& date);
pybind11::object diagnostics_to_python(const Diagnostics& ds);  // a list of copydesk.Diagnostic
pybind11::object location_to_python(const Location& where);

}  // namespace copydesk::py

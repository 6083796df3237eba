// Shared pieces of the copydesk._core extension module (private).
#pragma once

#include <pybind11/pybind11.h>

#include <map>
#include <string>

#include "copydesk/copydesk.hpp"

namespace copydesk::py {

namespace pyb = pybind11;

// Installs the translator that turns a copydesk::Error into the matching
// Python exception class from copydesk._errors (ParseError, ...).
void register_error_translator();

// Turns a Python exception raised by a Python-registered reader or writer
// back into a typed copydesk::Error when it is a copydesk.Error; rethrows
// anything else unchanged. Must be called with the GIL held, inside a catch.
[[noreturn]] void rethrow_python_error(pyb::error_already_set& e);

pyb::dict options_to_dict(const Options& o);
Options options_from_map(const std::map<std::string, std::string>& m);

// A copydesk.Error instance (not raised) for a C++ error: ConversionResult.error.
pyb::object python_error(ErrorKind kind, const std::string& message, const Location& where);

// register_format(): formats whose reader or writer is a Python callable.
void bind_python_formats(pyb::module_& m);

// convert_many(): a batch on C++ threads, results as ConversionResults.
void bind_convert_many(pyb::module_& m);

}  // namespace copydesk::py

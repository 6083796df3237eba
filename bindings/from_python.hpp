// Python objects (copydesk._nodes) -> the C++ AST, checked on the way: a wrong
// type, an unknown enum name, a number out of range, a lone surrogate or a
// tree deeper than the readers' depth limit is an InvalidDocument naming the
// path of the bad value ("blocks[3].level: 0 is not in 1..9").
#pragma once

#include <pybind11/pybind11.h>

#include <stdexcept>
#include <string>

#include "copydesk/copydesk.hpp"

namespace copydesk::py {

class InvalidDocument : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// `doc` must be a copydesk.Document; `max_depth` bounds the nesting of blocks and inlines.
Document document_from_python(pybind11::handle doc, std::size_t max_depth = Limits{}.max_depth);
Diagnostics diagnostics_from_python(pybind11::handle list);

}  // namespace copydesk::py

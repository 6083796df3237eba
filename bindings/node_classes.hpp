// The Python classes of the AST (python/copydesk/_nodes.py) as the bridge sees
// them: each class's type object and the byte offsets of its slots, looked up
// once by name when the package binds them (bind_classes). With those, a node
// is made by allocating the object and storing into its slots, and read by
// loading from them: no __init__, no keyword dicts, no attribute lookups.
#pragma once

#include <pybind11/pybind11.h>

#include <array>
#include <cstddef>
#include <string>
#include <vector>

namespace copydesk::py {

namespace pyb = pybind11;

// Every class the bridge builds or reads. The inline and block node classes
// come first, in the order of the C++ variants.
enum class Cls : int {
    Text, Emph, Strong, Underline, Strikeout, Superscript, Subscript, SmallCaps, Code, Link, Image, LineBreak,
    Note, Math, CrossRef, Span, RawInline,
    Paragraph, Heading, BlockQuote, BulletList, OrderedList, Table, Figure, CodeBlock, HorizontalRule, RawBlock,
    Div,
    Attr, Length, TableCell, TableRow, Identifier, Affiliation, Contributor, Citation, DateTime, Metadata, Reference, Resource, Location,
    Diagnostic, Document, ConversionResult,
    Count
};
inline constexpr int kClassCount = static_cast<int>(Cls::Count);
inline constexpr int kFirstBlock = static_cast<int>(Cls::Paragraph);
inline constexpr int kFirstOther = static_cast<int>(Cls::Attr);

// A class's name and its fields, in the order of the C++ struct's members
// (the bridge destructures the structs, so a member added in C++ without a
// field here fails to compile; tests/python/test_py_bridge.py checks these
// names against the dataclasses).
struct ClassSpec {
    const char* name;
    std::vector<const char*> fields;
    bool atomic = false;  // its fields hold only str, int, float, bool, bytes, None or atomic objects
};
const std::array<ClassSpec, kClassCount>& class_specs();

struct BoundClass {
    PyTypeObject* type = nullptr;
    std::vector<Py_ssize_t> offsets;  // per field of the spec
    bool atomic = false;              // as ClassSpec::atomic, and the type is GC-tracked
};

// Looks the classes up in `module` (copydesk's namespace) and records their
// slot offsets; raises TypeError if one is not a slotted class with those fields.
void bind_classes(const pyb::object& module);
const BoundClass& bound(Cls c);
bool classes_bound();

// A new instance of `c` with its slots set from `values` (references stolen,
// none may be null; throws error_already_set if allocation fails).
PyObject* make(Cls c, std::initializer_list<PyObject*> values);

// Field `i` of `obj` (a borrowed reference; nullptr if the slot was deleted).
inline PyObject* slot(PyObject* obj, Cls c, int i) {
    return *reinterpret_cast<PyObject**>(reinterpret_cast<char*>(obj) + bound(c).offsets[static_cast<std::size_t>(i)]);
}

// The class of `obj` among the bound ones (subclasses included), or Cls::Count.
Cls class_of(PyObject* obj);

}  // namespace copydesk::py

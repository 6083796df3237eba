#include "node_classes.hpp"

#include <structmember.h>

#include <unordered_map>

namespace copydesk::py {

namespace {

std::array<BoundClass, kClassCount> g_bound;
bool g_is_bound = false;
// Exact types to their class; read with the GIL held.
std::unordered_map<PyTypeObject*, Cls> g_by_type;

Py_ssize_t slot_offset(PyTypeObject* type, const char* cls, const char* field) {
    pyb::object descr = pyb::reinterpret_steal<pyb::object>(
        PyObject_GetAttrString(reinterpret_cast<PyObject*>(type), field));
    if (!descr) throw pyb::error_already_set();
    if (!Py_IS_TYPE(descr.ptr(), &PyMemberDescr_Type))
        throw pyb::type_error(std::string("copydesk.") + cls + "." + field + " is not a slot");
    const PyMemberDef* member = reinterpret_cast<PyMemberDescrObject*>(descr.ptr())->d_member;
    if (member->type != T_OBJECT_EX || (member->flags & READONLY))
        throw pyb::type_error(std::string("copydesk.") + cls + "." + field + " is not a writable object slot");
    return member->offset;
}

}  // namespace

const std::array<ClassSpec, kClassCount>& class_specs() {
    static const std::array<ClassSpec, kClassCount> specs{{
        {"Text", {"text"}, true},
        {"Emph", {"content"}},
        {"Strong", {"content"}},
        {"Underline", {"content"}},
        {"Strikeout", {"content"}},
        {"Superscript", {"content"}},
        {"Subscript", {"content"}},
        {"SmallCaps", {"content"}},
        {"Code", {"attr", "text"}},
        {"Link", {"attr", "content", "target", "title"}},
        {"Image", {"attr", "alt", "target", "title"}},
        {"LineBreak", {}, true},
        {"Note", {"attr", "content"}},
        {"Math", {"notation", "display", "text"}, true},
        {"CrossRef", {"target", "ref_type", "content"}},
        {"Span", {"attr", "content"}},
        {"RawInline", {"format", "text"}, true},
        {"Paragraph", {"content", "first_line_indent", "align"}},
        {"Heading", {"level", "attr", "content"}},
        {"BlockQuote", {"content"}},
        {"BulletList", {"items"}},
        {"OrderedList", {"start", "style", "items"}},
        {"Table", {"attr", "caption", "col_align", "col_widths", "head", "body", "foot"}},
        {"Figure", {"attr", "label", "caption", "content"}},
        {"CodeBlock", {"attr", "text"}},
        {"HorizontalRule", {}, true},
        {"RawBlock", {"format", "text"}, true},
        {"Div", {"attr", "content"}},
        {"Attr", {"id", "classes", "attributes"}},
        {"Length", {"value", "unit"}, true},
        {"TableCell", {"content", "colspan", "rowspan", "align"}},
        {"TableRow", {"cells"}},
        {"Identifier", {"scheme", "value"}, true},
        {"Affiliation", {"text", "institution", "country"}, true},
        {"Contributor", {"name", "role", "label", "affiliation", "email", "identifiers", "affiliations"}},
        {"Citation", {"volume", "issue", "first_page", "last_page", "elocation_id"}, true},
        {"DateTime", {"year", "month", "day", "hour", "minute", "second", "utc_offset_minutes", "text"}, true},
        {"Metadata", {"title", "subtitle", "contributors", "source", "date", "language", "abstract", "keywords",
                      "identifiers", "citation", "section", "license", "dateline", "byline_placement", "custom"}},
        {"Reference", {"id", "type", "authors", "title", "container", "publisher", "year", "volume", "issue",
                       "pages", "doi", "url", "text"}},
        {"Resource", {"name", "mime", "data"}, true},
        {"Location", {"file", "part", "line", "column"}, true},
        {"Diagnostic", {"severity", "code", "message", "where"}, true},  // where: an atomic Location
        // "path" is Python's alone: the file the document was read from.
        {"Document", {"metadata", "blocks", "references", "resources", "diagnostics", "path"}},
        {"ConversionResult", {"source", "output", "ok", "error", "diagnostics"}},
    }};
    return specs;
}

void bind_classes(const pyb::object& module) {
    std::array<BoundClass, kClassCount> found;
    std::unordered_map<PyTypeObject*, Cls> by_type;
    for (int i = 0; i < kClassCount; ++i) {
        const ClassSpec& spec = class_specs()[static_cast<std::size_t>(i)];
        pyb::object cls = module.attr(spec.name);
        if (!PyType_Check(cls.ptr())) throw pyb::type_error(std::string("copydesk.") + spec.name + " is not a class");
        BoundClass& b = found[static_cast<std::size_t>(i)];
        b.type = reinterpret_cast<PyTypeObject*>(cls.ptr());
        // Atomic objects are allocated without zeroing (make() sets every slot):
        // only when the spec's fields are all the slots the class has.
        auto all_slots = static_cast<Py_ssize_t>(sizeof(PyObject) + spec.fields.size() * sizeof(PyObject*));
        b.atomic = spec.atomic && PyType_IS_GC(b.type) && b.type->tp_basicsize == all_slots &&
                   b.type->tp_dictoffset == 0 && b.type->tp_weaklistoffset == 0;
        for (const char* field : spec.fields) b.offsets.push_back(slot_offset(b.type, spec.name, field));
        by_type[b.type] = static_cast<Cls>(i);
    }
    // The classes live as long as their module; keep them for the process.
    for (auto& b : found) Py_INCREF(b.type);
    g_bound = std::move(found);
    g_by_type = std::move(by_type);
    g_is_bound = true;
}

const BoundClass& bound(Cls c) { return g_bound[static_cast<std::size_t>(c)]; }
bool classes_bound() { return g_is_bound; }

PyObject* make(Cls c, std::initializer_list<PyObject*> values) {
    const BoundClass& b = bound(c);
    PyObject* obj = b.type->tp_alloc(b.type, 0);
    if (!obj) {
        for (PyObject* v : values) Py_DECREF(v);
        throw pyb::error_already_set();
    }
    std::size_t i = 0;
    for (PyObject* v : values) {
        *reinterpret_cast<PyObject**>(reinterpret_cast<char*>(obj) + b.offsets[i]) = v;
        ++i;
    }
    return obj;
}

Cls class_of(PyObject* obj) {
    PyTypeObject* type = Py_TYPE(obj);
    auto it = g_by_type.find(type);
    if (it != g_by_type.end()) return it->second;
    // A user's subclass (rare; not cached, as a type may die and its address be
    // reused): its slots sit where the base's are.
    for (int i = 0; i < kClassCount; ++i)
        if (PyType_IsSubtype(type, g_bound[static_cast<std::size_t>(i)].type)) return static_cast<Cls>(i);
    return Cls::Count;
}

}  // namespace copydesk::py

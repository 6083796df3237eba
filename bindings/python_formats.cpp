// register_format(): a reader or writer written in Python, added to the one
// C++ registry so the CLI, copydesk.read/write and formats() all see it.
// The callables run with the GIL acquired; documents cross as Python objects
// through the same bridge as read() and write().
#include <pybind11/stl.h>

#include <memory>

#include "bindings.hpp"
#include "from_python.hpp"
#include "to_python.hpp"

namespace copydesk::py {

namespace {

// A Python object that may be released on a thread not holding the GIL
// (the registry drops a replaced format wherever its last user finishes).
using SharedCallable = std::shared_ptr<pyb::object>;

SharedCallable share(pyb::object obj) {
    return SharedCallable(new pyb::object(std::move(obj)), [](pyb::object* p) {
        if (!Py_IsInitialized()) {
            // Interpreter gone: leak rather than touch a dead runtime.
            (void)p->release();
            delete p;
            return;
        }
        pyb::gil_scoped_acquire gil;
        delete p;
    });
}

ReaderFn make_reader(SharedCallable fn) {
    return [fn](std::string_view data, const ReadContext& ctx) -> Document {
        pyb::gil_scoped_acquire gil;
        try {
            pyb::object result = (*fn)(pyb::bytes(data.data(), data.size()), options_to_dict(ctx.options), ctx.path);
            return document_from_python(result, ctx.limits.max_depth);
        } catch (pyb::error_already_set& e) {
            rethrow_python_error(e);
        } catch (const InvalidDocument& e) {
            throw ParseError(std::string("a Python reader returned an invalid document: ") + e.what(),
                             Location{ctx.path});
        }
    };
}

WriterFn make_writer(SharedCallable fn) {
    return [fn](const Document& doc, const WriteContext& ctx) -> std::string {
        pyb::gil_scoped_acquire gil;
        try {
            pyb::object result = (*fn)(document_to_python(doc), options_to_dict(ctx.options), ctx.path);
            if (pyb::isinstance<pyb::tuple>(result)) {
                auto t = result.cast<pyb::tuple>();
                if (t.size() != 2) throw UsageError("a Python writer must return bytes or (bytes, diagnostics)");
                for (auto& d : diagnostics_from_python(t[1])) ctx.diagnostics.push_back(std::move(d));
                result = t[0];
            }
            if (pyb::isinstance<pyb::str>(result)) return result.cast<std::string>();
            if (!pyb::isinstance<pyb::bytes>(result) && !pyb::isinstance<pyb::bytearray>(result))
                throw UsageError("a Python writer must return bytes or str");
            return std::string(pyb::bytes(result));
        } catch (pyb::error_already_set& e) {
            rethrow_python_error(e);
        } catch (const InvalidDocument& e) {
            throw UsageError(std::string("a Python writer returned bad diagnostics: ") + e.what());
        }
    };
}

void register_format(const std::string& name, const std::vector<std::string>& aliases,
                     const std::vector<std::string>& extensions, const std::string& mime,
                     const std::string& description, bool binary, const pyb::object& reader,
                     const pyb::object& writer, const std::vector<std::string>& reader_options,
                     const std::vector<std::string>& writer_options) {
    if (name.empty()) throw UsageError("a format needs a name");
    if (reader.is_none() && writer.is_none()) throw UsageError("a format needs a reader or a writer");
    for (const auto* fn : {&reader, &writer})
        if (!fn->is_none() && !PyCallable_Check(fn->ptr())) throw UsageError("reader and writer must be callable");
    Format f;
    f.name = name;
    f.aliases = aliases;
    f.extensions = extensions;
    for (auto& e : f.extensions)
        if (!e.empty() && e.front() == '.') e.erase(0, 1);
    f.mime = mime;
    f.description = description;
    f.binary = binary;
    if (!reader.is_none()) f.reader = make_reader(share(reader));
    if (!writer.is_none()) f.writer = make_writer(share(writer));
    for (const auto& o : reader_options) f.reader_options.push_back({o, "", ""});
    for (const auto& o : writer_options) f.writer_options.push_back({o, "", ""});
    Registry::global().add(std::move(f));
}

}  // namespace

void bind_python_formats(pyb::module_& m) {
    m.def("register_format", &register_format, pyb::arg("name"), pyb::kw_only(),
          pyb::arg("aliases") = std::vector<std::string>{}, pyb::arg("extensions") = std::vector<std::string>{},
          pyb::arg("mime") = "", pyb::arg("description") = "", pyb::arg("binary") = false,
          pyb::arg("reader") = pyb::none(), pyb::arg("writer") = pyb::none(),
          pyb::arg("reader_options") = std::vector<std::string>{}, pyb::arg("writer_options") = std::vector<std::string>{},
          "Adds (or replaces) a format whose reader(data: bytes, options: dict, path: str) -> Document "
          "and/or writer(doc: Document, options: dict, path: str) -> bytes | str | (bytes, [Diagnostic]) are "
          "Python callables.");
}

}  // namespace copydesk::py

// copydesk::Error <-> copydesk.Error, in both directions.
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "from_python.hpp"

namespace copydesk::py {

namespace {

ErrorKind kind_from_name(const std::string& name) {
    for (ErrorKind k : {ErrorKind::Parse, ErrorKind::Limit, ErrorKind::UnsupportedFormat, ErrorKind::Io,
                        ErrorKind::Encrypted, ErrorKind::Usage})
        if (name == error_kind_name(k)) return k;
    return ErrorKind::Parse;
}

[[noreturn]] void throw_typed(ErrorKind kind, const std::string& message, Location where) {
    switch (kind) {
        case ErrorKind::Parse: throw ParseError(message, std::move(where));
        case ErrorKind::Limit: throw LimitError(message, std::move(where));
        case ErrorKind::UnsupportedFormat: throw UnsupportedFormatError(message, std::move(where));
        case ErrorKind::Io: throw IoError(message, std::move(where));
        case ErrorKind::Encrypted: throw EncryptedError(message, std::move(where));
        case ErrorKind::Usage: throw UsageError(message, std::move(where));
    }
    throw Error(kind, message, std::move(where));
}

pyb::object errors_module() { return pyb::module_::import("copydesk._errors"); }

void raise_instance(const pyb::object& exc) {
    PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(exc.ptr())), exc.ptr());
}

void set_python_error(const Error& e) {
    try {
        raise_instance(python_error(e.kind(), e.message(), e.where()));
    } catch (pyb::error_already_set& inner) {
        // The package is not importable (the module used on its own): keep the message.
        inner.discard_as_unraisable("copydesk._core: importing copydesk._errors");
        PyErr_SetString(PyExc_RuntimeError, e.what());
    }
}

void set_document_error(const InvalidDocument& e) {
    try {
        raise_instance(errors_module().attr("DocumentError")(e.what()));
    } catch (pyb::error_already_set& inner) {
        inner.discard_as_unraisable("copydesk._core: importing copydesk._errors");
        PyErr_SetString(PyExc_ValueError, e.what());
    }
}

}  // namespace

void register_error_translator() {
    pyb::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const Error& e) {
            set_python_error(e);
        } catch (const InvalidDocument& e) {
            set_document_error(e);
        }
    });
}

pyb::object python_error(ErrorKind kind, const std::string& message, const Location& w) {
    return errors_module().attr("_from_core")(error_kind_name(kind), message, w.file, w.part, w.line, w.column);
}

void rethrow_python_error(pyb::error_already_set& e) {
    pyb::object base;
    try {
        base = pyb::module_::import("copydesk._errors").attr("Error");
    } catch (pyb::error_already_set&) {
        throw e;
    }
    if (!e.matches(base)) throw;
    pyb::object v = e.value();
    Location where;
    where.file = pyb::str(v.attr("file"));
    where.part = pyb::str(v.attr("part"));
    where.line = v.attr("line").cast<int>();
    where.column = v.attr("column").cast<int>();
    std::string kind = pyb::str(v.attr("kind"));
    std::string message = pyb::str(v.attr("message"));
    throw_typed(kind_from_name(kind), message, std::move(where));
}

pyb::dict options_to_dict(const Options& o) {
    pyb::dict out;
    for (const auto& [k, v] : o.values()) out[pyb::str(k)] = pyb::str(v);
    return out;
}

Options options_from_map(const std::map<std::string, std::string>& m) {
    Options o;
    for (const auto& [k, v] : m) o.set(k, v);
    return o;
}

}  // namespace copydesk::py

// copydesk::Error <-> copydesk.Error, in both directions.
#include <pybind11/stl.h>

#include "bindings.hpp"

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

void set_python_error(const Error& e) {
    try {
        auto factory = pyb::module_::import("copydesk._errors").attr("_from_core");
        const Location& w = e.where();
        pyb::object exc = factory(error_kind_name(e.kind()), e.message(), w.file, w.part, w.line, w.column);
        PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(exc.ptr())), exc.ptr());
    } catch (pyb::error_already_set& inner) {
        // The package is not importable (the module used on its own): keep the message.
        inner.discard_as_unraisable("copydesk._core: importing copydesk._errors");
        PyErr_SetString(PyExc_RuntimeError, e.what());
    }
}

}  // namespace

void register_error_translator() {
    pyb::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const Error& e) {
            set_python_error(e);
        }
    });
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

pyb::dict diagnostic_to_dict(const Diagnostic& d) {
    pyb::dict out;
    out["severity"] = d.severity == Severity::Warning ? "warning" : "info";
    out["code"] = d.code;
    out["message"] = d.message;
    out["file"] = d.where.file;
    out["part"] = d.where.part;
    out["line"] = d.where.line;
    out["column"] = d.where.column;
    return out;
}

Diagnostic diagnostic_from_dict(const pyb::handle& h) {
    pyb::dict d = pyb::reinterpret_borrow<pyb::dict>(h);
    auto str = [&](const char* key) -> std::string {
        return d.contains(key) ? pyb::str(d[key]).cast<std::string>() : std::string();
    };
    auto num = [&](const char* key) -> int { return d.contains(key) ? d[key].cast<int>() : 0; };
    Diagnostic out;
    out.severity = str("severity") == "info" ? Severity::Info : Severity::Warning;
    out.code = str("code");
    out.message = str("message");
    out.where = Location{str("file"), str("part"), num("line"), num("column")};
    return out;
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

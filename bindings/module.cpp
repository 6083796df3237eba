// copydesk._core: the C++ library seen from Python. The AST crosses the
// boundary as JSON (docs/ast-json.md); the GIL is released during every
// conversion so other Python threads run meanwhile.
#include <pybind11/stl.h>

#include <optional>
#include <vector>

#include "bindings.hpp"
#include "cli.hpp"

namespace copydesk::py {

namespace {

// A contiguous byte buffer borrowed from any Python object with the buffer
// protocol (bytes, bytearray, memoryview). Holding the view keeps the object
// alive and un-resizable, so its bytes may be read without the GIL.
class ByteView {
public:
    explicit ByteView(const pyb::handle& obj) {
        if (PyObject_GetBuffer(obj.ptr(), &view_, PyBUF_SIMPLE) != 0) throw pyb::error_already_set();
    }
    ~ByteView() { PyBuffer_Release(&view_); }
    ByteView(const ByteView&) = delete;
    ByteView& operator=(const ByteView&) = delete;
    std::string_view view() const {
        return {static_cast<const char*>(view_.buf), static_cast<std::size_t>(view_.len)};
    }

private:
    Py_buffer view_{};
};

JsonOptions compact_json() {
    JsonOptions o;
    o.pretty = false;
    return o;
}

pyb::list diagnostics_to_list(const Diagnostics& ds) {
    pyb::list out;
    for (const auto& d : ds) out.append(diagnostic_to_dict(d));
    return out;
}

pyb::list option_specs(const std::vector<OptionSpec>& specs) {
    pyb::list out;
    for (const auto& s : specs) {
        pyb::dict d;
        d["name"] = s.name;
        d["default"] = s.default_value;
        d["help"] = s.help;
        out.append(d);
    }
    return out;
}

pyb::list py_formats() {
    pyb::list out;
    for (const auto& f : Registry::global().list()) {
        pyb::dict d;
        d["name"] = f->name;
        d["aliases"] = f->aliases;
        d["extensions"] = f->extensions;
        d["mime"] = f->mime;
        d["description"] = f->description;
        d["binary"] = f->binary;
        d["can_read"] = f->can_read();
        d["can_write"] = f->can_write();
        d["reader_options"] = option_specs(f->reader_options);
        d["writer_options"] = option_specs(f->writer_options);
        out.append(d);
    }
    return out;
}

std::string py_read(const pyb::handle& data, const std::optional<std::string>& format,
                 const std::map<std::string, std::string>& options, const std::string& path) {
    ByteView bytes(data);
    Options opts = options_from_map(options);
    pyb::gil_scoped_release nogil;
    Document doc = copydesk::read(bytes.view(), format.value_or(""), opts, path);
    return to_json(doc, compact_json());
}

pyb::tuple py_write(const std::string& json, const std::string& format, const std::map<std::string, std::string>& options) {
    Options opts = options_from_map(options);
    Diagnostics diags;
    std::string out;
    {
        pyb::gil_scoped_release nogil;
        Document doc = from_json(json);
        out = copydesk::write(doc, format, opts, &diags);
    }
    return pyb::make_tuple(pyb::bytes(out), diagnostics_to_list(diags));
}

// Reads and writes in one call without the AST visiting Python.
pyb::tuple py_convert(const pyb::handle& data, const std::string& to, const std::optional<std::string>& from,
                   const std::map<std::string, std::string>& options, const std::string& path) {
    ByteView bytes(data);
    Options opts = options_from_map(options);
    Diagnostics diags;
    std::string out;
    {
        pyb::gil_scoped_release nogil;
        Document doc = copydesk::read(bytes.view(), from.value_or(""), opts, path);
        diags = std::move(doc.diagnostics);
        doc.diagnostics.clear();
        out = copydesk::write(doc, to, opts, &diags);
    }
    return pyb::make_tuple(pyb::bytes(out), diagnostics_to_list(diags));
}

std::optional<std::string> format_for_path(const std::string& path) {
    auto f = Registry::global().by_extension(path);
    if (!f) return std::nullopt;
    return f->name;
}

std::string canonical_format(const std::string& name) { return Registry::global().get(name)->name; }

std::string normalize_json(const std::string& json) {
    pyb::gil_scoped_release nogil;
    return to_json(from_json(json), compact_json());
}

int cli_main(const std::vector<std::string>& args) {
    std::vector<std::string> argv_store;
    argv_store.reserve(args.size() + 1);
    argv_store.emplace_back("copydesk");
    argv_store.insert(argv_store.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_store) argv.push_back(a.data());
    argv.push_back(nullptr);
    pyb::gil_scoped_release nogil;  // Python-registered formats may run on CLI worker threads
    return cli::run(static_cast<int>(argv_store.size()), argv.data());
}

}  // namespace

}  // namespace copydesk::py

PYBIND11_MODULE(_core, m) {
    namespace pyb = pybind11;
    using namespace copydesk::py;
    m.doc() = "copydesk's C++ core. Use the `copydesk` package rather than this module.";
    register_error_translator();

    m.def("version", [] { return std::string(copydesk::version()); }, "The library version.");
    m.def("ast_version", [] { return copydesk::kAstVersion; }, "The copydesk-ast-version of the JSON form.");
    m.def("formats", &py_formats, "The registered formats, as dicts.");
    m.def("read", &py_read, pyb::arg("data"), pyb::arg("format") = pyb::none(),
          pyb::arg("options") = std::map<std::string, std::string>{}, pyb::arg("path") = "",
          "Reads bytes into the AST; returns its JSON form.");
    m.def("write", &py_write, pyb::arg("json"), pyb::arg("format"),
          pyb::arg("options") = std::map<std::string, std::string>{},
          "Writes an AST given as JSON; returns (bytes, diagnostics).");
    m.def("convert", &py_convert, pyb::arg("data"), pyb::arg("to_format"), pyb::arg("from_format") = pyb::none(),
          pyb::arg("options") = std::map<std::string, std::string>{}, pyb::arg("path") = "",
          "Reads and writes in one step; returns (bytes, reader and writer diagnostics).");
    m.def("format_for_path", &format_for_path, pyb::arg("path"),
          "The name of the format registered for the extension of path, or None.");
    m.def("canonical_format", &canonical_format, pyb::arg("name"),
          "The registered name for a format name or alias; raises UnsupportedFormatError.");
    m.def("normalize_json", &normalize_json, pyb::arg("json"),
          "Parses AST JSON with the C++ reader and writes it again (compact).");
    m.def("cli_main", &cli_main, pyb::arg("argv"), "Runs the copydesk command line; returns its exit code.");
    bind_python_formats(m);
}

// copydesk._core: the C++ library seen from Python. Documents cross as
// Python objects built straight from the C++ AST and back (to_python.cpp,
// from_python.cpp); every C++ step -- file I/O, parsing, writing, even
// freeing a large C++ document -- runs with the GIL released.
#include <fmt/format.h>
#include <pybind11/stl.h>

#include <chrono>
#include <memory>
#include <optional>
#include <vector>

#include "bindings.hpp"
#include "cli.hpp"
#include "convert.hpp"
#include "file_io.hpp"
#include "from_python.hpp"
#include "node_classes.hpp"
#include "to_python.hpp"

namespace copydesk::py {

namespace {

using OptionMap = std::map<std::string, std::string>;

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

void require_bound() {
    if (!classes_bound()) throw UsageError("copydesk._core is used through the copydesk package (import copydesk)");
}

// Turns a C++ document into Python objects, then frees it without the GIL.
pyb::object hand_over(std::unique_ptr<Document> doc, std::string_view path = {}) {
    pyb::object out = document_to_python(*doc, path);
    pyb::gil_scoped_release nogil;
    doc.reset();
    return out;
}

Document from_python(const pyb::handle& doc) {
    require_bound();
    return document_from_python(doc);
}

pyb::object py_read(const pyb::handle& data, const std::optional<std::string>& format, const OptionMap& options,
                    const std::string& path) {
    require_bound();
    ByteView bytes(data);
    Options opts = options_from_map(options);
    std::unique_ptr<Document> doc;
    {
        pyb::gil_scoped_release nogil;
        doc = std::make_unique<Document>(copydesk::read(bytes.view(), format.value_or(""), opts, path));
    }
    return hand_over(std::move(doc));
}

std::string slurp(const std::string& path) {
    cli::InputFile in(path);
    return in.read_all();
}

pyb::object py_read_file(const std::string& path, const std::optional<std::string>& format,
                         const OptionMap& options) {
    require_bound();
    Options opts = options_from_map(options);
    std::unique_ptr<Document> doc;
    {
        pyb::gil_scoped_release nogil;
        std::string data = slurp(path);
        std::string name = format ? *format : detect_format(data, path)->name;
        doc = std::make_unique<Document>(copydesk::read(data, name, opts, path));
    }
    return hand_over(std::move(doc), path);
}

pyb::tuple py_write(const pyb::handle& py_doc, const std::string& format, const OptionMap& options) {
    Document doc = from_python(py_doc);
    Options opts = options_from_map(options);
    Diagnostics diags;
    std::string out;
    {
        pyb::gil_scoped_release nogil;
        out = copydesk::write(doc, format, opts, &diags);
        doc = Document{};
    }
    pyb::bytes data(out);
    return pyb::make_tuple(data, diagnostics_to_python(diags));
}

void refuse_same_file(const std::string& input, const std::string& output) {
    if (!input.empty() && cli::same_existing_file(input, output))
        throw UsageError(fmt::format("the output would overwrite the input '{}'", input), Location{output});
}

void save(const std::string& path, std::string_view bytes) {
    cli::write_file_atomically(cli::OutputPath{path}, bytes);
}

// Writes to `path` atomically; `input` (the file the document was read from,
// or empty) must not be that file.
pyb::object py_write_file(const pyb::handle& py_doc, const std::string& path, const std::string& format,
                          const OptionMap& options, const std::string& input) {
    Document doc = from_python(py_doc);
    Options opts = options_from_map(options);
    Diagnostics diags;
    {
        pyb::gil_scoped_release nogil;
        refuse_same_file(input, path);
        // The path: a writer may put files beside it (html with images=files).
        std::string out = copydesk::write(doc, format, opts, &diags, path);
        doc = Document{};
        for (auto& d : diags)
            if (d.where.file.empty()) d.where.file = path;
        save(path, out);
    }
    return diagnostics_to_python(diags);
}

pyb::tuple py_convert(const pyb::handle& data, const std::string& to, const std::optional<std::string>& from,
                      const OptionMap& options, const std::string& path) {
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
    pyb::bytes result(out);
    return pyb::make_tuple(result, diagnostics_to_python(diags));
}

[[noreturn]] void raise_failure(const cli::Failure& f) {
    if (f.internal) throw std::runtime_error(f.message);
    throw Error(f.kind, f.message, f.where);
}

// File to file, exactly as the CLI converts one file (same-file refusal, atomic write).
pyb::object py_convert_file(const std::string& src, const std::string& dst, const std::string& to,
                            const std::optional<std::string>& from, const OptionMap& options) {
    cli::ConvertSettings s;
    s.from = from.value_or("");
    s.to = to;
    s.reader_options = s.writer_options = options_from_map(options);
    cli::Outcome outcome;
    {
        pyb::gil_scoped_release nogil;
        outcome = cli::convert_one(cli::Task{src, dst}, s);
    }
    if (outcome.exit_code != 0) raise_failure(outcome.failure);
    return diagnostics_to_python(outcome.diagnostics);
}

void py_save(const std::string& path, const pyb::handle& data, const std::string& input) {
    ByteView bytes(data);
    pyb::gil_scoped_release nogil;
    refuse_same_file(input, path);
    save(path, bytes.view());
}

std::string py_to_json(const pyb::handle& py_doc, bool pretty) {
    Document doc = from_python(py_doc);
    pyb::gil_scoped_release nogil;
    JsonOptions o;
    o.pretty = pretty;
    return to_json(doc, o);
}

pyb::object py_from_json(const std::string& json) {
    require_bound();
    std::unique_ptr<Document> doc;
    {
        pyb::gil_scoped_release nogil;
        doc = std::make_unique<Document>(from_json(json));
    }
    return hand_over(std::move(doc));
}

pyb::object py_parse_date(const std::string& text) {
    auto d = DateTime::parse(text);
    if (!d || d->text.size() != text.size())
        throw ParseError(fmt::format("'{}' is not an ISO 8601 date", text));
    return date_to_python(*d);
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

std::optional<std::string> format_for_path(const std::string& path) {
    auto f = Registry::global().by_extension(path);
    if (!f) return std::nullopt;
    return f->name;
}

std::string canonical_format(const std::string& name) { return Registry::global().get(name)->name; }

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

pyb::dict py_class_fields() {
    pyb::dict out;
    for (const auto& spec : class_specs()) {
        pyb::list fields;
        for (const char* f : spec.fields) fields.append(f);
        out[spec.name] = fields;
    }
    return out;
}

// For bench/: the C++ reader and writer alone, timed in this process on the
// same inputs as the Python calls (seconds for `repeat` calls).
double time_cpp_read(const pyb::handle& data, const std::string& format, int repeat) {
    ByteView bytes(data);
    pyb::gil_scoped_release nogil;
    auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < repeat; ++i) copydesk::read(bytes.view(), format);
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

double time_cpp_write(const pyb::handle& py_doc, const std::string& format, int repeat) {
    Document doc = from_python(py_doc);
    pyb::gil_scoped_release nogil;
    auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < repeat; ++i) copydesk::write(doc, format);
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

}  // namespace copydesk::py

PYBIND11_MODULE(_core, m) {
    namespace pyb = pybind11;
    using namespace copydesk::py;
    using pyb::arg;
    m.doc() = "copydesk's C++ core. Use the `copydesk` package rather than this module.";
    register_error_translator();
    const OptionMap no_options;

    m.def("version", [] { return std::string(copydesk::version()); }, "The library version.");
    m.def("ast_version", [] { return copydesk::kAstVersion; }, "The copydesk-ast-version of the JSON form.");
    m.def("bind_classes", [](const pyb::object& ns) { bind_classes(ns); }, arg("namespace"),
          "Records the AST classes (an object whose attributes are the classes) for the bridge.");
    m.def("class_fields", &py_class_fields, "The fields of each class as the bridge knows them.");
    m.def("formats", &py_formats, "The registered formats, as dicts.");
    m.def("limit_options", [] { return copydesk::Limits::option_names(); }, "The names of the limit.* options.");
    m.def("read", &py_read, arg("data"), arg("format") = pyb::none(), arg("options") = no_options,
          arg("path") = "", "Reads bytes into a Document.");
    m.def("read_file", &py_read_file, arg("path"), arg("format") = pyb::none(), arg("options") = no_options,
          "Reads a file into a Document (format: given, else the extension, else the content).");
    m.def("write", &py_write, arg("doc"), arg("format"), arg("options") = no_options,
          "Writes a Document; returns (bytes, diagnostics).");
    m.def("write_file", &py_write_file, arg("doc"), arg("path"), arg("format"), arg("options") = no_options,
          arg("input") = "", "Writes a Document to a file atomically; returns the diagnostics.");
    m.def("convert", &py_convert, arg("data"), arg("to_format"), arg("from_format") = pyb::none(),
          arg("options") = no_options, arg("path") = "",
          "Reads and writes in one step; returns (bytes, reader and writer diagnostics).");
    m.def("convert_file", &py_convert_file, arg("src"), arg("dst"), arg("to_format"), arg("from_format") = pyb::none(),
          arg("options") = no_options, "Converts a file to a file as the CLI does; returns the diagnostics.");
    m.def("save", &py_save, arg("path"), arg("data"), arg("input") = "",
          "Writes bytes to a file atomically, refusing to replace `input`.");
    m.def("to_json", &py_to_json, arg("doc"), arg("pretty") = true, "The JSON form of a Document.");
    m.def("from_json", &py_from_json, arg("json"), "A Document from its JSON form.");
    m.def("parse_date", &py_parse_date, arg("text"), "A DateTime from ISO 8601 or a common Chinese form.");
    m.def("format_for_path", &format_for_path, arg("path"),
          "The name of the format registered for the extension of path, or None.");
    m.def("canonical_format", &canonical_format, arg("name"),
          "The registered name for a format name or alias; raises UnsupportedFormatError.");
    m.def("cli_main", &cli_main, arg("argv"), "Runs the copydesk command line; returns its exit code.");
    m.def("time_cpp_read", &time_cpp_read, arg("data"), arg("format"), arg("repeat"),
          "Seconds for `repeat` C++ reads of data (benchmarks).");
    m.def("time_cpp_write", &time_cpp_write, arg("doc"), arg("format"), arg("repeat"),
          "Seconds for `repeat` C++ writes of doc (benchmarks).");
    bind_convert_many(m);
    bind_python_formats(m);
}

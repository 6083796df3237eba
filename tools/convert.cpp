#include "convert.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <new>
#include <optional>

#include "exit_codes.hpp"
#include "file_io.hpp"

namespace copydesk::cli {

namespace {

void write_stdout(const std::string& bytes) {
    std::fwrite(bytes.data(), 1, bytes.size(), stdout);
    if (std::fflush(stdout) != 0 || std::ferror(stdout))
        throw IoError(fmt::format("write error: {}", std::strerror(errno)), Location{display_name("-", true)});
}

void name_file(Diagnostics& diags, std::size_t from, const std::string& file) {
    for (std::size_t i = from; i < diags.size(); ++i)
        if (diags[i].where.file.empty()) diags[i].where.file = file;
}

std::string error_line(const Error& e, const std::string& file) {
    std::string what = e.what();
    if (e.where().file.empty() && !file.empty()) what = file + ": " + what;
    return fmt::format("error: {} [{}]", what, error_kind_name(e.kind()));
}

// After a parse error in a format whose reader has the `recover` option (JATS,
// EPUB) and that did not use it: a second line naming the option.
std::string recover_hint(const std::string& reader, const Options& options) {
    if (reader.empty() || options.get_bool("recover", false)) return {};
    auto f = Registry::global().find(reader);
    if (!f) return {};
    for (const auto& o : f->reader_options)
        if (o.name == "recover")
            return fmt::format("\nhint: --reader-option recover=true reads {} that is not quite well-formed XML as "
                               "far as it can, with a warning for each repair",
                               f->name);
    return {};
}

}  // namespace

std::string display_name(const std::string& path, bool output) {
    if (path == "-") return output ? "<stdout>" : "<stdin>";
    return path;
}

Outcome convert_one(const Task& task, const ConvertSettings& s) {
    Outcome out;
    const std::string in_name = display_name(task.input, false);
    const std::string out_name = display_name(task.output, true);
    // Errors without a file of their own are about the input while reading
    // and about the output while writing.
    bool writing = false;
    auto blame = [&] { return writing ? in_name + " -> " + out_name : in_name; };
    try {
        const bool to_file = task.output != "-";
        const OutputPath out_path{task.output, task.output_dir_fd,
                                  std::string_view(task.output).substr(std::min(task.output_leaf, task.output.size()))};
        std::shared_ptr<const Format> writer =
            s.to.empty() ? Registry::global().by_extension(task.output) : Registry::global().get(s.to);
        if (!writer)
            throw UsageError("cannot tell the output format from the file name; name it with -t",
                             Location{out_name});
        out.writer = writer->name;

        std::optional<InputFile> input;
        try {
            input.emplace(task.input);
        } catch (const IoError&) {
            // An input that cannot be read but is the output: say that first.
            if (task.input != "-" && to_file && same_existing_file(task.input, task.output))
                throw UsageError("the output would overwrite the input", Location{out_name});
            throw;
        }
        if (to_file && input->is_same_file(out_path))
            throw UsageError("the output would overwrite the input", Location{out_name});
        std::string data = input->read_all();
        input.reset();
        std::string from = s.from;
        if (from.empty()) from = detect_format(data, task.input == "-" ? std::string_view{} : task.input)->name;
        out.reader = from;
        Document doc = read(data, from, s.reader_options, in_name);
        std::string().swap(data);  // free the input before writing (assignment keeps the capacity)
        // The reader's diagnostics stay in the document too: `--to json` keeps them.
        name_file(doc.diagnostics, 0, in_name);
        out.diagnostics = doc.diagnostics;

        apply_metadata_edits(doc.metadata, s.metadata);

        writing = true;
        std::size_t first_writer_diag = out.diagnostics.size();
        std::string bytes =
            write(doc, writer->name, s.writer_options, &out.diagnostics, to_file ? task.output : std::string());
        name_file(out.diagnostics, first_writer_diag, out_name);

        if (s.strict) {
            std::size_t warnings = 0;
            for (const auto& d : out.diagnostics)
                if (d.severity == Severity::Warning) ++warnings;
            if (warnings > 0) {
                out.exit_code = kExitStrict;
                std::string what = fmt::format("{} warning{} with --strict; {} not written", warnings,
                                               warnings == 1 ? "" : "s", out_name);
                out.error = fmt::format("error: {}: {}", in_name, what);
                out.failure = {false, ErrorKind::Usage, what, Location{in_name}};
                return out;
            }
        }
        if (to_file) write_file_atomically(out_path, bytes);
        else write_stdout(bytes);
    } catch (const Error& e) {
        out.exit_code = exit_code_for(e.kind());
        out.error = error_line(e, blame());
        out.failure = {false, e.kind(), e.message(), e.where()};
        if (out.failure.where.file.empty()) out.failure.where.file = blame();
        if (!writing && e.kind() == ErrorKind::Parse) out.error += recover_hint(out.reader, s.reader_options);
    } catch (const std::bad_alloc&) {
        out.exit_code = kExitConversion;
        out.error = fmt::format("error: {}: out of memory [limit]", blame());
        out.failure = {false, ErrorKind::Limit, "out of memory", Location{blame()}};
    } catch (const std::exception& e) {
        out.exit_code = kExitInternal;
        out.error = fmt::format("error: {}: internal error: {}", blame(), e.what());
        out.failure = {true, ErrorKind::Parse, std::string("internal error: ") + e.what(), Location{blame()}};
    }
    return out;
}

}  // namespace copydesk::cli

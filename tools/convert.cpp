#include "convert.hpp"

#include <fmt/format.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <new>

#include "exit_codes.hpp"

namespace copydesk::cli {

namespace fs = std::filesystem;

namespace {

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};

std::string read_all(std::FILE* f, const std::string& name, std::uintmax_t size_hint = 0) {
    std::string data;
    if (size_hint > 0 && size_hint < (std::uintmax_t{1} << 32)) data.reserve(size_hint + 1);  // no doubling
    char buf[1 << 16];
    for (;;) {
        std::size_t n = std::fread(buf, 1, sizeof buf, f);
        data.append(buf, n);
        if (n < sizeof buf) break;
    }
    if (std::ferror(f)) throw IoError(fmt::format("read error: {}", std::strerror(errno)), Location{name});
    return data;
}

std::string read_input(const std::string& path) {
    if (path == "-") return read_all(stdin, display_name(path, false));
    std::error_code ec;
    if (fs::is_directory(path, ec)) throw IoError("is a directory", Location{path});
    std::unique_ptr<std::FILE, FileCloser> f(std::fopen(path.c_str(), "rb"));
    if (!f) throw IoError(fmt::format("cannot open: {}", std::strerror(errno)), Location{path});
    std::uintmax_t size = fs::file_size(path, ec);
    return read_all(f.get(), path, ec ? 0 : size);
}

void write_stdout(const std::string& bytes) {
    std::fwrite(bytes.data(), 1, bytes.size(), stdout);
    if (std::fflush(stdout) != 0 || std::ferror(stdout))
        throw IoError(fmt::format("write error: {}", std::strerror(errno)), Location{display_name("-", true)});
}

// Writes next to the target and renames, so a failed or interrupted run never
// leaves a half-written file under the final name.
void write_file_atomically(const std::string& path, const std::string& bytes) {
    static std::atomic<unsigned> counter{0};
    fs::path target(path);
    fs::path tmp = target.parent_path() /
                   fmt::format(".{}.copydesk-tmp-{}", target.filename().string(), counter.fetch_add(1));
    {
        std::unique_ptr<std::FILE, FileCloser> f(std::fopen(tmp.c_str(), "wb"));
        if (!f) throw IoError(fmt::format("cannot create: {}", std::strerror(errno)), Location{path});
        bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f.get()) == bytes.size();
        int err = errno;
        ok = (std::fclose(f.release()) == 0) && ok;
        if (!ok) {
            std::error_code ec;
            fs::remove(tmp, ec);
            throw IoError(fmt::format("write error: {}", std::strerror(err)), Location{path});
        }
    }
    std::error_code ec;
    fs::rename(tmp, target, ec);
    if (ec) {
        std::error_code ignored;
        fs::remove(tmp, ignored);
        throw IoError(fmt::format("cannot write: {}", ec.message()), Location{path});
    }
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
    std::string blame = in_name;
    try {
        if (task.input != "-" && task.output != "-") {
            std::error_code ec;
            if (fs::exists(task.output, ec) && fs::equivalent(task.input, task.output, ec))
                throw UsageError("the output would overwrite the input", Location{out_name});
        }
        std::shared_ptr<const Format> writer =
            s.to.empty() ? Registry::global().by_extension(task.output) : Registry::global().get(s.to);
        if (!writer)
            throw UsageError("cannot tell the output format from the file name; name it with -t",
                             Location{out_name});
        out.writer = writer->name;

        std::string data = read_input(task.input);
        std::string from = s.from;
        if (from.empty()) from = detect_format(data, task.input == "-" ? std::string_view{} : task.input)->name;
        out.reader = from;
        Document doc = read(data, from, s.reader_options, in_name);
        std::string().swap(data);  // free the input before writing (assignment keeps the capacity)
        // The reader's diagnostics stay in the document too: `--to json` keeps them.
        name_file(doc.diagnostics, 0, in_name);
        out.diagnostics = doc.diagnostics;

        apply_metadata_edits(doc.metadata, s.metadata);

        blame = fmt::format("{} -> {}", in_name, out_name);
        std::size_t first_writer_diag = out.diagnostics.size();
        std::string bytes = write(doc, writer->name, s.writer_options, &out.diagnostics);
        name_file(out.diagnostics, first_writer_diag, out_name);

        if (s.strict) {
            std::size_t warnings = 0;
            for (const auto& d : out.diagnostics)
                if (d.severity == Severity::Warning) ++warnings;
            if (warnings > 0) {
                out.exit_code = kExitStrict;
                out.error = fmt::format("error: {}: {} warning{} with --strict; {} not written", in_name, warnings,
                                        warnings == 1 ? "" : "s", out_name);
                return out;
            }
        }
        if (task.output == "-") write_stdout(bytes);
        else write_file_atomically(task.output, bytes);
    } catch (const Error& e) {
        out.exit_code = exit_code_for(e.kind());
        out.error = error_line(e, blame);
    } catch (const std::bad_alloc&) {
        out.exit_code = kExitConversion;
        out.error = fmt::format("error: {}: out of memory [limit]", blame);
    } catch (const std::exception& e) {
        out.exit_code = kExitInternal;
        out.error = fmt::format("error: {}: internal error: {}", blame, e.what());
    }
    return out;
}

}  // namespace copydesk::cli

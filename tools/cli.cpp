// The copydesk command: parses the command line, plans the conversions
// (one file, standard streams, or a batch into --output-dir) and runs them.
#include "cli.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

#include "args.hpp"
#include "batch.hpp"
#include "console.hpp"
#include "convert.hpp"
#include "copydesk/copydesk.hpp"
#include "exit_codes.hpp"
#include "file_io.hpp"
#include "help.hpp"
#include "progress.hpp"

namespace copydesk::cli {

namespace fs = std::filesystem;

namespace {

std::shared_ptr<const Format> checked_format(const std::string& name, bool for_reading) {
    auto f = Registry::global().find(name);
    if (!f) return Registry::global().get(name);  // throws, listing the known names
    if (for_reading ? !f->can_read() : !f->can_write())
        throw UsageError(fmt::format("format '{}' cannot be {}", f->name, for_reading ? "read" : "written"));
    return f;
}

bool declares(const std::vector<OptionSpec>& specs, const std::string& key) {
    for (const auto& o : specs)
        if (o.name == key) return true;
    return false;
}

// An option key that no registered format declares is almost surely a typo:
// warn (or, with --strict, refuse) before converting anything.
std::vector<std::string> unknown_option_keys(const CommandLine& cl) {
    auto formats = Registry::global().list();
    auto known = [&](const std::string& key, bool reader, bool writer) {
        if (key.rfind("limit.", 0) == 0) return true;
        for (const auto& f : formats)
            if ((reader && declares(f->reader_options, key)) || (writer && declares(f->writer_options, key)))
                return true;
        return false;
    };
    std::set<std::string> unknown;
    for (const auto& k : cl.both_keys)
        if (!known(k, true, true)) unknown.insert(k);
    for (const auto& k : cl.reader_keys)
        if (!known(k, true, false)) unknown.insert(k);
    for (const auto& k : cl.writer_keys)
        if (!known(k, false, true)) unknown.insert(k);
    return {unknown.begin(), unknown.end()};
}

std::string output_extension(const Format& f) { return f.extensions.empty() ? f.name : f.extensions.front(); }

// The batch's output directory, open while the tasks run.
struct OutputDir {
    int fd = -1;
    OutputDir() = default;
    OutputDir(const OutputDir&) = delete;
    OutputDir& operator=(const OutputDir&) = delete;
    ~OutputDir() { close_output_dir(fd); }
};

std::vector<Task> plan_batch(const CommandLine& cl, OutputDir& dir) {
    if (!cl.output.empty())
        throw UsageError("-o names one output; with several inputs use --output-dir DIR");
    if (cl.output_dir.empty()) throw UsageError("several inputs need --output-dir DIR");
    if (cl.to.empty()) throw UsageError("--output-dir needs the output format: -t FORMAT");
    auto writer = checked_format(cl.to, false);
    for (const auto& in : cl.inputs)
        if (in == "-") throw UsageError("standard input (-) cannot be part of a batch; use -o");
    dir.fd = prepare_output_dir(cl.output_dir);
    return plan_outputs(cl.inputs, cl.output_dir, "." + output_extension(*writer), dir.fd);
}

Task plan_single(const CommandLine& cl) {
    Task t{cl.inputs.front(), cl.output.empty() ? "-" : cl.output};
    std::shared_ptr<const Format> writer;
    if (!cl.to.empty()) writer = checked_format(cl.to, false);
    else if (t.output == "-") throw UsageError("name the output format with -t FORMAT (or give -o FILE)");
    else if (!(writer = Registry::global().by_extension(t.output)))
        throw UsageError(fmt::format("cannot tell the output format of '{}'; name it with -t FORMAT", t.output));
    if (t.output == "-" && writer->binary && is_terminal(1))
        throw UsageError(fmt::format("not writing binary {} to a terminal; use -o FILE or a pipe", writer->name));
    return t;
}

int usage_error(const std::string& message) {
    fmt::print(stderr, "copydesk: {}\nTry 'copydesk --help' for more information.\n", message);
    return kExitUsage;
}

int run_checked(int argc, char** argv) {
    CommandLine cl;
    try {
        cl = parse_args(argc, argv);
    } catch (const UsageError& e) {
        return usage_error(e.message());
    }
    if (cl.help) {
        print_help(stdout);
        return kExitOk;
    }
    if (cl.version) {
        print_version(stdout);
        return kExitOk;
    }
    if (cl.list_formats) {
        print_formats(stdout, cl.verbose);
        return kExitOk;
    }

    ConvertSettings settings;
    OutputDir output_dir;
    std::vector<Task> tasks;
    bool batch = false;
    try {
        if (!cl.from.empty()) settings.from = checked_format(cl.from, true)->name;
        if (!cl.to.empty()) settings.to = checked_format(cl.to, false)->name;
        if (auto unknown = unknown_option_keys(cl); !unknown.empty()) {
            std::string list;
            for (const auto& k : unknown) list += (list.empty() ? "" : ", ") + k;
            std::string msg = fmt::format("no format has the option{} {}", unknown.size() == 1 ? "" : "s", list);
            if (cl.strict) throw UsageError(msg + " (see --list-formats --verbose)");
            if (!cl.quiet) fmt::print(stderr, "warning: {} [cli.unknown-option]\n", msg);
        }
        if (cl.inputs.empty()) {
            if (is_terminal(0)) throw UsageError("no input file (use - to read standard input)");
            cl.inputs.push_back("-");
        }
        if (std::count(cl.inputs.begin(), cl.inputs.end(), "-") > 1)
            throw UsageError("standard input (-) can be read only once");
        batch = cl.inputs.size() > 1 || !cl.output_dir.empty();
        if (batch) tasks = plan_batch(cl, output_dir);
        else tasks.push_back(plan_single(cl));
    } catch (const UsageError& e) {
        return usage_error(e.what());
    } catch (const UnsupportedFormatError& e) {
        return usage_error(e.what());
    } catch (const Error& e) {
        fmt::print(stderr, "error: {} [{}]\n", e.what(), error_kind_name(e.kind()));
        return exit_code_for(e.kind());
    }
    settings.reader_options = cl.reader_options;
    settings.writer_options = cl.writer_options;
    settings.metadata = cl.metadata;
    settings.strict = cl.strict;

    Console console(stderr);
    ReportOptions report;
    report.quiet = cl.quiet;
    report.verbose = cl.verbose;
    report.summary = batch;
    report.progress = batch && !cl.quiet &&
                      (cl.progress == ProgressMode::Always ||
                       (cl.progress == ProgressMode::Auto && is_terminal(2)));
    return run_batch(tasks, settings, cl.jobs, console, report).exit_code;
}

}  // namespace

int run(int argc, char** argv) {
    int code = kExitInternal;
    try {
        code = run_checked(argc, argv);
    } catch (const std::exception& e) {
        fmt::print(stderr, "copydesk: internal error: {}\n", e.what());
    }
    std::fflush(stdout);
    std::fflush(stderr);
    return code;
}

}  // namespace copydesk::cli

#include "batch.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <map>
#include <system_error>
#include <thread>

#include "exit_codes.hpp"
#include "file_io.hpp"

namespace copydesk::cli {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> report_lines(const Task& task, const Outcome& o, const ReportOptions& r) {
    std::vector<std::string> lines;
    for (const auto& d : o.diagnostics) {
        if (d.severity == Severity::Warning ? r.quiet : !r.verbose) continue;
        lines.push_back(d.to_string());
    }
    if (o.exit_code != 0) lines.push_back(o.error);
    else if (r.verbose)
        lines.push_back(fmt::format("converted {} ({}) -> {} ({})", display_name(task.input, false), o.reader,
                                    display_name(task.output, true), o.writer));
    return lines;
}

}  // namespace

int prepare_output_dir(const std::string& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir))
        throw IoError(fmt::format("cannot create the output directory: {}", ec ? ec.message() : "not a directory"),
                      Location{dir});
    return open_output_dir(dir);
}

std::vector<Task> plan_outputs(const std::vector<std::string>& inputs, const std::string& output_dir,
                               const std::string& ext, int dir_fd) {
    std::vector<Task> tasks;
    tasks.reserve(inputs.size());
    std::map<std::string, std::string> taken;  // output -> input
    for (const auto& in : inputs) {
        std::string stem = fs::path(in).stem().string();
        std::string out = (fs::path(output_dir) / stem).string() + ext;
        auto [it, fresh] = taken.emplace(out, in);
        if (!fresh)
            throw UsageError(fmt::format("'{}' and '{}' would both be written to '{}'", it->second, in, out));
        std::size_t leaf = out.size() - stem.size() - ext.size();
        tasks.push_back({in, std::move(out), dir_fd, leaf});
    }
    return tasks;
}

BatchResult run_batch(const std::vector<Task>& tasks, const ConvertSettings& settings, unsigned jobs,
                      Console& console, const ReportOptions& report) {
    std::vector<int> codes(tasks.size(), 0);
    std::atomic<std::size_t> next{0};
    if (report.progress) console.start_progress(tasks.size(), 2);

    auto worker = [&] {
        for (std::size_t i = next.fetch_add(1); i < tasks.size(); i = next.fetch_add(1)) {
            Outcome o = convert_one(tasks[i], settings);
            codes[i] = o.exit_code;
            auto lines = report_lines(tasks[i], o, report);
            if (!lines.empty()) console.print(lines);
            console.file_done(o.exit_code != 0, tasks[i].input);
        }
    };
    // The calling thread is one of the workers; if the system refuses more
    // threads, the ones we have finish the work.
    std::size_t n_threads = std::min<std::size_t>(std::max(1u, jobs), tasks.size());
    std::vector<std::thread> pool;
    try {
        for (std::size_t t = 1; t < n_threads; ++t) pool.emplace_back(worker);
    } catch (const std::system_error&) {
    }
    worker();
    for (auto& th : pool) th.join();
    if (report.progress) console.end_progress();

    BatchResult result;
    for (int c : codes) {
        if (c == 0) ++result.converted;
        else ++result.failed;
        result.exit_code = worse_exit_code(result.exit_code, c);
    }
    if (report.summary && !report.quiet)
        console.print({fmt::format("{} converted, {} failed", result.converted, result.failed)});
    return result;
}

}  // namespace copydesk::cli

// Runs conversion tasks on a pool of worker threads, reporting each file as
// it finishes; a failed file never stops the others.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "console.hpp"
#include "convert.hpp"

namespace copydesk::cli {

struct ReportOptions {
    bool quiet = false;    // no warnings, infos, or summary
    bool verbose = false;  // infos, and one line per converted file
    bool progress = false; // draw a progress bar on stderr (a terminal)
    bool summary = false;  // "N converted, M failed" at the end
};

struct BatchResult {
    std::size_t converted = 0;
    std::size_t failed = 0;
    int exit_code = 0;  // the most serious of the files' codes
};

// Creates the batch's output directory if needed and opens it for Task::output_dir_fd
// (-1 when it cannot be opened: whole paths are used then). Throws IoError.
int prepare_output_dir(const std::string& dir);

// One task per input, writing OUTPUT_DIR/STEM`ext`; two inputs that would
// write the same file are a UsageError naming both.
std::vector<Task> plan_outputs(const std::vector<std::string>& inputs, const std::string& output_dir,
                               const std::string& ext, int dir_fd);

BatchResult run_batch(const std::vector<Task>& tasks, const ConvertSettings& settings, unsigned jobs,
                      Console& console, const ReportOptions& report);

}  // namespace copydesk::cli

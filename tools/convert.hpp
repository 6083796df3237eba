// Converting one input to one output: the unit of work of the CLI, run by
// the batch runner on worker threads. Never throws.
#pragma once

#include <string>
#include <vector>

#include "copydesk/copydesk.hpp"
#include "metadata_edit.hpp"

namespace copydesk::cli {

struct ConvertSettings {
    std::string from;  // reader format; empty = by extension, else by content
    std::string to;    // writer format; empty = by the output's extension
    Options reader_options, writer_options;
    std::vector<MetadataEdit> metadata;
    bool strict = false;  // any warning fails the file; its output is not written
};

struct Task {
    std::string input;   // "-" = standard input
    std::string output;  // "-" = standard output
    // In a batch: the output directory, open, and where its file name starts in `output`.
    int output_dir_fd = -1;
    std::size_t output_leaf = 0;
};

// A failed file's error as a value, for callers that report it typed (Python).
struct Failure {
    bool internal = false;  // not a copydesk::Error (out of memory is a Limit error)
    ErrorKind kind = ErrorKind::Parse;
    std::string message;
    Location where;  // its file filled in: the input, or the output while writing
};

struct Outcome {
    int exit_code = 0;  // 0 = converted; else an ExitCode
    std::string reader, writer;      // the format names used, when known
    Diagnostics diagnostics;         // the reader's, then the writer's
    std::string error;               // one line naming the file, when exit_code != 0
    Failure failure;                 // the same, typed, when exit_code != 0
};

Outcome convert_one(const Task& task, const ConvertSettings& settings);

// How standard input and output are named in messages.
std::string display_name(const std::string& path, bool output);

}  // namespace copydesk::cli

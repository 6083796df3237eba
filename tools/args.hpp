// The parsed command line of `copydesk`.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "copydesk/options.hpp"
#include "metadata_edit.hpp"

namespace copydesk::cli {

enum class ProgressMode { Auto, Always, Never };

struct CommandLine {
    std::vector<std::string> inputs;  // "-" = standard input
    std::string output;               // -o; "-" = standard output; empty = not given
    std::string output_dir;           // --output-dir
    std::string from, to;             // format names; empty = detect
    Options reader_options, writer_options;
    // Keys given with -O (both sides), --reader-option and --writer-option, for validation.
    std::vector<std::string> both_keys, reader_keys, writer_keys;
    std::vector<MetadataEdit> metadata;
    unsigned jobs = 1;
    bool quiet = false;
    bool verbose = false;
    bool strict = false;
    bool list_formats = false;
    bool help = false;
    bool version = false;
    ProgressMode progress = ProgressMode::Auto;
};

// Parses argv[1..]; throws UsageError on anything malformed. Understands
// "--name value", "--name=value", "-x value", "-xvalue", bundled flags ("-qv")
// and "--" to end options.
CommandLine parse_args(int argc, char** argv);

}  // namespace copydesk::cli

#include "help.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "copydesk/copydesk.hpp"

namespace copydesk::cli {

namespace {

constexpr const char* kHelp = R"(Usage: copydesk [OPTIONS] INPUT -o OUTPUT
       copydesk [OPTIONS] INPUT... --output-dir DIR -t FORMAT
       copydesk --list-formats [--verbose]

Convert articles between plain text, DOCX, EPUB, JATS and the copydesk AST (json).
INPUT and OUTPUT may be - for standard input and output. Without INPUT,
standard input is read (when it is not a terminal); without -o, the result
goes to standard output and -t is needed.

Formats:
  -f, --from FORMAT        input format (default: from the extension, else the content)
  -t, --to FORMAT          output format (default: from the extension of -o); json = the AST
      --list-formats       list the formats; with --verbose, their options too

Output:
  -o, --output FILE        write to FILE (- = standard output)
      --output-dir DIR     batch: write each INPUT to DIR/<stem>.<ext of -t FORMAT>
  -j, --jobs N             batch: convert with N threads (default 1; 0 = one per core)

Content:
  -M, --metadata KEY=VALUE set metadata after reading (repeatable; the last wins):
                           title, subtitle, source, date, language, section,
                           license, dateline: set the field (empty VALUE clears);
                           date as 2023-07-13, 2023-07-13T08:30, 2023年7月13日 08:30;
                           keywords: comma-separated list, replaces the keywords;
                           author, reporter, correspondent, editor, photographer,
                           translator, proofreader, other: adds a contributor with that role;
                           any other KEY: kept in the custom metadata.
  -O, --option KEY=VALUE   option for the reader and the writer (repeatable)
      --reader-option KEY=VALUE   option for the reader only
      --writer-option KEY=VALUE   option for the writer only
                           (see --list-formats --verbose; limit.* options set
                           the safety limits of every reader)

Messages (on standard error):
  -q, --quiet              no warnings, progress bar or batch summary; errors still shown
  -v, --verbose            also informational notes and one line per converted file
      --strict             treat warnings as errors: a file with warnings fails
                           and its output is not written
      --progress           draw the batch progress bar even when stderr is not a terminal
      --no-progress        never draw the progress bar
  -h, --help               show this help
      --version            show the version

Exit codes:
  0   every input converted
  1   an input could not be converted (malformed, over a limit, encrypted, unsupported)
  2   usage error: bad arguments, unknown format or option value
  3   I/O error: an input could not be read or an output could not be written
  4   --strict and an input had warnings
  70  internal error (a bug; please report it)
  In a batch the most serious applies, in the order 70, 2, 3, 1, 4.
)";

std::string join(const std::vector<std::string>& v, std::string_view sep, std::string_view prefix = {}) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : std::string(sep)) + std::string(prefix) + s;
    return out;
}

void print_option_specs(std::FILE* out, const char* heading, const std::vector<OptionSpec>& specs) {
    if (specs.empty()) return;
    fmt::print(out, "    {}:\n", heading);
    for (const auto& o : specs)
        fmt::print(out, "      {}={}  {}\n", o.name, o.default_value.empty() ? "\"\"" : o.default_value, o.help);
}

}  // namespace

void print_help(std::FILE* out) { std::fputs(kHelp, out); }

void print_version(std::FILE* out) { fmt::print(out, "copydesk {}\n", version()); }

void print_formats(std::FILE* out, bool verbose) {
    struct Row {
        std::string name, rw, extensions, aliases, description;
    };
    std::vector<Row> rows;
    rows.push_back({"NAME", "R/W", "EXTENSIONS", "ALIASES", "DESCRIPTION"});
    auto formats = Registry::global().list();
    for (const auto& f : formats) {
        std::string rw = std::string(f->can_read() ? "r" : "-") + (f->can_write() ? "w" : "-");
        rows.push_back({f->name, rw, f->extensions.empty() ? "-" : join(f->extensions, ",", "."),
                        f->aliases.empty() ? "-" : join(f->aliases, ","), f->description});
    }
    std::size_t w[4] = {0, 0, 0, 0};
    for (const auto& r : rows) {
        w[0] = std::max(w[0], r.name.size());
        w[1] = std::max(w[1], r.rw.size());
        w[2] = std::max(w[2], r.extensions.size());
        w[3] = std::max(w[3], r.aliases.size());
    }
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& r = rows[i];
        fmt::print(out, "{:<{}}  {:<{}}  {:<{}}  {:<{}}  {}\n", r.name, w[0], r.rw, w[1], r.extensions, w[2],
                   r.aliases, w[3], r.description);
        if (verbose && i > 0) {
            const auto& f = *formats[i - 1];
            fmt::print(out, "    MIME type: {}{}\n", f.mime, f.binary ? " (binary)" : "");
            print_option_specs(out, "reader options", f.reader_options);
            print_option_specs(out, "writer options", f.writer_options);
        }
    }
    if (verbose) {
        Limits l;
        fmt::print(out,
                   "\nSafety limits of every reader (set with -O limit.NAME=VALUE):\n"
                   "  limit.max_input_bytes={}  limit.max_entries={}  limit.max_entry_bytes={}\n"
                   "  limit.max_total_bytes={}  limit.max_ratio={}  limit.ratio_threshold_bytes={}\n"
                   "  limit.max_depth={}\n",
                   l.max_input_bytes, l.max_entries, l.max_entry_bytes, l.max_total_bytes, l.max_ratio,
                   l.ratio_threshold_bytes, l.max_depth);
    }
}

}  // namespace copydesk::cli

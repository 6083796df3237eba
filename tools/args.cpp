#include "args.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <thread>

#include "copydesk/errors.hpp"

namespace copydesk::cli {

namespace {

enum class Opt {
    Output, OutputDir, From, To, Metadata, Option, ReaderOption, WriterOption, Jobs,
    Quiet, Verbose, Strict, ListFormats, Help, Version, Progress, NoProgress,
};

struct OptSpec {
    char short_name;  // 0 = none
    const char* long_name;
    bool takes_value;
    Opt opt;
};

constexpr OptSpec kOpts[] = {
    {'o', "output", true, Opt::Output},
    {0, "output-dir", true, Opt::OutputDir},
    {'f', "from", true, Opt::From},
    {'t', "to", true, Opt::To},
    {'M', "metadata", true, Opt::Metadata},
    {'O', "option", true, Opt::Option},
    {0, "reader-option", true, Opt::ReaderOption},
    {0, "writer-option", true, Opt::WriterOption},
    {'j', "jobs", true, Opt::Jobs},
    {'q', "quiet", false, Opt::Quiet},
    {'v', "verbose", false, Opt::Verbose},
    {0, "strict", false, Opt::Strict},
    {0, "list-formats", false, Opt::ListFormats},
    {'h', "help", false, Opt::Help},
    {0, "version", false, Opt::Version},
    {0, "progress", false, Opt::Progress},
    {0, "no-progress", false, Opt::NoProgress},
};

const OptSpec* find_short(char c) {
    for (const auto& o : kOpts)
        if (o.short_name == c) return &o;
    return nullptr;
}

const OptSpec* find_long(std::string_view name) {
    for (const auto& o : kOpts)
        if (name == o.long_name) return &o;
    return nullptr;
}

std::pair<std::string, std::string> split_key_value(std::string_view flag, std::string_view arg) {
    auto eq = arg.find('=');
    if (eq == std::string_view::npos || eq == 0)
        throw UsageError(fmt::format("{} expects KEY=VALUE, got '{}'", flag, arg));
    return {std::string(arg.substr(0, eq)), std::string(arg.substr(eq + 1))};
}

unsigned parse_jobs(std::string_view v) {
    unsigned n = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (v.empty() || ec != std::errc() || p != v.data() + v.size() || n > 1024)
        throw UsageError(fmt::format("-j expects a number of threads from 0 to 1024, got '{}'", v));
    if (n == 0) n = std::max(1u, std::thread::hardware_concurrency());
    return n;
}

void set_once(std::string& field, std::string_view flag, std::string_view value) {
    if (!field.empty() && field != value)
        throw UsageError(fmt::format("{} given twice ('{}' and '{}')", flag, field, value));
    if (value.empty()) throw UsageError(fmt::format("{} needs a non-empty value", flag));
    field = std::string(value);
}

void apply(CommandLine& cl, const OptSpec& o, std::string_view flag, std::string_view value) {
    switch (o.opt) {
        case Opt::Output: set_once(cl.output, flag, value); break;
        case Opt::OutputDir: set_once(cl.output_dir, flag, value); break;
        case Opt::From: set_once(cl.from, flag, value); break;
        case Opt::To: set_once(cl.to, flag, value); break;
        case Opt::Metadata: cl.metadata.push_back(parse_metadata_edit(value)); break;
        case Opt::Option: {
            auto [k, v] = split_key_value(flag, value);
            cl.reader_options.set(k, v);
            cl.writer_options.set(k, v);
            cl.both_keys.push_back(k);
            break;
        }
        case Opt::ReaderOption: {
            auto [k, v] = split_key_value(flag, value);
            cl.reader_options.set(k, v);
            cl.reader_keys.push_back(k);
            break;
        }
        case Opt::WriterOption: {
            auto [k, v] = split_key_value(flag, value);
            cl.writer_options.set(k, v);
            cl.writer_keys.push_back(k);
            break;
        }
        case Opt::Jobs: cl.jobs = parse_jobs(value); break;
        case Opt::Quiet: cl.quiet = true; break;
        case Opt::Verbose: cl.verbose = true; break;
        case Opt::Strict: cl.strict = true; break;
        case Opt::ListFormats: cl.list_formats = true; break;
        case Opt::Help: cl.help = true; break;
        case Opt::Version: cl.version = true; break;
        case Opt::Progress: cl.progress = ProgressMode::Always; break;
        case Opt::NoProgress: cl.progress = ProgressMode::Never; break;
    }
}

}  // namespace

CommandLine parse_args(int argc, char** argv) {
    CommandLine cl;
    bool options_done = false;
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        auto next_value = [&](std::string_view flag) -> std::string_view {
            if (i + 1 >= argc) throw UsageError(fmt::format("{} needs a value", flag));
            return argv[++i];
        };
        if (options_done || arg == "-" || arg.empty() || arg[0] != '-') {
            cl.inputs.emplace_back(arg);
        } else if (arg == "--") {
            options_done = true;
        } else if (arg.substr(0, 2) == "--") {
            std::string_view body = arg.substr(2);
            auto eq = body.find('=');
            std::string_view name = body.substr(0, eq);
            const OptSpec* o = find_long(name);
            if (!o) throw UsageError(fmt::format("unknown option '--{}'", name));
            std::string flag = fmt::format("--{}", name);
            if (o->takes_value) {
                apply(cl, *o, flag, eq == std::string_view::npos ? next_value(flag) : body.substr(eq + 1));
            } else {
                if (eq != std::string_view::npos) throw UsageError(fmt::format("{} takes no value", flag));
                apply(cl, *o, flag, {});
            }
        } else {
            // One or more short options: "-q", "-qv", "-j4", "-o out.docx".
            for (std::size_t k = 1; k < arg.size(); ++k) {
                const OptSpec* o = find_short(arg[k]);
                std::string flag = fmt::format("-{}", arg[k]);
                if (!o) throw UsageError(fmt::format("unknown option '{}'", flag));
                if (o->takes_value) {
                    apply(cl, *o, flag, k + 1 < arg.size() ? arg.substr(k + 1) : next_value(flag));
                    break;
                }
                apply(cl, *o, flag, {});
            }
        }
    }
    return cl;
}

}  // namespace copydesk::cli

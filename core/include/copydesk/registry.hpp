// The format registry: one list of formats that the CLI, the C++ API and the
// Python package all read. A format is a name, its extensions and MIME type,
// a content sniffer, and a reader and/or a writer.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "copydesk/ast.hpp"
#include "copydesk/options.hpp"

namespace copydesk {

// What a reader gets besides the bytes.
struct ReadContext {
    std::string path;  // file name for messages; may be empty (stdin, memory)
    const Options& options;
    Limits limits;
};

// What a writer gets besides the document. Writers report what they could not
// represent into `diagnostics`.
struct WriteContext {
    std::string path;
    const Options& options;
    Diagnostics& diagnostics;
};

using ReaderFn = std::function<Document(std::string_view data, const ReadContext&)>;
using WriterFn = std::function<std::string(const Document&, const WriteContext&)>;
// Returns a confidence 0..100 that `data` (the first bytes of a file) is in this format.
using SnifferFn = std::function<int(std::string_view data)>;

struct OptionSpec {
    std::string name;
    std::string default_value;
    std::string help;
};

struct Format {
    std::string name;                     // "plain", "docx", ...
    std::vector<std::string> aliases;     // "text", "txt"
    std::vector<std::string> extensions;  // without dot: "txt", "docx"
    std::string mime;
    std::string description;
    bool binary = false;
    ReaderFn reader;  // empty if the format cannot be read
    WriterFn writer;  // empty if the format cannot be written
    SnifferFn sniff;  // may be empty
    std::vector<OptionSpec> reader_options;
    std::vector<OptionSpec> writer_options;

    bool can_read() const { return static_cast<bool>(reader); }
    bool can_write() const { return static_cast<bool>(writer); }
};

class Registry {
public:
    // The process-wide registry, with the built-in formats registered.
    static Registry& global();

    // Adds or replaces (same name) a format. Thread-safe.
    void add(Format f);
    // By name or alias, case-insensitive; nullptr if unknown.
    std::shared_ptr<const Format> find(std::string_view name) const;
    // By name or alias; throws UnsupportedFormatError listing the known names.
    std::shared_ptr<const Format> get(std::string_view name) const;
    // By the extension of `path` (case-insensitive); nullptr if none.
    std::shared_ptr<const Format> by_extension(std::string_view path) const;
    // The best format for these leading bytes; never null when a plain-text
    // format is registered (the fallback).
    std::shared_ptr<const Format> sniff(std::string_view data) const;
    std::vector<std::shared_ptr<const Format>> list() const;

private:
    mutable std::mutex mu_;
    std::vector<std::shared_ptr<const Format>> formats_;
};

}  // namespace copydesk

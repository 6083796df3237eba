// Options for readers and writers: string key/value pairs (so the CLI's
// `--option key=value`, Python keyword arguments and plug-in formats share one
// shape), read through typed getters that reject malformed values.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace copydesk {

class Options {
public:
    Options() = default;
    Options(std::initializer_list<std::pair<const std::string, std::string>> init) : values_(init) {}

    Options& set(std::string key, std::string value);
    bool has(std::string_view key) const;
    const std::string* find(std::string_view key) const;

    // Typed getters; a malformed value throws UsageError naming the key.
    std::string get_string(std::string_view key, std::string_view fallback = {}) const;
    bool get_bool(std::string_view key, bool fallback) const;  // true/false/yes/no/on/off/1/0
    std::int64_t get_int(std::string_view key, std::int64_t fallback) const;
    double get_double(std::string_view key, double fallback) const;

    const std::map<std::string, std::string, std::less<>>& values() const { return values_; }

private:
    std::map<std::string, std::string, std::less<>> values_;
};

// Safety limits for untrusted input; every one can be changed through
// options named "limit.<field>" (e.g. limit.max_entries=500).
struct Limits {
    std::uint64_t max_input_bytes = 2ull << 30;        // whole input file
    std::uint64_t max_entries = 10000;                 // ZIP entries
    std::uint64_t max_entry_bytes = 256ull << 20;      // one inflated entry
    std::uint64_t max_total_bytes = 1ull << 30;        // all inflated entries
    std::uint64_t max_ratio = 100;                     // inflated : compressed
    std::uint64_t ratio_threshold_bytes = 100 * 1024;  // ratio checked past this size
    std::uint64_t max_depth = 256;                     // nesting of blocks / XML elements

    static Limits from(const Options&);
    // Their option names: "limit.max_input_bytes", ..., "limit.max_depth".
    static const std::vector<std::string>& option_names();
};

}  // namespace copydesk

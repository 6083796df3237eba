#include "copydesk/options.hpp"

#include <charconv>
#include <fmt/format.h>

#include "copydesk/errors.hpp"

namespace copydesk {

Options& Options::set(std::string key, std::string value) {
    values_[std::move(key)] = std::move(value);
    return *this;
}

bool Options::has(std::string_view key) const { return values_.find(key) != values_.end(); }

const std::string* Options::find(std::string_view key) const {
    auto it = values_.find(key);
    return it == values_.end() ? nullptr : &it->second;
}

std::string Options::get_string(std::string_view key, std::string_view fallback) const {
    const std::string* v = find(key);
    return v ? *v : std::string(fallback);
}

bool Options::get_bool(std::string_view key, bool fallback) const {
    const std::string* v = find(key);
    if (!v) return fallback;
    std::string s;
    for (char c : *v) s += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    if (s == "true" || s == "yes" || s == "on" || s == "1") return true;
    if (s == "false" || s == "no" || s == "off" || s == "0") return false;
    throw UsageError(fmt::format("option {}: expected true or false, got '{}'", key, *v));
}

std::int64_t Options::get_int(std::string_view key, std::int64_t fallback) const {
    const std::string* v = find(key);
    if (!v) return fallback;
    std::int64_t out = 0;
    auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
    if (ec == std::errc::result_out_of_range && p == v->data() + v->size())
        throw UsageError(fmt::format("option {}: {} is too {}", key, *v, v->front() == '-' ? "small" : "large"));
    if (ec != std::errc() || p != v->data() + v->size())
        throw UsageError(fmt::format("option {}: expected an integer, got '{}'", key, *v));
    return out;
}

double Options::get_double(std::string_view key, double fallback) const {
    const std::string* v = find(key);
    if (!v) return fallback;
    double out = 0;
    auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
    if (ec != std::errc() || p != v->data() + v->size())
        throw UsageError(fmt::format("option {}: expected a number, got '{}'", key, *v));
    return out;
}

const std::vector<std::string>& Limits::option_names() {
    static const std::vector<std::string> names{
        "limit.max_input_bytes", "limit.max_entries",           "limit.max_entry_bytes", "limit.max_total_bytes",
        "limit.max_ratio",       "limit.ratio_threshold_bytes", "limit.max_depth"};
    return names;
}

Limits Limits::from(const Options& o) {
    Limits l;
    // Fast path: every read asks for the limits, and most set none.
    auto first = o.values().lower_bound(std::string_view("limit."));
    if (first == o.values().end() || first->first.rfind("limit.", 0) != 0) return l;
    auto get = [&](const char* name, std::uint64_t& field) {
        std::int64_t v = o.get_int(std::string("limit.") + name, static_cast<std::int64_t>(field));
        if (v < 0) throw UsageError(fmt::format("option limit.{}: must not be negative", name));
        field = static_cast<std::uint64_t>(v);
    };
    get("max_input_bytes", l.max_input_bytes);
    get("max_entries", l.max_entries);
    get("max_entry_bytes", l.max_entry_bytes);
    get("max_total_bytes", l.max_total_bytes);
    get("max_ratio", l.max_ratio);
    get("ratio_threshold_bytes", l.ratio_threshold_bytes);
    get("max_depth", l.max_depth);
    return l;
}

}  // namespace copydesk

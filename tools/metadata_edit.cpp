#include "metadata_edit.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "copydesk/errors.hpp"

namespace copydesk::cli {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return out;
}

// Trims ASCII white space and U+3000 (ideographic space) at both ends.
std::string_view trim(std::string_view s) {
    static constexpr std::string_view kIdeographicSpace = "\u3000";
    for (;;) {
        if (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
        else if (s.substr(0, kIdeographicSpace.size()) == kIdeographicSpace) s.remove_prefix(kIdeographicSpace.size());
        else break;
    }
    for (;;) {
        if (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
        else if (s.size() >= kIdeographicSpace.size() &&
                 s.substr(s.size() - kIdeographicSpace.size()) == kIdeographicSpace)
            s.remove_suffix(kIdeographicSpace.size());
        else break;
    }
    return s;
}

// Keywords are separated by ASCII commas, full-width commas or 、 (as Chinese sites write them).
std::vector<std::string> split_keywords(std::string_view s) {
    static constexpr std::string_view kSeparators[] = {",", "\uFF0C", "\u3001"};
    std::vector<std::string> out;
    std::size_t start = 0, i = 0;
    auto flush = [&](std::size_t end) {
        auto word = trim(s.substr(start, end - start));
        if (!word.empty()) out.emplace_back(word);
    };
    while (i < s.size()) {
        std::size_t matched = 0;
        for (auto sep : kSeparators)
            if (s.substr(i, sep.size()) == sep) matched = sep.size();
        if (matched) {
            flush(i);
            i += matched;
            start = i;
        } else {
            ++i;
        }
    }
    flush(s.size());
    return out;
}

std::optional<DateTime> parse_date_value(const MetadataEdit& e) {
    std::string_view v = trim(e.value);
    if (v.empty()) return std::nullopt;
    auto dt = DateTime::parse(v);
    if (!dt || dt->text.size() != v.size())
        throw UsageError(fmt::format("-M {}={}: not a date (use e.g. 2023-07-13, 2023-07-13T08:30 or 2023年7月13日)",
                                     e.key, e.value));
    return dt;
}

}  // namespace

MetadataEdit parse_metadata_edit(std::string_view arg) {
    auto eq = arg.find('=');
    if (eq == std::string_view::npos)
        throw UsageError(fmt::format("-M expects KEY=VALUE, got '{}'", arg));
    MetadataEdit e{std::string(trim(arg.substr(0, eq))), std::string(arg.substr(eq + 1))};
    if (e.key.empty()) throw UsageError(fmt::format("-M expects KEY=VALUE, got '{}' (empty key)", arg));
    if (lower(e.key) == "date") parse_date_value(e);  // validate now, before any file is touched
    return e;
}

void apply_metadata_edits(Metadata& meta, const std::vector<MetadataEdit>& edits) {
    for (const auto& e : edits) {
        const std::string key = lower(e.key);
        const std::string value(trim(e.value));
        if (key == "title") meta.title = value;
        else if (key == "subtitle") meta.subtitle = value;
        else if (key == "source") meta.source = value;
        else if (key == "language") meta.language = value;
        else if (key == "section") meta.section = value;
        else if (key == "license") meta.license = value;
        else if (key == "dateline") meta.dateline = value;
        else if (key == "date") meta.date = parse_date_value(e);
        else if (key == "keywords") meta.keywords = split_keywords(value);
        else if (auto role = role_from_name(key)) {
            if (!value.empty()) meta.contributors.push_back(Contributor{value, *role, {}, {}, {}});
        } else {
            auto it = std::find_if(meta.custom.begin(), meta.custom.end(),
                                   [&](const auto& kv) { return kv.first == e.key; });
            if (it != meta.custom.end()) it->second = e.value;
            else meta.custom.emplace_back(e.key, e.value);
        }
    }
}

}  // namespace copydesk::cli

#include "copydesk/diagnostics.hpp"

#include <fmt/format.h>

namespace copydesk {

std::string Location::to_string() const {
    std::string s = file;
    if (!part.empty()) s += (s.empty() ? "" : ": ") + part;
    if (line > 0) {
        s += fmt::format("{}{}", s.empty() ? "line " : ":", line);
        if (column > 0) s += fmt::format(":{}", column);
    }
    return s;
}

std::string Diagnostic::to_string() const {
    std::string where_s = where.to_string();
    return fmt::format("{}: {}{}{} [{}]", severity == Severity::Warning ? "warning" : "info", where_s,
                       where_s.empty() ? "" : ": ", message, code);
}

DiagnosticSink::~DiagnosticSink() {
    if (dropped_ > 0)
        out_.push_back({Severity::Warning, "diagnostics.truncated",
                        fmt::format("{} more diagnostics were not kept", dropped_), {}});
}

void DiagnosticSink::add(Diagnostic d) {
    if (out_.size() >= max_) {
        ++dropped_;
        return;
    }
    out_.push_back(std::move(d));
}

void DiagnosticSink::warn(std::string code, std::string message, Location where) {
    add({Severity::Warning, std::move(code), std::move(message), std::move(where)});
}

void DiagnosticSink::info(std::string code, std::string message, Location where) {
    add({Severity::Info, std::move(code), std::move(message), std::move(where)});
}

}  // namespace copydesk

// Diagnostics: non-fatal reports of anything a reader or writer dropped,
// guessed or could not represent. Fatal problems are exceptions (errors.hpp).
#pragma once

#include <string>
#include <vector>

namespace copydesk {

// Where something happened: the file, the part inside a container
// ("word/document.xml"), and a 1-based line and column when known (0 = unknown).
struct Location {
    std::string file;
    std::string part;
    int line = 0;
    int column = 0;

    bool empty() const { return file.empty() && part.empty() && line == 0; }
    std::string to_string() const;  // "in.docx: word/document.xml:12:5"
    bool operator==(const Location&) const = default;
};

enum class Severity { Info, Warning };

struct Diagnostic {
    Severity severity = Severity::Warning;
    // Stable, machine-readable code, "<format>.<what>": "plain.encoding-guessed",
    // "docx.comment-dropped", "xml.invalid-char-dropped".
    std::string code;
    std::string message;
    Location where;

    std::string to_string() const;  // "warning: in.txt:3: message [code]"
    bool operator==(const Diagnostic&) const = default;
};

using Diagnostics = std::vector<Diagnostic>;

// Collects diagnostics, with a cap so hostile input cannot flood memory:
// past `max` entries only a count is kept, reported as one final diagnostic.
class DiagnosticSink {
public:
    explicit DiagnosticSink(Diagnostics& out, std::size_t max = 1000) : out_(out), max_(max) {}
    ~DiagnosticSink();
    DiagnosticSink(const DiagnosticSink&) = delete;
    DiagnosticSink& operator=(const DiagnosticSink&) = delete;

    void warn(std::string code, std::string message, Location where = {});
    void info(std::string code, std::string message, Location where = {});
    void add(Diagnostic d);

private:
    Diagnostics& out_;
    std::size_t max_;
    std::size_t dropped_ = 0;
};

}  // namespace copydesk

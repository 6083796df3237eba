// Fatal, typed errors. Every reader and writer turns bad input into one of
// these (never a crash, hang or silent loss); warnings go to diagnostics.
#pragma once

#include <stdexcept>
#include <string>

#include "copydesk/diagnostics.hpp"

namespace copydesk {

enum class ErrorKind {
    Parse,              // malformed input
    Limit,              // a safety limit was exceeded (size, count, ratio, depth)
    UnsupportedFormat,  // unknown format name, or a format that cannot read/write
    Io,                 // cannot open, read or write a file
    Encrypted,          // encrypted or password-protected input
    Usage,              // bad option or argument
};

const char* error_kind_name(ErrorKind);  // "parse", "limit", ...

class Error : public std::runtime_error {
public:
    Error(ErrorKind kind, const std::string& message, Location where = {});
    ErrorKind kind() const noexcept { return kind_; }
    const Location& where() const noexcept { return where_; }
    // The message without the location prefix.
    const std::string& message() const noexcept { return message_; }
    // Fill in the file name when a lower layer did not know it.
    void set_file(const std::string& file);

private:
    ErrorKind kind_;
    std::string message_;
    Location where_;
    std::string full_;  // cached what()
public:
    const char* what() const noexcept override { return full_.c_str(); }
};

class ParseError : public Error {
public:
    explicit ParseError(const std::string& m, Location w = {}) : Error(ErrorKind::Parse, m, std::move(w)) {}
};
class LimitError : public Error {
public:
    explicit LimitError(const std::string& m, Location w = {}) : Error(ErrorKind::Limit, m, std::move(w)) {}
};
class UnsupportedFormatError : public Error {
public:
    explicit UnsupportedFormatError(const std::string& m, Location w = {})
        : Error(ErrorKind::UnsupportedFormat, m, std::move(w)) {}
};
class IoError : public Error {
public:
    explicit IoError(const std::string& m, Location w = {}) : Error(ErrorKind::Io, m, std::move(w)) {}
};
class EncryptedError : public Error {
public:
    explicit EncryptedError(const std::string& m, Location w = {}) : Error(ErrorKind::Encrypted, m, std::move(w)) {}
};
class UsageError : public Error {
public:
    explicit UsageError(const std::string& m, Location w = {}) : Error(ErrorKind::Usage, m, std::move(w)) {}
};

}  // namespace copydesk

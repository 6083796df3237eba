#include "copydesk/errors.hpp"

namespace copydesk {

const char* error_kind_name(ErrorKind k) {
    switch (k) {
        case ErrorKind::Parse: return "parse";
        case ErrorKind::Limit: return "limit";
        case ErrorKind::UnsupportedFormat: return "unsupported-format";
        case ErrorKind::Io: return "io";
        case ErrorKind::Encrypted: return "encrypted";
        case ErrorKind::Usage: return "usage";
    }
    return "error";
}

namespace {
std::string compose(const std::string& message, const Location& where) {
    std::string w = where.to_string();
    return w.empty() ? message : w + ": " + message;
}
}  // namespace

Error::Error(ErrorKind kind, const std::string& message, Location where)
    : std::runtime_error(message), kind_(kind), message_(message), where_(std::move(where)),
      full_(compose(message_, where_)) {}

void Error::set_file(const std::string& file) {
    if (!where_.file.empty() || file.empty()) return;
    where_.file = file;
    full_ = compose(message_, where_);
}

}  // namespace copydesk

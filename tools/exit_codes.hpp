// The exit codes of the copydesk command (documented in --help and docs/cli.md).
#pragma once

#include "copydesk/errors.hpp"

namespace copydesk::cli {

enum ExitCode : int {
    kExitOk = 0,
    kExitConversion = 1,  // an input could not be converted (parse, limit, encrypted, unsupported)
    kExitUsage = 2,       // bad command line, unknown format or option value
    kExitIo = 3,          // an input could not be read or an output not written
    kExitStrict = 4,      // --strict and a file had warnings (its output was not written)
    kExitInternal = 70,   // a bug: an unexpected exception
};

inline int exit_code_for(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::Usage: return kExitUsage;
        case ErrorKind::Io: return kExitIo;
        case ErrorKind::Parse:
        case ErrorKind::Limit:
        case ErrorKind::UnsupportedFormat:
        case ErrorKind::Encrypted: return kExitConversion;
    }
    return kExitInternal;
}

// When several files fail differently, the most serious code wins:
// internal, usage, I/O, conversion, strict.
inline int worse_exit_code(int a, int b) {
    auto rank = [](int c) {
        switch (c) {
            case kExitInternal: return 5;
            case kExitUsage: return 4;
            case kExitIo: return 3;
            case kExitConversion: return 2;
            case kExitStrict: return 1;
            default: return 0;
        }
    };
    return rank(b) > rank(a) ? b : a;
}

}  // namespace copydesk::cli

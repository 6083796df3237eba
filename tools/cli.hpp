// The copydesk command line as a library function, shared by the executable
// (main.cpp) and the Python package (`python -m copydesk`, the wheel's script).
// It never calls exit(), writes only through stdout/stderr (FILE*) and flushes
// both before returning.
#pragma once

namespace copydesk::cli {

// Runs the copydesk command line; returns the process exit code (see exit_codes.hpp).
int run(int argc, char** argv);

}  // namespace copydesk::cli

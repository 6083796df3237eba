#pragma once
namespace copydesk::cli {
// Runs the copydesk command line; returns the process exit code.
int run(int argc, char** argv);
}

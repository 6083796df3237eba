// The texts the CLI prints: --help, --version, --list-formats.
#pragma once

#include <cstdio>

namespace copydesk::cli {

void print_help(std::FILE* out);
void print_version(std::FILE* out);
// One row per registered format; with `verbose`, also each reader's and
// writer's options and the safety limits every reader takes.
void print_formats(std::FILE* out, bool verbose);

}  // namespace copydesk::cli

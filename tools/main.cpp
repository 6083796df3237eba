#include "cli.hpp"
int main(int argc, char** argv) { return copydesk::cli::run(argc, argv); }

#include "cli.hpp"
namespace copydesk::cli {
int run(int, char**) { return 0; }  // TODO
}

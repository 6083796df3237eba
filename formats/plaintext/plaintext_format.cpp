#include "builtin.hpp"
namespace copydesk::detail {
void register_plaintext(Registry&) {}  // TODO
}

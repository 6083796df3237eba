#include "builtin.hpp"
namespace copydesk::detail {
void register_docx(Registry&) {}  // TODO
}

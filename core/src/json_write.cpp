#include "copydesk/json.hpp"
namespace copydesk {
std::string to_json(const Document&, const JsonOptions&) { return "{}"; }  // TODO
}

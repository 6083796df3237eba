// Placeholder until the writer lands; delete when it does.
#include "docx/docx.hpp"
#include "copydesk/errors.hpp"
namespace copydesk::docx {
std::string write(const Document&, const WriteContext&) { throw UnsupportedFormatError("docx writer not built yet"); }
}

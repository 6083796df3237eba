// Placeholder until the reader lands; delete when it does.
#include "docx/docx.hpp"
#include "copydesk/errors.hpp"
namespace copydesk::docx {
Document read(std::string_view, const ReadContext&) { throw UnsupportedFormatError("docx reader not built yet"); }
}

// Placeholder until the reader and writer land; delete when they do.
#include "plaintext/plaintext.hpp"
#include "copydesk/errors.hpp"
namespace copydesk::plaintext {
Document read(std::string_view, const ReadContext&) { throw UnsupportedFormatError("plain reader not built yet"); }
std::string write(const Document&, const WriteContext&) { throw UnsupportedFormatError("plain writer not built yet"); }
}

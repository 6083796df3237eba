// Registration of the plain-text format.
#include "builtin.hpp"
#include "plaintext/plaintext.hpp"

namespace copydesk::detail {

void register_plaintext(Registry& r) {
    Format f;
    f.name = "plain";
    f.aliases = {"text", "txt"};
    f.extensions = {"txt", "text"};
    f.mime = "text/plain";
    f.description = "plain text, with article structure recognised (headline, metadata line, bylines)";
    f.reader = plaintext::read;
    f.writer = plaintext::write;
    f.sniff = [](std::string_view) { return 1; };  // the fallback for anything else
    // reader_options / writer_options: filled in by the plain-text implementation.
    r.add(std::move(f));
}

}  // namespace copydesk::detail

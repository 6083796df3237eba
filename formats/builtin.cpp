// The built-in formats. Adding a format: one folder in formats/ and one line here.
#include "builtin.hpp"

namespace copydesk::detail {

void register_builtin_formats(Registry& r) {
    register_json(r);
    register_plaintext(r);
    register_docx(r);
    register_epub(r);
    register_jats(r);
    register_html(r);
    register_markdown(r);
}

}  // namespace copydesk::detail

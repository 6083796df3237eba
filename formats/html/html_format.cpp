// Registration of the HTML format.
#include "builtin.hpp"
#include "html/html_writer.hpp"

namespace copydesk::detail {

void register_html(Registry& r) {
    Format f;
    f.name = "html";
    f.extensions = {"html", "htm", "xhtml"};
    f.mime = "text/html";
    f.description = "HTML5 (one standalone page per article)";
    f.writer = html::write;
    f.writer_options = {
        {"images", "embed", "embed: images as data: URIs in the page; files: beside it in <name>_files/"},
    };
    r.add(std::move(f));
}

}  // namespace copydesk::detail

// Registration of the Markdown format (writer only).
#include "builtin.hpp"
#include "markdown/markdown_writer.hpp"

namespace copydesk::detail {

void register_markdown(Registry& r) {
    Format f;
    f.name = "markdown";
    f.aliases = {"md", "gfm"};
    f.extensions = {"md", "markdown"};
    f.mime = "text/markdown";
    f.description = "Markdown: CommonMark with GFM tables, footnotes and strikethrough (write only)";
    f.writer = markdown::write;
    f.writer_options = {
        {"front-matter", "true", "the metadata as a YAML front-matter block; false: as a title and lines of text"},
        {"images", "embed", "embed: images as data: URIs; files: beside the output in <name>_files/"},
    };
    r.add(std::move(f));
}

}  // namespace copydesk::detail

// Registration of the EPUB format.
#include "builtin.hpp"
#include "epub/epub.hpp"

namespace copydesk::detail {

void register_epub(Registry& r) {
    Format f;
    f.name = "epub";
    f.aliases = {"epub3"};
    f.extensions = {"epub"};
    f.mime = "application/epub+zip";
    f.description = "EPUB 3 (one XHTML content document per article)";
    f.binary = true;
    f.reader = epub::read;
    f.writer = epub::write;
    // A ZIP whose first entry is `mimetype` holding application/epub+zip (OCF);
    // some tools put it later, which scores lower.
    f.sniff = [](std::string_view d) {
        if (d.size() < 4 || d.substr(0, 4) != std::string_view("PK\x03\x04", 4)) return 0;
        std::string_view head = d.substr(0, 4096);
        if (head.size() >= 38 && head.substr(30, 8) == "mimetype" && head.find("application/epub+zip") != std::string_view::npos) return 90;
        return head.find("application/epub+zip") != std::string_view::npos ? 60 : 0;
    };
    f.reader_options = {
        {"recover", "false", "read content documents that are not quite well-formed XML as libxml2's recovery mode "
                             "can, one xml.recovered warning per repair (the package files stay strict)"},
    };
    f.writer_options = {
        {"css", "", "a stylesheet file added after copydesk's own (its rules win)"},
        {"compression-level", "6", "deflate level 0-9 of the package"},
    };
    r.add(std::move(f));
}

}  // namespace copydesk::detail

// Registration of the DOCX format.
#include "builtin.hpp"
#include "docx/docx.hpp"

namespace copydesk::detail {

void register_docx(Registry& r) {
    Format f;
    f.name = "docx";
    f.extensions = {"docx"};
    f.mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    f.description = "Office Open XML WordprocessingML (Word)";
    f.binary = true;
    f.reader = docx::read;
    f.writer = docx::write;
    // A ZIP holding [Content_Types].xml and word/ parts. Checked on the first
    // bytes only: local header names appear early in files Word and we write.
    f.sniff = [](std::string_view d) {
        // An OLE compound file: a password-protected DOCX or a legacy .doc; the
        // reader tells which, with a typed error.
        if (d.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) return 30;
        if (d.size() < 4 || d.substr(0, 4) != std::string_view("PK\x03\x04", 4)) return 0;
        if (d.find("word/") != std::string_view::npos) return 80;
        return d.find("[Content_Types].xml") != std::string_view::npos ? 40 : 0;
    };
    f.writer_options = {
        {"reference-doc", "", "take styles, theme and fonts from this DOCX, as pandoc's --reference-doc"},
        {"east-asian-font", "by language", "East Asian body font (zh-CN: SimSun, zh-TW: PMingLiU, ja: MS Mincho)"},
        {"east-asian-heading-font", "by language", "East Asian heading font (zh-CN: SimHei)"},
        {"latin-font", "", "Latin body font; empty leaves the application's default"},
        {"latin-heading-font", "latin-font", "Latin heading font"},
        {"monospace-font", "Courier New", "font of code"},
        {"font-size", "by language", "body font size in points"},
        {"compression-level", "1", "deflate level 0-9 of the package (1: fast, as Word does; 6-9: smaller)"},
    };
    r.add(std::move(f));
}

}  // namespace copydesk::detail

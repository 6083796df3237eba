// word/styles.xml: document defaults (language, East Asian fonts) and the
// styles the body uses; merging into a reference document's styles.
#include <set>

#include "copydesk/errors.hpp"
#include "docx/docx_writer.hpp"
#include "docx/ooxml.hpp"

namespace copydesk::docx::writer {

namespace o = ooxml;
namespace st = ooxml::style;

namespace {

struct StyleDef {
    std::string_view type = "paragraph";
    std::string_view id, name, based_on, next;
    bool is_default = false, custom = false, qformat = true;
    int ui_priority = -1;
    // paragraph properties
    bool keep_next = false;
    int before = -1, after = -1;
    int ind_left = -1, ind_right = -1, hanging = -1, first_line_chars = -1, first_line = -1;
    std::string_view jc;
    int outline = -1;
    bool border_grid = false;  // table style: single borders all round
    // run properties
    std::string_view font_ea, font_latin;
    bool mono = false, b = false, i = false, u = false, superscript = false;
    std::string_view color;
    int sz = -1;
};

void write_style(xml::Writer& w, const StyleDef& d, const Settings& s, bool own_namespace) {
    w.start("w:style");
    if (own_namespace) w.attr("xmlns:w", o::ns::w);
    w.attr("w:type", d.type);
    if (d.is_default) w.attr("w:default", "1");
    w.attr("w:styleId", d.id);
    if (d.custom) w.attr("w:customStyle", "1");
    w.start("w:name").attr("w:val", d.name).end();
    if (!d.based_on.empty()) w.start("w:basedOn").attr("w:val", d.based_on).end();
    if (!d.next.empty()) w.start("w:next").attr("w:val", d.next).end();
    if (d.ui_priority >= 0) w.start("w:uiPriority").attr("w:val", std::to_string(d.ui_priority)).end();
    if (d.qformat) w.start("w:qFormat").end();

    bool ppr = d.keep_next || d.before >= 0 || d.after >= 0 || d.ind_left >= 0 || d.ind_right >= 0 ||
               d.first_line_chars >= 0 || !d.jc.empty() || d.outline >= 0;
    if (ppr && d.type != "character") {
        w.start("w:pPr");
        if (d.keep_next) w.start("w:keepNext").end().start("w:keepLines").end();
        if (d.before >= 0 || d.after >= 0) {
            w.start("w:spacing");
            if (d.before >= 0) w.attr("w:before", std::to_string(d.before));
            if (d.after >= 0) w.attr("w:after", std::to_string(d.after));
            w.end();
        }
        if (d.ind_left >= 0 || d.ind_right >= 0 || d.first_line_chars >= 0 || d.hanging >= 0) {
            w.start("w:ind");
            if (d.ind_left >= 0) w.attr("w:left", std::to_string(d.ind_left));
            if (d.ind_right >= 0) w.attr("w:right", std::to_string(d.ind_right));
            if (d.hanging >= 0) w.attr("w:hanging", std::to_string(d.hanging));
            if (d.first_line_chars >= 0)
                w.attr("w:firstLine", std::to_string(d.first_line))
                    .attr("w:firstLineChars", std::to_string(d.first_line_chars));
            w.end();
        }
        if (!d.jc.empty()) w.start("w:jc").attr("w:val", d.jc).end();
        if (d.outline >= 0) w.start("w:outlineLvl").attr("w:val", std::to_string(d.outline)).end();
        w.end();
    }
    std::string_view latin = d.mono ? std::string_view(s.fonts.monospace) : d.font_latin;
    bool rpr = !d.font_ea.empty() || !latin.empty() || d.b || d.i || d.u || d.superscript || !d.color.empty() ||
               d.sz > 0;
    if (rpr) {
        w.start("w:rPr");
        if (!d.font_ea.empty() || !latin.empty()) {
            w.start("w:rFonts");
            if (!latin.empty()) w.attr("w:ascii", latin).attr("w:hAnsi", latin);
            if (!d.font_ea.empty()) w.attr("w:eastAsia", d.font_ea);
            if (d.mono) w.attr("w:cs", latin);
            w.end();
        }
        if (d.b) w.start("w:b").end().start("w:bCs").end();
        if (d.i) w.start("w:i").end().start("w:iCs").end();
        if (!d.color.empty()) w.start("w:color").attr("w:val", d.color).end();
        if (d.sz > 0) {
            w.start("w:sz").attr("w:val", std::to_string(d.sz)).end();
            w.start("w:szCs").attr("w:val", std::to_string(d.sz)).end();
        }
        if (d.u) w.start("w:u").attr("w:val", "single").end();
        if (d.superscript) w.start("w:vertAlign").attr("w:val", "superscript").end();
        w.end();
    }
    if (d.type == "table") {
        w.start("w:tblPr");
        w.start("w:tblInd").attr("w:w", "0").attr("w:type", "dxa").end();
        if (d.border_grid) {
            w.start("w:tblBorders");
            for (const char* side : {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"})
                w.start(side).attr("w:val", "single").attr("w:sz", "4").attr("w:space", "0").attr("w:color", "auto").end();
            w.end();
        }
        w.start("w:tblCellMar");
        w.start("w:top").attr("w:w", "0").attr("w:type", "dxa").end();
        w.start("w:left").attr("w:w", "108").attr("w:type", "dxa").end();
        w.start("w:bottom").attr("w:w", "0").attr("w:type", "dxa").end();
        w.start("w:right").attr("w:w", "108").attr("w:type", "dxa").end();
        w.end();
        w.end();
    }
    w.end();
}

std::vector<StyleDef> definitions(const Settings& s) {
    const bool cjk = s.cjk();
    const std::string_view ea = s.fonts.east_asian_heading;
    const std::string_view lat = s.fonts.latin_heading;
    const int body = s.body_half_points;
    std::vector<StyleDef> v;
    auto add = [&](StyleDef d) { v.push_back(d); return &v.back(); };

    add({.id = st::normal, .name = "Normal", .is_default = true, .after = cjk ? 0 : 120});
    {
        StyleDef d{.id = st::body_text, .name = "Body Text", .based_on = st::normal, .after = 120};
        if (s.indent_first_line) {
            d.first_line_chars = 200;
            d.first_line = 2 * s.char_width();
        }
        add(d);
    }
    add({.id = st::title, .name = "Title", .based_on = st::normal, .next = st::body_text, .ui_priority = 10,
         .keep_next = true, .before = 240, .after = 240, .jc = "center", .font_ea = ea, .font_latin = lat, .b = true,
         .sz = cjk ? 44 : 56});
    add({.id = st::subtitle, .name = "Subtitle", .based_on = st::normal, .next = st::body_text, .ui_priority = 11,
         .keep_next = true, .after = 240, .jc = "center", .font_ea = ea, .font_latin = lat, .sz = cjk ? 32 : 30});
    add({.id = st::article_meta, .name = "Article Meta", .based_on = st::normal, .next = st::body_text, .custom = true,
         .after = 120, .jc = "center", .color = "595959", .sz = body - 3});
    add({.id = st::byline, .name = "Byline", .based_on = st::normal, .next = st::body_text, .custom = true,
         .after = 120, .sz = body});
    add({.id = st::abstract, .name = "Abstract", .based_on = st::normal, .next = st::body_text, .custom = true,
         .after = 120, .ind_left = 720, .ind_right = 720, .sz = body - 2});
    static constexpr std::string_view kHeadingIds[] = {"Heading1", "Heading2", "Heading3", "Heading4", "Heading5",
                                                       "Heading6", "Heading7", "Heading8", "Heading9"};
    static constexpr std::string_view kHeadingNames[] = {"heading 1", "heading 2", "heading 3",
                                                         "heading 4", "heading 5", "heading 6",
                                                         "heading 7", "heading 8", "heading 9"};
    static constexpr int kHeadingSizes[] = {32, 30, 28, 26, 24, 24, 22, 22, 22};
    for (int i = 0; i < 9; ++i)
        add({.id = kHeadingIds[i], .name = kHeadingNames[i], .based_on = st::normal, .next = st::body_text,
             .ui_priority = 9, .keep_next = true, .before = 240, .after = 120, .outline = i, .font_ea = ea,
             .font_latin = lat, .b = i < 6, .i = i >= 6, .sz = std::max(kHeadingSizes[i], body)});
    add({.id = st::quote, .name = "Quote", .based_on = st::normal, .next = st::body_text, .ui_priority = 29,
         .after = 120, .ind_left = 720, .ind_right = 720, .i = !cjk, .color = "404040"});
    add({.id = st::caption, .name = "caption", .based_on = st::normal, .next = st::body_text, .ui_priority = 35,
         .after = 120, .jc = "center", .sz = body - 2});
    add({.id = st::figure, .name = "Figure", .based_on = st::normal, .next = st::caption, .custom = true,
         .keep_next = true, .jc = "center"});
    add({.id = st::list_paragraph, .name = "List Paragraph", .based_on = st::normal, .ui_priority = 34,
         .ind_left = 720});
    add({.id = st::source_code, .name = "Source Code", .based_on = st::normal, .custom = true, .after = 120,
         .mono = true, .sz = body - 2});
    add({.id = st::bibliography, .name = "Bibliography", .based_on = st::normal, .ui_priority = 37, .after = 60,
         .ind_left = 720, .hanging = 720});
    add({.id = st::footnote_text, .name = "footnote text", .based_on = st::normal, .ui_priority = 99, .after = 0,
         .sz = std::max(16, body - 6)});
    add({.id = st::endnote_text, .name = "endnote text", .based_on = st::normal, .ui_priority = 99, .after = 0,
         .sz = std::max(16, body - 6)});
    add({.type = "character", .id = "DefaultParagraphFont", .name = "Default Paragraph Font", .is_default = true,
         .qformat = false, .ui_priority = 1});
    add({.type = "character", .id = st::footnote_reference, .name = "footnote reference",
         .based_on = "DefaultParagraphFont", .qformat = false, .ui_priority = 99, .superscript = true});
    add({.type = "character", .id = st::endnote_reference, .name = "endnote reference",
         .based_on = "DefaultParagraphFont", .qformat = false, .ui_priority = 99, .superscript = true});
    add({.type = "character", .id = st::hyperlink, .name = "Hyperlink", .based_on = "DefaultParagraphFont",
         .qformat = false, .ui_priority = 99, .u = true, .color = "0563C1"});
    // No run formatting: the label reads back as plain caption text.
    add({.type = "character", .id = st::caption_label, .name = "Caption Label", .based_on = "DefaultParagraphFont",
         .custom = true, .qformat = false});
    // No run formatting either: elsewhere the dateline is plain text of the lede.
    add({.type = "character", .id = st::dateline, .name = "Dateline", .based_on = "DefaultParagraphFont",
         .custom = true, .qformat = false});
    add({.type = "character", .id = st::verbatim_char, .name = "Verbatim Char", .based_on = "DefaultParagraphFont",
         .custom = true, .qformat = false, .mono = true});
    add({.type = "table", .id = "TableNormal", .name = "Normal Table", .is_default = true, .qformat = false,
         .ui_priority = 99});
    add({.type = "table", .id = st::table_grid, .name = "Table Grid", .based_on = "TableNormal", .qformat = false,
         .ui_priority = 39, .after = 0, .border_grid = true});
    return v;
}

void doc_defaults(xml::Writer& w, const Settings& s) {
    w.start("w:docDefaults");
    w.start("w:rPrDefault").start("w:rPr");
    if (!s.fonts.east_asian.empty() || !s.fonts.latin.empty()) {
        w.start("w:rFonts");
        if (!s.fonts.latin.empty()) w.attr("w:ascii", s.fonts.latin).attr("w:hAnsi", s.fonts.latin);
        if (!s.fonts.east_asian.empty()) w.attr("w:eastAsia", s.fonts.east_asian);
        w.end();
    }
    w.start("w:sz").attr("w:val", std::to_string(s.body_half_points)).end();
    w.start("w:szCs").attr("w:val", std::to_string(s.body_half_points)).end();
    w.start("w:lang").attr("w:val", s.cjk() ? "en-US" : s.language);
    if (s.cjk()) w.attr("w:eastAsia", s.language);
    w.end();
    w.end().end();
    w.start("w:pPrDefault").start("w:pPr");
    w.start("w:spacing").attr("w:after", "0").attr("w:line", s.cjk() ? "360" : "276").attr("w:lineRule", "auto").end();
    w.end().end();
    w.end();
}

}  // namespace

std::vector<std::pair<std::string, std::string>> style_definitions(const Settings& s, bool own_namespace) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& d : definitions(s)) {
        xml::Writer w;
        write_style(w, d, s, own_namespace);
        out.emplace_back(std::string(d.id), w.take());
    }
    return out;
}

std::string styles_xml(const Settings& s) {
    xml::Writer w;
    w.declaration();
    w.start("w:styles").attr("xmlns:w", o::ns::w);
    doc_defaults(w, s);
    for (const auto& d : definitions(s)) write_style(w, d, s, false);
    w.end();
    return w.take();
}

std::string merge_styles(std::string reference, const Settings& s, const std::string& part) {
    std::set<std::string, std::less<>> present;
    {
        xml::Reader r(reference, {"", part});
        while (r.next())
            if (r.is(o::ns::w, "style"))
                if (auto id = r.attr(o::ns::w, "styleId")) present.insert(*id);
    }
    std::string missing;
    for (auto& [id, def] : style_definitions(s, true))
        if (!present.count(id)) missing += def;
    auto close = reference.rfind("</");
    if (close == std::string::npos) throw ParseError("reference styles.xml has no closing root tag", {"", part});
    reference.insert(close, missing);
    return reference;
}

}  // namespace copydesk::docx::writer

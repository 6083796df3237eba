// DOCX writer entry point: settings, the body, the parts around it, an
// optional reference document, and the ZIP package.
#include <fstream>
#include <iterator>

#include "common/zip/zip.hpp"
#include "copydesk/errors.hpp"
#include "copydesk/walk.hpp"
#include "docx/docx.hpp"
#include "docx/docx_writer.hpp"
#include "docx/ooxml.hpp"

namespace copydesk::docx {

namespace {

namespace o = ooxml;

// What a reference document contributes (pandoc's --reference-doc).
struct ReferenceParts {
    std::string styles, theme, font_table;
};

std::string part_target(std::string_view base_dir, std::string_view target) {
    if (!target.empty() && target.front() == '/') return std::string(target.substr(1));
    return std::string(base_dir) + std::string(target);
}

ReferenceParts load_reference(const std::string& path, const WriteContext& ctx, const writer::Settings& s,
                              DiagnosticSink& sink) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw IoError("cannot open reference document", {path, "", 0, 0});
    std::string data{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (zip::is_ole_compound(data))
        throw EncryptedError("reference document is password-protected (an OLE compound file)", {path, "", 0, 0});
    zip::Archive a(data, Limits::from(ctx.options), path);
    ReferenceParts ref;
    std::string theme_part = "word/theme/theme1.xml", fonts_part = "word/fontTable.xml";
    if (const auto* e = a.find("word/_rels/document.xml.rels")) {
        std::string rels = a.read(*e);
        xml::Reader r(rels, {path, "word/_rels/document.xml.rels"});
        while (r.next()) {
            if (!r.is(o::ns::pkg_rels, "Relationship")) continue;
            auto type = r.attr("", "Type");
            auto target = r.attr("", "Target");
            if (!type || !target) continue;
            if (*type == o::rel::theme) theme_part = part_target("word/", *target);
            else if (*type == o::rel::font_table) fonts_part = part_target("word/", *target);
        }
    }
    if (a.contains("word/styles.xml"))
        ref.styles = writer::merge_styles(a.read("word/styles.xml"), s, "word/styles.xml");
    else
        sink.warn("docx.reference-doc", "reference document has no word/styles.xml; copydesk's styles were used",
                  {path, "", 0, 0});
    if (a.contains(theme_part)) ref.theme = a.read(theme_part);
    if (a.contains(fonts_part)) {
        // Embedded fonts would need their own parts and relationships: keep ours then.
        if (a.contains("word/_rels/fontTable.xml.rels"))
            sink.info("docx.reference-doc", "reference document's font table embeds fonts; it was not copied",
                      {path, fonts_part, 0, 0});
        else
            ref.font_table = a.read(fonts_part);
    }
    return ref;
}

// A first guess at document.xml's size, so its buffer rarely grows.
std::size_t estimate_body_size(const Document& doc) {
    std::size_t text = 0, nodes = 0;
    walk(doc, ConstVisitor{[&](const Block&) { ++nodes; },
                           [&](const Inline& i) {
                               ++nodes;
                               if (const auto* t = std::get_if<Text>(&i.node)) text += t->text.size();
                           }});
    return 4096 + text + text / 8 + nodes * 96;
}

}  // namespace

std::string write(const Document& doc, const WriteContext& ctx) {
    using namespace writer;
    Settings s = make_settings(doc, ctx.options);
    DiagnosticSink sink(ctx.diagnostics);
    ReferenceParts ref;
    if (!s.reference_doc.empty()) ref = load_reference(s.reference_doc, ctx, s, sink);

    Package pkg;
    if (!ref.theme.empty()) pkg.add_rel(o::rel::theme, "theme/theme1.xml");
    if (!ref.font_table.empty()) pkg.add_rel(o::rel::font_table, "fontTable.xml");

    xml::Writer body(&ctx.diagnostics, "word/document.xml");
    body.buffer().reserve(estimate_body_size(doc));
    BodyWriter(body, pkg, s, doc, sink, &ctx.diagnostics).document(doc);
    std::string document = body.take();
    const bool endnotes = !pkg.endnotes.empty();
    if (endnotes) pkg.add_rel(o::rel::endnotes, "endnotes.xml");

    zip::Writer z({s.compression_level, true});
    z.add("[Content_Types].xml", content_types_xml(pkg, !ref.theme.empty(), !ref.font_table.empty()));
    z.add("_rels/.rels", package_rels_xml());
    z.add("word/document.xml", document);
    document.clear();
    document.shrink_to_fit();
    z.add("word/_rels/document.xml.rels", document_rels_xml(pkg));
    z.add("word/styles.xml", ref.styles.empty() ? styles_xml(s) : ref.styles);
    z.add("word/settings.xml", settings_xml(s, endnotes));
    z.add("word/numbering.xml", numbering_xml(pkg));
    z.add("word/footnotes.xml", footnotes_xml(pkg));
    if (endnotes) z.add("word/endnotes.xml", endnotes_xml(pkg));
    if (!ref.theme.empty()) z.add("word/theme/theme1.xml", ref.theme);
    if (!ref.font_table.empty()) z.add("word/fontTable.xml", ref.font_table);
    for (const auto& m : pkg.media)  // already-compressed images are stored
        z.add(m.part, *m.data, !(m.mime == "image/png" || m.mime == "image/jpeg" || m.mime == "image/gif"));
    z.add("docProps/core.xml", core_xml(doc.metadata, ctx.diagnostics));
    z.add("docProps/app.xml", app_xml());
    z.add("docProps/custom.xml", custom_xml(doc.metadata, ctx.diagnostics));
    return z.finish();
}

}  // namespace copydesk::docx

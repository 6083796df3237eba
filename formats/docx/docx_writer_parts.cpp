// The package parts around the body: content types, relationships,
// document properties, settings, numbering and footnotes.
#include <fmt/format.h>

#include <map>
#include <set>

#include "copydesk/walk.hpp"
#include "docx/docx_writer.hpp"
#include "docx/ooxml.hpp"

namespace copydesk::docx::writer {

namespace o = ooxml;

Package::Package() {
    add_rel(o::rel::styles, "styles.xml");
    add_rel(o::rel::settings, "settings.xml");
    add_rel(o::rel::numbering, "numbering.xml");
    add_rel(o::rel::footnotes, "footnotes.xml");
}

const std::string& Package::add_rel(std::string_view type, std::string target, bool external) {
    rels.push_back({"rId" + std::to_string(rels.size() + 1), std::string(type), std::move(target), external});
    return rels.back().id;
}

namespace {

std::string_view extension_of(std::string_view part) {
    auto slash = part.rfind('/');
    auto dot = part.rfind('.');
    if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return {};
    return part.substr(dot + 1);
}

void override_(xml::Writer& w, std::string_view part, std::string_view type) {
    w.start("Override").attr("PartName", part).attr("ContentType", type).end();
}

void relationship(xml::Writer& w, std::string_view id, std::string_view type, std::string_view target,
                  bool external = false) {
    w.start("Relationship").attr("Id", id).attr("Type", type).attr("Target", target);
    if (external) w.attr("TargetMode", "External");
    w.end();
}

// W3CDTF for dcterms:created: Word wants a full date and time.
std::string w3cdtf(const DateTime& d) {
    std::string out = fmt::format("{:04d}-{:02d}-{:02d}", d.year, d.month ? d.month : 1, d.day ? d.day : 1);
    if (d.has_time())
        out += fmt::format("T{:02d}:{:02d}:{:02d}", d.hour, d.minute < 0 ? 0 : d.minute, d.second < 0 ? 0 : d.second);
    else
        out += "T00:00:00";
    if (d.utc_offset_minutes && *d.utc_offset_minutes != 0) {
        int off = *d.utc_offset_minutes;
        char sign = off < 0 ? '-' : '+';
        if (off < 0) off = -off;
        out += fmt::format("{}{:02d}:{:02d}", sign, off / 60, off % 60);
    } else {
        out += 'Z';
    }
    return out;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
    std::string out;
    for (const auto& p : parts) {
        if (p.empty()) continue;
        if (!out.empty()) out += sep;
        out += p;
    }
    return out;
}

}  // namespace

std::string content_types_xml(const Package& pkg, bool theme, bool font_table) {
    xml::Writer w;
    w.declaration();
    w.start("Types").attr("xmlns", o::ns::content_types);
    w.start("Default").attr("Extension", "rels").attr("ContentType", o::ct::rels).end();
    w.start("Default").attr("Extension", "xml").attr("ContentType", o::ct::xml).end();
    // One Default per media extension (the first media type seen); parts that
    // disagree with it, or have no extension, get an Override.
    std::map<std::string, std::string> defaults;
    std::vector<const MediaPart*> overrides;
    for (const auto& m : pkg.media) {
        std::string ext(extension_of(m.part));
        for (char& c : ext)
            if (c >= 'A' && c <= 'Z') c = char(c + 32);
        if (ext.empty() || ext == "xml" || ext == "rels") { overrides.push_back(&m); continue; }
        auto [it, fresh] = defaults.emplace(ext, m.mime);
        if (!fresh && it->second != m.mime) overrides.push_back(&m);
    }
    for (const auto& [ext, mime] : defaults) w.start("Default").attr("Extension", ext).attr("ContentType", mime).end();
    override_(w, "/word/document.xml", o::ct::document);
    override_(w, "/word/styles.xml", o::ct::styles);
    override_(w, "/word/settings.xml", o::ct::settings);
    override_(w, "/word/numbering.xml", o::ct::numbering);
    override_(w, "/word/footnotes.xml", o::ct::footnotes);
    if (!pkg.endnotes.empty()) override_(w, "/word/endnotes.xml", o::ct::endnotes);
    if (theme) override_(w, "/word/theme/theme1.xml", o::ct::theme);
    if (font_table) override_(w, "/word/fontTable.xml", o::ct::font_table);
    override_(w, "/docProps/core.xml", o::ct::core);
    override_(w, "/docProps/app.xml", o::ct::extended);
    override_(w, "/docProps/custom.xml", o::ct::custom);
    for (const MediaPart* m : overrides) override_(w, "/" + m->part, m->mime);
    w.end();
    return w.take();
}

std::string package_rels_xml() {
    xml::Writer w;
    w.declaration();
    w.start("Relationships").attr("xmlns", o::ns::pkg_rels);
    relationship(w, "rId1", o::rel::office_document, "word/document.xml");
    relationship(w, "rId2", o::rel::core_properties, "docProps/core.xml");
    relationship(w, "rId3", o::rel::extended_properties, "docProps/app.xml");
    relationship(w, "rId4", o::rel::custom_properties, "docProps/custom.xml");
    w.end();
    return w.take();
}

std::string document_rels_xml(const Package& pkg) {
    xml::Writer w;
    w.declaration();
    w.start("Relationships").attr("xmlns", o::ns::pkg_rels);
    for (const auto& r : pkg.rels) relationship(w, r.id, r.type, r.target, r.external);
    w.end();
    return w.take();
}

std::string core_xml(const Metadata& m, Diagnostics& diags) {
    xml::Writer w(&diags, "docProps/core.xml");
    w.declaration();
    w.start("cp:coreProperties")
        .attr("xmlns:cp", o::ns::core)
        .attr("xmlns:dc", o::ns::dc)
        .attr("xmlns:dcterms", o::ns::dcterms)
        .attr("xmlns:dcmitype", o::ns::dcmitype)
        .attr("xmlns:xsi", o::ns::xsi);
    if (!m.title.empty()) w.element("dc:title", m.title);
    std::vector<std::string> creators;
    for (const auto& c : m.contributors)
        if (!article::in_metadata_line(c.role)) creators.push_back(c.name);
    if (auto s = join(creators, "; "); !s.empty()) w.element("dc:creator", s);
    if (auto s = join(m.keywords, ", "); !s.empty()) w.element("cp:keywords", s);
    if (!m.abstract.empty()) w.element("dc:description", stringify(m.abstract));
    if (!m.identifiers.empty()) {
        const auto& id = m.identifiers.front();
        w.element("dc:identifier", id.scheme.empty() ? id.value : id.scheme + ":" + id.value);
    }
    if (!m.language.empty()) w.element("dc:language", m.language);
    if (!m.section.empty()) w.element("cp:category", m.section);
    if (m.date && m.date->year > 0) {
        w.start("dcterms:created").attr("xsi:type", "dcterms:W3CDTF").text(w3cdtf(*m.date)).end();
    }
    w.end();
    return w.take();
}

std::string app_xml() {
    xml::Writer w;
    w.declaration();
    w.start("Properties").attr("xmlns", o::ns::extended).attr("xmlns:vt", o::ns::vt);
    w.element("Application", "copydesk");
    w.element("DocSecurity", "0");
    w.end();
    return w.take();
}

std::string custom_xml(const Metadata& m, Diagnostics& diags) {
    std::vector<std::pair<std::string, std::string>> props;
    auto add = [&](std::string key, std::string value) {
        if (!value.empty()) props.emplace_back(std::move(key), std::move(value));
    };
    add("subtitle", m.subtitle);
    add("source", m.source);
    std::vector<std::string> editors;
    for (const auto* c : m.with_role(Role::Editor)) editors.push_back(c->name);
    add("editor", join(editors, ", "));
    add("section", m.section);
    add("license", m.license);
    add("dateline", m.dateline);
    if (m.date) {
        add("date", m.date->iso());
        if (m.date->text != m.date->iso()) add("date-text", m.date->text);
    }
    if (m.byline_placement == BylinePlacement::Start) add("byline-placement", "start");
    add("volume", m.citation.volume);
    add("issue", m.citation.issue);
    add("first-page", m.citation.first_page);
    add("last-page", m.citation.last_page);
    add("elocation-id", m.citation.elocation_id);
    bool parts_dropped = false;
    for (std::size_t i = 0; i < m.contributors.size(); ++i) {
        const auto& c = m.contributors[i];
        std::string k = "contributor." + std::to_string(i + 1);
        props.emplace_back(k, c.name);
        add(k + ".role", role_name(c.role));
        add(k + ".label", c.label);
        add(k + ".affiliation", c.affiliation);
        add(k + ".email", c.email);
        parts_dropped = parts_dropped || !c.identifiers.empty() || !c.affiliations.empty();
    }
    if (parts_dropped)
        diags.push_back({Severity::Warning, "docx.contributor-parts-dropped",
                         "contributor ids (ORCID) and affiliation parts are not written; the affiliation text is",
                         Location{"", "docProps/custom.xml", 0, 0}});
    std::map<std::string, int> schemes;
    for (const auto& id : m.identifiers) {
        std::string k = "identifier." + (id.scheme.empty() ? std::string("other") : id.scheme);
        if (int n = ++schemes[k]; n > 1) k += "." + std::to_string(n);
        add(k, id.value);
    }
    // Custom pairs keep their key as the property name where they can; a key
    // that is empty, repeated or one of ours is stored as custom.N.key +
    // custom.N so the reader gives back exactly the same pairs.
    std::set<std::string> taken;
    for (const auto& p : props) taken.insert(p.first);
    auto reserved = [](const std::string& k) {
        static const std::set<std::string> ours = {"subtitle", "source", "editor", "section", "license",
                                                    "dateline", "date", "date-text", "byline-placement",
                                                    "volume", "issue", "first-page", "last-page", "elocation-id"};
        return ours.count(k) > 0 || k.rfind("contributor.", 0) == 0 || k.rfind("identifier.", 0) == 0 ||
               k.rfind("custom.", 0) == 0;
    };
    int encoded = 0;
    for (const auto& [k, v] : m.custom) {
        if (k.empty() || reserved(k) || !taken.insert(k).second) {
            std::string n = "custom." + std::to_string(++encoded);
            props.emplace_back(n + ".key", k);
            props.emplace_back(n, v);
            continue;
        }
        props.emplace_back(k, v);
    }

    xml::Writer w(&diags, "docProps/custom.xml");
    w.declaration();
    w.start("Properties").attr("xmlns", o::ns::custom).attr("xmlns:vt", o::ns::vt);
    int pid = 2;  // pids start at 2 (ECMA-376 part 1, 22.3.2.2)
    for (const auto& [k, v] : props) {
        w.start("property")
            .attr("fmtid", "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}")
            .attr("pid", std::to_string(pid++))
            .attr("name", k);
        w.element("vt:lpwstr", v);
        w.end();
    }
    w.end();
    return w.take();
}

std::string settings_xml(const Settings& s, bool endnotes) {
    xml::Writer w;
    w.declaration();
    w.start("w:settings").attr("xmlns:w", o::ns::w);
    w.start("w:zoom").attr("w:percent", "100").end();
    w.start("w:defaultTabStop").attr("w:val", s.cjk() ? "420" : "720").end();
    if (s.cjk()) w.start("w:characterSpacingControl").attr("w:val", "compressPunctuation").end();
    w.start("w:footnotePr");
    w.start("w:footnote").attr("w:id", "-1").end();
    w.start("w:footnote").attr("w:id", "0").end();
    w.end();
    if (endnotes) {  // CT_Settings: endnotePr right after footnotePr
        w.start("w:endnotePr");
        w.start("w:endnote").attr("w:id", "-1").end();
        w.start("w:endnote").attr("w:id", "0").end();
        w.end();
    }
    w.start("w:compat");
    w.start("w:compatSetting")
        .attr("w:name", "compatibilityMode")
        .attr("w:uri", "http://schemas.microsoft.com/office/word")
        .attr("w:val", "15")
        .end();
    w.end();
    w.start("w:themeFontLang").attr("w:val", s.cjk() ? "en-US" : s.language);
    if (s.cjk()) w.attr("w:eastAsia", s.language);
    w.end();
    w.end();
    return w.take();
}

namespace {

const char* num_format(const ListDef& l) {
    if (!l.ordered) return "bullet";
    switch (l.style) {
        case ListStyle::LowerAlpha: return "lowerLetter";
        case ListStyle::UpperAlpha: return "upperLetter";
        case ListStyle::LowerRoman: return "lowerRoman";
        case ListStyle::UpperRoman: return "upperRoman";
        case ListStyle::CJK: return "chineseCounting";
        default: return "decimal";
    }
}

}  // namespace

std::string numbering_xml(const Package& pkg) {
    static constexpr const char* kBullets[] = {"\xE2\x80\xA2", "\xE2\x97\xA6", "\xE2\x96\xAA"};  // • ◦ ▪
    xml::Writer w;
    w.declaration();
    w.start("w:numbering").attr("xmlns:w", o::ns::w);
    for (std::size_t i = 0; i < pkg.lists.size(); ++i) {
        const ListDef& l = pkg.lists[i];
        w.start("w:abstractNum").attr("w:abstractNumId", std::to_string(i));
        w.start("w:multiLevelType").attr("w:val", "multilevel").end();
        // Every level has the list's format, so a list nested at depth d
        // (ilvl d) keeps its own numbering style and indentation.
        for (int lvl = 0; lvl < 9; ++lvl) {
            w.start("w:lvl").attr("w:ilvl", std::to_string(lvl));
            w.start("w:start").attr("w:val", std::to_string(lvl == l.level ? l.start : 1)).end();
            w.start("w:numFmt").attr("w:val", num_format(l)).end();
            std::string text;
            if (!l.ordered) text = kBullets[lvl % 3];
            else text = "%" + std::to_string(lvl + 1) + (l.style == ListStyle::CJK ? "\xE3\x80\x81" : ".");  // 、
            w.start("w:lvlText").attr("w:val", text).end();
            w.start("w:lvlJc").attr("w:val", "left").end();
            w.start("w:pPr");
            w.start("w:ind").attr("w:left", std::to_string(720 * (lvl + 1))).attr("w:hanging", "360").end();
            w.end();
            w.end();
        }
        w.end();
    }
    for (std::size_t i = 0; i < pkg.lists.size(); ++i) {
        w.start("w:num").attr("w:numId", std::to_string(i + 1));
        w.start("w:abstractNumId").attr("w:val", std::to_string(i)).end();
        w.end();
    }
    w.end();
    return w.take();
}

namespace {

// footnotes.xml or endnotes.xml: the separator notes Word requires (ids -1
// and 0, named in settings.xml), then the notes.
std::string notes_xml(std::string_view root, std::string_view note, const std::string& notes) {
    xml::Writer w;
    w.declaration();
    w.start(root).attr("xmlns:w", o::ns::w).attr("xmlns:r", o::ns::r).attr("xmlns:wp", o::ns::wp);
    const char* kinds[][2] = {{"separator", "w:separator"}, {"continuationSeparator", "w:continuationSeparator"}};
    int id = -1;
    for (auto& k : kinds) {
        w.start(note).attr("w:type", k[0]).attr("w:id", std::to_string(id++));
        w.start("w:p");
        w.start("w:pPr");
        w.start("w:spacing").attr("w:after", "0").attr("w:line", "240").attr("w:lineRule", "auto").end();
        w.end();
        w.start("w:r").start(k[1]).end().end();
        w.end();
        w.end();
    }
    w.raw(notes);
    w.end();
    return w.take();
}

}  // namespace

std::string footnotes_xml(const Package& pkg) { return notes_xml("w:footnotes", "w:footnote", pkg.footnotes); }
std::string endnotes_xml(const Package& pkg) { return notes_xml("w:endnotes", "w:endnote", pkg.endnotes); }

}  // namespace copydesk::docx::writer

// The parts around the content document: container.xml, the package
// document, the navigation document and the stylesheet.
#include "copydesk/walk.hpp"
#include "epub/epub.hpp"
#include "epub/epub_writer.hpp"

namespace copydesk::epub {

std::string_view relator_for(Role r) {
    switch (r) {
        case Role::Author: return "aut";
        case Role::Reporter: return "rpt";       // Reporter
        case Role::Correspondent: return "crp";  // Correspondent
        case Role::Editor: return "edt";
        case Role::Photographer: return "pht";
        case Role::Translator: return "trl";
        case Role::Proofreader: return "pfr";
        case Role::Other: return "oth";
    }
    return "oth";
}

std::optional<Role> role_for_relator(std::string_view code) {
    if (code == "aut") return Role::Author;
    if (code == "rpt") return Role::Reporter;
    if (code == "crp") return Role::Correspondent;
    if (code == "edt") return Role::Editor;
    if (code == "pht") return Role::Photographer;
    if (code == "trl") return Role::Translator;
    if (code == "pfr") return Role::Proofreader;
    if (code == "oth") return Role::Other;
    return std::nullopt;
}

}  // namespace copydesk::epub

namespace copydesk::epub::writer {

std::string container_xml() {
    xml::Writer w;
    w.declaration(false);
    w.start("container").attr("version", "1.0").attr("xmlns", ns::container);
    w.start("rootfiles");
    w.start("rootfile").attr("full-path", "EPUB/package.opf").attr("media-type", "application/oebps-package+xml").end();
    w.end().end();
    return w.take();
}

namespace {

struct Fonts {
    std::string_view body, heading;
};

Fonts fonts_for(Script s) {
    // CJK families first, then the generic family; no Latin family is named,
    // so Latin text takes the CJK font's Latin glyphs or the reader's default.
    switch (s) {
        case Script::SimplifiedChinese:
            return {"\"Noto Serif CJK SC\", \"Source Han Serif SC\", \"Songti SC\", STSong, SimSun, serif",
                    "\"Noto Sans CJK SC\", \"Source Han Sans SC\", \"PingFang SC\", \"Microsoft YaHei\", SimHei, "
                    "sans-serif"};
        case Script::TraditionalChinese:
            return {"\"Noto Serif CJK TC\", \"Source Han Serif TC\", \"Songti TC\", PMingLiU, serif",
                    "\"Noto Sans CJK TC\", \"Source Han Sans TC\", \"PingFang TC\", \"Microsoft JhengHei\", "
                    "sans-serif"};
        case Script::Japanese:
            return {"\"Noto Serif CJK JP\", \"Source Han Serif JP\", \"Hiragino Mincho ProN\", \"Yu Mincho\", "
                    "\"MS Mincho\", serif",
                    "\"Noto Sans CJK JP\", \"Source Han Sans JP\", \"Hiragino Sans\", \"Yu Gothic\", \"MS Gothic\", "
                    "sans-serif"};
        case Script::Korean:
            return {"\"Noto Serif CJK KR\", \"Source Han Serif K\", AppleMyungjo, Batang, serif",
                    "\"Noto Sans CJK KR\", \"Source Han Sans K\", \"Apple SD Gothic Neo\", \"Malgun Gothic\", "
                    "sans-serif"};
        case Script::Latin: break;
    }
    return {};
}

}  // namespace

std::string stylesheet(const Settings& s) {
    std::string css = "@namespace epub \"http://www.idpf.org/2007/ops\";\n";
    Fonts f = fonts_for(s.script);
    css += "body {\n";
    if (!f.body.empty()) css += "  font-family: " + std::string(f.body) + ";\n";
    css += s.cjk() ? "  line-height: 1.8;\n" : "  line-height: 1.5;\n";
    css += "  margin: 0 4%;\n}\n";
    css += "h1, h2, h3, h4, h5, h6 {\n";
    if (!f.heading.empty()) css += "  font-family: " + std::string(f.heading) + ";\n";
    css += "  line-height: 1.4;\n  margin: 1.2em 0 0.6em;\n}\n";
    if (s.indent_first_line) {
        // As the DOCX writer's BodyText style: body paragraphs are indented two
        // characters; paragraphs in the head, lists, tables, notes and
        // captions are not. An explicit indent is an inline style.
        css += "p {\n  margin: 0;\n  text-indent: 2em;\n}\n";
        css += "header p, footer p, li p, td p, th p, figure p, blockquote p, aside p, .abstract p, "
               ".references p {\n  text-indent: 0;\n}\n";
    } else {
        css += "p {\n  margin: 0 0 0.6em;\n}\n";
    }
    css += "header.article-head {\n  margin-bottom: 1.5em;\n}\n";
    css += "h1.title {\n  text-align: center;\n  font-size: 1.6em;\n}\n";
    css += "p.subtitle {\n  text-align: center;\n  font-size: 1.2em;\n}\n";
    css += "p.article-meta {\n  text-align: center;\n  font-size: 0.9em;\n  color: #555555;\n}\n";
    css += "p.byline {\n  margin: 0.6em 0;\n}\n";
    css += "footer.article-foot p.byline {\n  text-align: right;\n}\n";
    css += ".abstract {\n  margin: 1em 2em;\n  font-size: 0.95em;\n}\n";
    css += "blockquote {\n  margin: 0.8em 2em;\n}\n";
    css += "pre {\n  white-space: pre-wrap;\n  font-family: monospace;\n  font-size: 0.9em;\n}\n";
    css += "code {\n  font-family: monospace;\n}\n";
    css += "table {\n  border-collapse: collapse;\n  margin: 0.8em auto;\n}\n";
    css += "td, th {\n  border: 1px solid #888888;\n  padding: 0.2em 0.5em;\n  vertical-align: top;\n}\n";
    css += "figure {\n  margin: 1em 0;\n  text-align: center;\n}\n";
    css += "figcaption {\n  font-size: 0.9em;\n}\n";
    css += "img {\n  max-width: 100%;\n}\n";
    css += "ol.cjk {\n  list-style-type: cjk-ideographic;\n}\n";
    css += ".smallcaps {\n  font-variant: small-caps;\n}\n";
    css += "a.noteref {\n  vertical-align: super;\n  font-size: 0.75em;\n  line-height: 1;\n}\n";
    css += "aside {\n  font-size: 0.9em;\n  counter-increment: note;\n}\n";
    css += "aside::before {\n  content: counter(note) \". \";\n}\n";
    return css;
}

void xhtml_start(xml::Writer& w, const Settings& s, std::string_view title, bool user_css) {
    w.declaration(false);
    w.doctype("html", "", "");
    w.start("html").attr("xmlns", ns::xhtml).attr("xmlns:epub", ns::ops).attr("lang", s.language).attr(
        "xml:lang", s.language);
    w.start("head").element("title", title);
    w.start("link").attr("rel", "stylesheet").attr("type", "text/css").attr("href", "style.css").end();
    if (user_css) w.start("link").attr("rel", "stylesheet").attr("type", "text/css").attr("href", "user.css").end();
    w.end();
}

std::string nav_xhtml(const Settings& s, std::string_view title, const std::vector<TocEntry>& toc,
                      std::string_view content_href) {
    xml::Writer w;
    xhtml_start(w, s, title, false);
    w.start("body");
    w.start("nav").attr("epub:type", "toc").attr("id", "toc");
    w.element("h1", s.script == Script::SimplifiedChinese ? "目录"
                    : s.script == Script::TraditionalChinese ? "目錄"
                    : s.script == Script::Japanese           ? "目次"
                                                             : "Contents");
    w.start("ol").start("li");
    w.start("a").attr("href", content_href).text(title).end();
    // Headings nested by level under the article: a heading is the child of
    // the nearest earlier heading of a lower level (levels may skip).
    struct Node {
        const TocEntry* entry = nullptr;
        std::vector<Node> children;
    };
    Node root;
    std::vector<std::size_t> at;  // index path of the last node added
    std::vector<int> levels;      // levels along `at`
    for (const auto& e : toc) {
        while (!levels.empty() && levels.back() >= e.level) {
            levels.pop_back();
            at.pop_back();
        }
        Node* parent = &root;
        for (std::size_t i : at) parent = &parent->children[i];
        parent->children.push_back(Node{&e, {}});
        at.push_back(parent->children.size() - 1);
        levels.push_back(e.level);
    }
    auto emit = [&](auto& self, const Node& n) -> void {
        if (n.children.empty()) return;
        w.start("ol");
        for (const auto& c : n.children) {
            w.start("li");
            w.start("a").attr("href", std::string(content_href) + "#" + c.entry->id).text(c.entry->text).end();
            self(self, c);
            w.end();
        }
        w.end();
    };
    emit(emit, root);
    w.end().end();  // li, ol
    w.end();        // nav
    w.start("nav").attr("epub:type", "landmarks").attr("hidden", "hidden");
    w.start("ol").start("li");
    w.start("a").attr("epub:type", "bodymatter").attr("href", content_href).text(title).end();
    w.end().end().end();
    w.end().end();  // body, html
    return w.take();
}

}  // namespace copydesk::epub::writer

namespace copydesk::epub::writer {

namespace {

// <meta property="p" [refines="#r"]>value</meta>, skipped when the value is empty.
void meta(xml::Writer& w, std::string_view property, std::string_view value, std::string_view refines = {},
          std::string_view scheme = {}) {
    if (value.empty()) return;
    w.start("meta");
    if (!refines.empty()) w.attr("refines", "#" + std::string(refines));
    w.attr("property", property);
    if (!scheme.empty()) w.attr("scheme", scheme);
    w.text(value).end();
}

bool is_creator_role(Role r) {
    // Primary responsibility (dc:creator): who wrote the article. Editors,
    // photographers and translators are dc:contributor.
    return r == Role::Author || r == Role::Reporter || r == Role::Correspondent;
}

}  // namespace

std::string package_opf(const Metadata& m, const Settings& s, std::string_view uuid, std::string_view title,
                        const std::vector<ManifestItem>& manifest, std::string_view spine_idref) {
    xml::Writer w;
    w.declaration(false);
    w.start("package")
        .attr("xmlns", ns::opf)
        .attr("version", "3.0")
        .attr("unique-identifier", "uid")
        .attr("xml:lang", s.language)
        .attr("prefix", "copydesk: " + std::string(ns::copydesk));
    w.start("metadata").attr("xmlns:dc", ns::dc);
    w.start("dc:identifier").attr("id", "uid").text("urn:uuid:" + std::string(uuid)).end();
    meta(w, "copydesk:generated", "true", "uid");
    for (std::size_t i = 0; i < m.identifiers.size(); ++i) {
        const auto& id = m.identifiers[i];
        if (id.value.empty()) continue;
        std::string xid = "ident" + std::to_string(i + 1);
        w.start("dc:identifier").attr("id", xid).text(id.value).end();
        meta(w, "copydesk:scheme", id.scheme, xid);
    }
    w.start("dc:title").attr("id", "title").text(title).end();
    meta(w, "title-type", "main", "title");
    if (m.title.empty()) meta(w, "copydesk:untitled", "true", "title");
    if (!m.subtitle.empty()) {
        w.start("dc:title").attr("id", "subtitle").text(m.subtitle).end();
        meta(w, "title-type", "subtitle", "subtitle");
    }
    w.element("dc:language", s.language);
    if (m.language.empty()) meta(w, "copydesk:language-guessed", "true");
    for (std::size_t i = 0; i < m.contributors.size(); ++i) {
        const Contributor& c = m.contributors[i];
        std::string cid = "contrib" + std::to_string(i + 1);
        w.start(is_creator_role(c.role) ? "dc:creator" : "dc:contributor").attr("id", cid);
        w.text(c.name.empty() ? std::string_view("-") : std::string_view(c.name)).end();
        meta(w, "role", relator_for(c.role), cid, "marc:relators");
        meta(w, "copydesk:label", c.label, cid);  // the role as written: 记者, 责编
        meta(w, "copydesk:affiliation", c.affiliation, cid);
        meta(w, "copydesk:email", c.email, cid);
        if (c.name.empty()) meta(w, "copydesk:no-name", "true", cid);
    }
    if (!m.source.empty()) w.element("dc:publisher", m.source);
    if (m.date) {
        std::string v = dc_date_value(*m.date);
        if (!v.empty()) w.element("dc:date", v);
    }
    for (const auto& k : m.keywords)
        if (!k.empty()) w.element("dc:subject", k);
    if (!m.abstract.empty()) {
        std::string text;
        for (const auto& b : m.abstract) {
            if (!text.empty()) text += "\n\n";
            text += stringify(b);
        }
        if (!text.empty()) w.element("dc:description", text);
    }
    if (!m.license.empty()) w.element("dc:rights", m.license);
    meta(w, "dcterms:modified", modified_value(m));
    // What has no Dublin Core term, in copydesk's own vocabulary, so the reader
    // gets the same Metadata back.
    meta(w, "copydesk:section", m.section);
    meta(w, "copydesk:dateline", m.dateline);
    meta(w, "copydesk:volume", m.citation.volume);
    meta(w, "copydesk:issue", m.citation.issue);
    meta(w, "copydesk:first-page", m.citation.first_page);
    meta(w, "copydesk:last-page", m.citation.last_page);
    meta(w, "copydesk:elocation-id", m.citation.elocation_id);
    if (m.byline_placement == BylinePlacement::Start) meta(w, "copydesk:byline-placement", "start");
    if (m.date) {
        meta(w, "copydesk:date", m.date->iso());
        if (m.date->text != m.date->iso()) meta(w, "copydesk:date-text", m.date->text);
    }
    for (std::size_t i = 0; i < m.custom.size(); ++i) {
        std::string xid = "custom" + std::to_string(i + 1);
        w.start("meta").attr("id", xid).attr("property", "copydesk:custom");
        w.text(m.custom[i].second.empty() ? std::string_view("-") : std::string_view(m.custom[i].second)).end();
        meta(w, "copydesk:key", m.custom[i].first.empty() ? std::string_view("-") : std::string_view(m.custom[i].first),
             xid);
        if (m.custom[i].second.empty()) meta(w, "copydesk:empty-value", "true", xid);
        if (m.custom[i].first.empty()) meta(w, "copydesk:empty-key", "true", xid);
    }
    w.end();  // metadata
    w.start("manifest");
    for (const auto& it : manifest) {
        w.start("item").attr("id", it.id).attr("href", it.href).attr("media-type", it.media_type);
        if (!it.properties.empty()) w.attr("properties", it.properties);
        w.end();
    }
    w.end();
    w.start("spine").start("itemref").attr("idref", spine_idref).end().end();
    w.end();  // package
    return w.take();
}

}  // namespace copydesk::epub::writer

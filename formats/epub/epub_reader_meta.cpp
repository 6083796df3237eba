// Package metadata (Dublin Core, EPUB 3 refines, EPUB 2 opf: attributes,
// copydesk's own vocabulary) to Metadata.
#include <algorithm>

#include "common/xml/xml.hpp"
#include "epub/epub.hpp"
#include "epub/epub_reader.hpp"

namespace copydesk::epub::reader {

namespace {

std::string lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = char(c + 32);
    return s;
}

const std::string* attr(const MetaElement& m, const std::string& key) {
    auto it = m.attrs.find(key);
    return it == m.attrs.end() ? nullptr : &it->second;
}

std::string scheme_of(std::string_view v) {
    std::string l = lower(std::string(v.substr(0, 16)));
    if (l.rfind("urn:uuid:", 0) == 0) return "uuid";
    if (l.rfind("urn:isbn:", 0) == 0) return "isbn";
    if (l.rfind("doi:", 0) == 0 || l.rfind("10.", 0) == 0) return "doi";
    if (l.rfind("http://", 0) == 0 || l.rfind("https://", 0) == 0) return "url";
    return {};
}

}  // namespace

void apply_metadata(const std::vector<MetaElement>& elements, std::string_view unique_id, Metadata& md,
                    DiagnosticSink&) {
    // refines="#id" -> (property, value, scheme), in order.
    struct Refinement {
        std::string property, value, scheme;
    };
    std::map<std::string, std::vector<Refinement>> refined;
    bool language_guessed = false;
    for (const auto& m : elements) {
        if (m.name != "meta" || m.ns == ns::dc) continue;
        const std::string* property = attr(m, "property");
        if (!property) continue;
        if (const std::string* r = attr(m, "refines"); r && !r->empty()) {
            const std::string* scheme = attr(m, "scheme");
            refined[r->front() == '#' ? r->substr(1) : *r].push_back(
                {*property, xml::trim(m.text), scheme ? *scheme : std::string()});
        } else if (*property == "copydesk:language-guessed") {
            language_guessed = true;
        }
    }
    auto get = [&](const std::string& id, std::string_view property) -> const std::string* {
        if (id.empty()) return nullptr;
        auto it = refined.find(id);
        if (it == refined.end()) return nullptr;
        for (const auto& r : it->second)
            if (r.property == property) return &r.value;
        return nullptr;
    };

    std::string dc_source, copydesk_date, copydesk_date_text;
    std::optional<DateTime> dc_date;
    bool publication_date = false;
    for (const auto& m : elements) {
        std::string text = xml::trim(m.text);
        if (m.ns == ns::dc) {
            const std::string& n = m.name;
            if (n == "identifier") {
                if (m.id == unique_id && get(m.id, "copydesk:generated")) continue;
                if (text.empty()) continue;
                Identifier id;
                id.value = text;
                if (const std::string* s = get(m.id, "copydesk:scheme")) id.scheme = *s;
                else if (const std::string* s2 = attr(m, "opf:scheme")) id.scheme = lower(*s2);
                else id.scheme = scheme_of(text);
                md.identifiers.push_back(std::move(id));
            } else if (n == "title") {
                const std::string* type = get(m.id, "title-type");
                if (get(m.id, "copydesk:untitled")) continue;
                if (type && *type == "subtitle" && md.subtitle.empty()) md.subtitle = text;
                else if ((!type || *type == "main") && md.title.empty()) md.title = text;
                else if (!text.empty()) md.custom.emplace_back("title", text);
            } else if (n == "language") {
                if (md.language.empty() && !language_guessed) md.language = text;
            } else if (n == "creator" || n == "contributor") {
                Contributor c;
                c.name = get(m.id, "copydesk:no-name") ? std::string() : text;
                c.role = n == "creator" ? Role::Author : Role::Other;
                const std::string* code = get(m.id, "role");
                if (!code) code = attr(m, "opf:role");
                if (code)
                    if (auto r = role_for_relator(lower(*code))) c.role = *r;
                if (const std::string* l = get(m.id, "copydesk:label")) c.label = *l;
                if (const std::string* a = get(m.id, "copydesk:affiliation")) c.affiliation = *a;
                if (const std::string* e = get(m.id, "copydesk:email")) c.email = *e;
                md.contributors.push_back(std::move(c));
            } else if (n == "publisher") {
                if (md.source.empty()) md.source = text;
                else md.custom.emplace_back("publisher", text);
            } else if (n == "source") {
                if (dc_source.empty()) dc_source = text;
            } else if (n == "date") {
                // EPUB 2 may list several (opf:event): publication wins.
                const std::string* event = attr(m, "opf:event");
                bool pub = event && lower(*event) == "publication";
                if (dc_date && (publication_date || !pub)) continue;
                if (auto d = DateTime::parse(text)) {
                    dc_date = d;
                    publication_date = pub;
                }
            } else if (n == "subject") {
                if (!text.empty()) md.keywords.push_back(text);
            } else if (n == "description") {
                // Paragraphs separated by blank lines.
                std::size_t start = 0;
                while (start < text.size()) {
                    std::size_t end = text.find("\n\n", start);
                    std::string para = xml::trim(std::string_view(text).substr(start, end - start));
                    if (!para.empty()) md.abstract.push_back(Paragraph{{Text{para}}, std::nullopt, Alignment::Default});
                    if (end == std::string::npos) break;
                    start = end + 2;
                }
            } else if (n == "rights") {
                if (md.license.empty()) md.license = text;
            } else if (!text.empty()) {
                md.custom.emplace_back("dc:" + n, text);
            }
            continue;
        }
        // <meta>
        if (const std::string* r = attr(m, "refines"); r && !r->empty()) continue;
        const std::string* property = attr(m, "property");
        if (!property) {
            // EPUB 2: <meta name="..." content="..."/>
            const std::string* name = attr(m, "name");
            const std::string* content = attr(m, "content");
            if (name && content && *name != "cover") md.custom.emplace_back(*name, *content);
            continue;
        }
        const std::string& p = *property;
        if (p == "dcterms:modified" || p == "copydesk:language-guessed") continue;
        if (p == "copydesk:section") md.section = text;
        else if (p == "copydesk:dateline") md.dateline = text;
        else if (p == "copydesk:volume") md.citation.volume = text;
        else if (p == "copydesk:issue") md.citation.issue = text;
        else if (p == "copydesk:first-page") md.citation.first_page = text;
        else if (p == "copydesk:last-page") md.citation.last_page = text;
        else if (p == "copydesk:elocation-id") md.citation.elocation_id = text;
        else if (p == "copydesk:byline-placement") md.byline_placement = text == "start" ? BylinePlacement::Start : BylinePlacement::End;
        else if (p == "copydesk:date") copydesk_date = text;
        else if (p == "copydesk:date-text") copydesk_date_text = m.text;
        else if (p == "copydesk:custom") {
            std::string key = get(m.id, "copydesk:empty-key") ? std::string() : get(m.id, "copydesk:key") ? *get(m.id, "copydesk:key") : std::string();
            md.custom.emplace_back(key, get(m.id, "copydesk:empty-value") ? std::string() : m.text);
        } else if (!text.empty()) {
            md.custom.emplace_back(p, text);
        }
    }
    if (md.source.empty()) md.source = dc_source;
    else if (!dc_source.empty()) md.custom.emplace_back("dc:source", dc_source);
    if (!copydesk_date.empty()) {
        if (auto d = DateTime::parse(copydesk_date)) {
            md.date = d;
            if (!copydesk_date_text.empty()) md.date->text = copydesk_date_text;
        }
    }
    if (!md.date && dc_date) md.date = dc_date;
}

}  // namespace copydesk::epub::reader

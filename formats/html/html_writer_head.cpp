// What the HTML writer puts in <head> besides the title: the stylesheet and
// the article's metadata as schema.org JSON-LD.
#include "html/html_writer.hpp"

namespace copydesk::html::writer {

std::string stylesheet(const Settings& s) {
    // No font-family anywhere: the reader's own fonts for the page's language
    // (a Latin font forced on CJK text picks its Latin glyphs for punctuation).
    std::string css;
    css += "body { margin: 0 auto; max-width: 42em; padding: 1em; line-height: ";
    css += s.cjk() ? "1.8; }\n" : "1.5; }\n";
    css += "h1, h2, h3, h4, h5, h6 { line-height: 1.4; }\n";
    css += ".subtitle { font-size: 1.2em; }\n";
    css += ".article-meta, .byline, .dateline { color: #555; }\n";
    css += "img { max-width: 100%; height: auto; }\n";
    css += "figure { margin: 1em 0; }\n";
    css += "figcaption, caption { font-size: 0.9em; }\n";
    css += "table { border-collapse: collapse; }\n";
    css += "th, td { border: 1px solid #999; padding: 0.2em 0.5em; }\n";
    css += "pre { overflow-x: auto; }\n";
    css += ".smallcaps { font-variant: small-caps; }\n";
    css += ".footnotes { border-top: 1px solid #999; font-size: 0.9em; margin-top: 2em; }\n";
    css += "ol.cjk { list-style-type: cjk-ideographic; }\n";
    if (article::indents_first_line(s.script)) {
        // Body paragraphs of zh/ja text are indented two characters, as in
        // print and as the DOCX/EPUB writers do; the head, lists, tables,
        // notes and captions are not.
        css += "article > p, article > div > p { margin: 0.4em 0; text-indent: 2em; }\n";
    }
    return css;
}

namespace {

// A JSON string that is also safe inside <script>: "<", ">" and "&" escaped.
std::string json_string(std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out = "\"";
    for (char c : s) {
        auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20 || c == '<' || c == '>' || c == '&') {
            out += "\\u00";
            out += kHex[u >> 4];
            out += kHex[u & 15];
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::string people(const Metadata& m, bool (*pick)(Role)) {
    std::string out;
    for (const auto& c : m.contributors) {
        if (!pick(c.role) || c.name.empty()) continue;
        out += out.empty() ? "[" : ",";
        out += "{\"@type\":\"Person\",\"name\":" + json_string(c.name);
        if (!c.label.empty()) out += ",\"jobTitle\":" + json_string(c.label);
        if (!c.affiliation.empty()) out += ",\"affiliation\":" + json_string(c.affiliation);
        if (!c.email.empty()) out += ",\"email\":" + json_string(c.email);
        std::string same;  // ORCID and other ids that are URLs
        for (const auto& id : c.identifiers)
            if (id.value.rfind("http", 0) == 0) same += (same.empty() ? "" : ",") + json_string(id.value);
        if (!same.empty()) out += ",\"sameAs\":[" + same + "]";
        out += "}";
    }
    return out.empty() ? out : out + "]";
}

// The article's own volume, issue and pages (schema.org's periodical model).
template <class Field>
void citation(const Citation& c, Field& field) {
    std::string part;
    if (!c.volume.empty())
        part = "{\"@type\":\"PublicationVolume\",\"volumeNumber\":" + json_string(c.volume) + "}";
    if (!c.issue.empty())
        part = "{\"@type\":\"PublicationIssue\",\"issueNumber\":" + json_string(c.issue) +
               (part.empty() ? "" : ",\"isPartOf\":" + part) + "}";
    field("isPartOf", part, false);
    field("pageStart", c.first_page.empty() ? c.elocation_id : c.first_page);
    field("pageEnd", c.last_page);
}

}  // namespace

std::string json_ld(const Metadata& m, std::string_view language) {
    std::string j = "{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\"";
    auto field = [&](std::string_view key, const std::string& value, bool quoted = true) {
        if (value.empty()) return;
        j += ",\"" + std::string(key) + "\":" + (quoted ? json_string(value) : value);
    };
    field("headline", m.title);
    field("alternativeHeadline", m.subtitle);
    field("inLanguage", std::string(language));
    if (m.date) field("datePublished", m.date->iso());
    field("author", people(m, [](Role r) { return r == Role::Author || r == Role::Reporter || r == Role::Correspondent; }), false);
    field("editor", people(m, [](Role r) { return r == Role::Editor; }), false);
    field("translator", people(m, [](Role r) { return r == Role::Translator; }), false);
    field("contributor", people(m, [](Role r) { return r == Role::Photographer || r == Role::Proofreader || r == Role::Other; }), false);
    if (!m.source.empty()) field("publisher", "{\"@type\":\"Organization\",\"name\":" + json_string(m.source) + "}", false);
    std::string keywords;
    for (const auto& k : m.keywords) keywords += (keywords.empty() ? "" : ",") + k;
    field("keywords", keywords);
    field("articleSection", m.section);
    field("license", m.license);
    citation(m.citation, field);
    for (const auto& id : m.identifiers)
        if (id.scheme == "url") {
            field("url", id.value);
            break;
        }
    return j + "}";
}

}  // namespace copydesk::html::writer

// Markdown text escaping and the YAML front matter.
#include <cctype>
#include <cstdint>

#include "copydesk/walk.hpp"
#include "markdown/markdown_writer.hpp"

namespace copydesk::markdown::writer {

namespace {

bool starts_with(std::string_view s, std::size_t i, std::string_view p) { return s.substr(i, p.size()) == p; }

// Decodes the UTF-8 sequence at s[i]; 0xFFFD (length 1) when it is invalid.
std::uint32_t decode(std::string_view s, std::size_t i, std::size_t& len) {
    auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
    unsigned char c = b(0);
    len = 1;
    if (c < 0x80) return c;
    std::size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
    if (n == 0 || i + n > s.size()) return 0xFFFD;
    std::uint32_t cp = c & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
    for (std::size_t k = 1; k < n; ++k) {
        if ((b(k) & 0xC0) != 0x80) return 0xFFFD;
        cp = (cp << 6) | (b(k) & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0xFFFD;
    len = n;
    return cp;
}

}  // namespace

std::string escape_text(std::string_view s, bool line_start) {
    std::string out;
    out.reserve(s.size() + s.size() / 8);
    std::size_t i = 0;
    if (line_start) {
        // Leading blanks would be dropped (or make an indented code block).
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
        if (i < s.size() && (s[i] == '-' || s[i] == '+' || s[i] == '=')) {
            out += '\\';
            out += s[i++];
        } else {
            // "1." or "1)" would start an ordered list.
            std::size_t d = i;
            while (d < s.size() && d - i < 10 && s[d] >= '0' && s[d] <= '9') ++d;
            if (d > i && d < s.size() && (s[d] == '.' || s[d] == ')')) {
                out.append(s.substr(i, d - i));
                out += '\\';
                out += s[d];
                i = d + 1;
            }
        }
    }
    for (; i < s.size(); ++i) {
        char c = s[i];
        switch (c) {
            case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '>':
            case '|': case '~': case '&': case '#':
                out += '\\';
                out += c;
                break;
            case '\n': case '\r': out += ' '; break;  // a line break is LineBreak, never a newline in text
            case ':':
                // GFM would turn http://... into a link: break the scheme.
                if (starts_with(s, i + 1, "//")) out += '\\';
                out += c;
                break;
            case '.':
                // ...and www.example.com too.
                if (i >= 3 && s.substr(i - 3, 3) == "www" && (i == 3 || !std::isalnum(static_cast<unsigned char>(s[i - 4]))))
                    out += '\\';
                out += c;
                break;
            default: out += c;
        }
    }
    return out;
}

std::string yaml_string(std::string_view s) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out = "\"";
    for (std::size_t i = 0; i < s.size();) {
        std::size_t len = 1;
        std::uint32_t cp = decode(s, i, len);
        auto hex = [&](std::uint32_t v, int digits, char kind) {
            out += '\\';
            out += kind;
            for (int d = digits - 1; d >= 0; --d) out += kHex[(v >> (4 * d)) & 15];
        };
        if (cp == '"' || cp == '\\') {
            out += '\\';
            out += char(cp);
        } else if (cp == '\n') {
            out += "\\n";
        } else if (cp == '\t') {
            out += "\\t";
        } else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) {
            hex(cp, 2, 'x');
        } else if (cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF || cp == 0xFFFD) {
            // YAML's line and paragraph separators, the BOM; 0xFFFD also stands for invalid UTF-8.
            hex(cp, 4, 'u');
        } else {
            out.append(s.substr(i, len));
        }
        i += len;
    }
    return out + "\"";
}

std::string front_matter(const Metadata& m) {
    std::string y;
    auto field = [&](std::string_view key, const std::string& value) {
        if (!value.empty()) y += std::string(key) + ": " + yaml_string(value) + "\n";
    };
    field("title", m.title);
    field("subtitle", m.subtitle);
    if (m.date) {
        field("date", m.date->iso());
        if (m.date->text != m.date->iso()) field("date-text", m.date->text);
    }
    field("source", m.source);
    field("language", m.language);
    if (!m.contributors.empty()) {
        y += "contributors:\n";
        for (const auto& c : m.contributors) {
            y += "  - name: " + yaml_string(c.name) + "\n";
            y += "    role: " + std::string(role_name(c.role)) + "\n";
            if (!c.label.empty()) y += "    label: " + yaml_string(c.label) + "\n";
            if (!c.affiliation.empty()) y += "    affiliation: " + yaml_string(c.affiliation) + "\n";
            if (!c.email.empty()) y += "    email: " + yaml_string(c.email) + "\n";
            if (!c.identifiers.empty()) {
                y += "    identifiers:\n";
                for (const auto& id : c.identifiers)
                    y += "      - scheme: " + yaml_string(id.scheme) + "\n        value: " + yaml_string(id.value) + "\n";
            }
        }
    }
    field("dateline", m.dateline);
    if (m.byline_placement == BylinePlacement::Start && !m.contributors.empty()) y += "byline-placement: start\n";
    field("section", m.section);
    if (!m.keywords.empty()) {
        y += "keywords:\n";
        for (const auto& k : m.keywords) y += "  - " + yaml_string(k) + "\n";
    }
    if (!m.identifiers.empty()) {
        y += "identifiers:\n";
        for (const auto& id : m.identifiers)
            y += "  - scheme: " + yaml_string(id.scheme) + "\n    value: " + yaml_string(id.value) + "\n";
    }
    if (!m.citation.empty()) {
        y += "citation:\n";
        auto part = [&](std::string_view key, const std::string& v) {
            if (!v.empty()) y += "  " + std::string(key) + ": " + yaml_string(v) + "\n";
        };
        part("volume", m.citation.volume);
        part("issue", m.citation.issue);
        part("first-page", m.citation.first_page);
        part("last-page", m.citation.last_page);
        part("elocation-id", m.citation.elocation_id);
    }
    field("license", m.license);
    if (!m.abstract.empty()) {
        std::string text;
        for (const auto& b : m.abstract) text += (text.empty() ? "" : "\n\n") + stringify(b);
        field("abstract", text);
    }
    if (!m.custom.empty()) {
        y += "custom:\n";
        for (const auto& [k, v] : m.custom) y += "  " + yaml_string(k) + ": " + yaml_string(v) + "\n";
    }
    return y.empty() ? y : "---\n" + y + "---\n";
}

}  // namespace copydesk::markdown::writer

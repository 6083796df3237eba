// Markdown inlines: emphasis delimiters that CommonMark's flanking rules
// accept (else the HTML element), code spans, links, images, note marks.
#include <algorithm>
#include <cstdint>

#include "common/uri.hpp"
#include "copydesk/walk.hpp"
#include "markdown/markdown_writer.hpp"
#include "common/xhtml/body_writer.hpp"

namespace copydesk::markdown::writer {

namespace {

// The code point that ends / starts s; 0 for none (CommonMark: the line
// start and end count as white space).
std::uint32_t last_cp(std::string_view s) {
    if (s.empty()) return 0;
    std::size_t i = s.size() - 1;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
    std::uint32_t cp = static_cast<unsigned char>(s[i]);
    if (cp < 0x80) return cp;
    int n = cp >= 0xF0 ? 3 : cp >= 0xE0 ? 2 : 1;
    cp &= n == 3 ? 0x07 : n == 2 ? 0x0F : 0x1F;
    for (std::size_t k = i + 1; k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[k]) & 0x3F);
    return cp;
}

std::uint32_t first_cp(std::string_view s) {
    if (s.empty()) return 0;
    std::size_t n = 1;
    while (n < s.size() && n < 4 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) ++n;
    return last_cp(s.substr(0, n));
}

bool white(std::uint32_t c) {
    return c == 0 || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0xA0 || c == 0x3000 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x1680;
}

// Unicode punctuation as CommonMark means it, generously: calling a symbol
// punctuation only makes us fall back to HTML where "*" would have worked.
bool punct(std::uint32_t c) {
    if (c < 0x80) return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
                         (c >= 0x7B && c <= 0x7E);
    return (c >= 0xA1 && c <= 0xBF) || c == 0xD7 || c == 0xF7 || (c >= 0x2010 && c <= 0x2BFF) ||
           (c >= 0x3001 && c <= 0x303F) || (c >= 0x30FB && c <= 0x30FB) || (c >= 0xFE10 && c <= 0xFE6F) ||
           (c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) ||
           (c >= 0xFF5B && c <= 0xFF65) || (c >= 0xFFE0 && c <= 0xFFEE);
}

bool left_flanking(std::uint32_t before, std::uint32_t after) {
    return !white(after) && (!punct(after) || white(before) || punct(before));
}
bool right_flanking(std::uint32_t before, std::uint32_t after) {
    return !white(before) && (!punct(before) || white(after) || punct(after));
}

std::string longest_run_plus_one(std::string_view text, char c) {
    std::size_t best = 0, run = 0;
    for (char x : text) {
        run = x == c ? run + 1 : 0;
        best = std::max(best, run);
    }
    return std::string(best + 1, c);
}

// A link destination: spaces and the like percent-escaped, parentheses
// backslash-escaped, so the plain (not <...>) form always holds it.
std::string destination(std::string_view url) {
    std::string out;
    for (char c : uri_escape(url)) {
        if (c == '(' || c == ')' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

std::string title_part(std::string_view title) {
    if (title.empty()) return {};
    std::string out = " \"";
    for (char c : title) {
        if (c == '"' || c == '\\') out += '\\';
        out += c == '\n' ? ' ' : c;
    }
    return out + "\"";
}

}  // namespace

std::string Writer::join(std::vector<Part>& parts) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        Part& p = parts[i];
        if (p.open.empty()) {
            out += p.text;
            continue;
        }
        // What follows the closing delimiter: another delimited part starts
        // with "*", "~" or "<", all punctuation.
        std::uint32_t after = 0;
        if (i + 1 < parts.size()) after = parts[i + 1].open.empty() ? first_cp(parts[i + 1].text) : '*';
        std::uint32_t before = last_cp(out);
        bool ok = p.open != "\x01" && left_flanking(before, first_cp(p.text)) && right_flanking(last_cp(p.text), after);
        if (ok) out += p.open + p.text + p.close;
        else out += "<" + p.html + ">" + p.text + "</" + p.html + ">";
    }
    return out;
}

std::string Writer::inlines(const Inlines& is) {
    std::vector<Part> parts;
    parts.reserve(is.size());
    for (const auto& i : is) {
        Part p = inline_part(i);
        if (p.open.empty() || p.text.empty()) {
            if (!p.text.empty()) parts.push_back(std::move(p));
            continue;
        }
        // White space at the edges goes outside the delimiters, where it can be.
        std::size_t a = 0, b = p.text.size();
        while (a < b && p.text[a] == ' ') ++a;
        while (b > a && p.text[b - 1] == ' ') --b;
        if (a > 0) parts.push_back({p.text.substr(0, a), {}, {}, {}});
        std::string tail = p.text.substr(b);
        p.text = p.text.substr(a, b - a);
        if (!p.text.empty()) parts.push_back(std::move(p));
        if (!tail.empty()) parts.push_back({tail, {}, {}, {}});
    }
    return join(parts);
}

Writer::Part Writer::inline_part(const Inline& in) {
    auto delimited = [&](const Inlines& content, std::string delim, std::string html) {
        std::string text = inlines(content);
        // "*" inside "*" would read as "**": the outer one becomes HTML.
        auto at = [&](std::size_t i) { return i < text.size() ? text[i] : '\0'; };
        bool clash = (text.rfind(delim, 0) == 0 && at(delim.size()) != delim[0]) ||
                     (text.size() >= delim.size() && text.compare(text.size() - delim.size(), delim.size(), delim) == 0 &&
                      (text.size() == delim.size() || text[text.size() - delim.size() - 1] != delim[0]));
        Part p{text, delim, delim, html};
        if (clash) p.open = p.close = "\x01";  // never flanking: join() writes the HTML form
        return p;
    };
    auto plain = [](std::string s) { return Part{std::move(s), {}, {}, {}}; };
    return in.visit([&](const auto& n) -> Part {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, Text>) {
            bool start = at_line_start_;
            at_line_start_ = false;
            return plain(escape_text(n.text, start));
        } else {
            at_line_start_ = false;
            if constexpr (std::is_same_v<T, Emph>) return delimited(n.content, "*", "em");
            else if constexpr (std::is_same_v<T, Strong>) return delimited(n.content, "**", "strong");
            else if constexpr (std::is_same_v<T, Strikeout>) return delimited(n.content, "~~", "del");
            else if constexpr (std::is_same_v<T, Underline>) {
                lost("underline", "underlined text was written as plain text");
                return plain(inlines(n.content));
            } else if constexpr (std::is_same_v<T, SmallCaps>) {
                lost("smallcaps", "small capitals were written as plain text");
                return plain(inlines(n.content));
            } else if constexpr (std::is_same_v<T, Superscript>) return plain("<sup>" + inlines(n.content) + "</sup>");
            else if constexpr (std::is_same_v<T, Subscript>) return plain("<sub>" + inlines(n.content) + "</sub>");
            else if constexpr (std::is_same_v<T, Code>) return plain(code_span(n.text));
            else if constexpr (std::is_same_v<T, Math>) {
                lost("math", "formulas were written as code spans of their source");
                return plain(code_span(n.text));
            } else if constexpr (std::is_same_v<T, Link>) return plain(link(n));
            else if constexpr (std::is_same_v<T, Image>) return plain(image(n));
            else if constexpr (std::is_same_v<T, LineBreak>) {
                if (in_table_) return plain("<br>");
                if (in_heading_) return plain(" ");
                at_line_start_ = true;
                return plain("\\\n");
            } else if constexpr (std::is_same_v<T, Note>) return plain(note(n));
            else if constexpr (std::is_same_v<T, CrossRef>) {
                lost("cross-ref", "cross-references were written as their text");
                return plain(inlines(n.content));
            } else if constexpr (std::is_same_v<T, Span>) {
                if (!n.attr.empty()) lost("attr", "ids, classes and attributes were dropped");
                return plain(inlines(n.content));
            } else if constexpr (std::is_same_v<T, RawInline>) {
                if (n.format == "html" || n.format == "markdown" || n.format == "gfm") return plain(n.text);
                lost("raw", "raw content of other formats was dropped");
                return plain({});
            }
        }
    });
}

std::string Writer::code_span(std::string_view text) {
    std::string t(text);
    std::replace(t.begin(), t.end(), '\n', ' ');
    if (in_table_) {
        std::string esc;
        for (char c : t) {
            if (c == '|') esc += '\\';
            esc += c;
        }
        t = esc;
    }
    std::string fence = longest_run_plus_one(t, '`');
    fence.pop_back();
    if (fence.empty()) fence = "`";
    else fence += '`';
    bool pad = !t.empty() && (t.front() == '`' || t.back() == '`' || (t.front() == ' ' && t.back() == ' '));
    return fence + (pad ? " " : "") + t + (pad ? " " : "") + fence;
}

std::string Writer::link(const Link& l) {
    if (!l.attr.empty()) lost("attr", "ids, classes and attributes were dropped");
    if (in_link_ > 0) {
        lost("nested-link", "a link inside a link was written as its text");
        return inlines(l.content);
    }
    ++in_link_;
    std::string text = inlines(l.content);
    --in_link_;
    return "[" + text + "](" + destination(l.target) + title_part(l.title) + ")";
}

std::string Writer::image(const Image& img) {
    std::string alt = escape_text(stringify(img.alt), false);
    if (img.attr.get("width") || img.attr.get("height")) lost("image-size", "image sizes were dropped");
    std::string src;
    if (const Resource* r = doc_.resource(img.target)) {
        std::string mime = xhtml::media_type_of(*r);
        if (mime.rfind("image/", 0) != 0) {
            lost("image-type", "resources that are not images were written as their alt text");
            return alt;
        }
        src = files_ ? files_->add(*r) : article::data_uri(mime, r->data);
    } else if (xhtml::has_scheme(img.target)) {
        src = img.target;
    } else {
        lost("image-missing", "images not in the document's resources were written as their alt text");
        return alt;
    }
    return "![" + alt + "](" + destination(src) + title_part(img.title) + ")";
}

std::string Writer::note(const Note& n) {
    std::string label = std::to_string(notes_.size() + 1);
    notes_.emplace_back(label, &n);
    return "[^" + label + "]";
}

}  // namespace copydesk::markdown::writer

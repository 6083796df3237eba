// XHTML markup of EPUB parts: DOCTYPE and HTML entities before parsing, the
// small DOM, and paths inside the container.
#include <algorithm>
#include <array>
#include <cstring>

#include "common/xml/xml.hpp"
#include "copydesk/errors.hpp"
#include "epub/epub.hpp"
#include "epub/epub_reader.hpp"

namespace copydesk::epub::reader {

namespace {

struct Entity {
    const char* name;
    std::uint32_t cp;
};

// HTML 4 Latin-1 entities (U+00A0..U+00FF) by code point order.
constexpr std::array<const char*, 96> kLatin1 = {
    "nbsp",   "iexcl",  "cent",   "pound",  "curren", "yen",    "brvbar", "sect",   "uml",    "copy",   "ordf",
    "laquo",  "not",    "shy",    "reg",    "macr",   "deg",    "plusmn", "sup2",   "sup3",   "acute",  "micro",
    "para",   "middot", "cedil",  "sup1",   "ordm",   "raquo",  "frac14", "frac12", "frac34", "iquest", "Agrave",
    "Aacute", "Acirc",  "Atilde", "Auml",   "Aring",  "AElig",  "Ccedil", "Egrave", "Eacute", "Ecirc",  "Euml",
    "Igrave", "Iacute", "Icirc",  "Iuml",   "ETH",    "Ntilde", "Ograve", "Oacute", "Ocirc",  "Otilde", "Ouml",
    "times",  "Oslash", "Ugrave", "Uacute", "Ucirc",  "Uuml",   "Yacute", "THORN",  "szlig",  "agrave", "aacute",
    "acirc",  "atilde", "auml",   "aring",  "aelig",  "ccedil", "egrave", "eacute", "ecirc",  "euml",   "igrave",
    "iacute", "icirc",  "iuml",   "eth",    "ntilde", "ograve", "oacute", "ocirc",  "otilde", "ouml",   "divide",
    "oslash", "ugrave", "uacute", "ucirc",  "uuml",   "yacute", "thorn",  "yuml"};

// The other entities common in EPUB text: spaces, punctuation, symbols.
constexpr Entity kOther[] = {
    {"ensp", 0x2002},   {"emsp", 0x2003},   {"thinsp", 0x2009}, {"zwnj", 0x200C},   {"zwj", 0x200D},
    {"lrm", 0x200E},    {"rlm", 0x200F},    {"ndash", 0x2013},  {"mdash", 0x2014},  {"lsquo", 0x2018},
    {"rsquo", 0x2019},  {"sbquo", 0x201A},  {"ldquo", 0x201C},  {"rdquo", 0x201D},  {"bdquo", 0x201E},
    {"dagger", 0x2020}, {"Dagger", 0x2021}, {"bull", 0x2022},   {"hellip", 0x2026}, {"permil", 0x2030},
    {"prime", 0x2032},  {"Prime", 0x2033},  {"lsaquo", 0x2039}, {"rsaquo", 0x203A}, {"oline", 0x203E},
    {"euro", 0x20AC},   {"trade", 0x2122},  {"larr", 0x2190},   {"uarr", 0x2191},   {"rarr", 0x2192},
    {"darr", 0x2193},   {"harr", 0x2194},   {"minus", 0x2212},  {"lowast", 0x2217}, {"radic", 0x221A},
    {"infin", 0x221E},  {"ne", 0x2260},     {"equiv", 0x2261},  {"le", 0x2264},     {"ge", 0x2265},
    {"loz", 0x25CA},    {"spades", 0x2660}, {"clubs", 0x2663},  {"hearts", 0x2665}, {"diams", 0x2666},
    {"OElig", 0x0152},  {"oelig", 0x0153},  {"Scaron", 0x0160}, {"scaron", 0x0161}, {"Yuml", 0x0178},
    {"fnof", 0x0192},   {"circ", 0x02C6},   {"tilde", 0x02DC},  {"Alpha", 0x0391},  {"Beta", 0x0392},
    {"Gamma", 0x0393},  {"Delta", 0x0394},  {"Omega", 0x03A9},  {"alpha", 0x03B1},  {"beta", 0x03B2},
    {"gamma", 0x03B3},  {"delta", 0x03B4},  {"epsilon", 0x03B5}, {"lambda", 0x03BB}, {"mu", 0x03BC},
    {"pi", 0x03C0},     {"sigma", 0x03C3},  {"omega", 0x03C9},
};

std::string utf8(std::uint32_t cp) {
    std::string out;
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
    return out;
}

bool name_char(char c, bool first) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') return true;
    return !first && ((c >= '0' && c <= '9') || c == '-' || c == '.');
}

int line_at(std::string_view data, std::size_t pos) {
    return 1 + int(std::count(data.begin(), data.begin() + std::ptrdiff_t(std::min(pos, data.size())), '\n'));
}

}  // namespace

std::string_view html_entity(std::string_view name) {
    // Built once: name -> UTF-8 text.
    static const auto* table = [] {
        auto* m = new std::unordered_map<std::string, std::string>();
        for (std::size_t i = 0; i < kLatin1.size(); ++i) (*m)[kLatin1[i]] = utf8(std::uint32_t(0xA0 + i));
        for (const auto& e : kOther) (*m)[e.name] = utf8(e.cp);
        return m;
    }();
    auto it = table->find(std::string(name));
    return it == table->end() ? std::string_view() : std::string_view(it->second);
}

std::string prepare_markup(std::string_view data, const Location& where, std::size_t& dropped) {
    // UTF-16 (a BOM or a NUL in the first bytes): leave it to the XML layer.
    if (data.size() >= 2 && ((data[0] == '\xFF' && data[1] == '\xFE') || (data[0] == '\xFE' && data[1] == '\xFF') ||
                             data[0] == '\0' || data[1] == '\0'))
        return std::string(data);
    std::string out(data);
    // The prolog: BOM, declaration, comments, PIs, whitespace, then maybe a DOCTYPE.
    std::size_t i = out.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    for (;;) {
        while (i < out.size() && (out[i] == ' ' || out[i] == '\t' || out[i] == '\n' || out[i] == '\r')) ++i;
        if (out.compare(i, 4, "<!--") == 0) {
            std::size_t e = out.find("-->", i + 4);
            if (e == std::string::npos) break;
            i = e + 3;
        } else if (out.compare(i, 2, "<?") == 0) {
            std::size_t e = out.find("?>", i + 2);
            if (e == std::string::npos) break;
            i = e + 2;
        } else {
            break;
        }
    }
    if (out.compare(i, 9, "<!DOCTYPE") == 0) {
        std::size_t j = i + 9;
        char quote = 0;
        for (; j < out.size(); ++j) {
            char c = out[j];
            if (quote) {
                if (c == quote) quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '[') {
                Location loc = where;
                loc.line = line_at(out, i);
                throw ParseError("DOCTYPE with an internal subset (entity declarations) not allowed in " +
                                     (where.part.empty() ? where.file : where.part),
                                 loc);
            } else if (c == '>') {
                break;
            }
        }
        if (j >= out.size()) {
            Location loc = where;
            loc.line = line_at(out, i);
            throw ParseError("unterminated DOCTYPE", loc);
        }
        // Never loaded: blanked, newlines kept so line numbers stay right.
        for (std::size_t k = i; k <= j; ++k)
            if (out[k] != '\n') out[k] = ' ';
        i = j + 1;
    }
    // Entities: replace named HTML entities outside comments, CDATA and PIs.
    if (out.find('&', i) == std::string::npos) return out;
    std::string res;
    res.reserve(out.size());
    res.append(out, 0, i);
    while (i < out.size()) {
        std::size_t amp = out.find_first_of("&<", i);
        if (amp == std::string::npos) {
            res.append(out, i, std::string::npos);
            break;
        }
        res.append(out, i, amp - i);
        i = amp;
        if (out[i] == '<') {
            const char* close = nullptr;
            if (out.compare(i, 4, "<!--") == 0) close = "-->";
            else if (out.compare(i, 9, "<![CDATA[") == 0) close = "]]>";
            else if (out.compare(i, 2, "<?") == 0) close = "?>";
            if (!close) {
                res += '<';
                ++i;
                continue;
            }
            std::size_t e = out.find(close, i + 2);
            e = e == std::string::npos ? out.size() : e + std::strlen(close);
            res.append(out, i, e - i);
            i = e;
            continue;
        }
        // '&': a name followed by ';'?
        std::size_t j = i + 1;
        if (j < out.size() && name_char(out[j], true)) {
            std::size_t k = j + 1;
            while (k < out.size() && k - j < 32 && name_char(out[k], false)) ++k;
            if (k < out.size() && out[k] == ';') {
                std::string_view name(out.data() + j, k - j);
                if (name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos") {
                    res.append(out, i, k + 1 - i);
                } else if (auto text = html_entity(name); !text.empty()) {
                    res += text;
                } else {
                    ++dropped;  // unknown: removed, never looked up in a DTD
                }
                i = k + 1;
                continue;
            }
        }
        res += '&';  // a character reference, or a bare '&' the parser will reject
        ++i;
    }
    return res;
}

// ------------------------------------------------------------------ DOM
const std::string* Node::attr(std::string_view key) const {
    for (const auto& [k, v] : attrs)
        if (k == key) return &v;
    return nullptr;
}

namespace {
bool has_token(const std::string* list, std::string_view token) {
    if (!list) return false;
    std::string_view s = *list;
    while (!s.empty()) {
        std::size_t sp = s.find_first_of(" \t\n\r");
        std::string_view t = s.substr(0, sp);
        if (t == token) return true;
        if (sp == std::string_view::npos) break;
        s.remove_prefix(sp + 1);
    }
    return false;
}
}  // namespace

bool Node::has_class(std::string_view c) const { return has_token(attr("class"), c); }

bool Node::has_type(std::string_view t) const {
    if (has_token(attr("epub:type"), t)) return true;
    const std::string* role = attr("role");
    return role && role->size() == t.size() + 4 && role->compare(0, 4, "doc-") == 0 && role->substr(4) == t;
}

namespace {
// The text of an <svg>'s <text> elements (their <tspan>s included), one
// piece a <text>, joined by spaces; positioned at the <svg>'s end.
std::string svg_text(xml::Reader& r) {
    const int d = r.depth();
    int in_text = -1;  // depth of the <text> being read
    std::string out, piece;
    while (r.next()) {
        if (r.type() == xml::NodeType::EndElement && r.depth() == d) break;
        if (r.type() == xml::NodeType::StartElement && in_text < 0 && r.ns() == ns::svg && r.local_name() == "text") {
            in_text = r.depth();
        } else if (r.type() == xml::NodeType::EndElement && r.depth() == in_text) {
            std::string t = xml::trim(piece);
            if (!t.empty()) out += (out.empty() ? "" : " ") + t;
            piece.clear();
            in_text = -1;
        } else if (r.type() == xml::NodeType::Text && in_text >= 0) {
            piece += r.text();
        }
    }
    return out;
}

// An <svg> with text: a "svg" element holding the text, read as inline content.
Node svg_node(std::string text, int line) {
    Node n;
    n.name = "svg";
    n.line = line;
    Node t;
    t.text = std::move(text);
    n.children.push_back(std::move(t));
    return n;
}
}  // namespace

Node parse_xhtml(std::string_view data, const Location& where, const Limits& limits, DiagnosticSink* recover) {
    xml::ReaderOptions o;
    o.max_depth = std::size_t(std::min<std::uint64_t>(limits.max_depth, 256));
    o.recover = recover != nullptr;
    o.repairs = recover;
    xml::Reader r(data, where, o);
    std::vector<Node> stack;
    Node root;
    while (r.next()) {
        switch (r.type()) {
            case xml::NodeType::StartElement: {
                Node n;
                n.line = r.line();
                if (r.ns() == ns::ops && (r.local_name() == "switch" || r.local_name() == "default")) {
                    // Content switching: the default (XHTML) branch is read,
                    // the cases (other vocabularies) are not.
                    n.name = "epub:" + std::string(r.local_name());
                    stack.push_back(std::move(n));
                    break;
                }
                if (r.ns() != ns::xhtml) {
                    // SVG keeps the text of its <text> elements; MathML and
                    // others are kept as a marker only.
                    bool svg = r.ns() == ns::svg && r.local_name() == "svg";
                    std::string text = svg ? svg_text(r) : std::string();
                    if (text.empty()) n.name = "#" + std::string(r.local_name());
                    else n = svg_node(std::move(text), n.line);
                    if (!svg) r.skip();
                    (stack.empty() ? root : stack.back()).children.push_back(std::move(n));
                    continue;
                }
                n.name = std::string(r.local_name());
                for (auto& a : r.attributes()) {
                    std::string key = a.local;
                    if (a.ns == ns::ops) key = "epub:" + a.local;
                    else if (a.ns == xml::ns::xml) key = "xml:" + a.local;
                    else if (!a.ns.empty()) continue;
                    n.attrs.emplace_back(std::move(key), std::move(a.value));
                }
                stack.push_back(std::move(n));
                break;
            }
            case xml::NodeType::EndElement: {
                if (stack.empty()) break;
                Node n = std::move(stack.back());
                stack.pop_back();
                if (stack.empty()) root = std::move(n);
                else stack.back().children.push_back(std::move(n));
                break;
            }
            case xml::NodeType::Text: {
                if (stack.empty()) break;
                auto& kids = stack.back().children;
                if (!kids.empty() && !kids.back().is_element()) {
                    kids.back().text += r.text();
                } else {
                    Node t;
                    t.text = std::string(r.text());
                    kids.push_back(std::move(t));
                }
                break;
            }
        }
    }
    return root;
}

// ---------------------------------------------------------------- paths
std::string fragment_of(std::string_view href) {
    auto h = href.find('#');
    return h == std::string_view::npos ? std::string() : std::string(href.substr(h + 1));
}

std::optional<std::string> resolve_path(std::string_view base, std::string_view href) {
    href = href.substr(0, href.find('#'));
    href = href.substr(0, href.find('?'));
    // A scheme ("http:", "data:") is not a path in the container.
    for (std::size_t i = 0; i < href.size(); ++i) {
        char c = href[i];
        if (c == ':') return std::nullopt;
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.')) break;
    }
    std::string decoded;
    for (std::size_t i = 0; i < href.size(); ++i) {
        if (href[i] == '%' && i + 2 < href.size() && std::isxdigit(static_cast<unsigned char>(href[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(href[i + 2]))) {
            decoded += char(std::stoi(std::string(href.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        } else {
            decoded += href[i];
        }
    }
    std::vector<std::string> parts;
    std::string_view dir = base.substr(0, base.rfind('/') == std::string_view::npos ? 0 : base.rfind('/') + 1);
    std::string full = !decoded.empty() && decoded[0] == '/' ? decoded.substr(1) : std::string(dir) + decoded;
    std::size_t start = 0;
    while (start <= full.size()) {
        std::size_t slash = full.find('/', start);
        std::string seg = full.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        if (seg == "..") {
            if (parts.empty()) return std::nullopt;
            parts.pop_back();
        } else if (!seg.empty() && seg != ".") {
            parts.push_back(seg);
        }
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
    return out;
}

}  // namespace copydesk::epub::reader

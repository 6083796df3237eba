// HTML bytes to the small DOM: the charset, then libxml2's HTML parser driven
// through SAX callbacks so the limits hold while parsing (no libxml2 tree).
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fmt/format.h>

#include "copydesk/errors.hpp"
#include "html/html_reader.hpp"
#include "plaintext/encoding.hpp"
#include "plaintext/text_util.hpp"

namespace copydesk::html {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    return out;
}

// The value after `charset=` at `pos` (quotes and spaces trimmed).
std::string charset_value(std::string_view s, std::size_t pos) {
    while (pos < s.size() && (s[pos] == ' ' || s[pos] == '"' || s[pos] == '\'')) ++pos;
    std::size_t end = pos;
    while (end < s.size() && end - pos < 40 &&
           (std::isalnum(static_cast<unsigned char>(s[end])) || s[end] == '-' || s[end] == '_' || s[end] == '.' ||
            s[end] == ':'))
        ++end;
    return lower(s.substr(pos, end - pos));
}

// The iconv name of a declared charset (WHATWG labels: GB2312 and GBK are
// decoded as their superset GB18030, Latin-1 as windows-1252); empty for UTF-8.
std::string iconv_name(std::string_view cs) {
    if (cs == "utf-8" || cs == "utf8" || cs == "unicode-1-1-utf-8") return {};
    if (cs == "gb2312" || cs == "gbk" || cs == "gb18030" || cs == "x-gbk" || cs == "cp936" || cs == "gb_2312-80" ||
        cs == "chinese" || cs == "csgb2312" || cs == "euc-cn")
        return "GB18030";
    if (cs == "big5" || cs == "big5-hkscs" || cs == "x-x-big5" || cs == "cn-big5" || cs == "csbig5") return "BIG5-HKSCS";
    if (cs == "iso-8859-1" || cs == "latin1" || cs == "us-ascii" || cs == "ascii" || cs == "windows-1252" ||
        cs == "cp1252")
        return "WINDOWS-1252";
    std::string up(cs);
    for (char& c : up)
        if (c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
    return up;
}

bool convert(std::string_view s, const std::string& charset, std::string& out, std::size_t& bad);

// The plain-text reader's guess among UTF-8, UTF-16 and GB18030. It refuses
// bytes that read as no text; markup that was recognised as HTML is read
// anyway, as UTF-8 with U+FFFD for each bad byte (HTML parsers never give up).
plaintext::Decoded guess(std::string_view data, DiagnosticSink& diags, const Location& where) {
    try {
        return plaintext::decode(data, diags, where);
    } catch (const UnsupportedFormatError&) {
        plaintext::Decoded d;
        std::size_t bad = 0;
        convert(data, "UTF-8", d.text, bad);
        d.encoding = "UTF-8";
        diags.warn("html.invalid-bytes", fmt::format("{} byte(s) not in UTF-8 replaced by U+FFFD", bad), where);
        return d;
    }
}

// Converts with U+FFFD for each byte iconv cannot take; false when iconv
// does not know the charset. Bad bytes are counted into `bad`. One pass with
// one converter: restarting on the rest after each bad byte was quadratic.
bool iconv_replacing(std::string_view s, const char* charset, std::string& out, std::size_t& bad,
                     std::size_t give_up = SIZE_MAX) {
    iconv_t cd = iconv_open("UTF-8", charset);
    if (cd == reinterpret_cast<iconv_t>(-1)) return false;
    out.resize(s.size() + s.size() / 2 + 16);
    char* in = const_cast<char*>(s.data());  // iconv's signature is not const-correct
    std::size_t in_left = s.size(), used = 0;
    while (in_left > 0 && bad < give_up) {
        char* dst = out.data() + used;
        std::size_t dst_left = out.size() - used;
        std::size_t r = iconv(cd, &in, &in_left, &dst, &dst_left);
        used = out.size() - dst_left;
        if (r != static_cast<std::size_t>(-1)) break;
        if (errno == E2BIG || out.size() - used < 3) {
            out.resize(out.size() * 2);
            continue;
        }
        // EILSEQ or EINVAL (truncated): the byte becomes U+FFFD.
        std::memcpy(out.data() + used, "\xEF\xBF\xBD", 3);
        used += 3;
        ++in;
        --in_left;
        ++bad;
        iconv(cd, nullptr, nullptr, nullptr, nullptr);  // back to the initial shift state
    }
    iconv_close(cd);
    out.resize(used);
    if (in_left > 0) {  // hopelessly wrong: the rest is guessed, and read as UTF-8 if no guess holds
        std::vector<Diagnostic> ignored;
        DiagnosticSink sink(ignored);
        out += guess(std::string_view(in, in_left), sink, Location{}).text;
    }
    return true;
}

bool convert(std::string_view s, const std::string& charset, std::string& out, std::size_t& bad) {
    out.clear();
    return iconv_replacing(s, charset.c_str(), out, bad, charset == "UTF-8" ? SIZE_MAX : 1000);
}

// How many of the commonest Han characters (simplified and traditional) a
// text holds: GB18030 and Big5 bytes decode either way, the right one reads.
std::size_t common_han(std::string_view s) {
    static const std::string_view kCommon[] = {"的", "一", "是", "不", "了", "在", "人", "有", "我", "他", "中",
                                               "大", "上", "和", "地", "出", "也", "年", "们", "們", "个", "個",
                                               "这", "這", "为", "為", "来", "來", "时", "時", "国", "國", "说",
                                               "說", "会", "會", "后", "後", "对", "對", "日", "月"};
    std::size_t n = 0;
    for (auto c : kCommon)
        for (std::size_t p = s.find(c); p != std::string_view::npos; p = s.find(c, p + c.size())) ++n;
    return n;
}

}  // namespace

std::string declared_charset(std::string_view data) {
    std::string head = lower(data.substr(0, 4096));
    if (head.compare(0, 5, "<?xml") == 0) {
        std::size_t e = head.find("encoding=");
        std::size_t close = head.find("?>");
        if (e != std::string::npos && e < close) return charset_value(head, e + 9);
    }
    for (std::size_t m = head.find("<meta"); m != std::string::npos; m = head.find("<meta", m + 5)) {
        std::size_t end = head.find('>', m);
        std::string_view tag = std::string_view(head).substr(m, end == std::string::npos ? std::string::npos : end - m);
        std::size_t c = tag.find("charset=");
        if (c != std::string_view::npos) return charset_value(tag, c + 8);
    }
    return {};
}

std::string to_utf8(std::string_view data, std::string_view override_charset, DiagnosticSink& diags,
                    const Location& where, std::string& used) {
    auto u = [&](std::size_t k) { return static_cast<unsigned char>(data[k]); };
    bool bom = (data.size() >= 3 && u(0) == 0xEF && u(1) == 0xBB && u(2) == 0xBF) ||
               (data.size() >= 2 && ((u(0) == 0xFF && u(1) == 0xFE) || (u(0) == 0xFE && u(1) == 0xFF)));
    std::string cs = bom ? std::string() : !override_charset.empty() ? lower(override_charset) : declared_charset(data);
    // Pages re-saved as UTF-8 often keep their old GB2312 declaration: valid
    // UTF-8 with many multibyte characters is UTF-8 whatever the page says.
    std::size_t multi = 0;
    if (!cs.empty() && override_charset.empty() && plaintext::count_invalid_utf8(data, &multi) == 0 && multi >= 8)
        cs = "utf-8";
    if (!cs.empty()) {
        std::string name = iconv_name(cs);
        if (name.empty() && plaintext::count_invalid_utf8(data) == 0) {
            used = "UTF-8";
            return std::string(data);
        }
        // A page that says UTF-8 and is not, is guessed below like undeclared text.
        std::string out;
        std::size_t bad = 0;
        if (!name.empty() && convert(data, name, out, bad)) {
            used = name;
            if (bad)
                diags.warn("html.invalid-bytes", fmt::format("{} byte(s) not in {} replaced by U+FFFD", bad, name),
                           where);
            return out;
        }
        if (!name.empty())
            diags.warn("html.unknown-charset", "charset '" + cs + "' is not known; the encoding was guessed", where);
    }
    plaintext::Decoded d = guess(data, diags, where);
    used = d.encoding;
    if (d.encoding == "GB18030") {
        // Big5 bytes mostly decode as GB18030 too: keep whichever reads as Chinese.
        std::string big5;
        std::size_t bad = 0;
        if (convert(data, "BIG5-HKSCS", big5, bad) && bad == 0 && common_han(big5) > common_han(d.text)) {
            used = "BIG5-HKSCS";
            return big5;
        }
    }
    return std::move(d.text);
}

// ------------------------------------------------------------------ parse
namespace {

bool skipped_at_parse(std::string_view n) {
    static const char* kSkip[] = {"script", "style",  "noscript", "template", "iframe", "object", "embed",
                                  "canvas", "select", "textarea", "button",   "input",  "svg",    "math",
                                  "video",  "audio",  "map",      "frameset", "frame"};
    return std::any_of(std::begin(kSkip), std::end(kSkip), [&](const char* s) { return n == s; });
}

// Attributes the converter, the article finder or the metadata read.
bool kept_attribute(std::string_view a) {
    static const char* kKeep[] = {"id",       "class",   "href",     "src",     "alt",      "title",   "lang",
                                  "xml:lang", "colspan", "rowspan",  "span",    "start",    "type",    "style",
                                  "role",     "content", "name",     "property", "charset", "http-equiv", "datetime",
                                  "itemprop", "rel",     "data-src", "epub:type", "pubdate", "data-original"};
    // data-*: the AST's attributes and our writers' data-align, data-ref-type.
    return a.substr(0, 5) == "data-" ||
           std::any_of(std::begin(kKeep), std::end(kKeep), [&](const char* s) { return a == s; });
}

bool unsafe_url(std::string_view v) {
    std::string l = lower(plaintext::trim(v).substr(0, 16));
    return l.rfind("javascript:", 0) == 0 || l.rfind("vbscript:", 0) == 0;
}

struct State {
    const ParseLimits* limits;
    DiagnosticSink* diags;
    const Location* where;
    htmlParserCtxtPtr ctxt = nullptr;
    Node root;
    std::vector<Node*> stack;  // open elements (pointers stay valid: only the top's children grow)
    std::size_t skip = 0;      // > 0 inside a skipped element
    std::size_t flattened = 0; // open elements past the depth limit, read into their ancestor
    std::size_t too_deep = 0;  // all such elements
    std::size_t nodes = 0;
    bool json_ld = false;  // inside <script type="application/ld+json">
    bool too_many = false;
    std::size_t long_attrs = 0;

    Node& top() { return stack.empty() ? root : *stack.back(); }
    bool count() {
        if (++nodes <= limits->max_nodes) return true;
        too_many = true;
        xmlStopParser(ctxt);
        return false;
    }
};

State& st(void* ctx) { return *static_cast<State*>(static_cast<htmlParserCtxtPtr>(ctx)->_private); }

void on_start(void* ctx, const xmlChar* name_, const xmlChar** atts) {
    State& s = st(ctx);
    std::string_view name(reinterpret_cast<const char*>(name_));
    if (s.skip > 0) {
        ++s.skip;
        return;
    }
    if (!s.count()) return;
    Node n;
    n.name = std::string(name);
    n.line = xmlSAX2GetLineNumber(s.ctxt);
    for (int i = 0; atts && atts[i]; i += 2) {
        std::string key = lower(reinterpret_cast<const char*>(atts[i]));
        if (!kept_attribute(key)) continue;
        std::string_view v = atts[i + 1] ? reinterpret_cast<const char*>(atts[i + 1]) : "";
        if (v.size() > s.limits->max_attribute_bytes) {
            ++s.long_attrs;
            continue;
        }
        if ((key == "href" || key == "src") && unsafe_url(v)) continue;
        n.attrs.emplace_back(std::move(key), std::string(v));
    }
    if (skipped_at_parse(name)) {
        const std::string* type = n.attr("type");
        if (name == "script" && type && lower(*type) == "application/ld+json") {
            s.json_ld = true;
        } else {
            s.skip = 1;
            return;
        }
    }
    if (s.stack.size() >= s.limits->max_depth) {
        ++s.flattened;  // its content goes to the deepest open element
        ++s.too_deep;
        return;
    }
    Node& parent = s.top();
    parent.children.push_back(std::move(n));
    s.stack.push_back(&parent.children.back());
}

void on_end(void* ctx, const xmlChar*) {
    State& s = st(ctx);
    if (s.skip > 0) {
        --s.skip;
        return;
    }
    if (s.flattened > 0) {
        --s.flattened;
        return;
    }
    if (!s.stack.empty()) {
        if (s.stack.back()->name == "script") s.json_ld = false;
        s.stack.pop_back();
    }
}

void on_text(void* ctx, const xmlChar* ch, int len) {
    State& s = st(ctx);
    if (s.skip > 0 || len <= 0) return;
    auto& kids = s.top().children;
    if (!kids.empty() && !kids.back().is_element()) {
        kids.back().text.append(reinterpret_cast<const char*>(ch), std::size_t(len));
        return;
    }
    if (!s.count()) return;
    Node t;
    t.text.assign(reinterpret_cast<const char*>(ch), std::size_t(len));
    kids.push_back(std::move(t));
}

void on_cdata(void* ctx, const xmlChar* ch, int len) {
    // Raw text of script/style: only JSON-LD gets here unskipped.
    if (st(ctx).json_ld) on_text(ctx, ch, len);
}

void quiet(void*, const char*, ...) {}

bool ci_at(std::string_view s, std::size_t i, std::string_view p) {
    if (s.size() < i + p.size()) return false;
    for (std::size_t k = 0; k < p.size(); ++k)
        if (std::tolower(static_cast<unsigned char>(s[i + k])) != p[k]) return false;
    return true;
}

// The content of <script> and <style> removed before parsing, as HTML5 ends
// it: only at `</script` (`</style`), so markup and "</div>" inside strings
// never become page text. JSON-LD is kept.
std::string without_raw_text(std::string_view in) {
    std::string out;
    out.reserve(in.size());
    std::size_t i = 0;
    while (i < in.size()) {
        std::size_t lt = in.find('<', i);
        if (lt == std::string_view::npos) break;
        if (ci_at(in, lt, "<!--")) {
            std::size_t e = in.find("-->", lt + 4);
            e = e == std::string_view::npos ? in.size() : e + 3;
            out.append(in, i, e - i);
            i = e;
            continue;
        }
        const char* tag = ci_at(in, lt, "<script") ? "</script" : ci_at(in, lt, "<style") ? "</style" : nullptr;
        std::size_t after = lt + (tag && tag[2] == 's' && tag[3] == 'c' ? 7 : 6);
        if (!tag || (after < in.size() && std::isalnum(static_cast<unsigned char>(in[after])))) {
            out.append(in, i, lt + 1 - i);
            i = lt + 1;
            continue;
        }
        std::size_t gt = in.find('>', after);
        if (gt == std::string_view::npos) break;
        std::string open = lower(in.substr(lt, gt - lt));
        std::size_t end = lt;
        for (end = in.find("</", gt); end != std::string_view::npos && !ci_at(in, end, tag); end = in.find("</", end + 2)) {
        }
        if (end == std::string_view::npos) end = in.size();
        out.append(in, i, gt + 1 - i);
        if (open.find("ld+json") != std::string::npos) out.append(in, gt + 1, end - gt - 1);
        i = end;
    }
    if (i < in.size()) out.append(in, i, std::string_view::npos);
    return out;
}

}  // namespace

Node parse_html(std::string_view utf8, const ParseLimits& limits, DiagnosticSink& diags, const Location& where) {
    if (utf8.size() > std::size_t(INT32_MAX)) throw LimitError("HTML input larger than 2 GiB", where);
    State s;
    s.limits = &limits;
    s.diags = &diags;
    s.where = &where;
    s.root.name = "#document";
    std::string clean = without_raw_text(utf8);
    htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(clean.data(), int(clean.size()));
    if (!ctxt) throw ParseError("cannot create the HTML parser", where);
    s.ctxt = ctxt;
    ctxt->_private = &s;
    htmlSAXHandler* sax = ctxt->sax;
    std::memset(sax, 0, sizeof(*sax));
    sax->startElement = on_start;
    sax->endElement = on_end;
    sax->characters = on_text;
    sax->ignorableWhitespace = on_text;
    sax->cdataBlock = on_cdata;
    ctxt->userData = ctxt;  // callbacks get the context, State hangs off _private
    htmlCtxtUseOptions(ctxt, HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC |
                                 HTML_PARSE_NODEFDTD);
    // NOERROR empties these, and libxml2 then prints to stderr: silence instead.
    sax->error = quiet;
    sax->warning = quiet;
    sax->fatalError = quiet;
    xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
    htmlParseDocument(ctxt);
    htmlFreeParserCtxt(ctxt);
    if (s.too_many)
        throw LimitError(fmt::format("HTML with more than {} elements and text nodes", limits.max_nodes), where);
    if (s.too_deep)
        diags.warn("html.too-deep",
                   fmt::format("{} element(s) nested deeper than {} were read into their ancestor at that depth "
                               "(text outside table cells there is lost)",
                               s.too_deep, limits.max_depth),
                   where);
    if (s.long_attrs)
        diags.warn("html.attribute-too-long",
                   fmt::format("{} attribute value(s) longer than {} bytes were dropped", s.long_attrs,
                               limits.max_attribute_bytes),
                   where);
    // The <html> element (implied when the page has none).
    for (auto& c : s.root.children)
        if (c.name == "html") return std::move(c);
    Node html;
    html.name = "html";
    html.children = std::move(s.root.children);
    return html;
}

}  // namespace copydesk::html

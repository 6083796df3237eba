// A page's article metadata: <head> (meta, title, canonical link, JSON-LD),
// <html lang>, and the short lines between the headline and the article
// (来源：…　时间：…), read by the plain-text reader's metadata-line parser.
#include <algorithm>
#include <unordered_map>

#include "copydesk/errors.hpp"
#include "html/html_reader.hpp"
#include "json_value.hpp"
#include "plaintext/metadata_line.hpp"
#include "plaintext/text_util.hpp"

namespace copydesk::html {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    return out;
}

// Whitespace collapsed to single spaces, trimmed.
std::string squash(std::string_view s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

struct HeadInfo {
    std::unordered_map<std::string, std::string> meta;  // name/property (lower case) -> first content
    std::string title, canonical, lang;
    std::vector<std::string> json_ld;
};

void scan_head(const Node& n, HeadInfo& h) {
    for (const auto& c : n.children) {
        if (!c.is_element()) continue;
        if (c.name == "meta") {
            const std::string* content = c.attr("content");
            for (const char* key : {"name", "property", "itemprop", "http-equiv"})
                if (const std::string* k = c.attr(key); k && content && !content->empty())
                    h.meta.emplace(lower(*k), squash(*content));
        } else if (c.name == "title" && h.title.empty()) {
            h.title = squash(text_of(c));
        } else if (c.name == "link") {
            const std::string* rel = c.attr("rel");
            if (rel && lower(*rel) == "canonical" && c.attr("href")) h.canonical = *c.attr("href");
        } else if (c.name == "script") {
            h.json_ld.push_back(text_of(c));
        } else if (c.name == "time" && c.attr("datetime")) {
            h.meta.emplace("time", *c.attr("datetime"));
        }
        if (c.name != "title" && c.name != "script") scan_head(c, h);
    }
}

const std::string* meta(const HeadInfo& h, std::initializer_list<const char*> keys) {
    for (const char* k : keys)
        if (auto it = h.meta.find(k); it != h.meta.end()) return &it->second;
    return nullptr;
}

// JSON-LD: the first datePublished, the authors' names, headline, publisher.
struct JsonLd {
    std::string date, headline, publisher;
    std::vector<std::string> authors;
};

std::string json_string(const json::Value* v) {
    if (!v) return {};
    if (v->kind == json::Value::Kind::String) return v->s;
    if (v->kind == json::Value::Kind::Object) return json_string(v->get("name"));
    if (v->kind == json::Value::Kind::Array && !v->arr.empty()) return json_string(&v->arr[0]);
    return {};
}

void read_json_ld(const json::Value& v, JsonLd& out) {
    if (v.kind == json::Value::Kind::Array) {
        for (const auto& x : v.arr) read_json_ld(x, out);
        return;
    }
    if (v.kind != json::Value::Kind::Object) return;
    if (out.date.empty()) out.date = json_string(v.get("datePublished"));
    if (out.headline.empty()) out.headline = json_string(v.get("headline"));
    if (out.publisher.empty()) out.publisher = json_string(v.get("publisher"));
    if (out.authors.empty())
        if (const json::Value* a = v.get("author")) {
            if (a->kind == json::Value::Kind::Array)
                for (const auto& x : a->arr) out.authors.push_back(json_string(&x));
            else
                out.authors.push_back(json_string(a));
        }
    if (const json::Value* g = v.get("@graph")) read_json_ld(*g, out);
}

// The <title> without the site's name: "Headline - Site" / "Headline_栏目_网站".
std::string strip_site(const std::string& t) {
    static const char* kSeps[] = {" - ", " | ", " – ", " — ", "_", "｜", "|", " -"};
    std::size_t cut = std::string::npos;
    for (const char* s : kSeps) {
        std::size_t p = t.find(s);
        if (p != std::string::npos && p >= 6) cut = std::min(cut, p);
    }
    return cut == std::string::npos ? t : squash(t.substr(0, cut));
}

bool is_block_name(std::string_view n) {
    return n == "p" || n == "div" || n == "li" || n == "h1" || n == "h2" || n == "h3" || n == "h4" ||
           n == "section" || n == "header" || n == "footer" || n == "article" || n == "td" || n == "tr" ||
           n == "ul" || n == "br" || n == "dd" || n == "dt" || n == "table";
}

// The page as lines in document order: blocks break lines, separate inline
// elements are separated by two spaces (a field break for the metadata-line
// parser). Stops at `stop` or after `max_lines`.
struct Lines {
    std::vector<std::string> lines{std::string()};
    const Node* start = nullptr;  // lines are collected after this node
    const Node* stop = nullptr;
    bool started = false, stopped = false;
    std::size_t max_lines = 12;

    void walk(const Node& n) {
        for (const auto& c : n.children) {
            if (stopped) return;
            if (&c == stop) {
                stopped = true;
                return;
            }
            if (!c.is_element()) {
                if (started) lines.back() += c.text;
                continue;
            }
            if (c.name == "head") continue;
            bool block = is_block_name(c.name);
            if (started) {
                if (block) newline();
                else lines.back() += "  ";
            }
            if (&c == start) {
                started = true;
                continue;  // the title itself is not a metadata line
            }
            walk(c);
            if (started && block) newline();
        }
    }
    void newline() {
        std::string& l = lines.back();
        l = squash_keep_fields(l);
        if (!l.empty()) {
            // the body has begun, or enough lines were read
            if (lines.size() >= max_lines || plaintext::cp_count(l) > 150) stopped = true;
            else lines.emplace_back();
        }
    }
    // Whitespace runs of two or more (field breaks) become two spaces; one stays one.
    static std::string squash_keep_fields(const std::string& s) {
        std::string out;
        std::size_t run = 0;
        for (char c : s) {
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                ++run;
                continue;
            }
            if (!out.empty() && run) out += run > 1 ? "  " : " ";
            run = 0;
            out += c;
        }
        return out;
    }
};

void add_contributor(Metadata& m, std::string name, Role role, std::string label) {
    name = squash(name);
    if (name.empty() || name.size() > 80 || name.rfind("http", 0) == 0) return;
    for (const auto& c : m.contributors)
        if (c.name == name) return;
    Contributor c;
    c.name = std::move(name);
    c.role = role;
    c.label = std::move(label);
    m.contributors.push_back(std::move(c));
}

void head_zone(const Node& html, const Extraction& ex, Metadata& m) {
    if (!ex.title_element) return;
    Lines ls;
    ls.start = ex.title_element;
    ls.stop = ex.article;
    ls.walk(html);
    ls.newline();
    Metadata found;
    for (const auto& line : ls.lines) {
        if (line.empty() || plaintext::cp_count(line) > 120) continue;
        if (auto fields = plaintext::parse_metadata_line(line)) plaintext::apply_fields(*fields, found);
        else if (!found.date) found.date = DateTime::parse(line);  // "2020-06-05 20:35  Name  Name"
    }
    if (found.date && !m.date) m.date = found.date;
    if (!found.source.empty() && m.source.empty()) m.source = found.source;
    for (auto& c : found.contributors) add_contributor(m, c.name, c.role, c.label);
}

}  // namespace

void read_metadata(const Node& html, const Extraction& ex, Metadata& m) {
    HeadInfo h;
    scan_head(html, h);
    JsonLd ld;
    for (const auto& text : h.json_ld) {
        try {
            read_json_ld(json::parse(text, 32), ld);
        } catch (const Error&) {
            // broken JSON-LD is common; the rest of the page still speaks
        }
    }
    // Title: the headline element, else og:title, JSON-LD, <title> less the site.
    if (ex.title_element) m.title = squash(text_of(*ex.title_element));
    if (m.title.empty())
        if (const std::string* t = meta(h, {"og:title", "twitter:title"})) m.title = *t;
    if (m.title.empty()) m.title = squash(ld.headline);
    if (m.title.empty()) m.title = strip_site(h.title);

    // The visible lines under the headline first: they keep the page's own text.
    head_zone(html, ex, m);
    if (!m.date) {
        const std::string* d = meta(h, {"article:published_time", "og:release_date", "datepublished", "pubdate",
                                        "publishdate", "publish_date", "dc.date", "dc.date.issued", "date", "time",
                                        "article:modified_time", "datemodified", "dateupdate", "lastmodified"});
        std::string text = d ? *d : ld.date;
        if (!text.empty())
            if (auto dt = DateTime::parse(text)) m.date = dt;
    }
    if (m.source.empty())
        if (const std::string* s = meta(h, {"og:site_name", "application-name", "source", "publisher"})) m.source = *s;
    if (m.source.empty()) m.source = squash(ld.publisher);
    if (const std::string* a = meta(h, {"author", "article:author", "dc.creator", "byl"}))
        for (const auto& name : plaintext::split_names(*a)) add_contributor(m, name, Role::Author, "");
    for (const auto& a : ld.authors) add_contributor(m, a, Role::Author, "");

    if (const std::string* d = meta(h, {"description", "og:description"})) m.custom.emplace_back("description", *d);
    if (const std::string* k = meta(h, {"keywords", "news_keywords"}))
        for (const auto& w : plaintext::split_names(*k))
            if (!w.empty()) m.keywords.push_back(w);
    std::string url = !h.canonical.empty() ? h.canonical : meta(h, {"og:url"}) ? *meta(h, {"og:url"}) : "";
    if (!url.empty()) m.identifiers.push_back(Identifier{"url", url});
    if (const std::string* lang = html.attr("lang")) m.language = squash(*lang);
    else if (const std::string* xl = html.attr("xml:lang")) m.language = squash(*xl);
    else if (const std::string* cl = meta(h, {"content-language", "language"})) m.language = *cl;
}

}  // namespace copydesk::html

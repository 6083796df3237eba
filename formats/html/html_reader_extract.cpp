// Finding the article in a whole page: every text block (a <p>, or a run of
// text and inline elements directly in a container) scores by its length and
// punctuation; the score goes to its container and half of it to the one
// above; each container's total is then weighed by its link density and its
// class/id hints. The best container is the article. docs/html.md explains.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <set>
#include <unordered_map>

#include "html/html_reader.hpp"
#include "plaintext/text_util.hpp"

namespace copydesk::html {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool is_container(std::string_view n) {
    return n == "div" || n == "article" || n == "section" || n == "main" || n == "td" || n == "body" ||
           n == "span" || n == "font" || n == "center" || n == "form" || n == "blockquote";
}

bool is_inline(std::string_view n) {
    static const char* k[] = {"a",    "span", "em",  "strong", "b",    "i",     "u",    "font", "sup", "sub",
                              "small", "big", "br",  "img",    "code", "time",  "mark", "abbr", "cite", "q",
                              "s",    "del",  "ins", "label",  "wbr",  "strike", "tt",  "var",  "kbd"};
    return std::any_of(std::begin(k), std::end(k), [&](const char* s) { return n == s; });
}

// The words of class and id: "article-content main_text" -> article, content, main, text.
std::vector<std::string> hint_words(const Node& n) {
    std::vector<std::string> out;
    for (const char* key : {"class", "id"}) {
        const std::string* v = n.attr(key);
        if (!v) continue;
        std::string w;
        for (char c : *v + " ") {
            if (std::isalpha(static_cast<unsigned char>(c))) {
                w += char(std::tolower(static_cast<unsigned char>(c)));
            } else if (!w.empty()) {
                out.push_back(std::move(w));
                w.clear();
            }
        }
    }
    return out;
}

bool starts(std::string_view w, std::string_view p) { return w.size() >= p.size() && w.compare(0, p.size(), p) == 0; }

// +1 article-like, -1 boilerplate-like, 0 neither (or both).
int hint(const Node& n) {
    static const char* kGood[] = {"article", "content", "post",   "text",  "body", "main",  "detail",
                                  "story",   "entry",   "news",   "cont",  "zw",   "artical", "rich"};
    static const char* kBad[] = {"comment", "share", "related", "recommend", "footer", "foot",    "nav",
                                 "menu",    "sidebar", "side",  "banner",    "hot",    "rank",    "copyright",
                                 "breadcrumb", "crumb", "social", "login",   "header", "toolbar", "tool",
                                 "advert",  "ad",    "ads",     "adv",       "popup",  "modal",   "qrcode",
                                 "download", "author", "tags",  "tag",       "more",   "next",    "prev",
                                 "pagination", "bottom", "top", "statement", "disclaimer", "feedback", "reply"};
    int good = 0, bad = 0;
    for (const auto& w : hint_words(n)) {
        for (const char* g : kGood)
            if (starts(w, g)) ++good;
        for (const char* b : kBad)
            if (w == b || (std::strlen(b) > 3 && starts(w, b))) ++bad;
    }
    return (good > 0) - (bad > 0);
}

struct Stats {
    double chars = 0;       // code points of text, spaces excluded
    double link_chars = 0;  // of which inside <a>
    double score = 0;       // from the text blocks below
    int blocks = 0;         // text blocks below
};

bool is_punct(char32_t c) {
    return c == U'，' || c == U'。' || c == U'！' || c == U'？' || c == U'；' || c == U'：' || c == U'、' ||
           c == U'“' || c == U'”' || c == ',' || c == '.' || c == '!' || c == '?' || c == ';' || c == '"';
}

// Characters and punctuation of a text.
void count_text(std::string_view t, double& chars, double& punct) {
    for (std::size_t i = 0; i < t.size();) {
        char32_t c = plaintext::next_cp(t, i);
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == 0xA0 || c == 0x3000) continue;
        ++chars;
        if (is_punct(c)) ++punct;
    }
}

class Scorer {
public:
    std::unordered_map<const Node*, Stats> stats;

    // Fills stats bottom-up; returns the node's totals.
    Stats walk(const Node& n, bool in_link, bool in_block, const Node* parent) {
        Stats s;
        // Text directly in a container forms blocks; inside a paragraph it is the paragraph's.
        const bool runs = !in_block && is_container(n.name);
        const bool block_below = in_block || n.name == "p" || n.name == "pre" || n.name == "h2" || n.name == "h3";
        // The inline run being built directly in this container.
        double run_chars = 0, run_punct = 0;
        auto end_run = [&] {
            if (runs && run_chars >= 10) add_block(run_chars, run_punct, &n, parent);
            run_chars = run_punct = 0;
        };
        for (const auto& c : n.children) {
            if (!c.is_element()) {
                double ch = 0, pu = 0;
                count_text(c.text, ch, pu);
                s.chars += ch;
                if (in_link) s.link_chars += ch;
                run_chars += ch;
                run_punct += pu;
                continue;
            }
            if (c.name == "head" || c.name == "script") continue;
            bool link = in_link || c.name == "a";
            Stats k = walk(c, link, block_below, &n);
            s.chars += k.chars;
            s.link_chars += k.link_chars;
            s.blocks += k.blocks;
            if (is_inline(c.name) && c.name != "br") {
                if (c.name != "a") {
                    double ch = 0, pu = 0;
                    count_text(text_of(c), ch, pu);
                    run_chars += ch;
                    run_punct += pu;
                }
            } else if (c.name == "br") {
                // a <br> run ends a block of text
                if (run_chars >= 10) end_run();
            } else {
                end_run();
            }
            if (!block_below && (c.name == "p" || c.name == "pre" || c.name == "h2" || c.name == "h3")) {
                double ch = 0, pu = 0;
                std::string t = text_of(c);
                count_text(t, ch, pu);
                double lc = k.link_chars;
                if (ch - lc >= 10 || (ch >= 4 && pu > 0 && lc == 0)) {
                    add_block(ch, pu, &n, parent);
                    ++s.blocks;
                }
            }
        }
        end_run();
        stats[&n].chars = s.chars;
        stats[&n].link_chars = s.link_chars;
        stats[&n].blocks += s.blocks;
        return s;
    }

private:
    // A block of text scores 1 + its punctuation + its length (capped); the
    // container gets it all, the one above half.
    void add_block(double chars, double punct, const Node* container, const Node* above) {
        double score = 1 + std::min(punct, 30.0) + std::min(chars / 50.0, 6.0);
        stats[container].score += score;
        if (above) stats[above].score += score / 2;
    }
};

std::string norm(std::string_view t) {
    std::string out;
    for (char c : t)
        if (!is_space(c)) out += c;
    return out;
}

}  // namespace

std::string text_of(const Node& n) {
    if (!n.is_element()) return n.text;
    std::string out;
    for (const auto& c : n.children) out += text_of(c);
    return out;
}

namespace {

void find_by_name(const Node& n, std::string_view name, std::vector<const Node*>& out) {
    for (const auto& c : n.children) {
        if (!c.is_element()) continue;
        if (c.name == name) out.push_back(&c);
        find_by_name(c, name, out);
    }
}

const Node* head_title(const Node& html) {
    std::vector<const Node*> t;
    find_by_name(html, "title", t);
    return t.empty() ? nullptr : t.front();
}

// Headings and elements whose class says title, 4..120 characters.
void title_candidates(const Node& n, std::vector<const Node*>& out) {
    for (const auto& c : n.children) {
        if (!c.is_element() || c.name == "head") continue;
        bool heading = c.name == "h1" || c.name == "h2" || c.name == "h3";
        bool titled = false;
        for (const auto& w : hint_words(c))
            if (w.find("title") != std::string::npos || w == "headline") titled = true;
        if (heading || titled) {
            std::size_t len = plaintext::cp_count(norm(text_of(c)));
            if (len >= 4 && len <= 120) out.push_back(&c);
        }
        title_candidates(c, out);
    }
}

const Node* find_title(const Node& html) {
    const Node* title = head_title(html);
    std::string page_title = title ? norm(text_of(*title)) : std::string();
    std::vector<const Node*> cands;
    title_candidates(html, cands);
    const Node* best = nullptr;
    std::size_t best_len = 0;
    // The longest candidate the <title> contains (the headline, less the site
    // suffix); else the first <h1>.
    for (const Node* c : cands) {
        std::string t = norm(text_of(*c));
        if (!page_title.empty() && page_title.find(t) != std::string::npos && t.size() > best_len) {
            best = c;
            best_len = t.size();
        }
    }
    if (best && plaintext::cp_count(norm(text_of(*best))) >= 6) return best;
    for (const Node* c : cands)
        if (c->name == "h1") return c;
    if (best) return best;
    // Old layouts: <font><b>Headline</b></font>, the <title>'s text in bold.
    std::vector<const Node*> bold;
    for (const char* tag : {"b", "strong", "font"}) find_by_name(html, tag, bold);
    for (const Node* c : bold) {
        std::string t = norm(text_of(*c));
        if (plaintext::cp_count(t) >= 8 && page_title.find(t) != std::string::npos && (!best || c->line < best->line))
            best = c;
    }
    return best;
}

}  // namespace

Extraction find_article(const Node& html) {
    Extraction ex;
    Scorer sc;
    sc.walk(html, false, false, nullptr);
    const Node* best = nullptr;
    double best_score = 0;
    for (const auto& [node, st] : sc.stats) {
        if (!is_container(node->name) || st.score <= 0) continue;
        double link_density = st.chars > 0 ? st.link_chars / st.chars : 1;
        double s = st.score * (1 - link_density) * (1 + 0.25 * hint(*node));
        if (s > best_score || (s == best_score && best && node->line < best->line)) {
            best = node;
            best_score = s;
        }
    }
    if (!best)
        for (const auto& c : html.children)
            if (c.name == "body") best = &c;
    ex.article = best ? best : &html;
    ex.title_element = find_title(html);
    return ex;
}

namespace {

bool boilerplate(const Node& n) {
    static const char* kAlways[] = {"nav", "aside", "footer", "form", "header", "head", "script"};
    if (std::any_of(std::begin(kAlways), std::end(kAlways), [&](const char* s) { return n.name == s; })) return true;
    if (is_inline(n.name) || n.name == "p") return false;
    if (hint(n) < 0) return true;
    // A block mostly of links (a list of related stories, a share bar).
    double chars = 0, link = 0, punct = 0;
    std::function<void(const Node&, bool)> count = [&](const Node& k, bool in_link) {
        for (const auto& c : k.children) {
            if (!c.is_element()) {
                double ch = 0, pu = 0;
                count_text(c.text, ch, pu);
                chars += ch;
                punct += pu;
                if (in_link) link += ch;
            } else {
                count(c, in_link || c.name == "a");
            }
        }
    };
    count(n, n.name == "a");
    return chars > 0 && link / chars > 0.6 && n.name != "table";
}

void fragment_targets(const Node& n, std::set<std::string>& out) {
    for (const auto& c : n.children) {
        if (!c.is_element()) continue;
        if (const std::string* href = c.attr("href"); href && href->size() > 1 && (*href)[0] == '#')
            out.insert(href->substr(1));
        fragment_targets(c, out);
    }
}

// A page's classes, styles and unreferenced ids are its layout, not the article's.
void strip_layout(Node& n, const std::set<std::string>& targets) {
    std::erase_if(n.attrs, [&](const auto& kv) {
        if (kv.first == "class") return !(n.name == "ol" || n.name == "ul" || n.name == "table");
        if (kv.first == "style") return n.name != "img" && n.name != "td" && n.name != "th";
        if (kv.first == "id") return targets.count(kv.second) == 0;
        // A site's data-* are its scripts' state, not the article's (lazy image sources excepted).
        if (kv.first.rfind("data-", 0) == 0) return kv.first != "data-src" && kv.first != "data-original";
        return false;
    });
}

void clean(Node& n, const Node* title_element, const Node* original, const std::set<std::string>& targets) {
    strip_layout(n, targets);
    std::vector<Node> kept;
    kept.reserve(n.children.size());
    for (std::size_t i = 0; i < n.children.size(); ++i) {
        Node& c = n.children[i];
        const Node* orig = &original->children[i];
        if (orig == title_element) continue;
        if (c.is_element() && boilerplate(c)) continue;
        if (c.is_element()) clean(c, title_element, orig, targets);
        kept.push_back(std::move(c));
    }
    n.children = std::move(kept);
}

}  // namespace

Node clean_article(const Node& article, const Node* title_element) {
    Node copy = article;
    std::set<std::string> targets;
    fragment_targets(article, targets);
    clean(copy, title_element, &article, targets);
    return copy;
}

}  // namespace copydesk::html

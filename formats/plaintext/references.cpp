#include "plaintext/references.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "plaintext/text_util.hpp"

namespace copydesk::plaintext {

namespace {

constexpr std::array<std::string_view, 3> kHeadings{"References", "Bibliography", "参考文献"};

bool ends_with_stop(std::string_view s) {
    return ends_with(s, ".") || ends_with(s, "?") || ends_with(s, "!") || ends_with(s, "。") || ends_with(s, "？") ||
           ends_with(s, "！");
}

// "s." unless s already ends a sentence.
std::string closed(std::string_view s) {
    std::string out(s);
    if (!ends_with_stop(s)) out += '.';
    return out;
}

std::string authors_text(const std::vector<std::string>& a) {
    std::string s;
    for (std::size_t k = 0; k < a.size(); ++k) {
        if (k > 0) s += a.size() == 2 ? " and " : (k + 1 == a.size() ? ", and " : ", ");
        s += a[k];
    }
    return s;
}

// "Container 12 (3): 1–9"
std::string container_text(const Reference& r) {
    std::string s = r.container;
    if (!r.volume.empty()) s += (s.empty() ? "" : " ") + r.volume;
    if (!r.issue.empty()) s += (s.empty() ? "(" : " (") + r.issue + ")";
    if (!r.pages.empty()) s += (s.empty() ? "" : ": ") + r.pages;
    return s;
}

std::string from_parts(const Reference& r) {
    std::vector<std::string> parts;
    if (!r.authors.empty()) parts.push_back(closed(authors_text(r.authors)));
    if (!r.year.empty()) parts.push_back(closed(r.year));
    if (!r.title.empty()) parts.push_back("\u201c" + closed(r.title) + "\u201d");
    if (std::string c = container_text(r); !c.empty()) parts.push_back(closed(c));
    if (!r.publisher.empty()) parts.push_back(closed(r.publisher));
    if (!r.doi.empty()) parts.push_back("https://doi.org/" + r.doi);
    else if (!r.url.empty()) parts.push_back(r.url);
    std::string s;
    for (const auto& p : parts) s += (s.empty() ? "" : " ") + p;
    return s;
}

bool is_url_end(char c) { return c == ' ' || c == '\t' || c == '<' || c == '>' || c == '"'; }

// The token starting at `from`, without closing punctuation.
std::string token_at(std::string_view s, std::size_t from) {
    std::size_t e = from;
    while (e < s.size() && !is_url_end(s[e]) && static_cast<unsigned char>(s[e]) < 0x80) ++e;
    std::string_view t = s.substr(from, e - from);
    while (!t.empty() && std::string_view(".,;:)]").find(t.back()) != std::string_view::npos) t.remove_suffix(1);
    return std::string(t);
}

bool ascii_ieq(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t k = 0; k < a.size(); ++k)
        if ((a[k] | 0x20) != (b[k] | 0x20)) return false;
    return true;
}

// A DOI: after "doi.org/", after "doi:" / "DOI " or bare "10.NNNN/…".
std::string find_doi(std::string_view s) {
    if (auto p = s.find("doi.org/"); p != std::string_view::npos) return token_at(s, p + 8);
    for (std::size_t p = s.find("10."); p != std::string_view::npos; p = s.find("10.", p + 1)) {
        bool word_start = p == 0 || is_url_end(s[p - 1]) || s[p - 1] == ':' || s[p - 1] == '(';
        std::size_t q = p + 3, digits = 0;
        while (q < s.size() && s[q] >= '0' && s[q] <= '9') ++q, ++digits;
        if (word_start && digits >= 4 && q + 1 < s.size() && s[q] == '/') return token_at(s, p);
    }
    return {};
}

std::string find_url(std::string_view s) {
    for (std::string_view scheme : {"https://", "http://"})
        for (std::size_t p = s.find(scheme); p != std::string_view::npos; p = s.find(scheme, p + 1)) {
            std::string u = token_at(s, p);
            if (u.find("doi.org/") == std::string::npos) return u;
        }
    return {};
}

}  // namespace

const char* references_heading(bool chinese) { return chinese ? "参考文献" : "References"; }

std::string format_reference(const Reference& r) {
    if (r.text.empty()) return from_parts(r);
    std::string s = r.text;
    if (!r.doi.empty() && s.find(r.doi) == std::string::npos) s += " https://doi.org/" + r.doi;
    if (!r.url.empty() && s.find(r.url) == std::string::npos) s += " " + r.url;
    return s;
}

std::vector<Reference> take_references(std::vector<Para>& paras) {
    std::size_t h = paras.size();
    while (h-- > 0) {
        std::string_view t = trim(paras[h].text);
        if (ends_with(t, ":") || ends_with(t, "：")) t = t.substr(0, t.size() - (ends_with(t, ":") ? 1 : 3));
        bool heading = paras[h].lines == 1 && std::any_of(kHeadings.begin(), kHeadings.end(), [&](std::string_view k) {
                           return ascii_ieq(t, k);
                       });
        if (heading) break;
    }
    if (h >= paras.size() || h + 1 == paras.size()) return {};
    std::vector<Reference> refs;
    for (std::size_t k = h + 1; k < paras.size(); ++k) {
        Reference r;
        r.text = paras[k].text;
        r.doi = find_doi(r.text);
        r.url = find_url(r.text);
        refs.push_back(std::move(r));
    }
    paras.erase(paras.begin() + static_cast<std::ptrdiff_t>(h), paras.end());
    return refs;
}

}  // namespace copydesk::plaintext

#include "common/article/dateline.hpp"

#include <algorithm>

#include "copydesk/walk.hpp"
#include "plaintext/byline.hpp"
#include "plaintext/labels.hpp"

namespace copydesk::article {

namespace {

bool bylined(const Contributor& c) { return !in_metadata_line(c.role) && !c.name.empty(); }
// Who goes into the bracket after the dateline: whom plain text writes there.
bool in_dateline(const Contributor& c) { return plaintext::is_byline(c) && !c.name.empty(); }

bool ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";

std::string_view trim_start(std::string_view s) {
    for (;;) {
        if (!s.empty() && ascii_space(s.front())) s.remove_prefix(1);
        else if (s.substr(0, 3) == kIdeographicSpace) s.remove_prefix(3);
        else return s;
    }
}

std::string_view trimmed(std::string_view s) {
    s = trim_start(s);
    for (;;) {
        if (!s.empty() && ascii_space(s.back())) s.remove_suffix(1);
        else if (s.size() >= 3 && s.substr(s.size() - 3) == kIdeographicSpace) s.remove_suffix(3);
        else return s;
    }
}

bool is_dateline_span(const Inline& i) {
    if (!i.is<Span>()) return false;
    const auto& cls = i.as<Span>().attr.classes;
    return std::find(cls.begin(), cls.end(), kDatelineClass) != cls.end();
}

}  // namespace

bool byline_in_dateline(const Metadata& m) {
    return !m.dateline.empty() && m.byline_placement == BylinePlacement::Start &&
           std::any_of(m.contributors.begin(), m.contributors.end(), in_dateline);
}

bool shown_in_dateline(const Metadata& m, const Contributor& c) { return in_dateline(c) && byline_in_dateline(m); }

std::string dateline_text(const Metadata& m, Script s) {
    if (m.dateline.empty()) return {};
    std::string out = m.dateline;
    if (byline_in_dateline(m)) {
        std::vector<const Contributor*> cs;
        for (const auto& c : m.contributors)
            if (in_dateline(c)) cs.push_back(&c);
        if (s == Script::Latin) out += ' ';  // "LONDON (By Ann)", as Latin text spaces a bracket
        out += plaintext::format_byline(cs, s != Script::Latin);
    }
    return out;
}

std::string_view dateline_separator(const Metadata& m, Script s) {
    if (s == Script::Latin || s == Script::Korean) return " ";
    return byline_in_dateline(m) ? "" : "\xE3\x80\x80";  // 新华社北京电（记者 王俊）法国…
}

void apply_shown_dateline(Metadata& m, std::string_view shown) {
    shown = trimmed(shown);
    if (shown.empty()) return;
    auto sb = plaintext::match_start_byline(shown);
    if (!sb || sb->consumed < shown.size() || sb->contributors.empty()) {
        m.dateline = std::string(shown);
        return;
    }
    m.dateline = sb->dateline.empty() ? std::string(shown) : sb->dateline;
    m.byline_placement = BylinePlacement::Start;
    if (std::none_of(m.contributors.begin(), m.contributors.end(), bylined))
        for (auto& c : sb->contributors) m.contributors.push_back(std::move(c));
}

void trim_leading_space(Inlines& in) {
    if (in.empty() || !in.front().is<Text>()) return;
    std::string& t = in.front().as<Text>().text;
    t = std::string(trim_start(t));
    if (t.empty()) in.erase(in.begin());
}

bool take_dateline(Document& doc) {
    if (doc.blocks.empty() || !doc.blocks.front().is<Paragraph>()) return false;
    Inlines& in = doc.blocks.front().as<Paragraph>().content;
    if (in.empty() || !is_dateline_span(in.front())) return false;
    const std::string shown = stringify(in.front());
    in.erase(in.begin());
    trim_leading_space(in);
    if (in.empty()) doc.blocks.erase(doc.blocks.begin());
    apply_shown_dateline(doc.metadata, shown);
    return true;
}

}  // namespace copydesk::article

// Whitespace of JATS text, as a renderer treats it: XML files are usually
// indented and wrapped, so a run of spaces and newlines is one space; a line
// break between two CJK characters is nothing (Chinese has no spaces between
// words, and pretty-printers wrap lines anywhere).
#include "jats/jats_reader.hpp"

namespace copydesk::jats::reader {

namespace {

bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The code point that starts at s[i] (ASCII and errors as bytes).
char32_t at(std::string_view s, std::size_t i) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b < 0xE0 || b >= 0xF0 || i + 2 >= s.size()) return b;
    return static_cast<char32_t>(((b & 0x0F) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3F) << 6) |
                                 (static_cast<unsigned char>(s[i + 2]) & 0x3F));
}

// The code point that ends just before s[i].
char32_t before(std::string_view s, std::size_t i) {
    std::size_t j = i;
    while (j > 0 && (static_cast<unsigned char>(s[j - 1]) & 0xC0) == 0x80) --j;
    return j > 0 ? at(s, j - 1) : 0;
}

bool cjk(char32_t c) {
    return (c >= 0x2E80 && c <= 0x303F) || (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x9FFF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFFEF);
}

struct State {
    bool prev_space = true;  // at the start: leading space is dropped
};

void collapse(std::string& s, State& st) {
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        if (!space(s[i])) {
            out += s[i++];
            st.prev_space = false;
            continue;
        }
        std::size_t j = i;
        bool newline = false;
        for (; j < s.size() && space(s[j]); ++j)
            if (s[j] == '\n') newline = true;
        bool cjk_join = newline && !out.empty() && j < s.size() && cjk(before(out, out.size())) && cjk(at(s, j));
        if (!st.prev_space && !cjk_join) {
            out += ' ';
            st.prev_space = true;
        }
        i = j;
    }
    s = std::move(out);
}

void collapse(Inlines& is, State& st) {
    for (auto& i : is) {
        if (i.is<Text>()) collapse(i.as<Text>().text, st);
        else if (i.is<LineBreak>()) st.prev_space = true;
        else if (i.is<Code>() || i.is<Math>() || i.is<Image>() || i.is<RawInline>()) st.prev_space = false;
        else if (Inlines* c = i.children()) collapse(*c, st);
    }
}

void drop_empty(Inlines& is) {
    Inlines out;
    out.reserve(is.size());
    for (auto& i : is) {
        if (i.is<Text>() && i.as<Text>().text.empty()) continue;
        if (i.is<Text>() && !out.empty() && out.back().is<Text>()) {
            out.back().as<Text>().text += i.as<Text>().text;
            continue;
        }
        if (Inlines* c = i.children()) drop_empty(*c);
        out.push_back(std::move(i));
    }
    is = std::move(out);
}

// Removes the space at the very end (inside the last container, if need be)
// and before line breaks.
void trim_end(Inlines& is) {
    for (std::size_t k = 0; k < is.size(); ++k) {
        bool last = k + 1 == is.size();
        bool before_break = !last && is[k + 1].is<LineBreak>();
        if (!last && !before_break) continue;
        if (is[k].is<Text>()) {
            std::string& t = is[k].as<Text>().text;
            if (!t.empty() && t.back() == ' ') t.pop_back();
        } else if (last) {
            if (Inlines* c = is[k].children()) trim_end(*c);
        }
    }
}

}  // namespace

void normalize_space(Inlines& is) {
    State st;
    collapse(is, st);
    trim_end(is);
    drop_empty(is);
}

}  // namespace copydesk::jats::reader

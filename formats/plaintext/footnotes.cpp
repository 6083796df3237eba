#include "plaintext/footnotes.hpp"

#include <string_view>

namespace copydesk::plaintext {

namespace {

// A bracketed number `[n]` (1 to 4 ASCII digits) at s[i]: its value (0 with a
// leading zero, never a marker) and length, or -1.
int marker_at(std::string_view s, std::size_t i, std::size_t& len) {
    if (i >= s.size() || s[i] != '[') return -1;
    std::size_t j = i + 1;
    int v = 0;
    while (j < s.size() && j - i <= 4 && s[j] >= '0' && s[j] <= '9') v = v * 10 + (s[j++] - '0');
    if (j == i + 1 || j >= s.size() || s[j] != ']') return -1;
    len = j + 1 - i;
    return s[i + 1] == '0' ? 0 : v;
}

// The number of a note paragraph "[n] text" (or "[n]" alone, an empty note).
int note_number(std::string_view s, std::size_t& body) {
    std::size_t len = 0;
    int v = marker_at(s, 0, len);
    if (v <= 0) return 0;
    if (len == s.size()) {
        body = len;
        return v;
    }
    if (s[len] != ' ') return 0;
    body = len + 1;
    return v;
}

// Calls f(number, offset, length) for each marker of `s`.
template <class F> void for_each_marker(std::string_view s, F&& f) {
    for (std::size_t i = s.find('['); i != std::string_view::npos; i = s.find('[', i + 1)) {
        std::size_t len = 0;
        if (int v = marker_at(s, i, len); v >= 0) f(v, i, len);
    }
}

Inline make_note(std::string text) {
    Note n;
    if (!text.empty()) {
        Paragraph p;
        p.content.push_back(Text{std::move(text)});
        n.content.push_back(Block(std::move(p)));
    }
    return Inline(std::move(n));
}

void attach_inlines(Inlines& content, std::vector<std::string>& notes, std::size_t& next) {
    if (content.size() != 1 || !content[0].is<Text>()) return;
    std::string text = std::move(content[0].as<Text>().text);
    Inlines out;
    std::size_t from = 0;
    for_each_marker(text, [&](int, std::size_t at, std::size_t len) {
        if (next >= notes.size()) return;
        if (at > from) out.push_back(Text{text.substr(from, at - from)});
        out.push_back(make_note(std::move(notes[next++])));
        from = at + len;
    });
    if (out.empty()) {
        content[0].as<Text>().text = std::move(text);
        return;
    }
    if (from < text.size()) out.push_back(Text{text.substr(from)});
    content = std::move(out);
}

std::size_t count_markers(const Inlines& content) {
    std::size_t n = 0;
    if (content.size() == 1 && content[0].is<Text>())
        for_each_marker(content[0].as<Text>().text, [&](int, std::size_t, std::size_t) { ++n; });
    return n;
}

void count_blocks(const Blocks& blocks, std::size_t& n) {
    for (const auto& b : blocks) {
        if (b.is<Paragraph>()) n += count_markers(b.as<Paragraph>().content);
        else if (b.is<Heading>()) n += count_markers(b.as<Heading>().content);
        else if (b.is<BulletList>())
            for (const auto& item : b.as<BulletList>().items) count_blocks(item, n);
        else if (b.is<OrderedList>())
            for (const auto& item : b.as<OrderedList>().items) count_blocks(item, n);
    }
}

void attach_blocks(Blocks& blocks, std::vector<std::string>& notes, std::size_t& next) {
    for (auto& b : blocks) {
        if (next >= notes.size()) return;
        if (b.is<Paragraph>()) attach_inlines(b.as<Paragraph>().content, notes, next);
        else if (b.is<Heading>()) attach_inlines(b.as<Heading>().content, notes, next);
        else if (b.is<BulletList>())
            for (auto& item : b.as<BulletList>().items) attach_blocks(item, notes, next);
        else if (b.is<OrderedList>())
            for (auto& item : b.as<OrderedList>().items) attach_blocks(item, notes, next);
    }
}

}  // namespace

std::vector<std::string> take_notes(std::vector<Para>& paras) {
    if (paras.size() < 2) return {};
    std::size_t body = 0;
    int n = note_number(paras.back().text, body);
    if (n <= 0 || static_cast<std::size_t>(n) >= paras.size()) return {};
    std::size_t first = paras.size() - static_cast<std::size_t>(n);
    for (std::size_t k = first; k < paras.size(); ++k)
        if (note_number(paras[k].text, body) != static_cast<int>(k - first) + 1) return {};
    // Markers in the body: exactly 1..n, in order, nothing else in brackets.
    int expected = 1;
    bool ok = true;
    for (std::size_t k = 0; k < first && ok; ++k)
        if (paras[k].text.find('[') != std::string::npos)
            for_each_marker(paras[k].text, [&](int v, std::size_t, std::size_t) { ok = ok && v == expected++; });
    if (!ok || expected != n + 1) return {};
    std::vector<std::string> notes;
    notes.reserve(static_cast<std::size_t>(n));
    for (std::size_t k = first; k < paras.size(); ++k) {
        note_number(paras[k].text, body);
        notes.push_back(paras[k].text.substr(body));
    }
    paras.resize(first);
    return notes;
}

bool attach_notes(Blocks& blocks, std::vector<std::string>& notes) {
    std::size_t markers = 0;
    count_blocks(blocks, markers);
    if (markers != notes.size()) return false;
    std::size_t next = 0;
    attach_blocks(blocks, notes, next);
    return true;
}

}  // namespace copydesk::plaintext

// DOCX reader: run formatting → nested inlines, and paragraph items → lists and quotes.
#include "docx/docx_reader.hpp"

namespace copydesk::docx::rd {

namespace {

constexpr std::uint8_t kOrder[] = {kStrong, kEmph, kUnderline, kStrike, kSmallCaps, kSuper, kSub};

Inline wrap(std::uint8_t flag, Inlines content) {
    switch (flag) {
        case kStrong: return Strong{std::move(content)};
        case kEmph: return Emph{std::move(content)};
        case kUnderline: return Underline{std::move(content)};
        case kStrike: return Strikeout{std::move(content)};
        case kSmallCaps: return SmallCaps{std::move(content)};
        case kSuper: return Superscript{std::move(content)};
        default: return Subscript{std::move(content)};
    }
}

void append(Inlines& out, Inline&& in) {
    if (in.is<Code>() && !out.empty() && out.back().is<Code>() && in.as<Code>().attr.empty() &&
        out.back().as<Code>().attr.empty()) {
        out.back().as<Code>().text += in.as<Code>().text;
        return;
    }
    if (in.is<Text>()) {
        if (in.as<Text>().text.empty()) return;
        if (!out.empty() && out.back().is<Text>()) {
            out.back().as<Text>().text += in.as<Text>().text;
            return;
        }
    }
    out.push_back(std::move(in));
}

Inlines build(std::vector<Atom>& atoms, std::size_t b, std::size_t e, std::size_t level) {
    // Levels whose flag no atom here has add nothing: skip them (most runs
    // are plain, and each level would cost a vector).
    std::uint8_t present = 0;
    for (std::size_t i = b; i < e; ++i) present |= atoms[i].flags;
    while (level < sizeof(kOrder) && !(present & kOrder[level])) ++level;
    Inlines out;
    if (level == sizeof(kOrder)) {
        out.reserve(e - b);
        for (std::size_t i = b; i < e; ++i) append(out, std::move(atoms[i].node));
        return out;
    }
    const std::uint8_t bit = kOrder[level];
    std::size_t i = b;
    while (i < e) {
        const bool on = (atoms[i].flags & bit) != 0;
        std::size_t j = i;
        while (j < e && ((atoms[j].flags & bit) != 0) == on) ++j;
        Inlines inner = build(atoms, i, j, level + 1);
        if (on) {
            if (!inner.empty()) out.push_back(wrap(bit, std::move(inner)));
        } else if (out.empty()) {
            out = std::move(inner);  // already merged within itself
        } else {
            for (auto& x : inner) append(out, std::move(x));
        }
        i = j;
    }
    return out;
}

void flatten(const Inlines& in, std::uint8_t flags, std::vector<Atom>& out) {
    for (const Inline& x : in) {
        std::uint8_t f = flags;
        if (x.is<Strong>()) f |= kStrong;
        else if (x.is<Emph>()) f |= kEmph;
        else if (x.is<Underline>()) f |= kUnderline;
        else if (x.is<Strikeout>()) f |= kStrike;
        else if (x.is<SmallCaps>()) f |= kSmallCaps;
        else if (x.is<Superscript>()) f |= kSuper;
        else if (x.is<Subscript>()) f |= kSub;
        const bool formatting = x.is<Strong>() || x.is<Emph>() || x.is<Underline>() || x.is<Strikeout>() ||
                                x.is<SmallCaps>() || x.is<Superscript>() || x.is<Subscript>();
        if (formatting) {
            flatten(*x.children(), f, out);
        } else if (x.is<Link>()) {
            // DOCX formatting lives in the runs inside a hyperlink.
            Link l = x.as<Link>();
            std::vector<Atom> inner;
            flatten(l.content, flags, inner);
            l.content = build_inlines(inner);
            out.push_back({Inline(std::move(l)), 0});
        } else {
            // A note reference carries no emphasis of its own.
            out.push_back({x, x.is<Note>() ? std::uint8_t{0} : flags});
        }
    }
}

}  // namespace

Inlines build_inlines(std::vector<Atom>& atoms) { return build(atoms, 0, atoms.size(), 0); }

Inlines canonical_inlines(const Inlines& in) {
    std::vector<Atom> atoms;
    flatten(in, 0, atoms);
    return build_inlines(atoms);
}

// ----------------------------------------------------------------- lists

namespace {

bool is_list(const Item& it) { return it.num && it.level && !it.level->none; }

bool same_list(const Item& a, const Item& b) {
    return a.list_key == b.list_key && a.level->bullet == b.level->bullet &&
           (a.level->bullet || a.level->style == b.level->style);
}

Block parse_list(std::vector<Item>& items, std::size_t& pos, std::size_t end, int level) {
    const Item& first = items[pos];
    const Item head = Item{Block{}, first.num, first.level, first.list_key, first.number, false, first.kind};
    std::vector<Blocks> out;
    while (pos < end) {
        Item& it = items[pos];
        if (!it.num) {  // a continuation paragraph
            if (it.cont_level < level || out.empty()) break;
            out.back().push_back(std::move(it.block));
            ++pos;
            continue;
        }
        const int il = it.num->ilvl;
        if (il < level) break;
        if (il == level) {
            if (!same_list(head, it)) break;
            out.push_back(Blocks{});
            out.back().push_back(std::move(it.block));
            ++pos;
        } else {
            Block nested = parse_list(items, pos, end, il);
            if (out.empty()) out.emplace_back();
            out.back().push_back(std::move(nested));
        }
    }
    if (head.level->bullet) return BulletList{std::move(out)};
    OrderedList ol;
    ol.start = head.number;
    ol.style = head.level->style;
    ol.items = std::move(out);
    return ol;
}

bool is_caption(const Item& it) { return it.kind == StyleKind::Caption && it.block.is<Paragraph>(); }

}  // namespace

bool image_only(const Block& b) {
    if (!b.is<Paragraph>()) return false;
    bool image = false;
    for (const Inline& x : b.as<Paragraph>().content) {
        if (x.is<Image>()) image = true;
        else if (!(x.is<Span>() && x.as<Span>().content.empty())) return false;
    }
    return image;
}

namespace {

bool is_anchor(const Inline& x) {
    return x.is<Span>() && x.as<Span>().content.empty() && x.as<Span>().attr.classes.size() == 1 &&
           x.as<Span>().attr.classes[0] == "anchor";
}

// Removes `label` and the one space after it from the start of a caption
// paragraph (bookmarks before it stay); false if it does not start so.
bool strip_label(Inlines& in, std::string_view label) {
    std::size_t i = 0;
    while (i < in.size() && is_anchor(in[i])) ++i;
    if (i == in.size() || !in[i].is<Text>()) return false;
    std::string& t = in[i].as<Text>().text;
    if (t.compare(0, label.size(), label) != 0) return false;
    std::size_t cut = label.size();
    if (cut < t.size() && t[cut] == ' ') ++cut;
    t.erase(0, cut);
    if (t.empty()) in.erase(in.begin() + static_cast<std::ptrdiff_t>(i));
    return true;
}

// An image paragraph with caption paragraphs after it, unless those precede
// a table: Word puts table captions above the table, figure captions below.
bool word_figure(const std::vector<Item>& items, std::size_t i) {
    const std::size_t n = items.size();
    if (i + 1 >= n || !is_caption(items[i + 1]) || items[i].num || items[i].quote || !image_only(items[i].block))
        return false;
    std::size_t k = i + 1;
    while (k < n && is_caption(items[k])) ++k;
    return !(k < n && items[k].block.is<Table>() && items[k].block.as<Table>().caption.empty());
}

// Figure paragraphs [b, e) and their caption paragraphs [e, c) → one Figure.
Figure make_figure(std::vector<Item>& items, std::size_t b, std::size_t e, std::size_t c) {
    Figure f;
    for (std::size_t k = b; k < e; ++k) f.content.push_back(std::move(items[k].block));
    // The writer's bookmark for the figure id opens its first paragraph.
    auto& first = f.content.front().as<Paragraph>().content;
    for (auto it = first.begin(); it != first.end() && is_anchor(*it); ++it) {
        const std::string& id = it->as<Span>().attr.id;
        if (!id.empty() && id[0] != '_') {
            f.attr.id = id;
            first.erase(it);
            break;
        }
    }
    for (std::size_t k = e; k < c; ++k) f.caption.push_back(std::move(items[k].block));
    if (e < c && !items[e].label.empty()) {
        auto& cap = f.caption.front().as<Paragraph>().content;
        if (strip_label(cap, items[e].label)) {
            f.label = items[e].label;
            if (cap.empty()) f.caption.erase(f.caption.begin());
        }
    }
    return f;
}

}  // namespace

Blocks assemble(std::vector<Item>& items) {
    Blocks out;
    out.reserve(items.size());
    assemble_into(items, out);
    return out;
}

void assemble_into(std::vector<Item>& items, Blocks& out) {
    std::size_t i = 0;
    const std::size_t n = items.size();
    while (i < n) {
        if (items[i].dropped) {
            ++i;
        } else if (is_list(items[i])) {
            std::size_t j = i;
            while (j < n && (is_list(items[j]) || (items[j].cont_level >= 0 && !items[j].num))) ++j;
            std::size_t pos = i;
            while (pos < j) {
                if (!items[pos].num) out.push_back(std::move(items[pos++].block));
                else out.push_back(parse_list(items, pos, j, items[pos].num->ilvl));
            }
            i = j;
        } else if (items[i].block.is<Paragraph>() &&
                   (items[i].kind == StyleKind::Figure || word_figure(items, i))) {
            // Figure-style paragraphs, or one image paragraph, and the caption
            // paragraphs after them are a figure.
            std::size_t j = i + 1;
            while (items[i].kind == StyleKind::Figure && j < n && items[j].kind == StyleKind::Figure &&
                   items[j].block.is<Paragraph>())
                ++j;
            std::size_t k = j;
            while (k < n && is_caption(items[k])) ++k;
            out.push_back(make_figure(items, i, j, k));
            i = k;
        } else if (is_caption(items[i])) {
            // Caption paragraphs right before a table are its caption.
            std::size_t j = i;
            while (j < n && items[j].kind == StyleKind::Caption && items[j].block.is<Paragraph>()) ++j;
            if (j < n && items[j].block.is<Table>() && items[j].block.as<Table>().caption.empty()) {
                Table& t = items[j].block.as<Table>();
                for (std::size_t k = i; k < j; ++k) t.caption.push_back(std::move(items[k].block));
                i = j;
            } else {
                for (; i < j; ++i) out.push_back(std::move(items[i].block));
            }
        } else if (items[i].quote) {
            BlockQuote q;
            while (i < n && items[i].quote && !is_list(items[i])) q.content.push_back(std::move(items[i++].block));
            out.push_back(std::move(q));
        } else if (items[i].block.is<CodeBlock>() && !out.empty() && out.back().is<CodeBlock>() &&
                   items[i].kind == StyleKind::Code && i > 0 && items[i - 1].kind == StyleKind::Code) {
            // Consecutive code paragraphs are one code block.
            auto& prev = out.back().as<CodeBlock>();
            prev.text += "\n";
            prev.text += items[i].block.as<CodeBlock>().text;
            ++i;
        } else {
            out.push_back(std::move(items[i++].block));
        }
    }
}

}  // namespace copydesk::docx::rd

#include "copydesk/walk.hpp"

#include <type_traits>

namespace copydesk {

namespace {

// One traversal for const and mutable trees: V is Visitor or ConstVisitor,
// B/I are (const) Block / Inline.
template <class V, class B, class I> struct Walker {
    const V& v;
    using BlocksT = std::conditional_t<std::is_const_v<B>, const Blocks, Blocks>;
    using InlinesT = std::conditional_t<std::is_const_v<I>, const Inlines, Inlines>;

    void blocks(BlocksT& bs) {
        for (auto& b : bs) block(b);
    }
    void inlines(InlinesT& is) {
        for (auto& i : is) inline_(i);
    }
    void block(B& b) {
        if (v.block) v.block(b);
        b.visit(
            [this](auto& n) {
                using T = std::decay_t<decltype(n)>;
                if constexpr (std::is_same_v<T, Paragraph> || std::is_same_v<T, Heading>) inlines(n.content);
                else if constexpr (std::is_same_v<T, BlockQuote> || std::is_same_v<T, Div>) blocks(n.content);
                else if constexpr (std::is_same_v<T, BulletList> || std::is_same_v<T, OrderedList>) {
                    for (auto& item : n.items) blocks(item);
                } else if constexpr (std::is_same_v<T, Table>) {
                    blocks(n.caption);
                    for (auto* rows : {&n.head, &n.body, &n.foot})
                        for (auto& row : *rows)
                            for (auto& cell : row.cells) blocks(cell.content);
                } else if constexpr (std::is_same_v<T, Figure>) {
                    blocks(n.content);
                    blocks(n.caption);
                }
            });
    }
    void inline_(I& i) {
        if (v.inline_) v.inline_(i);
        i.visit(
            [this](auto& n) {
                using T = std::decay_t<decltype(n)>;
                if constexpr (std::is_same_v<T, Note>) blocks(n.content);
                else if constexpr (std::is_same_v<T, Image>) inlines(n.alt);
                else if constexpr (requires { n.content; }) inlines(n.content);
            });
    }
};

using MutWalker = Walker<Visitor, Block, Inline>;
using ConstWalker = Walker<ConstVisitor, const Block, const Inline>;

}  // namespace

void walk(Document& d, const Visitor& v) {
    MutWalker w{v};
    w.blocks(d.metadata.abstract);
    w.blocks(d.blocks);
}
void walk(Blocks& b, const Visitor& v) { MutWalker{v}.blocks(b); }
void walk(Inlines& i, const Visitor& v) { MutWalker{v}.inlines(i); }
void walk(const Document& d, const ConstVisitor& v) {
    ConstWalker w{v};
    w.blocks(d.metadata.abstract);
    w.blocks(d.blocks);
}
void walk(const Blocks& b, const ConstVisitor& v) { ConstWalker{v}.blocks(b); }
void walk(const Inlines& i, const ConstVisitor& v) { ConstWalker{v}.inlines(i); }

namespace {
void append_inlines(std::string& out, const Inlines& is);

void append_inline(std::string& out, const Inline& i) {
    i.visit(
        [&out](const auto& n) {
            using T = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<T, Text> || std::is_same_v<T, Code>) out += n.text;
            else if constexpr (std::is_same_v<T, Math>) {
                if (n.notation == MathNotation::TeX) out += n.text;
            } else if constexpr (std::is_same_v<T, LineBreak>) out += '\n';
            else if constexpr (std::is_same_v<T, Image>) append_inlines(out, n.alt);
            else if constexpr (std::is_same_v<T, Note> || std::is_same_v<T, RawInline>) {
            } else append_inlines(out, n.content);
        });
}

void append_inlines(std::string& out, const Inlines& is) {
    for (const auto& i : is) append_inline(out, i);
}

void append_blocks(std::string& out, const Blocks& bs);

void append_block(std::string& out, const Block& b) {
    auto sep = [&out] {
        if (!out.empty() && out.back() != '\n') out += '\n';
    };
    b.visit(
        [&](const auto& n) {
            using T = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<T, Paragraph> || std::is_same_v<T, Heading>) {
                sep();
                append_inlines(out, n.content);
            } else if constexpr (std::is_same_v<T, BlockQuote> || std::is_same_v<T, Div>) append_blocks(out, n.content);
            else if constexpr (std::is_same_v<T, BulletList> || std::is_same_v<T, OrderedList>) {
                for (const auto& item : n.items) append_blocks(out, item);
            } else if constexpr (std::is_same_v<T, Table>) {
                append_blocks(out, n.caption);
                for (const auto* rows : {&n.head, &n.body, &n.foot})
                    for (const auto& row : *rows)
                        for (const auto& cell : row.cells) append_blocks(out, cell.content);
            } else if constexpr (std::is_same_v<T, Figure>) {
                append_blocks(out, n.content);
                append_blocks(out, n.caption);
            } else if constexpr (std::is_same_v<T, CodeBlock>) {
                sep();
                out += n.text;
            }
        });
}

void append_blocks(std::string& out, const Blocks& bs) {
    for (const auto& b : bs) append_block(out, b);
}
}  // namespace

std::string stringify(const Inlines& is) {
    std::string s;
    append_inlines(s, is);
    return s;
}
std::string stringify(const Inline& i) {
    std::string s;
    append_inline(s, i);
    return s;
}
std::string stringify(const Block& b) {
    std::string s;
    append_block(s, b);
    return s;
}
std::string stringify(const Blocks& bs) {
    std::string s;
    append_blocks(s, bs);
    return s;
}
std::string stringify(const Document& d) {
    std::string s = d.metadata.title;
    append_blocks(s, d.blocks);
    return s;
}

}  // namespace copydesk

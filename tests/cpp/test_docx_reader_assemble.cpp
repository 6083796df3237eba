// The DOCX reader's streaming body assembly (rd::BodyAssembler) against the
// whole-body algorithm it replaced (article head taken from the items, end
// bylines popped, later titles made headings, then rd::assemble over all
// items), on random item sequences: the same blocks and the same metadata.
#include "test_support.hpp"

#include <random>

#include "copydesk/walk.hpp"
#include "docx/docx_reader.hpp"

using namespace copydesk;
using docx::rd::Item;
using docx::rd::LevelDef;
using docx::rd::StyleKind;

namespace {

// The reader before streaming: all items held, then the head, then assemble().
Blocks whole_body(std::vector<Item> items, Metadata& m) {
    std::size_t i = 0;
    bool title_seen = false;
    Blocks abstract;
    for (; i < items.size(); ++i) {
        Item& it = items[i];
        if (!it.block.is<Paragraph>()) break;
        const std::string text = xml::trim(stringify(it.block.as<Paragraph>().content));
        if (it.kind == StyleKind::Title && !title_seen) {
            m.title = text;
            title_seen = true;
        } else if (it.kind == StyleKind::Subtitle) {
            if (m.subtitle.empty()) m.subtitle = text;
        } else if (it.kind == StyleKind::Metadata || it.kind == StyleKind::Byline) {
        } else if (it.kind == StyleKind::Abstract) {
            abstract.push_back(std::move(it.block));
        } else {
            break;
        }
    }
    if (!abstract.empty()) m.abstract = std::move(abstract);
    for (std::size_t k = 0; k < i; ++k) items[k].dropped = true;
    while (!items.empty() && items.back().kind == StyleKind::Byline && items.back().block.is<Paragraph>())
        items.pop_back();
    for (auto& it : items) {
        if (it.dropped) continue;
        if ((it.kind == StyleKind::Title || it.kind == StyleKind::Subtitle) && it.block.is<Paragraph>()) {
            Heading h;
            h.level = it.kind == StyleKind::Title ? 1 : 2;
            h.content = std::move(it.block.as<Paragraph>().content);
            it.block = std::move(h);
            it.quote = false;
        }
    }
    return docx::rd::assemble(items);
}

struct Gen {
    std::mt19937 rng;
    LevelDef bullet{true, false, ListStyle::Default, 1};
    LevelDef decimal{false, false, ListStyle::Decimal, 1};
    LevelDef roman{false, false, ListStyle::LowerRoman, 3};
    int serial = 0;

    int pick(int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); }
    Paragraph para() {
        Paragraph p;
        p.content.push_back(Text{(pick(4) == 0 ? " p" : "p") + std::to_string(++serial) + (pick(4) == 0 ? " " : "")});
        return p;
    }
    // Items as the reader makes them (a number only with a visible level,
    // quotes only without one, continuations only for List Paragraphs).
    Item item() {
        static const StyleKind kinds[] = {StyleKind::None,     StyleKind::None,          StyleKind::Heading,
                                          StyleKind::Title,    StyleKind::Subtitle,      StyleKind::Quote,
                                          StyleKind::Code,     StyleKind::Caption,       StyleKind::ListParagraph,
                                          StyleKind::Metadata, StyleKind::Byline,        StyleKind::Abstract,
                                          StyleKind::Figure};
        Item it;
        it.kind = kinds[pick(13)];
        if (it.kind == StyleKind::Heading) {
            Heading h;
            h.level = 1 + pick(3);
            h.content.push_back(Text{"h" + std::to_string(++serial)});
            it.block = std::move(h);
            return it;
        }
        if (it.kind == StyleKind::Code) {
            it.block = CodeBlock{{}, "c" + std::to_string(++serial)};
            return it;
        }
        if (it.kind == StyleKind::None && pick(6) == 0) {
            Table t;
            if (pick(3) == 0) t.caption.push_back(para());
            TableRow row;
            TableCell cell;
            cell.content.push_back(para());
            row.cells.push_back(std::move(cell));
            t.body.push_back(std::move(row));
            it.block = std::move(t);
            return it;
        }
        it.block = para();
        if (it.kind == StyleKind::Caption && pick(2) == 0) it.label = "p";
        if (it.kind == StyleKind::None && pick(8) == 0) {  // an image paragraph: a figure if a caption follows
            it.block = Paragraph{{Image{{}, {}, "media/i" + std::to_string(++serial) + ".png", {}}}, {}, {}};
            return it;
        }
        if (pick(3) == 0) {
            const LevelDef* levels[] = {&bullet, &decimal, &roman};
            it.level = levels[pick(3)];
            it.num = docx::rd::NumRef{std::to_string(1 + pick(2)), pick(3)};
            it.list_key = it.num->num_id;
            it.number = 1 + pick(5);
        } else if (it.kind == StyleKind::ListParagraph && pick(2) == 0) {
            it.cont_level = pick(3);
        } else if (it.kind == StyleKind::Quote || (it.kind == StyleKind::None && pick(3) == 0)) {
            it.quote = true;
        }
        return it;
    }
};

}  // namespace

TEST_CASE("docx reader: streaming body assembly equals assembling the whole body", "[docx-reader][assemble]") {
    Gen g{std::mt19937(20261127)};
    for (int round = 0; round < 3000; ++round) {
        std::vector<Item> items;
        const int n = g.pick(round < 200 ? 6 : 40);
        for (int k = 0; k < n; ++k) items.push_back(g.item());
        Metadata preset;
        if (g.pick(3) == 0) preset.subtitle = "from docProps";
        if (g.pick(3) == 0) preset.title = "core title";

        Metadata expected_meta = preset;
        const Blocks expected = whole_body(items, expected_meta);

        docx::rd::BodyAssembler body;
        if (g.pick(2) == 0) body.reserve(static_cast<std::size_t>(g.pick(50)));
        for (Item& it : items) body.add(std::move(it));
        const Blocks got = body.finish();
        Metadata got_meta = preset;  // document properties come first, the head overrides them
        body.apply_head(got_meta);

        INFO("round " << round << ", " << n << " items");
        REQUIRE(got == expected);
        CHECK(got_meta.title == expected_meta.title);
        CHECK(got_meta.subtitle == expected_meta.subtitle);
        CHECK(got_meta.abstract == expected_meta.abstract);
    }
}

// AST → DOCX → AST: the reader gives back what the writer was given, for
// everything DOCX can represent. Generated ASTs (seeded) plus corpus articles.
#include <filesystem>
#include <random>

#include "copydesk/copydesk.hpp"
#include "docx/docx.hpp"
#include "docx/docx_reader.hpp"
#include "test_support.hpp"

using namespace copydesk;

namespace {

// DOCX keeps formatting per run: nesting order is not representable, so both
// sides are compared in the reader's canonical nesting.
void canonicalize(Document& d) {
    walk(d, Visitor{[](Block& b) {
                        if (b.is<Paragraph>()) b.as<Paragraph>().content = docx::rd::canonical_inlines(b.as<Paragraph>().content);
                        else if (b.is<Heading>()) b.as<Heading>().content = docx::rd::canonical_inlines(b.as<Heading>().content);
                    },
                    {}});
}

class Gen {
public:
    explicit Gen(unsigned seed) : rng_(seed) {}

    Document document() {
        Document d;
        if (chance(0.7)) d.metadata.title = words(2, 6);
        if (chance(0.3)) d.metadata.subtitle = words(2, 5);
        if (chance(0.4)) d.metadata.source = "太仓日报";
        const int n = pick(1, 12);
        for (int i = 0; i < n; ++i) {
            Block b = block(0);
            // Adjacent lists, quotes, code blocks or figures merge in DOCX: keep a paragraph between.
            if (!d.blocks.empty() && d.blocks.back().node.index() == b.node.index() && !b.is<Paragraph>() &&
                !b.is<Heading>())
                d.blocks.push_back(plain_paragraph());
            // A figure's captions run on into a table's caption (both are Caption paragraphs).
            else if (!d.blocks.empty() && d.blocks.back().is<Figure>() && b.is<Table>())
                d.blocks.push_back(plain_paragraph());
            d.blocks.push_back(std::move(b));
        }
        return d;
    }

private:
    std::mt19937 rng_;
    int note_depth_ = 0;

    int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
    bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }

    std::string word() {
        static const char* const kWords[] = {"新闻", "太仓", "记者", "article", "copy", "desk", "港口", "经济",
                                             "2023", "Word", "引用", "数据", "alpha", "β", "“引号”", "列表"};
        return kWords[pick(0, 15)];
    }
    std::string words(int lo, int hi) {
        std::string s = word();
        for (int i = pick(lo, hi) - 1; i > 0; --i) s += (chance(0.5) ? " " : "") + word();
        return s;
    }

    Inlines inlines(int depth) {
        Inlines out;
        const int n = pick(1, 5);
        for (int i = 0; i < n; ++i) {
            const int k = pick(0, depth > 1 ? 0 : 14);
            if (k <= 5) {
                out.push_back(Text{(out.empty() ? "" : " ") + words(1, 4)});
            } else if (k == 6) {
                out.push_back(Strong{inlines(depth + 1)});
            } else if (k == 7) {
                out.push_back(Emph{inlines(depth + 1)});
            } else if (k == 8) {
                switch (pick(0, 4)) {
                    case 0: out.push_back(Underline{inlines(depth + 1)}); break;
                    case 1: out.push_back(Strikeout{inlines(depth + 1)}); break;
                    // One vertical alignment per run: super/sub hold plain text.
                    case 2: out.push_back(Superscript{{Text{word()}}}); break;
                    case 3: out.push_back(Subscript{{Text{word()}}}); break;
                    default: out.push_back(SmallCaps{inlines(depth + 1)}); break;
                }
            } else if (k == 9) {
                out.push_back(Code{{}, "x = " + std::to_string(pick(0, 99))});
            } else if (k == 10) {
                Link l;
                l.target = "https://example.com/" + std::to_string(pick(0, 999));
                l.content.push_back(Text{words(1, 3)});
                out.push_back(std::move(l));
            } else if (k == 11 && !out.empty()) {
                out.push_back(LineBreak{});
                out.push_back(Text{words(1, 2)});
            } else if (k == 12 && note_depth_ == 0) {
                ++note_depth_;
                Note note;
                if (chance(0.4)) note.attr.classes.push_back("endnote");
                note.content.push_back(plain_paragraph());
                --note_depth_;
                out.push_back(std::move(note));
            } else {
                out.push_back(Text{" " + word()});
            }
        }
        return out;
    }

    Block plain_paragraph() {
        Paragraph p;
        p.content.push_back(Text{words(1, 6)});
        return p;
    }

    Block paragraph() {
        Paragraph p;
        p.content = inlines(0);
        if (chance(0.3)) p.first_line_indent = chance(0.7) ? Length{2, LengthUnit::Em} : Length{24, LengthUnit::Pt};
        if (chance(0.2)) p.align = static_cast<Alignment>(pick(1, 4));
        return p;
    }

    Block list(int depth) {
        std::vector<Blocks> items;
        const int n = pick(1, 4);
        for (int i = 0; i < n; ++i) {
            Blocks item;
            item.push_back(paragraph_no_indent());
            if (chance(0.2)) item.push_back(paragraph_no_indent());
            if (depth < 2 && chance(0.25)) item.push_back(list(depth + 1));
            items.push_back(std::move(item));
        }
        if (chance(0.5)) return BulletList{std::move(items)};
        OrderedList ol;
        ol.start = chance(0.7) ? 1 : pick(2, 20);
        static const ListStyle kStyles[] = {ListStyle::Decimal, ListStyle::LowerAlpha, ListStyle::UpperAlpha,
                                            ListStyle::LowerRoman, ListStyle::UpperRoman, ListStyle::CJK};
        ol.style = kStyles[pick(0, 5)];
        ol.items = std::move(items);
        return ol;
    }

    Block paragraph_no_indent() {
        Paragraph p;
        p.content = inlines(0);
        return p;
    }

    Block table() {
        Table t;
        const int cols = pick(1, 4);
        for (int c = 0; c < cols; ++c) t.col_widths.push_back(std::round(10000.0 / cols) / 10000.0);
        auto row = [&] {
            TableRow r;
            for (int c = 0; c < cols; ++c) {
                TableCell cell;
                cell.content.push_back(plain_paragraph());
                if (chance(0.1)) cell.align = Alignment::Center;
                r.cells.push_back(std::move(cell));
            }
            return r;
        };
        if (chance(0.5)) t.head.push_back(row());
        for (int i = pick(1, 4); i > 0; --i) t.body.push_back(row());
        if (chance(0.3)) t.caption.push_back(plain_paragraph());
        return t;
    }

    Block figure() {
        Figure f;
        if (chance(0.5)) f.attr.id = "fig-" + std::to_string(pick(1, 99));
        for (int i = pick(1, 2); i > 0; --i) f.content.push_back(plain_paragraph());
        if (chance(0.6)) f.label = chance(0.5) ? "图" + std::to_string(pick(1, 9)) : "Figure " + std::to_string(pick(1, 9));
        const int captions = pick(0, 2);
        for (int i = 0; i < captions; ++i) f.caption.push_back(i == 0 ? paragraph_no_indent() : plain_paragraph());
        return f;
    }

    Block block(int depth) {
        if (chance(0.08)) return figure();
        switch (pick(0, 9)) {
            case 0: case 1: case 2: case 3: return paragraph();
            case 4: {
                Heading h;
                h.level = pick(1, 6);
                h.content = inlines(1);
                return h;
            }
            case 5: case 6: return list(depth);
            case 7: return table();
            case 8: {
                BlockQuote q;
                for (int i = pick(1, 2); i > 0; --i) q.content.push_back(paragraph_no_indent());
                return q;
            }
            default: {
                CodeBlock c;
                c.text = "int x = " + std::to_string(pick(0, 9)) + ";";
                if (chance(0.5)) c.text += "\nreturn x;";
                return c;
            }
        }
    }
};

Document round_trip(const Document& d) {
    Options o;
    Diagnostics diags;
    WriteContext wctx{"rt.docx", o, diags};
    std::string bytes = docx::write(d, wctx);
    ReadContext rctx{"rt.docx", o, Limits{}};
    return docx::read(bytes, rctx);
}

bool writer_available() {
    try {
        Document d;
        Options o;
        Diagnostics diags;
        WriteContext ctx{"", o, diags};
        (void)docx::write(d, ctx);
        return true;
    } catch (const UnsupportedFormatError&) {
        return false;
    }
}

}  // namespace

TEST_CASE("docx round trip: generated ASTs come back unchanged", "[docx-reader][roundtrip]") {
    if (!writer_available()) COPYDESK_SKIP("DOCX writer not built yet");
    int failures = 0, figures = 0, endnotes = 0;
    for (unsigned seed = 1; seed <= 300; ++seed) {
        Gen g(seed);
        Document d = g.document();
        for (const Block& b : d.blocks)
            if (b.is<Figure>() && !b.as<Figure>().label.empty() && !b.as<Figure>().caption.empty()) ++figures;
        walk(d, Visitor{{}, [&](Inline& x) {
                            if (x.is<Note>() && x.as<Note>().attr.classes == std::vector<std::string>{"endnote"})
                                ++endnotes;
                        }});
        canonicalize(d);
        Document back = round_trip(d);
        canonicalize(back);
        back.metadata = d.metadata;  // compared separately below
        if (!(back.blocks == d.blocks)) {
            ++failures;
            if (failures <= 3) {
                JsonOptions jo;
                jo.include_diagnostics = false;
                Document a = d, b = back;
                a.metadata = {};
                b.metadata = {};
                FAIL_CHECK("seed " << seed << "\nwritten:\n" << to_json(a, jo) << "\nread back:\n" << to_json(b, jo));
            }
        }
    }
    CHECK(failures == 0);
    CHECK(figures >= 20);  // labelled, captioned figures were exercised
    CHECK(endnotes >= 20);  // and endnotes (class "endnote")
}

TEST_CASE("docx round trip: metadata and the article head", "[docx-reader][roundtrip]") {
    if (!writer_available()) COPYDESK_SKIP("DOCX writer not built yet");
    Document d;
    d.metadata.title = "太仓港集装箱吞吐量创新高";
    d.metadata.subtitle = "上半年同比增长";
    d.metadata.source = "太仓日报";
    d.metadata.language = "zh-CN";
    d.metadata.date = DateTime::parse("2023-07-13");
    d.metadata.contributors.push_back(Contributor{"王俊", Role::Reporter, "记者", {}, {}});
    d.metadata.contributors.push_back(Contributor{"俞群艳", Role::Editor, "责编", {}, {}});
    d.metadata.keywords = {"太仓港", "集装箱"};
    d.metadata.section = "本地新闻";
    d.metadata.custom.emplace_back("栏目编号", "A03");
    d.blocks.push_back(Paragraph{{Text{"昨日，记者从太仓港获悉。"}}, Length{2, LengthUnit::Em}, Alignment::Default});
    Document back = round_trip(d);
    CHECK(back.metadata.title == d.metadata.title);
    CHECK(back.metadata.subtitle == d.metadata.subtitle);
    CHECK(back.metadata.source == d.metadata.source);
    CHECK(back.metadata.language == d.metadata.language);
    REQUIRE(back.metadata.date);
    CHECK(*back.metadata.date == *d.metadata.date);
    CHECK(back.metadata.contributors == d.metadata.contributors);
    CHECK(back.metadata.keywords == d.metadata.keywords);
    CHECK(back.metadata.section == d.metadata.section);
    CHECK(back.metadata.custom == d.metadata.custom);
    CHECK(back.metadata == d.metadata);
    CHECK(back.blocks == d.blocks);  // head paragraphs are not left in the body
}

TEST_CASE("docx round trip: corpus articles (plain text → AST → DOCX → AST)", "[docx-reader][roundtrip][corpus]") {
    if (!writer_available()) COPYDESK_SKIP("DOCX writer not built yet");
    COPYDESK_REQUIRE_CORPUS(corpus);
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(corpus / "text-zh"))
        if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    const auto examples = test::source_dir() / "examples";
    if (std::filesystem::is_directory(examples))
        for (const auto& e : std::filesystem::directory_iterator(examples))
            if (e.path().extension() == ".txt") files.push_back(e.path());
    REQUIRE(!files.empty());
    int same = 0, total = 0;
    for (const auto& f : files) {
        Document d;
        try {
            d = read_file(f, "plain");
        } catch (const Error&) {
            continue;
        }
        canonicalize(d);
        d.diagnostics.clear();
        // Custom metadata with empty keys (bare fields of the metadata line) must survive too.
        Document back = round_trip(d);
        canonicalize(back);
        ++total;
        if (back == d) {
            ++same;
        } else {
            INFO(f.string());
            CHECK(back.blocks == d.blocks);
            CHECK(back.metadata == d.metadata);
        }
    }
    CHECK(same == total);
}

TEST_CASE("docx round trip: custom metadata with empty, repeated and reserved keys", "[docx][docx-reader]") {
    Document d;
    d.metadata.title = "T";
    d.metadata.source = "S";
    d.metadata.custom = {{"", "游民星空[整理]"}, {"栏目", "本地"}, {"source", "other"}, {"栏目", "again"},
                         {"custom.1", "x"}, {"", ""}};
    d.blocks.push_back(Paragraph{{Text{"p"}}});
    Diagnostics diags;
    Document back = read(write(d, "docx", {}, &diags), "docx");
    CHECK(back.metadata.custom == d.metadata.custom);
    CHECK(back.metadata.source == "S");
    for (const auto& x : diags) CHECK(x.code != "docx.custom-property-dropped");
}

TEST_CASE("docx round trip: horizontal rules (empty paragraph with a bottom border)", "[docx][docx-reader]") {
    Document d;
    d.metadata.title = "T";
    d.blocks = {Paragraph{{Text{"before"}}}, HorizontalRule{}, Paragraph{{Text{"after"}}}, HorizontalRule{}};
    Document back = read(write(d, "docx"), "docx");
    REQUIRE(back.blocks.size() == 4);
    CHECK(back.blocks[1].is<HorizontalRule>());
    CHECK(back.blocks[3].is<HorizontalRule>());
    CHECK(back.blocks == d.blocks);
}

TEST_CASE("docx round trip: an image figure with label, caption and an id linked to", "[docx][docx-reader]") {
    if (!writer_available()) COPYDESK_SKIP("DOCX writer not built yet");
    Document d;
    d.metadata.language = "zh-CN";
    // A PNG signature and IHDR (4×2 px): enough for the writer's size probe.
    std::string png("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x04\0\0\0\x02\x08\x02\0\0\0", 8 + 8 + 13);
    d.resources.push_back({"media/harbour.png", "image/png", png});
    Link to;
    to.target = "#fig-harbour";
    to.content = {Text{"见图"}};
    d.blocks.push_back(Paragraph{{to}, {}, {}});
    Figure f;
    f.attr.id = "fig-harbour";
    f.label = "图1";
    f.content.push_back(Paragraph{{Image{{}, {Text{"港口"}}, "media/harbour.png", {}}}, {}, {}});
    f.caption.push_back(Paragraph{{Text{"太仓港"}, Strong{{Text{"夜景"}}}}, {}, {}});
    f.caption.push_back(Paragraph{{Text{"摄影 王俊"}}, {}, {}});
    d.blocks.push_back(f);
    d.blocks.push_back(Paragraph{{Text{"正文"}}, {}, {}});

    Document back = round_trip(d);
    REQUIRE(back.blocks.size() == 3);
    CHECK(back.blocks[0].as<Paragraph>().content == Inlines{to});
    REQUIRE(back.blocks[1].is<Figure>());
    const Figure& g = back.blocks[1].as<Figure>();
    CHECK(g.attr.id == "fig-harbour");
    CHECK(g.label == "图1");
    CHECK(g.caption == f.caption);
    REQUIRE(g.content.size() == 1);
    const Inlines& in = g.content[0].as<Paragraph>().content;
    REQUIRE(in.size() == 1);  // the bookmark went to the figure's id
    REQUIRE(in[0].is<Image>());
    CHECK(stringify(in[0].as<Image>().alt) == "港口");
    CHECK(back.blocks[2].is<Paragraph>());
}

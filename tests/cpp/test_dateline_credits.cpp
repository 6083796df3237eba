// Datelines and credits through every format: the dateline is shown at the
// start of the lede and read back from there (not only from hidden
// metadata); each credit keeps its role and its label as written.
#include "test_support.hpp"

#include <algorithm>
#include <regex>

#include "common/article/article_head.hpp"
#include "common/article/dateline.hpp"
#include "common/zip/zip.hpp"
#include "copydesk/copydesk.hpp"

using namespace copydesk;
using article::Script;

namespace {

Paragraph para(std::string text) { return Paragraph{{Text{std::move(text)}}, std::nullopt, Alignment::Default}; }

// 新华社巴黎12月9日电（记者 唐霁）… with editors and a proofreader after the text.
Document wire_zh() {
    Document d;
    d.metadata.title = "法国再次爆发抗议";
    d.metadata.language = "zh-CN";
    d.metadata.dateline = "新华社巴黎12月9日电";
    d.metadata.byline_placement = BylinePlacement::Start;
    d.metadata.contributors = {{"唐霁", Role::Reporter, "记者", "", ""},
                               {"刘晓阳", Role::Editor, "编辑", "", ""},
                               {"李铭", Role::Proofreader, "校对", "", ""}};
    d.blocks = {para("法国9日再次爆发全国性罢工和游行示威活动。"), para("据法国内政部统计，约有34万人参加游行。")};
    return d;
}

// 本报讯　… （记者 王俊 通讯员 李琴雯 摄影 张艳）
Document local_zh() {
    Document d;
    d.metadata.title = "太仓港集装箱吞吐量创新高";
    d.metadata.language = "zh-CN";
    d.metadata.dateline = "本报讯";
    d.metadata.contributors = {{"王俊", Role::Reporter, "记者", "", ""},
                               {"李琴雯", Role::Correspondent, "通讯员", "", ""},
                               {"张艳", Role::Photographer, "摄影", "", ""}};
    d.blocks = {para("昨日，记者从太仓港获悉，上半年集装箱吞吐量同比增长。")};
    return d;
}

Document wire_en() {
    Document d;
    d.metadata.title = "Senate passes the bill";
    d.metadata.language = "en";
    d.metadata.dateline = "WASHINGTON (Reuters) -";
    d.blocks = {para("The U.S. Senate on Tuesday passed the bill."), para("It now goes to the House.")};
    return d;
}

// A dateline when the body opens with a heading: a paragraph of its own.
Document heading_first() {
    Document d = local_zh();
    Heading h;
    h.level = 2;
    h.content = {Text{"港口"}};
    d.blocks.insert(d.blocks.begin(), Block(h));
    return d;
}

// The output with the writer's hidden copy of the dateline taken out, so the
// reader has only what a reader of the document sees.
std::string without_hidden_dateline(const std::string& data, const std::string& format) {
    const std::regex docx_prop(R"(<property [^>]*name="dateline"><vt:lpwstr>[^<]*</vt:lpwstr></property>)");
    const std::regex epub_meta(R"(<meta property="copydesk:dateline">[^<]*</meta>)");
    const std::regex jats_meta(R"(<custom-meta specific-use="copydesk"><meta-name>dateline</meta-name>)"
                               R"(<meta-value>[^<]*</meta-value></custom-meta>\n?)");
    if (format == "jats") {
        std::string out = std::regex_replace(data, jats_meta, "");
        REQUIRE(out != data);
        return out;
    }
    zip::Archive in(data, Limits{});
    zip::Writer z;
    bool changed = false;
    for (const auto& e : in.entries()) {
        std::string body = in.read(e);
        if (e.name == "docProps/custom.xml" || e.name.size() > 4 && e.name.substr(e.name.size() - 4) == ".opf") {
            std::string out = std::regex_replace(body, format == "docx" ? docx_prop : epub_meta, "");
            changed = changed || out != body;
            body = std::move(out);
        }
        z.add(e.name, body, e.name != "mimetype");
    }
    REQUIRE(changed);
    return z.finish();
}

// Plain text orders credits as it writes them (the metadata line, then the byline).
std::vector<Contributor> by_name(std::vector<Contributor> cs) {
    std::sort(cs.begin(), cs.end(), [](const Contributor& a, const Contributor& b) { return a.name < b.name; });
    return cs;
}

void check_same_article(const Document& back, const Document& d) {
    CHECK(back.metadata.dateline == d.metadata.dateline);
    CHECK(by_name(back.metadata.contributors) == by_name(d.metadata.contributors));
    CHECK(back.metadata.byline_placement == d.metadata.byline_placement);
    REQUIRE(back.blocks.size() == d.blocks.size());
    for (std::size_t i = 0; i < d.blocks.size(); ++i) CHECK(stringify(back.blocks[i]) == stringify(d.blocks[i]));
}

}  // namespace

TEST_CASE("dateline: the shown form and its separator", "[article][dateline]") {
    Metadata m = wire_zh().metadata;
    CHECK(article::dateline_text(m, Script::SimplifiedChinese) == "新华社巴黎12月9日电（记者 唐霁）");
    CHECK(article::byline_in_dateline(m));
    CHECK(article::dateline_separator(m, Script::SimplifiedChinese).empty());
    Metadata local = local_zh().metadata;  // the byline stands at the end: the dateline alone
    CHECK(article::dateline_text(local, Script::SimplifiedChinese) == "本报讯");
    CHECK_FALSE(article::byline_in_dateline(local));
    CHECK(article::dateline_separator(local, Script::SimplifiedChinese) == "\u3000");
    CHECK(article::dateline_text(wire_en().metadata, Script::Latin) == "WASHINGTON (Reuters) -");
    CHECK(article::dateline_separator(wire_en().metadata, Script::Latin) == " ");
    CHECK(article::dateline_text(Metadata{}, Script::Latin).empty());
}

TEST_CASE("dateline: a shown dateline back into the metadata", "[article][dateline]") {
    Metadata m;
    article::apply_shown_dateline(m, "新华社巴黎12月9日电（记者 唐霁）\u3000");
    CHECK(m.dateline == "新华社巴黎12月9日电");
    CHECK(m.byline_placement == BylinePlacement::Start);
    REQUIRE(m.contributors.size() == 1);
    CHECK(m.contributors[0] == Contributor{"唐霁", Role::Reporter, "记者", "", ""});
    // Contributors the metadata already names (our writers' hidden copy) are not doubled.
    article::apply_shown_dateline(m, "新华社巴黎12月9日电（记者 唐霁）");
    CHECK(m.contributors.size() == 1);
    Metadata local;
    article::apply_shown_dateline(local, "本报讯");
    CHECK(local.dateline == "本报讯");
    CHECK(local.byline_placement == BylinePlacement::End);
    Metadata en;
    article::apply_shown_dateline(en, " WASHINGTON (Reuters) - ");
    CHECK(en.dateline == "WASHINGTON (Reuters) -");
    CHECK(en.contributors.empty());
}

TEST_CASE("dateline: round trip through every format", "[dateline][roundtrip]") {
    const std::pair<const char*, Document> docs[] = {
        {"wire zh", wire_zh()}, {"local zh", local_zh()}, {"wire en", wire_en()}, {"heading first", heading_first()}};
    for (const char* format : {"docx", "epub", "jats", "plain"}) {
        for (const auto& [name, d] : docs) {
            INFO(format << ": " << name);
            const std::string out = write(d, format);
            check_same_article(read(out, format), d);
            if (std::string(format) == "plain") continue;
            // Only what a reader of the document sees: the dateline at the start of the lede.
            check_same_article(read(without_hidden_dateline(out, format), format), d);
        }
    }
}

TEST_CASE("dateline: plain text shows it at the start of the lede", "[dateline][plain]") {
    CHECK(write(wire_zh(), "plain").find("新华社巴黎12月9日电（记者 唐霁）法国9日") != std::string::npos);
    CHECK(write(local_zh(), "plain").find("本报讯\u3000昨日") != std::string::npos);
    CHECK(write(wire_en(), "plain").find("WASHINGTON (Reuters) - The U.S. Senate") != std::string::npos);
}

TEST_CASE("credits: each label and role survives every format", "[credits][roundtrip]") {
    Document d = wire_zh();
    d.metadata.contributors.push_back({"李琴雯", Role::Correspondent, "通讯员", "", ""});
    d.metadata.contributors.push_back({"刘会", Role::Correspondent, "通讯员", "", ""});
    d.metadata.contributors.push_back({"张艳", Role::Photographer, "摄影", "", ""});
    d.metadata.contributors.push_back({"王文", Role::Photographer, "图/", "", ""});
    d.metadata.contributors.push_back({"周纯", Role::Author, "作者", "", ""});
    for (const char* format : {"docx", "epub", "jats", "plain"}) {
        INFO(format);
        Document back = read(write(d, format), format);
        CHECK(by_name(back.metadata.contributors) == by_name(d.metadata.contributors));
    }
}

TEST_CASE("dateline: only plain text's byline goes into the bracket; the rest stays in the byline",
          "[article][dateline]") {
    Metadata m = wire_zh().metadata;
    m.contributors.push_back({"医技药剂党支部", Role::Author, "作者", "", ""});  // zyyfy-1's author
    CHECK(article::dateline_text(m, Script::SimplifiedChinese) == "新华社巴黎12月9日电（记者 唐霁）");
    CHECK(article::byline(m, Script::SimplifiedChinese) == "作者 医技药剂党支部");
    // Without anyone for the bracket, the dateline is alone and the byline whole.
    Metadata authors_only;
    authors_only.dateline = "本报讯";
    authors_only.byline_placement = BylinePlacement::Start;
    authors_only.contributors = {{"周纯", Role::Author, "作者", "", ""}};
    CHECK_FALSE(article::byline_in_dateline(authors_only));
    CHECK(article::dateline_text(authors_only, Script::SimplifiedChinese) == "本报讯");
    CHECK(article::byline(authors_only, Script::SimplifiedChinese) == "作者 周纯");
}

// The article head shared by the DOCX and EPUB writers (formats/common/article/).
#include "test_support.hpp"

#include "common/article/article_head.hpp"

using namespace copydesk;
using article::Script;

TEST_CASE("article head: script of a language tag", "[article]") {
    CHECK(article::script_for("zh-CN") == Script::SimplifiedChinese);
    CHECK(article::script_for("zh") == Script::SimplifiedChinese);
    CHECK(article::script_for("ZH-tw") == Script::TraditionalChinese);
    CHECK(article::script_for("zh-Hant-HK") == Script::TraditionalChinese);
    CHECK(article::script_for("yue") == Script::SimplifiedChinese);
    CHECK(article::script_for("ja-JP") == Script::Japanese);
    CHECK(article::script_for("ko") == Script::Korean);
    CHECK(article::script_for("en-GB") == Script::Latin);
    CHECK(article::script_for("") == Script::Latin);
    CHECK(article::indents_first_line(Script::Japanese));
    CHECK_FALSE(article::indents_first_line(Script::Korean));
}

TEST_CASE("article head: language guessed when the document has none", "[article]") {
    Document d;
    d.metadata.title = "Plain title";
    CHECK(article::document_language(d, "en-US") == "en-US");
    d.metadata.title = "太仓新闻";
    CHECK(article::document_language(d, "en") == "zh-CN");
    d.metadata.language = "ja";
    CHECK(article::document_language(d, "en") == "ja");
}

TEST_CASE("article head: metadata line and byline in the document's script", "[article]") {
    Metadata m;
    m.source = "太仓日报";
    m.contributors = {{"俞群艳", Role::Editor, "责任编辑", "", ""},
                      {"李明", Role::Editor, "", "", ""},
                      {"王俊", Role::Reporter, "记者", "", ""},
                      {"周斌", Role::Photographer, "", "", ""}};
    m.date = DateTime::parse("2023年7月13日");
    // The editors go under the first one's label, joined by 、; the date as written.
    CHECK(article::metadata_line(m, Script::SimplifiedChinese) == "来源：太仓日报　责任编辑：俞群艳、李明　时间：2023年7月13日");
    CHECK(article::metadata_line(m, Script::Latin) == "Source: 太仓日报 | 责任编辑: 俞群艳, 李明 | Date: 2023年7月13日");
    // Everyone but editors, with their labels or the script's default one.
    CHECK(article::byline(m, Script::SimplifiedChinese) == "记者 王俊 摄影 周斌");
    CHECK(article::byline(m, Script::TraditionalChinese) == "记者 王俊 攝影 周斌");
    CHECK_FALSE(article::byline_at_start(m));
    m.byline_placement = BylinePlacement::Start;
    CHECK(article::byline_at_start(m));
    Metadata editors_only;
    editors_only.contributors = {{"俞群艳", Role::Editor, "", "", ""}};
    editors_only.byline_placement = BylinePlacement::Start;
    CHECK_FALSE(article::byline_at_start(editors_only));
    CHECK(article::byline(editors_only, Script::SimplifiedChinese).empty());
    CHECK(article::metadata_line(Metadata{}, Script::SimplifiedChinese).empty());
}

TEST_CASE("article head: each credit of the metadata line under its own label", "[article][credits]") {
    Metadata m;
    m.contributors = {{"刘晓阳", Role::Editor, "编辑", "", ""},
                      {"李铭", Role::Proofreader, "校对", "", ""},
                      {"王俊", Role::Reporter, "记者", "", ""},
                      {"张三", Role::Proofreader, "", "", ""}};
    // Not 编辑：刘晓阳、李铭: the proofreader keeps 校对; one without a label joins the one before.
    CHECK(article::metadata_line(m, Script::SimplifiedChinese) == "编辑：刘晓阳　校对：李铭、张三");
    CHECK(article::metadata_line(m, Script::Latin) == "编辑: 刘晓阳 | 校对: 李铭, 张三");
    // Proofreaders are no byline.
    CHECK(article::byline(m, Script::SimplifiedChinese) == "记者 王俊");
    m.contributors = {{"李铭", Role::Proofreader, "", "", ""}, {"刘晓阳", Role::Editor, "", "", ""}};
    CHECK(article::metadata_line(m, Script::SimplifiedChinese) == "校对：李铭　责编：刘晓阳");
    CHECK(article::metadata_line(m, Script::TraditionalChinese) == "校對：李铭　責編：刘晓阳");
    CHECK(article::metadata_line(m, Script::Latin) == "Proofreader: 李铭 | Editor: 刘晓阳");
}

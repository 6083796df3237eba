// The HTML reader: extraction, structure, metadata, charsets (small pages
// written here), and the GNE corpus pages when the corpus is there.
#include <catch2/catch.hpp>

#include "copydesk/copydesk.hpp"
#include "test_support.hpp"

using namespace copydesk;

namespace {

Document html(std::string_view page, Options o = {}) { return read(page, "html", o, "page.html"); }

std::vector<std::string> paragraphs(const Blocks& bs) {
    std::vector<std::string> out;
    for (const auto& b : bs)
        if (b.is<Paragraph>()) out.push_back(stringify(b.as<Paragraph>().content));
    return out;
}

std::string all_text(const Document& d) {
    std::string out;
    ConstVisitor v;
    v.inline_ = [&](const Inline& i) {
        if (i.is<Text>()) out += i.as<Text>().text + "\n";
    };
    walk(d, v);
    return out;
}

// A news page: navigation, headline, a metadata line, the article, a share
// bar, related links, comments and a footer.
const char* kPage = R"(<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>龙湖集团中期业绩发布_财经_某某网</title>
<meta property="og:site_name" content="某某网">
<meta name="keywords" content="龙湖,业绩">
<link rel="canonical" href="https://example.com/a/1.html">
</head><body>
<div class="nav"><a href="/">首页</a> <a href="/news">新闻</a> <a href="/money">财经</a> <a href="/tech">科技</a></div>
<div class="main"><h1>龙湖集团中期业绩发布</h1>
<div class="info"><span>2019-09-07 13:43:45</span>　<span>来源：证券市场红周刊</span></div>
<div class="post_text" id="endText">
<p>　　近日，龙湖集团公布了2019年中期业绩报告。上半年，龙湖实现合约销售金额1056.2亿元，同比增长8.8%。</p>
<p>　　然而，在这份亮丽的成绩单背后，龙湖的盈利能力却在走下坡路，销售毛利率和净利率分别下滑。</p>
<p>　　据记者了解，龙湖多地项目均存在各种违规销售及施工问题，业主维权不断。</p>
<table><thead><tr><th>项目</th><th>金额</th></tr></thead><tbody><tr><td colspan="2">合计</td></tr></tbody></table>
<p>责任编辑：张三</p>
</div>
<div class="share-bar"><a href="#">分享到微博</a> <a href="#">分享到微信</a></div>
<div class="related"><h3>相关新闻</h3><ul><li><a href="/1">龙湖集团半年报：营收大涨，利润率下降，值得关注吗</a></li>
<li><a href="/2">房企中期业绩盘点：谁在掉队，谁在领跑，一文看懂</a></li></ul></div>
<div id="comments"><p>网友甲：这个报告写得很清楚，感谢分享！我觉得龙湖还是不错的。</p></div>
</div>
<div class="footer">Copyright © 某某网 版权所有</div>
</body></html>)";

}  // namespace

TEST_CASE("html: the article of a news page, without its boilerplate", "[html]") {
    Document d = html(kPage);
    auto ps = paragraphs(d.blocks);
    REQUIRE(ps.size() == 3);
    CHECK(ps[0].rfind("近日，龙湖集团", 0) == 0);
    CHECK(ps[2].find("业主维权不断") != std::string::npos);
    std::string text = all_text(d);
    for (const char* gone : {"首页", "分享到微博", "相关新闻", "网友甲", "Copyright", "龙湖集团中期业绩发布"})
        CHECK(text.find(gone) == std::string::npos);
    // the table keeps its head and spans
    const Table* t = nullptr;
    for (const auto& b : d.blocks)
        if (b.is<Table>()) t = &b.as<Table>();
    REQUIRE(t);
    CHECK(t->head.size() == 1);
    REQUIRE(t->body.size() == 1);
    CHECK(t->body[0].cells[0].colspan == 2);
    // the leading U+3000 indent is an indent, not text
    REQUIRE(d.blocks[0].is<Paragraph>());
    CHECK(d.blocks[0].as<Paragraph>().first_line_indent == Length{2, LengthUnit::Em});
}

TEST_CASE("html: metadata from the head and the lines under the headline", "[html]") {
    Document d = html(kPage);
    const Metadata& m = d.metadata;
    CHECK(m.title == "龙湖集团中期业绩发布");
    REQUIRE(m.date);
    CHECK(m.date->iso() == "2019-09-07T13:43:45");
    CHECK(m.date->text == "2019-09-07 13:43:45");
    CHECK(m.source == "证券市场红周刊");  // the visible 来源 before og:site_name
    REQUIRE(m.contributors.size() == 1);
    CHECK(m.contributors[0].name == "张三");
    CHECK(m.contributors[0].role == Role::Editor);
    CHECK(m.contributors[0].label == "责任编辑");
    CHECK(m.language == "zh-CN");
    CHECK(m.keywords == std::vector<std::string>{"龙湖", "业绩"});
    REQUIRE(m.identifiers.size() == 1);
    CHECK(m.identifiers[0].value == "https://example.com/a/1.html");
}

TEST_CASE("html: og and JSON-LD metadata, a <title> without its site", "[html]") {
    Document d = html(R"(<html><head><title>Seeds for all - Riverside Gazette</title>
<meta property="og:site_name" content="Riverside Gazette">
<meta property="article:published_time" content="2024-04-23T09:00:00-05:00">
<script type="application/ld+json">{"@type":"NewsArticle","author":[{"@type":"Person","name":"Anna Kim"}]}</script>
</head><body><div><p>The library opened a seed exchange on Monday, inviting residents to borrow seeds.</p>
<p>Volunteers from the garden club wrote growing notes for every variety, the librarian said.</p></div></body></html>)");
    CHECK(d.metadata.title == "Seeds for all");
    CHECK(d.metadata.source == "Riverside Gazette");
    REQUIRE(d.metadata.date);
    CHECK(d.metadata.date->iso() == "2024-04-23T09:00:00-05:00");
    REQUIRE(d.metadata.contributors.size() == 1);
    CHECK(d.metadata.contributors[0].name == "Anna Kim");
    CHECK(paragraphs(d.blocks).size() == 2);
}

TEST_CASE("html: <br> runs split paragraphs; bylines and datelines as in plain text", "[html]") {
    Document d = html(R"(<html><body><div class="content">新华社北京7月13日电（记者 王俊）第一段文字，写得很长，有标点。<br><br>
第二段文字，也有标点，也写得很长。<br>　　第三段，前面有缩进，所以是新的一段。<br><br>（记者 李四 通讯员 王五）</div></body></html>)");
    auto ps = paragraphs(d.blocks);
    REQUIRE(ps.size() == 3);
    CHECK(ps[0] == "第一段文字，写得很长，有标点。");
    CHECK(ps[2] == "第三段，前面有缩进，所以是新的一段。");
    CHECK(d.metadata.dateline == "新华社北京7月13日电");
    std::vector<std::string> names;
    for (const auto& c : d.metadata.contributors) names.push_back(c.name);
    CHECK(names == std::vector<std::string>{"王俊", "李四", "王五"});
}

TEST_CASE("html: extract=none keeps the whole body with its structure", "[html]") {
    const char* page = R"(<html><body><nav><a href="/">Home</a></nav><h2>Part one</h2>
<p>Text with <em>stress</em>, a <a href="https://example.com/">link</a> and a note.<sup><a href="#n1" role="doc-noteref">1</a></sup></p>
<figure><img src="a.jpg" alt="A tree"><figcaption>A tree in spring.</figcaption></figure>
<blockquote><p>Quoted.</p></blockquote><ol start="3"><li>three</li><li>four</li></ol>
<aside id="n1" role="doc-footnote"><p>The note.</p></aside></body></html>)";
    Document d = html(page, Options{{"extract", "none"}});
    REQUIRE(d.blocks.size() >= 5);
    std::vector<std::string> types;
    for (const auto& b : d.blocks) types.push_back(b.type_name());
    CHECK(types == std::vector<std::string>{"Paragraph", "Heading", "Paragraph", "Figure", "BlockQuote",
                                            "OrderedList"});
    CHECK(d.blocks[0].is<Paragraph>());  // the nav is content in this mode
    const auto& p = d.blocks[2].as<Paragraph>().content;
    bool note = false, link = false, emph = false;
    for (const auto& i : p) {
        note |= i.is<Note>() && stringify(i.as<Note>().content.front().as<Paragraph>().content) == "The note.";
        link |= i.is<Link>() && i.as<Link>().target == "https://example.com/";
        emph |= i.is<Emph>();
    }
    CHECK(note);
    CHECK(link);
    CHECK(emph);
    const Figure& f = d.blocks[3].as<Figure>();
    CHECK(stringify(f.caption.front().as<Paragraph>().content) == "A tree in spring.");
    CHECK(d.blocks[5].as<OrderedList>().start == 3);
}

TEST_CASE("html: data-* attributes kept with extract=none, a site's dropped with extract=article", "[html]") {
    const char* body = R"(<div class="box" data-kind="info"><p>Inside <span class="hl" data-lang-note="zh">the box</span>.</p></div>)";
    Document whole = html(std::string("<html><body>") + body + "</body></html>", Options{{"extract", "none"}});
    REQUIRE(whole.blocks.size() == 1);
    REQUIRE(whole.blocks[0].is<Div>());
    const Div& div = whole.blocks[0].as<Div>();
    CHECK(div.attr.attributes == std::vector<std::pair<std::string, std::string>>{{"kind", "info"}});
    const auto& inl = div.content.at(0).as<Paragraph>().content;
    REQUIRE(inl.size() == 3);
    CHECK(inl[1].as<Span>().attr.attributes == std::vector<std::pair<std::string, std::string>>{{"lang-note", "zh"}});

    std::string page = std::string(kPage);
    std::string tracked = page;
    for (std::size_t at = tracked.find("<p>"); at != std::string::npos; at = tracked.find("<p>", at + 30))
        tracked.replace(at, 3, R"(<p><span data-track="x1">)");
    for (std::size_t at = tracked.find("</p>"); at != std::string::npos; at = tracked.find("</p>", at + 12))
        tracked.replace(at, 4, "</span></p>");
    Document plain = html(page), noisy = html(tracked);
    CHECK(to_json(noisy) == to_json(plain));  // same article: the site's data-* left no trace
}

TEST_CASE("html: charsets from the declaration, the override and sniffing", "[html]") {
    // 中文新闻 in GBK and in Big5 (bytes from iconv's tables).
    const std::string gbk = "\xD6\xD0\xCE\xC4\xD0\xC2\xCE\xC5";
    const std::string big5 = "\xA4\xA4\xA4\xE5\xB7\x73\xBB\x44";
    auto page = [](const std::string& meta, const std::string& body) {
        return "<html><head>" + meta + "</head><body><p>" + body + "</p></body></html>";
    };
    auto text = [](const Document& d) { return paragraphs(d.blocks).empty() ? "" : paragraphs(d.blocks)[0]; };
    Options none{{"extract", "none"}};
    CHECK(text(html(page("<meta charset=\"gbk\">", gbk), none)) == "中文新闻");
    CHECK(text(html(page("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">", gbk), none)) ==
          "中文新闻");
    CHECK(text(html(page("<meta charset=\"big5\">", big5), none)) == "中文新聞");
    Options big5_override{{"extract", "none"}, {"encoding", "big5"}};
    CHECK(text(html(page("", big5), big5_override)) == "中文新聞");
    // a BOM wins over a wrong declaration
    CHECK(text(html("\xEF\xBB\xBF" + page("<meta charset=\"gbk\">", "中文新闻"), none)) == "中文新闻");
    // undeclared GBK is sniffed
    CHECK(text(html(page("", gbk + gbk + gbk), none)) == "中文新闻中文新闻中文新闻");
}

TEST_CASE("html: detected by content and by extension", "[html]") {
    auto& reg = Registry::global();
    auto f = reg.sniff("<!DOCTYPE html>\n<html><body><p>x</p></body></html>");
    REQUIRE(f);
    CHECK(f->name == "html");
    f = reg.sniff("  <!-- c --><HTML><p>x</p></HTML>");
    REQUIRE(f);
    CHECK(f->name == "html");
    f = reg.sniff("Just a line of text mentioning <b>bold</b>.");
    REQUIRE(f);
    CHECK(f->name == "plain");
    REQUIRE(reg.find("htm"));
    CHECK(reg.find("htm")->name == "html");
    CHECK_THROWS_AS(read("<p>x</p>", "html", Options{{"extract", "everything"}}, "p.html"), UsageError);
}

TEST_CASE("html: the GNE corpus pages give their article text", "[html][corpus]") {
    auto corpus = test::corpus_dir();
    if (!corpus) COPYDESK_SKIP("corpus absent");
    auto html_dir = *corpus / "html" / "gne", txt_dir = *corpus / "text-zh" / "gne-extracted";
    int pages = 0, good = 0;
    for (const auto& e : std::filesystem::directory_iterator(html_dir)) {
        Document d = read_file(e.path().string());
        ++pages;
        INFO(e.path().filename().string());
        CHECK(!d.metadata.title.empty());
        CHECK(!d.blocks.empty());
        auto txt = txt_dir / (e.path().stem().string() + ".txt");
        if (!std::filesystem::exists(txt)) continue;
        // The gold's longest line must be in the article, and its title line start like ours.
        std::string gold = test::slurp(txt), longest, line;
        for (char c : gold + "\n") {
            if (c != '\n') line += c;
            else {
                if (line.size() > longest.size()) longest = line;
                line.clear();
            }
        }
        // its first ten characters after the indent
        std::size_t i = longest.find_first_not_of(" \t");
        while (i != std::string::npos && longest.compare(i, 3, "\xE3\x80\x80") == 0) i += 3;
        if (i == std::string::npos) continue;
        std::size_t end = i;
        for (int k = 0; k < 10 && end < longest.size(); ++k)
            do ++end;
            while (end < longest.size() && (static_cast<unsigned char>(longest[end]) & 0xC0) == 0x80);
        std::string needle = longest.substr(i, end - i);
        std::string text = all_text(d);
        good += text.find(needle) != std::string::npos;
    }
    CHECK(pages == 40);
    CHECK(good >= 32);  // of the 33 with a text version (measured: bench/html/run.py)
}

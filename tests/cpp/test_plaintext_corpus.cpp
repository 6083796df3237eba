// Plain text on the real corpus: the sample article's required results,
// golden AST dumps, and text → AST → text → AST on every article.
#include <cstdlib>
#include <fstream>
#include <map>

#include "copydesk/json.hpp"
#include "plaintext/text_util.hpp"
#include "test_plaintext_helpers.hpp"
#include "test_support.hpp"

using namespace copydesk;
namespace fs = std::filesystem;

namespace {

const char* const kGoldenArticles[] = {
    "seed/taicang-2023-07-13.txt",
    "text-zh/gne-extracted/163-1.txt",
    "text-zh/gne-extracted/163-9.txt",
    "text-zh/gne-extracted/baijiahao-1.txt",
    "text-zh/gne-extracted/cjn-1.txt",
    "text-zh/gne-extracted/gamersky-gamersky.txt",
    "text-zh/gne-extracted/guancha-2.txt",
    "text-zh/gne-extracted/ifeng-1.txt",
    "text-zh/gne-extracted/sina-1.txt",
    "text-zh/gne-extracted/toutiao-3.txt",
    "text-zh/gne-extracted/xinhuanet-1.txt",
    "text-zh/gne-extracted/zyyfy-1.txt",
    "text-zh/luckyssc-news/news-01.txt",
    "text-zh/luckyssc-news/news-05.txt",
    "text-zh/luckyssc-news/news-09.txt",
    "text-zh/luckyssc-news/news2-05.txt",
    "text-zh/luckyssc-news/news2-11.txt",
    "text-zh/sina-nba-crawl-raw/sina-nba-12.txt",
    "text-zh/sina-nba-crawl-raw/sina-nba-108.txt",
    "text-zh/sina-nba-crawl-raw/sina-nba-205.txt",
    "text-zh/textrank4zh/doc-01.txt",
    "text-zh/textrank4zh/doc-02.txt",
    "text-zh/xuexirenzi/article-1.txt",
    "text-zh/xuexirenzi/article-2.txt",
};

std::string golden_name(std::string rel) {
    for (auto& c : rel)
        if (c == '/') c = '_';
    return rel.substr(0, rel.size() - 4) + ".json";
}

// Characters the writer may legitimately add, drop or re-spell when it
// re-formats what the reader turned into structure: white space (indentation,
// line ends, separators), the colons and bars of the metadata line, byline and
// list-number brackets and delimiters, the subtitle dash, rule lines and
// bullets. Everything else is content.
bool reformattable(char32_t c) {
    if (plaintext::is_hspace(c) || c == '\n' || c == '\r') return true;
    switch (c) {
        case U':': case U'：': case U'|': case U'｜': case U'(': case U')': case U'（': case U'）': case U'【':
        case U'】': case U'—': case U'-': case U'.': case U'、': case U'*': case U'•': case U'_': case U'=':
        case U'·': case U'/': case U',': case U'，':
            return true;
        default:
            return false;
    }
}

std::map<char32_t, long> content_chars(std::string_view s) {
    std::map<char32_t, long> m;
    std::size_t i = 0;
    while (i < s.size()) {
        char32_t c = plaintext::next_cp(s, i);
        if (c != 0xFEFF && !reformattable(c)) ++m[c];
    }
    return m;
}

std::vector<fs::path> corpus_articles(const fs::path& corpus) {
    std::vector<fs::path> out;
    for (const auto& e : fs::recursive_directory_iterator(corpus / "text-zh"))
        if (e.is_regular_file() && e.path().extension() == ".txt") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("plain corpus: the sample article", "[plain][corpus]") {
    COPYDESK_REQUIRE_CORPUS(corpus);
    std::string text = test::slurp(corpus / "seed/taicang-2023-07-13.txt");
    Document d = test::read_plain(text);
    const Metadata& m = d.metadata;
    CHECK(m.title == text.substr(0, text.find('\n')));
    CHECK(m.source == "太仓日报");
    REQUIRE(m.date);
    CHECK(m.date->iso() == "2023-07-13");
    auto editors = m.with_role(Role::Editor);
    REQUIRE(editors.size() == 1);
    CHECK(editors[0]->name == "俞群艳");
    CHECK(editors[0]->label == "责编");
    auto reporters = m.with_role(Role::Reporter);
    REQUIRE(reporters.size() == 1);
    CHECK(reporters[0]->name == "王俊");
    REQUIRE(d.blocks.size() == 8);
    for (const auto& b : d.blocks) CHECK(b.is<Paragraph>());
    std::string last = stringify(d.blocks.back());
    CHECK(last.find("记者") == std::string::npos);
    CHECK(last.find("王俊") == std::string::npos);
    CHECK(last.substr(last.size() - 3) == "。");
}

// Round trip on every article: reading the writer's output gives the same AST,
// and no character of content is lost. The content comparison is a multiset of
// characters: every non-reformattable character of the source must occur in
// the output at least as often (the writer may add labels such as 时间 for a
// key-less date, and moves contributors between the metadata line and the
// byline, so neither order nor exact counts of added text can be required).
TEST_CASE("plain corpus: text → AST → text keeps content and round-trips", "[plain][corpus]") {
    COPYDESK_REQUIRE_CORPUS(corpus);
    auto files = corpus_articles(corpus);
    CHECK(files.size() >= 95);
    for (const auto& f : files) {
        INFO(f.string());
        std::string text = test::slurp(f);
        Document d1 = test::read_plain(text);
        std::string out = test::write_plain(d1);
        Document d2 = test::read_plain(out);
        CHECK(d1 == d2);
        CHECK(test::write_plain(d2) == out);
        auto before = content_chars(text), after = content_chars(out);
        std::string missing;
        for (const auto& [c, n] : before)
            if (after[c] < n) plaintext::append_utf8(missing, c);
        CHECK(missing.empty());
    }
}

TEST_CASE("plain corpus: golden ASTs", "[plain][corpus][golden]") {
    COPYDESK_REQUIRE_CORPUS(corpus);
    bool update = std::getenv("COPYDESK_UPDATE_GOLDEN") != nullptr;
    fs::path dir = test::source_dir() / "tests/golden/plain";
    for (const char* rel : kGoldenArticles) {
        INFO(rel);
        Document d = test::read_plain(test::slurp(corpus / rel), {}, rel);
        std::string json = to_json(d) + "\n";
        fs::path golden = dir / golden_name(rel);
        if (update) {
            fs::create_directories(dir);
            std::ofstream(golden, std::ios::binary) << json;
            continue;
        }
        REQUIRE(fs::exists(golden));
        CHECK(test::slurp(golden) == json);
    }
}

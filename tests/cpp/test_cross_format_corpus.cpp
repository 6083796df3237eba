// Every corpus article (and our examples) read from plain text comes back
// unchanged through EPUB and through JATS: the writers and readers agree on
// everything an article has. JATS keeps no paragraph indent or alignment
// (docs/jats.md), so those are cleared on both sides before comparing.
#include "test_support.hpp"

#include <algorithm>

#include "copydesk/copydesk.hpp"
#include "test_jats_support.hpp"

using namespace copydesk;

namespace {

std::vector<std::filesystem::path> article_files(const std::filesystem::path& corpus) {
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(corpus / "text-zh"))
        if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& e : std::filesystem::directory_iterator(test::source_dir() / "examples"))
        if (e.path().extension() == ".txt") files.push_back(e.path());
    return files;
}

void drop_paragraph_layout(Document& d) {
    walk(d, Visitor{[](Block& b) {
                        if (!b.is<Paragraph>()) return;
                        b.as<Paragraph>().first_line_indent.reset();
                        b.as<Paragraph>().align = Alignment::Default;
                    },
                    {}});
}

void check_round_trips(const char* format, bool layout) {
    COPYDESK_REQUIRE_CORPUS(corpus);
    int same = 0, total = 0;
    for (const auto& f : article_files(corpus)) {
        Document d = read_file(f, "plain");
        d.diagnostics.clear();
        Document back = read(write(d, format), format);
        if (!layout) {
            drop_paragraph_layout(d);
            drop_paragraph_layout(back);
        }
        ++total;
        if (back == d) {
            ++same;
        } else {
            INFO(format << ": " << f.string());
            CHECK(back.metadata == d.metadata);
            CHECK(back.blocks == d.blocks);
        }
    }
    CHECK(total >= 90);
    CHECK(same == total);
}

}  // namespace

TEST_CASE("cross-format: corpus articles come back unchanged through EPUB", "[epub][roundtrip][corpus]") {
    check_round_trips("epub", true);
}

TEST_CASE("cross-format: corpus articles come back unchanged through JATS", "[jats][roundtrip][corpus]") {
    check_round_trips("jats", false);
}

TEST_CASE("cross-format: every corpus article's JATS is valid against the DTD", "[jats][corpus]") {
    auto catalog = test::jats::jats_catalog();
    if (!catalog) COPYDESK_SKIP("xmllint not found");
    COPYDESK_REQUIRE_CORPUS(corpus);
    std::vector<std::string> docs;
    for (const auto& f : article_files(corpus)) docs.push_back(write(read_file(f, "plain"), "jats"));
    CHECK(docs.size() >= 90);
    CHECK(test::jats::dtd_errors(docs, *catalog) == "");
}

TEST_CASE("cross-format: the JATS of every corpus DOCX and EPUB is valid against the DTD", "[jats][corpus]") {
    // Documents written by Word, LibreOffice, pandoc, docx4j, POI... and EPUBs
    // from many tools: far more shapes (tables, notes, spans, images) than any
    // hand-made test document.
    auto catalog = test::jats::jats_catalog();
    if (!catalog) COPYDESK_SKIP("xmllint not found");
    COPYDESK_REQUIRE_CORPUS(corpus);
    std::vector<std::filesystem::path> files;
    for (const char* dir : {"docx", "epub"})
        for (const auto& e : std::filesystem::recursive_directory_iterator(corpus / dir))
            if (e.is_regular_file() && (e.path().extension() == ".docx" || e.path().extension() == ".epub"))
                files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::vector<std::string> docs;
    for (const auto& f : files) {
        try {
            docs.push_back(write(read_file(f), "jats"));
        } catch (const Error&) {
            // Files our readers refuse (encrypted, broken) are the hostile tests' business.
        }
    }
    CHECK(docs.size() >= 300);
    CHECK(test::jats::dtd_errors(docs, *catalog) == "");
}

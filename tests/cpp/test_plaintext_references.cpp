// Plain-text references: the writer's closing "References" section (one
// reference a paragraph) and the reader taking such a section back.
#include "test_plaintext_helpers.hpp"
#include "test_support.hpp"

#include <filesystem>

#include "copydesk/copydesk.hpp"
#include "plaintext/text_util.hpp"

using namespace copydesk;
using copydesk::test::read_plain;
using copydesk::test::write_plain;

namespace {

Reference parts_reference() {
    Reference r;
    r.authors = {"Lena Brook", "Ada Ford", "Tom Ames"};
    r.year = "1998";
    r.title = "Bridges and fords";
    r.container = "Geography Today";
    r.volume = "12";
    r.issue = "3";
    r.pages = "1-9";
    r.publisher = "River Press";
    r.doi = "10.5555/rp.1998";
    return r;
}

Document article_with_references(bool chinese) {
    Document d;
    d.metadata.title = chinese ? "河流与城镇" : "Rivers and towns";
    d.metadata.language = chinese ? "zh-CN" : "en";
    d.blocks.push_back(Paragraph{{Text{chinese ? "城镇多在河流交汇处兴起。" : "Towns grow where rivers meet."}}});
    d.references.push_back(parts_reference());
    Reference text_only;
    text_only.text = "City of Lyon. River guide. https://example.org/rivers";
    d.references.push_back(text_only);
    Reference text_and_doi;  // the DOI is not in the text: it is added
    text_and_doi.text = "Ames, T. (2001). Confluence towns.";
    text_and_doi.doi = "10.5555/gt.2001.12";
    d.references.push_back(text_and_doi);
    return d;
}

// The text segments of the <ref-list>s of a JATS file (text between tags,
// white space collapsed), as tests/tools/ref_segments.py counts them; those
// holding an entity are left out (the script decodes them, this does not).
std::vector<std::string> ref_segments(const std::string& xml) {
    std::vector<std::string> out;
    for (std::size_t a = xml.find("<ref-list"); a != std::string::npos; a = xml.find("<ref-list", a + 1)) {
        std::size_t b = xml.find("</ref-list>", a);
        std::string seg;
        bool tag = false;
        auto push = [&] {
            std::string t = std::string(plaintext::trim(seg));
            if (t.find('&') == std::string::npos && std::any_of(t.begin(), t.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); }))
                out.push_back(t);
            seg.clear();
        };
        for (std::size_t k = a; k < b; ++k) {
            if (xml[k] == '<') tag = true, push();
            else if (xml[k] == '>') tag = false;
            else if (!tag) seg += xml[k] == '\n' ? ' ' : xml[k];
        }
    }
    return out;
}

}  // namespace

TEST_CASE("plain references: written as a References section", "[plain][plain-references]") {
    Diagnostics diags;
    std::string out = write_plain(article_with_references(false), {}, &diags);
    CHECK(out ==
          "Rivers and towns\n\n"
          "Towns grow where rivers meet.\n\n"
          "References\n\n"
          "Lena Brook, Ada Ford, and Tom Ames. 1998. \xE2\x80\x9C" "Bridges and fords.\xE2\x80\x9D Geography Today 12 "
          "(3): 1-9. River Press. https://doi.org/10.5555/rp.1998\n\n"
          "City of Lyon. River guide. https://example.org/rivers\n\n"
          "Ames, T. (2001). Confluence towns. https://doi.org/10.5555/gt.2001.12\n");
    bool as_text = false, dropped = false;
    for (const auto& d : diags) {
        as_text |= d.code == "plain.references-as-text";
        dropped |= d.code == "plain.references-dropped";
    }
    CHECK(as_text);
    CHECK_FALSE(dropped);
    CHECK(write_plain(article_with_references(true)).find("\n\n参考文献\n\n") != std::string::npos);
}

TEST_CASE("plain references: read back with their text, DOI and URL", "[plain][plain-references]") {
    for (bool chinese : {false, true}) {
        INFO((chinese ? "zh" : "en"));
        std::string text = write_plain(article_with_references(chinese));
        Document back = read_plain(text);
        REQUIRE(back.references.size() == 3);
        CHECK(back.blocks.size() == 1);
        CHECK(back.references[0].doi == "10.5555/rp.1998");
        CHECK(back.references[0].url.empty());
        CHECK(back.references[1].text == "City of Lyon. River guide. https://example.org/rivers");
        CHECK(back.references[1].url == "https://example.org/rivers");
        CHECK(back.references[2].text == "Ames, T. (2001). Confluence towns. https://doi.org/10.5555/gt.2001.12");
        CHECK(back.references[2].doi == "10.5555/gt.2001.12");
        // Read back, the references write the same text again.
        CHECK(write_plain(back) == text);
    }
}

TEST_CASE("plain references: with notes and an end byline", "[plain][plain-references]") {
    Document d = article_with_references(true);
    d.metadata.contributors.push_back(Contributor{"王俊", Role::Reporter, "记者", "", ""});
    d.blocks[0].as<Paragraph>().content.push_back(Note{{}, {Paragraph{{Text{"即7月12日。"}}}}});
    Document back = read_plain(write_plain(d));
    CHECK(back.references.size() == 3);
    REQUIRE(back.metadata.contributors.size() == 1);
    CHECK(back.metadata.contributors[0].name == "王俊");
    REQUIRE(back.blocks.size() == 1);
    const Inlines& content = back.blocks[0].as<Paragraph>().content;
    REQUIRE(content.size() == 2);  // the text and its note
    CHECK(content[1].is<Note>());
}

TEST_CASE("plain references: look-alikes and the switch", "[plain][plain-references]") {
    const std::string text = "Title\n\nBody text of the article goes here.\n\nReferences\n\nA. Author. A book. doi:10.1234/abcd.\n";
    Document d = read_plain(text);
    REQUIRE(d.references.size() == 1);
    CHECK(d.references[0].doi == "10.1234/abcd");
    Document off = read_plain(text, Options{{"references", "false"}});
    CHECK(off.references.empty());
    CHECK(off.blocks.size() == 3);
    // A heading with nothing after it, or a paragraph that only mentions references, is text.
    CHECK(read_plain("Title\n\nBody text.\n\nReferences\n").references.empty());
    CHECK(read_plain("Title\n\nThe references are below.\n\nNone here.\n").references.empty());
}

TEST_CASE("plain references: JATS -> plain -> AST keeps every reference segment", "[plain][plain-references][jats]") {
    const auto path = test::source_dir() / "tests" / "data" / "jats-references.xml";
    std::string xml = test::slurp(path);
    Document jats = read(xml, "jats");
    REQUIRE(jats.references.size() == 3);
    std::string text = write(jats, "plain");
    // The article's own citation stays in the metadata line, as it was while a custom pair.
    CHECK(text.find(" | volume: 9 | issue: 2 | fpage: 101 | lpage: 117") != std::string::npos);
    std::vector<std::string> segs = ref_segments(xml);
    CHECK(segs.size() == 21);
    for (const auto& s : segs) {
        INFO(s);
        CHECK(text.find(s) != std::string::npos);
    }
    Document back = read(text, "plain");
    REQUIRE(back.references.size() == 3);
    CHECK(back.references[0].text == jats.references[0].text);
    CHECK(back.references[0].doi == "10.5555/gt.2001.12");
    CHECK(back.references[1].text ==
          "Lena Brook and Ada Ford. 1998. Bridges and Fords. River Press. "
          "https://doi.org/10.5555/rp.1998");
    CHECK(back.references[1].doi == "10.5555/rp.1998");
    CHECK(back.references[2].url == "https://example.org/rivers");
}

TEST_CASE("plain references: the corpus JATS keep their reference text in plain text",
          "[plain][plain-references][corpus]") {
    COPYDESK_REQUIRE_CORPUS(corpus);
    std::size_t kept = 0, total = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(corpus / "jats")) {
        if (!e.is_regular_file() || e.path().extension() != ".xml") continue;
        std::string xml = test::slurp(e.path());
        std::string text;
        try {
            text = write(read(xml, "jats"), "plain");
        } catch (const Error&) {
            continue;  // not well-formed: the reader test covers these
        }
        for (const auto& s : ref_segments(xml)) {
            ++total;
            kept += text.find(s) != std::string::npos;
        }
    }
    WARN("corpus/jats: " << kept << "/" << total << " reference segments kept in plain text");
    CHECK(total > 50000);
    CHECK(static_cast<double>(kept) >= 0.98 * static_cast<double>(total));
}

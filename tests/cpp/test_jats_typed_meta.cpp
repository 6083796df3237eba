// JATS: contributor ids (<contrib-id>), affiliation parts (<institution>,
// <country>) and the article's own citation (<volume>, <issue>, <fpage>,
// <lpage>, <elocation-id>) read into typed fields and written back, valid.
#include <catch2/catch.hpp>

#include "copydesk/copydesk.hpp"
#include "test_jats_support.hpp"
#include "test_support.hpp"

using namespace copydesk;

namespace {

Document sample() {
    return read(test::slurp(test::source_dir() / "tests" / "data" / "jats-references.xml"), "jats");
}

}  // namespace

TEST_CASE("jats typed meta: read into typed fields, not custom pairs", "[jats][jats-typed-meta]") {
    Document d = sample();
    const Metadata& m = d.metadata;
    CHECK(m.citation == Citation{"9", "2", "101", "117", ""});
    for (const char* k : {"volume", "issue", "fpage", "lpage"}) CHECK(m.custom_value(k) == nullptr);
    REQUIRE(m.contributors.size() == 1);
    const Contributor& c = m.contributors[0];
    CHECK(c.identifiers == std::vector<Identifier>{{"orcid", "https://orcid.org/0000-0002-1825-0097"}});
    CHECK(c.affiliation == "Brown University, Providence, United States");
    CHECK(c.affiliations ==
          std::vector<Affiliation>{{"Brown University, Providence, United States", "Brown University", "United States"}});
    CHECK(c.affiliations_current());
}

TEST_CASE("jats typed meta: labels, departments and plain affiliations", "[jats][jats-typed-meta]") {
    std::string xml =
        "<article xmlns:xlink=\"http://www.w3.org/1999/xlink\"><front><article-meta><title-group><article-title>T"
        "</article-title></title-group><contrib-group><contrib><name><surname>A</surname></name>"
        "<xref ref-type=\"aff\" rid=\"a1\"/><xref ref-type=\"aff\" rid=\"a2\"/></contrib>"
        "<contrib><name><surname>B</surname></name><aff>Plain Institute, Lyon</aff></contrib></contrib-group>"
        "<aff id=\"a1\"><label>1</label><institution-wrap><institution-id institution-id-type=\"ror\">https://ror.org/x"
        "</institution-id><institution content-type=\"dept\">Dept. of Rivers</institution>, <institution>Uni X"
        "</institution></institution-wrap>, <country>France</country></aff>"
        "<aff id=\"a2\"><institution>Lab Y</institution></aff>"
        "<elocation-id>e02272</elocation-id></article-meta></front><body><p>x</p></body></article>";
    Document d = read(xml, "jats");
    const auto& cs = d.metadata.contributors;
    REQUIRE(cs.size() == 2);
    CHECK(cs[0].affiliation == "Dept. of Rivers, Uni X, France; Lab Y");
    CHECK(cs[0].affiliations == std::vector<Affiliation>{{"Dept. of Rivers, Uni X, France", "Uni X", "France"},
                                                         {"Lab Y", "Lab Y", ""}});
    // No part marked: the display string alone, as before.
    CHECK(cs[1].affiliation == "Plain Institute, Lyon");
    CHECK(cs[1].affiliations.empty());
    CHECK(d.metadata.citation.elocation_id == "e02272");
}

TEST_CASE("jats typed meta: JATS -> AST -> JATS keeps them, and the output is valid", "[jats][jats-typed-meta]") {
    Document d = sample();
    d.metadata.language = "en";  // the writer's default xml:lang, read back
    std::string xml = write(d, "jats");
    CHECK(xml.find("<contrib contrib-type=\"author\"><contrib-id contrib-id-type=\"orcid\">"
                   "https://orcid.org/0000-0002-1825-0097</contrib-id><name>") != std::string::npos);
    CHECK(xml.find("<aff><institution>Brown University</institution>, Providence, <country>United States</country>"
                   "</aff>") != std::string::npos);
    CHECK(xml.find("</pub-date>\n<volume>9</volume>\n<issue>2</issue>\n<fpage>101</fpage><lpage>117</lpage>\n") !=
          std::string::npos);
    Document back = read(xml, "jats");
    CHECK(back.metadata == d.metadata);

    // Both pages and an e-location, an lpage alone: JATS allows neither, so custom-meta carries the rest.
    Document odd;
    odd.metadata.title = "t";
    odd.metadata.citation = {"1", "", "5", "", "e9"};
    Document odd2;
    odd2.metadata.title = "t";
    odd2.metadata.citation = {"", "", "", "7", ""};
    // An edited display string: the parts are stale, the display string is written.
    Document edited = d;
    edited.metadata.contributors[0].affiliation = "Brown University";
    std::string edited_xml = write(edited, "jats");
    CHECK(edited_xml.find("<aff>Brown University</aff>") != std::string::npos);
    for (const Document* x : {&odd, &odd2}) CHECK(read(write(*x, "jats"), "jats").metadata.citation == x->metadata.citation);

    auto catalog = test::jats::jats_catalog();
    if (!catalog) COPYDESK_SKIP("xmllint or the JATS DTDs not found");
    for (const char* tag_set : {"archiving", "publishing"}) {
        INFO(tag_set);
        for (const Document* x : {&d, &odd, &odd2, &edited})
            CHECK(test::jats::dtd_errors(write(*x, "jats", Options{{"tag-set", tag_set}}), *catalog) == "");
    }
}

TEST_CASE("jats typed meta: corpus contributors and citations are typed", "[jats][jats-typed-meta][corpus]") {
    COPYDESK_REQUIRE_CORPUS(corpus);
    int files = 0, with_ids = 0, with_citation = 0, with_parts = 0, custom_left = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(corpus / "jats")) {
        if (!e.is_regular_file() || e.path().extension() != ".xml") continue;
        Document d;
        try {
            d = read(test::slurp(e.path()), "jats");
        } catch (const Error&) {
            continue;
        }
        ++files;
        const Metadata& m = d.metadata;
        bool ids = false, parts = false;
        for (const auto& c : m.contributors) ids |= !c.identifiers.empty(), parts |= !c.affiliations.empty();
        with_ids += ids;
        with_parts += parts;
        with_citation += !m.citation.empty();
        for (const char* k : {"volume", "issue", "fpage", "lpage", "elocation-id"}) custom_left += m.custom_value(k) != nullptr;
    }
    WARN("corpus/jats: " << files << " read; contrib-ids typed in " << with_ids << ", citation in " << with_citation
                         << ", affiliation parts in " << with_parts);
    CHECK(files >= 83);
    CHECK(with_ids >= 10);
    CHECK(with_citation >= 50);
    CHECK(custom_left == 0);
}

TEST_CASE("jats typed meta: the citation survives DOCX and EPUB; contributor parts are reported", "[jats][jats-typed-meta][docx][epub]") {
    Document d = sample();
    for (const char* fmt : {"docx", "epub"}) {
        INFO(fmt);
        Diagnostics diags;
        Document back = read(write(d, fmt, {}, &diags), fmt);
        CHECK(back.metadata.citation == d.metadata.citation);
        bool reported = false;
        for (const auto& dg : diags) reported |= dg.code == std::string(fmt) + ".contributor-parts-dropped";
        CHECK(reported);
        REQUIRE(back.metadata.contributors.size() == 1);
        CHECK(back.metadata.contributors[0].affiliation == d.metadata.contributors[0].affiliation);
    }
}

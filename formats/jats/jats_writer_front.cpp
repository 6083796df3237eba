// <front>: journal-meta (the source, 来源) and article-meta (ids, section,
// titles, contributors with their roles, date, licence, abstract, keywords,
// and the metadata JATS has no element for, in custom-meta).
#include <fmt/format.h>

#include "jats/jats_writer.hpp"

namespace copydesk::jats::writer {

namespace {

// pub-id-type values the Publishing tag set enumerates (Archiving takes any).
constexpr std::string_view kPubIdTypes[] = {
    "accession", "archive", "ark",   "art-access-id", "arxiv",     "coden",        "doaj", "doi",
    "handle",    "index",   "isbn",  "manuscript",    "medline",   "mr",           "other", "pii",
    "pmcid",     "pmid",    "publisher-id", "sici",   "std-designation", "zbl"};

bool known_pub_id_type(std::string_view s) {
    for (auto t : kPubIdTypes)
        if (t == s) return true;
    return false;
}

bool cjk_name(std::string_view s) {
    for (unsigned char c : s)
        if (c >= 0xE3 && c <= 0xED) return true;  // lead bytes of U+3000..U+DFFF: kana, Han, Hangul
    return false;
}

}  // namespace

void BodyWriter::front() {
    out_.start("front").raw("\n");
    journal_meta();
    article_meta();
    out_.end().raw("\n");
}

// The source (来源) is the newspaper the article appeared in: JATS's
// periodical is the journal, so it is the journal title.
void BodyWriter::journal_meta() {
    const Metadata& m = doc_.metadata;
    bool publishing = s_.tag_set == TagSet::Publishing;
    if (m.source.empty() && !publishing) return;
    out_.start("journal-meta");
    if (publishing) {  // journal-id and issn are required there
        out_.start("journal-id").attr("journal-id-type", "publisher-id").text(m.source).end();
    }
    if (!m.source.empty()) {
        out_.start("journal-title-group").element("journal-title", m.source).end();
    }
    if (publishing) {
        const std::string* issn = m.custom_value("issn");
        out_.element("issn", issn ? *issn : std::string());
        if (!issn) warn("jats.issn-missing", "the Publishing tag set requires an ISSN; an empty <issn> was written");
    }
    out_.end().raw("\n");
}

void BodyWriter::article_meta() {
    const Metadata& m = doc_.metadata;
    out_.start("article-meta").raw("\n");
    for (const auto& id : m.identifiers) {
        out_.start("article-id");
        if (known_pub_id_type(id.scheme)) out_.attr("pub-id-type", id.scheme);
        else out_.attr("pub-id-type", "custom").attr("custom-type", id.scheme);
        out_.text(id.value).end().raw("\n");
    }
    if (!m.section.empty()) {
        out_.start("article-categories").start("subj-group").attr("subj-group-type", "heading");
        out_.element("subject", m.section).end().end().raw("\n");
    }
    out_.start("title-group").element("article-title", m.title);
    if (!m.subtitle.empty()) out_.element("subtitle", m.subtitle);
    out_.end().raw("\n");
    if (!m.contributors.empty()) {
        out_.start("contrib-group").raw("\n");
        for (const auto& c : m.contributors) contrib(c);
        out_.end().raw("\n");
    }
    if (m.date && m.date->year > 0) pub_date(*m.date);
    else if (s_.tag_set == TagSet::Publishing) out_.element("pub-date-not-available", "").raw("\n");
    citation(m.citation);
    if (!m.license.empty()) permissions(m.license);
    if (!m.abstract.empty()) {
        out_.start("abstract").raw("\n");
        blocks(m.abstract, Context::Sections);
        out_.end().raw("\n");
    }
    if (!m.keywords.empty()) {
        out_.start("kwd-group");
        for (const auto& k : m.keywords) out_.element("kwd", k);
        out_.end().raw("\n");
    }
    custom_meta();
    out_.end().raw("\n");
}

// Who wrote the article is an author to every JATS consumer (pandoc, PMC
// tools read contrib-type="author" and <name>), so reporters and
// correspondents are authors there; the role kind is kept on <role
// content-type> and the label as written (记者) in <role>. Other kinds
// (editor, photographer, translator...) go into @contrib-type, which is CDATA.
// Names go into <name>: a CJK name whole in <surname> with
// name-style="eastern" (splitting 欧阳/司马 from the given name is guesswork),
// a Latin one split at its last space (given names, then the surname);
// both read back exactly as written.
void BodyWriter::contrib(const Contributor& c) {
    const bool author = c.role == Role::Author || c.role == Role::Reporter || c.role == Role::Correspondent;
    out_.start("contrib").attr("contrib-type", author ? "author" : role_name(c.role));
    for (const auto& id : c.identifiers) {
        out_.start("contrib-id");
        if (!id.scheme.empty()) out_.attr("contrib-id-type", id.scheme);
        out_.text(id.value).end();
    }
    out_.start("name");
    const std::string_view name = c.name;
    const std::size_t space = name.rfind(' ');
    if (cjk_name(name) || space == std::string_view::npos || space == 0 || space + 1 == name.size()) {
        if (cjk_name(name)) out_.attr("name-style", "eastern");
        out_.element("surname", name);
    } else {
        out_.element("surname", name.substr(space + 1));
        out_.element("given-names", name.substr(0, space));
    }
    out_.end();
    const bool kind_in_role = author && c.role != Role::Author;
    if (!c.label.empty() || kind_in_role) {
        out_.start("role");
        if (kind_in_role) out_.attr("content-type", role_name(c.role));
        out_.text(c.label).end();
    }
    if (c.affiliations_current()) {
        for (const auto& a : c.affiliations) aff(a);
    } else if (!c.affiliation.empty()) {
        out_.element("aff", c.affiliation);
    }
    if (!c.email.empty()) out_.element("email", c.email);
    out_.end().raw("\n");
}

// The text as displayed, its institution and country marked where they
// occur in it (in that order, as the reader found them).
void BodyWriter::aff(const Affiliation& a) {
    out_.start("aff");
    std::string_view rest = a.text;
    for (auto [part, tag] : {std::pair{std::string_view(a.institution), "institution"},
                             std::pair{std::string_view(a.country), "country"}}) {
        std::size_t at = part.empty() ? std::string_view::npos : rest.find(part);
        if (at == std::string_view::npos) continue;
        out_.text(rest.substr(0, at)).element(tag, part);
        rest.remove_prefix(at + part.size());
    }
    out_.text(rest).end();
}

// volume, issue, then fpage/lpage or elocation-id: JATS allows one of the
// two, and an lpage only after an fpage; the rest goes to custom-meta.
void BodyWriter::citation(const Citation& c) {
    if (!c.volume.empty()) out_.element("volume", c.volume).raw("\n");
    if (!c.issue.empty()) out_.element("issue", c.issue).raw("\n");
    if (!c.first_page.empty()) {
        out_.element("fpage", c.first_page);
        if (!c.last_page.empty()) out_.element("lpage", c.last_page);
        out_.raw("\n");
    } else if (!c.elocation_id.empty()) {
        out_.element("elocation-id", c.elocation_id).raw("\n");
    }
}

void BodyWriter::pub_date(const DateTime& d) {
    out_.start("pub-date").attr("date-type", "pub").attr("iso-8601-date", d.iso());
    if (d.day > 0) out_.element("day", fmt::format("{:02d}", d.day));
    if (d.month > 0) out_.element("month", fmt::format("{:02d}", d.month));
    out_.element("year", fmt::format("{:04d}", d.year));
    out_.end().raw("\n");
}

void BodyWriter::permissions(const std::string& license) {
    out_.start("permissions").start("license");
    if (license.rfind("http://", 0) == 0 || license.rfind("https://", 0) == 0) out_.attr("xlink:href", license);
    out_.element("license-p", license).end().end().raw("\n");
}

// What JATS has no element for: copydesk's own keys carry
// specific-use="copydesk", so they never clash with Metadata::custom pairs,
// which follow verbatim.
void BodyWriter::custom_meta() {
    const Metadata& m = doc_.metadata;
    std::vector<std::pair<std::string_view, std::string>> own;
    if (!m.dateline.empty()) own.emplace_back("dateline", m.dateline);
    if (m.byline_placement == BylinePlacement::Start) own.emplace_back("byline-placement", "start");
    if (m.date && m.date->year > 0 && m.date->text != m.date->iso()) own.emplace_back("date-text", m.date->text);
    if (m.date && m.date->year <= 0 && !m.date->text.empty()) own.emplace_back("date-text", m.date->text);
    if (!m.citation.first_page.empty() && !m.citation.elocation_id.empty())
        own.emplace_back("elocation-id", m.citation.elocation_id);
    if (m.citation.first_page.empty() && !m.citation.last_page.empty()) own.emplace_back("last-page", m.citation.last_page);
    if (own.empty() && m.custom.empty()) return;
    out_.start("custom-meta-group").raw("\n");
    auto pair = [&](std::string_view name, std::string_view value, bool ours) {
        out_.start("custom-meta");
        if (ours) out_.attr("specific-use", "copydesk");
        out_.element("meta-name", name).element("meta-value", value).end().raw("\n");
    };
    for (const auto& [k, v] : own) pair(k, v, true);
    for (const auto& [k, v] : m.custom) pair(k, v, false);
    out_.end().raw("\n");
}

}  // namespace copydesk::jats::writer

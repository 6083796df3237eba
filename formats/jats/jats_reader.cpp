// JATS reader: the article, its front matter (into Metadata) and back matter
// (references, footnotes). The body is read in jats_reader_body.cpp.
#include "jats/jats_reader.hpp"

#include <fmt/format.h>

#include <algorithm>

#include <cstdlib>

#include "common/article/dateline.hpp"
#include "copydesk/errors.hpp"
#include "copydesk/walk.hpp"
#include "jats/jats.hpp"
#include "jats/jats_writer.hpp"

namespace copydesk::jats {

namespace reader {

using xml::NodeType;

namespace {

int to_int(const std::string& s) {
    return std::atoi(s.c_str());
}

// A DOCTYPE is allowed (never loaded); `recover` reads XML that is not quite
// well-formed, reporting each repair into `sink`.
xml::ReaderOptions reader_options(const ReadContext& ctx, DiagnosticSink& sink) {
    xml::ReaderOptions o;
    o.allow_doctype = true;
    o.max_depth = static_cast<std::size_t>(ctx.limits.max_depth);
    o.recover = ctx.options.get_bool("recover", false);
    o.repairs = &sink;
    return o;
}

constexpr std::string_view kFnRid = "jats-fn-rid";    // placeholder Note attributes until resolve()
constexpr std::string_view kFnText = "jats-fn-text";

}  // namespace

Parser::Parser(std::string_view data, const ReadContext& ctx)
    : ctx_(ctx),
      diags_(doc_.diagnostics),
      r_(data, Location{ctx.path}, reader_options(ctx, diags_)) {}

void Parser::note_once(const std::string& code, const std::string& key, std::string message) {
    if (reported_.insert(code + "\n" + key).second) diags_.warn(code, std::move(message), Location{ctx_.path, {}, r_.line()});
}

Document Parser::run() {
    while (r_.next() && r_.type() != NodeType::StartElement) {
    }
    if (r_.type() != NodeType::StartElement) throw ParseError("no root element", Location{ctx_.path});
    if (r_.local_name() == "article") {
        article();
    } else {
        note_once("jats.not-article", "", fmt::format("the root element is <{}>, not <article>: read as body text",
                                                      r_.local_name()));
        Flow f{&doc_.blocks, {}};
        element(f);
        flush(f);
    }
    while (r_.next()) {  // to the end, so every dropped entity is counted
    }
    resolve();
    article::take_dateline(doc_);  // our writer's <named-content content-type="dateline"> opening the lede
    if (std::size_t n = r_.dropped_entities())
        diags_.warn("jats.entity-dropped",
                    fmt::format("{} reference(s) to entities the DTD would define were dropped (the DTD is never "
                                "loaded)", n),
                    Location{ctx_.path});
    Metadata& m = doc_.metadata;
    if (have_date_text_) {
        if (!m.date) m.date = DateTime{};
        m.date->text = date_text_;
    }
    if (!article_type_.empty() && article_type_ != writer::article_type_for(doc_))
        m.custom.emplace_back("article-type", article_type_);
    return std::move(doc_);
}

void Parser::article() {
    if (auto lang = r_.attr(xml::ns::xml, "lang")) doc_.metadata.language = *lang;
    if (auto t = r_.attr("", "article-type")) article_type_ = *t;
    int d = r_.depth();
    while (r_.next()) {
        if (r_.type() == NodeType::EndElement && r_.depth() == d) break;
        if (r_.type() != NodeType::StartElement) continue;
        std::string_view n = r_.local_name();
        if (n == "front") {
            front();
        } else if (n == "back") {
            back();
        } else if (n == "processing-meta") {
            r_.skip();
        } else {
            if (n != "body" && n != "floats-group")
                note_once("jats.unknown-element", std::string(n),
                          fmt::format("<{}> after the article's body is read as body text", n));
            depth_ = 0;
            Flow f{&doc_.blocks, {}};
            children(f);
            flush(f);
        }
    }
}

// ------------------------------------------------------------------ front

std::string Parser::text_of() {
    Inlines is{Text{r_.read_text()}};
    normalize_space(is);
    return is.empty() ? std::string() : stringify(is);
}

void Parser::front_pair(std::string_view name) {
    std::string key(name);
    std::string value = text_of();
    note_once("jats.front-unmapped", key,
              fmt::format("<{}> has no metadata field of its own: kept as the custom pair '{}'", key, key));
    doc_.metadata.custom.emplace_back(key, std::move(value));
}

void Parser::front() {
    int d = r_.depth();
    while (r_.next()) {
        if (r_.type() == NodeType::EndElement && r_.depth() == d) break;
        if (r_.type() != NodeType::StartElement) continue;
        std::string_view n = r_.local_name();
        if (n == "journal-meta") journal_meta();
        else if (n == "article-meta") article_meta();
        else front_pair(n);
    }
}

// The journal title is the source (来源); journal-id and ISSN are kept as
// custom pairs unless they only repeat the source (or are empty).
void Parser::journal_meta() {
    Metadata& m = doc_.metadata;
    std::string publisher;
    std::vector<std::pair<std::string, std::string>> ids;
    int d = r_.depth();
    while (r_.next()) {
        if (r_.type() == NodeType::EndElement && r_.depth() == d) break;
        if (r_.type() != NodeType::StartElement) continue;
        std::string_view n = r_.local_name();
        if (n == "journal-title-group" || n == "publisher") {
            continue;  // descend
        } else if (n == "journal-title") {
            std::string t = text_of();
            if (m.source.empty()) m.source = t;
        } else if (n == "publisher-name") {
            publisher = text_of();
        } else if (n == "journal-id" || n == "issn") {
            std::string v = text_of();
            if (!v.empty()) ids.emplace_back(std::string(n), v);
        } else if (n == "abbrev-journal-title" || n == "publisher-loc") {
            m.custom.emplace_back(std::string(n), text_of());
        } else {
            front_pair(n);
        }
    }
    if (m.source.empty()) m.source = publisher;
    else if (!publisher.empty()) m.custom.emplace_back("publisher-name", publisher);
    for (auto& [k, v] : ids)
        if (!(k == "journal-id" && v == m.source)) m.custom.emplace_back(k, v);
}

void Parser::article_meta() {
    Metadata& m = doc_.metadata;
    bool have_date = false;
    int d = r_.depth();
    while (r_.next()) {
        if (r_.type() == NodeType::EndElement && r_.depth() == d) break;
        if (r_.type() != NodeType::StartElement) continue;
        std::string_view n = r_.local_name();
        if (n == "article-id") {
            std::string scheme = r_.attr("", "pub-id-type").value_or("other");
            if (scheme == "custom") scheme = r_.attr("", "custom-type").value_or("custom");
            m.identifiers.push_back({scheme, text_of()});
        } else if (n == "article-categories") {
            article_categories();
        } else if (n == "title-group") {
            title_group();
        } else if (n == "contrib-group") {
            contrib_group();
        } else if (n == "aff") {
            std::string id = r_.attr("", "id").value_or("");
            affs_[id] = affiliation();
        } else if (std::string* field = citation_field(n); field && field->empty()) {
            *field = text_of();
        } else if (n == "pub-date") {
            if (!have_date) {
                pub_date();
                have_date = true;
            } else {
                m.custom.emplace_back("pub-date", text_of());
            }
        } else if (n == "permissions") {
            permissions();
        } else if (n == "abstract") {
            if (!m.abstract.empty()) note_once("jats.abstract-extra", "", "several abstracts: read one after the other");
            int saved = depth_;
            depth_ = 0;
            Blocks bs = blocks_of();
            depth_ = saved;
            for (auto& b : bs) m.abstract.push_back(std::move(b));
        } else if (n == "kwd-group") {
            kwd_group();
        } else if (n == "custom-meta-group") {
            custom_meta_group();
        } else {
            front_pair(n);
        }
    }
}

// The field of Metadata::citation an article-meta element fills, or nullptr.
std::string* Parser::citation_field(std::string_view n) {
    Citation& c = doc_.metadata.citation;
    if (n == "volume") return &c.volume;
    if (n == "issue") return &c.issue;
    if (n == "fpage") return &c.first_page;
    if (n == "lpage") return &c.last_page;
    if (n == "elocation-id") return &c.elocation_id;
    return nullptr;
}

// An <aff>: its text as displayed (without its <label> and institution ids)
// and the <institution> and <country> it marks. Of several institutions
// (a department, then the university) the first not typed "dept" is kept.
Affiliation Parser::affiliation() {
    Affiliation a;
    bool dept_only = false;
    int d = r_.depth();
    while (r_.next()) {
        if (r_.type() == NodeType::EndElement && r_.depth() == d) break;
        if (r_.type() == NodeType::Text) a.text += r_.text();
        if (r_.type() != NodeType::StartElement) continue;
        std::string_view n = r_.local_name();
        if (n == "label" || n == "institution-id") {
            r_.skip();
            continue;
        }
        if (n == "institution-wrap" || n == "addr-line") continue;  // descend
        bool dept = r_.attr("", "content-type").value_or("") == "dept";
        std::string t = text_of();
        a.text += t;
        if (n == "institution" && (a.institution.empty() || (dept_only && !dept))) {
            a.institution = t;
            dept_only = dept;
        } else if (n == "country" && a.country.empty()) {
            a.country = t;
        }
    }
    Inlines is{Text{a.text}};
    normalize_space(is);
    a.text = is.empty() ? std::string() : stringify(is);
    return a;
}

void Parser::article_categories() {
    int d = r_.depth();
    std::string group_type;
    while (r_.next()) {
        if (r_.type() == NodeType::EndElement && r_.depth() == d) break;
        if (r_.type() != NodeType::StartElement) continue;
        std::string_view n = r_.local_name();
        if (n == "subj-group") {
            group_type = r_.attr("", "subj-group-type").value_or("");
        } else if (n == "subject") {
            std::string s = text_of();
            if (doc_.metadata.section.empty() && group_type == "heading") doc_.metadata.section = s;
            else doc_.metadata.custom.emplace_back(group_type.empty() ? "subject" : "subject." + group_type, s);
        } else {
            front_pair(n);
        }
    }
}

void Parser::title_group() {
    int d = r_.depth();
    while (r_.next()) {
        if (r_.type() == NodeType::EndElement && r_.depth() == d) break;
        if (r_.type() != NodeType::StartElement) continue;
        std::string_view n = r_.local_name();
        if (n == "article-title") doc_.metadata.title = text_of();
        else if (n == "subtitle" && doc_.metadata.subtitle.empty()) doc_.metadata.subtitle = text_of();
        else front_pair(n);
    }
}

void Parser::contrib_group() {
    std::size_t first = doc_.metadata.contributors.size();
    std::optional<Affiliation> group_aff;
    int d = r_.depth();
    while (r_.next()) {
        if (r_.type() == NodeType::EndElement && r_.depth() == d) break;
        if (r_.type() != NodeType::StartElement) continue;
        std::string_view n = r_.local_name();
        if (n == "contrib") {
            contrib();
        } else if (n == "aff") {
            auto id = r_.attr("", "id");
            Affiliation a = affiliation();
            if (id) affs_[*id] = a;
            else group_aff = a;
        } else {
            front_pair(n);
        }
    }
    // An <aff> without an id belongs to the group's contributors that have none.
    if (group_aff && !group_aff->text.empty())
        for (std::size_t i = first; i < doc_.metadata.contributors.size(); ++i)
            if (doc_.metadata.contributors[i].affiliation.empty()) add_affiliation(doc_.metadata.contributors[i], *group_aff);
}

// @contrib-type is the role kind (role_name values; anything else is Other),
// refined by <role content-type> under "author" (reporter, correspondent);
// <role> is the label as written.
void Parser::contrib() {
    Contributor c;
    std::string type = r_.attr("", "contrib-type").value_or("author");
    if (auto role = role_from_name(type)) c.role = *role;
    else c.role = Role::Other;
    bool have_label = false;
    int d = r_.depth();
    while (r_.next()) {
        if (r_.type() == NodeType::EndElement && r_.depth() == d) break;
        if (r_.type() != NodeType::StartElement) continue;
        std::string_view n = r_.local_name();
        if (n == "name" || n == "string-name" || n == "collab") {
            std::string name = person_name();
            if (c.name.empty()) c.name = name;
        } else if (n == "name-alternatives") {
            continue;  // descend: the first name inside wins
        } else if (n == "role") {
            // Our writer keeps a reporter's kind here, under contrib-type="author".
            if (auto kind = r_.attr("", "content-type"); kind && c.role == Role::Author)
                if (auto role = role_from_name(*kind)) c.role = *role;
            c.label = text_of();
            have_label = true;
        } else if (n == "aff") {
            add_affiliation(c, affiliation());
        } else if (n == "contrib-id") {
            std::string scheme = r_.attr("", "contrib-id-type").value_or("other");
            c.identifiers.push_back({scheme, text_of()});
        } else if (n == "email") {
            c.email = text_of();
        } else if (n == "xref" && r_.attr("", "ref-type").value_or("") == "aff") {
            std::string rid = r_.attr("", "rid").value_or("");
            if (auto sp = rid.find(' '); sp != std::string::npos) rid.resize(sp);
            contrib_affs_.emplace_back(doc_.metadata.contributors.size(), rid);
            r_.skip();
        } else {
            note_once("jats.contrib-unmapped", std::string(n), fmt::format("<{}> of a contributor is not read", n));
            r_.skip();
        }
    }
    if (!have_label && c.role == Role::Other && type != "other") c.label = type;
    doc_.metadata.contributors.push_back(std::move(c));
}

// The display string gets the text, `affiliations` the parts (cleared in
// resolve() when no affiliation of the contributor marks any).
void Parser::add_affiliation(Contributor& c, const Affiliation& a) {
    if (a.text.empty()) return;
    c.affiliation += (c.affiliation.empty() ? "" : "; ") + a.text;
    c.affiliations.push_back(a);
}

// A <name>, <string-name> or <collab> as one string: "given surname", or
// "surname given" for name-style="eastern" (no space between CJK parts).
std::string Parser::person_name() {
    bool eastern = r_.attr("", "name-style").value_or("") == "eastern";
    std::string surname, given, whole;
    int nd = r_.depth();
    while (r_.next()) {
        if (r_.type() == NodeType::EndElement && r_.depth() == nd) break;
        if (r_.type() == NodeType::Text) whole += r_.text();
        if (r_.type() != NodeType::StartElement) continue;
        std::string_view k = r_.local_name();
        std::string t = text_of();
        if (k == "surname") surname = t;
        else if (k == "given-names") given = t;
        else whole += t;
    }
    if (!surname.empty() || !given.empty()) {
        bool cjk = false;
        for (unsigned char ch : surname + given) cjk = cjk || (ch >= 0xE3 && ch <= 0xED);
        if (eastern) return surname + (cjk || given.empty() ? "" : " ") + given;
        return given + (given.empty() ? "" : " ") + surname;
    }
    Inlines is{Text{whole}};
    normalize_space(is);
    return stringify(is);
}

// @iso-8601-date first (it may carry a time), else year/month/day.
void Parser::pub_date() {
    std::optional<DateTime> dt;
    if (auto iso = r_.attr("", "iso-8601-date")) dt = DateTime::parse(*iso);
    int year = 0, month = 0, day = 0;
    std::string string_date;
    int d = r_.depth();
    while (r_.next()) {
        if (r_.type() == NodeType::EndElement && r_.depth() == d) break;
        if (r_.type() != NodeType::StartElement) continue;
        std::string_view n = r_.local_name();
        if (n == "year") year = to_int(text_of());
        else if (n == "month") month = to_int(text_of());
        else if (n == "day") day = to_int(text_of());
        else if (n == "string-date") string_date = text_of();
        else r_.skip();
    }
    if (!dt && !string_date.empty()) dt = DateTime::parse(string_date);
    if (!dt && year > 0) {
        DateTime x;
        x.year = year;
        x.month = month >= 1 && month <= 12 ? month : 0;
        x.day = x.month && day >= 1 && day <= 31 ? day : 0;
        x.text = x.iso();
        dt = x;
    }
    if (!dt && !string_date.empty()) {
        DateTime x;
        x.text = string_date;
        dt = x;
    }
    if (dt) doc_.metadata.date = dt;
}

void Parser::permissions() {
    int d = r_.depth();
    std::string href, text;
    while (r_.next()) {
        if (r_.type() == NodeType::EndElement && r_.depth() == d) break;
        if (r_.type() != NodeType::StartElement) continue;
        std::string_view n = r_.local_name();
        if (n == "license") {
            if (auto h = r_.attr(xml::ns::xlink, "href")) href = *h;
        } else if (n == "license-p") {
            std::string t = text_of();
            text += (text.empty() ? "" : " ") + t;
        } else if (n == "license_ref") {  // ali:license_ref
            std::string t = text_of();
            if (href.empty()) href = t;
        } else if (n == "copyright-statement" || n == "copyright-year" || n == "copyright-holder") {
            doc_.metadata.custom.emplace_back(std::string(n), text_of());
        } else {
            front_pair(n);
        }
    }
    doc_.metadata.license = text.empty() ? href : text;
}

void Parser::kwd_group() {
    int d = r_.depth();
    while (r_.next()) {
        if (r_.type() == NodeType::EndElement && r_.depth() == d) break;
        if (r_.type() != NodeType::StartElement) continue;
        std::string_view n = r_.local_name();
        if (n == "kwd" || n == "compound-kwd") doc_.metadata.keywords.push_back(text_of());
        else if (n == "title" || n == "label") r_.skip();  // "Keywords"
        else front_pair(n);
    }
}

// specific-use="copydesk" marks the writer's own keys (dateline,
// byline-placement, date-text); the rest are Metadata::custom pairs.
void Parser::custom_meta_group() {
    int d = r_.depth();
    while (r_.next()) {
        if (r_.type() == NodeType::EndElement && r_.depth() == d) break;
        if (r_.type() != NodeType::StartElement || r_.local_name() != "custom-meta") continue;
        bool ours = r_.attr("", "specific-use").value_or("") == "copydesk";
        std::string name, value;
        int md = r_.depth();
        while (r_.next()) {
            if (r_.type() == NodeType::EndElement && r_.depth() == md) break;
            if (r_.type() != NodeType::StartElement) continue;
            if (r_.local_name() == "meta-name") name = text_of();
            else if (r_.local_name() == "meta-value") value = text_of();
            else r_.skip();
        }
        Metadata& m = doc_.metadata;
        if (ours && name == "dateline") m.dateline = value;
        else if (ours && name == "byline-placement") m.byline_placement = value == "start" ? BylinePlacement::Start : BylinePlacement::End;
        else if (ours && name == "date-text") {
            date_text_ = value;
            have_date_text_ = true;
        } else if (ours && name == "elocation-id") {
            m.citation.elocation_id = value;  // beside <fpage>, which JATS does not allow
        } else if (ours && name == "last-page") {
            m.citation.last_page = value;  // without <fpage>, which JATS does not allow
        } else m.custom.emplace_back(name, value);
    }
}

// ------------------------------------------------------------------- back

void Parser::back() {
    int d = r_.depth();
    Flow f{&doc_.blocks, {}};
    depth_ = 0;
    while (r_.next()) {
        if (r_.type() == NodeType::EndElement && r_.depth() == d) break;
        if (r_.type() != NodeType::StartElement) continue;
        std::string_view n = r_.local_name();
        if (n == "title" || n == "label") r_.skip();
        else element(f);  // ref-list, fn-group, ack, app, sec...
    }
    flush(f);
}

void Parser::ref_list() {
    int d = r_.depth();
    while (r_.next()) {
        if (r_.type() == NodeType::EndElement && r_.depth() == d) break;
        if (r_.type() != NodeType::StartElement) continue;
        std::string_view n = r_.local_name();
        if (n == "ref") reference();
        else if (n == "ref-list") ref_list();
        else if (n == "title" || n == "label") r_.skip();
        else {
            note_once("jats.ref-list-text", std::string(n), fmt::format("<{}> in a reference list is not read", n));
            r_.skip();
        }
    }
}

void Parser::reference() {
    Reference ref;
    ref.id = r_.attr("", "id").value_or("");
    int d = r_.depth();
    while (r_.next()) {
        if (r_.type() == NodeType::EndElement && r_.depth() == d) break;
        if (r_.type() != NodeType::StartElement) continue;
        std::string_view n = r_.local_name();
        if (n == "mixed-citation") citation(ref, true);
        else if (n == "element-citation" || n == "nlm-citation" || n == "citation") citation(ref, false);
        else if (n == "citation-alternatives") continue;
        else r_.skip();  // label (a number), note
    }
    doc_.references.push_back(std::move(ref));
}

// Fields from the citation's elements (the first of each wins); the text as
// written from <mixed-citation> only.
void Parser::citation(Reference& ref, bool mixed) {
    if (ref.type.empty()) ref.type = r_.attr("", "publication-type").value_or(r_.attr("", "citation-type").value_or(""));
    std::string full, fpage, lpage;
    auto set = [](std::string& field, const std::string& v) {
        if (field.empty()) field = v;
    };
    int d = r_.depth();
    while (r_.next()) {
        if (r_.type() == NodeType::EndElement && r_.depth() == d) break;
        if (r_.type() == NodeType::Text) {
            full += r_.text();
            continue;
        }
        if (r_.type() != NodeType::StartElement) continue;
        std::string n(r_.local_name());
        if (n == "person-group") continue;  // descend into the names
        std::string href = r_.attr(xml::ns::xlink, "href").value_or("");
        std::string doi = n == "pub-id" && r_.attr("", "pub-id-type").value_or("") == "doi" ? "doi" : "";
        // A structured <name> reads "given surname"; the text as written keeps its own form.
        bool person = n == "name" && !mixed;
        std::string t = person ? person_name() : text_of();
        full += t;
        if (n == "string-name" || n == "name" || n == "collab") ref.authors.push_back(t);
        else if (n == "article-title" || n == "chapter-title" || n == "data-title" || n == "part-title") set(ref.title, t);
        else if (n == "source") set(ref.container, t);
        else if (n == "publisher-name") set(ref.publisher, t);
        else if (n == "year") set(ref.year, t);
        else if (n == "volume") set(ref.volume, t);
        else if (n == "issue") set(ref.issue, t);
        else if (n == "page-range") set(ref.pages, t);
        else if (n == "fpage") fpage = t;
        else if (n == "lpage") lpage = t;
        else if (!doi.empty()) set(ref.doi, t);
        else if (n == "ext-link" || n == "uri") set(ref.url, href.empty() ? t : href);
    }
    if (ref.pages.empty() && !fpage.empty()) ref.pages = lpage.empty() ? fpage : fpage + "-" + lpage;
    if (mixed) {
        Inlines is{Text{full}};
        normalize_space(is);
        set(ref.text, stringify(is));
    }
}

void Parser::fn_group() {
    int d = r_.depth();
    while (r_.next()) {
        if (r_.type() == NodeType::EndElement && r_.depth() == d) break;
        if (r_.type() != NodeType::StartElement) continue;
        if (r_.local_name() != "fn") {
            r_.skip();  // title, label
            continue;
        }
        std::string id = r_.attr("", "id").value_or("");
        bool endnote = r_.attr("", "specific-use").value_or("") == "endnote";
        Blocks content = fn_content();
        if (id.empty() || fns_.count(id)) id = fmt::format("\x01unnamed-{}", fn_order_.size());
        if (endnote) fn_endnotes_.insert(id);
        fns_.emplace(id, std::move(content));
        fn_order_.push_back(id);
    }
}

// Footnote call-outs become Notes holding the footnote (a note inside a note
// is left as its call-out text); footnotes nothing calls out follow the body
// in a Div of class "footnotes". Contributors get their affiliations.
void Parser::resolve() {
    auto is_placeholder = [](const Inline& i) { return i.is<Note>() && i.as<Note>().attr.get(std::string(kFnRid)); };
    auto flatten = [&](Blocks& bs) {
        walk(bs, Visitor{{}, [&](Inline& i) {
                             if (is_placeholder(i)) i = Text{*i.as<Note>().attr.get(std::string(kFnText))};
                         }});
    };
    walk(doc_, Visitor{{}, [&](Inline& i) {
                           if (!is_placeholder(i)) return;
                           std::string rid = *i.as<Note>().attr.get(std::string(kFnRid));
                           auto it = fns_.find(rid);
                           if (it == fns_.end()) {
                               note_once("jats.fn-missing", rid, fmt::format("a call-out refers to footnote '{}', "
                                                                             "which is missing: kept as text", rid));
                               i = Text{*i.as<Note>().attr.get(std::string(kFnText))};
                               return;
                           }
                           fn_used_.insert(rid);
                           Note n;
                           n.content = it->second;
                           flatten(n.content);
                           if (fn_endnotes_.count(rid)) n.attr.classes.push_back("endnote");
                           i = n;
                       }});
    Div rest;
    rest.attr.classes.push_back("footnotes");
    for (const auto& id : fn_order_)
        if (!fn_used_.count(id))
            for (auto& b : fns_[id]) rest.content.push_back(std::move(b));
    if (!rest.content.empty()) {
        flatten(rest.content);
        doc_.blocks.push_back(std::move(rest));
    }
    auto& cs = doc_.metadata.contributors;
    for (const auto& [idx, rid] : contrib_affs_) {
        auto it = affs_.find(rid);
        if (idx >= cs.size() || it == affs_.end()) continue;
        add_affiliation(cs[idx], it->second);
    }
    for (auto& c : cs)
        if (std::none_of(c.affiliations.begin(), c.affiliations.end(),
                         [](const Affiliation& a) { return !a.institution.empty() || !a.country.empty(); }))
            c.affiliations.clear();
}

}  // namespace reader

Document read(std::string_view data, const ReadContext& ctx) {
    reader::Parser p(data, ctx);
    return p.run();
}

}  // namespace copydesk::jats

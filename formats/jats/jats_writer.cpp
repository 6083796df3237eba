// JATS writer: settings, XML IDs and the <article> skeleton. Front matter is
// in jats_writer_front.cpp, the body in jats_writer_body.cpp, references and
// footnotes in jats_writer_back.cpp.
#include "jats/jats_writer.hpp"

#include <fmt/format.h>

#include "copydesk/errors.hpp"
#include "copydesk/walk.hpp"
#include "jats/jats.hpp"

namespace copydesk::jats {

namespace writer {

Settings make_settings(const Options& o) {
    Settings s;
    std::string tag_set = o.get_string("tag-set", "archiving");
    if (tag_set == "archiving") s.tag_set = TagSet::Archiving;
    else if (tag_set == "publishing") s.tag_set = TagSet::Publishing;
    else throw UsageError(fmt::format("option tag-set: '{}' is not archiving or publishing", tag_set));
    s.version = o.get_string("dtd-version", "1.3");
    if (s.version != "1.3" && s.version != "1.4")
        throw UsageError(fmt::format("option dtd-version: '{}' is not 1.3 or 1.4", s.version));
    s.article_type = o.get_string("article-type", "");
    return s;
}

std::string_view public_id(const Settings& s) {
    bool v14 = s.version == "1.4";
    if (s.tag_set == TagSet::Publishing)
        return v14 ? "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.4 20241031//EN"
                   : "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.3 20210610//EN";
    return v14 ? "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD v1.4 20241031//EN"
               : "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD v1.3 20210610//EN";
}

std::string_view system_id(const Settings& s) {
    bool v14 = s.version == "1.4";
    if (s.tag_set == TagSet::Publishing) return v14 ? "JATS-journalpublishing1-4.dtd" : "JATS-journalpublishing1-3.dtd";
    return v14 ? "JATS-archivearticle1-4.dtd" : "JATS-archivearticle1-3.dtd";
}

std::string_view article_type_for(const Document& d) {
    return d.references.empty() ? "news" : "research-article";
}

namespace {

// Decodes one UTF-8 sequence at s[i]; advances i. 0xFFFFFFFF on bad input.
char32_t decode(std::string_view s, std::size_t& i) {
    auto b = static_cast<unsigned char>(s[i++]);
    if (b < 0x80) return b;
    int n = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : -1;
    if (n < 0) return 0xFFFFFFFF;
    char32_t cp = b & (0x3F >> n);
    for (int k = 0; k < n; ++k) {
        if (i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) return 0xFFFFFFFF;
        cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
    }
    return cp;
}

bool name_start(char32_t c) {
    return (c >= 'A' && c <= 'Z') || c == '_' || (c >= 'a' && c <= 'z') || (c >= 0xC0 && c <= 0xD6) ||
           (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x2FF) || (c >= 0x370 && c <= 0x37D) ||
           (c >= 0x37F && c <= 0x1FFF) || (c >= 0x200C && c <= 0x200D) || (c >= 0x2070 && c <= 0x218F) ||
           (c >= 0x2C00 && c <= 0x2FEF) || (c >= 0x3001 && c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFDCF) ||
           (c >= 0xFDF0 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0xEFFFF);
}

bool name_char(char32_t c) {
    return name_start(c) || c == '-' || c == '.' || (c >= '0' && c <= '9') || c == 0xB7 ||
           (c >= 0x300 && c <= 0x36F) || (c >= 0x203F && c <= 0x2040);
}

bool has_han(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        char32_t c = decode(s, i);
        if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF)) return true;
    }
    return false;
}

}  // namespace

std::string language_for(const Document& d) {
    if (!d.metadata.language.empty()) return d.metadata.language;
    std::string sample = d.metadata.title;
    for (std::size_t i = 0; i < d.blocks.size() && i < 5; ++i) sample += stringify(d.blocks[i]);
    return has_han(sample) ? "zh-CN" : "en";
}

bool is_ncname(std::string_view s) {
    if (s.empty()) return false;
    for (std::size_t i = 0; i < s.size();) {
        bool first = i == 0;
        char32_t c = decode(s, i);
        if (c == 0xFFFFFFFF || !(first ? name_start(c) : name_char(c))) return false;
    }
    return true;
}

std::string to_ncname(std::string_view s) {
    if (is_ncname(s)) return std::string(s);
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t start = i;
        char32_t c = decode(s, i);
        if (out.empty() && (c == 0xFFFFFFFF || !name_start(c))) out = "id-";
        if (c != 0xFFFFFFFF && name_char(c)) out.append(s.substr(start, i - start));
        else out += '-';
    }
    return out.empty() ? "id" : out;
}

void Ids::add(const std::string& id) {
    if (id.empty() || map_.count(id)) return;
    std::string x = to_ncname(id);
    if (used_.count(x)) {  // two AST ids that sanitise alike
        std::string base = x;
        for (int n = 2; used_.count(x); ++n) x = base + "-" + std::to_string(n);
    }
    used_.insert(x);
    map_.emplace(id, std::move(x));
}

void Ids::collect(const Document& d) {
    walk(d, ConstVisitor{
                [&](const Block& b) {
                    if (b.is<Heading>()) add(b.as<Heading>().attr.id);
                    else if (b.is<Div>()) add(b.as<Div>().attr.id);
                    else if (b.is<Table>()) add(b.as<Table>().attr.id);
                    else if (b.is<Figure>()) add(b.as<Figure>().attr.id);
                },
                [&](const Inline& i) {
                    if (i.is<Span>()) add(i.as<Span>().attr.id);
                }});
    for (const auto& r : d.references) add(r.id);
}

std::string Ids::claim(std::string_view id) {
    if (id.empty()) return {};
    auto it = map_.find(std::string(id));
    if (it == map_.end()) return {};
    if (!claimed_.insert(std::string(id)).second) {
        ++duplicates_;
        return {};
    }
    return it->second;
}

const std::string* Ids::target(std::string_view id) const {
    auto it = map_.find(std::string(id));
    return it == map_.end() ? nullptr : &it->second;
}

std::string Ids::fresh(std::string_view prefix) {
    std::string x;
    do x = fmt::format("{}{}", prefix, next_++);
    while (used_.count(x));
    used_.insert(x);
    return x;
}

bool well_formed_fragment(std::string_view text) {
    std::string doc = fmt::format("<r xmlns:xlink=\"{}\" xmlns:mml=\"{}\">{}</r>", xml::ns::xlink, xml::ns::mathml, text);
    try {
        xml::Reader r(doc, Location{});
        while (r.next()) {
        }
        return true;
    } catch (const Error&) {
        return false;
    }
}

BodyWriter::BodyWriter(xml::Writer& out, const Settings& settings, const Document& doc, DiagnosticSink& diags)
    : out_(out), s_(settings), doc_(doc), diags_(diags) {
    ids_.collect(doc);
}

void BodyWriter::warn(std::string code, std::string message) {
    diags_.warn(std::move(code), std::move(message));
}

void BodyWriter::warn_once(const std::string& code, std::string message) {
    if (warned_.insert(code).second) warn(code, std::move(message));
}

void BodyWriter::document() {
    out_.declaration(false);
    out_.doctype("article", public_id(s_), system_id(s_));
    out_.start("article");
    out_.attr("xmlns:xlink", xml::ns::xlink);
    out_.attr("xmlns:mml", xml::ns::mathml);
    out_.attr("article-type", s_.article_type.empty() ? article_type_for(doc_) : std::string_view(s_.article_type));
    out_.attr("dtd-version", s_.version);
    out_.attr("xml:lang", language_for(doc_));
    out_.raw("\n");
    front();
    out_.start("body").raw("\n");
    dateline_ = article::dateline_text(doc_.metadata, article::script_for(language_for(doc_)));
    if (!dateline_.empty() && (doc_.blocks.empty() || !doc_.blocks.front().is<Paragraph>())) {
        out_.start("p");
        dateline(false);
        out_.end().raw("\n");
    }
    blocks(doc_.blocks, Context::Sections);
    out_.end().raw("\n");
    back();
    out_.end().raw("\n");
    if (attr_dropped_)
        warn("jats.attr-dropped",
             fmt::format("{} attribute(s) of divs, spans, code or images have no place in JATS and were dropped",
                         attr_dropped_));
    if (ids_.duplicates())
        warn("jats.duplicate-id", fmt::format("{} element(s) repeat an id used before; the repeats were written "
                                              "without it", ids_.duplicates()));
}

}  // namespace writer

std::string write(const Document& doc, const WriteContext& ctx) {
    writer::Settings s = writer::make_settings(ctx.options);
    DiagnosticSink sink(ctx.diagnostics);
    xml::Writer out(&ctx.diagnostics, "article.xml");
    out.buffer().reserve(4096 + doc.blocks.size() * 160);
    writer::BodyWriter w(out, s, doc, sink);
    w.document();
    return out.take();
}

}  // namespace copydesk::jats

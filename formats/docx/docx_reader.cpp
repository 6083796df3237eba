// DOCX reader entry point: opens the package, reads styles, numbering, notes
// and properties, then streams the main document once.
#include <new>

#include "copydesk/errors.hpp"
#include "copydesk/walk.hpp"
#include "docx/docx.hpp"
#include "docx/docx_reader_body.hpp"
#include "docx/docx_reader_meta.hpp"

namespace copydesk::docx {

namespace {

using namespace rd;

std::string part_text(zip::Archive& z, const std::string& part) {
    const zip::Entry* e = z.find(part);
    return e ? z.read(*e) : std::string();
}

xml::ReaderOptions reader_options(const ReadContext& ctx) {
    xml::ReaderOptions o;
    o.max_depth = static_cast<std::size_t>(std::max<std::uint64_t>(16, std::min<std::uint64_t>(ctx.limits.max_depth, 4096)));
    return o;
}

// Notes part: id → blocks; separators (w:type) are skipped.
void read_notes(Shared& S, const std::string& part, const std::string& xml_text, bool endnotes,
                const ReadContext& ctx) {
    Location where{ctx.path, part};
    Relationships rels;
    std::string rels_xml = part_text(*S.zip, rels_part_for(part));
    if (!rels_xml.empty()) rels = parse_relationships(rels_xml, part, {ctx.path, rels_part_for(part)});
    xml::Reader r(xml_text, where, reader_options(ctx));
    PartReader pr(S, r, part, rels);
    auto& map = endnotes ? S.endnotes : S.footnotes;
    const std::string_view tag = endnotes ? "endnote" : "footnote";
    while (r.next()) {
        if (r.type() != xml::NodeType::StartElement) continue;
        if (r.ns() == S.ns.w && r.local_name() == tag) {
            std::string id = r.attr(S.ns.w, "id").value_or("");
            std::string type = r.attr(S.ns.w, "type").value_or("normal");
            if (type != "normal") {
                r.skip();
                continue;
            }
            std::vector<Item> items;
            pr.blocks(items);
            Blocks blocks = assemble(items);
            // The note's mark is usually followed by a space: not content.
            if (!blocks.empty() && blocks.front().is<Paragraph>()) {
                auto& content = blocks.front().as<Paragraph>().content;
                if (!content.empty() && content.front().is<Text>()) {
                    auto& t = content.front().as<Text>().text;
                    std::size_t k = 0;
                    while (k < t.size() && (t[k] == ' ' || t[k] == '\t')) ++k;
                    t.erase(0, k);
                    if (t.empty()) content.erase(content.begin());
                }
            }
            map[id] = std::move(blocks);
        }
    }
}

long count_comments(const std::string& xml_text, const Namespaces& ns, const Location& where,
                    const xml::ReaderOptions& opts) {
    long n = 0;
    xml::Reader r(xml_text, where, opts);
    while (r.next())
        if (r.type() == xml::NodeType::StartElement && r.ns() == ns.w && r.local_name() == "comment") {
            ++n;
            r.skip();
        }
    return n;
}

bool application_is_copydesk(const std::string& xml_text, const Location& where, const xml::ReaderOptions& opts) {
    xml::Reader r(xml_text, where, opts);
    while (r.next())
        if (r.type() == xml::NodeType::StartElement && r.local_name() == "Application") return r.read_text() == "copydesk";
    return false;
}

// Removes bookmark spans nobody links to.
void drop_unused_anchors(Inlines& in, const std::unordered_set<std::string>& used) {
    in.erase(std::remove_if(in.begin(), in.end(),
                            [&](const Inline& x) {
                                if (!x.is<Span>()) return false;
                                const Span& s = x.as<Span>();
                                return s.content.empty() && s.attr.classes.size() == 1 &&
                                       s.attr.classes[0] == "anchor" && !used.count(s.attr.id);
                            }),
             in.end());
}
void drop_unused_anchors(Blocks& blocks, const std::unordered_set<std::string>& used) {
    walk(blocks, Visitor{[&](Block& b) {
                             if (b.is<Paragraph>()) drop_unused_anchors(b.as<Paragraph>().content, used);
                             else if (b.is<Heading>()) drop_unused_anchors(b.as<Heading>().content, used);
                         },
                         [&](Inline& x) {
                             if (auto* c = x.children()) drop_unused_anchors(*c, used);
                         }});
}

void report(Document& doc, const Shared& S, const Location& where, long comments) {
    DiagnosticSink sink(doc.diagnostics);
    if (S.insertions || S.deletions)
        sink.warn("docx.tracked-changes",
                  "resolved tracked changes: " + std::to_string(S.insertions) + " insertion(s) kept, " +
                      std::to_string(S.deletions) + " deletion(s) dropped",
                  where);
    if (comments)
        sink.warn("docx.comments-dropped", std::to_string(comments) + " comment(s) not carried over", where);
    if (S.textboxes)
        sink.info("docx.textbox-moved",
                  std::to_string(S.textboxes) + " text box(es) placed after their paragraph as Div \"textbox\"", where);
    if (S.math)
        sink.warn("docx.math-as-text", std::to_string(S.math) + " equation(s) kept as their plain text", where);
    if (S.charts) sink.warn("docx.chart-dropped", std::to_string(S.charts) + " chart(s) dropped", where);
    if (S.objects)
        sink.warn("docx.object-dropped",
                  std::to_string(S.objects) + " embedded object(s) reduced to their preview image", where);
    if (S.alt_chunks)
        sink.warn("docx.altchunk-dropped", std::to_string(S.alt_chunks) + " imported chunk(s) (altChunk) dropped",
                  where);
    if (S.missing_notes)
        sink.warn("docx.note-missing", std::to_string(S.missing_notes) + " note reference(s) without a note", where);
    if (S.missing_images)
        sink.warn("docx.image-missing", std::to_string(S.missing_images) + " image(s) missing or unreadable",
                  where);
    if (S.external_images)
        sink.info("docx.image-external",
                  std::to_string(S.external_images) + " image(s) linked, not embedded: kept as URLs", where);
    if (S.deep_fields) sink.warn("docx.field-nesting", "fields nested too deeply were flattened", where);
}

Document read_impl(std::string_view data, const ReadContext& ctx) {
    const Location file_loc{ctx.path, {}, 0, 0};
    if (zip::is_ole_compound(data)) {
        // A password-protected DOCX is an OLE file holding an EncryptedPackage
        // stream (its name is UTF-16 in the directory); any other is a legacy file.
        std::string name;
        for (char c : std::string_view("EncryptedPackage")) name += {c, '\0'};
        if (data.find(name) != std::string_view::npos)
            throw EncryptedError("password-protected DOCX (an OLE compound file holding an encrypted package)",
                                 file_loc);
        throw UnsupportedFormatError("not a DOCX package: it looks like an OLE compound file (a legacy Word .doc, "
                                     "Excel .xls or similar), which copydesk does not read",
                                     file_loc);
    }
    if (!zip::is_zip(data)) throw ParseError("not a DOCX file: not a ZIP archive", file_loc);

    Document doc;
    zip::Archive z(data, ctx.limits, ctx.path);
    const auto opts = reader_options(ctx);

    // Package relationships → main document part.
    Relationships root_rels;
    if (const zip::Entry* e = z.find("_rels/.rels"))
        root_rels = parse_relationships(z.read(*e), "", {ctx.path, "_rels/.rels"});
    std::string main_part, core_part, custom_part, app_part;
    bool strict = false;
    for (const auto& [id, rel] : root_rels) {
        if (rel.external) continue;
        if (rel_type_is(rel.type, "officeDocument") && main_part.empty()) {
            main_part = rel.target;
            strict = rel.type.rfind("http://purl.oclc.org/", 0) == 0;
        } else if (rel_type_is(rel.type, "core-properties")) {
            core_part = rel.target;
        } else if (rel_type_is(rel.type, "custom-properties")) {
            custom_part = rel.target;
        } else if (rel_type_is(rel.type, "extended-properties")) {
            app_part = rel.target;
        }
    }
    if (main_part.empty() && z.contains("word/document.xml")) main_part = "word/document.xml";
    if (main_part.empty() || !z.contains(main_part))
        throw ParseError("not a Word document: no main document part (officeDocument relationship)", file_loc);

    Shared S;
    S.zip = &z;
    if (!app_part.empty())
        if (std::string x = part_text(z, app_part); !x.empty()) S.ours = application_is_copydesk(x, {ctx.path, app_part}, opts);
    S.doc = &doc;
    auto slash = main_part.rfind('/');
    S.main_dir = slash == std::string::npos ? std::string() : main_part.substr(0, slash + 1);
    if (const zip::Entry* e = z.find("[Content_Types].xml"))
        S.content_types = parse_content_types(z.read(*e), {ctx.path, "[Content_Types].xml"});

    // The main part is parsed as it is inflated, never held whole. Its root
    // element's namespace says Transitional or Strict, which the other parts
    // need: read up to it now, the body after them.
    const zip::Entry* main_entry = z.find(main_part);
    const Location main_loc{ctx.path, main_part};
    zip::EntryStream main_in = z.open(*main_entry);
    xml::Reader r([&main_in](char* buf, std::size_t n) { return main_in.read(buf, n); }, main_loc, opts);
    bool have_root = false;
    while (r.next())
        if (r.type() == xml::NodeType::StartElement) {
            if (r.ns() == Namespaces::iso_strict().w) strict = true;
            else if (r.ns() == Namespaces::transitional().w) strict = false;
            have_root = true;
            break;
        }
    S.ns = strict ? Namespaces::iso_strict() : Namespaces::transitional();

    Relationships rels;
    const std::string rels_name = rels_part_for(main_part);
    if (const zip::Entry* e = z.find(rels_name)) rels = parse_relationships(z.read(*e), main_part, {ctx.path, rels_name});
    std::string footnotes_part, endnotes_part, comments_part;
    for (const auto& [id, rel] : rels) {
        if (rel.external) continue;
        if (rel_type_is(rel.type, "styles")) {
            if (std::string x = part_text(z, rel.target); !x.empty()) S.styles.parse(x, S.ns, {ctx.path, rel.target});
        } else if (rel_type_is(rel.type, "numbering")) {
            if (std::string x = part_text(z, rel.target); !x.empty())
                S.numbering.parse(x, S.ns, {ctx.path, rel.target});
        } else if (rel_type_is(rel.type, "footnotes")) {
            footnotes_part = rel.target;
        } else if (rel_type_is(rel.type, "endnotes")) {
            endnotes_part = rel.target;
        } else if (rel_type_is(rel.type, "comments")) {
            comments_part = rel.target;
        }
    }
    if (!footnotes_part.empty())
        if (std::string x = part_text(z, footnotes_part); !x.empty()) read_notes(S, footnotes_part, x, false, ctx);
    if (!endnotes_part.empty())
        if (std::string x = part_text(z, endnotes_part); !x.empty()) read_notes(S, endnotes_part, x, true, ctx);
    long comments = 0;
    if (!comments_part.empty())
        if (std::string x = part_text(z, comments_part); !x.empty())
            comments = count_comments(x, S.ns, {ctx.path, comments_part}, opts);

    // The single pass over the main document: items become blocks as they come.
    BodyAssembler body;
    // A body block takes 250 bytes of XML or more (our writer's CJK paragraphs
    // about 270, Word's more): room for that many, most of it never touched
    // when the guess is high, saves growing the list and moving it.
    body.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(main_entry->uncompressed_size / 250, 1u << 20)));
    if (have_root) {
        if (r.ns() != S.ns.w || r.local_name() != "document")
            throw ParseError("not a Word document: the main part's root is <" + std::string(r.local_name()) +
                                 ">, not w:document",
                             {ctx.path, main_part, r.line(), 0});
        PartReader pr(S, r, main_part, rels);
        std::vector<Item> batch;  // one body child's items; reused
        for_children(r, [&] {
            if (r.ns() != S.ns.w || r.local_name() != "body") return r.skip();
            for_children(r, [&] {
                pr.block(batch);
                for (Item& it : batch) body.add(std::move(it));
                batch.clear();
            });
        });
    }
    // The part's remaining bytes (what follows the root is not parsed, as
    // before) still pass through the stream: its size and CRC-32 are checked.
    char rest[4096];
    while (main_in.read(rest, sizeof rest) > 0) {
    }
    doc.blocks = body.finish();

    // Properties, then the article head (which overrides them).
    if (!core_part.empty())
        if (std::string x = part_text(z, core_part); !x.empty()) read_core_properties(doc.metadata, x, {ctx.path, core_part}, opts);
    if (!custom_part.empty())
        if (std::string x = part_text(z, custom_part); !x.empty())
            read_custom_properties(doc.metadata, x, {ctx.path, custom_part}, opts);
    body.apply_head(doc.metadata);

    if (S.anchors) drop_unused_anchors(doc.blocks, S.anchor_targets);
    report(doc, S, {ctx.path, main_part}, comments);
    return doc;
}

}  // namespace

Document read(std::string_view data, const ReadContext& ctx) {
    try {
        return read_impl(data, ctx);
    } catch (Error& e) {
        e.set_file(ctx.path);
        throw;
    } catch (const std::bad_alloc&) {
        throw LimitError("out of memory while reading the DOCX package", {ctx.path, {}, 0, 0});
    } catch (const std::length_error&) {
        throw LimitError("DOCX content too large", {ctx.path, {}, 0, 0});
    } catch (const std::exception& e) {
        throw ParseError(std::string("malformed DOCX: ") + e.what(), {ctx.path, {}, 0, 0});
    }
}

}  // namespace copydesk::docx

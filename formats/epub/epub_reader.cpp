// EPUB reader entry point: OCF container -> package document -> spine ->
// XHTML content documents -> AST.
#include "common/article/dateline.hpp"
#include "common/xml/xml.hpp"
#include "common/zip/zip.hpp"
#include "copydesk/errors.hpp"
#include "epub/epub.hpp"
#include "epub/epub_reader.hpp"

namespace copydesk::epub {

namespace {

using namespace reader;

constexpr std::string_view kOpfMedia = "application/oebps-package+xml";
constexpr std::string_view kEnc = "http://www.w3.org/2001/04/xmlenc#";

// Reads a part and makes it safe to parse (DOCTYPE, HTML entities).
std::string prepared(zip::Archive& a, const std::string& part, const std::string& file, DiagnosticSink& diags) {
    std::string data = a.read(part);  // ParseError naming the part if it is missing
    std::size_t dropped = 0;
    std::string out = prepare_markup(data, Location{file, part, 0, 0}, dropped);
    if (dropped > 0)
        diags.warn("epub.entity-dropped", std::to_string(dropped) + " unknown entity reference(s) were dropped",
                   Location{file, part, 0, 0});
    return out;
}

std::string rootfile_path(zip::Archive& a, const std::string& file, DiagnosticSink& diags) {
    const std::string part = "META-INF/container.xml";
    std::string data = prepared(a, part, file, diags);
    xml::Reader r(data, Location{file, part, 0, 0});
    std::string first;
    while (r.next()) {
        if (!r.is(ns::container, "rootfile")) continue;
        auto path = r.attr("", "full-path");
        auto type = r.attr("", "media-type");
        if (!path || path->empty()) continue;
        if (!type || *type == kOpfMedia) return *path;
        if (first.empty()) first = *path;
    }
    if (!first.empty()) return first;
    throw ParseError("no rootfile (package document) named in the container", Location{file, part, 0, 0});
}

std::set<std::string> encrypted_paths(zip::Archive& a, const std::string& file, DiagnosticSink& diags) {
    std::set<std::string> out;
    const std::string part = "META-INF/encryption.xml";
    if (!a.contains(part)) return out;
    std::string data = prepared(a, part, file, diags);
    xml::Reader r(data, Location{file, part, 0, 0});
    std::string algorithm;
    while (r.next()) {
        if (r.is(kEnc, "EncryptionMethod")) algorithm = r.attr("", "Algorithm").value_or("");
        if (!r.is(kEnc, "CipherReference")) continue;
        auto uri = r.attr("", "URI");
        if (!uri) continue;
        auto path = resolve_path("", *uri);
        if (!path) continue;
        out.insert(*path);
        bool font_obfuscation = algorithm == "http://www.idpf.org/2008/embedding" ||
                                algorithm == "http://ns.adobe.com/pdf/enc#RC";
        diags.info("epub.encrypted-skipped",
                   std::string(font_obfuscation ? "obfuscated font '" : "encrypted resource '") + *path + "' skipped",
                   Location{file, part, 0, 0});
    }
    return out;
}

struct Package {
    std::vector<MetaElement> meta;
    std::string unique_id;
    struct Item {
        std::string href, type, properties;
    };
    std::map<std::string, Item> items;  // by id
    std::vector<std::string> spine;     // idrefs
};

Package parse_opf(std::string_view data, const Location& where) {
    Package p;
    xml::Reader r(data, where);
    while (r.next()) {
        if (r.type() != xml::NodeType::StartElement) continue;
        if (r.depth() == 0) {
            p.unique_id = r.attr("", "unique-identifier").value_or("");
        } else if (r.depth() == 2 && r.ns() != ns::opf && r.ns() != ns::dc) {
            r.skip();  // foreign metadata (calibre, ...) other than meta/link
        } else if (r.depth() == 2 && (r.ns() == ns::dc || r.local_name() == "meta")) {
            MetaElement m;
            m.ns = std::string(r.ns());
            m.name = std::string(r.local_name());
            for (auto& a : r.attributes()) {
                std::string key = a.ns == ns::opf ? "opf:" + a.local : a.ns.empty() ? a.local : a.ns + " " + a.local;
                if (a.local == "id" && a.ns.empty()) m.id = a.value;
                m.attrs[key] = std::move(a.value);
            }
            m.text = r.read_text();
            p.meta.push_back(std::move(m));
        } else if (r.is(ns::opf, "item")) {
            auto id = r.attr("", "id");
            auto href = r.attr("", "href");
            if (id && href)
                p.items[*id] = {*href, r.attr("", "media-type").value_or(""), r.attr("", "properties").value_or("")};
        } else if (r.is(ns::opf, "itemref")) {
            if (auto idref = r.attr("", "idref")) p.spine.push_back(*idref);
        }
    }
    return p;
}

}  // namespace

void reader::collect_ids(const Node& n, const std::string& path, Book& book) {
    if (!n.is_element()) return;
    if (const std::string* id = n.attr("id")) book.ids.emplace(path + "#" + *id, &n);
    for (const auto& c : n.children) collect_ids(c, path, book);
}

void reader::collect_notes(const Node& n, const std::string& path, Book& book) {
    if (!n.is_element()) return;
    if (n.name == "a" && n.has_type("noteref"))
        if (const std::string* href = n.attr("href")) {
            std::string doc = !href->empty() && (*href)[0] == '#' ? path : resolve_path(path, *href).value_or("");
            auto it = book.ids.find(doc + "#" + fragment_of(*href));
            // Only an element that can hold a note's text (not the whole body).
            if (it != book.ids.end() && it->second->name != "body") {
                book.note_targets.insert(it->second);
                book.target_doc[it->second] = doc;
            }
        }
    for (const auto& c : n.children) collect_notes(c, path, book);
}

using namespace reader;

Document read(std::string_view data, const ReadContext& ctx) {
    Document doc;
    DiagnosticSink diags(doc.diagnostics);
    if (zip::is_ole_compound(data)) throw EncryptedError("an OLE compound file, not an EPUB", Location{ctx.path});
    zip::Archive archive(data, ctx.limits, ctx.path);
    const std::string& file = ctx.path;

    if (const auto* m = archive.find("mimetype")) {
        std::string type = archive.read(*m);
        while (!type.empty() && (type.back() == '\n' || type.back() == '\r' || type.back() == ' ')) type.pop_back();
        if (type != "application/epub+zip")
            diags.warn("epub.mimetype", "mimetype is '" + type.substr(0, 64) + "', not application/epub+zip",
                       Location{file, "mimetype", 0, 0});
    } else {
        diags.warn("epub.mimetype", "the container has no mimetype file", Location{file, "mimetype", 0, 0});
    }

    Book book;
    book.archive = &archive;
    book.file = file;
    std::string opf_path = rootfile_path(archive, file, diags);
    if (!archive.contains(opf_path))
        throw ParseError("the package document named in the container is missing", Location{file, opf_path, 0, 0});
    book.encrypted = encrypted_paths(archive, file, diags);
    auto slash = opf_path.rfind('/');
    book.opf_dir = slash == std::string::npos ? "" : opf_path.substr(0, slash + 1);
    Package pkg = parse_opf(prepared(archive, opf_path, file, diags), Location{file, opf_path, 0, 0});
    reader::apply_metadata(pkg.meta, pkg.unique_id, doc.metadata, diags);
    for (const auto& [id, item] : pkg.items)
        if (auto p = resolve_path(opf_path, item.href)) book.manifest_types[*p] = item.type;

    // The spine's XHTML documents, parsed first: notes may be referred to
    // across documents.
    std::vector<std::pair<std::string, Node>> docs;
    std::size_t encrypted_docs = 0;
    const bool recover = ctx.options.get_bool("recover", false);
    for (const auto& idref : pkg.spine) {
        auto it = pkg.items.find(idref);
        Location where{file, opf_path, 0, 0};
        if (it == pkg.items.end()) {
            diags.warn("epub.spine-item-missing", "spine item '" + idref + "' is not in the manifest", where);
            continue;
        }
        const auto& item = it->second;
        auto path = resolve_path(opf_path, item.href);
        if (!path) {
            diags.warn("epub.spine-item-missing", "spine item '" + item.href + "' is outside the container", where);
            continue;
        }
        if (item.type != "application/xhtml+xml" && item.type != "image/svg+xml") {
            diags.warn("epub.spine-item-skipped", "spine item '" + *path + "' of type " + item.type + " was skipped",
                       where);
            continue;
        }
        if (book.encrypted.count(*path) != 0) {
            ++encrypted_docs;
            diags.warn("epub.encrypted-skipped", "content document '" + *path + "' is encrypted; skipped", where);
            continue;
        }
        if (!archive.contains(*path)) {
            diags.warn("epub.spine-item-missing", "content document '" + *path + "' is not in the package", where);
            continue;
        }
        if (book.spine_docs.count(*path) != 0) continue;  // listed twice
        book.spine_docs.insert(*path);
        std::string xhtml = prepared(archive, *path, file, diags);
        docs.emplace_back(*path, parse_xhtml(xhtml, Location{file, *path, 0, 0}, ctx.limits, recover ? &diags : nullptr));
    }
    if (encrypted_docs > 0 && docs.empty())
        throw EncryptedError("every content document of the EPUB is encrypted (DRM)", Location{file});
    for (const auto& [path, root] : docs) collect_ids(root, path, book);
    for (const auto& [path, root] : docs) collect_notes(root, path, book);
    Converter conv(book, doc, diags);
    for (const auto& [path, root] : docs) conv.body(root, path, doc.blocks);
    article::take_dateline(doc);  // our writer's <span class="dateline"> opening the lede
    return doc;
}

}  // namespace copydesk::epub

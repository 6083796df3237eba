// DOCX reader: OPC package plumbing (relationships, content types, namespaces).
#include <algorithm>
#include <cctype>

#include "docx/docx_reader.hpp"

namespace copydesk::docx::rd {

Namespaces Namespaces::transitional() {
    Namespaces n;
    n.w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    n.r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    n.wp = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
    n.a = "http://schemas.openxmlformats.org/drawingml/2006/main";
    n.pic = "http://schemas.openxmlformats.org/drawingml/2006/picture";
    n.m = "http://schemas.openxmlformats.org/officeDocument/2006/math";
    return n;
}

Namespaces Namespaces::iso_strict() {
    Namespaces n;
    n.w = "http://purl.oclc.org/ooxml/wordprocessingml/main";
    n.r = "http://purl.oclc.org/ooxml/officeDocument/relationships";
    n.wp = "http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing";
    n.a = "http://purl.oclc.org/ooxml/drawingml/main";
    n.pic = "http://purl.oclc.org/ooxml/drawingml/picture";
    n.m = "http://purl.oclc.org/ooxml/officeDocument/math";
    n.strict = true;
    return n;
}

std::string rels_part_for(std::string_view part) {
    auto slash = part.rfind('/');
    std::string dir = slash == std::string_view::npos ? std::string() : std::string(part.substr(0, slash + 1));
    std::string base(slash == std::string_view::npos ? part : part.substr(slash + 1));
    return dir + "_rels/" + base + ".rels";
}

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string percent_decode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
            out.push_back(static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2])));
            i += 2;
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace

std::string resolve_target(std::string_view source_part, std::string_view target) {
    std::string t = percent_decode(target);
    std::replace(t.begin(), t.end(), '\\', '/');
    std::string joined;
    if (!t.empty() && t[0] == '/') {
        joined = t.substr(1);
    } else {
        auto slash = source_part.rfind('/');
        joined = (slash == std::string_view::npos ? std::string() : std::string(source_part.substr(0, slash + 1))) + t;
    }
    // Normalise "." and ".." segments; ".." above the root is dropped.
    std::vector<std::string> segs;
    std::size_t pos = 0;
    while (pos <= joined.size()) {
        auto next = joined.find('/', pos);
        if (next == std::string::npos) next = joined.size();
        std::string seg = joined.substr(pos, next - pos);
        if (seg == "..") {
            if (!segs.empty()) segs.pop_back();
        } else if (!seg.empty() && seg != ".") {
            segs.push_back(std::move(seg));
        }
        pos = next + 1;
    }
    std::string out;
    for (const auto& s : segs) {
        if (!out.empty()) out += '/';
        out += s;
    }
    return out;
}

bool rel_type_is(std::string_view type, std::string_view suffix) {
    return type.size() > suffix.size() && type.substr(type.size() - suffix.size()) == suffix &&
           type[type.size() - suffix.size() - 1] == '/';
}

Relationships parse_relationships(std::string_view xml, std::string_view source_part, const Location& where) {
    Relationships rels;
    xml::Reader r(xml, where);
    while (r.next()) {
        if (r.type() != xml::NodeType::StartElement || r.local_name() != "Relationship") continue;
        if (r.ns() != kNsPkgRels) continue;
        auto id = r.attr("", "Id");
        auto target = r.attr("", "Target");
        if (!id || !target) continue;
        Relationship rel;
        rel.type = r.attr("", "Type").value_or("");
        auto mode = r.attr("", "TargetMode");
        rel.external = mode && lower(*mode) == "external";
        rel.target = rel.external ? *target : resolve_target(source_part, *target);
        rels.emplace(*id, std::move(rel));
    }
    return rels;
}

ContentTypes parse_content_types(std::string_view xml, const Location& where) {
    ContentTypes ct;
    xml::Reader r(xml, where);
    while (r.next()) {
        if (r.type() != xml::NodeType::StartElement) continue;
        if (r.local_name() == "Default") {
            auto ext = r.attr("", "Extension");
            auto type = r.attr("", "ContentType");
            if (ext && type) ct.defaults[lower(*ext)] = *type;
        } else if (r.local_name() == "Override") {
            auto part = r.attr("", "PartName");
            auto type = r.attr("", "ContentType");
            if (part && type) ct.overrides[lower(*part)] = *type;
        }
    }
    return ct;
}

std::string ContentTypes::mime_for(std::string_view part) const {
    if (auto it = overrides.find(lower("/" + std::string(part))); it != overrides.end()) return it->second;
    auto dot = part.rfind('.');
    std::string ext = dot == std::string_view::npos ? std::string() : lower(part.substr(dot + 1));
    if (auto it = defaults.find(ext); it != defaults.end() && it->second.rfind("image/", 0) == 0) return it->second;
    static const std::pair<const char*, const char*> known[] = {
        {"png", "image/png"},   {"jpg", "image/jpeg"},     {"jpeg", "image/jpeg"},   {"gif", "image/gif"},
        {"bmp", "image/bmp"},   {"tif", "image/tiff"},     {"tiff", "image/tiff"},   {"svg", "image/svg+xml"},
        {"emf", "image/emf"},   {"wmf", "image/wmf"},      {"webp", "image/webp"},   {"jfif", "image/jpeg"},
    };
    for (const auto& [e, m] : known)
        if (ext == e) return m;
    if (auto it = defaults.find(ext); it != defaults.end()) return it->second;
    return "application/octet-stream";
}

}  // namespace copydesk::docx::rd

// JSON -> AST (docs/ast-json.md). Missing keys take their defaults; wrong
// types, unknown node types and unknown enum names are ParseErrors with the line.
#include <fmt/format.h>

#include "base64.hpp"
#include "copydesk/errors.hpp"
#include "copydesk/json.hpp"
#include "enum_names.hpp"
#include "json_value.hpp"

namespace copydesk {

namespace {

using json::Value;
using Kind = Value::Kind;

[[noreturn]] void fail(const Value& at, const std::string& what) {
    throw ParseError("AST JSON: " + what, Location{{}, {}, at.line, 0});
}

const Value* field(const Value& o, std::string_view key, Kind kind) {
    const Value* v = o.get(key);
    if (!v || v->kind == Kind::Null) return nullptr;
    bool ok = v->kind == kind || (kind == Kind::Double && v->kind == Kind::Int);
    if (!ok) fail(*v, fmt::format("'{}' has the wrong type", key));
    return v;
}

std::string str(const Value& o, std::string_view key) {
    const Value* v = field(o, key, Kind::String);
    return v ? v->s : std::string();
}

std::int64_t integer(const Value& o, std::string_view key, std::int64_t fallback) {
    const Value* v = field(o, key, Kind::Int);
    return v ? v->i : fallback;
}

int small_int(const Value& o, std::string_view key, int fallback, int lo, int hi) {
    std::int64_t v = integer(o, key, fallback);
    if (v < lo || v > hi) fail(o, fmt::format("'{}' is out of range", key));
    return static_cast<int>(v);
}

double number(const Value& v) {
    if (v.kind == Kind::Int) return static_cast<double>(v.i);
    if (v.kind == Kind::Double) return v.d;
    fail(v, "expected a number");
}

template <class E> E enum_field(const Value& o, std::string_view key, E fallback) {
    const Value* v = field(o, key, Kind::String);
    if (!v) return fallback;
    auto e = names::parse<E>(v->s);
    if (!e) fail(*v, fmt::format("unknown value '{}' for '{}'", v->s, key));
    return *e;
}

std::vector<std::string> strings(const Value& o, std::string_view key) {
    std::vector<std::string> out;
    if (const Value* a = field(o, key, Kind::Array))
        for (const auto& s : a->arr) {
            if (s.kind != Kind::String) fail(s, fmt::format("'{}' must hold strings", key));
            out.push_back(s.s);
        }
    return out;
}

std::vector<std::pair<std::string, std::string>> pairs(const Value& o, std::string_view key) {
    std::vector<std::pair<std::string, std::string>> out;
    if (const Value* a = field(o, key, Kind::Array))
        for (const auto& p : a->arr) {
            if (p.kind != Kind::Array || p.arr.size() != 2 || p.arr[0].kind != Kind::String ||
                p.arr[1].kind != Kind::String)
                fail(p, fmt::format("'{}' must hold [key, value] string pairs", key));
            out.emplace_back(p.arr[0].s, p.arr[1].s);
        }
    return out;
}

Attr attr(const Value& o) {
    Attr a;
    const Value* v = field(o, "attr", Kind::Object);
    if (!v) return a;
    a.id = str(*v, "id");
    a.classes = strings(*v, "classes");
    a.attributes = pairs(*v, "attributes");
    return a;
}

Blocks blocks(const Value& arr);
Inlines inlines(const Value& arr);

Inlines inlines_field(const Value& o, std::string_view key) {
    const Value* v = field(o, key, Kind::Array);
    return v ? inlines(*v) : Inlines{};
}
Blocks blocks_field(const Value& o, std::string_view key) {
    const Value* v = field(o, key, Kind::Array);
    return v ? blocks(*v) : Blocks{};
}

Inline inline_(const Value& o) {
    if (o.kind != Kind::Object) fail(o, "an inline must be an object");
    std::string t = str(o, "t");
    if (t == "Text") return Text{str(o, "text")};
    if (t == "Emph") return Emph{inlines_field(o, "content")};
    if (t == "Strong") return Strong{inlines_field(o, "content")};
    if (t == "Underline") return Underline{inlines_field(o, "content")};
    if (t == "Strikeout") return Strikeout{inlines_field(o, "content")};
    if (t == "Superscript") return Superscript{inlines_field(o, "content")};
    if (t == "Subscript") return Subscript{inlines_field(o, "content")};
    if (t == "SmallCaps") return SmallCaps{inlines_field(o, "content")};
    if (t == "Code") return Code{attr(o), str(o, "text")};
    if (t == "Link") return Link{attr(o), inlines_field(o, "content"), str(o, "target"), str(o, "title")};
    if (t == "Image") return Image{attr(o), inlines_field(o, "alt"), str(o, "target"), str(o, "title")};
    if (t == "LineBreak") return LineBreak{};
    if (t == "Note") return Note{attr(o), blocks_field(o, "content")};
    if (t == "Math") {
        const Value* d = field(o, "display", Kind::Bool);
        return Math{enum_field(o, "notation", MathNotation::TeX), d && d->b, str(o, "text")};
    }
    if (t == "CrossRef") return CrossRef{str(o, "target"), str(o, "ref_type"), inlines_field(o, "content")};
    if (t == "Span") return Span{attr(o), inlines_field(o, "content")};
    if (t == "RawInline") return RawInline{str(o, "format"), str(o, "text")};
    fail(o, fmt::format("unknown inline type '{}'", t));
}

Inlines inlines(const Value& arr) {
    Inlines out;
    out.reserve(arr.arr.size());
    for (const auto& v : arr.arr) out.push_back(inline_(v));
    return out;
}

std::vector<Blocks> items(const Value& o) {
    std::vector<Blocks> out;
    if (const Value* a = field(o, "items", Kind::Array))
        for (const auto& item : a->arr) {
            if (item.kind != Kind::Array) fail(item, "a list item must be an array of blocks");
            out.push_back(blocks(item));
        }
    return out;
}

std::vector<TableRow> rows(const Value& o, std::string_view key) {
    std::vector<TableRow> out;
    const Value* a = field(o, key, Kind::Array);
    if (!a) return out;
    for (const auto& r : a->arr) {
        if (r.kind != Kind::Object) fail(r, "a table row must be an object");
        TableRow row;
        if (const Value* cells = field(r, "cells", Kind::Array))
            for (const auto& c : cells->arr) {
                if (c.kind != Kind::Object) fail(c, "a table cell must be an object");
                TableCell cell;
                cell.content = blocks_field(c, "content");
                cell.colspan = small_int(c, "colspan", 1, 1, 1000);
                cell.rowspan = small_int(c, "rowspan", 1, 1, 100000);
                cell.align = enum_field(c, "align", Alignment::Default);
                row.cells.push_back(std::move(cell));
            }
        out.push_back(std::move(row));
    }
    return out;
}

Block block(const Value& o) {
    if (o.kind != Kind::Object) fail(o, "a block must be an object");
    std::string t = str(o, "t");
    if (t == "Paragraph") {
        Paragraph p;
        p.content = inlines_field(o, "content");
        if (const Value* len = field(o, "first_line_indent", Kind::Object)) {
            const Value* v = len->get("value");
            if (!v) fail(*len, "first_line_indent needs a value");
            p.first_line_indent = Length{number(*v), enum_field(*len, "unit", LengthUnit::Em)};
        }
        p.align = enum_field(o, "align", Alignment::Default);
        return p;
    }
    if (t == "Heading") return Heading{small_int(o, "level", 1, 1, 9), attr(o), inlines_field(o, "content")};
    if (t == "BlockQuote") return BlockQuote{blocks_field(o, "content")};
    if (t == "BulletList") return BulletList{items(o)};
    if (t == "OrderedList") {
        OrderedList l;
        l.start = small_int(o, "start", 1, -1000000, 1000000);
        l.style = enum_field(o, "style", ListStyle::Default);
        l.items = items(o);
        return l;
    }
    if (t == "Table") {
        Table tb;
        tb.attr = attr(o);
        tb.caption = blocks_field(o, "caption");
        if (const Value* a = field(o, "col_align", Kind::Array))
            for (const auto& v : a->arr) {
                auto al = v.kind == Kind::String ? names::parse<Alignment>(v.s) : std::nullopt;
                if (!al) fail(v, "bad column alignment");
                tb.col_align.push_back(*al);
            }
        if (const Value* w = field(o, "col_widths", Kind::Array))
            for (const auto& v : w->arr) tb.col_widths.push_back(number(v));
        tb.head = rows(o, "head");
        tb.body = rows(o, "body");
        tb.foot = rows(o, "foot");
        return tb;
    }
    if (t == "Figure")
        return Figure{attr(o), str(o, "label"), blocks_field(o, "caption"), blocks_field(o, "content")};
    if (t == "CodeBlock") return CodeBlock{attr(o), str(o, "text")};
    if (t == "HorizontalRule") return HorizontalRule{};
    if (t == "RawBlock") return RawBlock{str(o, "format"), str(o, "text")};
    if (t == "Div") return Div{attr(o), blocks_field(o, "content")};
    fail(o, fmt::format("unknown block type '{}'", t));
}

Blocks blocks(const Value& arr) {
    Blocks out;
    out.reserve(arr.arr.size());
    for (const auto& v : arr.arr) out.push_back(block(v));
    return out;
}

DateTime date(const Value& o) {
    DateTime d;
    d.year = small_int(o, "year", 0, 0, 9999);
    d.month = small_int(o, "month", 0, 0, 12);
    d.day = small_int(o, "day", 0, 0, 31);
    d.hour = small_int(o, "hour", -1, -1, 23);
    d.minute = small_int(o, "minute", -1, -1, 59);
    d.second = small_int(o, "second", -1, -1, 60);
    if (field(o, "utc_offset_minutes", Kind::Int))
        d.utc_offset_minutes = small_int(o, "utc_offset_minutes", 0, -24 * 60, 24 * 60);
    d.text = str(o, "text");
    return d;
}

std::vector<Identifier> identifiers(const Value& o) {
    std::vector<Identifier> out;
    if (const Value* ids = field(o, "identifiers", Kind::Array))
        for (const auto& id : ids->arr) {
            if (id.kind != Kind::Object) fail(id, "an identifier must be an object");
            out.push_back({str(id, "scheme"), str(id, "value")});
        }
    return out;
}

Metadata metadata(const Value& o) {
    Metadata m;
    m.title = str(o, "title");
    m.subtitle = str(o, "subtitle");
    if (const Value* cs = field(o, "contributors", Kind::Array))
        for (const auto& c : cs->arr) {
            if (c.kind != Kind::Object) fail(c, "a contributor must be an object");
            Contributor k{str(c, "name"), enum_field(c, "role", Role::Author), str(c, "label"), str(c, "affiliation"),
                          str(c, "email")};
            k.identifiers = identifiers(c);
            if (const Value* affs = field(c, "affiliations", Kind::Array))
                for (const auto& a : affs->arr) {
                    if (a.kind != Kind::Object) fail(a, "an affiliation must be an object");
                    k.affiliations.push_back({str(a, "text"), str(a, "institution"), str(a, "country")});
                }
            m.contributors.push_back(std::move(k));
        }
    m.source = str(o, "source");
    if (const Value* d = field(o, "date", Kind::Object)) m.date = date(*d);
    m.language = str(o, "language");
    m.abstract = blocks_field(o, "abstract");
    m.keywords = strings(o, "keywords");
    m.identifiers = identifiers(o);
    if (const Value* c = field(o, "citation", Kind::Object))
        m.citation = {str(*c, "volume"), str(*c, "issue"), str(*c, "first_page"), str(*c, "last_page"),
                      str(*c, "elocation_id")};
    m.section = str(o, "section");
    m.license = str(o, "license");
    m.dateline = str(o, "dateline");
    m.byline_placement = enum_field(o, "byline_placement", BylinePlacement::End);
    m.custom = pairs(o, "custom");
    return m;
}

}  // namespace

Document from_json(std::string_view text) {
    Value root = json::parse(text);
    if (root.kind != Kind::Object) fail(root, "the document must be an object");
    const Value* version = root.get("copydesk-ast-version");
    if (!version || version->kind != Kind::Int) fail(root, "missing \"copydesk-ast-version\"");
    if (version->i != kAstVersion)
        fail(*version, fmt::format("unsupported copydesk-ast-version {} (this build reads {})", version->i,
                                   kAstVersion));
    Document doc;
    if (const Value* m = field(root, "metadata", Kind::Object)) doc.metadata = metadata(*m);
    doc.blocks = blocks_field(root, "blocks");
    if (const Value* refs = field(root, "references", Kind::Array))
        for (const auto& r : refs->arr) {
            if (r.kind != Kind::Object) fail(r, "a reference must be an object");
            Reference ref;
            ref.id = str(r, "id");
            ref.type = str(r, "type");
            ref.authors = strings(r, "authors");
            ref.title = str(r, "title");
            ref.container = str(r, "container");
            ref.publisher = str(r, "publisher");
            ref.year = str(r, "year");
            ref.volume = str(r, "volume");
            ref.issue = str(r, "issue");
            ref.pages = str(r, "pages");
            ref.doi = str(r, "doi");
            ref.url = str(r, "url");
            ref.text = str(r, "text");
            doc.references.push_back(std::move(ref));
        }
    if (const Value* res = field(root, "resources", Kind::Array))
        for (const auto& r : res->arr) {
            if (r.kind != Kind::Object) fail(r, "a resource must be an object");
            auto data = base64::decode(str(r, "data"));
            if (!data) fail(r, "resource data is not valid base64");
            doc.resources.push_back({str(r, "name"), str(r, "mime"), std::move(*data)});
        }
    if (const Value* ds = field(root, "diagnostics", Kind::Array))
        for (const auto& d : ds->arr) {
            if (d.kind != Kind::Object) fail(d, "a diagnostic must be an object");
            Diagnostic diag;
            diag.severity = enum_field(d, "severity", Severity::Warning);
            diag.code = str(d, "code");
            diag.message = str(d, "message");
            diag.where = Location{str(d, "file"), str(d, "part"), small_int(d, "line", 0, 0, 1 << 30),
                                  small_int(d, "column", 0, 0, 1 << 30)};
            doc.diagnostics.push_back(std::move(diag));
        }
    return doc;
}

}  // namespace copydesk

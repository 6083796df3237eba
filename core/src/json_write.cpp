// AST -> JSON (docs/ast-json.md). Default-valued fields are left out so
// golden files stay readable.
#include <type_traits>

#include "base64.hpp"
#include "copydesk/json.hpp"
#include "enum_names.hpp"
#include "json_value.hpp"

namespace copydesk {

namespace {

using json::Value;

struct Writer {
    const JsonOptions& opt;

    static void str(Value& o, const char* key, const std::string& s) {
        if (!s.empty()) o.add(key, Value::string(s));
    }
    static Value attr(const Attr& a) {
        Value o = Value::object();
        str(o, "id", a.id);
        if (!a.classes.empty()) {
            Value& cs = o.add("classes", Value::array());
            for (const auto& c : a.classes) cs.push(Value::string(c));
        }
        if (!a.attributes.empty()) {
            Value& kv = o.add("attributes", Value::array());
            for (const auto& [k, v] : a.attributes) {
                Value& pair = kv.push(Value::array());
                pair.push(Value::string(k));
                pair.push(Value::string(v));
            }
        }
        return o;
    }
    static void attr_field(Value& o, const Attr& a) {
        if (!a.empty()) o.add("attr", attr(a));
    }
    Value inlines(const Inlines& is) {
        Value arr = Value::array();
        arr.arr.reserve(is.size());
        for (const auto& i : is) arr.push(inline_(i));
        return arr;
    }
    void inlines_field(Value& o, const char* key, const Inlines& is) {
        if (!is.empty()) o.add(key, inlines(is));
    }
    Value blocks(const Blocks& bs) {
        Value arr = Value::array();
        arr.arr.reserve(bs.size());
        for (const auto& b : bs) arr.push(block(b));
        return arr;
    }
    void blocks_field(Value& o, const char* key, const Blocks& bs) {
        if (!bs.empty()) o.add(key, blocks(bs));
    }

    Value inline_(const Inline& in) {
        Value o = Value::object();
        o.add("t", Value::string(in.type_name()));
        in.visit(
            [&](const auto& n) {
                using T = std::decay_t<decltype(n)>;
                if constexpr (std::is_same_v<T, Text>) {
                    o.add("text", Value::string(n.text));
                } else if constexpr (std::is_same_v<T, Code>) {
                    attr_field(o, n.attr);
                    o.add("text", Value::string(n.text));
                } else if constexpr (std::is_same_v<T, Link>) {
                    attr_field(o, n.attr);
                    inlines_field(o, "content", n.content);
                    o.add("target", Value::string(n.target));
                    str(o, "title", n.title);
                } else if constexpr (std::is_same_v<T, Image>) {
                    attr_field(o, n.attr);
                    inlines_field(o, "alt", n.alt);
                    o.add("target", Value::string(n.target));
                    str(o, "title", n.title);
                } else if constexpr (std::is_same_v<T, LineBreak>) {
                } else if constexpr (std::is_same_v<T, Note>) {
                    attr_field(o, n.attr);
                    blocks_field(o, "content", n.content);
                } else if constexpr (std::is_same_v<T, Math>) {
                    if (n.notation != MathNotation::TeX) o.add("notation", Value::string(names::of(n.notation)));
                    if (n.display) o.add("display", Value::boolean(true));
                    o.add("text", Value::string(n.text));
                } else if constexpr (std::is_same_v<T, CrossRef>) {
                    o.add("target", Value::string(n.target));
                    str(o, "ref_type", n.ref_type);
                    inlines_field(o, "content", n.content);
                } else if constexpr (std::is_same_v<T, Span>) {
                    attr_field(o, n.attr);
                    inlines_field(o, "content", n.content);
                } else if constexpr (std::is_same_v<T, RawInline>) {
                    o.add("format", Value::string(n.format));
                    o.add("text", Value::string(n.text));
                } else {  // Emph, Strong, ... : content only
                    inlines_field(o, "content", n.content);
                }
            });
        return o;
    }

    Value items(const std::vector<Blocks>& items) {
        Value arr = Value::array();
        for (const auto& item : items) arr.push(blocks(item));
        return arr;
    }
    Value rows(const std::vector<TableRow>& rows) {
        Value arr = Value::array();
        for (const auto& row : rows) {
            Value r = Value::object();
            Value& cells = r.add("cells", Value::array());
            for (const auto& c : row.cells) {
                Value cell = Value::object();
                blocks_field(cell, "content", c.content);
                if (c.colspan != 1) cell.add("colspan", Value::integer(c.colspan));
                if (c.rowspan != 1) cell.add("rowspan", Value::integer(c.rowspan));
                if (c.align != Alignment::Default) cell.add("align", Value::string(names::of(c.align)));
                cells.push(std::move(cell));
            }
            arr.push(std::move(r));
        }
        return arr;
    }

    Value block(const Block& b) {
        Value o = Value::object();
        o.add("t", Value::string(b.type_name()));
        b.visit(
            [&](const auto& n) {
                using T = std::decay_t<decltype(n)>;
                if constexpr (std::is_same_v<T, Paragraph>) {
                    inlines_field(o, "content", n.content);
                    if (n.first_line_indent) {
                        Value& len = o.add("first_line_indent", Value::object());
                        len.add("value", Value::number(n.first_line_indent->value));
                        len.add("unit", Value::string(names::of(n.first_line_indent->unit)));
                    }
                    if (n.align != Alignment::Default) o.add("align", Value::string(names::of(n.align)));
                } else if constexpr (std::is_same_v<T, Heading>) {
                    o.add("level", Value::integer(n.level));
                    attr_field(o, n.attr);
                    inlines_field(o, "content", n.content);
                } else if constexpr (std::is_same_v<T, BlockQuote>) {
                    blocks_field(o, "content", n.content);
                } else if constexpr (std::is_same_v<T, BulletList>) {
                    o.add("items", items(n.items));
                } else if constexpr (std::is_same_v<T, OrderedList>) {
                    if (n.start != 1) o.add("start", Value::integer(n.start));
                    if (n.style != ListStyle::Default) o.add("style", Value::string(names::of(n.style)));
                    o.add("items", items(n.items));
                } else if constexpr (std::is_same_v<T, Table>) {
                    attr_field(o, n.attr);
                    blocks_field(o, "caption", n.caption);
                    if (!n.col_align.empty()) {
                        Value& a = o.add("col_align", Value::array());
                        for (auto al : n.col_align) a.push(Value::string(names::of(al)));
                    }
                    if (!n.col_widths.empty()) {
                        Value& w = o.add("col_widths", Value::array());
                        for (double x : n.col_widths) w.push(Value::number(x));
                    }
                    if (!n.head.empty()) o.add("head", rows(n.head));
                    o.add("body", rows(n.body));
                    if (!n.foot.empty()) o.add("foot", rows(n.foot));
                } else if constexpr (std::is_same_v<T, Figure>) {
                    attr_field(o, n.attr);
                    str(o, "label", n.label);
                    blocks_field(o, "caption", n.caption);
                    blocks_field(o, "content", n.content);
                } else if constexpr (std::is_same_v<T, CodeBlock>) {
                    attr_field(o, n.attr);
                    o.add("text", Value::string(n.text));
                } else if constexpr (std::is_same_v<T, HorizontalRule>) {
                } else if constexpr (std::is_same_v<T, RawBlock>) {
                    o.add("format", Value::string(n.format));
                    o.add("text", Value::string(n.text));
                } else if constexpr (std::is_same_v<T, Div>) {
                    attr_field(o, n.attr);
                    blocks_field(o, "content", n.content);
                }
            });
        return o;
    }

    Value date(const DateTime& d) {
        Value o = Value::object();
        o.add("iso", Value::string(d.iso()));
        o.add("text", Value::string(d.text));
        o.add("year", Value::integer(d.year));
        o.add("month", Value::integer(d.month));
        o.add("day", Value::integer(d.day));
        o.add("hour", Value::integer(d.hour));
        o.add("minute", Value::integer(d.minute));
        o.add("second", Value::integer(d.second));
        o.add("utc_offset_minutes", d.utc_offset_minutes ? Value::integer(*d.utc_offset_minutes) : Value::null());
        return o;
    }

    static Value identifiers(const std::vector<Identifier>& ids) {
        Value arr = Value::array();
        for (const auto& id : ids) {
            Value& v = arr.push(Value::object());
            v.add("scheme", Value::string(id.scheme));
            v.add("value", Value::string(id.value));
        }
        return arr;
    }

    Value metadata(const Metadata& m) {
        Value o = Value::object();
        o.add("title", Value::string(m.title));
        str(o, "subtitle", m.subtitle);
        if (!m.contributors.empty()) {
            Value& cs = o.add("contributors", Value::array());
            for (const auto& c : m.contributors) {
                Value& v = cs.push(Value::object());
                v.add("name", Value::string(c.name));
                v.add("role", Value::string(role_name(c.role)));
                str(v, "label", c.label);
                str(v, "affiliation", c.affiliation);
                str(v, "email", c.email);
                if (!c.identifiers.empty()) v.add("identifiers", identifiers(c.identifiers));
                if (!c.affiliations.empty()) {
                    Value& affs = v.add("affiliations", Value::array());
                    for (const auto& a : c.affiliations) {
                        Value& av = affs.push(Value::object());
                        av.add("text", Value::string(a.text));
                        str(av, "institution", a.institution);
                        str(av, "country", a.country);
                    }
                }
            }
        }
        str(o, "source", m.source);
        if (m.date) o.add("date", date(*m.date));
        str(o, "language", m.language);
        blocks_field(o, "abstract", m.abstract);
        if (!m.keywords.empty()) {
            Value& k = o.add("keywords", Value::array());
            for (const auto& s : m.keywords) k.push(Value::string(s));
        }
        if (!m.identifiers.empty()) o.add("identifiers", identifiers(m.identifiers));
        if (!m.citation.empty()) {
            Value& c = o.add("citation", Value::object());
            str(c, "volume", m.citation.volume);
            str(c, "issue", m.citation.issue);
            str(c, "first_page", m.citation.first_page);
            str(c, "last_page", m.citation.last_page);
            str(c, "elocation_id", m.citation.elocation_id);
        }
        str(o, "section", m.section);
        str(o, "license", m.license);
        str(o, "dateline", m.dateline);
        if (m.byline_placement != BylinePlacement::End)
            o.add("byline_placement", Value::string(names::of(m.byline_placement)));
        if (!m.custom.empty()) {
            Value& c = o.add("custom", Value::array());
            for (const auto& [k, v] : m.custom) {
                Value& pair = c.push(Value::array());
                pair.push(Value::string(k));
                pair.push(Value::string(v));
            }
        }
        return o;
    }

    Value document(const Document& d) {
        Value o = Value::object();
        o.add("copydesk-ast-version", Value::integer(kAstVersion));
        o.add("metadata", metadata(d.metadata));
        o.add("blocks", blocks(d.blocks));
        if (!d.references.empty()) {
            Value& refs = o.add("references", Value::array());
            for (const auto& r : d.references) {
                Value& v = refs.push(Value::object());
                v.add("id", Value::string(r.id));
                str(v, "type", r.type);
                if (!r.authors.empty()) {
                    Value& a = v.add("authors", Value::array());
                    for (const auto& s : r.authors) a.push(Value::string(s));
                }
                str(v, "title", r.title);
                str(v, "container", r.container);
                str(v, "publisher", r.publisher);
                str(v, "year", r.year);
                str(v, "volume", r.volume);
                str(v, "issue", r.issue);
                str(v, "pages", r.pages);
                str(v, "doi", r.doi);
                str(v, "url", r.url);
                str(v, "text", r.text);
            }
        }
        if (!d.resources.empty()) {
            Value& res = o.add("resources", Value::array());
            for (const auto& r : d.resources) {
                Value& v = res.push(Value::object());
                v.add("name", Value::string(r.name));
                v.add("mime", Value::string(r.mime));
                if (opt.include_resource_data) v.add("data", Value::string(base64::encode(r.data)));
                else v.add("size", Value::integer(static_cast<std::int64_t>(r.data.size())));
            }
        }
        if (opt.include_diagnostics && !d.diagnostics.empty()) {
            Value& ds = o.add("diagnostics", Value::array());
            for (const auto& diag : d.diagnostics) {
                Value& v = ds.push(Value::object());
                v.add("severity", Value::string(names::of(diag.severity)));
                v.add("code", Value::string(diag.code));
                v.add("message", Value::string(diag.message));
                str(v, "file", diag.where.file);
                str(v, "part", diag.where.part);
                if (diag.where.line) v.add("line", Value::integer(diag.where.line));
                if (diag.where.column) v.add("column", Value::integer(diag.where.column));
            }
        }
        return o;
    }
};

}  // namespace

std::string to_json(const Document& doc, const JsonOptions& options) {
    Writer w{options};
    return json::dump(w.document(doc), options.pretty);
}

}  // namespace copydesk

// C++ Document -> Python objects of copydesk._nodes, built straight into
// their slots (node_classes.hpp). Each struct is destructured, so a member
// added in C++ and not here is a compile error.
#include "to_python.hpp"

#include <cstdint>
#include <unordered_map>

#include "enum_names.hpp"
#include "gc_pause.hpp"
#include "node_classes.hpp"

namespace copydesk::py {

namespace {

using Obj = pyb::object;

Obj steal(PyObject* p) {
    if (!p) throw pyb::error_already_set();
    return pyb::reinterpret_steal<Obj>(p);
}

// A new instance of `c` from its field values, in the spec's order (every
// slot is set). Objects holding only strings and numbers cannot be part of a
// reference cycle, so they are never given to the cyclic GC (as CPython
// untracks tuples of atomic values): a third of a document's objects, and of
// its GC cost.
template <class... O> Obj build(Cls c, O&&... values) {
    const BoundClass& b = bound(c);
    PyObject* obj = b.atomic ? _PyObject_GC_New(b.type) : b.type->tp_alloc(b.type, 0);
    if (!obj) throw pyb::error_already_set();
    std::size_t i = 0;
    ((*reinterpret_cast<PyObject**>(reinterpret_cast<char*>(obj) + b.offsets[i++]) = values.release().ptr()), ...);
    return pyb::reinterpret_steal<Obj>(obj);
}

// Decodes UTF-8 into `out` (room for exactly `count` characters of type
// Char); false if the bytes are not valid UTF-8 or hold a different count.
template <class Char> bool decode_utf8(std::string_view s, Char* out, Py_ssize_t count) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const auto* end = p + s.size();
    Char* const last = out + count;
    while (p < end) {
        unsigned c = *p;
        std::uint32_t cp;
        if (c < 0x80) {
            cp = c;
            p += 1;
        } else if ((c & 0xE0) == 0xC0 && end - p >= 2 && (p[1] & 0xC0) == 0x80) {
            cp = ((c & 0x1F) << 6) | (p[1] & 0x3F);
            if (cp < 0x80) return false;
            p += 2;
        } else if ((c & 0xF0) == 0xE0 && end - p >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
            cp = ((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
            if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
            p += 3;
        } else if ((c & 0xF8) == 0xF0 && end - p >= 4 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 &&
                   (p[3] & 0xC0) == 0x80) {
            cp = ((c & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
            if (cp < 0x10000 || cp > 0x10FFFF) return false;
            p += 4;
        } else {
            return false;
        }
        if (out == last) return false;
        *out++ = static_cast<Char>(cp);
    }
    return out == last;
}

// A str from UTF-8. One branch-free pass counts the characters and finds the
// largest lead byte, which fixes the string's width (for valid UTF-8: below
// 0xC4 all characters fit one byte, below 0xF0 two); a second pass decodes
// straight into it. CPython's own decoder widens CJK text in steps. Invalid
// UTF-8 (never from our readers) is decoded with replacement characters.
Obj text(std::string_view s) {
    if (s.empty()) return pyb::str("");
    Py_ssize_t count = 0;
    unsigned max_lead = 0;
    for (unsigned char c : s) {
        count += (c & 0xC0) != 0x80;
        max_lead = c > max_lead ? c : max_lead;
    }
    if (max_lead < 0x80) return steal(PyUnicode_FromStringAndSize(s.data(), static_cast<Py_ssize_t>(s.size())));
    Py_UCS4 max_char = max_lead < 0xC4 ? 0xFF : max_lead < 0xF0 ? 0xFFFF : 0x10FFFF;
    Obj out = steal(PyUnicode_New(count, max_char));
    bool ok = false;
    switch (PyUnicode_KIND(out.ptr())) {
        case PyUnicode_1BYTE_KIND: ok = decode_utf8(s, PyUnicode_1BYTE_DATA(out.ptr()), count); break;
        case PyUnicode_2BYTE_KIND: ok = decode_utf8(s, PyUnicode_2BYTE_DATA(out.ptr()), count); break;
        default: ok = decode_utf8(s, PyUnicode_4BYTE_DATA(out.ptr()), count); break;
    }
    if (ok) return out;
    return steal(PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "replace"));
}
Obj integer(long v) { return steal(PyLong_FromLong(v)); }
Obj real(double v) { return steal(PyFloat_FromDouble(v)); }
Obj boolean(bool v) { return pyb::reinterpret_borrow<Obj>(v ? Py_True : Py_False); }
Obj none() { return pyb::none(); }
Obj bytes(std::string_view s) {
    return steal(PyBytes_FromStringAndSize(s.data(), static_cast<Py_ssize_t>(s.size())));
}

// Enum names as interned strings, made once (the names are string literals).
Obj name(const char* s) {
    static std::unordered_map<const char*, PyObject*> cache;
    auto it = cache.find(s);
    if (it == cache.end()) it = cache.emplace(s, PyUnicode_InternFromString(s)).first;
    if (!it->second) throw pyb::error_already_set();
    return pyb::reinterpret_borrow<Obj>(it->second);
}
template <class E> Obj enum_name(E e) { return name(names::of(e)); }

template <class T, class F> Obj list_of(const std::vector<T>& items, F&& one) {
    Obj out = steal(PyList_New(static_cast<Py_ssize_t>(items.size())));
    for (std::size_t i = 0; i < items.size(); ++i)
        PyList_SET_ITEM(out.ptr(), static_cast<Py_ssize_t>(i), one(items[i]).release().ptr());
    return out;
}

Obj strings(const std::vector<std::string>& v) { return list_of(v, [](const std::string& s) { return text(s); }); }
Obj pairs(const std::vector<std::pair<std::string, std::string>>& v) {
    return list_of(v, [](const auto& p) {
        Obj t = steal(PyTuple_New(2));
        PyTuple_SET_ITEM(t.ptr(), 0, text(p.first).release().ptr());
        PyTuple_SET_ITEM(t.ptr(), 1, text(p.second).release().ptr());
        return t;
    });
}

class Builder {
public:
    Obj document(const Document& d, std::string_view path) {
        const auto& [metadata, blocks_, references, resources, diagnostics] = d;
        return build(Cls::Document, meta(metadata), blocks(blocks_), list_of(references, ref),
                     list_of(resources, resource), list_of(diagnostics, diagnostic), text(path));
    }
    Obj blocks(const Blocks& v) { return list_of(v, [this](const Block& b) { return block(b); }); }
    Obj inlines(const Inlines& v) { return list_of(v, [this](const Inline& i) { return inline_(i); }); }

    static Obj diagnostic(const Diagnostic& d) {
        const auto& [severity, code, message, where] = d;
        return build(Cls::Diagnostic, enum_name(severity), text(code), text(message), location(where));
    }
    static Obj location(const Location& l) {
        const auto& [file, part, line, column] = l;
        return build(Cls::Location, text(file), text(part), integer(line), integer(column));
    }

private:
    static Obj attr(const Attr& a) {
        const auto& [id, classes, attributes] = a;
        return build(Cls::Attr, text(id), strings(classes), pairs(attributes));
    }
    template <class C> Obj content(Cls c, const C& n) { return build(c, inlines(n.content)); }

    Obj inline_(const Inline& node) {
        return node.visit([this](const auto& n) -> Obj { return inline_node(n); });
    }
    Obj inline_node(const Text& n) { return build(Cls::Text, text(n.text)); }
    Obj inline_node(const Emph& n) { return content(Cls::Emph, n); }
    Obj inline_node(const Strong& n) { return content(Cls::Strong, n); }
    Obj inline_node(const Underline& n) { return content(Cls::Underline, n); }
    Obj inline_node(const Strikeout& n) { return content(Cls::Strikeout, n); }
    Obj inline_node(const Superscript& n) { return content(Cls::Superscript, n); }
    Obj inline_node(const Subscript& n) { return content(Cls::Subscript, n); }
    Obj inline_node(const SmallCaps& n) { return content(Cls::SmallCaps, n); }
    Obj inline_node(const Code& n) {
        const auto& [a, t] = n;
        return build(Cls::Code, attr(a), text(t));
    }
    Obj inline_node(const Link& n) {
        const auto& [a, c, target, title] = n;
        return build(Cls::Link, attr(a), inlines(c), text(target), text(title));
    }
    Obj inline_node(const Image& n) {
        const auto& [a, alt, target, title] = n;
        return build(Cls::Image, attr(a), inlines(alt), text(target), text(title));
    }
    Obj inline_node(const LineBreak&) { return build(Cls::LineBreak); }
    Obj inline_node(const Note& n) {
        const auto& [a, c] = n;
        return build(Cls::Note, attr(a), blocks(c));
    }
    Obj inline_node(const Math& n) {
        const auto& [notation, display, t] = n;
        return build(Cls::Math, enum_name(notation), boolean(display), text(t));
    }
    Obj inline_node(const CrossRef& n) {
        const auto& [target, ref_type, c] = n;
        return build(Cls::CrossRef, text(target), text(ref_type), inlines(c));
    }
    Obj inline_node(const Span& n) {
        const auto& [a, c] = n;
        return build(Cls::Span, attr(a), inlines(c));
    }
    Obj inline_node(const RawInline& n) {
        const auto& [format, t] = n;
        return build(Cls::RawInline, text(format), text(t));
    }

    Obj block(const Block& node) {
        return node.visit([this](const auto& n) -> Obj { return block_node(n); });
    }
    Obj block_node(const Paragraph& n) {
        const auto& [c, indent, align] = n;
        return build(Cls::Paragraph, inlines(c), indent ? length(*indent) : none(), enum_name(align));
    }
    Obj block_node(const Heading& n) {
        const auto& [level, a, c] = n;
        return build(Cls::Heading, integer(level), attr(a), inlines(c));
    }
    Obj block_node(const BlockQuote& n) {
        const auto& [c] = n;
        return build(Cls::BlockQuote, blocks(c));
    }
    Obj block_node(const BulletList& n) {
        const auto& [items] = n;
        return build(Cls::BulletList, list_items(items));
    }
    Obj block_node(const OrderedList& n) {
        const auto& [start, style, items] = n;
        return build(Cls::OrderedList, integer(start), enum_name(style), list_items(items));
    }
    Obj block_node(const Table& n) {
        const auto& [a, caption, col_align, col_widths, head, body, foot] = n;
        return build(Cls::Table, attr(a), blocks(caption),
                     list_of(col_align, [](Alignment x) { return enum_name(x); }),
                     list_of(col_widths, [](double w) { return real(w); }), rows(head), rows(body), rows(foot));
    }
    Obj block_node(const Figure& n) {
        const auto& [a, label, caption, c] = n;
        return build(Cls::Figure, attr(a), text(label), blocks(caption), blocks(c));
    }
    Obj block_node(const CodeBlock& n) {
        const auto& [a, t] = n;
        return build(Cls::CodeBlock, attr(a), text(t));
    }
    Obj block_node(const HorizontalRule&) { return build(Cls::HorizontalRule); }
    Obj block_node(const RawBlock& n) {
        const auto& [format, t] = n;
        return build(Cls::RawBlock, text(format), text(t));
    }
    Obj block_node(const Div& n) {
        const auto& [a, c] = n;
        return build(Cls::Div, attr(a), blocks(c));
    }

    Obj list_items(const std::vector<Blocks>& items) {
        return list_of(items, [this](const Blocks& b) { return blocks(b); });
    }
    Obj rows(const std::vector<TableRow>& v) {
        return list_of(v, [this](const TableRow& r) {
            const auto& [cells] = r;
            return build(Cls::TableRow, list_of(cells, [this](const TableCell& c) { return cell(c); }));
        });
    }
    Obj cell(const TableCell& c) {
        const auto& [content_, colspan, rowspan, align] = c;
        return build(Cls::TableCell, blocks(content_), integer(colspan), integer(rowspan), enum_name(align));
    }
    static Obj length(const Length& l) {
        const auto& [value, unit] = l;
        return build(Cls::Length, real(value), enum_name(unit));
    }

    Obj meta(const Metadata& m) {
        const auto& [title, subtitle, contributors, source, date, language, abstract, keywords, identifiers, cite,
                     section, license, dateline, byline_placement, custom] = m;
        return build(Cls::Metadata, text(title), text(subtitle), list_of(contributors, contributor), text(source),
                     date ? date_time(*date) : none(), text(language), blocks(abstract), strings(keywords),
                     list_of(identifiers, identifier), citation(cite), text(section), text(license), text(dateline),
                     enum_name(byline_placement), pairs(custom));
    }
    static Obj contributor(const Contributor& c) {
        const auto& [name_, role, label, affiliation, email, identifiers, affiliations] = c;
        return build(Cls::Contributor, text(name_), name(role_name(role)), text(label), text(affiliation),
                     text(email), list_of(identifiers, identifier), list_of(affiliations, affiliation_of));
    }
    static Obj affiliation_of(const Affiliation& a) {
        const auto& [t, institution, country] = a;
        return build(Cls::Affiliation, text(t), text(institution), text(country));
    }
    static Obj citation(const Citation& c) {
        const auto& [volume, issue, first_page, last_page, elocation_id] = c;
        return build(Cls::Citation, text(volume), text(issue), text(first_page), text(last_page), text(elocation_id));
    }
public:
    // Unknown parts (month/day 0, no time -1) are None in Python.
    static Obj date_time(const DateTime& d) {
        const auto& [year, month, day, hour, minute, second, offset, t] = d;
        auto part = [](int v, int unknown) { return v == unknown ? none() : integer(v); };
        return build(Cls::DateTime, integer(year), part(month, 0), part(day, 0), part(hour, -1), part(minute, -1),
                     part(second, -1), offset ? integer(*offset) : none(), text(t));
    }
private:
    static Obj identifier(const Identifier& i) {
        const auto& [scheme, value] = i;
        return build(Cls::Identifier, text(scheme), text(value));
    }
    static Obj ref(const Reference& r) {
        const auto& [id, type, authors, title, container, publisher, year, volume, issue, pages, doi, url, t] = r;
        return build(Cls::Reference, text(id), text(type), strings(authors), text(title), text(container),
                     text(publisher), text(year), text(volume), text(issue), text(pages), text(doi), text(url),
                     text(t));
    }
    static Obj resource(const Resource& r) {
        const auto& [name_, mime, data] = r;
        return build(Cls::Resource, text(name_), text(mime), bytes(data));
    }
};

}  // namespace

pyb::object document_to_python(const Document& doc, std::string_view path) {
    GcPause pause;
    return Builder().document(doc, path);
}

pyb::object date_to_python(const DateTime& date) { return Builder::date_time(date); }

pyb::object diagnostics_to_python(const Diagnostics& ds) { return list_of(ds, Builder::diagnostic); }

pyb::object location_to_python(const Location& where) { return Builder::location(where); }

}  // namespace copydesk::py

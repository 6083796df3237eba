// Python objects -> C++ AST. Fields are loaded from the objects' slots
// (node_classes.hpp); every value is checked before it is used, and a bad one
// throws InvalidDocument with the path that leads to it.
#include "from_python.hpp"

#include <fmt/format.h>

#include <limits>
#include <type_traits>

#include "enum_names.hpp"
#include "node_classes.hpp"

namespace copydesk::py {

namespace {

const char* type_name(PyObject* v) { return Py_TYPE(v)->tp_name; }

// Appends the UTF-8 of a str; returns the index of a lone surrogate, or -1.
template <class Char> Py_ssize_t encode(const Char* s, Py_ssize_t n, std::string& out) {
    out.resize(static_cast<std::size_t>(n) * (sizeof(Char) == 1 ? 2 : sizeof(Char) == 2 ? 3 : 4));
    char* p = out.data();
    for (Py_ssize_t i = 0; i < n; ++i) {
        auto c = static_cast<std::uint32_t>(s[i]);
        if (c < 0x80) {
            *p++ = static_cast<char>(c);
        } else if (c < 0x800) {
            *p++ = static_cast<char>(0xC0 | (c >> 6));
            *p++ = static_cast<char>(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            if (c >= 0xD800 && c <= 0xDFFF) return i;
            *p++ = static_cast<char>(0xE0 | (c >> 12));
            *p++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            *p++ = static_cast<char>(0x80 | (c & 0x3F));
        } else {
            *p++ = static_cast<char>(0xF0 | (c >> 18));
            *p++ = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
            *p++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            *p++ = static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    out.resize(static_cast<std::size_t>(p - out.data()));
    return -1;
}

class Converter {
public:
    explicit Converter(std::size_t max_depth) : max_depth_(max_depth) {}

    Document document(PyObject* d) {
        expect(d, Cls::Document);
        Document out;
        out.metadata = field(d, Cls::Document, 0, "metadata", [&](PyObject* m) { return metadata(m); });
        out.blocks = field(d, Cls::Document, 1, "blocks", [&](PyObject* v) { return blocks(v); });
        out.references = field(d, Cls::Document, 2, "references", [&](PyObject* v) { return list(v, &Converter::reference); });
        out.resources = field(d, Cls::Document, 3, "resources", [&](PyObject* v) { return list(v, &Converter::resource); });
        out.diagnostics = field(d, Cls::Document, 4, "diagnostics", [&](PyObject* v) { return diagnostics(v); });
        return out;
    }
    Diagnostics diagnostics(PyObject* v) { return list(v, &Converter::diagnostic); }

private:
    // ---------------------------------------------------------------- paths
    struct Segment {
        const char* field;   // nullptr for a list index
        Py_ssize_t index;
    };
    // Enters a field or a list element for the life of the guard.
    class Step {
    public:
        Step(Converter& c, Segment s) : c_(c) { c_.path_.push_back(s); }
        ~Step() { c_.path_.pop_back(); }
        Step(const Step&) = delete;
        Step& operator=(const Step&) = delete;

    private:
        Converter& c_;
    };

    [[noreturn]] void fail(const std::string& what) const {
        fmt::memory_buffer where;
        for (const Segment& s : path_) {
            if (s.field) fmt::format_to(std::back_inserter(where), "{}{}", where.size() ? "." : "", s.field);
            else fmt::format_to(std::back_inserter(where), "[{}]", s.index);
        }
        if (where.size() == 0) throw InvalidDocument(what);
        throw InvalidDocument(fmt::format("{}: {}", fmt::to_string(where), what));
    }

    // Loads field `i` of `obj` (of class `c`) and converts it inside its path step.
    template <class F>
    std::invoke_result_t<F&, PyObject*> field(PyObject* obj, Cls c, int i, const char* name, F&& convert) {
        Step step(*this, {name, -1});
        PyObject* v = slot(obj, c, i);
        if (!v) fail("missing (the attribute was deleted)");
        return convert(v);
    }

    void expect(PyObject* v, Cls c) {
        if (class_of(v) != c)
            fail(fmt::format("expected a copydesk.{}, got {}", class_specs()[static_cast<std::size_t>(c)].name,
                             type_name(v)));
    }

    // --------------------------------------------------------------- values
    std::string str(PyObject* v) {
        if (!PyUnicode_Check(v)) fail(fmt::format("expected a str, got {}", type_name(v)));
        std::string out;
        Py_ssize_t n = PyUnicode_GET_LENGTH(v);
        const void* data = PyUnicode_DATA(v);
        Py_ssize_t bad = -1;
        switch (PyUnicode_KIND(v)) {
            case PyUnicode_1BYTE_KIND:
                if (PyUnicode_IS_ASCII(v)) out.assign(static_cast<const char*>(data), static_cast<std::size_t>(n));
                else bad = encode(static_cast<const Py_UCS1*>(data), n, out);
                break;
            case PyUnicode_2BYTE_KIND: bad = encode(static_cast<const Py_UCS2*>(data), n, out); break;
            default: bad = encode(static_cast<const Py_UCS4*>(data), n, out); break;
        }
        if (bad >= 0)
            fail(fmt::format("a lone surrogate U+{:04X} at index {} cannot be encoded",
                             PyUnicode_READ_CHAR(v, bad), bad));
        return out;
    }
    std::int64_t integer(PyObject* v, std::int64_t lo, std::int64_t hi) {
        if (!PyLong_Check(v) || PyBool_Check(v)) fail(fmt::format("expected an int, got {}", type_name(v)));
        int overflow = 0;
        long long x = PyLong_AsLongLongAndOverflow(v, &overflow);
        if (overflow > 0 || (overflow == 0 && x > hi)) fail(fmt::format("too large (the most is {})", hi));
        if (overflow < 0 || x < lo) fail(fmt::format("too small (the least is {})", lo));
        return x;
    }
    int small(PyObject* v, int lo, int hi) {
        std::int64_t x = integer(v, lo, hi);
        return static_cast<int>(x);
    }
    int in_range(PyObject* v, int lo, int hi) {
        if (!PyLong_Check(v) || PyBool_Check(v)) fail(fmt::format("expected an int, got {}", type_name(v)));
        int overflow = 0;
        long long x = PyLong_AsLongLongAndOverflow(v, &overflow);
        if (overflow != 0 || x < lo || x > hi) fail(fmt::format("{} is not in {}..{}", pyb::str(v).cast<std::string>(), lo, hi));
        return static_cast<int>(x);
    }
    double number(PyObject* v) {
        if (PyFloat_Check(v)) return PyFloat_AS_DOUBLE(v);
        if (PyLong_Check(v) && !PyBool_Check(v)) {
            double d = PyLong_AsDouble(v);
            if (d == -1.0 && PyErr_Occurred()) {
                PyErr_Clear();
                fail("too large for a float");
            }
            return d;
        }
        fail(fmt::format("expected a float, got {}", type_name(v)));
    }
    bool boolean(PyObject* v) {
        if (!PyBool_Check(v)) fail(fmt::format("expected a bool, got {}", type_name(v)));
        return v == Py_True;
    }
    template <class E> E enumerated(PyObject* v) {
        std::string s = str(v);
        auto e = names::parse<E>(s);
        if (!e) fail(fmt::format("'{}' is not one of its names", s));
        return *e;
    }
    std::string bytes(PyObject* v) {
        if (PyBytes_Check(v)) return std::string(PyBytes_AS_STRING(v), static_cast<std::size_t>(PyBytes_GET_SIZE(v)));
        Py_buffer view;
        if (PyObject_GetBuffer(v, &view, PyBUF_SIMPLE) != 0) {
            PyErr_Clear();
            fail(fmt::format("expected bytes, got {}", type_name(v)));
        }
        std::string out(static_cast<const char*>(view.buf), static_cast<std::size_t>(view.len));
        PyBuffer_Release(&view);
        return out;
    }

    // Calls one(item) for each element of a list or tuple, inside its index step.
    template <class F> void each(PyObject* v, F&& one) {
        if (!PyList_Check(v) && !PyTuple_Check(v)) fail(fmt::format("expected a list, got {}", type_name(v)));
        const bool is_list = PyList_Check(v);
        for (Py_ssize_t i = 0; i < Py_SIZE(v); ++i) {
            Step step(*this, {nullptr, i});
            one(is_list ? PyList_GET_ITEM(v, i) : PyTuple_GET_ITEM(v, i));
        }
    }
    template <class T> std::vector<T> list(PyObject* v, T (Converter::*one)(PyObject*)) {
        std::vector<T> out;
        if (PyList_Check(v) || PyTuple_Check(v)) out.reserve(static_cast<std::size_t>(Py_SIZE(v)));
        each(v, [&](PyObject* x) { out.push_back((this->*one)(x)); });
        return out;
    }
    std::vector<std::string> strings(PyObject* v) { return list(v, &Converter::str); }
    std::vector<std::pair<std::string, std::string>> pairs(PyObject* v) {
        std::vector<std::pair<std::string, std::string>> out;
        each(v, [&](PyObject* p) {
            if (!(PyTuple_Check(p) || PyList_Check(p)) || Py_SIZE(p) != 2)
                fail(fmt::format("expected a (key, value) pair, got {}", type_name(p)));
            PyObject* k = PyTuple_Check(p) ? PyTuple_GET_ITEM(p, 0) : PyList_GET_ITEM(p, 0);
            PyObject* val = PyTuple_Check(p) ? PyTuple_GET_ITEM(p, 1) : PyList_GET_ITEM(p, 1);
            out.emplace_back(str(k), str(val));
        });
        return out;
    }

    // ---------------------------------------------------------------- nodes
    class Deeper {
    public:
        explicit Deeper(Converter& c) : c_(c) {
            if (++c_.depth_ > c_.max_depth_) c_.fail(fmt::format("nested deeper than {} levels", c_.max_depth_));
        }
        ~Deeper() { --c_.depth_; }
        Deeper(const Deeper&) = delete;
        Deeper& operator=(const Deeper&) = delete;

    private:
        Converter& c_;
    };

    Inlines inlines(PyObject* v) { return list(v, &Converter::inline_); }
    Blocks blocks(PyObject* v) { return list(v, &Converter::block); }
    Attr attr(PyObject* v) {
        expect(v, Cls::Attr);
        Attr a;
        a.id = field(v, Cls::Attr, 0, "id", [&](PyObject* x) { return str(x); });
        a.classes = field(v, Cls::Attr, 1, "classes", [&](PyObject* x) { return strings(x); });
        a.attributes = field(v, Cls::Attr, 2, "attributes", [&](PyObject* x) { return pairs(x); });
        return a;
    }

    // Field shorthands for the node being converted.
    struct Fields {
        Converter& c;
        PyObject* obj;
        Cls cls;
        template <class F> std::invoke_result_t<F&, PyObject*> get(int i, F&& convert) {
            return c.field(obj, cls, i, class_specs()[static_cast<std::size_t>(cls)].fields[static_cast<std::size_t>(i)],
                           std::forward<F>(convert));
        }
        std::string s(int i) { return get(i, [this](PyObject* x) { return c.str(x); }); }
        Inlines inl(int i) { return get(i, [this](PyObject* x) { return c.inlines(x); }); }
        Blocks blk(int i) { return get(i, [this](PyObject* x) { return c.blocks(x); }); }
        Attr at(int i) { return get(i, [this](PyObject* x) { return c.attr(x); }); }
    };

    Inline inline_(PyObject* v) {
        Deeper deeper(*this);
        Cls c = class_of(v);
        if (static_cast<int>(c) >= kFirstBlock)
            fail(fmt::format("expected an inline node (copydesk.Inline), got {}", type_name(v)));
        Fields f{*this, v, c};
        switch (c) {
            case Cls::Text: return Text{f.s(0)};
            case Cls::Emph: return Emph{f.inl(0)};
            case Cls::Strong: return Strong{f.inl(0)};
            case Cls::Underline: return Underline{f.inl(0)};
            case Cls::Strikeout: return Strikeout{f.inl(0)};
            case Cls::Superscript: return Superscript{f.inl(0)};
            case Cls::Subscript: return Subscript{f.inl(0)};
            case Cls::SmallCaps: return SmallCaps{f.inl(0)};
            case Cls::Code: return Code{f.at(0), f.s(1)};
            case Cls::Link: return Link{f.at(0), f.inl(1), f.s(2), f.s(3)};
            case Cls::Image: return Image{f.at(0), f.inl(1), f.s(2), f.s(3)};
            case Cls::LineBreak: return LineBreak{};
            case Cls::Note: return Note{f.at(0), f.blk(1)};
            case Cls::Math:
                return Math{f.get(0, [this](PyObject* x) { return enumerated<MathNotation>(x); }),
                            f.get(1, [this](PyObject* x) { return boolean(x); }), f.s(2)};
            case Cls::CrossRef: return CrossRef{f.s(0), f.s(1), f.inl(2)};
            case Cls::Span: return Span{f.at(0), f.inl(1)};
            case Cls::RawInline: return RawInline{f.s(0), f.s(1)};
            default: break;
        }
        fail(fmt::format("expected an inline node (copydesk.Inline), got {}", type_name(v)));
    }

    Block block(PyObject* v) {
        Deeper deeper(*this);
        Cls c = class_of(v);
        if (static_cast<int>(c) < kFirstBlock || static_cast<int>(c) >= kFirstOther)
            fail(fmt::format("expected a block node (copydesk.Block), got {}", type_name(v)));
        Fields f{*this, v, c};
        auto align = [this](PyObject* x) { return enumerated<Alignment>(x); };
        auto items = [this](PyObject* x) { return list(x, &Converter::blocks); };
        switch (c) {
            case Cls::Paragraph:
                return Paragraph{f.inl(0), f.get(1, [this](PyObject* x) { return indent(x); }), f.get(2, align)};
            case Cls::Heading:
                return Heading{f.get(0, [this](PyObject* x) { return in_range(x, 1, 9); }), f.at(1), f.inl(2)};
            case Cls::BlockQuote: return BlockQuote{f.blk(0)};
            case Cls::BulletList: return BulletList{f.get(0, items)};
            case Cls::OrderedList:
                return OrderedList{f.get(0, [this](PyObject* x) { return small(x, -1000000, 1000000); }),
                                   f.get(1, [this](PyObject* x) { return enumerated<ListStyle>(x); }),
                                   f.get(2, items)};
            case Cls::Table: return table(f);
            case Cls::Figure: return Figure{f.at(0), f.s(1), f.blk(2), f.blk(3)};
            case Cls::CodeBlock: return CodeBlock{f.at(0), f.s(1)};
            case Cls::HorizontalRule: return HorizontalRule{};
            case Cls::RawBlock: return RawBlock{f.s(0), f.s(1)};
            case Cls::Div: return Div{f.at(0), f.blk(1)};
            default: break;
        }
        fail(fmt::format("expected a block node (copydesk.Block), got {}", type_name(v)));
    }

    std::optional<Length> indent(PyObject* v) {
        if (v == Py_None) return std::nullopt;
        expect(v, Cls::Length);
        Fields f{*this, v, Cls::Length};
        return Length{f.get(0, [this](PyObject* x) { return number(x); }),
                      f.get(1, [this](PyObject* x) { return enumerated<LengthUnit>(x); })};
    }

    Table table(Fields& f) {
        Table t;
        t.attr = f.at(0);
        t.caption = f.blk(1);
        t.col_align = f.get(2, [this](PyObject* x) { return list(x, &Converter::alignment); });
        t.col_widths = f.get(3, [this](PyObject* x) { return list(x, &Converter::number); });
        t.head = f.get(4, [this](PyObject* x) { return list(x, &Converter::row); });
        t.body = f.get(5, [this](PyObject* x) { return list(x, &Converter::row); });
        t.foot = f.get(6, [this](PyObject* x) { return list(x, &Converter::row); });
        return t;
    }
    Alignment alignment(PyObject* v) { return enumerated<Alignment>(v); }
    TableRow row(PyObject* v) {
        expect(v, Cls::TableRow);
        Fields f{*this, v, Cls::TableRow};
        return TableRow{f.get(0, [this](PyObject* x) { return list(x, &Converter::cell); })};
    }
    TableCell cell(PyObject* v) {
        expect(v, Cls::TableCell);
        Fields f{*this, v, Cls::TableCell};
        return TableCell{f.blk(0), f.get(1, [this](PyObject* x) { return in_range(x, 1, 1000); }),
                         f.get(2, [this](PyObject* x) { return in_range(x, 1, 100000); }),
                         f.get(3, [this](PyObject* x) { return alignment(x); })};
    }

    // ------------------------------------------------------------- metadata
    Metadata metadata(PyObject* v) {
        expect(v, Cls::Metadata);
        Fields f{*this, v, Cls::Metadata};
        Metadata m;
        m.title = f.s(0);
        m.subtitle = f.s(1);
        m.contributors = f.get(2, [this](PyObject* x) { return list(x, &Converter::contributor); });
        m.source = f.s(3);
        m.date = f.get(4, [this](PyObject* x) { return date(x); });
        m.language = f.s(5);
        m.abstract = f.blk(6);
        m.keywords = f.get(7, [this](PyObject* x) { return strings(x); });
        m.identifiers = f.get(8, [this](PyObject* x) { return list(x, &Converter::identifier); });
        m.citation = f.get(9, [this](PyObject* x) { return citation(x); });
        m.section = f.s(10);
        m.license = f.s(11);
        m.dateline = f.s(12);
        m.byline_placement = f.get(13, [this](PyObject* x) { return enumerated<BylinePlacement>(x); });
        m.custom = f.get(14, [this](PyObject* x) { return pairs(x); });
        return m;
    }
    Contributor contributor(PyObject* v) {
        expect(v, Cls::Contributor);
        Fields f{*this, v, Cls::Contributor};
        return Contributor{f.s(0),
                           f.get(1, [this](PyObject* x) { return enumerated<Role>(x); }),
                           f.s(2),
                           f.s(3),
                           f.s(4),
                           f.get(5, [this](PyObject* x) { return list(x, &Converter::identifier); }),
                           f.get(6, [this](PyObject* x) { return list(x, &Converter::affiliation); })};
    }
    Affiliation affiliation(PyObject* v) {
        expect(v, Cls::Affiliation);
        Fields f{*this, v, Cls::Affiliation};
        return Affiliation{f.s(0), f.s(1), f.s(2)};
    }
    Citation citation(PyObject* v) {
        expect(v, Cls::Citation);
        Fields f{*this, v, Cls::Citation};
        return Citation{f.s(0), f.s(1), f.s(2), f.s(3), f.s(4)};
    }
    Identifier identifier(PyObject* v) {
        expect(v, Cls::Identifier);
        Fields f{*this, v, Cls::Identifier};
        return Identifier{f.s(0), f.s(1)};
    }
    // None, a copydesk.DateTime, a datetime.date/datetime or an ISO 8601 string.
    std::optional<DateTime> date(PyObject* v) {
        if (v == Py_None) return std::nullopt;
        if (PyUnicode_Check(v)) {
            std::string s = str(v);
            auto d = DateTime::parse(s);
            if (!d || d->text.size() != s.size()) fail(fmt::format("'{}' is not an ISO 8601 date", s));
            return d;
        }
        if (class_of(v) == Cls::DateTime) return date_time(v);
        // datetime.date and datetime.datetime, through DateTime.from_python.
        pyb::object cls = pyb::reinterpret_borrow<pyb::object>(reinterpret_cast<PyObject*>(bound(Cls::DateTime).type));
        pyb::object converted;
        try {
            converted = cls.attr("from_python")(pyb::handle(v));
        } catch (pyb::error_already_set&) {
            fail(fmt::format("expected a copydesk.DateTime, datetime.date or ISO 8601 str, got {}", type_name(v)));
        }
        return date_time(converted.ptr());
    }
    DateTime date_time(PyObject* v) {
        Fields f{*this, v, Cls::DateTime};
        // Unknown parts are None (the C++ sentinels 0 and -1 are accepted too).
        auto part = [&](int i, int unknown, int lo, int hi) {
            return f.get(i, [&](PyObject* x) { return x == Py_None ? unknown : in_range(x, unknown, hi < lo ? lo : hi); });
        };
        DateTime d;
        d.year = f.get(0, [this](PyObject* x) { return in_range(x, 0, 9999); });
        d.month = part(1, 0, 1, 12);
        d.day = part(2, 0, 1, 31);
        d.hour = part(3, -1, 0, 23);
        d.minute = part(4, -1, 0, 59);
        d.second = part(5, -1, 0, 60);
        d.utc_offset_minutes = f.get(6, [this](PyObject* x) -> std::optional<int> {
            if (x == Py_None) return std::nullopt;
            return in_range(x, -24 * 60, 24 * 60);
        });
        d.text = f.s(7);
        return d;
    }

    // ------------------------------------------------------------ back matter
    Reference reference(PyObject* v) {
        expect(v, Cls::Reference);
        Fields f{*this, v, Cls::Reference};
        Reference r;
        r.id = f.s(0);
        r.type = f.s(1);
        r.authors = f.get(2, [this](PyObject* x) { return strings(x); });
        std::string* rest[] = {&r.title, &r.container, &r.publisher, &r.year, &r.volume,
                               &r.issue, &r.pages,     &r.doi,       &r.url,  &r.text};
        for (int i = 0; i < 10; ++i) *rest[i] = f.s(3 + i);
        return r;
    }
    Resource resource(PyObject* v) {
        expect(v, Cls::Resource);
        Fields f{*this, v, Cls::Resource};
        return Resource{f.s(0), f.s(1), f.get(2, [this](PyObject* x) { return bytes(x); })};
    }
    Diagnostic diagnostic(PyObject* v) {
        expect(v, Cls::Diagnostic);
        Fields f{*this, v, Cls::Diagnostic};
        Diagnostic d;
        d.severity = f.get(0, [this](PyObject* x) { return enumerated<Severity>(x); });
        d.code = f.s(1);
        d.message = f.s(2);
        d.where = f.get(3, [this](PyObject* x) { return location(x); });
        return d;
    }
    Location location(PyObject* v) {
        expect(v, Cls::Location);
        Fields f{*this, v, Cls::Location};
        auto num = [this](PyObject* x) { return small(x, 0, std::numeric_limits<int>::max()); };
        return Location{f.s(0), f.s(1), f.get(2, num), f.get(3, num)};
    }

    std::vector<Segment> path_;
    std::size_t depth_ = 0;
    std::size_t max_depth_;
};

}  // namespace

Document document_from_python(pybind11::handle doc, std::size_t max_depth) {
    return Converter(max_depth).document(doc.ptr());
}

Diagnostics diagnostics_from_python(pybind11::handle list) { return Converter(Limits{}.max_depth).diagnostics(list.ptr()); }

}  // namespace copydesk::py

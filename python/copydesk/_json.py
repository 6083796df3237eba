"""The JSON form of the AST (docs/ast-json.md), in pure Python.

Writing leaves out keys whose value is the default, as the C++ writer does;
reading accepts them present or absent. Anything that is not valid AST JSON
raises ParseError.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from ._errors import ParseError
from ._nodes import (
    Affiliation, Attr, Block, BlockQuote, BulletList, Citation, Code, CodeBlock, Contributor, CrossRef, DateTime, Diagnostic, Div,
    Document, Emph, Figure, Heading, HorizontalRule, Identifier, Image, Inline, Length, LineBreak, Link,
    Location, Math, Metadata, Note, OrderedList, Paragraph, RawBlock, RawInline, Reference, Resource,
    SmallCaps, Span, Strikeout, Strong, Subscript, Superscript, Table, TableCell, TableRow, Text, Underline,
)

AST_VERSION = 1

# Per node type: its fields in JSON order, each with how it is encoded and its default.
_STR, _INT, _BOOL, _INLINES, _BLOCKS, _ATTR, _ITEMS, _ROWS, _LENGTH, _STRS, _FLOATS = range(11)
_SCHEMA: dict[type, list[tuple[str, int, Any]]] = {
    Text: [("text", _STR, "")],
    Emph: [("content", _INLINES, None)],
    Strong: [("content", _INLINES, None)],
    Underline: [("content", _INLINES, None)],
    Strikeout: [("content", _INLINES, None)],
    Superscript: [("content", _INLINES, None)],
    Subscript: [("content", _INLINES, None)],
    SmallCaps: [("content", _INLINES, None)],
    Code: [("attr", _ATTR, None), ("text", _STR, "")],
    Link: [("attr", _ATTR, None), ("content", _INLINES, None), ("target", _STR, ""), ("title", _STR, "")],
    Image: [("attr", _ATTR, None), ("alt", _INLINES, None), ("target", _STR, ""), ("title", _STR, "")],
    LineBreak: [],
    Note: [("attr", _ATTR, None), ("content", _BLOCKS, None)],
    Math: [("notation", _STR, "tex"), ("display", _BOOL, False), ("text", _STR, "")],
    CrossRef: [("target", _STR, ""), ("ref_type", _STR, ""), ("content", _INLINES, None)],
    Span: [("attr", _ATTR, None), ("content", _INLINES, None)],
    RawInline: [("format", _STR, ""), ("text", _STR, "")],
    Paragraph: [("content", _INLINES, None), ("first_line_indent", _LENGTH, None), ("align", _STR, "default")],
    Heading: [("level", _INT, None), ("attr", _ATTR, None), ("content", _INLINES, None)],
    BlockQuote: [("content", _BLOCKS, None)],
    BulletList: [("items", _ITEMS, None)],
    OrderedList: [("start", _INT, 1), ("style", _STR, "default"), ("items", _ITEMS, None)],
    Table: [("attr", _ATTR, None), ("caption", _BLOCKS, None), ("col_align", _STRS, None),
            ("col_widths", _FLOATS, None), ("head", _ROWS, None), ("body", _ROWS, None), ("foot", _ROWS, None)],
    Figure: [("attr", _ATTR, None), ("label", _STR, ""), ("caption", _BLOCKS, None), ("content", _BLOCKS, None)],
    CodeBlock: [("attr", _ATTR, None), ("text", _STR, "")],
    HorizontalRule: [],
    RawBlock: [("format", _STR, ""), ("text", _STR, "")],
    Div: [("attr", _ATTR, None), ("content", _BLOCKS, None)],
}
_BY_NAME: dict[str, type] = {cls.__name__: cls for cls in _SCHEMA}
_ENUMS: dict[tuple[type, str], frozenset[str]] = {
    (Math, "notation"): frozenset({"tex", "mathml"}),
    (Paragraph, "align"): frozenset({"default", "left", "center", "right", "justify"}),
    (OrderedList, "style"): frozenset({"default", "decimal", "lower-alpha", "upper-alpha", "lower-roman",
                                       "upper-roman", "cjk"}),
}
_ALIGN = _ENUMS[(Paragraph, "align")]
_ROLES = frozenset({"author", "reporter", "correspondent", "editor", "photographer", "translator", "other"})


# ------------------------------------------------------------------ writing
def _attr_out(a: Attr) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if a.id:
        out["id"] = a.id
    if a.classes:
        out["classes"] = list(a.classes)
    if a.attributes:
        out["attributes"] = [[k, v] for k, v in a.attributes]
    return out


def _rows_out(rows: list[TableRow]) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        cells = []
        for c in row.cells:
            cell: dict[str, Any] = {"content": _blocks_out(c.content)}
            if c.colspan != 1:
                cell["colspan"] = c.colspan
            if c.rowspan != 1:
                cell["rowspan"] = c.rowspan
            if c.align != "default":
                cell["align"] = c.align
            cells.append(cell)
        out.append({"cells": cells})
    return out


def _node_out(node: Block | Inline) -> dict[str, Any]:
    cls = type(node)
    schema = _SCHEMA.get(cls)
    if schema is None:
        raise TypeError(f"not an AST node: {node!r}")
    out: dict[str, Any] = {"t": cls.__name__}
    for name, kind, default in schema:
        v = getattr(node, name)
        if kind in (_STR, _INT, _BOOL):
            if default is None or v != default:
                out[name] = v
        elif kind == _INLINES:
            if v:
                out[name] = _inlines_out(v)
        elif kind == _BLOCKS:
            if v:
                out[name] = _blocks_out(v)
        elif kind == _ATTR:
            if not v.empty():
                out[name] = _attr_out(v)
        elif kind == _ITEMS:
            if v:
                out[name] = [_blocks_out(item) for item in v]
        elif kind == _ROWS:
            if v:
                out[name] = _rows_out(v)
        elif kind == _LENGTH:
            if v is not None:
                out[name] = {"value": v.value, "unit": v.unit}
        elif kind in (_STRS, _FLOATS):
            if v:
                out[name] = list(v)
    return out


def _inlines_out(nodes: list[Inline]) -> list[dict[str, Any]]:
    return [_node_out(n) for n in nodes]


def _blocks_out(nodes: list[Block]) -> list[dict[str, Any]]:
    return [_node_out(n) for n in nodes]


def _date_out(d: DateTime) -> dict[str, Any]:
    return {"iso": d.iso(), "text": d.text, "year": d.year, "month": d.month, "day": d.day, "hour": d.hour,
            "minute": d.minute, "second": d.second, "utc_offset_minutes": d.utc_offset_minutes}


_CITATION_FIELDS = ("volume", "issue", "first_page", "last_page", "elocation_id")


def _contributor_out(c: Contributor) -> dict[str, Any]:
    out: dict[str, Any] = {"name": c.name, "role": c.role, "label": c.label, "affiliation": c.affiliation,
                           "email": c.email}
    if c.identifiers:
        out["identifiers"] = [{"scheme": i.scheme, "value": i.value} for i in c.identifiers]
    if c.affiliations:
        out["affiliations"] = [{k: v for k, v in (("text", a.text), ("institution", a.institution),
                                                  ("country", a.country)) if v or k == "text"}
                               for a in c.affiliations]
    return out


def _metadata_out(m: Metadata) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in ("title", "subtitle"):
        if getattr(m, key):
            out[key] = getattr(m, key)
    if m.contributors:
        out["contributors"] = [_contributor_out(c) for c in m.contributors]
    if m.source:
        out["source"] = m.source
    if m.date is not None:
        out["date"] = _date_out(m.date)
    if m.language:
        out["language"] = m.language
    if m.abstract:
        out["abstract"] = _blocks_out(m.abstract)
    if m.keywords:
        out["keywords"] = list(m.keywords)
    if m.identifiers:
        out["identifiers"] = [{"scheme": i.scheme, "value": i.value} for i in m.identifiers]
    if not m.citation.empty():
        out["citation"] = {k: getattr(m.citation, k) for k in _CITATION_FIELDS if getattr(m.citation, k)}
    for key in ("section", "license", "dateline"):
        if getattr(m, key):
            out[key] = getattr(m, key)
    if m.byline_placement != "end":
        out["byline_placement"] = m.byline_placement
    if m.custom:
        out["custom"] = [[k, v] for k, v in m.custom]
    return out

_REFERENCE_FIELDS = ("id", "type", "authors", "title", "container", "publisher", "year", "volume", "issue",
                     "pages", "doi", "url", "text")


def diagnostic_to_dict(d: Diagnostic) -> dict[str, Any]:
    return {"severity": d.severity, "code": d.code, "message": d.message, "file": d.where.file,
            "part": d.where.part, "line": d.where.line, "column": d.where.column}


def document_to_dict(doc: Document) -> dict[str, Any]:
    if not isinstance(doc, Document):
        raise TypeError(f"expected a copydesk.Document, got {type(doc).__name__}")
    out: dict[str, Any] = {"copydesk-ast-version": AST_VERSION, "metadata": _metadata_out(doc.metadata),
                           "blocks": _blocks_out(doc.blocks)}
    if doc.references:
        out["references"] = [{k: getattr(r, k) for k in _REFERENCE_FIELDS if getattr(r, k)}
                             for r in doc.references]
    if doc.resources:
        out["resources"] = [{"name": r.name, "mime": r.mime, "data": base64.b64encode(r.data).decode("ascii")}
                            for r in doc.resources]
    if doc.diagnostics:
        out["diagnostics"] = [diagnostic_to_dict(d) for d in doc.diagnostics]
    return out


def document_to_json(doc: Document, pretty: bool = True) -> str:
    data = document_to_dict(doc)
    if pretty:
        return json.dumps(data, ensure_ascii=False, indent=2)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


# ------------------------------------------------------------------ reading
class _Bad(Exception):
    pass


def _obj(v: Any, what: str) -> dict[str, Any]:
    if not isinstance(v, dict):
        raise _Bad(f"{what}: expected an object")
    return v


def _list(v: Any, what: str) -> list[Any]:
    if not isinstance(v, list):
        raise _Bad(f"{what}: expected an array")
    return v


def _str(d: dict[str, Any], key: str, what: str, default: str = "") -> str:
    v = d.get(key, default)
    if v is None:
        return default
    if not isinstance(v, str):
        raise _Bad(f"{what}.{key}: expected a string")
    return v


def _int(d: dict[str, Any], key: str, what: str, default: int) -> int:
    v = d.get(key, default)
    if v is None:
        return default
    if isinstance(v, bool) or not isinstance(v, int):
        raise _Bad(f"{what}.{key}: expected an integer")
    return v


def _enum(v: str, allowed: frozenset[str], what: str) -> str:
    if v not in allowed:
        raise _Bad(f"{what}: unknown value '{v}'")
    return v


def _attr_in(v: Any, what: str) -> Attr:
    if v is None:
        return Attr()
    d = _obj(v, what)
    classes = [c if isinstance(c, str) else _fail(f"{what}.classes: expected strings")
               for c in _list(d.get("classes", []), what + ".classes")]
    attributes: list[tuple[str, str]] = []
    for pair in _list(d.get("attributes", []), what + ".attributes"):
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)):
            raise _Bad(f"{what}.attributes: expected [key, value] string pairs")
        attributes.append((pair[0], pair[1]))
    return Attr(_str(d, "id", what), classes, attributes)


def _fail(msg: str) -> Any:
    raise _Bad(msg)


def _node_in(v: Any, base: type, what: str) -> Any:
    d = _obj(v, what)
    t = d.get("t")
    cls = _BY_NAME.get(t) if isinstance(t, str) else None
    if cls is None:
        raise _Bad(f"{what}: unknown node type {t!r}")
    if not issubclass(cls, base):
        raise _Bad(f"{what}: a {t} is not a{'n Inline' if base is Inline else ' Block'}")
    what = f"{what} ({t})"
    kwargs: dict[str, Any] = {}
    for name, kind, default in _SCHEMA[cls]:
        raw = d.get(name)
        if kind == _STR:
            s = _str(d, name, what, default)
            kwargs[name] = _enum(s, _ENUMS[(cls, name)], f"{what}.{name}") if (cls, name) in _ENUMS else s
        elif kind == _INT:
            kwargs[name] = _int(d, name, what, 1 if default is None else default)
        elif kind == _BOOL:
            if raw is not None and not isinstance(raw, bool):
                raise _Bad(f"{what}.{name}: expected true or false")
            kwargs[name] = bool(raw)
        elif kind == _INLINES:
            kwargs[name] = _inlines_in(raw, f"{what}.{name}")
        elif kind == _BLOCKS:
            kwargs[name] = _blocks_in(raw, f"{what}.{name}")
        elif kind == _ATTR:
            kwargs[name] = _attr_in(raw, f"{what}.{name}")
        elif kind == _ITEMS:
            kwargs[name] = [_blocks_in(item, f"{what}.{name}") for item in _list(raw or [], f"{what}.{name}")]
        elif kind == _ROWS:
            kwargs[name] = _rows_in(raw, f"{what}.{name}")
        elif kind == _LENGTH:
            kwargs[name] = None if raw is None else _length_in(raw, f"{what}.{name}")
        elif kind == _STRS:
            kwargs[name] = [_enum(a, _ALIGN, f"{what}.{name}") if isinstance(a, str)
                            else _fail(f"{what}.{name}: expected strings") for a in _list(raw or [], name)]
        elif kind == _FLOATS:
            kwargs[name] = [float(x) if isinstance(x, (int, float)) and not isinstance(x, bool)
                            else _fail(f"{what}.{name}: expected numbers") for x in _list(raw or [], name)]
    return cls(**kwargs)


def _length_in(v: Any, what: str) -> Length:
    d = _obj(v, what)
    value = d.get("value", 0)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _Bad(f"{what}.value: expected a number")
    return Length(float(value), _enum(_str(d, "unit", what, "em"), frozenset({"em", "pt"}), what + ".unit"))  # type: ignore[arg-type]


def _rows_in(v: Any, what: str) -> list[TableRow]:
    rows = []
    for r in _list(v or [], what):
        cells = []
        for c in _list(_obj(r, what).get("cells", []), what + ".cells"):
            cd = _obj(c, what + ".cells")
            cells.append(TableCell(_blocks_in(cd.get("content"), what + ".content"), _int(cd, "colspan", what, 1),
                                   _int(cd, "rowspan", what, 1),
                                   _enum(_str(cd, "align", what, "default"), _ALIGN, what + ".align")))  # type: ignore[arg-type]
        rows.append(TableRow(cells))
    return rows


def _inlines_in(v: Any, what: str) -> list[Inline]:
    return [_node_in(x, Inline, f"{what}[{i}]") for i, x in enumerate(_list(v or [], what))]


def _blocks_in(v: Any, what: str) -> list[Block]:
    return [_node_in(x, Block, f"{what}[{i}]") for i, x in enumerate(_list(v or [], what))]


def _strings(v: Any, what: str) -> list[str]:
    return [x if isinstance(x, str) else _fail(f"{what}: expected strings") for x in _list(v or [], what)]


def _date_in(v: Any) -> DateTime | None:
    if v is None:
        return None
    d = _obj(v, "metadata.date")
    w = "metadata.date"
    off = d.get("utc_offset_minutes")
    if off is not None and (isinstance(off, bool) or not isinstance(off, int)):
        raise _Bad("metadata.date.utc_offset_minutes: expected an integer or null")
    return DateTime(_int(d, "year", w, 0), _int(d, "month", w, 0), _int(d, "day", w, 0), _int(d, "hour", w, -1),
                    _int(d, "minute", w, -1), _int(d, "second", w, -1), off, _str(d, "text", w))


def _metadata_in(v: Any) -> Metadata:
    d = _obj(v or {}, "metadata")
    w = "metadata"
    contributors = []
    for c in _list(d.get("contributors", []), "metadata.contributors"):
        cd = _obj(c, "metadata.contributors")
        wc = "metadata.contributors"
        wa = wc + ".affiliations"
        affiliations = [Affiliation(_str(_obj(a, wa), "text", wa), _str(_obj(a, wa), "institution", wa),
                                    _str(_obj(a, wa), "country", wa)) for a in _list(cd.get("affiliations", []), wa)]
        contributors.append(Contributor(_str(cd, "name", wc), _enum(_str(cd, "role", wc, "author"), _ROLES, wc + ".role"),  # type: ignore[arg-type]
                                        _str(cd, "label", wc), _str(cd, "affiliation", wc), _str(cd, "email", wc),
                                        _identifiers_in(cd, wc + ".identifiers"), affiliations))
    identifiers = _identifiers_in(d, "metadata.identifiers")
    cd = _obj(d.get("citation", {}), "metadata.citation")
    citation = Citation(*(_str(cd, k, "metadata.citation") for k in _CITATION_FIELDS))
    custom: list[tuple[str, str]] = []
    for pair in _list(d.get("custom", []), "metadata.custom"):
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)):
            raise _Bad("metadata.custom: expected [key, value] string pairs")
        custom.append((pair[0], pair[1]))
    return Metadata(
        title=_str(d, "title", w), subtitle=_str(d, "subtitle", w), contributors=contributors,
        source=_str(d, "source", w), date=_date_in(d.get("date")), language=_str(d, "language", w),
        abstract=_blocks_in(d.get("abstract"), "metadata.abstract"),
        keywords=_strings(d.get("keywords"), "metadata.keywords"), identifiers=identifiers,
        section=_str(d, "section", w), license=_str(d, "license", w), dateline=_str(d, "dateline", w),
        byline_placement=_enum(_str(d, "byline_placement", w, "end"), frozenset({"end", "start"}),  # type: ignore[arg-type]
                               "metadata.byline_placement"),
        custom=custom, citation=citation)


def _identifiers_in(d: dict[str, Any], where: str) -> list[Identifier]:
    return [Identifier(_str(_obj(i, where), "scheme", where), _str(_obj(i, where), "value", where))
            for i in _list(d.get("identifiers", []), where)]


def _reference_in(v: Any) -> Reference:
    d = _obj(v, "references")
    kwargs: dict[str, Any] = {k: _str(d, k, "references") for k in _REFERENCE_FIELDS if k != "authors"}
    return Reference(authors=_strings(d.get("authors"), "references.authors"), **kwargs)


def _resource_in(v: Any) -> Resource:
    d = _obj(v, "resources")
    try:
        data = base64.b64decode(_str(d, "data", "resources"), validate=True)
    except binascii.Error as e:
        raise _Bad(f"resources.data: not base64 ({e})") from None
    return Resource(_str(d, "name", "resources"), _str(d, "mime", "resources"), data)


def diagnostic_from_dict(v: Any) -> Diagnostic:
    d = _obj(v, "diagnostics")
    w = "diagnostics"
    return Diagnostic(code=_str(d, "code", w), message=_str(d, "message", w),
                      where=Location(_str(d, "file", w), _str(d, "part", w), _int(d, "line", w, 0),
                                     _int(d, "column", w, 0)),
                      severity=_enum(_str(d, "severity", w, "warning"), frozenset({"info", "warning"}), w))  # type: ignore[arg-type]


def document_from_dict(data: Any) -> Document:
    try:
        d = _obj(data, "document")
        version = d.get("copydesk-ast-version")
        if version != AST_VERSION:
            raise _Bad(f"unsupported copydesk-ast-version {version!r} (this is version {AST_VERSION})")
        return Document(
            metadata=_metadata_in(d.get("metadata")),
            blocks=_blocks_in(d.get("blocks"), "blocks"),
            references=[_reference_in(r) for r in _list(d.get("references", []), "references")],
            resources=[_resource_in(r) for r in _list(d.get("resources", []), "resources")],
            diagnostics=[diagnostic_from_dict(x) for x in _list(d.get("diagnostics", []), "diagnostics")],
        )
    except _Bad as e:
        raise ParseError(f"invalid AST JSON: {e}") from None


def document_from_json(text: str | bytes) -> Document:
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        line = getattr(e, "lineno", 0)
        column = getattr(e, "colno", 0)
        raise ParseError(f"invalid JSON: {getattr(e, 'msg', str(e))}", line=line, column=column) from None
    except RecursionError:
        raise ParseError("invalid JSON: nested too deeply") from None
    try:
        return document_from_dict(data)
    except RecursionError:
        raise ParseError("invalid AST JSON: nested too deeply") from None


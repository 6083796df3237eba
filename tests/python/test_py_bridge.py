"""The direct bridge between the C++ AST and the Python classes: one definition of
the fields, every node both ways, typed errors naming the path of a bad value."""

from __future__ import annotations

import datetime as dt
import gc
import pickle
import weakref

import pytest

import copydesk
from copydesk import (
    BlockQuote, DateTime, Document, Emph, Heading, Metadata, Paragraph, Table, TableCell, TableRow, Text,
    _core, _nodes,
)


def test_the_bridge_and_the_classes_name_the_same_fields() -> None:
    """A field added on one side only fails here (C++ members not in the bridge fail to compile)."""
    known = _core.class_fields()
    for name, fields in known.items():
        cls = getattr(copydesk, name)
        assert set(cls._fields) == set(fields), name
    node_classes = {c.__name__ for c in (*_nodes.BLOCK_TYPES, *_nodes.INLINE_TYPES)}
    assert node_classes <= set(known)


def test_every_node_crosses_both_ways_unchanged() -> None:
    from test_py_ast import rich_document

    doc = rich_document()
    for fmt in ("json",):
        back = copydesk.read(copydesk.write(doc, format=fmt), format=fmt)
        assert back == doc and back.diagnostics == doc.diagnostics
    assert Document.from_json(doc.to_json()) == doc
    assert isinstance(Document.from_json(doc.to_json()).resources[0].data, bytes)


def test_read_keeps_the_path_and_write_refuses_to_replace_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "a.txt"
    src.write_text("标题\n\n  正文。\n", encoding="utf-8")
    doc = copydesk.read(src)
    assert doc.path == str(src)
    with pytest.raises(copydesk.UsageError, match="overwrite the input"):
        copydesk.write(doc, src)
    assert src.read_text(encoding="utf-8") == "标题\n\n  正文。\n"
    assert copydesk.read(src.read_bytes()).path == ""


@pytest.mark.parametrize("doc, path, what", [
    (Document(blocks=[Paragraph(), Paragraph(), Paragraph(), Heading(0)]), "blocks[3].level", "0 is not in 1..9"),
    (Document(blocks=[Paragraph([Text("ok"), 42])]), "blocks[0].content[1]",  # type: ignore[list-item]
     "expected an inline node (copydesk.Inline), got int"),
    (Document(blocks=[Paragraph([Text("a\ud800b")])]), "blocks[0].content[0].text",
     "a lone surrogate U+D800 at index 1"),
    (Document(blocks=[Paragraph(align="middle")]), "blocks[0].align", "'middle' is not one of its names"),  # type: ignore[arg-type]
    (Document(blocks=[Text("x")]), "blocks[0]", "expected a block node"),  # type: ignore[list-item]
    (Document(blocks=[Table(body=[TableRow([TableCell(colspan=0)])])]), "blocks[0].body[0].cells[0].colspan",
     "0 is not in 1..1000"),
    (Document(metadata=Metadata(title=7)), "metadata.title", "expected a str, got int"),  # type: ignore[arg-type]
    (Document(blocks="text"), "blocks", "expected a list, got str"),  # type: ignore[arg-type]
])
def test_a_bad_value_names_its_path(doc: Document, path: str, what: str) -> None:
    with pytest.raises(copydesk.DocumentError) as info:
        copydesk.write(doc, format="json")
    assert str(info.value) == f"{path}: {what}" or str(info.value).startswith(f"{path}: {what}")
    assert isinstance(info.value, ValueError) and isinstance(info.value, copydesk.Error)


def test_a_tree_deeper_than_the_depth_limit_is_a_document_error_not_a_crash() -> None:
    inner: list[copydesk.Block] = [Paragraph([Text("x")])]
    for _ in range(100_000):
        inner = [BlockQuote(inner)]
    with pytest.raises(copydesk.DocumentError, match="nested deeper than 256 levels"):
        copydesk.write(Document(blocks=inner), format="json")
    emph: list[copydesk.Inline] = [Text("x")]
    for _ in range(300):
        emph = [Emph(emph)]
    with pytest.raises(copydesk.DocumentError, match="nested deeper"):
        Document(blocks=[Paragraph(emph)]).to_json()


def test_metadata_date_takes_a_datetime_a_date_or_iso_text() -> None:
    for value in ("2023-07-13", dt.date(2023, 7, 13), DateTime(2023, 7, 13, text="2023-07-13")):
        m = Metadata(date=value)
        assert isinstance(m.date, DateTime) and str(m.date) == "2023-07-13", value
    m = Metadata(date=dt.datetime(2023, 7, 13, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    assert str(m.date) == "2023-07-13T08:30+08:00"
    with pytest.raises(copydesk.ParseError, match="not an ISO 8601 date"):
        Metadata(date="next Tuesday")
    # assigned after construction, the bridge takes the same forms
    doc = Document(metadata=Metadata())
    doc.metadata.date = "2023-07-13T08:30"  # type: ignore[assignment]
    assert str(Document.from_json(doc.to_json()).metadata.date) == "2023-07-13T08:30"
    doc.metadata.date = dt.date(2024, 2, 29)  # type: ignore[assignment]
    assert str(Document.from_json(doc.to_json()).metadata.date) == "2024-02-29"


def test_datetime_uses_none_for_unknown_parts_and_is_ordered() -> None:
    d = DateTime.parse("2023-07-13")
    assert (d.year, d.month, d.day, d.hour, d.minute, d.second) == (2023, 7, 13, None, None, None)
    assert DateTime.parse("2023年7月13日 08:30").hour == 8
    read = copydesk.read("标题\n来源:太仓日报 时间:2023-07-13\n\n  正文。\n".encode(), "plain")
    assert read.metadata.date is not None and read.metadata.date.hour is None
    assert DateTime(2023, 7) < DateTime(2023, 7, 1) < DateTime(2023, 7, 13) < DateTime(2023, 7, 13, 0, 0)
    assert sorted([DateTime(2024), DateTime(2023, 12, 31), DateTime(2023)]) == [
        DateTime(2023), DateTime(2023, 12, 31), DateTime(2024)]
    # times with offsets compare in UTC: 08:30+08:00 is 00:30Z
    assert DateTime(2023, 7, 13, 8, 30, utc_offset_minutes=480) < DateTime(2023, 7, 13, 1, 0, utc_offset_minutes=0)


def test_documents_pickle() -> None:
    doc = copydesk.read("标题\n\n  正文，记者 王俊。\n".encode(), "plain")
    back = pickle.loads(pickle.dumps(doc))
    assert back == doc and back.diagnostics == doc.diagnostics


def test_atomic_objects_are_not_tracked_but_cycles_through_containers_are_collected() -> None:
    class Marker:
        pass

    doc = copydesk.read("标题\n\n  正文。\n\n  第二段。\n".encode(), "plain")
    para = doc.blocks[0]
    assert isinstance(para, Paragraph)
    assert not gc.is_tracked(para.content[0]), "a Text holds only a str"
    assert gc.is_tracked(para) and gc.is_tracked(para.content)
    marker = Marker()
    probe = weakref.ref(marker)
    para.content.extend([para, marker])  # type: ignore[list-item]  # a cycle, through the list
    del doc, para, marker
    gc.collect()
    assert probe() is None


def test_reprs_are_short() -> None:
    text = "标题\n\n" + "".join(f"  第{i}段，" + "很长的正文" * 50 + "\n\n" for i in range(200))
    doc = copydesk.read(text.encode(), "plain")
    assert repr(doc).startswith("Document(title='标题', 200 blocks")
    assert len(repr(doc)) < 120 and len(repr(doc.blocks[0])) < 120
    assert repr(Text("x")) == "Text('x')"


def test_every_public_name_has_its_own_docstring() -> None:
    for name in copydesk.__all__:
        obj = getattr(copydesk, name)
        if isinstance(obj, (str, int)) or getattr(obj, "__origin__", None) is not None:
            continue  # constants and typing aliases
        if type(obj).__name__ in ("_UnionGenericAlias", "_LiteralGenericAlias", "UnionType"):
            continue
        doc = getattr(obj, "__doc__", None)
        assert doc and not doc.startswith(f"{name}("), name


def test_text_of_every_width_crosses_and_invalid_utf8_is_replaced_not_fatal() -> None:
    for s in ["abc", "é", "€", "中文", "😀", "mixed é 中 😀", "a" * 100 + "中"]:
        doc = Document(metadata=Metadata(title=s), blocks=[Paragraph([Text(s)])])
        assert Document.from_json(doc.to_json()) == doc, s
    # the JSON reader passes bytes through; the bridge decodes what is not UTF-8 with U+FFFD
    doc = copydesk.read(b'{"copydesk-ast-version":1,"metadata":{"title":"a\xff\xc3"}}', "json")
    assert doc.metadata.title == "a\ufffd\ufffd"

"""The AST as Python classes: build, inspect, walk, change, compare, stringify, JSON."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest

import copydesk
from copydesk import (
    Affiliation, Attr, BlockQuote, Citation, BulletList, Code, CodeBlock, Contributor, CrossRef, DateTime, Diagnostic, Div,
    Document, Emph, Figure, Heading, HorizontalRule, Identifier, Image, LineBreak, Link, Location, Math,
    Metadata, Note, OrderedList, Paragraph, RawBlock, RawInline, Reference, Resource, SmallCaps, Span,
    Strikeout, Strong, Subscript, Superscript, Table, TableCell, TableRow, Text, Underline,
)

BLOCK_NAMES = ["Paragraph", "Heading", "BlockQuote", "BulletList", "OrderedList", "Table", "Figure", "CodeBlock",
               "HorizontalRule", "RawBlock", "Div"]
INLINE_NAMES = ["Text", "Emph", "Strong", "Underline", "Strikeout", "Superscript", "Subscript", "SmallCaps", "Code",
                "Link", "Image", "LineBreak", "Note", "Math", "CrossRef", "Span", "RawInline"]


def rich_document() -> Document:
    """A document using every node type and every metadata field."""
    para = Paragraph(
        [Text("昨日，"), Emph([Text("强调")]), Strong([Text("加粗")]), Underline([Text("u")]),
         Strikeout([Text("s")]), Superscript([Text("2")]), Subscript([Text("i")]), SmallCaps([Text("sc")]),
         Code("x = 1", Attr(classes=["py"])), Link([Text("链接")], "https://example.org/", "t"),
         Image([Text("图")], "media/image1.png", attr=Attr(attributes=[("width", "120px")])), LineBreak(),
         Note([Paragraph([Text("脚注")])]), Math("E=mc^2"), Math("<math/>", "mathml", True),
         CrossRef([Text("表1")], "t1", "table"), Span([Text("span")], Attr("s1", ["c"], [("k", "v")])),
         RawInline("html", "<br/>")],
        first_line_indent=copydesk.Length(2, "em"), align="justify")
    table = Table(
        head=[TableRow([TableCell([Paragraph([Text("h")])], colspan=2, align="center")])],
        body=[TableRow([TableCell([Paragraph([Text("a")])]), TableCell([Paragraph([Text("b")])], rowspan=2)])],
        foot=[TableRow([TableCell([Paragraph([Text("f")])])])],
        caption=[Paragraph([Text("表1 数据")])], col_align=["left", "right"], col_widths=[0.25, 0.75],
        attr=Attr("t1"))
    return Document(
        metadata=Metadata(
            title="太仓新闻", subtitle="副题",
            contributors=[Contributor("王俊", "reporter", "记者"), Contributor("俞群艳", "editor", "责编"),
                          Contributor("Ann", "author", "By", "Dept. X, Uni, China", "a@example.org",
                                      [Identifier("orcid", "https://orcid.org/0000-0002-1825-0097")],
                                      [Affiliation("Dept. X, Uni, China", "Uni", "China")])],
            source="太仓日报", date=DateTime(2023, 7, 13, 8, 30, text="2023年7月13日 08:30"), language="zh-CN",
            abstract=[Paragraph([Text("摘要")])], keywords=["太仓", "新闻"], identifiers=[Identifier("doi", "10.1/x")],
            section="要闻", license="CC-BY", dateline="本报讯", byline_placement="start",
            custom=[("栏目", "本地"), ("x", "y")], citation=Citation("9", "2", "101", "117", "e5")),
        blocks=[
            Heading(1, [Text("一、标题")], Attr("sec1")), para,
            BlockQuote([Paragraph([Text("引文")])]),
            BulletList([[Paragraph([Text("甲")])], [Paragraph([Text("乙")]), BulletList([[Paragraph([Text("丙")])]])]]),
            OrderedList([[Paragraph([Text("one")])]], start=3, style="cjk"),
            table,
            Figure([Paragraph([Image(target="media/image1.png")])], [Paragraph([Text("说明")])], "图1", Attr("f1")),
            CodeBlock("print(1)\n", Attr(classes=["python"])), HorizontalRule(), RawBlock("jats", "<sec/>"),
            Div([Paragraph([Text("盒")])], Attr(classes=["boxed-text"])),
        ],
        references=[Reference(id="r1", type="journal", authors=["A", "B"], title="T", year="2020", text="A, B. T. 2020.")],
        resources=[Resource("media/image1.png", "image/png", b"\x89PNG\r\n\x1a\n\x00\xff")],
        diagnostics=[Diagnostic("plain.encoding", "GB18030 detected", Location("in.txt", "", 3, 1), "info")],
    )


def test_every_node_type_is_a_class_named_as_its_json_tag() -> None:
    for name in BLOCK_NAMES:
        cls = getattr(copydesk, name)
        assert issubclass(cls, copydesk.Block) and cls.__name__ == name
        assert isinstance(cls, copydesk._record.Record)
        assert not hasattr(cls(), "__dict__"), f"{name} should use slots"
    for name in INLINE_NAMES:
        cls = getattr(copydesk, name)
        assert issubclass(cls, copydesk.Inline) and not issubclass(cls, copydesk.Block)
    for name in BLOCK_NAMES + INLINE_NAMES:
        getattr(copydesk, name)()  # every node can be built with no arguments


def test_build_and_inspect_by_hand() -> None:
    doc = rich_document()
    assert doc.metadata.title == "太仓新闻"
    assert [c.role for c in doc.metadata.contributors] == ["reporter", "editor", "author"]
    assert doc.metadata.with_role("editor")[0].name == "俞群艳"
    assert doc.metadata.custom_value("栏目") == "本地" and doc.metadata.custom_value("nope") is None
    assert isinstance(doc.blocks[0], Heading) and doc.blocks[0].level == 1
    para = doc.blocks[1]
    assert isinstance(para, Paragraph) and para.align == "justify"
    assert para.first_line_indent == copydesk.Length(2.0, "em")
    assert doc.resource("media/image1.png") is not None and doc.resource("x") is None
    assert Attr("a", [], [("k", "v")]).get("k") == "v"
    a = Attr()
    a.set("k", "1")
    a.set("k", "2")
    assert a.attributes == [("k", "2")] and not a.empty()


def test_structural_equality_and_mutation() -> None:
    a, b = rich_document(), rich_document()
    assert a == b
    b.diagnostics.clear()
    assert a == b, "diagnostics are not part of the content"
    b.blocks[1].content[0].text = "今天，"  # type: ignore[attr-defined]
    assert a != b
    c = copy.deepcopy(a)
    c.metadata.contributors.append(Contributor("李四", "correspondent", "通讯员"))
    assert c != a
    assert Paragraph([Text("x")]) != Heading(1, [Text("x")])
    assert Emph([Text("x")]) != Strong([Text("x")])


def test_datetime_str_is_iso_8601() -> None:
    assert str(DateTime(2023, 7, 13)) == "2023-07-13"
    assert str(DateTime(2023, 7)) == "2023-07"
    assert str(DateTime(2023, 7, 13, 8, 30)) == "2023-07-13T08:30"
    assert str(DateTime(2023, 7, 13, 8, 30, 5, 480)) == "2023-07-13T08:30:05+08:00"
    assert str(DateTime(2023, 7, 13, 8, 0, utc_offset_minutes=-90)) == "2023-07-13T08:00-01:30"
    assert str(DateTime(2023, 7, 13, 23, 59, 0, 0)) == "2023-07-13T23:59:00Z"
    assert str(DateTime(text="七月")) == "七月"
    assert DateTime(2023, 7, 13).to_python() == dt.date(2023, 7, 13)
    d = DateTime.from_python(dt.datetime(2023, 7, 13, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    assert str(d) == "2023-07-13T08:30+08:00" and d.text == str(d)
    assert d.to_python() == dt.datetime(2023, 7, 13, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def test_walk_visits_every_node_in_document_order() -> None:
    doc = rich_document()
    seen: list[str] = []
    copydesk.walk(doc, lambda n: seen.append(type(n).__name__))
    # abstract first, then the blocks, parents before children (as C++ walk)
    assert seen[:3] == ["Paragraph", "Text", "Heading"]
    for name in BLOCK_NAMES + INLINE_NAMES:
        assert name in seen, name
    # the footnote's paragraph and the table's cells and caption are visited
    texts = [n.text for n in doc.nodes() if isinstance(n, Text)]
    assert "脚注" in texts and "表1 数据" in texts and "h" in texts and "f" in texts and "说明" in texts
    assert texts.index("表1 数据") < texts.index("h") < texts.index("a") < texts.index("f")
    assert [type(n).__name__ for n in doc.nodes()] == seen


def test_walk_changes_in_place_and_replaces() -> None:
    doc = Document(blocks=[Paragraph([Text("a"), Emph([Text("b")]), RawInline("html", "<i/>")]),
                   HorizontalRule(), Paragraph([Text("c")])])

    def edit(node: copydesk.Node) -> copydesk.WalkResult:
        if isinstance(node, Text):
            node.text = node.text.upper()
            return None
        if isinstance(node, Emph):
            return Strong(node.content)  # replaced, not walked into: "b" stays lower case
        if isinstance(node, RawInline):
            return []  # deleted
        if isinstance(node, HorizontalRule):
            return [Paragraph([Text("x")]), Paragraph([Text("y")])]
        return None

    doc.walk(edit)
    assert doc.blocks == [Paragraph([Text("A"), Strong([Text("b")])]), Paragraph([Text("x")]),
                          Paragraph([Text("y")]), Paragraph([Text("C")])]


def test_walk_on_nodes_and_lists() -> None:
    quote = BlockQuote([Paragraph([Text("q")])])
    seen: list[str] = []
    copydesk.walk(quote, lambda n: seen.append(type(n).__name__))
    assert seen == ["BlockQuote", "Paragraph", "Text"]
    inlines = [Link([Text("l")], "u"), Text("t")]
    copydesk.walk(inlines, lambda n: Text("z") if isinstance(n, Link) else None)
    assert inlines == [Text("z"), Text("t")]
    with pytest.raises(TypeError):
        copydesk.walk(42, lambda n: None)  # type: ignore[arg-type]


def test_stringify_matches_the_cpp_rules() -> None:
    assert copydesk.stringify(Text("x")) == "x"
    para = Paragraph([Text("a"), Emph([Text("b")]), LineBreak(), Code("c"), Note([Paragraph([Text("note")])]),
                      RawInline("html", "<b>"), Math("x^2"), Math("<mi/>", "mathml"), Image([Text("alt")]),
                      Link([Text("L")], "u")])
    assert copydesk.stringify(para) == "ab\ncx^2altL"
    blocks = [Heading(1, [Text("H")]), para, CodeBlock("code"), HorizontalRule(), RawBlock("x", "raw"),
              BulletList([[Paragraph([Text("i1")])], [Paragraph([Text("i2")])]]),
              Table(body=[TableRow([TableCell([Paragraph([Text("c1")])]), TableCell([Paragraph([Text("c2")])])])],
                    caption=[Paragraph([Text("cap")])]),
              Figure([Paragraph([Text("fig")])], [Paragraph([Text("figcap")])])]
    assert copydesk.stringify(blocks) == "H\nab\ncx^2altL\ncode\ni1\ni2\ncap\nc1\nc2\nfig\nfigcap"
    doc = Document(Metadata(title="T"), [Paragraph([Text("p1")]), Paragraph([Text("p2")])])
    assert copydesk.stringify(doc) == "T\np1\np2" == doc.stringify()
    assert copydesk.stringify(Document(blocks=[Paragraph([Text("p")])])) == "p"
    # a paragraph ending in a line break needs no extra separator
    assert copydesk.stringify([Paragraph([Text("a"), LineBreak()]), Paragraph([Text("b")])]) == "a\nb"


def test_json_round_trip_in_python() -> None:
    doc = rich_document()
    text = doc.to_json()
    data = json.loads(text)
    assert data["copydesk-ast-version"] == 1
    assert data["blocks"][1]["t"] == "Paragraph"
    assert data["blocks"][1]["first_line_indent"] == {"value": 2.0, "unit": "em"}
    assert data["metadata"]["contributors"][0]["role"] == "reporter"
    assert data["metadata"]["date"]["iso"] == "2023-07-13T08:30"
    assert data["resources"][0]["data"] == "iVBORw0KGgoA/w=="
    back = Document.from_json(text)
    assert back == doc
    assert back.diagnostics == doc.diagnostics
    assert Document.from_json(doc.to_json(pretty=False)) == doc
    assert Document.from_dict(doc.to_dict()) == doc


def test_json_contributor_ids_affiliation_parts_and_citation() -> None:
    data = rich_document().to_dict()["metadata"]
    ann = data["contributors"][2]
    assert ann["identifiers"] == [{"scheme": "orcid", "value": "https://orcid.org/0000-0002-1825-0097"}]
    assert ann["affiliations"] == [{"text": "Dept. X, Uni, China", "institution": "Uni", "country": "China"}]
    assert "identifiers" not in data["contributors"][0] and "affiliations" not in data["contributors"][0]
    assert data["citation"] == {"volume": "9", "issue": "2", "first_page": "101", "last_page": "117",
                                "elocation_id": "e5"}
    assert "citation" not in Document().to_dict()["metadata"]
    assert rich_document().metadata.contributors[2].affiliations_current()
    # Optional fields: JSON without them reads to the defaults.
    back = Document.from_dict({"copydesk-ast-version": 1, "metadata": {"contributors": [{"name": "x"}]}, "blocks": []})
    assert back.metadata.citation == Citation() and back.metadata.contributors[0].identifiers == []


def test_json_leaves_defaults_out_and_accepts_them_present() -> None:
    data = Document(blocks=[Paragraph([Text("x")]), OrderedList([[Paragraph()]])]).to_dict()
    assert data["blocks"][0] == {"t": "Paragraph", "content": [{"t": "Text", "text": "x"}]}
    assert data["blocks"][1] == {"t": "OrderedList", "items": [[{"t": "Paragraph"}]]}
    explicit = {"copydesk-ast-version": 1, "metadata": {"title": "", "byline_placement": "end", "date": None},
                "blocks": [{"t": "OrderedList", "start": 1, "style": "default", "items": [[]]},
                           {"t": "Paragraph", "content": [], "align": "default", "first_line_indent": None}],
                "references": [], "resources": [], "diagnostics": []}
    assert Document.from_dict(explicit) == Document(blocks=[OrderedList([[]]), Paragraph()])


@pytest.mark.parametrize("bad, fragment", [
    ("{", "invalid JSON"),
    ('{"copydesk-ast-version": 2, "blocks": []}', "copydesk-ast-version"),
    ('{"blocks": []}', "copydesk-ast-version"),
    ('{"copydesk-ast-version": 1, "blocks": [{"t": "Bogus"}]}', "Bogus"),
    ('{"copydesk-ast-version": 1, "blocks": [{"t": "Text", "text": "x"}]}', "unknown block type 'Text'"),
    ('{"copydesk-ast-version": 1, "blocks": [{"t": "Paragraph", "align": "middle"}]}', "middle"),
    ('{"copydesk-ast-version": 1, "blocks": [{"t": "Heading", "level": "2"}]}', "level"),
    ('{"copydesk-ast-version": 1, "metadata": {"contributors": [{"name": "x", "role": "boss"}]}, "blocks": []}', "boss"),
    ('{"copydesk-ast-version": 1, "blocks": [], "resources": [{"name": "a", "data": "!!"}]}', "base64"),
    ("[]", "must be an object"),
])
def test_bad_json_raises_parse_error(bad: str, fragment: str) -> None:
    with pytest.raises(copydesk.ParseError) as info:
        Document.from_json(bad)
    assert fragment in str(info.value)
    assert isinstance(info.value, ValueError)


def test_json_position_of_syntax_errors() -> None:
    with pytest.raises(copydesk.ParseError) as info:
        Document.from_json('{\n  "copydesk-ast-version": 1,\n  "blocks": [}\n')
    assert info.value.line == 3 and info.value.column > 0


def test_to_json_rejects_foreign_objects() -> None:
    with pytest.raises(copydesk.DocumentError, match=r"blocks\[0\]: expected a block node"):
        Document(blocks=["not a node"]).to_json()  # type: ignore[list-item]

"""copydesk.read / write / convert / formats over the C++ core."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

import copydesk
from copydesk import Contributor, DateTime, Document, Emph, Heading, Metadata, Paragraph, Text


def sample_doc() -> Document:
    return Document(
        metadata=Metadata(title="标题", source="太仓日报", date=DateTime(2023, 7, 13, text="2023-07-13"),
                          language="zh-CN", contributors=[Contributor("王俊", "reporter", "记者")],
                          keywords=["k"], custom=[("栏目", "本地")]),
        blocks=[Heading(2, [Text("小标题")]), Paragraph([Text("正文"), Emph([Text("强调")])])])


class PathLikeOnly(os.PathLike[str]):
    """An os.PathLike that is not a str or pathlib.Path."""

    def __init__(self, p: Path) -> None:
        self.p = p

    def __fspath__(self) -> str:
        return str(self.p)


def test_formats_lists_the_registry() -> None:
    fmts = {f.name: f for f in copydesk.formats()}
    for name in ("plain", "docx", "json"):
        assert name in fmts
    assert "txt" in fmts["plain"].aliases and "txt" in fmts["plain"].extensions
    assert fmts["docx"].binary and "docx" in fmts["docx"].extensions
    assert fmts["json"].mime == "application/json"
    assert fmts["json"].can_read and fmts["json"].can_write
    assert {o.name for o in fmts["json"].writer_options} >= {"pretty", "diagnostics"}


def test_json_round_trip_through_cpp_is_equal() -> None:
    from test_py_ast import rich_document

    doc = rich_document()
    again = doc.to_json()
    back = Document.from_json(again)
    assert back == doc
    assert back.diagnostics == doc.diagnostics
    # and what C++ writes, Python reads to the same tree (field by field)
    assert json.loads(again)["metadata"]["date"]["iso"] == "2023-07-13T08:30"
    assert back.to_json() == again


def test_cpp_rejects_bad_json_with_parse_error() -> None:
    with pytest.raises(copydesk.ParseError, match="unknown"):
        Document.from_json('{"copydesk-ast-version": 1, "blocks": [{"t": "Nope"}]}')
    with pytest.raises(copydesk.ParseError, match="version"):
        Document.from_json('{"copydesk-ast-version": 99, "blocks": []}')


def test_read_from_path_pathlike_bytes_and_file_objects(tmp_path: Path) -> None:
    doc = sample_doc()
    path = tmp_path / "a.json"
    path.write_text(doc.to_json(), encoding="utf-8")
    raw = path.read_bytes()
    sources: list[object] = [str(path), path, PathLikeOnly(path), raw, bytearray(raw), memoryview(raw)]
    for src in sources:
        got = copydesk.read(src)  # type: ignore[arg-type]
        assert got == doc, type(src)
    with open(path, "rb") as f:
        assert copydesk.read(f) == doc
    assert copydesk.read(io.BytesIO(raw)) == doc
    assert copydesk.read(raw, format="json") == doc
    assert copydesk.read(raw, "JSON") == doc  # names are case-insensitive


def test_read_rejects_text_mode_files_and_odd_sources(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(sample_doc().to_json(), encoding="utf-8")
    with open(path, encoding="utf-8") as f, pytest.raises(TypeError, match="binary"):
        copydesk.read(f)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        copydesk.read(12345)  # type: ignore[arg-type]


def test_write_to_bytes_path_and_file_object(tmp_path: Path) -> None:
    doc = sample_doc()
    data = copydesk.write(doc, format="json")
    assert isinstance(data, bytes) and json.loads(data)["metadata"]["title"] == "标题"
    assert Document.from_json(data) == doc
    out = tmp_path / "out.json"
    diags = copydesk.write(doc, out)  # format from the extension
    assert diags == [] and Document.from_json(out.read_bytes()) == doc
    copydesk.write(doc, str(tmp_path / "out2.json"))
    assert Document.from_json((tmp_path / "out2.json").read_bytes()) == doc
    buf = io.BytesIO()
    copydesk.write(doc, buf, format="json")
    assert Document.from_json(buf.getvalue()) == doc
    with open(tmp_path / "out3.json", "wb") as f:
        copydesk.write(doc, f)  # format from the file object's name
    assert Document.from_json((tmp_path / "out3.json").read_bytes()) == doc


def test_write_options_map_from_keyword_arguments() -> None:
    doc = sample_doc()
    compact = copydesk.write(doc, format="json", pretty=False)
    assert b"\n" not in compact.strip()
    pretty = copydesk.write(doc, format="json", pretty=True)
    assert b"\n  " in pretty
    assert copydesk.option_name("reference_doc") == "reference-doc"
    assert copydesk.option_name("limit_max_entries") == "limit.max_entries"
    assert copydesk.options_to_strings({"a_b": True, "c": False, "n": 3, "x": None, "p": Path("/t/r.docx")}) == {
        "a-b": "true", "c": "false", "n": "3", "p": "/t/r.docx"}
    with pytest.raises(TypeError):
        copydesk.options_to_strings({"bad": [1]})  # type: ignore[dict-item]


def test_write_needs_a_format() -> None:
    with pytest.raises(copydesk.UsageError, match="format"):
        copydesk.write(sample_doc())
    with pytest.raises(copydesk.UsageError, match="format"):
        copydesk.write(sample_doc(), io.BytesIO())
    with pytest.raises(TypeError):
        copydesk.write("not a document", format="json")  # type: ignore[call-overload]


def test_write_rejects_a_bad_option_value() -> None:
    with pytest.raises(copydesk.UsageError) as info:
        copydesk.write(sample_doc(), format="json", pretty="maybe")
    assert isinstance(info.value, ValueError) and "pretty" in str(info.value)


def test_convert_between_paths_bytes_and_files(tmp_path: Path) -> None:
    doc = sample_doc()
    src = tmp_path / "in.json"
    src.write_text(doc.to_json(), encoding="utf-8")
    out = copydesk.convert(src, to_format="json", pretty=False)
    assert isinstance(out, bytes) and Document.from_json(out) == doc
    dst = tmp_path / "out.json"
    assert copydesk.convert(str(src), dst) == []
    assert Document.from_json(dst.read_bytes()) == doc
    buf = io.BytesIO()
    copydesk.convert(src.read_bytes(), buf, from_format="json", to_format="json")
    assert Document.from_json(buf.getvalue()) == doc


def test_missing_file_is_file_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    with pytest.raises(copydesk.FileError) as info:
        copydesk.read(missing)
    e = info.value
    assert isinstance(e, OSError) and isinstance(e, copydesk.Error)
    assert e.file == str(missing) and e.kind == "io" and str(missing) in str(e)
    with pytest.raises(copydesk.FileError):
        copydesk.write(sample_doc(), tmp_path / "no-such-dir" / "x.json")


def test_version() -> None:
    assert copydesk.__version__.count(".") == 2
    assert copydesk.__version__ == copydesk._core.version()
    assert copydesk.AST_VERSION == 1

"""Formats written in Python, registered into the one C++ registry."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Mapping
from pathlib import Path

import pytest

import copydesk
from copydesk import Diagnostic, Document, Heading, Paragraph, Text


def shout_reader(data: bytes, options: Mapping[str, str]) -> Document:
    lines = data.decode("utf-8").splitlines()
    if options.get("fail") == "parse":
        raise copydesk.ParseError("shout: no lines", line=3, column=2)
    if options.get("fail") == "key":
        raise KeyError("boom")
    return Document(blocks=[Paragraph([Text(line.lower())]) for line in lines if line])


def shout_writer(doc: Document, options: Mapping[str, str]) -> tuple[bytes, list[Diagnostic]]:
    text = "\n".join(copydesk.stringify(b) for b in doc.blocks).upper()
    suffix = options.get("suffix", "")
    return (text + suffix).encode("utf-8"), [Diagnostic("shout.case", "case was changed")]


@pytest.fixture(scope="module")
def shout() -> str:
    copydesk.register_format("shout", reader=shout_reader, writer=shout_writer, extensions=[".shout"],
                             aliases=["yell"], mime="text/x-shout", description="upper-case lines",
                             reader_options=["fail"], writer_options=["suffix"])
    return "shout"


def test_listed_in_formats(shout: str) -> None:
    info = {f.name: f for f in copydesk.formats()}[shout]
    assert info.can_read and info.can_write
    assert info.extensions == ("shout",) and info.aliases == ("yell",) and info.mime == "text/x-shout"
    assert info.description == "upper-case lines" and not info.binary
    assert "plain" in {f.name for f in copydesk.formats()}  # the built-ins are still there


def test_read_and_write_through_the_registry(shout: str, tmp_path: Path) -> None:
    doc = copydesk.read(b"HELLO\nWORLD\n", format=shout)
    assert doc == Document(blocks=[Paragraph([Text("hello")]), Paragraph([Text("world")])])
    assert copydesk.read(b"HI", format="yell") == Document(blocks=[Paragraph([Text("hi")])])
    src = tmp_path / "in.shout"
    src.write_bytes(b"FROM A FILE")
    assert copydesk.read(src).blocks == [Paragraph([Text("from a file")])]  # found by extension
    assert copydesk.write(doc, format=shout) == b"HELLO\nWORLD"
    collected: list[Diagnostic] = []
    assert copydesk.write(doc, format=shout, suffix="!", diagnostics_out=collected) == b"HELLO\nWORLD!"
    assert [d.code for d in collected] == ["shout.case"]
    out = tmp_path / "out.shout"
    diags = copydesk.write(doc, out)
    assert out.read_bytes() == b"HELLO\nWORLD" and [d.code for d in diags] == ["shout.case"]


def test_convert_mixes_python_and_cpp_formats(shout: str, tmp_path: Path) -> None:
    as_json = copydesk.convert(b"ONE\nTWO", from_format=shout, to_format="json")
    assert Document.from_json(as_json).blocks == [Paragraph([Text("one")]), Paragraph([Text("two")])]
    back = copydesk.convert(as_json, from_format="json", to_format=shout)
    assert back == b"ONE\nTWO"


def test_errors_from_python_readers(shout: str, tmp_path: Path) -> None:
    src = tmp_path / "bad.shout"
    src.write_bytes(b"x")
    with pytest.raises(copydesk.ParseError) as info:
        copydesk.read(src, fail="parse")
    e = info.value
    assert (e.message, e.line, e.column) == ("shout: no lines", 3, 2)
    assert e.file == str(src)  # the C++ layer filled in the file name
    with pytest.raises(KeyError):  # anything else comes back unchanged
        copydesk.read(b"x", format=shout, fail="key")


def test_options_a_python_format_does_not_declare_are_refused(shout: str) -> None:
    with pytest.raises(copydesk.UsageError, match="suffixx.*suffix"):
        copydesk.write(Document(), format=shout, suffixx="!")
    with pytest.raises(copydesk.UsageError, match="suffix"):
        copydesk.read(b"x", format=shout, suffix="!")  # a writer's option, not the reader's


def test_a_bad_document_from_a_python_reader_is_a_parse_error_naming_the_path() -> None:
    copydesk.register_format("py-bad-tree", reader=lambda data, opts: Document(blocks=[Heading(0)]))
    with pytest.raises(copydesk.ParseError, match=r"blocks\[0\]\.level: 0 is not in 1\.\.9"):
        copydesk.read(b"x", format="py-bad-tree")


def test_bad_registrations_and_results() -> None:
    with pytest.raises(copydesk.UsageError):
        copydesk.register_format("nothing")
    with pytest.raises(copydesk.UsageError):
        copydesk._core.register_format("x", reader=42)
    copydesk.register_format("py-wrong", reader=lambda data, opts: "not a doc",  # type: ignore[arg-type,return-value]
                             writer=lambda doc, opts: 42)  # type: ignore[arg-type,return-value]
    with pytest.raises(TypeError, match="not a copydesk.Document"):
        copydesk.read(b"x", format="py-wrong")
    with pytest.raises(copydesk.UsageError, match="bytes"):
        copydesk.write(Document(), format="py-wrong")


def test_replacing_a_format() -> None:
    copydesk.register_format("py-replace", reader=shout_reader)
    copydesk.register_format("py-replace", writer=lambda doc, opts: "text")
    info = [f for f in copydesk.formats() if f.name == "py-replace"]
    assert len(info) == 1 and info[0].can_write and not info[0].can_read
    assert copydesk.write(Document(), format="py-replace") == b"text"
    with pytest.raises(copydesk.UnsupportedFormatError):
        copydesk.read(b"x", format="py-replace")


def test_python_reader_from_many_threads(shout: str) -> None:
    results: list[Document] = []
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            for _ in range(20):
                results.append(copydesk.read(f"LINE {i}".encode(), format=shout))
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in threads) and not errors
    assert len(results) == 80


SCRIPT = """
import sys, copydesk
from copydesk.__main__ import main
copydesk.register_format("shout", extensions=["shout"],
    writer=lambda doc, opts: "\\n".join(copydesk.stringify(b) for b in doc.blocks).upper())
sys.exit(main(sys.argv[1:]))
"""


def test_python_writer_used_by_the_command_line(tmp_path: Path) -> None:
    docs = []
    for i in range(3):
        p = tmp_path / f"in{i}.json"
        p.write_text(Document(blocks=[Paragraph([Text(f"text {i}")])]).to_json(), encoding="utf-8")
        docs.append(str(p))
    r = subprocess.run([sys.executable, "-c", SCRIPT, docs[0], "-o", str(tmp_path / "one.shout")],
                       capture_output=True, timeout=60)
    assert r.returncode == 0, r.stderr.decode()
    assert (tmp_path / "one.shout").read_bytes() == b"TEXT 0"
    # batch mode: the writer runs on the CLI's worker threads, which take the GIL
    outdir = tmp_path / "out"
    r = subprocess.run([sys.executable, "-c", SCRIPT, *docs, "--output-dir", str(outdir), "-t", "shout", "-j", "2"],
                       capture_output=True, timeout=60)
    assert r.returncode == 0, r.stderr.decode()
    assert sorted(p.read_bytes() for p in outdir.iterdir()) == [b"TEXT 0", b"TEXT 1", b"TEXT 2"]

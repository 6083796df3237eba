"""The package's types: mypy --strict accepts typical use and the package itself."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import copydesk

SNIPPET = '''
from __future__ import annotations
import io
from collections.abc import Mapping
import copydesk
import copydesk.dask
from copydesk import Document, Paragraph, Text, Heading, Node, WalkResult


def shout(doc: Document, options: Mapping[str, str]) -> bytes:
    return copydesk.stringify(doc).upper().encode()


def upper(node: Node) -> WalkResult:
    if isinstance(node, Text):
        node.text = node.text.upper()
    return None


doc: Document = copydesk.read(b"{}", format="json", pretty=False)
title: str = doc.metadata.title
date: str = str(doc.metadata.date) if doc.metadata.date else ""
roles: list[str] = [c.role for c in doc.metadata.contributors]
doc.blocks.append(Paragraph([Text("x")]))
doc.blocks.insert(0, Heading(2, [Text("h")]))
copydesk.walk(doc, upper)
data: bytes = copydesk.write(doc, format="docx", reference_doc="ref.docx")
diags: list[copydesk.Diagnostic] = copydesk.write(doc, io.BytesIO(), format="plain")
out: bytes = copydesk.convert("a.txt", to_format="json")
names: list[str] = [f.name for f in copydesk.formats() if f.can_read]
copydesk.register_format("shout", writer=shout, extensions=["shout"])
text: str = copydesk.stringify(doc.blocks[0])
try:
    copydesk.read("missing.docx")
except copydesk.ParseError as e:
    where: str = f"{e.file}:{e.line}"
except copydesk.Error as e:
    kind: str = e.kind
json_text: str = doc.to_json()
same: bool = Document.from_json(json_text) == doc


def report(done: int, total: int, result: copydesk.ConversionResult) -> None:
    print(done, total, result.source, result.ok)


results: list[copydesk.ConversionResult] = copydesk.convert_many(["a.txt"], "out", to="docx", workers=2,
                                                                 progress=report)
errors: list[copydesk.Error] = [r.error for r in results if r.error is not None]
outputs: list[str] = [r.output for r in results if r.output is not None]
meta = copydesk.Metadata(title="t", date="2023-07-13")
later: bool = copydesk.DateTime(2023, 7) < copydesk.DateTime(2023, 7, 13)
month: int | None = copydesk.DateTime.parse("2023-07-13").month
try:
    copydesk.write(Document(blocks=[Heading(0)]), format="json")
except copydesk.DocumentError as e:
    message: str = e.message
size: int = copydesk.dask.default_partition_size(1000)
bag = copydesk.dask.convert(["a.txt"], "out", to="docx", partition_size=size, reference_doc="ref.docx")
'''


@pytest.fixture(scope="module")
def mypy() -> None:
    pytest.importorskip("mypy", reason="mypy is not installed (pip install mypy)")


def run_mypy(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", *args],
                          capture_output=True, text=True, cwd=cwd, timeout=300)


def test_typed_usage_passes_mypy_strict(mypy: None, tmp_path: Path) -> None:
    (tmp_path / "use.py").write_text(SNIPPET, encoding="utf-8")
    r = run_mypy(["use.py"], tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr


def test_mistyped_usage_is_caught(mypy: None, tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_text(
        "import copydesk\n"
        "x: int = copydesk.read('a.txt').metadata.title\n"
        "copydesk.Paragraph(align='middle')\n"
        "copydesk.convert_many(['a.txt'], 'out', to='docx', workers='2')\n", encoding="utf-8")
    r = run_mypy(["bad.py"], tmp_path)
    assert r.returncode != 0
    assert 'Incompatible types in assignment (expression has type "str", variable has type "int")' in r.stdout
    assert "middle" in r.stdout
    assert '"workers" to "convert_many" has incompatible type "str"' in r.stdout


def test_installed_package_is_typed_and_passes_mypy_strict(mypy: None, tmp_path: Path) -> None:
    pkg = Path(copydesk.__file__).parent
    assert (pkg / "py.typed").is_file() and (pkg / "_core.pyi").is_file()
    r = run_mypy(["-p", "copydesk"], tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr

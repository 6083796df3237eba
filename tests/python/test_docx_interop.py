"""The DOCX writer's output read by other programs: python-docx, LibreOffice, pandoc, xmllint.

The documents come from the Catch2 tests tagged [docx-writer], which write them into
$COPYDESK_TEST_OUT: this module runs that binary ($COPYDESK_TESTS_BIN, else the newest
build*/tests/copydesk_tests) into a temporary directory. Every check skips when its
tool is missing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


def _tests_binary() -> Path | None:
    env = os.environ.get("COPYDESK_TESTS_BIN")
    if env:
        return Path(env)
    built = [p for p in REPO_ROOT.glob("build*/tests/copydesk_tests") if p.is_file() and os.access(p, os.X_OK)]
    return max(built, key=lambda p: p.stat().st_mtime) if built else None


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory) -> Path:
    binary = _tests_binary()
    if binary is None:
        pytest.skip("copydesk_tests not built: build it, or set COPYDESK_TESTS_BIN")
    out = tmp_path_factory.mktemp("docx-out")
    env = dict(os.environ, COPYDESK_TEST_OUT=str(out))
    run = subprocess.run([str(binary), "[docx-writer]"], env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    if not (out / "sample.docx").exists():
        pytest.skip("sample.docx not written (corpus missing?)")
    return out


def _expected(out_dir: Path) -> list[str]:
    return (out_dir / "sample.expected.txt").read_text(encoding="utf-8").splitlines()


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.lstrip("\ufeff").splitlines() if line.strip()]


# ------------------------------------------------------------------ python-docx
def test_python_docx_sample_paragraphs_styles_and_core_properties(out_dir):
    docx = pytest.importorskip("docx")
    d = docx.Document(str(out_dir / "sample.docx"))
    expected = _expected(out_dir)
    paragraphs = [p for p in d.paragraphs if p.text]
    assert [p.text for p in paragraphs] == expected
    styles = [p.style.name for p in paragraphs]
    assert styles[0] == "Title"
    assert styles[1] == "Article Meta"
    assert set(styles[2:-1]) == {"Body Text"}
    assert styles[-1] == "Byline"
    # The CJK body: two-character first-line indent from the style, SimSun for East Asian text.
    body = d.styles["Body Text"]
    ind = body.element.pPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}ind")
    assert ind.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}firstLineChars") == "200"
    cp = d.core_properties
    assert cp.title == expected[0]
    assert cp.author == "周明"  # the reporter of examples/zh-news.txt
    assert cp.language == "zh-CN"
    assert (cp.created.year, cp.created.month, cp.created.day) == (2024, 4, 23)  # examples/zh-news.txt


def test_python_docx_features(out_dir):
    docx = pytest.importorskip("docx")
    d = docx.Document(str(out_dir / "features.docx"))
    by_text = {p.text: p for p in d.paragraphs}
    assert by_text["第一节"].style.name == "Heading 1"
    assert by_text["功能测试"].style.name == "Title"
    assert by_text["副标题"].style.name == "Subtitle"
    assert by_text["记者 张三"].style.name == "Byline"
    assert by_text["引文。"].style.name == "Quote"
    assert by_text["int main() {\n  return 0;\n}"].style.name == "Source Code"
    assert by_text["第三项"].style.name == "List Paragraph"
    num_pr = by_text["第三项"]._p.pPr.numPr
    assert num_pr is not None and num_pr.ilvl.val == 0
    assert by_text["子项"]._p.pPr.numPr.ilvl.val == 1
    body = next(p for p in d.paragraphs if p.text.startswith("正文"))
    assert [r.text for r in body.runs if r.bold] == ["加粗"]
    assert [r.text for r in body.runs if r.italic] == ["斜体"]
    if hasattr(body, "hyperlinks"):  # python-docx >= 1.0
        links = body.hyperlinks
        assert [h.address for h in links] == ["https://example.org/", ""]
        assert links[1].fragment == "part-1"
    table = d.tables[0]
    assert table.cell(0, 0).text == "甲"
    assert table.cell(0, 1)._tc is table.cell(0, 0)._tc  # gridSpan
    assert table.cell(2, 0)._tc is table.cell(1, 0)._tc  # vMerge
    assert table.cell(2, 2).text == "五"
    assert len(d.inline_shapes) == 1
    assert d.inline_shapes[0].width == 914400  # width="1in"
    assert d.core_properties.keywords == "测试, DOCX"


# ------------------------------------------------------------------ LibreOffice
def _soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        pytest.skip("LibreOffice (soffice) not installed")
    return exe


def _lo_text(exe: str, docx: Path, tmp_path: Path) -> str:
    profile = tmp_path / "lo-profile"
    run = subprocess.run(
        [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "txt:Text (encoded):UTF8",
         "--outdir", str(tmp_path), str(docx)],
        capture_output=True, text=True, timeout=180)
    txt = tmp_path / (docx.stem + ".txt")
    assert txt.exists(), run.stdout + run.stderr
    return txt.read_text(encoding="utf-8")


def test_libreoffice_text_export_equals_ours(out_dir, tmp_path):
    exe = _soffice()
    assert _lines(_lo_text(exe, out_dir / "sample.docx", tmp_path)) == _expected(out_dir)


def test_libreoffice_opens_features(out_dir, tmp_path):
    exe = _soffice()
    text = _lo_text(exe, out_dir / "features.docx", tmp_path)
    for s in ("功能测试", "第一节", "加粗", "回到第一节", "子项", "甲", "五", "图1 示意图", "引文。", "return 0;"):
        assert s in text


# ----------------------------------------------------------------------- pandoc
def _pandoc(*args: str) -> str:
    exe = shutil.which("pandoc")
    if not exe:
        pytest.skip("pandoc not installed")
    return subprocess.run([exe, *args], capture_output=True, text=True, check=True, timeout=120).stdout


def test_pandoc_reads_the_same_text(out_dir):
    expected = _expected(out_dir)
    # pandoc lifts the Title paragraph into metadata; the body is the rest.
    assert _lines(_pandoc("-f", "docx", "-t", "plain", "--wrap=none", str(out_dir / "sample.docx"))) == expected[1:]
    meta = json.loads(_pandoc("-f", "docx", "-t", "json", str(out_dir / "sample.docx")))["meta"]
    title = "".join(i.get("c", " ") if i["t"] == "Str" else " " for i in meta["title"]["c"])
    assert title == expected[0]


def test_pandoc_reads_the_structure(out_dir):
    ast = json.loads(_pandoc("-f", "docx", "-t", "json", str(out_dir / "features.docx")))
    kinds: list[str] = []
    found: dict[str, object] = {}

    def visit(node):
        if isinstance(node, dict):
            t = node.get("t")
            if t:
                kinds.append(t)
                if t == "OrderedList":
                    found["start"] = node["c"][0][0]
                if t == "Header":
                    found["header_id"] = node["c"][1][0]
                if t == "Link":
                    found.setdefault("links", []).append(node["c"][2][0])
            for v in node.values():
                visit(v)
        elif isinstance(node, list):
            for v in node:
                visit(v)

    visit(ast["blocks"])
    for t in ("Header", "Table", "OrderedList", "BulletList", "Image", "Note", "Strong", "Emph", "BlockQuote"):
        assert t in kinds, t
    assert found["start"] == 3
    assert "https://example.org/" in found["links"]
    # pandoc renames the heading's bookmark to its own id and follows the link to it.
    assert "#" + found["header_id"] in found["links"]


# ----------------------------------------------------------------------- xmllint
def test_document_and_styles_validate_against_wordprocessingml_xsd(out_dir, tmp_path):
    """Needs the ECMA-376 transitional schemas (wml.xsd and the files it imports) in
    $COPYDESK_OOXML_XSD_DIR; they are not redistributed with copydesk."""
    xsd_dir = os.environ.get("COPYDESK_OOXML_XSD_DIR")
    if not xsd_dir or not (Path(xsd_dir) / "wml.xsd").exists():
        pytest.skip("set COPYDESK_OOXML_XSD_DIR to a directory holding ECMA-376 wml.xsd and its imports")
    if not shutil.which("xmllint"):
        pytest.skip("xmllint not installed")
    for name in ("sample.docx", "features.docx"):
        with zipfile.ZipFile(out_dir / name) as z:
            for part in ("word/document.xml", "word/styles.xml"):
                path = tmp_path / (name + "-" + part.replace("/", "_"))
                path.write_bytes(z.read(part))
                run = subprocess.run(["xmllint", "--noout", "--schema", str(Path(xsd_dir) / "wml.xsd"), str(path)],
                                     capture_output=True, text=True)
                assert run.returncode == 0, f"{name}:{part}\n{run.stderr[-3000:]}"

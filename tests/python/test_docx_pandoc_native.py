"""DOCX reader against pandoc's expected ASTs (the .native files of pandoc's test documents)."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("COPYDESK_CORPUS", REPO.parent / "shared" / "corpus"))


def _compare_module():
    spec = importlib.util.spec_from_file_location("compare_native", REPO / "tests" / "tools" / "compare_native.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_native_parser_reads_pandoc_show_form():
    mod = _compare_module()
    tree = mod.parse_native('[Para [Str "caf\\233",Space,Str "x\\8217s"],Header 2 ("id",[],[]) [Str "H"]]')
    assert mod.native_blocks(tree) == ["Paragraph", "Heading"]
    out: list[str] = []
    mod.native_text(tree, out)
    assert mod.norm("".join(out)) == "café x\u2019s H"


def test_docx_reader_matches_pandoc(copydesk_bin):
    folder = CORPUS / "docx" / "pandoc"
    if not folder.is_dir():
        pytest.skip("corpus not found; set COPYDESK_CORPUS")
    mod = _compare_module()
    rows = mod.compare(str(copydesk_bin), folder)
    s = mod.summary(rows)
    assert s["documents"] >= 60
    assert not [r["name"] for r in rows if "error" in r]
    # Reached when this test was written: text 0.984 mean / 88% exact,
    # block structure 0.91 mean / 77% exact (see docs/docx-reader.md).
    assert s["text_mean"] >= 0.98
    assert s["text_exact"] >= 0.85
    assert s["blocks_mean"] >= 0.89
    assert s["blocks_exact"] >= 0.72

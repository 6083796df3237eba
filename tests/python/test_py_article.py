"""The names scripts rely on, on the sample article (needs the plain-text reader and DOCX writer)."""

from __future__ import annotations

from pathlib import Path

import pytest

import copydesk


@pytest.fixture(scope="module")
def sample(corpus_dir: Path) -> Path:
    path = corpus_dir / "seed" / "taicang-2023-07-13.txt"
    if not path.is_file():
        pytest.skip(f"{path} is not in the corpus")
    return path


def test_sample_article_metadata(sample: Path) -> None:
    doc = copydesk.read(sample)
    m = doc.metadata
    assert m.title.startswith("市委召开全市领导干部会议")
    assert m.source == "太仓日报"
    assert str(m.date) == "2023-07-13"
    assert [(c.name, c.role) for c in m.contributors if c.role == "editor"] == [("俞群艳", "editor")]
    assert [(c.name, c.role, c.label) for c in m.contributors if c.role == "reporter"] == [("王俊", "reporter", "记者")]
    paragraphs = [b for b in doc.blocks if isinstance(b, copydesk.Paragraph)]
    assert len(paragraphs) == 8
    last = copydesk.stringify(paragraphs[-1])
    assert last.endswith("参加会议。") and "王俊" not in last
    assert isinstance(doc.diagnostics, list)
    assert m.language.startswith("zh")


def test_sample_article_text_docx_text(sample: Path, tmp_path: Path) -> None:
    doc = copydesk.read(sample)
    docx = copydesk.write(doc, format="docx")
    assert docx[:2] == b"PK"
    again = copydesk.read(docx, format="docx")
    assert again.metadata.title == doc.metadata.title
    assert copydesk.stringify(again.blocks) == copydesk.stringify(doc.blocks)
    out = tmp_path / "a.docx"
    copydesk.convert(sample, out)
    assert copydesk.read(out).metadata.source == "太仓日报"
    text = copydesk.convert(sample, to_format="plain")
    assert "王俊" in text.decode("utf-8")  # the byline is reproduced by the writer

"""The names scripts rely on, on the sample article (needs the plain-text reader and DOCX writer)."""

from __future__ import annotations

from pathlib import Path

import pytest

import copydesk


@pytest.fixture(scope="module")
def sample() -> Path:
    # Our own sample article, in the repository: these tests need no corpus.
    return Path(__file__).resolve().parents[2] / "examples" / "zh-news.txt"


def test_sample_article_metadata(sample: Path) -> None:
    doc = copydesk.read(sample)
    m = doc.metadata
    assert m.title == "青溪镇举办首届社区读书节 百余名居民共读共享"
    assert m.source == "青溪日报"
    assert str(m.date) == "2024-04-23"
    assert [(c.name, c.role) for c in m.contributors if c.role == "editor"] == [("林晓", "editor")]
    assert [(c.name, c.role, c.label) for c in m.contributors if c.role == "reporter"] == [("周明", "reporter", "记者")]
    paragraphs = [b for b in doc.blocks if isinstance(b, copydesk.Paragraph)]
    assert len(paragraphs) == 5
    last = copydesk.stringify(paragraphs[-1])
    assert last.endswith("报名参加。") and "周明" not in last
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
    assert copydesk.read(out).metadata.source == "青溪日报"
    text = copydesk.convert(sample, to_format="plain")
    assert "周明" in text.decode("utf-8")  # the byline is reproduced by the writer

"""A safe API: no write over the input, atomic writes, no option typo passing silently."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import copydesk

ARTICLE = "太仓新闻\n来源:太仓日报 责编:俞群艳 时间:2023-07-13\n\n  昨日，记者从市住建局获悉。\n\n（记者  王俊）\n"


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


def spellings(p: Path) -> list[str]:
    """The same file by other names: relative, with dots, a symlink and a hard link."""
    link = p.with_name("link.txt")
    link.symlink_to(p)
    hard = p.with_name("hard.txt")
    os.link(p, hard)
    dotted = str(p.parent / "." / ".." / p.parent.name / p.name)
    return [str(p), dotted, str(link), str(hard), os.path.relpath(p)]


def test_convert_refuses_to_write_onto_its_input(article: Path) -> None:
    for dst in spellings(article):
        with pytest.raises(copydesk.UsageError, match="overwrite the input"):
            copydesk.convert(article, dst, to_format="plain")
        assert article.read_text(encoding="utf-8") == ARTICLE, dst


def test_write_refuses_the_file_the_document_came_from(article: Path) -> None:
    doc = copydesk.read(article)
    for dst in spellings(article):
        with pytest.raises(copydesk.UsageError, match="overwrite the input"):
            copydesk.write(doc, dst, format="plain")
    assert article.read_text(encoding="utf-8") == ARTICLE


def test_writes_to_paths_are_atomic(article: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    out.write_bytes(b"old")
    # a failing conversion leaves the old file as it was, and no temporary file behind
    with pytest.raises(copydesk.UsageError):
        copydesk.convert(article, out, compression_level=99)
    assert out.read_bytes() == b"old"
    copydesk.convert(article, out)
    assert out.read_bytes()[:2] == b"PK"
    doc = copydesk.read(article)
    copydesk.write(doc, tmp_path / "w.json")
    copydesk.convert(article.read_bytes(), tmp_path / "b.json", to_format="json")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.json", "out.docx", "w.json"]


def test_an_unknown_option_names_itself_and_the_formats_options(article: Path) -> None:
    doc = copydesk.read(article)
    with pytest.raises(copydesk.UsageError) as info:
        copydesk.write(doc, format="docx", refrence_doc="house.docx")
    message = str(info.value)
    assert "refrence_doc (option 'refrence-doc')" in message and "reference-doc" in message
    with pytest.raises(copydesk.UsageError, match="wrapp"):
        copydesk.convert(article, to_format="plain", wrapp=72)
    with pytest.raises(copydesk.UsageError, match="pretty"):
        copydesk.read(article, pretty=True)  # a writer's option is not the reader's
    # declared options and limits pass
    copydesk.convert(article, to_format="docx", compression_level=6, limit_max_depth=64)
    copydesk.read(article.read_bytes(), limit_max_input_bytes=10**6)


def test_an_out_of_range_number_says_too_large(article: Path) -> None:
    with pytest.raises(copydesk.UsageError, match="too large"):
        copydesk.read(article, limit_max_depth=10**30)
    with pytest.raises(copydesk.UsageError, match="too small"):
        copydesk.read(article, limit_max_depth=-(10**30))

"""EPUB and JATS through the Python API: listed, written, read back."""

from __future__ import annotations

import io
import zipfile

import pytest

import copydesk
from test_api import sample_doc


def test_epub_and_jats_are_listed_with_their_options() -> None:
    fmts = {f.name: f for f in copydesk.formats()}
    assert fmts["epub"].binary and fmts["epub"].can_read and fmts["epub"].can_write
    assert "epub" in fmts["epub"].extensions
    assert fmts["epub"].mime == "application/epub+zip"
    assert not fmts["jats"].binary and fmts["jats"].can_read and fmts["jats"].can_write
    assert {o.name for o in fmts["jats"].writer_options} >= {"tag-set", "dtd-version"}


@pytest.mark.parametrize("fmt", ["epub", "jats"])
def test_document_round_trips(fmt: str) -> None:
    doc = sample_doc()
    data = copydesk.write(doc, format=fmt)
    back = copydesk.read(data, format=fmt)
    assert back.metadata.title == "标题"
    assert back.metadata.source == "太仓日报"
    assert [(c.name, c.role, c.label) for c in back.metadata.contributors] == [("王俊", "reporter", "记者")]
    assert back.blocks == doc.blocks


def test_epub_package_is_what_a_reader_expects() -> None:
    data = copydesk.write(sample_doc(), format="epub")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        first = z.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert z.read("mimetype") == b"application/epub+zip"
        assert z.testzip() is None
        xhtml = z.read("EPUB/article.xhtml").decode()
    assert 'xml:lang="zh-CN"' in xhtml and "来源：太仓日报" in xhtml


def test_detection_hands_epub_and_jats_to_their_readers() -> None:
    doc = sample_doc()
    assert copydesk.read(copydesk.write(doc, format="epub")).metadata.title == "标题"
    assert copydesk.read(copydesk.write(doc, format="jats")).metadata.title == "标题"

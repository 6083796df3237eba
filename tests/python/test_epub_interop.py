"""The EPUB writer's output read by another program: pandoc's EPUB reader.

epubcheck (run by the Catch2 tests tagged [epub]) says the package is valid; this says a
real reader gets the article back: the same title, paragraphs, byline and metadata.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from interop_util import paragraphs as _paragraphs
from interop_util import run as _run


@pytest.fixture(scope="module")
def seed_epub(copydesk_bin: Path, tmp_path_factory) -> tuple[Path, Path]:
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc not installed")
    src = Path(__file__).resolve().parents[2] / "examples" / "zh-news.txt"  # our own sample article
    out = tmp_path_factory.mktemp("epub") / "zh-news.epub"
    subprocess.run([str(copydesk_bin), str(src), "-o", str(out), "-q"], check=True, timeout=60)
    return src, out


def test_pandoc_reads_the_article_text_back(copydesk_bin: Path, seed_epub: tuple[Path, Path]) -> None:
    src, epub = seed_epub
    ours = _paragraphs(_run([str(copydesk_bin), str(src), "-t", "plain", "-q"]))
    theirs = _paragraphs(_run(["pandoc", "-f", "epub", "-t", "plain", "--wrap=none", str(epub)]))
    # Title first; then the metadata line (full-width colons in EPUB, ASCII in plain text).
    assert theirs[0] == ours[0]
    assert theirs[1].replace("：", ":").replace("\u3000", " ") == ours[1]
    # The body: every paragraph, in order, with the byline (记者 周明) as the last block.
    body_ours, body_theirs = ours[2:], theirs[2:]
    assert body_theirs[:-1] == [p.removesuffix("（记者 周明）").rstrip() for p in body_ours]
    assert body_theirs[-1] == "记者 周明"
    assert len(body_theirs) == 6  # five paragraphs and the byline


def test_pandoc_reads_the_metadata(seed_epub: tuple[Path, Path]) -> None:
    _, epub = seed_epub
    meta = json.loads(_run(["pandoc", "-f", "epub", "-t", "json", str(epub)]))["meta"]

    def text(key: str) -> str:
        return "".join(i["c"] if i["t"] == "Str" else " " for i in meta[key]["c"])

    assert text("language") == "zh-CN"
    assert text("author") == "周明"  # the reporter is a dc:creator
    assert text("contributor") == "林晓"  # the editor a dc:contributor
    assert text("publisher") == "青溪日报"
    assert text("date") == "2024-04-23"
    assert text("title") == "青溪镇举办首届社区读书节 百余名居民共读共享"

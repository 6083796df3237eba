"""The JATS writer's output read by another program: pandoc's JATS reader.

xmllint checks it against the JATS DTD (the Catch2 tests tagged [jats]); this checks a
real reader gets the article back: the same paragraphs, title and author.
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
def seed_jats(copydesk_bin: Path, tmp_path_factory) -> tuple[Path, Path]:
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc not installed")
    src = Path(__file__).resolve().parents[2] / "examples" / "zh-news.txt"  # our own sample article
    out = tmp_path_factory.mktemp("jats") / "zh-news.xml"
    subprocess.run([str(copydesk_bin), str(src), "-t", "jats", "-o", str(out), "-q"], check=True, timeout=60)
    return src, out


def test_pandoc_reads_the_body_back(copydesk_bin: Path, seed_jats: tuple[Path, Path]) -> None:
    src, jats = seed_jats
    ours = _paragraphs(_run([str(copydesk_bin), str(src), "-t", "plain", "-q"]))
    theirs = _paragraphs(_run(["pandoc", "-f", "jats", "-t", "plain", "--wrap=none", str(jats)]))
    # Title and metadata line are front matter in JATS; the byline is the reporter contrib.
    assert theirs == [p.removesuffix("（记者 周明）").rstrip() for p in ours[2:]]
    assert len(theirs) == 5


def test_pandoc_reads_title_and_author(seed_jats: tuple[Path, Path]) -> None:
    _, jats = seed_jats
    meta = json.loads(_run(["pandoc", "-f", "jats", "-t", "json", str(jats)]))["meta"]

    def text(inlines: list[dict]) -> str:
        return "".join(i["c"] if i["t"] == "Str" else " " for i in inlines)

    assert text(meta["title"]["c"]) == "青溪镇举办首届社区读书节 百余名居民共读共享"
    # The reporter is the article's author to other JATS readers.
    assert [text(a["c"]) for a in meta["author"]["c"]] == ["周明"]

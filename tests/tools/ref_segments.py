#!/usr/bin/env python3
"""Share of a JATS article's reference-list text that copydesk's plain output keeps.

For each JATS file: the text segments of its <ref-list>s (the text between any
two tags, entities decoded, white space collapsed; segments without a letter
or digit — punctuation between fields — are left out) and copydesk's plain
text of the file (`copydesk -f jats -t plain`). A segment is kept when it
occurs in the output, white space collapsed on both sides. Files copydesk
refuses are counted apart (not readable).

Usage: ref_segments.py [--bin PATH] FILE_OR_DIR...
Prints one line per file with references and the total: kept/segments (share).
"""

from __future__ import annotations

import argparse
import html
import os
import re
import subprocess
import sys
from pathlib import Path

_REF_LIST = re.compile(r"<ref-list\b.*?</ref-list>", re.S)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def collapse(s: str) -> str:
    return _SPACE.sub(" ", s).strip()


def segments(xml: str) -> list[str]:
    out: list[str] = []
    for block in _REF_LIST.findall(xml):
        for piece in _TAG.split(block):
            seg = collapse(html.unescape(piece))
            if any(ch.isalnum() for ch in seg):
                out.append(seg)
    return out


def plain(binary: str, path: Path) -> str | None:
    r = subprocess.run([binary, "-f", "jats", "-t", "plain", str(path)], capture_output=True)
    return r.stdout.decode("utf-8", "replace") if r.returncode == 0 else None


def measure(binary: str, files: list[Path]) -> tuple[int, int, int, int]:
    """(readable files, files with references, segments kept, segments) over `files`."""
    readable = with_refs = kept = total = 0
    for f in files:
        text = plain(binary, f)
        if text is None:
            continue
        readable += 1
        segs = segments(f.read_text("utf-8", "replace"))
        if not segs:
            continue
        with_refs += 1
        out = collapse(text)
        k = sum(1 for s in segs if s in out)
        print(f"{k}/{len(segs)}\t{f.name}")
        kept += k
        total += len(segs)
    return readable, with_refs, kept, total


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default=os.environ.get("COPYDESK_BIN", "copydesk"))
    ap.add_argument("paths", nargs="+", type=Path)
    a = ap.parse_args()
    files: list[Path] = []
    for p in a.paths:
        files += sorted(p.rglob("*.xml")) if p.is_dir() else [p]
    readable, with_refs, kept, total = measure(a.bin, files)
    share = kept / total if total else 1.0
    print(f"{readable} readable, {with_refs} with references: {kept}/{total} reference segments kept ({share:.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

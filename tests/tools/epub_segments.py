#!/usr/bin/env python3
"""Share of an EPUB's spine text that copydesk's plain output keeps.

Segments: the text between any two tags inside the <body> of each XHTML
spine document (script and style content left out; entities decoded; white
space collapsed; segments without a letter or digit left out). A segment is
kept when it occurs in `copydesk -f epub -t plain` of the book, white space
collapsed on both sides.

Usage: epub_segments.py [--bin PATH] BOOK.epub...
"""

from __future__ import annotations

import argparse
import html
import os
import posixpath
import re
import subprocess
import sys
import zipfile

_SPACE = re.compile(r"\s+")
_BODY = re.compile(r"<body\b.*?</body>", re.S)
_DROP = re.compile(r"<(script|style)\b.*?</\1>|<!--.*?-->", re.S)
_TAG = re.compile(r"<[^>]*>")


def collapse(s: str) -> str:
    return _SPACE.sub(" ", s).strip()


def spine_docs(z: zipfile.ZipFile) -> list[str]:
    container = z.read("META-INF/container.xml").decode()
    opf = re.search(r'full-path="([^"]+)"', container).group(1)
    pkg = z.read(opf).decode()
    base = posixpath.dirname(opf)
    items = {}
    for m in re.finditer(r"<item\b[^>]*>", pkg):
        attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', m.group(0)))
        items[attrs.get("id")] = attrs
    out = []
    for idref in re.findall(r'<itemref\b[^>]*idref="([^"]+)"', pkg):
        it = items.get(idref, {})
        if it.get("media-type") in ("application/xhtml+xml", "image/svg+xml"):
            out.append(posixpath.normpath(posixpath.join(base, it["href"])))
    return out


def segments(book: str) -> list[str]:
    segs = []
    with zipfile.ZipFile(book) as z:
        for name in spine_docs(z):
            text = z.read(name).decode("utf-8", "replace")
            m = _BODY.search(text)
            body = _DROP.sub("", m.group(0) if m else text)
            for piece in _TAG.split(body):
                seg = collapse(html.unescape(piece))
                if any(ch.isalnum() for ch in seg):
                    segs.append(seg)
    return segs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default=os.environ.get("COPYDESK_BIN", "copydesk"))
    ap.add_argument("books", nargs="+")
    a = ap.parse_args()
    for book in a.books:
        r = subprocess.run([a.bin, "-f", "epub", "-t", "plain", book], capture_output=True)
        out = collapse(r.stdout.decode("utf-8", "replace"))
        segs = segments(book)
        kept = sum(1 for s in segs if s in out)
        print(f"{kept}/{len(segs)} segments kept\t{os.path.basename(book)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

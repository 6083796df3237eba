#!/usr/bin/env python3
"""Compare copydesk's DOCX reader with pandoc's expected ASTs.

For every pandoc test document X.docx that has an X.native (pandoc's Haskell
`show` of the blocks), read X.docx with `copydesk --to json` and compare:

- text: all Str/Space/SoftBreak/LineBreak/Code text of the blocks (notes and
  table cells included), whitespace-collapsed, scored with difflib's ratio;
- structure: the sequence of top-level block constructors, mapped to ours
  (Para/Plain → Paragraph, Header → Heading, ...), scored the same way.

Prints one line per document and the mean scores; `--json` prints them as JSON.
Usage: compare_native.py [--bin PATH] [--dir CORPUS/docx/pandoc] [--json]
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

# ---------------------------------------------------------------- native parser
# The Haskell show form is constructors applied to arguments: strings, numbers,
# lists [..], tuples (..). Parsed into ("Con", [args]) / list / tuple / str / num.

_TOKEN = re.compile(r'\s*(?:(?P<str>"(?:[^"\\]|\\.)*")|(?P<num>-?\d+(?:\.\d+)?(?:e-?\d+)?)|'
                    r'(?P<name>[A-Za-z_][A-Za-z0-9_\']*)|(?P<punct>[\[\](),{}=]))', re.S)


def _unescape(s: str) -> str:
    out = []
    i = 0
    named = {"n": "\n", "t": "\t", "\\": "\\", '"': '"', "'": "'", "r": "\r", "a": "\a", "b": "\b",
             "f": "\f", "v": "\v"}
    while i < len(s):
        c = s[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        i += 1
        if i >= len(s):
            break
        c = s[i]
        if c.isdigit():
            j = i
            while j < len(s) and s[j].isdigit():
                j += 1
            out.append(chr(int(s[i:j])))
            i = j
        elif c == "&":
            i += 1
        elif c in named:
            out.append(named[c])
            i += 1
        elif s.startswith("DEL", i):
            out.append("\x7f")
            i += 3
        elif s.startswith("NUL", i):
            i += 3
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _tokens(text: str):
    pos = 0
    n = len(text)
    while pos < n:
        m = _TOKEN.match(text, pos)
        if not m:
            if text[pos:].strip() == "":
                return
            raise ValueError(f"cannot tokenize at {pos}: {text[pos:pos + 30]!r}")
        pos = m.end()
        if m.group("str") is not None:
            yield ("str", _unescape(m.group("str")[1:-1]))
        elif m.group("num") is not None:
            yield ("num", m.group("num"))
        elif m.group("name") is not None:
            yield ("name", m.group("name"))
        else:
            yield ("p", m.group("punct"))


class _Parser:
    def __init__(self, text: str):
        self.toks = list(_tokens(text))
        self.i = 0

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else ("eof", None)

    def take(self):
        t = self.peek()
        self.i += 1
        return t

    def expr(self):
        """A constructor with its arguments, or an atom."""
        kind, val = self.peek()
        if kind == "name":
            self.take()
            args = []
            while True:
                k, v = self.peek()
                if k in ("str", "num") or (k == "p" and v in "[(") or k == "name":
                    # A bare name after a constructor is a nullary argument (AlignDefault, Nothing).
                    if k == "name":
                        self.take()
                        args.append((v, []))
                    else:
                        args.append(self.atom())
                elif k == "p" and v == "{":
                    args.append(self.record())
                else:
                    break
            return (val, args)
        return self.atom()

    def record(self):
        self.take()  # {
        fields = {}
        while self.peek() != ("p", "}"):
            _, name = self.take()
            self.take()  # =
            fields[name] = self.expr()
            if self.peek() == ("p", ","):
                self.take()
        self.take()
        return ("{record}", [fields])

    def atom(self):
        kind, val = self.take()
        if kind == "str":
            return val
        if kind == "num":
            return float(val)
        if kind == "name":
            return (val, [])
        if val == "[":
            items = []
            while self.peek() != ("p", "]"):
                items.append(self.expr())
                if self.peek() == ("p", ","):
                    self.take()
            self.take()
            return items
        if val == "(":
            items = []
            while self.peek() != ("p", ")"):
                items.append(self.expr())
                if self.peek() == ("p", ","):
                    self.take()
            self.take()
            return items[0] if len(items) == 1 else ("()", items)
        raise ValueError(f"unexpected {val!r}")


def parse_native(text: str):
    p = _Parser(text)
    return p.expr()


def native_text(node, out: list[str]) -> None:
    if isinstance(node, list):
        for x in node:
            native_text(x, out)
    elif isinstance(node, tuple):
        name, args = node
        if name == "Str":
            out.append(args[0])
        elif name in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif name in ("Code", "Math") and args:
            out.append(args[-1] if isinstance(args[-1], str) else "")
        elif name == "CodeBlock" and args:
            out.append(" " + args[-1] + " ")
        elif name in ("Header",):
            native_text(args[2:], out)
            out.append(" ")
        elif name in ("Link", "Image", "Span", "Div"):
            native_text(args[1:2] if name != "Div" else args[1:], out)
        elif name in ("Para", "Plain"):
            native_text(args, out)
            out.append(" ")
        else:
            native_text(args, out)
    # strings/numbers outside Str are attributes, targets, widths: not text


_BLOCK_MAP = {"Para": "Paragraph", "Plain": "Paragraph", "Header": "Heading", "BlockQuote": "BlockQuote",
              "BulletList": "BulletList", "OrderedList": "OrderedList", "Table": "Table", "CodeBlock": "CodeBlock",
              "Div": "Div", "HorizontalRule": "HorizontalRule", "Figure": "Figure", "RawBlock": "RawBlock",
              "DefinitionList": "DefinitionList", "LineBlock": "Paragraph"}


def native_blocks(tree) -> list[str]:
    return [_BLOCK_MAP.get(b[0], b[0]) for b in tree if isinstance(b, tuple)]


# ------------------------------------------------------------------ our JSON

def json_text(node, out: list[str]) -> None:
    if isinstance(node, list):
        for x in node:
            json_text(x, out)
        return
    if not isinstance(node, dict):
        return
    t = node.get("t")
    if t == "Text":
        out.append(node.get("text", ""))
    elif t == "LineBreak":
        out.append(" ")
    elif t in ("Code", "Math"):
        out.append(node.get("text", ""))
    elif t == "CodeBlock":
        out.append(" " + node.get("text", "") + " ")
    elif t == "Image":
        json_text(node.get("alt", []), out)
    else:
        for key in ("content", "items", "caption", "head", "body", "foot", "cells"):
            if key in node:
                json_text(node[key], out)
        if t in ("Paragraph", "Heading"):
            out.append(" ")


def norm(s: str) -> str:
    return " ".join(s.split())


def score(a, b) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def find_bin() -> str | None:
    if os.environ.get("COPYDESK_BIN"):
        return os.environ["COPYDESK_BIN"]
    root = Path(__file__).resolve().parents[2]
    built = [p for p in root.glob("build*/tools/copydesk") if p.is_file() and os.access(p, os.X_OK)]
    if built:
        return str(max(built, key=lambda p: p.stat().st_mtime))
    return shutil.which("copydesk")


def compare(binary: str, folder: Path) -> list[dict]:
    rows = []
    for native in sorted(folder.glob("*.native")):
        docx = native.with_suffix(".docx")
        if not docx.exists():
            continue
        tree = parse_native(native.read_text(encoding="utf-8"))
        if not isinstance(tree, list):
            continue
        proc = subprocess.run([binary, str(docx), "-f", "docx", "--to", "json"], capture_output=True, timeout=60)
        row = {"name": docx.stem}
        if proc.returncode != 0:
            row.update(text=0.0, blocks=0.0, error=proc.stderr.decode("utf-8", "replace").strip())
            rows.append(row)
            continue
        ours = json.loads(proc.stdout)
        theirs_text, our_text = [], []
        native_text(tree, theirs_text)
        json_text(ours["blocks"], our_text)
        a, b = norm("".join(theirs_text)), norm("".join(our_text))
        row["text"] = 1.0 if a == b else score(a, b)
        nb = native_blocks(tree)
        ob = [blk.get("t") for blk in ours["blocks"]]
        row["blocks"] = 1.0 if nb == ob else score(nb, ob)
        row["pandoc_blocks"] = nb
        row["our_blocks"] = ob
        rows.append(row)
    return rows


def summary(rows: list[dict]) -> dict:
    n = len(rows)
    return {
        "documents": n,
        "text_mean": sum(r["text"] for r in rows) / n if n else 0.0,
        "text_exact": sum(1 for r in rows if r["text"] == 1.0) / n if n else 0.0,
        "blocks_mean": sum(r["blocks"] for r in rows) / n if n else 0.0,
        "blocks_exact": sum(1 for r in rows if r["blocks"] == 1.0) / n if n else 0.0,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default=find_bin())
    root = Path(__file__).resolve().parents[2]
    default_corpus = Path(os.environ.get("COPYDESK_CORPUS", root.parent / "shared" / "corpus"))
    ap.add_argument("--dir", type=Path, default=default_corpus / "docx" / "pandoc")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    if not args.bin:
        print("copydesk program not found (set COPYDESK_BIN)", file=sys.stderr)
        return 2
    rows = compare(args.bin, args.dir)
    s = summary(rows)
    if args.json:
        print(json.dumps({"summary": s, "documents": rows}, ensure_ascii=False, indent=1))
        return 0
    for r in rows:
        line = f"{r['name']:40s} text {r['text']:.3f}  blocks {r['blocks']:.3f}"
        if "error" in r:
            line += "  ERROR " + r["error"][:80]
        print(line)
        if args.verbose and r["blocks"] < 1.0 and "error" not in r:
            print("   pandoc:", " ".join(r["pandoc_blocks"]))
            print("   ours:  ", " ".join(r["our_blocks"]))
    print(f"\n{s['documents']} documents: text similarity mean {s['text_mean']:.3f} "
          f"(exact {s['text_exact']:.1%}), block structure mean {s['blocks_mean']:.3f} "
          f"(exact {s['blocks_exact']:.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

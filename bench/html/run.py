#!/usr/bin/env python3
"""copydesk's HTML reader beside GNE and trafilatura on real news pages.

Usage:  bench/html/run.py [--copydesk build/dev/tools/copydesk] [--pages N] [--per-page]

The first run creates bench/html/.venv with GNE and trafilatura from PyPI
(pip install gne trafilatura lxml_html_clean) and re-runs itself in it.

Pages: the 33 Chinese pages of ../shared/corpus/html/gne/ that have a text
version in ../shared/corpus/text-zh/gne-extracted/, and the English pages in
bench/html/pages/ (each NAME.html with its text version NAME.txt).

Gold, from each text version's own head lines (see bench/README.md):
  title   line 1
  date    the first date on line 2 (year-month-day; month-day when the line has no year)
  source  `来源:` / `来源：` / `Source:` on line 2
  author  names after 作者/记者/责任编辑/编辑/采写/By on line 2 or in the last two lines
  body    the lines after the head (line 2 is head when it holds a date or a source)
Scores: title equal after removing whitespace (or the gold is the title plus
` - Site`/`_Site`: some text versions kept the page's <title>); date equal at the gold's precision;
source exact; author: every gold name found among the tool's authors;
body: F1 of the multiset of non-space characters against the gold body.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
VENV = HERE / ".venv"


def ensure_venv() -> None:
    try:
        import gne  # noqa: F401
        import trafilatura  # noqa: F401
        return
    except ImportError:
        pass
    py = VENV / "bin" / "python"
    if not py.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(py), "-m", "pip", "install", "-q", "gne", "trafilatura", "lxml_html_clean"], check=True)
    if Path(sys.executable).resolve() != py.resolve():
        os.execv(str(py), [str(py), *sys.argv])
    raise SystemExit("gne/trafilatura missing from " + str(VENV))


DATE = re.compile(r"(?:(\d{4})\s*[-年/.]\s*)?(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
EN_DATE = re.compile(r"(January|February|March|April|May|June|July|August|September|October|November|December)"
                     r"\s+(\d{1,2}),\s+(\d{4})")
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
SOURCE = re.compile(r"(?:来源|Source)\s*[:：]\s*([^|｜\s](?:[^|｜\n]*?[^|｜\s])?)(?=\s{2,}|\s*[|｜]|\s+\S{1,6}[:：]|\s*$)")
AUTHOR = re.compile(r"(?:作者|记者|责任编辑|责编|编辑|采写|By|Editor|Reporter)\s*[:：]?\s*((?:[\u4e00-\u9fff·]{2,4}\s*)+|[A-Z][a-z]+ [A-Z][a-z]+)")


def norm(s: str) -> str:
    return re.sub(r"\s+", "", s or "")


def date_key(text: str):
    """(year or None, month, day) of the first date in text, or None."""
    if not text:
        return None
    m = EN_DATE.search(text)
    if m:
        return (int(m.group(3)), MONTHS.index(m.group(1).lower()) + 1, int(m.group(2)))
    m = DATE.search(text)
    if not m:
        return None
    year = int(m.group(1)) if m.group(1) else None
    month, day = int(m.group(2)), int(m.group(3))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return (year, month, day)


def gold_of(txt: str) -> dict:
    lines = txt.splitlines()
    title = lines[0].strip() if lines else ""
    k = 1
    while k < len(lines) - 1 and not lines[k].strip() and k < 2:
        k += 1  # one blank line may separate the title from the head line
    second = lines[k] if len(lines) > k else ""
    head = bool(date_key(second) or SOURCE.search(second))
    body_lines = lines[k + 1:] if head else lines[1:]
    authors = []
    for line in ([second] if head else []) + [l for l in lines[-2:] if len(l) < 60]:
        for m in AUTHOR.finditer(line):
            authors += m.group(1).split()
    src = SOURCE.search(second) if head else None
    return {
        "title": title,
        "date": date_key(second) if head else None,
        "source": src.group(1) if src else None,
        "authors": authors,
        "body": "\n".join(body_lines),
    }


def char_f1(got: str, gold: str) -> float:
    a = collections.Counter(norm(got))
    b = collections.Counter(norm(gold))
    common = sum((a & b).values())
    if common == 0:
        return 0.0
    p = common / sum(a.values())
    r = common / sum(b.values())
    return 2 * p * r / (p + r)


# ------------------------------------------------------------------ tools
def run_copydesk(exe: str, path: Path) -> dict:
    out = subprocess.run([exe, str(path), "-t", "json"], capture_output=True, check=True).stdout
    doc = json.loads(out)
    texts: list[str] = []

    def walk(node, in_block=False):
        if isinstance(node, dict):
            if node.get("t") == "Image":
                return  # alt text is not visible text
            if node.get("t") == "Text":
                texts.append(node["text"])
            elif node.get("t") in ("Paragraph", "Heading", "CodeBlock") and texts and not in_block:
                texts.append("\n")
            if node.get("t") == "CodeBlock":
                texts.append(node.get("text", ""))
            for v in node.values():
                walk(v, in_block)
        elif isinstance(node, list):
            for v in node:
                walk(v, in_block)

    walk(doc["blocks"])
    m = doc["metadata"]
    date = m.get("date") or {}
    return {
        "title": m.get("title", ""),
        "date": date.get("text") or date.get("iso"),
        "source": m.get("source", ""),
        "authors": " ".join(c["name"] for c in m.get("contributors", [])),
        "body": "".join(texts),
    }


def run_gne(html: str) -> dict:
    from gne import GeneralNewsExtractor

    r = GeneralNewsExtractor().extract(html)
    return {"title": r.get("title", ""), "date": r.get("publish_time", ""), "source": "",
            "authors": r.get("author", ""), "body": r.get("content", "")}


def run_trafilatura(html: str) -> dict:
    import trafilatura

    r = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if r is None:
        return {"title": "", "date": "", "source": "", "authors": "", "body": ""}
    get = (lambda k: getattr(r, k, None)) if not isinstance(r, dict) else r.get
    return {"title": get("title") or "", "date": get("date") or "", "source": get("sitename") or "",
            "authors": get("author") or "", "body": get("text") or ""}


# ---------------------------------------------------------------- scoring
def title_ok(got: str, gold: str) -> bool:
    """Equal, or the gold (some text versions took the page's <title>) is the title plus the site's name."""
    got, gold = (got or "").strip(), (gold or "").strip()
    if norm(got) == norm(gold):
        return True
    return bool(got) and gold.startswith(got) and gold[len(got):][:1] in ("-", "_", "|", " ", "｜", "—")


def score(got: dict, gold: dict) -> dict:
    s = {"title": title_ok(got["title"], gold["title"]), "body": char_f1(got["body"], gold["body"])}
    if gold["date"]:
        k = date_key(str(got["date"] or ""))
        g = gold["date"]
        s["date"] = bool(k) and k[1:] == g[1:] and (g[0] is None or k[0] == g[0])
    if gold["source"]:
        s["source"] = norm(got["source"]) == norm(gold["source"])
    if gold["authors"]:
        s["author"] = all(a in norm(got["authors"]) for a in gold["authors"])
    return s


def pages(limit: int | None):
    corpus = Path(os.environ.get("COPYDESK_CORPUS", ROOT.parent / "shared" / "corpus"))
    html_dir, txt_dir = corpus / "html" / "gne", corpus / "text-zh" / "gne-extracted"
    out = []
    for txt in sorted(txt_dir.glob("*.txt")):
        html = html_dir / (txt.stem + ".html")
        if html.exists():
            out.append(("zh", html, txt))
    for html in sorted((HERE / "pages").glob("*.html")):
        out.append(("en", html, html.with_suffix(".txt")))
    return out[:limit] if limit else out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copydesk", default=str(ROOT / "build" / "dev" / "tools" / "copydesk"))
    ap.add_argument("--pages", type=int)
    ap.add_argument("--per-page", action="store_true", help="list every page where copydesk scores lower")
    args = ap.parse_args()
    ensure_venv()
    tools = {
        "copydesk": lambda p, h: run_copydesk(args.copydesk, p),
        "gne": lambda p, h: run_gne(h),
        "trafilatura": lambda p, h: run_trafilatura(h),
    }
    results = {t: {} for t in tools}
    seconds = {t: 0.0 for t in tools}
    todo = pages(args.pages)
    golds = {}
    for lang, html_path, txt_path in todo:
        html = html_path.read_bytes().decode("utf-8", "replace")
        golds[html_path.stem] = (lang, gold_of(txt_path.read_text(encoding="utf-8")))
        for name, fn in tools.items():
            t0 = time.perf_counter()
            try:
                got = fn(html_path, html)
            except Exception as e:  # a tool failing on a page scores zero there
                print(f"{name} failed on {html_path.name}: {e}", file=sys.stderr)
                got = {"title": "", "date": "", "source": "", "authors": "", "body": ""}
            seconds[name] += time.perf_counter() - t0
            results[name][html_path.stem] = score(got, golds[html_path.stem][1])
    # copydesk without a process per page: one batch run (one thread) over every page, best of 3
    import tempfile

    batch = []
    with tempfile.TemporaryDirectory() as out_dir:
        for _ in range(3):
            t0 = time.perf_counter()
            subprocess.run([args.copydesk, *[str(p) for _, p, _ in todo], "--output-dir", out_dir, "-t", "json",
                            "-j", "1"], capture_output=True, check=True)
            batch.append((time.perf_counter() - t0) / len(todo))
    per_page = min(batch)

    measures = ["title", "date", "source", "author", "body"]
    for lang in ("zh", "en"):
        names = [n for n, (l, _) in golds.items() if l == lang]
        if not names:
            continue
        print(f"\n{lang}: {len(names)} pages")
        print(f"| tool | {' | '.join(measures)} | pages/s |")
        print("|---|" + "---|" * (len(measures) + 1))
        for tool in tools:
            cells = []
            for m in measures:
                vals = [results[tool][n][m] for n in names if m in results[tool][n]]
                if not vals:
                    cells.append("–")
                elif m == "body":
                    cells.append(f"{sum(vals) / len(vals):.3f}")
                else:
                    cells.append(f"{sum(vals)}/{len(vals)}")
            print(f"| {tool} | {' | '.join(cells)} | {len(todo) / seconds[tool]:.1f} |")
    traf = seconds["trafilatura"] / len(todo)
    print(f"\nper page: copydesk {seconds['copydesk'] / len(todo) * 1000:.1f} ms with a process per page (the "
          f"table's pages/s), {per_page * 1000:.2f} ms in one batch process; gne "
          f"{seconds['gne'] / len(todo) * 1000:.1f} ms; trafilatura {traf * 1000:.1f} ms; trafilatura / copydesk "
          f"batch = {traf / per_page:.0f}x")
    if args.per_page:
        print("\nwhere copydesk is worse than the better of the two:")
        for n in golds:
            worse = []
            for m in measures:
                if m not in results["copydesk"][n]:
                    continue
                best = max(results["gne"][n][m], results["trafilatura"][n][m])
                if results["copydesk"][n][m] < best - (0.01 if m == "body" else 0):
                    worse.append(f"{m} {float(results['copydesk'][n][m]):.2f} < {float(best):.2f}")
            if not results["copydesk"][n].get("source", True):
                worse.append("source wrong")
            if worse:
                print(f"  {n}: " + "; ".join(worse))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes bench/html/pages/*.html: examples/en-news.txt in three common news-page
layouts, with navigation, share bars, related links, comments and ads around it,
and each page's text version (the example itself) as NAME.txt."""
import html
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
text = (HERE.parent.parent / "examples" / "en-news.txt").read_text(encoding="utf-8")
lines = text.splitlines()
title, head = lines[0], lines[2]
paras = [" ".join(p.split("\n")) for p in "\n".join(lines[4:]).split("\n\n") if p.strip()]
P = "\n".join(f"<p>{html.escape(p)}</p>" for p in paras)
NAV = '<nav class="site-nav"><ul><li><a href="/">Home</a></li><li><a href="/local">Local</a></li>' \
      '<li><a href="/sports">Sports</a></li><li><a href="/opinion">Opinion</a></li></ul></nav>'
RELATED = '<div class="related-stories"><h3>Related stories</h3><ul>' + "".join(
    f'<li><a href="/story/{i}">City council approves new budget for parks and libraries, story {i}</a></li>'
    for i in range(6)) + "</ul></div>"
COMMENTS = '<section id="comments" class="comments"><h3>3 comments</h3>' + "".join(
    f'<div class="comment"><p class="comment-author">reader{i}</p><p>What a lovely idea, I will bring my own '
    f'seeds from the garden next spring. Thank you for sharing this, it is great news for our town!</p></div>'
    for i in range(3)) + "</section>"
SHARE = '<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Tweet</a> <a href="#">Email</a></div>'
FOOT = '<footer class="site-footer"><p>© 2024 Riverside Gazette. All rights reserved. ' \
       '<a href="/privacy">Privacy</a> | <a href="/terms">Terms</a></p></footer>'

pages = {
    "en-wordpress": f"""<!DOCTYPE html><html lang="en-US"><head><meta charset="utf-8">
<title>{title} | Riverside Gazette</title><meta property="og:site_name" content="Riverside Gazette"></head>
<body><header class="site-header"><div class="logo">Riverside Gazette</div>{NAV}</header>
<div id="page"><main id="main"><article class="post type-post">
<header class="entry-header"><h1 class="entry-title">{title}</h1>
<div class="entry-meta">{head}</div></header>
<div class="entry-content">{P}</div>{SHARE}</article>{COMMENTS}</main>
<aside class="sidebar widget-area">{RELATED}<div class="widget"><h3>Newsletter</h3><p>Sign up for our daily
newsletter with the best local stories, delivered every morning to your inbox.</p></div></aside></div>{FOOT}</body></html>""",
    "en-newsroom": f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} - Riverside Gazette</title>
<meta property="og:title" content="{title}"><meta property="og:site_name" content="Riverside Gazette">
<meta property="article:published_time" content="2024-04-23T09:00:00-05:00">
<script type="application/ld+json">{json.dumps({"@context": "https://schema.org", "@type": "NewsArticle",
    "headline": title, "datePublished": "2024-04-23T09:00:00-05:00",
    "author": [{"@type": "Person", "name": "Anna Kim"}], "editor": "Maria Lopez",
    "publisher": {"@type": "Organization", "name": "Riverside Gazette"}})}</script>
<script>window.ads = "<div class='x'>not text</div>";</script></head>
<body>{NAV}<div class="ad ad-top">Advertisement</div><div class="container"><div class="story">
<h1 class="headline">{title}</h1><div class="byline">By Anna Kim | Editor: Maria Lopez | <time datetime="2024-04-23">April 23, 2024</time></div>
{SHARE}<div class="story-body">{P}</div></div>{RELATED}{COMMENTS}</div>{FOOT}</body></html>""",
    "en-table": f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<title>Riverside Gazette - {title}</title></head><body><table width="100%"><tr><td class="menu">
<a href="/">Home</a><br><a href="/local">Local</a><br><a href="/sports">Sports</a></td><td>
<font size="5"><b>{title}</b></font><br>{head}<br><br>
<font size="3">{"<br><br>".join(html.escape(p) for p in paras)}</font></td></tr></table>
<p class="copyright">Copyright 2024 Riverside Gazette</p></body></html>""",
}
for name, page in pages.items():
    (HERE / "pages" / f"{name}.html").write_text(page, encoding="utf-8")
    (HERE / "pages" / f"{name}.txt").write_text(text, encoding="utf-8")

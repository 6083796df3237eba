"""The HTML reader through copydesk.read/convert and the CLI (`copydesk page.html -o article.docx`)."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import copydesk
import pytest

PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="gbk">
<title>小区加装电梯工程顺利完工_新闻_某某网</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/n">新闻</a> <a href="/m">财经</a></div>
<h1>小区加装电梯工程顺利完工</h1><div class="info">2023-07-13 08:30　来源：太仓日报</div>
<div class="article-content"><p>　　经过三个月的施工，小区的电梯工程日前顺利完工，居民上下楼更方便了。</p>
<p>　　工程由街道牵头，居民共同出资，施工期间没有影响居民的正常生活。</p></div>
<div class="comment-list"><p>网友：太好了，我们小区什么时候也能装上电梯呢？</p></div>
</body></html>"""


@pytest.fixture()
def page(tmp_path: Path) -> Path:
    p = tmp_path / "page.html"
    p.write_bytes(PAGE.encode("gbk"))  # a GBK page, as many Chinese sites still serve
    return p


def test_read_finds_the_article_and_its_metadata(page: Path) -> None:
    doc = copydesk.read(page)
    m = doc.metadata
    assert m.title == "小区加装电梯工程顺利完工"
    assert m.source == "太仓日报"
    assert m.date is not None and m.date.iso() == "2023-07-13T08:30"
    assert m.language == "zh-CN"
    texts = [copydesk.stringify(b) for b in doc.blocks]
    assert texts == [
        "经过三个月的施工，小区的电梯工程日前顺利完工，居民上下楼更方便了。",
        "工程由街道牵头，居民共同出资，施工期间没有影响居民的正常生活。",
    ]


def test_extract_none_keeps_the_whole_body(page: Path) -> None:
    doc = copydesk.read(page, extract="none")
    text = "".join(copydesk.stringify(b) for b in doc.blocks)
    assert "首页" in text and "网友" in text


def test_cli_converts_a_page_to_docx(copydesk_bin: Path, page: Path, tmp_path: Path) -> None:
    out = tmp_path / "article.docx"
    r = subprocess.run([str(copydesk_bin), str(page), "-o", str(out)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    with zipfile.ZipFile(out) as z:
        body = z.read("word/document.xml").decode("utf-8")
    assert "电梯工程日前顺利完工" in body
    assert "网友" not in body and "首页" not in body


def test_convert_to_plain_text(page: Path, tmp_path: Path) -> None:
    out = tmp_path / "article.txt"
    copydesk.convert(page, out)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("小区加装电梯工程顺利完工\n")
    assert "来源" in text and "太仓日报" in text


PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082")


def _with_image() -> copydesk.Document:
    image = copydesk.Image(alt=[copydesk.Text("港口")], target="media/port.png")
    return copydesk.Document(metadata=copydesk.Metadata(title="图片"),
                             blocks=[copydesk.Paragraph([copydesk.Text("看图："), image])],
                             resources=[copydesk.Resource("media/port.png", "image/png", PNG)])


def test_write_html_with_images_beside_the_page(tmp_path: Path) -> None:
    out = tmp_path / "a.html"
    diagnostics = copydesk.write(_with_image(), out, images="files")
    assert not [d for d in diagnostics if d.code == "html.images-embedded"]
    files = list((tmp_path / "a_files").iterdir())
    assert [f.read_bytes() for f in files] == [PNG]
    page = out.read_text(encoding="utf-8")
    assert f'src="a_files/{files[0].name}"' in page
    assert "data:image/png" not in page


def test_write_html_to_memory_embeds_the_images() -> None:
    diagnostics: list[copydesk.Diagnostic] = []
    page = copydesk.write(_with_image(), format="html", images="files", diagnostics_out=diagnostics).decode()
    assert "data:image/png;base64," in page
    assert [d.code for d in diagnostics if d.code.startswith("html.")] == ["html.images-embedded"]

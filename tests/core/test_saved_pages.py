"""Saved pages opened from disk: links mean the web address they were saved from, and no
clip ever holds a ``file:`` path to the reader's disk (issue 10, item 6)."""

from __future__ import annotations

import base64
import re
import struct
import zlib
from pathlib import Path

import pytest
import yaml

from clipper.cli import main
from clipper.extract import extract
from clipper.extract.address import PageAddress, saved_from
from clipper.extract.fragment import html_to_markdown


def png(size: int) -> bytes:
    """A real PNG of noise (so it does not compress to a placeholder-sized data: URL)."""
    rows = b"".join(b"\0" + bytes((x * 7 + y * 13 + x * y) % 256 for x in range(size * 3))
                    for y in range(size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


PNG = png(48)
STORY = ("<p>Penny is a villager who lives in a trailer next to the river, with her mother "
         "Pam. She tutors the children of the valley in the museum most mornings, and reads "
         "under the tree by the river when the weather is fine.</p>" * 3)


def chrome_saved_page(folder: str) -> str:
    """What Chrome's "Save page as…, complete" writes: the saved-from comment above <html>,
    images rewritten into the page's _files folder, links to the page itself rewritten to
    the absolute path it was saved under."""
    saved_as = "file:///home/alice/Downloads/Penny%20-%20Stardew%20Valley%20Wiki.html"
    return f"""<!DOCTYPE html>
<!-- saved from url=(0043)https://stardewvalleywiki.com/Penny_(NPC) -->
<html lang="en"><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<title>Penny - Stardew Valley Wiki</title>
<link rel="stylesheet" href="./{folder}/load.css"></head>
<body><div id="content"><h1 id="firstHeading">Penny</h1><div id="mw-content-text">
<p><b>Penny</b> lives next to the <a href="/Pelican_Town">Pelican Town</a> river and tutors
<a href="Jas">Jas</a> and <a href="https://stardewvalleywiki.com/Vincent">Vincent</a>.<sup
 class="reference" id="cite_ref-1"><a href="{saved_as}#cite_note-1">[1]</a></sup></p>
<figure><img src="./{folder}/Penny.png" alt="Penny portrait" width="256" height="256">
<figcaption>Penny in spring</figcaption></figure>
{STORY}
<p>See <a href="#Schedule">her schedule</a>, a <a href="file:///etc/passwd">local file</a> and
the <img src="/images/logo.png" alt="wiki logo" width="80" height="80"> logo.</p>
<h2 id="Schedule">Schedule</h2>
<p>Penny's schedule varies by season; on rainy days she stays at home and reads.</p>
<ol class="references"><li id="cite_note-1"><a href="{saved_as}#cite_ref-1">↑</a>
The wiki's note about Penny.</li></ol>
</div></div></body></html>"""


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    """A page saved "complete" into a folder of its own (a path with a space in it)."""
    where = tmp_path / "my saves"
    folder = "Penny - Stardew Valley Wiki_files"
    (where / folder).mkdir(parents=True)
    (where / folder / "Penny.png").write_bytes(PNG)
    page = where / "Penny - Stardew Valley Wiki.html"
    page.write_text(chrome_saved_page(folder), encoding="utf-8")
    return page


def split_clip(text: str) -> tuple[dict, str]:
    head, body = text[4:].split("\n---\n", 1)
    return yaml.safe_load(head), body


def assert_no_local_path(text: str, tmp_path: Path) -> None:
    assert "file:" not in text
    assert str(tmp_path) not in text
    assert "/home/alice" not in text
    assert "passwd" not in text


def test_extract_file_resolves_links_against_the_saved_from_address(
        saved: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(saved)]) == 0
    meta, body = split_clip(capsys.readouterr().out)
    assert meta["source"] == "https://stardewvalleywiki.com/Penny_(NPC)"
    assert meta["title"] == "Penny"
    assert "[Pelican Town](https://stardewvalleywiki.com/Pelican_Town)" in body
    assert "[Jas](https://stardewvalleywiki.com/Jas)" in body
    assert "[Vincent](https://stardewvalleywiki.com/Vincent)" in body
    # the page's links to itself (written as the path it was saved under) stay in the clip
    assert "Vincent](https://stardewvalleywiki.com/Vincent).[^1]" in body
    assert "[^1]: The wiki's note about Penny." in body
    assert "[her schedule](https://stardewvalleywiki.com/Penny_%28NPC%29#Schedule)" in body
    # a root-relative image is the site's; the saved copy of the photo is a path beside it
    assert "![wiki logo](https://stardewvalleywiki.com/images/logo.png)" in body
    assert "![Penny portrait](Penny%20-%20Stardew%20Valley%20Wiki_files/Penny.png)" in body
    assert "a local file and" in body  # a link to the reader's disk: plain text
    assert_no_local_path(body, tmp_path)


def test_save_file_copies_the_saved_images_and_keeps_no_local_path(
        saved: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    library = tmp_path / "library"
    assert main(["save", str(saved), "--library", str(library)]) == 0
    [clip] = library.glob("*.md")
    text = clip.read_text(encoding="utf-8")
    meta, body = split_clip(text)
    assert meta["source"] == "https://stardewvalleywiki.com/Penny_(NPC)"
    [asset] = (library / "Penny.assets").iterdir()
    assert asset.read_bytes() == PNG
    assert f"![Penny portrait](Penny.assets/{asset.name})" in body
    assert "https://stardewvalleywiki.com/Pelican_Town" in body
    assert_no_local_path(text, tmp_path)


def test_save_file_without_images_takes_the_saved_copies_out(
        saved: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    library = tmp_path / "library"
    assert main(["save", str(saved), "--library", str(library), "--no-images"]) == 0
    [clip] = library.glob("*.md")
    text = clip.read_text(encoding="utf-8")
    assert "![Penny portrait]" not in text
    assert "_files" not in text
    assert "![wiki logo](https://stardewvalleywiki.com/images/logo.png)" in text  # stays remote
    assert not (library / "Penny.assets").exists()
    assert_no_local_path(text, tmp_path)


SINGLEFILE = f"""<!DOCTYPE html> <html lang="de"><!--
 Page saved with SingleFile
 url: https://www.chefkoch.de/rezepte/1234/apfelkuchen.html
 saved date: Mon Dec 07 2026 10:00:00 GMT+0100 (Mitteleuropäische Normalzeit)
--><head><meta charset="utf-8"><title>Apfelkuchen mit Streuseln | Chefkoch</title>
<style>body{{font-family:sans-serif}}</style></head><body><main><article>
<h1>Apfelkuchen mit Streuseln</h1>
<p>Ein einfacher Kuchen aus dem <a href="../../rezepte/kuchen/">Kuchen-Archiv</a> und
<a href="/magazin/backen">unserem Magazin</a>, schnell gebacken und schnell gegessen.</p>
<p><img src="data:image/png;base64,{base64.b64encode(PNG).decode()}" alt="Der Kuchen"></p>
{"<p>Die Äpfel schälen, in Stücke schneiden und auf dem Teig verteilen. Die Streusel "
 "aus Mehl, Zucker und Butter kneten und darüber streuen, dann eine Stunde backen.</p>" * 3}
</article></main></body></html>"""


def test_singlefile_page_without_base_resolves_against_its_url_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "Apfelkuchen mit Streuseln (07.12.2026 10_00_00).html"
    page.write_text(SINGLEFILE, encoding="utf-8")
    assert main(["extract", str(page)]) == 0
    meta, body = split_clip(capsys.readouterr().out)
    assert meta["source"] == "https://www.chefkoch.de/rezepte/1234/apfelkuchen.html"
    assert meta["title"] == "Apfelkuchen mit Streuseln"
    assert "[Kuchen-Archiv](https://www.chefkoch.de/rezepte/kuchen/)" in body
    assert "[unserem Magazin](https://www.chefkoch.de/magazin/backen)" in body
    assert "![Der Kuchen](data:image/png;base64," in body
    assert_no_local_path(body, tmp_path)
    library = tmp_path / "library"
    assert main(["save", str(page), "--library", str(library)]) == 0
    [clip] = library.glob("*.md")
    text = clip.read_text(encoding="utf-8")
    assert re.search(r"!\[Der Kuchen\]\(Apfelkuchen%20mit%20Streuseln\.assets/\w+\.png\)", text)
    assert_no_local_path(text, tmp_path)


def test_a_saved_page_that_names_no_address_keeps_only_web_links(tmp_path: Path) -> None:
    html = ("<html><head><title>Notes</title></head><body><article><h1>Notes</h1>"
            f"{STORY}<p>Go <a href='/wiki/Home'>home</a>, read <a href='chapter2.html'>chapter "
            "two</a> or <a href='https://example.org/x'>the source</a>; "
            "<a href='#top'>top</a>.</p><p><img src='/img/a.png' alt='rooted'>"
            "<img src='pics/b.png' alt='beside'></p></article></body></html>")
    page = tmp_path / "notes.html"
    article = extract(html, page.as_uri())
    md = article.markdown
    assert "Go home, read chapter two or [the source](https://example.org/x)" in md
    assert "[top](#top)" in md  # an anchor in the page stays a fragment
    assert "rooted" not in md  # "/img/a.png" would mean the root of the disk
    assert "![beside](pics/b.png)" in md
    assert article.url is None  # the clip has no source rather than a path on the disk
    assert article.images == ["pics/b.png"]  # what saving the clip copies from the folder
    assert "file:" not in md
    assert str(tmp_path) not in md


def test_canonical_link_names_a_saved_page_when_no_comment_does(tmp_path: Path) -> None:
    html = ('<html><head><link rel="canonical" href="https://blog.example.com/2026/notes">'
            f"<title>Notes</title></head><body><article><h1>Notes</h1>{STORY}"
            "<p>She writes about herself on <a href='../about'>About me</a> every spring.</p>"
            "</article></body></html>")
    article = extract(html.encode(), (tmp_path / "notes.html").as_uri())
    assert article.url == "https://blog.example.com/2026/notes"
    assert "[About me](https://blog.example.com/about)" in article.markdown


def test_og_url_names_a_saved_page_and_a_relative_base_follows_it(tmp_path: Path) -> None:
    html = ('<html><head><meta property="og:url" content="https://news.example.com/a/b/c">'
            '<base href="/static/"><title>News</title></head><body><article><h1>News</h1>'
            f"{STORY}<p>The rest of her story is on <a href='more.html'>More</a> today.</p>"
            "</article></body></html>")
    article = extract(html, (tmp_path / "c.html").as_uri())
    assert "[More](https://news.example.com/static/more.html)" in article.markdown


def test_the_saved_from_comment_wins_over_the_canonical_link_for_links() -> None:
    html = ("<!-- saved from url=(0035)https://m.example.com/story/1?x=1 -->\n<html><head>"
            '<link rel="canonical" href="https://www.example.com/story/1"></head><body>'
            f"<article>{STORY}<p>Her story goes on in the <a href='2'>next</a> part.</p>"
            "</article></body></html>")
    article = extract(html, "file:///tmp/story.html")
    assert "[next](https://m.example.com/story/2)" in article.markdown
    assert article.url == "https://www.example.com/story/1"  # the clip's source: canonical


@pytest.mark.parametrize(("head", "expected"), [
    ("<!-- saved from url=(0022)http://example.com/a -->", "http://example.com/a"),
    ("<!--saved from url=(0022)https://example.com/a?b=1&amp;c=2-->",
     "https://example.com/a?b=1&c=2"),
    ("<html><!--\n Page saved with SingleFile \n url: https://e.example/x \n saved date: y\n-->",
     "https://e.example/x"),
    ('<meta name="savepage-url" content="https://e.example/y">', "https://e.example/y"),
    ('<html data-scrapbook-source="https://e.example/z">', "https://e.example/z"),
    ("<!-- saved from url=(0014)about:internet -->", None),
    ("<!-- saved from url=(0017)file:///etc/x.htm -->", None),
    ("<!-- saved from url=(0016)javascript:x() -->", None),
    ("<p>the words saved from url=(0022)https://example.com/a in text</p>", None),
])
def test_saved_from_markers(head: str, expected: str | None) -> None:
    assert saved_from(head + "<p>text</p>") == expected
    assert saved_from((head + "<p>text</p>").encode("utf-8")) == expected


def test_a_web_page_is_its_own_address() -> None:
    html = "<!-- saved from url=(0022)https://evil.example/ --><p>x</p>"
    assert PageAddress.of(html, "https://e.example/p") == PageAddress("https://e.example/p")


def test_fragment_conversion_of_a_saved_page_means_its_web_address(tmp_path: Path) -> None:
    html = ("<!-- saved from url=(0027)https://example.com/a/b.html -->"
            "<p><a href='c.html'>c</a> <a href='/d'>d</a> <img src='b_files/e.png' alt='e'></p>")
    md = html_to_markdown(html, (tmp_path / "b.html").as_uri())
    assert md == ("[c](https://example.com/a/c.html) [d](https://example.com/d) "
                  "![e](b_files/e.png)\n")

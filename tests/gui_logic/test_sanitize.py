"""The rendered raw view gets a harmless copy of the page."""

from __future__ import annotations

from pathlib import Path

from clipper.gui.sanitize import image_allowed, sanitize

PAGE = """<html><head><title>t</title><style>body{display:none}</style>
<script>alert(1)</script><link rel=stylesheet href="https://cdn.example/a.css"></head>
<body onload="steal()"><nav class="menu">Menu</nav>
<article><h1 style="color:red">Title</h1>
<p>Text <a href="/next" onclick="x()">next</a> <a href="javascript:alert(1)">js</a></p>
<img src="/a.png" width="300" onerror="x()">
<img data-src="lazy.jpg" src="data:image/gif;base64,R0lGOD">
<img src="file:///etc/passwd"><img src="../../secret.png">
<iframe src="https://ads.example/"></iframe><form action="/x"><input name=q></form>
<custom-widget>inside custom</custom-widget><!-- a comment --></article></body></html>"""


def test_active_and_invisible_content_is_gone() -> None:
    safe = sanitize(PAGE, "https://news.example/world/story")
    html = safe.html
    for banned in ("<script", "alert(1)", "<style", "<link", "<iframe", "<input", "onload",
                   "onclick", "onerror", "style=", "javascript:", "a comment", "class="):
        assert banned not in html, banned
    assert "<h1>Title</h1>" in html
    assert "inside custom" in html
    assert "Menu" in html  # the raw view shows the whole page, boilerplate included


def test_addresses_are_made_absolute_and_only_web_images_listed() -> None:
    safe = sanitize(PAGE, "https://news.example/world/story")
    assert 'href="https://news.example/next"' in safe.html
    assert safe.images == ["https://news.example/a.png", "https://news.example/world/lazy.jpg",
                           "https://news.example/secret.png"]
    assert "file:" not in safe.html
    assert "/etc/passwd" not in safe.html


def test_a_saved_page_may_use_images_in_its_own_folder_only(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    (folder / "page_files").mkdir(parents=True)
    page = '<p>x</p><img src="page_files/a.png"><img src="../outside.png"><img src="/etc/x.png">'
    safe = sanitize(page, (folder / "page.html").as_uri(), local_dir=folder)
    assert safe.images == [(folder / "page_files" / "a.png").as_uri()]
    assert image_allowed("https://a.example/x.png", None)
    assert not image_allowed((folder / "page_files/a.png").as_uri(), None)
    assert not image_allowed((tmp_path / "outside.png").as_uri(), folder)
    assert not image_allowed("ftp://a.example/x.png", folder)


def test_nothing_to_show_gives_an_empty_page() -> None:
    assert sanitize("", None).html == ""
    assert sanitize("   ", "https://a.example/").images == []


def test_attributes_named_like_a_namespace_do_not_blank_the_page() -> None:
    """A real forum page had ``<div {count}="3">``: lxml cannot delete such an attribute
    ("Empty tag name") and the Page tab stayed blank."""
    page = sanitize('<html><body><div {count}="3" class="x"><p>Hello there</p></div>'
                    '<a {x}="1" href="/a">link</a></body></html>', "https://forum.example/t/1")
    assert page.html == ('<body><div><p>Hello there</p></div>'
                         '<a href="https://forum.example/a">link</a></body>')

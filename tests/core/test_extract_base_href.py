"""A page's ``<base href>`` is applied once, and links to the page's own address stay
same-page anchors on a page with a ``<base>``: the base used to be taken for the page's
address and resolved a second time (found in the review of the speed commits)."""

from __future__ import annotations

from clipper.extract import extract
from tests.core.test_extract_review_rv7 import BODY, URL, _assert_notes_kept, column

PAGE = "https://gazette.example/guides/garden/pond.html"

POND = [
    "A small pond is the best thing you can add to a garden for wildlife: within a year it "
    "will have frogs, newts, dragonflies and birds that come every morning to drink and bathe.",
    "Dig it where it gets sun for half of the day, give it one shallow side so that animals "
    "can climb out, lay a <a href='liner.html'>liner of rubber</a> under sand, and fill it "
    "with rain water from a butt rather than with tap water.",
    "Plant it sparingly in the first spring; the plants that come on their own are often the "
    "best ones, and a pond crowded with bought plants leaves no open water for the insects.",
]


def pond(base: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in POND)
    return f"""<html><head><base href="{base}"><title>A pond for wildlife</title></head>
<body><nav><a href="/">Home</a> <a href="/guides/">Guides</a></nav>
<article><h1>A pond for wildlife</h1>{body}</article>
<footer>© The Gazette</footer></body></html>"""


def test_a_relative_base_is_applied_once() -> None:
    md = extract(pond("base/"), PAGE).markdown
    assert "(https://gazette.example/guides/garden/base/liner.html)" in md


def test_an_absolute_base_is_honoured() -> None:
    md = extract(pond("https://cdn.example/mirror/"), PAGE).markdown
    assert "(https://cdn.example/mirror/liner.html)" in md


def test_notes_reached_by_the_pages_own_address_on_a_page_with_a_base() -> None:
    html = column(URL).replace("<head>", "<head><base href='https://gazette.example/'>")
    _assert_notes_kept(extract(html, URL).markdown)
    assert BODY[0][:40] in extract(html, URL).markdown


def test_a_contents_link_on_a_page_based_at_the_site_root_points_into_the_page() -> None:
    """``<base href="/">`` (many CMS templates) and a contents box linking to the page's own
    sections: the links go to this page's sections, not to the home page's."""
    sections = "".join(
        f"<h2 id='s{n}'>Step {n}</h2><p>{text}</p>" for n, text in enumerate(POND, 1))
    html = f"""<html><head><base href="/"><title>A pond for wildlife</title></head><body>
<article><h1>A pond for wildlife</h1><p>{POND[0]}</p>
<ol class="toc"><li><a href="/guides/garden/pond.html#s1">Step 1</a></li>
<li><a href="/guides/garden/pond.html#s2">Step 2</a></li>
<li><a href="/guides/garden/pond.html#s3">Step 3</a></li></ol>{sections}</article>
<footer>© The Gazette</footer></body></html>"""
    md = extract(html, PAGE).markdown
    assert "https://gazette.example/#s" not in md
    assert "Step 2" in md

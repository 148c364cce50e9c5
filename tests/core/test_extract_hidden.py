"""Hidden content: a part hidden only until a script shows it is kept, the rest stays out.

Small pages written for the purpose: a React-streamed article (the shell holds
``<template id="B:0">`` and a loading skeleton where the article goes; the article comes
at the end of the body in ``<div hidden id="S:0">`` with the ``$RC("B:0","S:0")`` script
that moves it there), the same page with a second segment ``$RS`` moves into the article,
one whose script did not come with it, and pages whose hidden menu, dialog, screen-reader
text and an unclaimed hidden part stay out.
"""

from __future__ import annotations

import lxml.html

from clipper.extract import extract
from clipper.extract.streaming import mark_fallback_ends, reveal_streamed

PARAGRAPHS = [
    "Each morning in January the tide drops far enough to uncover the rock shelves below "
    "the lighthouse, and the pools left behind are colder than the sea around them.",
    "Anemones pull in their tentacles and close up against the cold, while the "
    "periwinkles crowd into the cracks where the water stays a little warmer at night.",
    "Volunteers from the shoreline survey count what they can see in each pool, noting "
    "temperature and salinity in a notebook that has survived eleven winters of spray.",
    "This year they found a sea slug none of them had seen so far north, bright orange "
    "against the brown weed, and sent its photograph to the museum in the city.",
]
LATER = ("The museum's answer came a week later: the slug is common further south, and a "
         "run of mild autumns has let it spread along the coast one bay at a time.")

SHELL = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Tidal pools in winter | Shoreline Notes</title></head>
<body><div id="__next">
<header><a href="/">Shoreline Notes</a>
<button aria-expanded="false">Menu</button>
<div hidden id="site-menu"><ul><li><a href="/science">Science desk</a></li>
<li><a href="/walks">Coastal walks</a></li><li><a href="/about">About the survey</a></li></ul></div>
</header>
<main><!--$?--><template id="B:0"></template><div class="skeleton"><p>Loading the story</p>
<div class="bar"></div></div><!--/$--></main>
<div role="dialog" aria-modal="true" class="newsletter"><h2>Join the tide list</h2>
<p>A letter from the shore every Sunday, with the week's best pools.</p></div>
<footer><p>Shoreline Notes is written by volunteers.</p></footer>
</div>
<script>requestAnimationFrame(function(){$RT=performance.now()});</script>
{parts}
{scripts}
</body></html>
"""

ARTICLE = ("<article><h1>Tidal pools in winter</h1>"
           "<p>{0}</p><p>{1}</p>{segment}<p>{2}</p>"
           "<p>{3}<span class=\"sr-only\"> (opens the survey's photo archive)</span></p></article>")
RC = ('<script>$RC=function(b,c,e){c=document.getElementById(c);'
      'c.parentNode.removeChild(c)};$RC("B:0","S:0")</script>')


def _page(*, segment: bool = False, scripts: bool = True, extra: str = "") -> str:
    article = ARTICLE.format(*PARAGRAPHS, segment='<template id="P:1"></template>' if segment
                             else "")
    parts = f'<div hidden id="S:0">{article}</div>'
    calls = [RC] if scripts else []
    if segment:
        parts += f'<div hidden id="S:1"><p>{LATER}</p></div>'
        if scripts:
            calls.append('<script>$RS=function(a,b){};$RS("S:1","P:1")</script>')
    return _shell(SHELL, parts + extra, "".join(calls))


def _shell(shell: str, parts: str, scripts: str) -> str:
    return shell.replace("{parts}", parts).replace("{scripts}", scripts)


def _assert_article(markdown: str) -> None:
    positions = [markdown.find(p) for p in PARAGRAPHS]
    assert -1 not in positions, markdown
    assert positions == sorted(positions)
    assert "Loading the story" not in markdown  # the fallback the part replaced
    for left_out in ("Science desk", "Coastal walks", "Join the tide list",
                     "week's best pools", "opens the survey's photo archive"):
        assert left_out not in markdown


def test_react_streamed_article_is_kept() -> None:
    page = _page()
    for source in (page, page.encode()):
        article = extract(source, "https://shoreline.example/pools")
        _assert_article(article.markdown)
        assert article.title.startswith("Tidal pools in winter")


def test_streamed_segment_goes_where_its_placeholder_is() -> None:
    markdown = extract(_page(segment=True), "https://shoreline.example/pools").markdown
    _assert_article(markdown)
    assert markdown.find(PARAGRAPHS[1]) < markdown.find(LATER) < markdown.find(PARAGRAPHS[2])


def test_streamed_part_without_its_script_matches_its_placeholder() -> None:
    """The scripts stripped (a saved page, a cleaner): ``S:n`` still fills ``B:n``."""
    markdown = extract(_page(segment=True, scripts=False), "https://shoreline.example/pools")
    _assert_article(markdown.markdown)
    assert LATER in markdown.markdown


def test_hidden_part_no_script_or_placeholder_claims_stays_out() -> None:
    stray = '<div hidden id="S:7"><p>Sign in to save this story to your reading list.</p></div>'
    markdown = extract(_page(extra=stray), "https://shoreline.example/pools").markdown
    _assert_article(markdown)
    assert "reading list" not in markdown


def test_hidden_menu_and_dialog_stay_out_of_a_plain_page() -> None:
    """Not streamed: nothing is revealed, the cleaning drops hidden blocks as before."""
    article = ARTICLE.format(*PARAGRAPHS, segment="")
    page = SHELL.replace('<!--$?--><template id="B:0"></template><div class="skeleton">'
                         '<p>Loading the story</p>\n<div class="bar"></div></div><!--/$-->',
                         article)
    page = _shell(page, "", "")
    assert "Loading the story" not in page
    _assert_article(extract(page, "https://shoreline.example/pools").markdown)


def test_reveal_moves_the_part_and_drops_the_fallback() -> None:
    doc = lxml.html.fromstring(mark_fallback_ends(_page()))
    assert reveal_streamed(doc) == 1
    main = doc.find(".//main")
    assert main is not None
    assert main.find("article") is not None
    assert "Loading the story" not in main.text_content()
    assert not doc.xpath("//*[@id='S:0']")
    assert doc.xpath("//*[@id='site-menu']/@hidden") == [""]  # the menu stays hidden


def test_a_page_without_streamed_parts_is_left_alone() -> None:
    page = "<html><body><div hidden id='S:0'><p>Draft</p></div></body></html>"
    assert mark_fallback_ends(page) == page
    doc = lxml.html.fromstring(page)
    assert reveal_streamed(doc) == 0
    assert doc.xpath("//*[@id='S:0']/@hidden") == [""]


def test_reveal_follows_rr_and_a_part_without_placeholder() -> None:
    """``$RR`` (a part waiting for its stylesheets) moves like ``$RC``; a part a script names
    whose placeholder is missing is shown where it is; an unnamed ``S:n`` stays hidden."""
    page = ('<html><body><main><template id="B:3"></template><p>Loading</p></main>'
            '<div hidden id="S:3"><p>Moved</p></div><div hidden id="S:4"><p>Shown</p></div>'
            '<div hidden id="S:5"><p>Unclaimed</p></div>'
            '<script>$RR("B:3","S:3",[["/s.css","high"]]);$RC("B:9","S:4")</script>'
            '</body></html>')
    doc = lxml.html.fromstring(page)
    assert reveal_streamed(doc) == 2
    assert [p.text for p in doc.find(".//main").iter("p")] == ["Moved", "Loading"]
    assert doc.xpath("//*[@id='S:4']/p/text()") == ["Shown"]
    assert doc.xpath("//*[@id='S:4']/@hidden") == []
    assert doc.xpath("//*[@id='S:5']/@hidden") == [""]

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
import pytest

from clipper.extract import extract
from clipper.extract.clean import is_hidden
from clipper.extract.metadata.dom import hidden as metadata_hidden
from clipper.extract.normalize.math import _hidden as math_hidden
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


# --- An article behind an open overlay ---------------------------------------------------------

MOORS = [
    "The heather on the high moor flowered three weeks late this summer, and the bees that "
    "the farmers bring up in August found little to work on when they arrived.",
    "Keepers blame the cold spring: frost lay in the hollows until the middle of May, and the "
    "young shoots browned at the tips before they had a chance to harden.",
    "By September the purple had spread across the slopes again, later than anyone could "
    "remember, and the honey that came down from the hives was darker than usual.",
    "Beekeepers say the flavour is stronger too, and the first jars sold out at the market in "
    "the valley within an hour of the stalls opening on Saturday morning.",
]

OVERLAY_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>A late summer on the moor</title></head>
<body class="has-consent-open">
<div id="page" class="site" aria-hidden="true" inert>
<header class="site-header"><a href="/">Upland Weekly</a>
<button class="menu-toggle" aria-expanded="false"><span aria-hidden="true">☰</span> Menu</button>
<nav aria-hidden="true" class="menu"><ul><li><a href="/farming">Farming desk</a></li>
<li><a href="/walks">Hill walks</a></li><li><a href="/letters">Readers' letters</a></li></ul></nav>
</header>
<main><article><h1>A late summer on the moor</h1>
<p class="byline"><span aria-hidden="true" class="icon">✎</span> By Ann Hollis</p>
<p>{0}</p><p>{1}</p><p>{2}</p><p>{3}</p>
<p><a href="/share"><span aria-hidden="true">Share this story on the moor network</span>
<span class="sr-only">Share</span></a></p>
</article></main>
<footer><p>Upland Weekly, printed in the dale since 1898.</p></footer>
</div>
{overlay}
</body></html>
"""
CONSENT = """<div class="consent-wall" role="dialog" aria-modal="true" aria-labelledby="c-title">
<h2 id="c-title">We value your privacy</h2>
<p>We and our partners use cookies to measure how the site is read and to show ads.</p>
<button>Accept all</button><button>Manage choices</button></div>"""


def _overlay_page(overlay: str = CONSENT) -> str:
    return OVERLAY_PAGE.format(*MOORS, overlay=overlay)


def test_article_under_an_open_consent_dialog_is_kept() -> None:
    """Scripts set ``aria-hidden`` on the page while the dialog is open: the article is
    still the page; the dialog, the hidden menu and the aria-hidden labels stay out."""
    markdown = extract(_overlay_page(), "https://upland.example/moor").markdown
    positions = [markdown.find(p) for p in MOORS]
    assert -1 not in positions, markdown
    assert positions == sorted(positions)
    for left_out in ("We value your privacy", "partners use cookies", "Farming desk",
                     "Readers' letters", "Share this story on the moor network", "✎", "☰"):
        assert left_out not in markdown


def test_paywall_teaser_dialog_over_the_article() -> None:
    teaser = ('<dialog open class="paywall"><h2>Keep reading for £1</h2>'
              '<p>Subscribe to Upland Weekly and read every story.</p></dialog>')
    markdown = extract(_overlay_page(teaser), "https://upland.example/moor").markdown
    assert all(p in markdown for p in MOORS), markdown
    assert "Keep reading for" not in markdown


def test_aria_hidden_page_without_an_overlay_stays_hidden() -> None:
    """No dialog is open: an aria-hidden block is hidden content as before (here the only
    text left is the header and footer, so the page has no article)."""
    import pytest

    from clipper.extract import NoArticleError

    with pytest.raises(NoArticleError):
        extract(_overlay_page(overlay=""), "https://upland.example/moor")


def test_aria_hidden_carousel_beside_a_dialog_stays_out() -> None:
    """An aria-hidden block with little of the page's prose (a cloned slide) is not the
    page under the overlay, even while a dialog is open."""
    page = _overlay_page().replace('aria-hidden="true" inert', "").replace(
        "</article>", '</article><div class="story-card" aria-hidden="true"><p>'
        "Our readers' holiday on the coast: six nights by the sea with guided walks every "
        "morning and a boat trip to the seal colony on the last afternoon.</p>"
        "<p>The coast path runs past the old lime kilns and the chapel on the headland, and "
        "the walks are gentle enough for anyone who can manage a few stiles on the way.</p>"
        "<p>Evenings are spent at the harbour inn, where the fish comes straight off the "
        "boats and the landlord tells stories of the wrecks along that stretch of shore.</p>"
        "</div>")
    markdown = extract(page, "https://upland.example/moor").markdown
    assert all(p in markdown for p in MOORS)
    assert "seal colony" not in markdown


# --- CSS that hides, and CSS that only looks like it --------------------------------------------

CSS_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Mending a dry-stone wall</title>
<style>.js-reveal{{display:none}} .js .js-reveal{{display:block}}</style></head>
<body><header><a href="/">Field Notes</a>
<nav class="site-nav" style="--menu-display: none; display: var(--menu-display, block)">
<ul><li><a href="/walls">Walls and hedges</a></li><li><a href="/tools">Tools</a></li></ul></nav>
<div class="account-menu" style="display: var(--panel-display)"><a href="/login">Sign in to
Field Notes</a></div>
</header>
<main style="--panel-display: none">
<article class="post js-reveal" style="--toc-display: none; --accent: #4a6;">
<h1>Mending a dry-stone wall</h1>
<p>{0}</p><p>{1}</p><p>{2}</p><p>{3}</p></article>
</main>
<footer><p>Field Notes is a newsletter about working the land.</p></footer>
</body></html>
"""
WALL = [
    "A wall that has stood for two hundred years falls in an afternoon once the frost gets "
    "behind its face stones, and the gap grows a little wider with every winter after that.",
    "Start by taking the fallen section down to sound footings, sorting the stones as you go: "
    "the big flat ones for the base, the long ones for throughs, the small ones for hearting.",
    "Build both faces at once, each stone leaning slightly in towards the middle, and pack "
    "the space between them with hearting so tightly that nothing moves when you lean on it.",
    "Every yard or so lay a through stone across the full width to tie the faces together, "
    "then finish the top with copes set on edge, tight against each other like books on a shelf.",
]


def test_custom_property_named_display_hides_nothing() -> None:
    """``--toc-display: none`` on the article sets a variable; the article is shown. A menu
    whose ``display`` resolves to ``none`` through ``var()`` stays out, the same from a
    variable set on an ancestor."""
    markdown = extract(CSS_PAGE.format(*WALL), "https://fieldnotes.example/walls").markdown
    positions = [markdown.find(p) for p in WALL]
    assert -1 not in positions, markdown
    assert positions == sorted(positions)
    assert "Walls and hedges" not in markdown
    assert "Sign in to" not in markdown


def test_style_hides_reads_declarations() -> None:
    from clipper.visibility import style_hides

    root = lxml.html.fromstring(
        '<div style="--off: none; --on: block"><p id="a" style="display: var(--off)">x</p>'
        '<p id="b" style="display: var(--on)">x</p><p id="c" style="display: var(--nope, none)">'
        'x</p><p id="d" style="--x-display: none">x</p><p id="e" style="display:none;'
        'display:block">x</p><p id="f" style="visibility: hidden !important">x</p>'
        '<p id="g" style="DISPLAY: NONE">x</p></div>')
    verdicts = {p.get("id"): style_hides(p) for p in root.iter("p")}
    assert verdicts == {"a": True, "b": False, "c": True, "d": False, "e": False, "f": True,
                        "g": True}


REVEAL_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Mending a dry-stone wall</title></head>
<body><header><a href="/">Field Notes</a>
<ul class="dropdown" style="display:none"><li><a href="/walls">Walls and hedges</a></li>
<li><a href="/tools">Tools</a></li></ul></header>
<main><div class="loading">Loading…</div>
<article class="post fade-in" style="display:none; opacity:0">
<h1>Mending a dry-stone wall</h1>
<p>{0}</p><p>{1}</p><p>{2}</p><p>{3}</p></article></main>
<div class="newsletter-popup" style="display:none"><p>{4}</p><p>{4}</p><p>{4}</p></div>
<script>document.querySelector('.post').style.display='block'</script>
<footer><p>Field Notes is a newsletter about working the land.</p></footer>
</body></html>
"""
PITCH = ("Sign up for the Field Notes letter and get a new guide to the old crafts of the "
         "countryside every fortnight, straight to your inbox, free for the first year.")


def test_main_text_a_script_reveals_is_kept() -> None:
    """The article ships ``display:none`` for a script to fade in: it holds all the page's
    prose, so it is the page. The hidden menu stays out; so does a hidden pop-up with
    paragraphs of its own (its name says what it is)."""
    markdown = extract(REVEAL_PAGE.format(*WALL, PITCH), "https://fieldnotes.example/w").markdown
    assert all(p in markdown for p in WALL), markdown
    assert "Walls and hedges" not in markdown
    assert "Sign up for the Field Notes" not in markdown


def test_hidden_block_beside_visible_text_stays_hidden() -> None:
    """The page shows its article: a hidden block with less prose is something else."""
    page = REVEAL_PAGE.format(*WALL, PITCH).replace(
        'class="post fade-in" style="display:none; opacity:0"', 'class="post"').replace(
        "</article>", '<div class="seasons" style="display:none">'
        + "".join(f"<p>{p}</p>" for p in SEASONS) + "</div></article>").replace(
        f'<div class="newsletter-popup" style="display:none"><p>{PITCH}</p><p>{PITCH}</p>'
        f"<p>{PITCH}</p></div>", "")
    assert "Sign up" not in page
    markdown = extract(page, "https://fieldnotes.example/w").markdown
    assert all(p in markdown for p in WALL)
    assert not any(p in markdown for p in SEASONS), markdown


SEASONS = [
    "Autumn is the best time for walling work, when the ground is firm and the stones are "
    "dry enough to handle without slipping out of cold fingers.",
    "In spring the lambs lean on every weak stretch, and a gap that was small in March is "
    "wide enough for a ewe and her twins by the end of April.",
    "Summer work is slow: the heat makes the lifting hard, and the bracken hides the fallen "
    "stones until someone steps on one and turns an ankle.",
]


# --- Footnotes hidden until asked for -----------------------------------------------------------

NOTES_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>The lost canal</title></head>
<body><header><a href="/">Waterways History</a></header>
<main><article><h1>The lost canal</h1>
<p>The canal was cut in 1794 to carry coal from the pits to the river wharf, a distance of
eleven miles with nineteen locks{ref1}, and for forty years it paid its shareholders well.</p>
<p>The railway came along the valley in 1838 and took the coal trade within a decade; the
company sold the canal to the railway, which let it silt up{ref2} rather than compete.</p>
<p>Today the line can still be traced by the hedges that grew along the towpath, and a few of
the lock chambers survive in the woods{ref3}, filled with leaves and ferns.</p>
<p>The local society has begun to clear the top lock and hopes to open it to visitors next
spring, with a path along the old towpath from the village to the wharf{ref4}.</p>
{notes}
</article></main>
<footer><p>Waterways History is run by volunteers.</p></footer>
</body></html>
"""
NOTE_TEXT = [
    "The Act of Parliament allowed twenty locks; one was never built.",
    "A survey of 1861 found two feet of water in the summit pound.",
    "Three chambers remain, at Holm Wood, Cutler's Bridge and the top of the flight.",
    "The path is planned as a permissive route with the landowners' agreement.",
]


def _notes_page(refs: list[str], notes: str) -> str:
    return NOTES_PAGE.format(ref1=refs[0], ref2=refs[1], ref3=refs[2], ref4=refs[3],
                             notes=notes)


def _assert_footnotes(markdown: str) -> None:
    for n, text in enumerate(NOTE_TEXT, 1):
        assert f"[^{n}]: {text}" in markdown, markdown
        assert markdown.count(f"[^{n}]") == 2, markdown


def test_notes_in_a_hidden_aside_become_footnotes() -> None:
    refs = [f'<sup><a id="r{n}" href="#n{n}">{n}</a></sup>' for n in range(1, 5)]
    notes = ('<aside hidden class="notes"><ol>' + "".join(
        f'<li id="n{n}">{t} <a href="#r{n}">↩</a></li>' for n, t in enumerate(NOTE_TEXT, 1))
        + "</ol></aside>")
    _assert_footnotes(extract(_notes_page(refs, notes), "https://canals.example/lost").markdown)


def test_notes_in_a_display_none_list_become_footnotes() -> None:
    refs = [f'<sup class="footnote-ref"><a href="#fn-{n}">[{n}]</a></sup>' for n in range(1, 5)]
    notes = ('<div class="footnotes" style="display:none"><ol>' + "".join(
        f'<li id="fn-{n}"><p>{t}</p></li>' for n, t in enumerate(NOTE_TEXT, 1)) + "</ol></div>")
    _assert_footnotes(extract(_notes_page(refs, notes), "https://canals.example/lost").markdown)


def test_tooltip_and_popover_notes_become_footnotes() -> None:
    """Markers that open a pop-up note: a link described by a hidden ``role="tooltip"``,
    and a ``popovertarget`` button whose ``[popover]`` note sits in the text."""
    refs = [
        f'<sup><a href="#tip{n}" aria-describedby="tip{n}">{n}</a></sup>'
        f'<span role="tooltip" id="tip{n}" hidden>{NOTE_TEXT[n - 1]}</span>' if n % 2 else
        f'<sup><button popovertarget="pop{n}">{n}</button></sup>'
        f'<span popover id="pop{n}">{NOTE_TEXT[n - 1]}</span>'
        for n in range(1, 5)]
    markdown = extract(_notes_page(refs, ""), "https://canals.example/lost").markdown
    _assert_footnotes(markdown)
    assert "nineteen locks[^1], and" in markdown


def test_pop_up_notes_in_a_hidden_holder_or_behind_an_aria_hidden_marker_keep_both_ends() -> None:
    """The note's hidden holder is shown with it, and an ``aria-hidden`` marker link keeps
    its reference: no reference without its note, no note without its reference."""
    refs = [
        f'<sup><a href="#tip{n}" aria-hidden="true" aria-describedby="tip{n}">{n}</a></sup>'
        f'<span role="tooltip" id="tip{n}" hidden>{NOTE_TEXT[n - 1]}</span>' if n % 2 else
        f'<sup><button popovertarget="pop{n}">{n}</button></sup>'
        f'<div hidden><span popover id="pop{n}">{NOTE_TEXT[n - 1]}</span></div>'
        for n in range(1, 5)]
    _assert_footnotes(extract(_notes_page(refs, ""), "https://canals.example/lost").markdown)


def test_a_dialog_opened_by_a_number_is_no_footnote() -> None:
    """The cleaning drops dialogs whatever they hold: a reference to one would dangle."""
    refs = [f'<sup><button popovertarget="d{n}">{n}</button></sup>'
            f'<dialog popover id="d{n}">{NOTE_TEXT[n - 1]}</dialog>' for n in range(1, 5)]
    markdown = extract(_notes_page(refs, ""), "https://canals.example/lost").markdown
    assert "[^" not in markdown


def test_hidden_list_that_no_reference_points_at_stays_out() -> None:
    """A hidden list of short items that the text does not refer to is not notes."""
    notes = ('<div class="more" style="display:none"><ol>' + "".join(
        f'<li id="fn-{n}">{t}</li>' for n, t in enumerate(NOTE_TEXT, 1)) + "</ol></div>")
    markdown = extract(_notes_page(["", "", "", ""], notes),
                       "https://canals.example/lost").markdown
    assert "summit pound" not in markdown


@pytest.mark.parametrize(("markup", "hidden"), [
    ('<p hidden="until-found">found by the browser\'s find</p>', False),
    ('<p hidden="until-found" style="display: none">stuffed</p>', True),
    ('<p hidden="until-found" aria-hidden="true">stuffed</p>', True),
    ('<p style="--x-display: none">a custom property</p>', False),
    ('<p aria-hidden=" TRUE ">kept from screen readers</p>', True),
])
def test_every_step_reads_hiding_the_same_way(markup: str, hidden: bool) -> None:
    # the cleaning, the metadata's visible-text reading and the math placeholders share
    # one rule (clipper.visibility): until-found shows, a custom property hides nothing
    el = lxml.html.fragment_fromstring(markup)
    assert is_hidden(el) is hidden
    assert metadata_hidden(el) is hidden
    assert math_hidden(el) is hidden

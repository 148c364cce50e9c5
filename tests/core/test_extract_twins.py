"""The Python twins of XPaths and regexes the extractor replaced for speed find exactly what
the originals found (the originals are kept here as the reference)."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from clipper.extract import hidden, product, prune, streaming, threads
from clipper.extract.clean import _CLASSED
from clipper.extract.parse import _has_refused_chars, parse_html
from clipper.extract.prune import _NEGATIVE_WORD
from clipper.htmltree import class_matches
from clipper.images.srcset import parse_srcset

FORUM = """<!doctype html><html><head><title>Re: Tuning a 1970s Fender Rhodes</title></head>
<body class="page forum-page"><header class="site-header"><a href="/">Keys Forum</a>
<span class="sr-only">Skip to content</span></header>
<div id="posts" class="postlist">
 <article class="post windowbg" id="p101">
  <div class="posthead"><a class="username" href="/members/lupa.42/">lupa</a>
   <time datetime="2013-10-26T03:48">26/10/13, 03:48</time></div>
  <div class="postbody"><p>The tines drift after a move; re-tune after a week.</p>
   <span class="visually-hidden">Quote</span></div>
  <div class="post-footer"><span class="age">7 years</span> <a href="/u/lupa">profile</a></div>
 </article>
 <article class="post windowbg2" id="p102">
  <div class="PostHead"><span itemprop="author" class="Author-name">macbacchi</span>
   <span itemprop="dateCreated" class="DateLine">28.09.19 12:44</span></div>
  <div class="postbody"><p>Check the tone bars first, then the pickups.</p></div>
  <div class="signature page-age hidden-xs">Sent from my Rhodes</div>
 </article>
 <aside class="sidebar widget"><h3>Latest</h3><ul>
  <li class="latest-item" rel="author"><a href="https://example.org/@keys">@keys</a></li>
  <li class="promo-box"><span class="timestamp">yesterday</span> Buy strings</li>
  <li class="Share tags"><a href="/user?id=9">user 9</a> &#183; <span class="xage">now</span></li>
 </ul></aside>
</div>
<div hidden id="S:0"><p>Streamed reply</p></div>
<div itemscope itemtype="https://schema.org/Product" style="display:none"><span
 itemprop="name" aria-hidden="true">Tine set</span></div>
<nav aria-describedby="help"><a href="#p101">First post</a></nav>
<footer class="site-footer comment-count"><p class="offscreen assistive">End</p>
<p class="Invisible">x</p></footer></body></html>"""

_CLASSED_XPATH = ("//*[@class][contains(@class, 'sr-') or contains(@class, 'screen')"
                  " or contains(@class, 'hidden') or contains(@class, 'offscreen')"
                  " or contains(@class, 'invisible') or contains(@class, 'assistive')"
                  " or contains(@class, 'show-for-sr')]")
_NEGATIVE_XPATH = (".//*[@class][contains(@class, '-ad-') or contains(@class, 'banner')"
                   " or contains(@class, 'combx') or contains(@class, 'contact')"
                   " or contains(@class, 'footer') or contains(@class, 'gdpr')"
                   " or contains(@class, 'masthead') or contains(@class, 'media')"
                   " or contains(@class, 'meta') or contains(@class, 'outbrain')"
                   " or contains(@class, 'promo') or contains(@class, 'related')"
                   " or contains(@class, 'scroll') or contains(@class, 'share')"
                   " or contains(@class, 'shoutbox') or contains(@class, 'sidebar')"
                   " or contains(@class, 'skyscraper') or contains(@class, 'sponsor')"
                   " or contains(@class, 'shopping') or contains(@class, 'tags')"
                   " or contains(@class, 'widget')]")


@pytest.fixture
def page() -> etree._Element:
    return parse_html(FORUM)


def _tags(elements: list) -> list[str]:
    return [f"{el.tag}.{el.get('class')}" for el in elements]


def test_screen_reader_prefilter_finds_what_its_xpath_found(page):
    found = class_matches(page, _CLASSED, with_root=True)
    assert _tags(found) == _tags(page.xpath(_CLASSED_XPATH))
    # sr-only, visually-hidden, hidden-xs, offscreen; not "Invisible" (case counts)
    assert _tags(found)[-1] == "p.offscreen assistive"
    assert len(found) == 4


def test_negative_words_prefilter_finds_what_its_xpath_found(page):
    body = page.find("body")
    found = class_matches(body, _NEGATIVE_WORD)
    assert _tags(found) == _tags(body.xpath(_NEGATIVE_XPATH))
    assert "aside.sidebar widget" in _tags(found)
    assert "body.page forum-page" not in _tags(found)  # descendants only, as ".//"


def test_thread_marks_are_what_the_xpaths_found(page):
    times = threads._marked(page, threads._is_time_mark)
    authors = threads._marked(page, threads._is_author_mark)
    assert _tags(times) == _tags(page.xpath(threads._TIME_XPATH))
    assert _tags(authors) == _tags(page.xpath(threads._AUTHOR_XPATH))
    assert "span.age" in _tags(times)
    assert "span.xage" not in _tags(times)
    assert "span.Author-name" in _tags(authors)
    assert "li.latest-item" in _tags(authors)


_NOT_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@pytest.mark.parametrize("text", [
    "plain <p>text</p>", "tab\tnew\nline\rcr", "caf\u00e9 \u2014 \u00a0", "emoji \U0001f600",
    "nul\x00", "bell\x07", "vt\x0b", "ff\x0c", "esc\x1b[2J", "unit\x1f", "del\x7f ok",
    "lone \ud800 high", "lone \udfff low", "non \ufffe char", "non \uffff char",
    "near \ufffd\uffef\ufeff", "\u00ff\u0100", "",
])
def test_refused_characters_check_agrees_with_its_regex(text):
    assert _has_refused_chars(text) == bool(_NOT_XML_CHARS.search(text))


@pytest.mark.parametrize(("value", "expected"), [
    ("a.jpg 1x, b.jpg 2x", [("a.jpg", 1.0, "x"), ("b.jpg", 2.0, "x")]),
    ("https://cdn.example/w_300,h_200/a.jpg 300w,https://cdn.example/w_600,h_400/a.jpg 600w",
     [("https://cdn.example/w_300,h_200/a.jpg", 300.0, "w"),
      ("https://cdn.example/w_600,h_400/a.jpg", 600.0, "w")]),
    ("a.jpg, b.jpg 640w", [("a.jpg", 1.0, "x"), ("b.jpg", 640.0, "w")]),
    ("a.jpg (min-width: 3px, x) 2x, b.jpg 3x", [("a.jpg", 2.0, "x"), ("b.jpg", 3.0, "x")]),
    ("\u00a0a.jpg\u2003 100w ,, ,b.jpg", [("a.jpg", 100.0, "w"), ("b.jpg", 1.0, "x")]),
    (" , ", []),
])
def test_srcset_split_by_the_spec(value, expected):
    assert parse_srcset(value) == expected


@pytest.mark.parametrize(("before", "after"), [
    ("//*[@hidden or @aria-hidden or @style or @aria-modal or @popovertarget"
     " or @aria-describedby or @aria-details or @data-clipper-fndef]", hidden._SIGNS.path),
    ("//*[@itemscope][contains(@itemtype, 'schema.org/Product')"
     " or contains(@itemtype, 'schema.org/IndividualProduct')]", product._PRODUCT.path),
    ("//*[@hidden][starts-with(@id, 'S:')]", streaming._CANDIDATES.path),
    # prune.py: the boilerplate and share-button candidates
    (".//*[@class or @id] | .//nav", prune._NAMED_OR_NAV.path),
    ("./*//*[@class or @id]", "(./*//*/@class | ./*//*/@id)/.."),
])
def test_attribute_steps_find_what_the_predicates_found(page, before, after):
    for root in (page, page.find("body"), page.find("body").find("div")):
        found = root.xpath(after)
        assert _tags(found) == _tags(root.xpath(before))
    assert page.xpath(after)


def test_link_density_with_shared_weights_is_the_same(page):
    from clipper.extract.text import link_density

    weights: dict = {}
    body = page.find("body")
    containers = [body, *body.iter("div", "article", "aside", "ul")]
    shared = [link_density(el, "https://keys.example/t/1", None, weights) for el in containers]
    alone = [link_density(el, "https://keys.example/t/1") for el in containers]
    assert shared == alone
    assert set(weights) == set(body.iter("a"))  # each link measured once, for all of them
    assert any(0 < d < 1 for d in shared)


_BEACON_HOSTS = [
    "stats.g.doubleclick.net", "www.google-analytics.com", "googletagmanager.com",
    "b.scorecardresearch.com", "pixel.quantserve.com", "www.facebook.com", "pixel.wp.com",
    "stats.wp.com", "analytics.example.org", "metrics.news.example", "smetrics.example.com",
    "sb.example.com", "bat.bing.com", "ads.example.net", "adservice.google.com",
    "tracking.example.io", "pixel.example.de", "beacon.example.fr",
]


@pytest.mark.parametrize("host", _BEACON_HOSTS)
def test_every_beacon_host_passes_the_cheap_test_first(host):
    from clipper.extract.normalize.images import _BEACON_HOST, _BEACON_HOST_PARTS, is_tracking_pixel

    assert _BEACON_HOST.search(host)
    assert any(part in host for part in _BEACON_HOST_PARTS)
    img = etree.Element("img")
    assert is_tracking_pixel(img, f"https://{host}/p?id=1")
    assert not is_tracking_pixel(img, f"https://{host}/photos/harbour.jpg")
    assert not is_tracking_pixel(img, "https://uploads.example.com/p?id=1")


@pytest.mark.parametrize(("text", "chrome"), [
    ("Share Tweet Email", True),
    ("Tags: harbour, ferries, tides", True),
    ("« 1 2 3 4 »", True),
    ("Leave a comment", True),
    ("Read more: The harbour's new ferry", True),
    ("The ferry leaves the harbour at six and returns at noon.", False),
])
def test_furniture_words_decide_before_the_tree(text, chrome):
    from lxml import html

    from clipper.extract.prune import _is_chrome_text

    inner = f"Read more: <a href='/b'>{text[11:]}</a>" if text.startswith("Read") else text
    block = html.fromstring(f"<div><p>{inner}</p></div>")[0]
    assert _is_chrome_text(block, text, "https://news.example/a") is chrome

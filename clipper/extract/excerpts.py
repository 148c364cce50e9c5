"""A cut-off excerpt with a link to the rest elsewhere on the site is another page's teaser.

"Auskunft über vergangenes Wetter… mehr •••", "Räumliche Daten für Forschung und
Planung… Więcej", "The council voted on… »": the writer's own paragraph does not stop
mid-thought at an ellipsis and hand over to a one-word link to another page of the
site; a teaser card of a portal does, in every language and with any button label
(``READ_MORE_LINK`` knows only some of the labels; the cut text says the same). A page
made of such excerpts (an archive of posts) keeps them: they are what it has.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from clipper.extract import droplog
from clipper.extract.crosslinks import other_page
from clipper.extract.text import inner_text, text_length
from clipper.htmltree import inside
from clipper.urls import site_host

__all__ = ["drop_cut_excerpts"]

MAX_CHARS = 250
"""A teaser card is a title and a line or two; a longer block is text."""
MAX_LABEL_WORDS = 3
"""The link is a button ("mehr", "read on"), not a sentence or a headline."""
MAX_SHARE = 0.3
"""Of the article's text, all the cut excerpts together: more, and they are the page."""
_CUT = re.compile(r"(?:…|\.\.\.)\W*$")
_BLOCKS = frozenset(("p", "div", "li", "dd", "section", "article"))


def drop_cut_excerpts(article: HtmlElement, page_url: str | None) -> None:
    """Drop the blocks of ``article`` that end in a cut-off excerpt and a short link to
    another page of the site on ``page_url``'s host (not called on a thread)."""
    host = site_host(page_url)
    if not host or not _may_be_cut(article.text_content()):
        return
    page_path = urlsplit(page_url or "").path.rstrip("/")
    cards: dict[HtmlElement, None] = {}  # in page order, each found once
    texts: dict[HtmlElement, str] = {}  # a block's text, read once however many links it has
    for a in list(article.iter("a")):
        label = inner_text(a)
        if not label or len(label.split()) > MAX_LABEL_WORDS or \
                not other_page(a.get("href") or "", host, page_path):
            continue
        block = _block(a, article)
        if block is None or block in cards:
            continue
        text = texts.get(block)
        if text is None:
            text = texts[block] = inner_text(block)
        if len(text) <= MAX_CHARS and text.endswith(label) and \
                _CUT.search(text[: len(text) - len(label)]):
            cards[block] = None
    # a page of excerpts (a blog's archive, a list of posts) is made of them: they stay
    if cards and sum(text_length(c) for c in cards) < MAX_SHARE * text_length(article):
        for card in cards:
            if inside(card, article):
                droplog.drop(card, "teaser for another story")


def _may_be_cut(text: str) -> bool:
    """An excerpt cut off shows "…" or "..." in the article's text (a block's text is a part
    of it): most articles have none, and their links need no look."""
    return "…" in text or "..." in text


def _block(a: HtmlElement, article: HtmlElement) -> HtmlElement | None:
    """The nearest block around ``a`` inside ``article`` (None once ``a`` left it)."""
    block = a.getparent()
    while block is not None and block is not article and block.tag not in _BLOCKS:
        block = block.getparent()
    return None if block is None or block is article else block


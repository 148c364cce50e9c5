"""The standfirst above the article's body comes along.

News pages set the lead paragraph (standfirst, "Vorspann", "entradilla") apart from the
body, in the header with the headline, and the container chosen for the body leaves it
out. The page says which text it is: its description (``<meta name="description">``,
``og:description``, JSON-LD) is that paragraph, word for word, on most news and blog pages.
So when the description stands on the page as a block of its own before the article, and
the clip does not hold it, the block is put at the clip's start.
"""

from __future__ import annotations

import re
from typing import Any, cast

from lxml import etree
from lxml.html import HtmlElement

from clipper.extract.text import inner_text, text_length

__all__ = ["add_standfirst", "held_in", "words_of"]

PROBE = 40
"""Characters from the description's start looked for in one text node of the page."""
MIN_CHARS = 60
"""A shorter description is a slogan or a site's tagline, not a standfirst."""
SLACK = 3
"""The block may hold this many times the description's text: the description is often cut
after its first sentence or 160 characters, the standfirst goes on."""
KICKER = 60
"""The description may start this far into the block, after a kicker ("Brexit: …")."""
ENDING = 6
"""Words at the start and at the end of the description (or of the block) that, both found
in the clip, show it already holds the standfirst."""
_WORD = re.compile(r"\w+")
_BLOCKS = frozenset(("p", "div", "h2", "h3", "h4", "header", "section", "summary", "strong"))
_ELSEWHERE = frozenset(("nav", "aside", "footer", "a", "li", "figcaption", "form", "button"))


def add_standfirst(article: HtmlElement, page: HtmlElement, description: str | None) -> bool:
    """Put the page's standfirst at the start of ``article`` when it is missing there.

    ``page``: the cleaned page (not changed); ``description``: the page's description.
    """
    desc = " ".join((description or "").split()).rstrip(".…").rstrip()
    if len(desc) < MIN_CHARS:
        return False
    probe = desc[:PROBE]
    words = words_of(inner_text(article))
    if held_in(desc, words):
        return False
    block = _standing_block(page, probe, len(desc))
    if block is None or not _before(block, article) or held_in(inner_text(block), words):
        return False
    lead = article.makeelement("p", {})
    lead.text = " ".join(inner_text(block).split())
    article.insert(0, lead)
    return True


def words_of(text: str) -> str:
    """``text``'s words, lower case, one space apart: quote marks and bold do not count."""
    return " ".join(_WORD.findall(text.lower()))


def held_in(text: str, words: str) -> bool:
    """The clip's ``words`` hold ``text``: its first words and its last (but the very last:
    a description may be cut in a word). A body that only starts with the standfirst's
    first sentence does not hold it."""
    own = _WORD.findall(text.lower())
    return " ".join(own[:ENDING]) in words and " ".join(own[-ENDING - 1:-1]) in words


_TEXT_WITH = etree.XPath(".//text()[contains(., $probe)]")
"""The text nodes holding ``$probe`` (lxml's smart strings: each knows its element)."""


def _standing_block(page: HtmlElement, probe: str, length: int) -> HtmlElement | None:
    """The block whose text is the description, outside links, lists and page parts."""
    for node in cast("list[Any]", _TEXT_WITH(page, probe=probe)):
        el = node.getparent()
        if el is not None and node.is_tail:
            el = el.getparent()
        while el is not None and el.tag not in _BLOCKS:
            el = el.getparent()
        if el is None or any(a.tag in _ELSEWHERE for a in el.iterancestors()):
            continue
        if el.tag in _ELSEWHERE or text_length(el) > SLACK * length + 100:
            continue
        if probe not in " ".join(inner_text(el).split())[:len(probe) + KICKER]:
            continue  # the description starts the block, it is not quoted in it
        return el
    return None


def _before(block: HtmlElement, article: HtmlElement) -> bool:
    """The block comes before the article's first text on the page (by source line)."""
    line = block.sourceline
    first = next((el.sourceline for el in article.iter()
                  if isinstance(el.tag, str) and el.sourceline is not None
                  and (el.text or "").strip()), None)
    if line is None or first is None:
        return False
    return line <= first

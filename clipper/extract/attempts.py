"""Which selection attempt to keep when the strict one found only a short article.

Below ``MIN_ARTICLE_CHARS`` the selection is retried with Readability's switches turned
off one by one (unlikely blocks kept, class names ignored, no conditional cleaning), and
the longest attempt wins. On a short blog post or news brief that hands the page to
whatever block is longest once the sidebar and the comments are no longer struck out: the
"About me" widget, a disclaimer, the comment thread. A looser attempt wins over a short
strict one only when it holds what the strict one found (the same article, found whole)
and adds prose of its own, not only the page around it (blogrolls, menus, tag lines); a
different block that is merely longer loses to a short article found under the strict
rules (it came first on the page, or the other sits in its furniture). A strict article
of two sentences (100 characters: a photo blog's caption, a link post) stays when the
other block is scarcely longer. readability-lxml keeps results down to 250 characters
without a retry, and then keeps its first retry whatever its length. An attempt whose text
is mostly links (the edition menu and link lists that survive once every rule is off) is
no candidate while another attempt has words.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from clipper.extract.short import adds_little_prose, placed_apart, placed_in_furniture
from clipper.extract.text import link_density

__all__ = ["MIN_SHORT_ARTICLE", "kept_attempt", "strict_wins"]

MIN_SHORT_ARTICLE = 250
"""Characters a strict attempt needs to be a short article rather than a scrap."""
LONGER = 2.0
"""A looser attempt finding another block must be this many times longer than a short strict
article to replace it, wherever it stands: the class names chose the strict one."""
MIN_HELD_ARTICLE = 100
"""Characters a strict attempt needs to stay when a looser one holds it with little prose
around it (two sentences: the looser attempt found the same post)."""
MIN_HELD = 0.5
"""Share of the strict attempt's words the looser attempt must hold to be the same article."""

_WORD = re.compile(r"\w+")

Attempt = tuple[int, int, HtmlElement]
"""(text length, minus its index, article) of one selection attempt."""


def kept_attempt(attempts: list[Attempt], enough: bool,
                 page: HtmlElement | None = None) -> Attempt:
    """The attempt to keep: the last when it is long enough, else the longest; the strict
    first attempt instead when that one is another, merely longer block further down the
    page or in its sidebar (``page``: the cleaned page before any attempt, to tell which
    comes first), or the same post with only the page around it (``short``)."""
    chosen = attempts[-1] if enough else max(_worded(attempts), key=lambda a: (a[0], a[1]))
    if not chosen[1] or page is None:
        return chosen
    if chosen[0] < LONGER * attempts[0][0] and strict_wins(attempts[0], chosen[2],
                                                            MIN_HELD_ARTICLE):
        return attempts[0]  # another block, merely a little longer
    if strict_wins(attempts[0], chosen[2]):
        return attempts[0] if _strict_kept(page, attempts[0][2], chosen[2]) else chosen
    if strict_wins(attempts[0], chosen[2], MIN_HELD_ARTICLE) and _is_worded(attempts[0]) \
            and _strict_kept(page, attempts[0][2], chosen[2], apart=True):
        return attempts[0]  # a post of a few lines (not a menu) beside a sidebar or its replies
    if attempts[0][0] >= MIN_HELD_ARTICLE and adds_little_prose(attempts[0][2], chosen[2]):
        return attempts[0]  # the same post with the page around it
    return chosen


MAX_LINKS = 0.5
"""More of its text in links than this, an attempt is a menu (its rules relaxed, the page's
link lists survive): it is kept only when every attempt is."""


def _worded(attempts: list[Attempt]) -> list[Attempt]:
    """The attempts whose text is not mostly links, or all when none is."""
    worded = [a for a in attempts if _is_worded(a)]
    return worded or attempts


def _is_worded(attempt: Attempt) -> bool:
    return bool(attempt[0]) and link_density(attempt[2], None, attempt[0]) <= MAX_LINKS


def _words(el: HtmlElement) -> set[str]:
    return set(_WORD.findall(el.text_content().lower()))


def strict_wins(strict: Attempt, looser: HtmlElement, least: int = MIN_SHORT_ARTICLE) -> bool:
    """True when the strict attempt (length, index, article) is a short article (``least``
    characters or more) and the looser attempt is another block, not the same article
    found whole."""
    length, _, article = strict
    if length < least or article is looser:
        return False
    words = _words(article)
    if not words:
        return False
    return len(words & _words(looser)) < MIN_HELD * len(words)


_LEAD_WORDS = 8
_PROBE_WORDS = 5
_PROBES = 20


def _start(text: str, article: HtmlElement) -> int:
    """Where the article's first words are in ``text`` (the page's, without spaces: the
    cleaning may have put a space between two inline labels, "Name: Location:"). When the
    cleaning dropped a word among them (a linked name), the first run of a few words
    that is found, a little further on."""
    words = article.text_content().split()
    lead = "".join(words[:_LEAD_WORDS])
    if not lead:
        return -1
    found = text.find(lead)
    for i in range(1, min(_PROBES, len(words) - _PROBE_WORDS + 1)):
        if found >= 0:
            break
        found = text.find("".join(words[i:i + _PROBE_WORDS]))
    return found


def _strict_kept(page: HtmlElement, strict: HtmlElement, looser: HtmlElement,
                 apart: bool = False) -> bool:
    """The strict article starts before the looser block in the page: a post comes before
    its comments and, in the source, before the sidebar; a blurb after it (a footer, an
    "about us" box) is not the post. Nor is a block in a sidebar the post is not in (a
    profile in a left sidebar), wherever it stands (``short.placed_in_furniture``).
    ``apart`` (a strict article under 250 characters): only the sidebar or a comment thread
    below the post tells (``short.placed_apart``), not the order alone."""
    text = "".join(page.text_content().split())
    first, other = _start(text, strict), _start(text, looser)
    if first < 0 or other < 0:
        return False
    if apart:
        return placed_apart(page, other, first)
    return first < other or placed_in_furniture(page, other, first)

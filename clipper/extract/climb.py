"""When a better-scored parent is not a wider article but the article beside link lists.

Readability climbs from the best container to a parent that scores higher, on the view
that the article is split across the parent's children. On many blogs and news sites the
parent is the content column: the article beside a "content"-named sidebar of teaser
lists, or a band of "more from the site" links, whose one-line teasers score like
paragraphs. There the text the parent adds is mostly link text, and the climb would take
a page of lists for one article. A parent adding text of that kind is not climbed to;
one adding prose (the rest of a split article, a standfirst) or a little of it (a byline
with its links, a tag line) still is.

Nor are the cards of a carousel or a teaser list beside the article (candidates repeating
one another's tag, class and id in one parent) rivals whose common ancestor is the article.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from clipper.extract.text import link_density, text_length

__all__ = ["adds_link_lists", "repeated_others"]

ADDED_SHARE = 0.2
"""The parent's text beside the article's branch must be at least this share to matter."""
LINKS_SHARE = 0.5
"""Added text with this share of link text or more is lists of links, not article."""


def adds_link_lists(parent: HtmlElement, best: HtmlElement) -> bool:
    """``parent`` (an ancestor of ``best``) holds, beside the branch holding ``best``, a
    real share of its text, and that text is mostly links."""
    branch = best
    while branch.getparent() is not parent:
        up = branch.getparent()
        if up is None:
            return False
        branch = up
    total = text_length(parent)
    added = 0
    linked = 0.0
    for child in parent:
        if child is branch or not isinstance(child.tag, str):
            continue
        length = text_length(child)
        added += length
        linked += link_density(child, None, length) * length
    if not total or added < ADDED_SHARE * total:
        return False
    return linked >= LINKS_SHARE * added


def _signature(el: HtmlElement) -> tuple[object, str, str, str]:
    return el.getparent(), el.tag, el.get("class") or "", el.get("id") or ""


def repeated_others(best: HtmlElement, candidates: list[HtmlElement]) -> set[HtmlElement]:
    """The ``candidates`` that repeat one another's tag, class and id beside each other
    (in one parent), but not ``best``'s: the cards of a carousel or a teaser list beside
    the article, not parts of it."""
    seen: dict[tuple[object, str, str, str], int] = {}
    for el in candidates:
        sign = _signature(el)
        seen[sign] = seen.get(sign, 0) + 1
    own = _signature(best)[1:]
    return {el for el in candidates
            if _signature(el)[1:] != own and seen[_signature(el)] > 1}

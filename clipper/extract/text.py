"""Text measures of elements (length, link density, commas) shared by scoring and pruning.

Readability.js measures whitespace-collapsed ``textContent``; so do we, through
lxml's C-level ``text_content`` so a measure costs one pass over the subtree.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from clipper.extract.patterns import COMMAS
from clipper.htmltree import NumberXPath


def inner_text(el: HtmlElement) -> str:
    """Visible text with whitespace runs collapsed, as a reader sees it."""
    return " ".join(el.text_content().split())


_COLLAPSED_LENGTH = NumberXPath("string-length(normalize-space(.))")


def text_length(el: HtmlElement) -> int:
    """``len(inner_text(el))``, measured by libxml2 without building the string.

    XPath collapses ASCII whitespace only, so a no-break space counts as a character
    here; for measuring how much text a block holds that is the same thing, and not
    building the string is what keeps scoring a very large page affordable
    (bench/extraction/README.md).
    """
    return int(_COLLAPSED_LENGTH(el))


def is_hash_link(href: str | None, page_url: str | None) -> bool:
    """A link to a place on the same page (``#x``, or the page's own URL + ``#x``)."""
    if not href:
        return False
    if href.startswith("#"):
        return len(href) > 1
    if page_url and "#" in href:
        base, _, frag = href.partition("#")
        return bool(frag) and base == page_url.partition("#")[0]
    return False


def link_density(
    el: HtmlElement, page_url: str | None = None, text_len: int | None = None,
    weights: dict[HtmlElement, float] | None = None,
) -> float:
    """Share of the text that sits in links; same-page links count 0.3 (tables of contents).

    ``weights``: each link's weighted length, kept by a caller measuring nested
    containers of a tree it does not change meanwhile (each link is then read once).
    """
    total = text_length(el) if text_len is None else text_len
    if not total:
        return 0.0
    linked = 0.0
    for a in el.iter("a"):
        if weights is None:
            linked += _link_weight(a, page_url)
            continue
        weight = weights.get(a)
        if weight is None:
            weight = weights[a] = _link_weight(a, page_url)
        linked += weight
    return linked / total


def _link_weight(a: HtmlElement, page_url: str | None) -> float:
    n = len(inner_text(a))
    return n * (0.3 if is_hash_link(a.get("href"), page_url) else 1.0) if n else 0.0


def text_density(el: HtmlElement, tags: frozenset[str] | tuple[str, ...]) -> float:
    """Share of the text inside descendants with the given tags (nested ones count twice)."""
    total = text_length(el)
    if not total:
        return 0.0
    inside = sum(text_length(d) for d in el.iterdescendants(*tags))
    return inside / total


def comma_count(text: str) -> int:
    return len(COMMAS.findall(text))


def class_and_id(el: HtmlElement) -> str:
    """The string Readability's class patterns are matched against."""
    return f"{el.get('class') or ''} {el.get('id') or ''}"


_WORD = re.compile(r"\w")


def has_words_outside_links(root: HtmlElement) -> bool:
    """Whether any word is not link text: a page that is only links ("Home") is navigation."""
    stack = [root]
    while stack:
        el = stack.pop()
        if el.tag != "a" and el.text and _WORD.search(el.text):
            return True
        if el is not root and el.tail and _WORD.search(el.tail):
            return True
        if el.tag != "a":
            stack.extend(child for child in el if isinstance(child.tag, str))
    return False

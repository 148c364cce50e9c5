"""The article body the page marks with schema.org microdata (``itemprop="articleBody"``).

Readability's scores may end on a block inside the story's marked body that the page names
as something else: a slideshow of essays in a "promo" box (hidden until a script shows it)
under a story of a few paragraphs holds more paragraphs than the story. The page says twice
that the block is not the story, so the marked body is taken instead, and the conditional
cleaning then drops the promotion from it (readability-lxml 0.9 always prefers the marked
body). Only a marked body that is itself a scored container with few links is taken, and
only over a block inside it: scores that end on the marked body's own text (its paragraphs'
wrapper, without the figures beside them), or outside it, stand.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from clipper.extract.patterns import is_negative
from clipper.extract.text import link_density

__all__ = ["marked_body"]

MAX_LINKS = 0.1
"""More of its text in links than this, the marked block is a list of links (readability-lxml's
bound)."""


def _marked(el: HtmlElement) -> bool:
    return "articleBody" in (el.get("itemprop") or "").split()


def _named_negative(el: HtmlElement) -> bool:
    names = f"{el.get('class') or ''} {el.get('id') or ''}".strip().lower()
    return bool(names) and is_negative(names)


def marked_body(best: HtmlElement, scores: dict[HtmlElement, float],
                page_url: str | None) -> HtmlElement:
    """The ``articleBody`` container holding ``best`` when ``best`` sits in a block named
    as promotion, related links or the like (Readability's negative names) below it, and
    the marked body is a scored candidate with few links; else ``best``."""
    negative = _named_negative(best)
    for el in best.iterancestors():
        if _marked(el):
            if negative and el in scores and link_density(el, page_url) <= MAX_LINKS:
                return el
            return best
        negative = negative or _named_negative(el)
    return best


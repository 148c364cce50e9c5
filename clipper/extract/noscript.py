"""A page whose content is its ``<noscript>`` fallback keeps it.

``<noscript>`` usually holds a tracking pixel or "please enable JavaScript", and the
cleaning drops it. Some sites, though, serve the whole page there for readers without
scripts, and an empty shell that scripts fill for the others: then the fallback is the page.
Blogs do the same for one part: the post's body is a ``<script type="text/template">`` a
script renders, followed by its ``<noscript>`` copy, and nothing else in the post's container.
A fallback of prose that is the only thing its container shows is that container's content,
whatever the page around it.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from clipper.extract.text import text_length

__all__ = ["unwrap_content_noscripts"]

MIN_CHARS = 500
SHARE = 0.5
"""The fallbacks must hold this share of the body's text to be taken as the page."""
MIN_BLOCK = 200
"""A fallback with less text than this (a notice) is left to the cleaning."""


def unwrap_content_noscripts(doc: HtmlElement) -> bool:
    """Unwrap the ``<noscript>`` elements when they hold most of the page's text."""
    body = doc.find("body")
    if body is None:
        return False
    fallbacks = [el for el in body.iter("noscript") if text_length(el) >= MIN_BLOCK]
    if not fallbacks:
        return False
    alone = [el for el in fallbacks if _only_content(el)]
    for el in alone:
        el.drop_tag()
    fallbacks = [el for el in fallbacks if el.getparent() is not None]
    if not fallbacks:
        return bool(alone)
    inside = sum(text_length(el) for el in fallbacks)
    if inside < MIN_CHARS or inside < SHARE * text_length(body):
        return False
    for el in fallbacks:
        if el.getparent() is not None:
            el.drop_tag()
    return True


_UNSEEN = frozenset(("script", "style", "template", "noscript"))


def _only_content(fallback: HtmlElement) -> bool:
    """The fallback holds paragraphs and its container shows nothing else: the other
    children are scripts (the template the page renders) or empty."""
    parent = fallback.getparent()
    if parent is None or parent.tag in ("head", "html", "body") or \
            next(fallback.iter("p"), None) is None:
        return False
    if (parent.text or "").strip():
        return False
    for child in parent:
        if child is fallback:
            continue
        if (child.tail or "").strip():
            return False
        if isinstance(child.tag, str) and child.tag not in _UNSEEN and text_length(child):
            return False
    return (fallback.tail or "").strip() == ""

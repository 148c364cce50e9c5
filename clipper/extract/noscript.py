"""A page whose content is its ``<noscript>`` fallback keeps it.

``<noscript>`` usually holds a tracking pixel or "please enable JavaScript", and the
cleaning drops it. Some sites, though, serve the whole page there for readers without
scripts, and an empty shell that scripts fill for the others: then the fallback is the page.
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
    inside = sum(text_length(el) for el in fallbacks)
    if inside < MIN_CHARS or inside < SHARE * text_length(body):
        return False
    for el in fallbacks:
        if el.getparent() is not None:
            el.drop_tag()
    return True

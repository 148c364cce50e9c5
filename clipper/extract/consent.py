"""Cookie and consent notices never are the article.

A consent notice is one paragraph of full sentences ("This site uses cookies. If you
continue…"), which is what the first pass scores highest on a page whose article is a few
short lines (a blog post of three lines of dialogue): the notice was chosen as the article.
The notice is found by its name (a class or id part "cookie", "consent", "gdpr", or a name
like "cookiebanner") and dropped from the whole page before the article is chosen, as long
as it is a box and not a wrapper of the page (its text is short).
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from clipper.extract import droplog
from clipper.extract.text import text_length

__all__ = ["drop_consent_notices"]

MAX_CHARS = 1500
MAX_SHARE = 0.5
"""A notice holds less text than this, and less than this share of the page's; an element
so named with more wraps the page."""
_LOWER = "translate(concat(@class, ' ', @id), 'ABCDEFGIKNOPRST', 'abcdefgiknoprst')"
_CANDIDATES = (f"//*[contains({_LOWER}, 'cookie') or contains({_LOWER}, 'consent')"
               f" or contains({_LOWER}, 'gdpr')]")
"""Pre-filters in C the elements whose names hold the words at all."""
_PARTS = re.compile(r"[a-z]+")
_WORDS = frozenset(("cookie", "cookies", "consent", "gdpr"))
_JOINED = re.compile(r"^cookie(?:s)?(?:banner|bar|notice|law|consent|box|layer|hint|info|popup|"
                     r"message|disclaimer|warning|policy|overlay)|^(?:eucookie|cookielaw)")
_NEVER = frozenset(("html", "body", "main", "article"))


def _is_notice_name(names: str) -> bool:
    parts = _PARTS.findall(names.lower())
    return any(p in _WORDS or _JOINED.match(p) for p in parts)


def drop_consent_notices(root: HtmlElement) -> None:
    """Drop the cookie and consent boxes of the page (outermost first)."""
    limit = min(MAX_CHARS, MAX_SHARE * text_length(root))
    for el in root.xpath(_CANDIDATES):
        if el.tag in _NEVER or el.getparent() is None or not _attached(el, root):
            continue
        names = f"{el.get('class') or ''} {el.get('id') or ''}"
        if _is_notice_name(names) and text_length(el) < limit:
            droplog.drop(el, "cookie notice")


def _attached(el: HtmlElement, root: HtmlElement) -> bool:
    """Still in the page: no ancestor of it was dropped before."""
    return any(parent is root for parent in el.iterancestors())

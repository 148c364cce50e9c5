"""Cookie and consent notices never are the article.

A consent notice is one paragraph of full sentences ("This site uses cookies. If you
continue…"), which is what the first pass scores highest on a page whose article is a few
short lines (a blog post of three lines of dialogue): the notice was chosen as the article.
The notice is found by its name (a class or id part "cookie", "consent", "gdpr", or a name
like "cookiebanner") and dropped by the first pass's walk before the article is chosen, on
every attempt (the loosened retries too), as long as it is a box and not a wrapper of the
page (its text is short).
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from clipper.extract.text import text_length

__all__ = ["is_consent_notice"]

MAX_CHARS = 1500
MAX_SHARE = 0.5
"""A notice holds less text than this, and less than this share of the page's; an element
so named with more wraps the page."""
_PARTS = re.compile(r"[a-z]+")
_WORDS = frozenset(("cookie", "cookies", "consent", "gdpr"))
_JOINED = re.compile(r"^cookie(?:s)?(?:banner|bar|notice|law|consent|box|layer|hint|info|popup|"
                     r"message|disclaimer|warning|policy|overlay)|^(?:eucookie|cookielaw)")
_NEVER = frozenset(("html", "body", "main", "article"))


def _is_notice_name(names: str) -> bool:
    parts = _PARTS.findall(names.lower())
    return any(p in _WORDS or _JOINED.match(p) for p in parts)


def is_consent_notice(el: HtmlElement, names: str, page: HtmlElement) -> bool:
    """``el``, named ``names`` (its lower-cased class and id), is a cookie or consent box
    of ``page``: the walk of the first pass drops it, whatever its flags."""
    if not ("cookie" in names or "consent" in names or "gdpr" in names) or el.tag in _NEVER:
        return False
    if not _is_notice_name(names):
        return False
    length = text_length(el)
    return length < MAX_CHARS and length < MAX_SHARE * text_length(page)

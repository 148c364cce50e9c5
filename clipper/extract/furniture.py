"""Parts of a page named as its furniture: sidebars, comment threads, footers, menus.

By tag (``aside``, ``nav``, ``footer``, ``header``, ``menu``) or by a class or id that
Readability strikes out as an unlikely candidate ("sidebar", "comment", "footer") and
that does not also say it holds the content ("main", "article", "content").
"""

from __future__ import annotations

from lxml.html import HtmlElement

from clipper.extract.patterns import MAYBE_CANDIDATE, UNLIKELY_CANDIDATES, has_any

__all__ = ["in_furniture", "is_furniture", "named_as_furniture"]

FURNITURE_TAGS = frozenset(("aside", "nav", "footer", "header", "menu"))


def named_as_furniture(el: HtmlElement) -> bool:
    """``el``'s class or id names it furniture ("sidebar", "comments"), not content."""
    match = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return has_any(match, UNLIKELY_CANDIDATES) and not has_any(match, MAYBE_CANDIDATE)


def is_furniture(el: HtmlElement) -> bool:
    """``el`` itself is named (or tagged) as page furniture."""
    return el.tag in FURNITURE_TAGS or named_as_furniture(el)


def in_furniture(el: HtmlElement) -> bool:
    """``el`` is, or sits in, a part named as page furniture."""
    return any(is_furniture(e) for e in (el, *el.iterancestors()))

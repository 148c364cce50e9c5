"""A link styled as a button that jumps within the page is a control, not text.

Recipe and guide templates put "Jump to Recipe" / "Print Recipe" / "Zum Rezept" links at the
top of the post: named a button by their class ("btn", "…-button") and pointing at a place on
the same page. In a clip they lead nowhere; a reader's own in-text links to a section
("see <a href="#notes">the notes</a>") are not named buttons and stay.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from clipper.extract import droplog
from clipper.extract.text import inner_text, is_hash_link

__all__ = ["drop_jump_buttons"]

MAX_CHARS = 40
"""A button's label is a few words."""
_PARTS = re.compile(r"[a-z]+")
_BUTTON = frozenset(("btn", "button"))


def drop_jump_buttons(article: HtmlElement, page_url: str | None) -> None:
    """Drop the links of ``article`` named buttons that jump to a place on the same page."""
    for a in list(article.iter("a")):
        if a.getparent() is None or not is_hash_link(a.get("href"), page_url):
            continue
        if _BUTTON.intersection(_PARTS.findall((a.get("class") or "").lower())) \
                and len(inner_text(a)) <= MAX_CHARS:
            droplog.drop(a, "buttons")

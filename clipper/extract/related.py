"""Lists of other stories: every item opens with a link to it.

A box headed "More Asia stories" or "Related articles" often gives each linked headline
a line of teaser text, which keeps the box's share of link text under the bar that
marks a link list. Its items still say what it is: each begins with its link.
"""

from __future__ import annotations

from lxml import etree
from lxml.html import HtmlElement

from clipper.extract.text import text_length

__all__ = ["linked_items"]

MIN_ITEMS = 2
LIST_SHARE = 0.8


def _opens_with_link(item: HtmlElement) -> bool:
    """The item's first words are the text of a link (a headline, maybe in a heading)."""
    for event, el in etree.iterwalk(item, events=("start", "end")):
        if not isinstance(el.tag, str):
            continue
        if event == "start":
            if el.tag == "a":
                return bool(el.text_content().strip())
            if (el.text or "").strip():
                return False
        elif el is not item and (el.tail or "").strip():
            return False
    return False


def linked_items(box: HtmlElement, rest: int) -> bool:
    """``box`` is a list of other stories: lists whose every item (two or more) opens
    with a link hold ``LIST_SHARE`` of its ``rest`` (its text without its heading)."""
    held = 0
    for lst in box.iter("ul", "ol"):
        items = [li for li in lst if li.tag == "li"]
        if len(items) >= MIN_ITEMS and all(_opens_with_link(li) for li in items):
            held += text_length(lst)
    return held >= LIST_SHARE * rest

"""A form without the ``<form>`` tag: a box holding a field and a button.

Scripts build their forms from divs: an embed's consent placeholder ("Externer Inhalt: to
protect your data we blocked twitter.com … [ ] I agree … [Load content]"), a newsletter
sign-up, a poll, a rating box. Readability cleans a ``<form>`` by its numbers and drops a
div whose inputs outnumber its paragraphs, but it removes the inputs and buttons first, so
such a box keeps its text (the notice, the checkbox's label) once its controls are gone.
Here, before that, the smallest box around a field (a checkbox, a radio button, a text or
address field) that also holds a button is dropped as a form when its text is short: a
widget's few lines, never a section of the article.
"""

from __future__ import annotations

from typing import cast

from lxml.etree import XPath
from lxml.html import HtmlElement

__all__ = ["form_boxes"]

MAX_CHARS = 700
"""A form box holds less text than this (a notice, a label or two)."""
MAX_SHARE = 0.3
"""… and less than this share of the page's."""
_FIELDS = frozenset(("checkbox", "radio", "email"))
"""Fields a consent, sign-up or poll box asks for (a shop's quantity field or a site's search
box is left to the other rules: the first sits beside the price)."""
_WORDS = XPath(".//text()[not(ancestor::style or ancestor::script)]")
_BUTTONS = ".//button | .//input[@type='submit' or @type='button' or @type='image']"


def _field(el: HtmlElement) -> bool:
    return (el.get("type") or "").strip().lower() in _FIELDS


def _box(field: HtmlElement, root: HtmlElement) -> HtmlElement | None:
    """The smallest ancestor of ``field`` below ``root`` that also holds a button; None
    in a real form (Readability's numbers judge it) or in a box already dropped."""
    box = None
    node = field.getparent()
    while node is not None and node is not root:
        if node.tag == "form":
            return None
        if box is None and node.xpath(_BUTTONS):
            box = node
        node = node.getparent()
    return box if node is root else None


def _chars(el: HtmlElement) -> int:
    """Characters of ``el``'s words, its style and script sheets left out (not yet cleaned)."""
    return sum(len(t.strip()) for t in cast(list[str], _WORDS(el)))


def form_boxes(root: HtmlElement) -> list[HtmlElement]:
    """The boxes in ``root`` that are forms built without the tag (see the module), found
    before the page's fields and buttons are cleaned away."""
    fields = [el for el in root.iter("input") if _field(el)]
    if not fields:
        return []
    boxes: list[HtmlElement] = []
    total = 0
    for field in fields:
        box = _box(field, root)
        if box is None or box in boxes:
            continue
        length = _chars(box)
        total = total or _chars(root)
        if length < MAX_CHARS and length < MAX_SHARE * total:
            boxes.append(box)
    return boxes

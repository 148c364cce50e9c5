"""A form without the ``<form>`` tag: a box holding a field and a button.

Scripts build their forms from divs: an embed's consent placeholder ("Externer Inhalt: to
protect your data we blocked twitter.com … [ ] I agree … [Load content]"), a newsletter
sign-up, a poll, a rating box. Readability cleans a ``<form>`` by its numbers and drops a
div whose inputs outnumber its paragraphs, but it removes the inputs and buttons first, so
such a box keeps its text (the notice, the checkbox's label) once its controls are gone.
Here, before that, the smallest box around a field (a checkbox, a radio button, an e-mail
address field) that also holds a button is dropped as a form when its text is short: a
widget's few lines, never a section of the article. A checkbox in a list item is the tick
box of a checklist (a recipe's ingredients, a task list), not a field.
"""

from __future__ import annotations

from itertools import islice
from typing import cast

from lxml.etree import XPath
from lxml.html import HtmlElement

from clipper.extract.text import text_length

__all__ = ["form_boxes"]

MAX_CHARS = 700
"""A form box holds less text than this (a notice, a label or two)."""
ROUGH_LIMIT = 4
"""A box whose text with its style sheets is this many times ``MAX_CHARS`` is no form box."""
MAX_SHARE = 0.3
"""… and less than this share of the page's."""
_FIELDS = frozenset(("checkbox", "radio", "email"))
"""Fields a consent, sign-up or poll box asks for (a shop's quantity field or a site's search
box is left to the other rules: the first sits beside the price)."""
TICK_LEVELS = 3
"""A checkbox this close below a list item is the item's tick box (in it, in its label)."""
_WORDS = XPath(".//text()[not(ancestor::style or ancestor::script)]")
_SHEETS = frozenset(("script", "style"))
_BUTTON_TYPES = frozenset(("submit", "button", "image"))


def _field(el: HtmlElement) -> bool:
    kind = (el.get("type") or "").strip().lower()
    return kind in _FIELDS and not (kind == "checkbox" and _tick(el))


def _tick(checkbox: HtmlElement) -> bool:
    """A checkbox of a checklist's item (a recipe's ingredients to tick off beside an 'add to
    shopping list' button, a task list), not a form's field: the list is the article's."""
    return any(node.tag == "li" for node in islice(checkbox.iterancestors(), TICK_LEVELS))


def _button(el: HtmlElement) -> bool:
    return el.tag == "button" or (
        el.tag == "input" and (el.get("type") or "").strip().lower() in _BUTTON_TYPES)


def _box(field: HtmlElement, root: HtmlElement, holders: set[HtmlElement]) -> HtmlElement | None:
    """The smallest ancestor of ``field`` below ``root`` that also holds a button (one of
    ``holders``); None in a real form (Readability's numbers judge it)."""
    box = None
    for node in field.iterancestors():
        if node is root:
            return box
        if node.tag == "form":
            return None
        if box is None and node in holders:
            box = node
    return None


def _holders(buttons: list[HtmlElement]) -> set[HtmlElement]:
    """The elements that hold one of ``buttons``."""
    holders: set[HtmlElement] = set()
    for button in buttons:
        for node in button.iterancestors():
            if node in holders:
                break
            holders.add(node)
    return holders


def _chars(el: HtmlElement) -> int:
    """Characters of ``el``'s words, its style and script sheets left out (not yet cleaned)."""
    return sum(len(t.strip()) for t in cast(list[str], _WORDS(el)))


def _content_with_a_control(box: HtmlElement) -> bool:
    """The article's content holding a control, not a form: a block of code (content tabs
    switched by radio buttons, each tab's code with its copy button), the page's headline
    (a short post with a toggle for its picture and a share button), or text by
    Readability's measure of a form-like block, its fields no more than a third of its
    paragraphs."""
    if next(box.iter("pre", "h1"), None) is not None:
        return True
    fields = sum(1 for el in box.iter("input") if _field(el))
    return fields <= sum(1 for _ in box.iter("p")) // 3


def _page_chars(root: HtmlElement, junk: list[HtmlElement]) -> float:
    """About the characters of the page's words: all its text but its scripts' and style
    sheets' (quick: counted by libxml2)."""
    sheets = sum(text_length(el) for el in junk if el.tag in _SHEETS)
    return text_length(root) - sheets


def form_boxes(root: HtmlElement, junk: list[HtmlElement]) -> list[HtmlElement]:
    """The boxes in ``root`` that are forms built without the tag (see the module), found
    before the page's fields and buttons (among its ``junk``, about to go) are cleaned away."""
    fields = [el for el in junk if el.tag == "input" and _field(el)]
    if not fields:
        return []
    holders = _holders([el for el in junk if _button(el)])
    boxes: list[HtmlElement] = []
    seen: set[HtmlElement] = set()
    total = 0.0
    for field in fields:
        box = _box(field, root, holders)
        if box is None or box in seen:
            continue
        seen.add(box)
        if text_length(box) >= ROUGH_LIMIT * MAX_CHARS:
            continue  # quick, and counts the style sheets too
        length = _chars(box)
        if length >= MAX_CHARS:
            continue
        total = total or _page_chars(root, junk)
        if length < MAX_SHARE * total and not _content_with_a_control(box):
            boxes.append(box)
    return boxes

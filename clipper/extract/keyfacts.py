"""A product's key facts, set in the tab beside its description's.

A shop shows its product in tabs: "Beschreibung", "Details", "Allergene", "Bewertungen".
Each tab is a panel, siblings of one tag and one class under one parent; the schema.org
``description`` marks the first panel's text, and the clip holds that panel. The facts a
buyer compares (alcohol, origin, grape, size, material) are the tables and definition lists
of the other panels, which no score reaches: they are short cells. They follow the
description in the clip; a panel holding a form or the reviews gives none.
"""

from __future__ import annotations

import copy
import re

from lxml.html import HtmlElement

from clipper.extract.text import inner_text

__all__ = ["add_key_facts"]

MAX_LEVELS = 6
"""The description's panel is at most this many levels above it."""
_TAB = re.compile(r"(?<![a-z])tab(?!le)", re.IGNORECASE)
"""A panel's (or its list's) name or role says tab: "tab--container", "tab-pane",
"tabpanel"; not "table"."""
_NOT_FACTS = ".//form | .//textarea | .//*[@itemprop='review' or @itemprop='reviews']"
_FACTS = ".//table[not(ancestor::table)] | .//dl[not(ancestor::dl)]"
_PROBE = 40


def _named_tab(el: HtmlElement) -> bool:
    names = f"{el.get('class') or ''} {el.get('id') or ''} {el.get('role') or ''}"
    return _TAB.search(names) is not None


def _panels(description: HtmlElement) -> list[HtmlElement]:
    """The other panels of the tab set holding ``description``, or none."""
    node = description
    for _ in range(MAX_LEVELS):
        parent = node.getparent()
        if parent is None:
            return []
        names = node.get("class")
        if names and (_named_tab(node) or _named_tab(parent)):
            others = [el for el in parent if el is not node and el.tag == node.tag
                      and el.get("class") == names]
            if others:
                return others
        node = parent
    return []


def add_key_facts(clip: HtmlElement, description: HtmlElement | None) -> HtmlElement:
    """``clip`` with the fact tables of the tabs beside ``description``'s (the marked
    description in the cleaned page) added at its end, those it lacks."""
    if description is None:
        return clip
    text = " ".join(inner_text(clip).split())
    for panel in _panels(description):
        if panel.xpath(_NOT_FACTS):
            continue
        for facts in panel.xpath(_FACTS):
            probe = " ".join(inner_text(facts).split())[:_PROBE]
            if probe and probe not in text:
                copied = copy.deepcopy(facts)
                copied.tail = None
                clip.append(copied)
    return clip

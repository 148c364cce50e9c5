"""Callouts, admonitions and alerts, recognised so they become Obsidian callouts.

Documentation and blog engines frame notes and warnings as a box with a type and a
title: GitHub's ``markdown-alert markdown-alert-warning``, MkDocs, Sphinx and docutils'
``admonition note`` with an ``admonition-title``, Docusaurus' ``theme-admonition
theme-admonition-tip`` (and its older ``admonition admonition-tip``), Bootstrap and
Infima's ``alert alert-info`` / ``alert alert--info``, Quarto's and Obsidian Publish's
``callout callout-note`` / ``data-callout="note"``, VitePress' ``custom-block tip``,
Starlight's ``starlight-aside--caution``, Confluence's ``confluence-information-macro-
warning``, GitBook's ``hint hint-info``. A clip keeps the box as ``> [!type] Title``
(Obsidian's syntax; other renderers show a quote that starts with the type). The rule is
one: a class naming a callout family, and a type from a class, ``data-callout`` or the
family's default.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from clipper.htmltree import text_of

__all__ = ["Callout", "find_callout", "is_callout"]

_FAMILIES = ("markdown-alert", "theme-admonition", "admonition", "callout", "bd-callout",
             "alert", "custom-block", "starlight-aside", "confluence-information-macro", "hint",
             "notice")
"""Class tokens that name a callout box; the type follows as ``family-type`` or alone."""
_DEFAULT_NOTE = frozenset(("markdown-alert", "admonition", "callout", "bd-callout",
                           "custom-block", "starlight-aside", "theme-admonition"))
"""Families whose box is a note when no type is named (``alert`` alone is not a box)."""

TYPES = {
    "note": "note", "abstract": "abstract", "summary": "summary", "tldr": "tldr",
    "info": "info", "information": "info", "todo": "todo", "tip": "tip", "hint": "hint",
    "important": "important", "success": "success", "check": "check", "done": "done",
    "question": "question", "help": "help", "faq": "faq", "warning": "warning",
    "warn": "warning", "caution": "caution", "attention": "attention", "failure": "failure",
    "fail": "fail", "missing": "missing", "danger": "danger", "error": "error", "bug": "bug",
    "example": "example", "quote": "quote", "cite": "cite", "seealso": "info",
    "primary": "note", "secondary": "note", "light": "note", "dark": "note", "notice": "note",
    "neutral": "note",
}
"""Page types -> Obsidian callout types (Obsidian reads its own aliases: tip/hint,
warning/caution, danger/error...; Bootstrap's colour names are plain notes)."""

_TITLE_CLASS = re.compile(r"title|heading|header", re.I)
_COLOURS = frozenset(("primary", "secondary", "light", "dark", "neutral"))
_TITLE_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6", "summary", "strong", "b"))
_TYPE_SPLIT = re.compile(r"-{1,2}|_")
MAX_SHARE = 0.6
"""A "callout" holding more of the article's text than this is the article's own frame."""


@dataclass(frozen=True)
class Callout:
    kind: str
    """Obsidian type: note, tip, warning..."""
    title: etree._Element | None
    """The element that holds the box's own title, if it has one."""
    fold: str
    """"" (always open), "-" (folded) or "+" (foldable, open): from ``<details>``."""


def _kind(el: etree._Element) -> str | None:
    """The callout type ``el``'s classes or ``data-callout`` name, or None if not a box."""
    cls = el.get("class")
    declared = (el.get("data-callout") or "").strip().lower()
    if not cls and not declared:
        return None
    tokens = (cls or "").lower().split()
    if el.tag == "details" and not declared:
        # MkDocs' collapsible admonitions: <details class="warning"><summary>…
        found = next((TYPES[t] for t in tokens if t in TYPES and t not in _COLOURS), None)
        if found:
            return found
    family = next((t for t in tokens if t in _FAMILIES), None)
    if family is None and declared and "callout" in (cls or "").lower():
        family = "callout"
    if family is None:
        return None
    if declared:
        return TYPES.get(declared, "note")
    for token in tokens:
        if token == family:
            continue
        name = token
        for fam in _FAMILIES:
            if token.startswith(fam) and len(token) > len(fam) and token[len(fam)] in "-_":
                name = _TYPE_SPLIT.sub("", token[len(fam):], count=1)
                break
        if name in TYPES:
            return TYPES[name]
    return "note" if family in _DEFAULT_NOTE else None


def is_callout(el: etree._Element) -> bool:
    """Whether ``el`` is a callout box (cheap: reads its class and ``data-callout``)."""
    return _kind(el) is not None and bool(text_of(el).strip())


def _title_element(el: etree._Element) -> etree._Element | None:
    """The box's title: a first child classed as a title or heading (the type's name,
    an icon and a label), a heading, or a ``<summary>``."""
    for child in el.iterchildren():
        if not isinstance(child.tag, str):
            continue
        if child.tag == "summary" or _TITLE_CLASS.search(child.get("class") or "") or (
                child.tag in _TITLE_TAGS and child.tag not in ("strong", "b")):
            return child
        # Docusaurus: heading and content sit in one wrapper below the box
        inner = next((c for c in child.iterchildren() if isinstance(c.tag, str)), None)
        if inner is not None and inner is child[0] and _TITLE_CLASS.search(
                inner.get("class") or "") and not (child.text or "").strip():
            return inner
        return None
    return None


def find_callout(el: etree._Element, article_chars: Callable[[], int]) -> Callout | None:
    """``el`` as a callout, or None; ``article_chars()`` is the length of the article's text
    (asked only of a box, so the article is measured only when it holds one)."""
    kind = _kind(el)
    if kind is None:
        return None
    chars = len(text_of(el).strip())
    if not chars or (chars > 1500 and chars > MAX_SHARE * article_chars()):
        return None
    fold = ""
    if el.tag == "details":
        fold = "+" if el.get("open") is not None else "-"
    return Callout(kind, _title_element(el), fold)

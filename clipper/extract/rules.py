"""Site rules applied to one page: ``article`` picks the container, ``drop`` removes,
``keep`` forces a block in.

The selectors were written against the page as a browser or ``clipper extract --json``
shows it, so they run on the freshly parsed page before anything is cleaned. Dropped
blocks go at once (reason "site rule"); the article and the kept blocks are marked
(``droplog.RULE_ATTR``), and while marks exist every later drop that would take a marked
block is refused (``droplog.drop``). After the selection, kept blocks the chosen article
does not hold are added to it in page order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree
from lxml.html import HtmlElement

from clipper.extract import droplog
from clipper.extract.droplog import RULE_ATTR
from clipper.extract.selectors import select_all
from clipper.models import PageRules

__all__ = ["add_kept", "apply_rules", "kept_outside", "marked_article", "unmark"]

_CLASSES = etree.XPath("//@class", smart_strings=False)
_IDS = etree.XPath("//@id", smart_strings=False)
_QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")
_PARENS = re.compile(r"\([^)]*\)")
_BRACKETS = re.compile(r"\[[^\]]*\]")
_NAMES = re.compile(r"([.#])(-?[A-Za-z_][A-Za-z0-9_-]*)")
_TAGS = re.compile(r"(?:^|[\s>+~])([A-Za-z][A-Za-z0-9-]*)")
_ATTRS = re.compile(r"\[\s*([A-Za-z_][A-Za-z0-9_.-]*)")


@dataclass(frozen=True)
class _Needs:
    """What an element of the page must be or wear for one comma-separated group of a
    selector to match it: class names, ids, tag names and attribute names."""

    classes: frozenset[str]
    ids: frozenset[str]
    tags: frozenset[str]
    attrs: frozenset[str]


@lru_cache(maxsize=4096)
def _needs(selector: str) -> tuple[_Needs, ...] | None:
    """Per comma-separated group, what the page must hold for the group to match (None:
    cannot tell, run the selector). What stands inside ``:not(…)`` is not needed."""
    if "\\" in selector:
        return None
    positive = _PARENS.sub(" ", _QUOTED.sub('""', selector))  # "a, .b", :not(.x), :nth-child(2)
    groups = []
    for group in positive.split(","):
        attrs = frozenset(_ATTRS.findall(group))
        plain = _BRACKETS.sub(" ", group)  # [attr='a.b']
        names = _NAMES.findall(plain)
        groups.append(_Needs(frozenset(n for kind, n in names if kind == "."),
                             frozenset(n for kind, n in names if kind == "#"),
                             frozenset(t for t in _TAGS.findall(plain)), attrs))
    return tuple(groups)


class _PageNames:
    """What the page holds, read in C: its class names and ids at once, a tag or an
    attribute name when a rule needs it (once per page). A selector needing what the page
    lacks cannot match and is not run: 50 rules cost a few lookups, not 50 walks."""

    def __init__(self, doc: HtmlElement) -> None:
        self._doc = doc
        found = _CLASSES(doc)
        classes = [str(c) for c in found] if isinstance(found, list) else []
        self.classes = frozenset(" ".join(classes).split())
        ids = _IDS(doc)
        self.ids = frozenset(str(i) for i in ids) if isinstance(ids, list) else frozenset()
        self._present: dict[str, bool] = {}

    def _has(self, path: str) -> bool:
        known = self._present.get(path)
        if known is None:
            known = self._present[path] = bool(self._doc.xpath(f"boolean({path})"))
        return known

    def _holds(self, needs: _Needs) -> bool:
        return (needs.classes <= self.classes and needs.ids <= self.ids
                and all(self._has(f"//{tag}") for tag in needs.tags)
                and all(self._has(f"//@{attr}") for attr in needs.attrs))

    def may_match(self, selector: str) -> bool:
        needs = _needs(selector)
        if needs is None:
            return True
        return any(self._holds(group) for group in needs)


def _matches(doc: HtmlElement, selector: str, names: _PageNames) -> list[HtmlElement]:
    if not names.may_match(selector):
        return []
    try:
        return select_all(doc, selector)
    except ValueError:
        return []  # a rule file is validated when read; a bad selector here matches nothing


def apply_rules(doc: HtmlElement, rules: PageRules) -> list[str]:
    """Apply ``rules`` to the parsed page; the rules that found something ("drop .ad")."""
    names = _PageNames(doc)
    applied: list[str] = []
    marked = False
    for selector in rules.keep:
        found = _matches(doc, selector, names)
        for el in found:
            el.set(RULE_ATTR, "keep")
        if found:
            applied.append(f"keep {selector}")
            marked = True
    for selector in rules.article:
        found = _matches(doc, selector, names)
        if found:
            found[0].set(RULE_ATTR, "article")
            applied.append(f"article {selector}")
            marked = True
            break
    log = droplog.current()
    if log is not None and marked:
        log.protect = True
    for selector in rules.drop:
        dropped = False
        for el in _matches(doc, selector, names):
            if el.getparent() is not None and droplog.drop(el, "site rule"):
                dropped = True
        if dropped:
            applied.append(f"drop {selector}")
    return applied


def marked_article(body: HtmlElement) -> HtmlElement | None:
    """The container an ``article`` rule chose, if it is still on the page."""
    for el in body.iter():
        if el.get(RULE_ATTR) == "article":
            return el
    return None


def kept_outside(body: HtmlElement, top: HtmlElement) -> list[tuple[HtmlElement, bool]]:
    """Kept blocks outside ``top`` (outermost only), each with True when it comes before."""
    out: list[tuple[HtmlElement, bool]] = []
    before = True
    inside_top = set(top.iter())
    for el in body.iter():
        if el is top:
            before = False
        if el.get(RULE_ATTR) != "keep" or el in inside_top:
            continue
        if any(parent.get(RULE_ATTR) == "keep" for parent in el.iterancestors()):
            continue
        out.append((el, before))
    return out


def add_kept(article: HtmlElement, kept: list[tuple[HtmlElement, bool]]) -> None:
    """Put the kept blocks found outside the chosen container into the article."""
    at = 0
    for el, before in kept:
        if el.getparent() is None or any(a is article for a in el.iterancestors()):
            continue  # gone with a retry's page, or already gathered into the article
        tail, el.tail = el.tail, None
        parent = el.getparent()
        if parent is not None:
            prev = el.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + (tail or "")
            else:
                parent.text = (parent.text or "") + (tail or "")
        if before:
            article.insert(at, el)
            at += 1
        else:
            article.append(el)


def unmark(article: HtmlElement) -> None:
    for el in article.xpath(f"descendant-or-self::*[@{RULE_ATTR}]"):
        del el.attrib[RULE_ATTR]

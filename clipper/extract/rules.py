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
_INSIDE = re.compile(r"\[[^\]]*\]|\([^)]*\)")
_NAMES = re.compile(r"([.#])(-?[A-Za-z_][A-Za-z0-9_-]*)")


@lru_cache(maxsize=4096)
def _needs(selector: str) -> tuple[tuple[frozenset[str], frozenset[str]], ...] | None:
    """Per comma-separated group, the class names and ids an element of the page must wear
    for the group to match (None: cannot tell, run the selector)."""
    if "\\" in selector:
        return None
    plain = _INSIDE.sub(" ", selector)  # [attr='a.b'], :not(.x), :nth-child(2n+1)
    groups = []
    for group in plain.split(","):
        names = _NAMES.findall(group)
        groups.append((frozenset(n for kind, n in names if kind == "."),
                       frozenset(n for kind, n in names if kind == "#")))
    return tuple(groups)


class _PageNames:
    """The class names and ids the page uses, read once in C: a selector naming one the
    page lacks cannot match, and is not run (50 rules cost a lookup each, not a walk)."""

    def __init__(self, doc: HtmlElement) -> None:
        found = _CLASSES(doc)
        classes = [str(c) for c in found] if isinstance(found, list) else []
        self.classes = frozenset(" ".join(classes).split())
        ids = _IDS(doc)
        self.ids = frozenset(str(i) for i in ids) if isinstance(ids, list) else frozenset()

    def may_match(self, selector: str) -> bool:
        needs = _needs(selector)
        if needs is None:
            return True
        return any(classes <= self.classes and ids <= self.ids for classes, ids in needs)


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

"""Why each block left the page: the drop log of one extraction.

Every step that removes a block the reader could have seen removes it through ``drop``
with a reason in plain words ("share buttons", "related links", "mostly links"...); the
blocks that stay on the page outside the chosen article are ``note``d. The log lives for
one ``extract`` call (a context variable, as ``clipper.fidelity``'s notes), so the steps keep
their signatures and a step run outside an extraction just removes.

Recording is cheap: the first words of the block and where it stood in the source (its
line, tag, id and class), nothing more. ``clipper.extract.selectors`` turns that into a
CSS selector checked against the page, only when someone asks (``extract(...,
explain=True)``), so an ordinary extraction does not parse the page twice.

Site rules mark the blocks they force in with ``RULE_ATTR``; while a page has such marks a
drop that would take one of them (or a block around one) is refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree
from lxml.html import HtmlElement

__all__ = ["RULE_ATTR", "DropLog", "Entry", "collecting", "drop", "name_reason", "note"]

RULE_ATTR = "data-clipper-rule"
"""Set by site rules on the article ("article") and on blocks kept whatever the rules say."""
_MARKED = f".//*[@{RULE_ATTR}]"
_TEXT_CHARS = 80
_MEDIA = ("img", "picture", "video", "audio")


@dataclass(frozen=True)
class Entry:
    """One dropped block as recorded: enough to find it again in the page's source."""

    text: str
    reason: str
    line: int | None
    tag: str
    ident: str | None
    cls: str | None
    end: int | None = None
    """The line its last piece of text falls on (the closing tag's line is not known)."""


class DropLog:
    """The drops of one extraction; each attempt of the selection keeps its own."""

    def __init__(self) -> None:
        self.common: list[Entry] = []
        self.attempts: list[list[Entry]] = []
        self.entries = self.common
        self.muted = False
        self.protect = False
        """True while site rules marked blocks to keep: drops check for the marks."""

    def begin_attempt(self) -> None:
        self.attempts.append([])
        self.entries = self.attempts[-1]

    def choose(self, index: int) -> None:
        """The attempt whose article was kept (its drops are the ones that count)."""
        if self.attempts:
            self.entries = self.attempts[index]

    def blocks(self) -> list[Entry]:
        return self.common + self.entries if self.entries is not self.common else list(self.common)

    def add(self, el: HtmlElement, reason: str) -> None:
        if self.muted:
            return
        text = _first_words(el)
        if not text and next(el.iter(*_MEDIA), None) is None:
            return  # an empty wrapper: nothing a reader misses
        tag = el.tag if isinstance(el.tag, str) else ""
        self.entries.append(Entry(text, reason, el.sourceline, tag, el.get("id"),
                                  el.get("class"), _last_line(el)))


    def forget_pictures(self, img: HtmlElement) -> None:
        """The lead photo went into the article after all: the text-less blocks around it
        recorded as left out were not (their picture is the clip's)."""
        around = {(a.sourceline, a.tag, a.get("id"), a.get("class"))
                  for a in (img, *img.iterancestors())}
        self.entries[:] = [e for e in self.entries
                           if e.text or (e.line, e.tag, e.ident, e.cls) not in around]


_FIRST_WORDS = etree.XPath(f"substring(normalize-space(.), 1, {_TEXT_CHARS})")


def _last_line(el: HtmlElement) -> int | None:
    """The line the block's text ends on, down its last children only (a few steps, not
    the whole subtree): where the window's tint of the dropped block stops."""
    if el.sourceline is None:
        return None
    end, node = el.sourceline + (el.text or "").count("\n"), el
    while len(node):
        node = node[-1]
        line = node.sourceline or end
        end = max(end, line + (node.text or "").count("\n") + (node.tail or "").count("\n"))
    return end


def _first_words(el: HtmlElement) -> str:
    """The block's first 80 characters of text, whitespace folded (in C: no Python per piece
    of text)."""
    return str(_FIRST_WORDS(el))


_current: ContextVar[DropLog | None] = ContextVar("clipper_drop_log", default=None)


@contextmanager
def collecting() -> Iterator[DropLog]:
    """Record the drops of one extraction."""
    log = DropLog()
    token = _current.set(log)
    try:
        yield log
    finally:
        _current.reset(token)


@contextmanager
def muted() -> Iterator[None]:
    """Drops that repeat ones already recorded (a page cleaned again for a retry)."""
    log = _current.get()
    if log is None or log.muted:
        yield
        return
    log.muted = True
    try:
        yield
    finally:
        log.muted = False


def current() -> DropLog | None:
    return _current.get()


def protected(el: HtmlElement) -> bool:
    """A block a site rule keeps, or one holding such a block (only while rules marked some)."""
    log = _current.get()
    if log is None or not log.protect:
        return False
    return el.get(RULE_ATTR) is not None or el.find(_MARKED) is not None


def drop(el: HtmlElement, reason: str) -> bool:
    """Remove ``el`` (and its subtree, keeping its tail) and say why; False when a site rule
    keeps it."""
    log = _current.get()
    if log is not None:
        if log.protect and (el.get(RULE_ATTR) is not None or el.find(_MARKED) is not None):
            return False
        log.add(el, reason)
    el.drop_tree()
    return True


def note(el: HtmlElement, reason: str) -> None:
    """Record a block left out without removing it (it stays on the page, outside the article);
    one a site rule keeps is not left out (the rule brings it into the article)."""
    log = _current.get()
    if log is not None and not protected(el):
        log.add(el, reason)


# -- reasons from names -------------------------------------------------------------------------

_NAME_REASONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), reason) for pattern, reason in (
        (r"comment|disqus|respond|replies|remark|discussion", "comments"),
        (r"shar(e|ing)|social|addthis|addtoany|shariff|sharedaddy", "share buttons"),
        (r"related|recommend|recirc|taboola|outbrain|more-?stor|read-?next|promo",
         "related links"),
        (r"newsletter|subscri|signup|sign-up|mailing", "newsletter prompt"),
        (r"cookie|consent|gdpr", "cookie notice"),
        (r"breadcrumb|crumbs|menu|(^|[^a-z])nav", "navigation"),
        (r"paginat|pager|prevnext|prev-next", "page links"),
        (r"(^|[^a-z])tag(s|ged|list|cloud)?([^a-z]|$)|taxonomy|keywords|topics",
         "tags"),
        (r"advert|(^|[^a-z])ads?([^a-z]|$)|adslot|adunit|sponsor|dfp|doubleclick|skyscraper|"
         r"banner", "advertisement"),
        (r"footer", "page footer"),
        (r"header|masthead", "page header"),
        (r"sidebar|aside|complementary|rail", "sidebar"),
        (r"author|(^|[^a-z])bio([^a-z]|$)|byline", "author box"),
        (r"popup|modal|overlay|dialog", "pop-up"),
    )
)


@lru_cache(maxsize=4096)
def name_reason(names: str) -> str:
    """Why a block named ``names`` (its class and id) is page furniture, in plain words."""
    low = names.lower()
    for pattern, reason in _NAME_REASONS:
        if pattern.search(low):
            return reason
    return "named like page furniture"


ROLE_REASONS = {"menu": "navigation", "menubar": "navigation", "navigation": "navigation",
                "complementary": "sidebar", "alert": "pop-up", "alertdialog": "pop-up",
                "dialog": "pop-up"}

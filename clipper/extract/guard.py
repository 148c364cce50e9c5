"""A second opinion when the chosen container may be the wrong part of the page.

The first pass (Readability's scores) picks one container. On most pages it holds most
of the page's text and nothing more is done. When it holds little of the page's text,
or the first pass had to loosen its rules to find anything, the whole page is read a
second way: every block is judged by jusText's language-independent measures
(``blocks``), and the container that holds most of the good prose is pruned like the
first. The pass that keeps more of the good prose wins. Either way the result carries
a ``confidence`` (0..1): the share of the page's good prose the clip holds, and a short
reason when it is low, which the window can show.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from lxml.html import HtmlElement

from clipper.extract.blocks import Block, classify_blocks, page_blocks
from clipper.extract.furniture import in_furniture, named_as_furniture
from clipper.extract.prune import prepare_article
from clipper.extract.score import Flags
from clipper.extract.text import inner_text, text_length
from clipper.htmltree import ElementsXPath

__all__ = ["Verdict", "needs_second_look", "second_look"]

SHARE_OF_PAGE = 0.15
"""A first pass keeping less than this share of the page's text is looked at again."""
CONTAINER_SHARE = 0.7
"""The whole-page pass takes the smallest element holding this share of the good prose."""
BETTER_BY = 1.5
MIN_SWAP = 300
"""Less good prose than this (one short block: a teaser, a quoted comment) replaces nothing."""
"""The second pass replaces the first when it keeps this many times more good prose."""
MIN_PROSE = 100
"""Less good prose than this outside the named parts: a thread's posts are in them."""
"""With no prose outside them, parts named like furniture are read too (forums)."""
CONFIDENT_SHARE = 0.5
"""Below this share of the page's good prose the clip is flagged as maybe elsewhere."""
SWAP_SHARE = 0.15
"""Below this share the first pass is compared with the whole-page pass; above it, a
short article beside a long comment thread is still the article."""
THIN = 500
"""Fewer characters than this: maybe a teaser, a paywall or a page scripts build."""
_PROBE = 60
"""Characters from each end of a block looked for in a clip's text."""

LITTLE_TEXT = "little text: maybe a teaser or a script-built page"
ELSEWHERE = "most of the page's prose is outside the clip"


@dataclass
class Verdict:
    """The article to keep and how sure the extractor is of it."""

    article: HtmlElement
    confidence: float = 1.0
    reason: str = ""

    def flag_rival(self) -> None:
        """The first pass saw a second article close behind the chosen one."""
        if not self.reason:
            self.reason = TWO_CANDIDATES
            self.confidence = min(self.confidence, 0.6)


RIVAL_SHARE = 0.85
"""A container outside the clip scoring this close to the chosen one is a second candidate."""
TWO_CANDIDATES = "two candidate articles"


def has_rival(article: HtmlElement, top: HtmlElement, scores: dict[HtmlElement, float]) -> bool:
    """Another container, outside the clip, scored nearly as high as the chosen one and
    holds as much text as an article (``scores``: the first pass's, after the choice)."""
    best = scores.get(top, 0.0)
    if best <= 0:
        return False
    for candidate, score in scores.items():
        if score < RIVAL_SHARE * best or candidate is top:
            continue
        root = candidate
        while root.getparent() is not None:
            root = root.getparent()
        if root is article or top in candidate.iterancestors() or candidate in top.iterancestors():
            continue  # inside the clip, or the chosen container's own ancestor
        if text_length(candidate) >= THIN:
            return True
    return False


def needs_second_look(article_length: int, page: HtmlElement, relaxed: bool) -> bool:
    """Cheap test: the first pass loosened its rules or kept little of the page's text."""
    if relaxed or article_length < THIN:
        return True
    return article_length < SHARE_OF_PAGE * text_length(page)


def _covered(text: str, good: list[Block]) -> int:
    """Characters of good blocks that a clip's text holds (by each block's ends)."""
    total = 0
    for block in good:
        probe = block.text
        if probe[:_PROBE] in text or probe[-_PROBE:] in text:
            total += len(probe)
    return total


_PAGE_PARTS = frozenset(("nav", "aside", "footer", "header", "form", "menu", "dialog"))
_NAMED = ElementsXPath("//*[@class or @id]")
WRAPPER_SHARE = 0.5
"""A part holding this share of the page's text is a wrapper, whatever its name."""


def _page_parts(page: HtmlElement, limit: float, by_name: bool = True,
                ) -> frozenset[HtmlElement]:
    """Navigation, forms, comment threads, sidebars: what is not the article on any page.

    Unlike the first pass's walk, a wrapper holding ``limit`` characters of text or more
    stays, even when its name says "header" or "dialog" (a page builder's canvas).
    ``by_name``: also the parts named so ("sidebar", "comment"); without, only the tags.
    """
    found = list(page.iter(*_PAGE_PARTS))
    if by_name:
        found.extend(el for el in _NAMED(page) if named_as_furniture(el))
    return frozenset(
        el for el in found
        if el.tag not in ("a", "body", "html") and el.getparent() is not None
        and text_length(el) < limit
    )


def _container(root: HtmlElement, good: list[Block], total: int) -> HtmlElement:
    """The deepest element holding ``CONTAINER_SHARE`` of the good prose."""
    mass: dict[HtmlElement, int] = {}
    for block in good:
        el: HtmlElement | None = block.element
        while el is not None:
            mass[el] = mass.get(el, 0) + len(block)
            if el is root:
                break
            el = el.getparent()
    best = root
    while True:
        heavy = [c for c in best if mass.get(c, 0) >= CONTAINER_SHARE * total]
        if not heavy:
            return best
        best = heavy[0]


def second_look(first: HtmlElement, pristine: HtmlElement, lang: str | None,
                url: str | None, swap: bool = True, thread: bool = False) -> Verdict:
    """Compare the first pass's article with a whole-page pass and keep the better.

    ``pristine``: the cleaned page before the first pass's walk (it is not changed).
    ``swap``: False when the first pass's article is the one the page's address names
    (a page of several stories), which only gets its confidence measured. ``thread``: the
    page is a discussion thread (``kinds.is_thread``), whose posts may be named "comment".
    """
    page = pristine
    limit = WRAPPER_SHARE * text_length(page)
    by_name = True
    good, total = _good_blocks(page, lang, _page_parts(page, limit))
    if total < MIN_PROSE and thread:
        # All the prose of a thread sits in parts named like page furniture: posts
        # named "comment" or "reply". Read them too.
        by_name = False
        good, total = _good_blocks(page, lang, _page_parts(page, limit, by_name))
    first_length = text_length(first)
    if not total:
        reason = LITTLE_TEXT if first_length < THIN else ""
        return Verdict(first, 0.3 if reason else 0.6, reason)
    kept = _covered(inner_text(first), good)
    if kept >= SWAP_SHARE * total or not swap:
        return _verdict(first, kept / total, first_length)
    container = _container(page, good, total)
    if by_name and in_furniture(container):
        # a comment thread or a sidebar of teasers holding most of the page's prose,
        # kept from the skipped parts only for its size: the first pass's article stays
        return _verdict(first, kept / total, first_length)
    article, other_kept = _pruned(container, good, (limit, by_name), url)
    if other_kept > BETTER_BY * kept and other_kept >= max(0.2 * total, MIN_SWAP) \
            and not (first_length >= THIN and _holds(article, first)):
        return _verdict(article, other_kept / total, text_length(article))
    return _verdict(first, kept / total, first_length)


def _good_blocks(page: HtmlElement, lang: str | None,
                 skip: frozenset[HtmlElement]) -> tuple[list[Block], int]:
    blocks = page_blocks(page, skip)
    classify_blocks(blocks, lang)
    good = [b for b in blocks if b.good]
    return good, sum(len(b) for b in good)


def _pruned(container: HtmlElement, good: list[Block], parts: tuple[float, bool],
            url: str | None) -> tuple[HtmlElement, int]:
    """A copy of ``container`` without page parts, pruned as the first pass prunes; and
    the good prose it keeps. ``parts``: the wrapper limit and whether names count."""
    other = copy.deepcopy(container)
    for part in _page_parts(other, *parts):
        if part.getparent() is not None:
            part.drop_tree()
    article = other.makeelement("div", {})
    article.append(other)
    by_name = parts[1]
    # A thread's posts wear the names Readability's cleaning condemns ("comment"): there
    # only the numbers (link density, text) judge.
    flags = Flags() if by_name else Flags(weight_classes=False, clean_conditionally=False)
    prepare_article(article, flags, url)
    return article, _covered(inner_text(article), good)


def _verdict(article: HtmlElement, share: float, length: int) -> Verdict:
    confidence = round(min(1.0, share), 2)
    if length < THIN:
        return Verdict(article, min(confidence, 0.4), LITTLE_TEXT)
    if share < CONFIDENT_SHARE:
        return Verdict(article, confidence, ELSEWHERE)
    return Verdict(article, confidence, "")


def _holds(article: HtmlElement, first: HtmlElement) -> bool:
    """The whole-page pass's ``article`` holds the first pass's from its first words to its
    last: it found the same article with what surrounds it (a carousel of teasers whose
    one-line summaries read as prose), not a part the first pass missed. A first article
    of ``THIN`` characters or more then stays (readability-lxml keeps it too)."""
    text = " ".join(inner_text(article).split())
    own = " ".join(inner_text(first).split())
    return own[:_PROBE] in text and own[-_PROBE:] in text

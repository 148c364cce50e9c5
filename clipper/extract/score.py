"""Score candidate containers by the paragraphs they hold (Readability.js's model).

Every paragraph-like element of 25+ characters gives points (1, +1 per comma, +1 per
100 characters up to 3) to its parent, half to its grandparent and a third of its
level to the ancestors above, up to five levels; a container starts from a tag- and
class-based prior. Scores are kept in a dict keyed by element (lxml keeps an element's
proxy alive while the dict holds it, so identity stays stable).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml.html import HtmlElement

from clipper.extract.patterns import NEGATIVE, POSITIVE, has_any, is_negative
from clipper.extract.text import comma_count, inner_text, link_density, text_length

_TAG_PRIOR = {
    "div": 5.0,
    "pre": 3.0, "td": 3.0, "blockquote": 3.0,
    "address": -3.0, "ol": -3.0, "ul": -3.0, "dl": -3.0, "dd": -3.0, "dt": -3.0, "li": -3.0,
    "form": -3.0,
    "h1": -5.0, "h2": -5.0, "h3": -5.0, "h4": -5.0, "h5": -5.0, "h6": -5.0, "th": -5.0,
}

MAX_ANCESTOR_LEVELS = 5
MIN_PARAGRAPH_CHARS = 25
TOP_CANDIDATES = 5
MIN_CANDIDATE_CHARS = 140
"""Candidates with less text than this are scaled down: a class name is not an article."""


@dataclass
class Flags:
    """The three strictness switches Readability relaxes, one at a time, on thin results."""

    strip_unlikely: bool = True
    weight_classes: bool = True
    clean_conditionally: bool = True

    def relax(self) -> bool:
        """Turn off the next switch; False when all are already off."""
        if self.strip_unlikely:
            self.strip_unlikely = False
        elif self.weight_classes:
            self.weight_classes = False
        elif self.clean_conditionally:
            self.clean_conditionally = False
        else:
            return False
        return True


def class_weight(el: HtmlElement, flags: Flags, ignore: frozenset[str] = frozenset()) -> int:
    """+25/-25 for a positive/negative class, and again for the id.

    Negative words in ``ignore`` (the article's own template vocabulary) do not count in
    the class.
    """
    if not flags.weight_classes:
        return 0
    weight = 0
    for name, value in (("class", el.get("class")), ("id", el.get("id"))):
        if value:
            lowered = _unqualified(value.lower())
            if is_negative(lowered) and not (
                    ignore and name == "class" and negative_words(lowered) <= ignore
                    and " hid " not in f" {lowered} "):
                weight -= 25
            if has_any(lowered, POSITIVE):
                weight += 25
    return weight


def _unqualified(lowered: str) -> str:
    """Drupal's ``field--label-hidden`` says the field's label is hidden, not the field:
    every field of an article wears it, so it is no negative word. A comment's body
    (``comment-body``) is a comment's, not the article's (``comment_part``)."""
    lowered = comment_part(lowered)
    return lowered.replace("label-hidden", "label") if "label-hidden" in lowered else lowered


_COMMENT_PART = re.compile(r"comments?[-_]*(?:body|content|text|main|entry|post)")


def comment_part(lowered: str) -> str:
    """A class or id naming a part of a comment ("commentbody", "comment-content",
    "comment_text") as just "comment": its second word says which part of the comment it
    is, not that it is the article's body or text. Readability's positive word would cancel
    the negative one (a class weight of 0, and no unlikely candidate), and a blog's replies
    under a post, each a "commentbody", stay in the clip."""
    return _COMMENT_PART.sub("comment", lowered) if "comment" in lowered else lowered


def negative_words(lowered: str) -> frozenset[str]:
    """The negative class words in a lower-cased class/id string."""
    return frozenset(word for word in NEGATIVE if word in lowered)


def initial_score(el: HtmlElement, flags: Flags) -> float:
    return _TAG_PRIOR.get(el.tag, 0.0) + class_weight(el, flags)


def paragraph_points(text: str) -> float:
    """What one paragraph is worth to the containers around it."""
    return 1.0 + comma_count(text) + 1 + min(len(text) // 100, 3)


def score_paragraphs(
    elements: list[HtmlElement], flags: Flags
) -> tuple[dict[HtmlElement, float], list[HtmlElement]]:
    """Spread paragraph points over ancestors; returns (scores, candidates in order met)."""
    scores: dict[HtmlElement, float] = {}
    candidates: list[HtmlElement] = []
    for el in elements:
        parent = el.getparent()
        if parent is None:
            continue
        text = inner_text(el)
        if len(text) < MIN_PARAGRAPH_CHARS:
            continue
        points = paragraph_points(text)
        level = 0
        ancestor: HtmlElement | None = parent
        while ancestor is not None and level < MAX_ANCESTOR_LEVELS:
            up = ancestor.getparent()
            if up is None:  # <html> itself is never a candidate
                break
            if ancestor not in scores:
                scores[ancestor] = initial_score(ancestor, flags)
                candidates.append(ancestor)
            divider = 1 if level == 0 else 2 if level == 1 else level * 3
            scores[ancestor] += points / divider
            ancestor = up
            level += 1
    return scores, candidates


def top_candidates(
    scores: dict[HtmlElement, float], candidates: list[HtmlElement], page_url: str | None
) -> list[HtmlElement]:
    """Scale every score by (1 - link density) and keep the best few, best first."""
    top: list[HtmlElement] = []
    rank: dict[HtmlElement, float] = {}
    links: dict[HtmlElement, float] = {}  # candidates nest: each link is measured once
    for cand in candidates:
        length = text_length(cand)
        score = scores[cand] * (1 - link_density(cand, page_url, length, links))
        scores[cand] = rank[cand] = score
        if length < MIN_CANDIDATE_CHARS and score > 0:
            # A "post-ratings" box wins on its name alone; an article has words. (Only the
            # ranking: as a sibling of the winner, a short header still joins it.)
            rank[cand] = score * length / MIN_CANDIDATE_CHARS
        score = rank[cand]
        for i in range(TOP_CANDIDATES):
            if i >= len(top) or score > rank[top[i]]:
                top.insert(i, cand)
                if len(top) > TOP_CANDIDATES:
                    top.pop()
                break
    return top

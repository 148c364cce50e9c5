"""Choose the article's subtree: prepare the page, find the best container, add its siblings.

This is Readability.js's ``_grabArticle`` on lxml: one walk over the page drops
unlikely candidates (navigation, sidebars, comment threads...), the byline and the
heading that repeats the title, turns text-only ``<div>``s into paragraphs and
collects what to score; then the best-scored container is widened to a common
ancestor when rivals score close, and siblings that look like article text join it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml.html import HtmlElement

from clipper.extract import droplog
from clipper.extract.between import with_blocks_between
from clipper.extract.clean import is_phrasing
from clipper.extract.climb import adds_link_lists, repeated_others
from clipper.extract.consent import is_consent_notice
from clipper.extract.context import ExtractionContext
from clipper.extract.layout import into_cell, keeps_grid, whole_table
from clipper.extract.patterns import (
    ALTER_TO_DIV_EXCEPTIONS,
    BYLINE,
    DIV_TO_P_ELEMS,
    MAYBE_CANDIDATE,
    SENTENCE_END,
    TAGS_TO_SCORE,
    UNLIKELY_CANDIDATES,
    UNLIKELY_ROLES,
    has_any,
)
from clipper.extract.score import (
    Flags,
    comment_part,
    initial_score,
    score_paragraphs,
    top_candidates,
)
from clipper.extract.text import inner_text, link_density, text_length
from clipper.htmltree import add_text_before
from clipper.htmltree import inside as is_inside
from clipper.markdown.callouts import is_callout

_WORDS = re.compile(r"\W+")
_SUBHEADINGS = frozenset(("h2", "h3", "h4", "h5", "h6"))
_MAYBE_EMPTY = frozenset(("div", "section", "header", "h1", "h2", "h3", "h4", "h5", "h6"))


@dataclass
class WalkResult:
    to_score: list[HtmlElement] = field(default_factory=list)


def text_similarity(a: str, b: str) -> float:
    """Share of b's words (by length) that also occur in a; Readability's title test."""
    tokens_a = [t for t in _WORDS.split(a.lower()) if t]
    tokens_b = [t for t in _WORDS.split(b.lower()) if t]
    if not tokens_a or not tokens_b:
        return 0.0
    set_a = set(tokens_a)
    unique_b = [t for t in tokens_b if t not in set_a]
    return 1 - len(" ".join(unique_b)) / len(" ".join(tokens_b))


PROSE_BEFORE = 100
"""A paragraph this long before a heading, beside it, shows the article has begun."""
SUBHEADING_WORDS = 3
"""A shorter heading ("Videos") says nothing the title does not: it goes, as in Readability."""


def _subheading(heading: HtmlElement, title: str) -> bool:
    """A heading inside the text that shares most of its words with the title ("Im Gespräch
    mit X" under "Lieblingslabel: … + Interview mit X"): an h2 that comes after a paragraph
    of prose and says much less than the title. A headline repeating the title stands
    before the text; an h1 is the headline even after a notice ("Editor's note: …")."""
    text = inner_text(heading)
    if heading.tag != "h2" or len(text.split()) < SUBHEADING_WORDS:
        return False
    if text_similarity(text, title) > 0.75:
        return False
    return any(el.tag == "p" and len(el.text_content()) >= PROSE_BEFORE
               for el in heading.itersiblings(preceding=True))


def _has_ancestor(el: HtmlElement, tag: str, max_depth: int = 0) -> bool:
    depth = 0
    parent = el.getparent()
    while parent is not None:
        if max_depth and depth >= max_depth:
            return False
        if parent.tag == tag:
            return True
        parent = parent.getparent()
        depth += 1
    return False


def _is_without_content(el: HtmlElement) -> bool:
    for child in el:
        if child.tag not in ("br", "hr"):
            return False
    return not el.text_content().strip()


def _has_single_child(el: HtmlElement, tag: str) -> bool:
    """Exactly one child element, of that tag, and no text of its own."""
    if len(el) != 1 or el[0].tag != tag:
        return False
    return not ((el.text or "").strip() or (el[0].tail or "").strip())


def _has_child_block(el: HtmlElement) -> bool:
    for child in el:
        if child.tag in DIV_TO_P_ELEMS:
            return True
    return next(el.iterdescendants(*DIV_TO_P_ELEMS), None) is not None


def _wrap_phrasing(div: HtmlElement) -> None:
    """Put runs of inline content that sit between blocks of a div into paragraphs."""
    has_block = False
    has_inline = bool((div.text or "").strip())
    for child in div:
        if is_phrasing(child):
            has_inline = True
        else:
            has_block = True
        if (child.tail or "").strip():
            has_inline = True
    if not (has_block and has_inline):
        return
    children = list(div)
    p: HtmlElement | None = None
    if (div.text or "").strip():
        p = div.makeelement("p", {})
        p.text = div.text
        div.text = None
        div.insert(0, p)
    for child in children:
        if is_phrasing(child):
            if p is None:
                p = div.makeelement("p", {})
                div.replace(child, p)
            p.append(child)  # carries its tail along
        else:
            if p is not None:
                _trim_trailing_whitespace(p)
                p = None
            if (child.tail or "").strip():
                p = div.makeelement("p", {})
                p.text = child.tail
                child.tail = None
                child.addnext(p)
    if p is not None:
        _trim_trailing_whitespace(p)


def _trim_trailing_whitespace(p: HtmlElement) -> None:
    while len(p) and p[-1].tag == "br" and not (p[-1].tail or "").strip():
        p.remove(p[-1])


def _valid_byline(text: str) -> bool:
    text = text.strip()
    return 0 < len(text) < 100


def walk_page(body: HtmlElement, flags: Flags, title: str | None,  # noqa: C901 -- Readability's single preorder pass; split, each part would walk the page again
              context: ExtractionContext) -> WalkResult:
    """One preorder pass that prunes, converts divs and collects elements to score."""
    result = WalkResult()
    remove_title = bool(title)
    unlikely: dict[str, bool] = {}  # blocks repeat their names: each is judged once
    stack = [body]
    while stack:
        node = stack.pop()
        tag = node.tag
        if not isinstance(tag, str):
            continue
        if node is not body:
            named = bool(node.keys())  # most nodes have no attribute: no name, role nor byline
            cls, ident = (node.get("class"), node.get("id")) if named else (None, None)
            match = f"{cls or ''} {ident or ''}".lower() if cls or ident else ""
            if match and is_consent_notice(node, match, body) and \
                    droplog.drop(node, "cookie notice"):
                continue
            if named and not context.byline and _byline_node(node, match):
                context.byline = " ".join(node.text_content().split())
                droplog.drop(node, "byline (kept in the front matter)")
                continue
            if remove_title and tag in ("h1", "h2") and title and (
                text_similarity(title, inner_text(node)) > 0.75
            ) and not _subheading(node, title):
                remove_title = False
                context.headline_parent = node.getparent()  # where the article starts
                droplog.drop(node, "duplicate of the title")
                continue
            if flags.strip_unlikely and named:
                if (
                    match
                    and _unlikely(match, unlikely)
                    and tag != "a"
                    and tag not in _SUBHEADINGS  # "subheader", "section-header": text
                    and not _has_ancestor(node, "table")
                    and not _has_ancestor(node, "code")
                ) and droplog.drop(node, droplog.name_reason(match)):
                    continue
                role = node.get("role")
                if role and role in UNLIKELY_ROLES and not (
                    role == "alert" and is_callout(node)
                ) and droplog.drop(node, droplog.ROLE_REASONS.get(role, "navigation")):
                    continue
            if tag in _MAYBE_EMPTY and _is_without_content(node) and droplog.drop(node, "empty"):
                continue
        if tag in TAGS_TO_SCORE:
            result.to_score.append(node)
        elif tag == "div":
            _wrap_phrasing(node)
            if _has_single_child(node, "p") and link_density(node, context.base_url) < 0.25:
                child = node[0]
                child.tail = node.tail
                if child.get("class") is None and child.get("id") is None:
                    # keep the wrapper's name: "cookie-consent" still tells what this is
                    for attr in ("class", "id"):
                        if node.get(attr):
                            child.set(attr, node.get(attr))
                mark = node.get(droplog.RULE_ATTR)
                if mark is not None:  # a site rule's mark stays on the block
                    child.set(droplog.RULE_ATTR, mark)
                parent = node.getparent()
                if parent is not None:
                    parent.replace(node, child)
                    node = child
                    result.to_score.append(node)
            elif not _has_child_block(node):
                node.tag = "p"
                result.to_score.append(node)
        stack.extend(reversed(node))
    return result


def _unlikely(match: str, known: dict[str, bool]) -> bool:
    found = known.get(match)
    if found is None:
        names = comment_part(match)  # "commentbody" is a comment's
        found = known[match] = has_any(names, UNLIKELY_CANDIDATES) and not has_any(
            names, MAYBE_CANDIDATE)
    return found


def _byline_node(node: HtmlElement, match: str) -> bool:
    itemprop = node.get("itemprop") or ""
    if node.get("rel") == "author" or "author" in itemprop or (match and has_any(match, BYLINE)):
        return _valid_byline(node.text_content())
    return False


def choose_top(
    body: HtmlElement, to_score: list[HtmlElement], flags: Flags, page_url: str | None,
    within: HtmlElement | None = None,
) -> tuple[HtmlElement, dict[HtmlElement, float]]:
    """The container to keep and the scores; with no candidate, a new div of the whole body.

    ``within``, the article the URL names on a page of several, bounds the choice.
    """
    scores, candidates = score_paragraphs(to_score, flags)
    if within is not None:
        inside = set(within.iter())
        candidates = [c for c in candidates if c in inside]
    top = top_candidates(scores, candidates, page_url)
    if within is not None:
        if not top:
            return within, scores
        best, _ = _climb(body, top, scores, flags)
        if within in _ancestors(best):
            return best, scores
        return within, scores
    best, scores = _climb(body, top, scores, flags)
    article = _lone_article(best)
    if article is not None:
        best = article
        if best not in scores:
            scores[best] = initial_score(best, flags)
    return best, scores


def _lone_article(best: HtmlElement) -> HtmlElement | None:
    """The one ``<article>`` inside a wrapper whose other text is mostly links, or None.

    A wrapper named "content" can outscore the post it holds because a sidebar of blurbs
    and link lists sits beside it; the page's own markup says where the post is. Only a
    lone article holding most of the text counts, and only when what lies outside it is
    link-heavy (a sidebar, recent posts), not a headline, byline or author box of prose.
    """
    if best.tag == "article":
        return None
    outer = [a for a in best.iter("article") if not _inside_article(a, best)]
    if len(outer) != 1:
        return None
    article = outer[0]
    total = text_length(best)
    inside = text_length(article)
    rest = total - inside
    if not total or inside < total * _ARTICLE_SHARE or rest < total * 0.05:
        return None
    if _tied_by_anchors(best, article):
        return None  # its notes, or a table of contents: the wrapper's text is the post's
    linked = sum(text_length(a) for a in best.iter("a"))
    linked -= sum(text_length(a) for a in article.iter("a"))
    return article if linked >= rest * _REST_LINKED else None


def _tied_by_anchors(best: HtmlElement, article: HtmlElement) -> bool:
    """A link in the article points at an id outside it in ``best``, or one outside points
    in: footnote marks and their notes, back-links, a table of contents. Text the page links
    to from inside the post is part of it, however much of it sits in links."""
    inside = {el.get("id") for el in article.iter() if el.get("id")}
    outside = {el.get("id") for el in best.iter() if el.get("id")} - inside
    for a in best.iter("a"):
        href = a.get("href") or ""
        if not href.startswith("#") or len(href) < 2:
            continue
        target, within = href[1:], is_inside(a, article)
        if (target in outside) if within else (target in inside):
            return True
    return False


def _inside_article(el: HtmlElement, top: HtmlElement) -> bool:
    """``el`` sits in another ``<article>`` below ``top`` (a comment, a quoted post)."""
    parent = el.getparent()
    while parent is not None and parent is not top:
        if parent.tag == "article":
            return True
        parent = parent.getparent()
    return False


_ARTICLE_SHARE = 0.5
"""The lone article holds at least this share of the wrapper's text."""
_REST_LINKED = 0.4
"""At least this share of the text outside it sits in links: furniture, not the post's own parts."""


def _climb(
    body: HtmlElement, top: list[HtmlElement], scores: dict[HtmlElement, float], flags: Flags
) -> tuple[HtmlElement, dict[HtmlElement, float]]:
    """From the best candidates to the article container: common ancestor, better parent."""
    if not top or top[0] is body:
        wrapper = body.makeelement("div", {})
        wrapper.text = body.text
        body.text = None
        for child in list(body):
            wrapper.append(child)
        body.append(wrapper)
        scores[wrapper] = initial_score(wrapper, flags)
        return wrapper, scores
    best = top[0]
    # Rivals scoring close to the best that share an ancestor: the article is that ancestor.
    cards = repeated_others(best, top[1:])  # a carousel's cards are no parts of it
    rivals = [
        _ancestors(c) for c in top[1:] if scores[best] and scores[c] / scores[best] >= 0.75
        and c not in cards
    ]
    if len(rivals) >= 3:
        parent = best.getparent()
        while parent is not None and parent.tag != "body":
            if sum(1 for chain in rivals if parent in chain) >= 3:
                best = parent
                break
            parent = parent.getparent()
    if best not in scores:
        scores[best] = initial_score(best, flags)
    # Climb while the parent scores better (the article is split across its children).
    last = scores[best]
    threshold = last / 3
    parent = best.getparent()
    while parent is not None and parent.tag != "body":
        if parent not in scores:
            parent = parent.getparent()
            continue
        if scores[parent] < threshold:
            break
        if scores[parent] > last:
            if not adds_link_lists(parent, best):  # not the article beside teaser lists
                best = parent
            break
        last = scores[parent]
        parent = parent.getparent()
    best = whole_table(into_cell(best, scores))  # a layout table's main cell, a data table
    # A container that is the only child of its parent says nothing: take the parent.
    parent = best.getparent()
    while parent is not None and parent.tag != "body" and len(parent) == 1:
        best = parent
        parent = best.getparent()
    if best not in scores:
        scores[best] = initial_score(best, flags)
    return best, scores


def _ancestors(el: HtmlElement) -> list[HtmlElement]:
    out = []
    parent = el.getparent()
    while parent is not None:
        out.append(parent)
        parent = parent.getparent()
    return out


def gather_siblings(
    top: HtmlElement, scores: dict[HtmlElement, float], page_url: str | None,
    alone: bool = False,
) -> HtmlElement:
    """A new ``<div>`` holding the top candidate and the siblings that look like article.

    ``alone``: the top is the article the URL names, and its siblings are other articles.
    """
    article = top.makeelement("div", {})
    parent = top.getparent()
    if parent is None or alone:
        if parent is not None:
            add_text_before(top, top.tail)
            top.tail = None
        article.append(top)
        return article
    top_score = scores.get(top, 0.0)
    threshold = max(10.0, top_score * 0.2)
    siblings = [s for s in parent if isinstance(s.tag, str)]
    scored = [_joins(s, top, scores, threshold, page_url) for s in siblings]
    for sibling, join, kept in zip(siblings, scored,
                                   with_blocks_between(siblings, scored, page_url), strict=True):
        if kept:
            if join and sibling.tag not in ALTER_TO_DIV_EXCEPTIONS and not (
                    sibling is top and keeps_grid(sibling)):
                sibling.tag = "div"
            add_text_before(sibling, sibling.tail)  # the tail stays in the page
            sibling.tail = None
            article.append(sibling)
    return article


def _joins(sibling: HtmlElement, top: HtmlElement, scores: dict[HtmlElement, float],
           threshold: float, page_url: str | None) -> bool:
    """Readability's test: ``sibling`` of the top candidate is article text."""
    if sibling is top:
        return True
    top_score = scores.get(top, 0.0)
    top_class = top.get("class") or ""
    bonus = top_score * 0.2 if top_class and sibling.get("class") == top_class else 0.0
    if sibling in scores and scores[sibling] + bonus >= threshold:
        return True
    if sibling.tag == "p":
        text = inner_text(sibling)
        density = link_density(sibling, page_url, len(text))
        return (len(text) > 80 and density < 0.25) or bool(
            0 < len(text) < 80 and density == 0 and SENTENCE_END.search(text)
        )
    return False


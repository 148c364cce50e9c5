"""Where on the page an element sits: hidden, in a comment thread, in page furniture.

Visible bylines and dates are only trusted inside the article itself; the same
words in a comment ("comment-author"), a related-stories list or a hidden
template belong to something else.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import chain

from lxml import etree
from lxml import html as lxml_html

from clipper.visibility import aria_hidden, hides

SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "img", "svg", "picture", "meta", "link",
    "input", "button", "select", "textarea", "form", "iframe", "head", "option",
})

# Class/id words of regions that are not the article, at the start of a word or
# of a segment ("post-comments", "c-card--related-content"). Words such as
# "has-sidebar" or "no-comments" describe the article's own layout and don't count.
_AWAY = re.compile(
    r"(?<![a-z])(?<!has-)(?<!has_)(?<!with-)(?<!with_)(?<!no-)(?<!no_)(?<!without-)(?<!is-)"
    r"(?<!and-)"
    r"(?:comment|disqus|respond|repl(?:y|ies)|related|recommend|popup|newsletter|sidebar|"
    r"promo|teaser|more-?(?:from|stories|news|articles)|read-?next|up-?next|recirc|"
    r"trending|most-?popular|popular|outbrain|taboola)",
    re.I,
)

_MARK_NAMES = ("class", "id", "rel", "itemprop")


_MAX_DEPTH = 120  # ancestors looked at; real pages nest far less, hostile ones far more


def body_of(doc: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    root = doc.getroottree().getroot()
    return root.find("body") if root.tag == "html" else root.find(".//body")


class Marks:
    """The elements under ``<body>`` marked by class/id/rel/itemprop values.

    The byline and the date searches both look for words in these attributes. Each
    reads them in a walk that hands an element over as soon as one of its values passes
    (the searches mostly stop at their first few candidates: the rest of a large page's
    values are never read, where one XPath building them all first was the costly part).
    """

    def __init__(self, doc: lxml_html.HtmlElement) -> None:
        self.body = body_of(doc)

    def elements(self, test: Callable[[str], bool]) -> Iterator[lxml_html.HtmlElement]:
        """Elements (document order, once each) with an attribute value passing *test*."""
        if self.body is None:
            return
        for el in self.body.iterdescendants(etree.Element):
            for name in _MARK_NAMES:
                value = el.get(name)
                if value is not None and test(value):
                    yield el
                    break


def hidden(el: lxml_html.HtmlElement) -> bool:
    return hides(el) or aria_hidden(el)


def away_marks(marks: str) -> bool:
    """Class/id text naming a comment thread, sidebar, related list and the like."""
    return _AWAY.search(marks) is not None


def outside_article(el: lxml_html.HtmlElement, *, own_marks_ok: bool = False) -> bool:
    """Inside something hidden, a skipped tag, a ``<nav>``, or a non-article region.

    With *own_marks_ok* the element's own class/id is not held against it (a
    byline classed "comment-author-name" is still rejected by its ancestors).
    """
    for depth, node in enumerate(chain((el,), el.iterancestors())):
        if depth > _MAX_DEPTH:
            return False
        tag = node.tag
        if tag in ("body", "html"):
            return False
        if tag in SKIP_TAGS or hidden(node):
            return True
        if node is el and own_marks_ok:
            continue
        if tag == "nav" and node is not el:
            return True
        marks = f"{node.get('class') or ''} {node.get('id') or ''}"
        if marks.strip() and away_marks(marks):
            return True
    return False


def headline_element(
    body: lxml_html.HtmlElement, title: str | None
) -> lxml_html.HtmlElement | None:
    """The h1 showing the title (or the first h1): bylines and dates sit just after it."""
    first = None
    folded = " ".join(title.split()).casefold() if title else ""
    for h1 in body.iter("h1"):
        text = " ".join(h1.text_content().split()).casefold()
        if not text:
            continue
        if folded and (text in folded or folded in text):
            return h1
        first = first if first is not None else h1
    return first


def following(start: lxml_html.HtmlElement,
              limit: int | None = None) -> Iterator[lxml_html.HtmlElement]:
    """Up to *limit* nodes (all when ``None``) after *start* in document order (its own
    subtree excluded)."""
    count = 0
    node: lxml_html.HtmlElement | None = start
    while node is not None and node.tag != "body":
        for sibling in node.itersiblings():
            for el in sibling.iter():
                if limit is not None and count >= limit:
                    return
                count += 1
                yield el
        node = node.getparent()

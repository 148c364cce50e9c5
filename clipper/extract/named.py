"""The article a URL names, on a page that holds several.

News sites with endless scrolling send the requested story followed by the next few,
each a full ``<article>``; scores alone pick the longest one. Those templates label each
story with its address (``id="the-story-slug"``, ``data-path="/2019/05/14/the-story-slug"``),
so the page itself says which one was asked for.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from lxml.html import HtmlElement

from clipper.extract.text import text_length
from clipper.htmltree import ElementsXPath

MIN_NAMED_CHARS = 500
"""A labelled element with less text is a teaser or a comment anchor, not the article."""

_CONTAINERS = frozenset(("article", "section", "div", "main", "li"))
_EXTENSION = re.compile(r"\.(?:s?html?|php\d?|aspx?|jsp|cfm)$", re.I)
_FIND = ElementsXPath(
    "(//@id[. = $slug] | //@*[starts-with(name(), 'data-')][. = $path or . = $rel or . = $url])/.."
)
"""The owners of the labels, in document order: libxml2 walks attribute steps faster than a
predicate testing every element's attributes (0.7 -> 0.45 ms on a page)."""


def _labels(url: str) -> tuple[str, str, str, str] | None:
    """(slug, path, path without the leading slash, URL without query) or None."""
    parts = urlsplit(url)
    path = unquote(parts.path).rstrip("/")
    slug = _EXTENSION.sub("", path.rpartition("/")[2])
    # A slug of one word ("page", "index", "12345") also names wrappers and sections.
    if len(re.findall(r"[^\W_]+", slug)) < 3:
        return None
    return slug, path, path.lstrip("/"), f"{parts.scheme}://{parts.netloc}{parts.path}"


def article_named_by(body: HtmlElement, urls: tuple[str | None, ...]) -> HtmlElement | None:
    """The one container labelled with the page's address, when it holds an article."""
    for url in dict.fromkeys(u for u in urls if u):
        labels = _labels(url)
        if labels is None:
            continue
        slug, path, rel, bare = labels
        found = [el for el in _FIND(body, slug=slug, path=path, rel=rel, url=bare)
                 if el.tag in _CONTAINERS]
        if len(found) == 1 and _one_of_several(found[0]) and (
                text_length(found[0]) >= MIN_NAMED_CHARS):
            return found[0]
    return None


def _one_of_several(el: HtmlElement) -> bool:
    """An ``<article>``, or one of a run of look-alike siblings (a header named after the
    story, with the text beside it, is not the story)."""
    if el.tag == "article":
        return True
    cls = el.get("class")
    parent = el.getparent()
    return bool(cls) and parent is not None and any(
        sib is not el and sib.tag == el.tag and sib.get("class") == cls for sib in parent)

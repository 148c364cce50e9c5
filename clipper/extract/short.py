"""Short articles: which block is the post when the page around it holds more text.

A blog post or a news brief of a few lines is shorter than the "About me" widget, the
disclaimer or the blogroll beside it. Readability's retry with looser rules then finds
one of those, or the wrapper of the post and its sidebar, and the longest attempt would
win (``attempts``). Three tests keep the short post the strict rules found:

- ``placed_in_furniture``: the looser attempt's block is placed on the cleaned page; when
  it sits in a part the page names as its furniture (a sidebar, a footer, a header:
  ``clipper.extract.furniture``) that does not hold the post, it is not the article,
  wherever it stands in the source. Comment threads are no such part: on a forum they
  are the content.
- ``adds_little_prose``: the looser attempt holds the post, but what it adds is not prose
  (blogrolls, tag lines, TrackBack) or sits in such a part ("About us").
- ``is_whole_article``: the conditional cleaning does not drop the block holding nearly
  all of a short article because its links weigh as much as its sentences.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree
from lxml.html import HtmlElement

from clipper.extract.blocks import classify_blocks, page_blocks
from clipper.extract.furniture import is_furniture
from clipper.extract.patterns import has_any
from clipper.extract.text import link_density

__all__ = ["MIN_ARTICLE_CHARS", "adds_little_prose", "element_at", "is_whole_article",
           "placed_apart", "placed_in_furniture"]


def element_at(page: HtmlElement, position: int) -> HtmlElement | None:
    """The element whose own text holds the ``position``-th character of the page's text
    without spaces (as ``attempts`` measures it: ``"".join(text.split())``)."""
    seen = 0
    for event, el in etree.iterwalk(page, events=("start", "end")):
        if event == "start":
            owner, text = el, el.text if isinstance(el.tag, str) else None
        else:
            owner, text = el.getparent(), el.tail if el is not page else None
        if not text or owner is None:
            continue
        seen += len("".join(text.split()))
        if seen > position:
            return owner
    return None


def placed_in_furniture(page: HtmlElement, position: int, article: int) -> bool:
    """The block starting at ``position`` of the page's text (without spaces) sits in a
    sidebar, a footer, a header or another part named as the page's furniture, one that
    does not hold the article starting at ``article`` (which is in none): a wrapper named
    "content-with-sidebar" around both is no sidebar."""
    el, post = element_at(page, position), element_at(page, article)
    if el is None or post is None or any(_part(e) for e in (post, *post.iterancestors())):
        return False
    return any(_part(e) and post not in e.iter() for e in (el, *el.iterancestors()))


def placed_apart(page: HtmlElement, position: int, article: int) -> bool:
    """The block starting at ``position``, after the article starting at ``article``, sits
    in the page's furniture (``placed_in_furniture``) or in a comment thread that does not
    hold the article: the sidebar beside a post of a few lines, or the replies under it."""
    if article >= position:
        return False
    if placed_in_furniture(page, position, article):
        return True
    el, post = element_at(page, position), element_at(page, article)
    if el is None or post is None:
        return False
    return any(_discussion(e) and post not in e.iter() for e in (el, *el.iterancestors()))


def _discussion(el: HtmlElement) -> bool:
    return el.tag not in _NOT_PARTS and \
        has_any(f"{el.get('class') or ''} {el.get('id') or ''}".lower(), _DISCUSSION)


_NOT_PARTS = frozenset(("body", "html", "h1", "h2", "h3", "h4", "h5", "h6"))
_DISCUSSION = ("comment", "disqus", "replies", "remark", "community", "shoutbox")


def _part(el: HtmlElement) -> bool:
    """A part of the page named as its furniture; not the body ("no-sidebars") nor a
    heading ("date-header": the walk keeps those too), nor a discussion: on a forum the
    posts are named "comment" or "reply", and they are the page's content."""
    if el.tag in _NOT_PARTS or not is_furniture(el):
        return False
    return not has_any(f"{el.get('class') or ''} {el.get('id') or ''}".lower(), _DISCUSSION)


EXTRA_PROSE = 0.75
"""Good prose a looser attempt adds, as a share of the strict article's text, that makes it
more than the same post with the page around it."""
_PROBE = 60
_PROSE = frozenset(("good", "neargood"))


def adds_little_prose(strict: HtmlElement, looser: HtmlElement) -> bool:
    """The looser attempt, which holds the strict short article, adds little prose to it:
    what it adds is the page around the post (a blogroll, tag lines, an edition menu,
    TrackBack, store links). Each block is judged by jusText's own measures (length, stop
    words, links: ``blocks``), good or near-good being prose; the prose outside the strict
    article must be under ``EXTRA_PROSE`` of its text (a post of short lines is mostly not
    prose by those measures), and it must hold some."""
    text = " ".join(strict.text_content().split())
    blocks = page_blocks(looser)
    classify_blocks(blocks, None)
    own = extra = 0
    for block in blocks:
        if block.cf_class not in _PROSE:
            continue  # not by its neighbours: on a page this short they are few
        probe = block.text
        if probe[:_PROBE] in text or probe[-_PROBE:] in text:
            own += len(probe)
        elif not _in_part(block.element, looser):
            extra += len(probe)
    return own > 0 and extra < EXTRA_PROSE * len(text)


def _in_part(el: HtmlElement, root: HtmlElement) -> bool:
    """``el`` sits in a sidebar, a footer or another part named as the page's furniture
    (below ``root``): the strict rules struck it out by its name, and it is no prose the
    article adds ("About us", "{small print}")."""
    for e in (el, *el.iterancestors()):
        if e is root:
            return False
        if _part(e):
            return True
    return False


WHOLE_SHARE = 0.9
"""A block holding this share of the article's text is the article, not a widget in it."""
MAX_LINKS = 0.5
"""More of its text in links than this, the block is a menu, whatever it holds."""
MIN_ARTICLE_CHARS = 500
"""Below this an article is short: the selection is retried with looser rules (Readability's
char threshold), and its whole block is kept from the conditional cleaning."""


def is_whole_article(node: HtmlElement, root: HtmlElement,
                     length: Callable[[HtmlElement], int]) -> bool:
    """``node`` holds nearly all the text of a short article (``root``): Readability's
    conditional cleaning judges the widgets inside an article, and a short post whose links
    ("Click here", "via", the author's handle) weigh as much as its few sentences is still
    the post. Dropping it leaves a scrap, and the looser retry then finds the sidebar. (A
    longer container dropped whole is left to the retry, which finds its article inside;
    one with most of its text in links is a menu.)"""
    total = length(root)
    if not 0 < total < MIN_ARTICLE_CHARS:
        return False
    size = length(node)
    return size >= WHOLE_SHARE * total and link_density(node, None, size) <= MAX_LINKS

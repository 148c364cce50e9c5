"""The lead paragraph between the headline and the body comes along, named or not.

News and press pages set a lead ("Vorspann", "teaser-text", "content__intro") under the
headline, in the header block with the date, and the container chosen for the body starts
below it. ``standfirst`` finds it when the page's description repeats it; many pages
describe themselves otherwise. What makes it the writer's is how it reads: between the
headline and the body's first text there is a block of prose (sentences, the language's
stop words, few links), standing on its own outside links, lists, figures and page
parts. The first such block is put at the clip's start.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from lxml.html import HtmlElement

from clipper.extract.blocks import page_blocks, stoplist_for
from clipper.extract.metadata.dom import following
from clipper.extract.patterns import BYLINE, NEGATIVE, has_any
from clipper.extract.select import text_similarity
from clipper.extract.standfirst import held_in, words_of
from clipper.extract.text import class_and_id, inner_text

__all__ = ["add_lead"]

MIN_CHARS = 80
"""A shorter block is a date line, a kicker or a label, not a lead."""
MAX_CHARS = 700
"""A longer block is the body itself or a teaser list, not a lead."""
STOPWORDS = 0.3
"""jusText's high stop-word density: prose."""
MAX_LINK_SHARE = 0.2
"""A block with more of its text in links is a teaser or a link line, not the writer's."""
TITLE_MATCH = 0.75
"""Readability's title test, as the selection walk drops the headline by it."""
TITLE_SHARE = 0.5
"""The share of the title's words the headline holds, at least."""
MAX_BETWEEN = 3
"""Blocks of text looked at between the headline and the body (date, kicker, lead)."""
_SENTENCE_END = (".", "!", "?", "…", "\"", "”", "“", "»", "«", ")")
_DEKS = frozenset(("h2", "h3"))
_LEADS = frozenset(("p", "div"))
_PICTURES = ("img", "picture", "video", "figure", "iframe")
_ELSEWHERE = frozenset(("nav", "aside", "footer", "a", "li", "figure", "figcaption", "form",
                        "button", "table", "blockquote", "ul", "ol", "dl", "h1", "h2", "h3",
                        "h4", "h5", "h6"))


def add_lead(article: HtmlElement, page: HtmlElement, title: str | None,
             lang: str | None) -> bool:
    """Put the subheadline and the prose block standing between ``page``'s headline (the
    one matching ``title``) and ``article``'s first text at the start of ``article``."""
    if not title:
        return False
    first = _first_line(article)
    if first is None:
        return False
    headline = _headline(page, title)
    if headline is None or headline.sourceline is None or headline.sourceline >= first:
        return False
    words = None  # the clip's words, read once a block is found (most pages have none)
    at = 0
    for block in (_dek(headline, first, lang), _lead_after(headline, first, lang)):
        if block is None or _dropped_from(block, article):
            continue
        text = " ".join(inner_text(block).split())
        if words is None:
            words = words_of(inner_text(article))
        if held_in(text, words):
            continue
        lead = article.makeelement("p", {})
        lead.text = text
        article.insert(at, lead)
        at += 1
        words = f"{words_of(text)} {words}"  # a lead repeating the subheadline comes once
    return at > 0


def _headline(page: HtmlElement, title: str) -> HtmlElement | None:
    """The first h1 naming ``title``, else the first h2: a strip of teasers over the page
    may name this article too, in an h2 before the page's own h1."""
    for tag in ("h1", "h2"):
        found = next((h for h in page.iter(tag) if _names(h, title)), None)
        if found is not None:
            return found
    return None


def _names(heading: HtmlElement, title: str) -> bool:
    """``heading`` is the article's headline: its words are the title's, it holds most of
    the title's (a blog's name over every post is only part of it), it is no link home and
    stands in no banner or widget."""
    text = inner_text(heading)
    return text_similarity(title, text) > TITLE_MATCH and \
        text_similarity(text, title) >= TITLE_SHARE and not _links_home(heading) \
        and not _named_aside(heading)


def _links_home(heading: HtmlElement) -> bool:
    """``heading`` links to a site's home page: it is the site's name (a blog's title over
    its posts, the page's title taken from it), not the article's headline."""
    for a in heading.iter("a"):
        try:
            parts = urlsplit(a.get("href") or "")
        except ValueError:
            continue
        if parts.path in ("", "/") and not parts.query and (parts.netloc or parts.path):
            return True
    return False


def _dropped_from(block: HtmlElement, article: HtmlElement) -> bool:
    """``block`` stands inside a container the clip keeps (the same tag and names opening on
    the same source line), yet is not in the clip: the cleaning dropped it there as an ad
    or a prompt, and putting it back as a lead would undo that."""
    kept = {_key(el) for el in article.iter()
            if isinstance(el.tag, str) and el.sourceline is not None}
    return any(_key(node) in kept for node in (block, *block.iterancestors()))


def _key(el: HtmlElement) -> tuple[str, int | None, str | None, str | None]:
    """What tells one element of the page from another across two copies of its tree."""
    return el.tag, el.sourceline, el.get("class"), el.get("id")


def _first_line(article: HtmlElement) -> int | None:
    """The source line of ``article``'s first text: the clip's copy of the page and the
    page itself are two trees, and their lines are what they share."""
    return next((el.sourceline for el in article.iter()
                 if isinstance(el.tag, str) and el.sourceline is not None
                 and (el.text or "").strip()), None)


def _dek(headline: HtmlElement, first: int, lang: str | None) -> HtmlElement | None:
    """The subheadline right under ``headline``, before source line ``first``: the lead in
    one line, which the paragraph lead under it goes on from. Not a tagline set in lower
    case ("an insider's perspective…"), nor a byline set as a heading."""
    el = headline.getnext()
    if el is None or el.tag not in _DEKS or el.sourceline is None or el.sourceline >= first:
        return None
    text = inner_text(el).strip()
    if text[:1].islower() or _named(el) or not _prose(el, text, lang, dek=True):
        return None
    return el


def _lead_after(headline: HtmlElement, first: int, lang: str | None) -> HtmlElement | None:
    """The first block of prose after ``headline`` and before source line ``first``."""
    seen = 0
    shared = set(headline.iterancestors())
    for el in following(headline):
        line = el.sourceline
        if line is None or line >= first:
            return None
        if not isinstance(el.tag, str) or el.tag not in _LEADS:
            continue
        if any(child.tag in ("p", "div") for child in el if isinstance(child.tag, str)):
            continue  # a wrapper: its paragraphs come next
        text = " ".join(inner_text(el).split())
        if not text:
            continue
        seen += 1
        if seen > MAX_BETWEEN:
            return None
        if _prose(el, text, lang) and not _pictured(el) and not _named_aside(el) \
                and not _boxed(el, shared) \
                and not any(a.tag in _ELSEWHERE for a in el.iterancestors()):
            return el
    return None


def _pictured(el: HtmlElement) -> bool:
    """``el`` stands beside a picture: a caption, not a lead."""
    parent = el.getparent()
    return parent is not None and next(parent.iter(*_PICTURES), None) is not None


def _named_aside(el: HtmlElement) -> bool:
    """``el`` or its parent is named as a byline, an author's note or page furniture
    (Readability's negative names: "meta", "media", "widget", "share"...)."""
    return any(node is not None and _named(node) for node in (el, el.getparent()))


def _named(node: HtmlElement) -> bool:
    names = class_and_id(node).lower()
    return bool(names) and (has_any(names, BYLINE) or has_any(names, NEGATIVE))


def _boxed(el: HtmlElement, shared: set[HtmlElement]) -> bool:
    """``el`` sits in a box of its own below the headline's (the ``shared`` ancestors),
    however deep, named as a byline or furniture: an author box or a sidebar set between
    the headline and the body is the box's text, not the article's lead."""
    for node in el.iterancestors():
        if node in shared:
            return False
        if _named(node):
            return True
    return False


def _prose(el: HtmlElement, text: str, lang: str | None, *, dek: bool = False) -> bool:
    """Prose: a lead's length, a sentence's end (a subheadline, ``dek``, needs none), the
    stop words of prose and few links."""
    text = " ".join(text.split())
    if not MIN_CHARS <= len(text) <= MAX_CHARS or not (dek or text.endswith(_SENTENCE_END)):
        return False
    blocks = page_blocks(el)
    if len(blocks) != 1:
        return False
    block = blocks[0]
    stop = stoplist_for(lang, blocks)
    return block.links_density() <= MAX_LINK_SHARE and \
        block.stopwords_density(stop) >= STOPWORDS

"""The clip's last blocks: what follows the article's last prose is the page's, not its.

A template puts its furniture right after the text, inside the same container: a share
prompt ("Möchten Sie den Artikel teilen?"), a rating box ("Wie bewerten Sie diesen
Artikel?"), a newsletter or app call, a licence or copyright line, a "read this too"
link. Read as jusText reads a page (``blocks``: length, stop-word density and link share
of each block, then the verdict of its neighbours), in any language these are bad blocks
after the last good one. They are cut from the end of the clip backwards, one whole
element at a time, and the cutting stops at the first thing that is the writer's: a
closing sentence too short for jusText's verdict ("Her last day is April 1, and no
replacement was named."), a heading, a list, a table, a picture or a caption, or a line
holding several links (the sources or credits the writer listed).
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from clipper.extract import droplog
from clipper.extract.blocks import Block, classify_blocks, page_blocks, stoplist_for
from clipper.extract.text import inner_text

__all__ = ["trim_tail"]

MAX_SHARE = 0.25
"""A tail longer than this share of the clip's text is not furniture the template added."""
MIN_WORDS = 6
"""A closing sentence has at least this many words ("Aktualisiert am 17.01.2021." has not)."""
MANY_LINKS = 3
"""A line with this many links is a list the writer made (sources, photo credits)."""
PROSE_STOPWORDS = 0.15
"""Half jusText's low stop-word density: a sentence full of names and numbers ("1Password
kostet knapp 50 Euro im Mac App Store …") is still a sentence; a label is not."""
MAX_LINK_SHARE = 0.5
_WRITERS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "pre", "code",
                      "table", "ul", "ol", "dl", "dd", "dt", "figure", "figcaption",
                      "blockquote"))
"""Blocks in these are the writer's structure, never cut as furniture."""
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_PROMPT_END = (":", "?")
_MEDIA = ("img", "picture", "video", "audio", "table", "iframe", "pre", "math", "svg")
_SIGNED = re.compile(r"\s*\([^()]{1,12}\)$")
"""A news item's closing initials or agency: "… voraus. (bsc)", "… (dpa)"."""
_SENTENCE_END = (".", "!", "…", ".\"", ".”", "!\"", "!”", ".)")


def trim_tail(article: HtmlElement, lang: str | None, *, skip: bool = False) -> None:
    """Drop the bad blocks that end ``article`` after its last prose (``lang``: the
    page's declared language, for the stop words); nothing when ``skip``."""
    if skip:
        return
    blocks = page_blocks(article)
    if len(blocks) < 3:
        return
    classify_blocks(blocks, lang)
    last = max((i for i, b in enumerate(blocks) if b.good), default=-1)
    if last < 0:
        return  # jusText finds no prose at all: it cannot tell where the prose ends
    stop = stoplist_for(lang, blocks)
    last = max((i for i, b in enumerate(blocks) if i > last and _closing(b, stop)),
               default=last)
    tail = blocks[last + 1:]
    if not tail or sum(len(b) for b in tail) > MAX_SHARE * sum(len(b) for b in blocks):
        return
    for block in reversed(tail):
        el = _furniture(block, article)
        if el is None:
            return
        droplog.drop(el, "after the article's text")


def _closing(block: Block, stop: frozenset[str]) -> bool:
    """A sentence of the writer's that jusText, for its length or a link, did not call
    good: prose words or no link, a sentence's end, a few words, no copyright sign."""
    text = _SIGNED.sub("", block.text)
    if not text.endswith(_SENTENCE_END) or len(text.split()) < MIN_WORDS or "\xa9" in text:
        return False
    if block.cf_class != "bad" and not block.chars_count_in_links:
        return True
    return block.links_density() <= MAX_LINK_SHARE and \
        block.stopwords_density(stop) >= PROSE_STOPWORDS


def _furniture(block: Block, article: HtmlElement) -> HtmlElement | None:
    """The element holding ``block`` and nothing else, last in ``article``, that may go."""
    el = block.element
    if el is article or el.getparent() is None:
        return None
    holder = el
    while holder is not None and holder is not article:
        if holder.tag in _WRITERS and not (holder is el and _prompt(el, block.text)):
            return None
        holder = holder.getparent()
    if next(el.iter(*_MEDIA), None) is not None or inner_text(el) != block.text:
        return None
    if len(el.xpath(".//a[@href]")) >= MANY_LINKS or not _at_end(el, article):
        return None
    return el


def _prompt(el: HtmlElement, text: str) -> bool:
    """A heading that asks or announces ("Wie bewerten Sie diesen Artikel?", "Die Karte
    zum Abspeichern:") with nothing left under it: the box it headed is gone."""
    return el.tag in _HEADINGS and text.endswith(_PROMPT_END)


def _at_end(el: HtmlElement, article: HtmlElement) -> bool:
    """Nothing with text or media follows ``el`` in ``article``."""
    node = el
    while node is not None and node is not article:
        if (node.tail or "").strip():
            return False
        for after in node.itersiblings():
            if not isinstance(after.tag, str):
                if (after.tail or "").strip():
                    return False
                continue
            if after.text_content().strip() or after.tag in _MEDIA \
                    or next(after.iter(*_MEDIA), None) is not None:
                return False
        node = node.getparent()
    return True

"""The clip's edges: what comes before the article's first prose or after its last is the
page's, not the writer's.

A template puts its furniture right after the text, inside the same container: a share
prompt ("Möchten Sie den Artikel teilen?"), a rating box ("Wie bewerten Sie diesen
Artikel?"), a newsletter or app call, a licence or copyright line, a "read this too"
link. Read as jusText reads a page (``blocks``: length, stop-word density and link share
of each block, then the verdict of its neighbours), in any language these are bad blocks
after the last good one. They are cut from the end of the clip backwards, one whole
element at a time, and the cutting stops at the first thing that is the writer's: a
closing sentence too short for jusText's verdict ("Her last day is April 1, and no
replacement was named.", also inside closing quotes or with most of its words linked in
running prose), the writer's last word to the reader set as the container's last paragraphs
("What say you?", "Happy gardening!"), a heading (unless it only asks or announces, and
nothing is left under it), a list, a table, a picture or a caption, a line holding several links
(the sources or credits the writer listed) or many commas (a squad, a cast).

A blog post's meta block (its comments link, comment feed, trackback, categories and tags)
goes with the footer after it even when the post is too short for jusText to call any of it
prose: it is known by where its links lead.

Before the first prose only link bars go: a line mostly of links (breadcrumbs, "Jump to
Recipe | Print Recipe", the category links over a headline, a byline's link). Labels
between them (a date, a section name) stay and are passed over; a sentence or a longer
block (a standfirst) ends the part before the prose.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from clipper.extract import droplog
from clipper.extract.blocks import Block, classify_blocks, page_blocks
from clipper.extract.learned import trim_learned
from clipper.extract.patterns import COMMAS
from clipper.extract.text import inner_text

__all__ = ["closing", "trim_edges"]

MAX_SHARE = 0.4
"""A tail longer than this share of the clip's text is not furniture the template added."""
MIN_WORDS = 6
"""A closing sentence has at least this many words ("Aktualisiert am 17.01.2021." has not)."""
MANY_LINKS = 3
"""A line with this many links is a list the writer made (sources, photo credits)."""
MANY_COMMAS = 10
"""Readability's sign of content: a block with this many commas is the writer's (a squad,
a cast list), whatever its stop words."""
PROSE_STOPWORDS = 0.15
"""Half jusText's low stop-word density: a sentence full of names and numbers ("1Password
kostet knapp 50 Euro im Mac App Store …") is still a sentence; a label is not."""
RUNNING_STOPWORDS = 0.3
"""jusText's high stop-word density: prose, not a title, however much of it is linked."""
UNLINKED_CHARS = 60
"""Of the writer's own words between the links, a sentence has at least this many characters
("Lesen Sie auch: …" has not)."""
SIBLING_PROSE = 80
"""A paragraph this long beside a closing line shows the line stands among the writer's."""
LABEL_CHARS = 40
"""Shorter than this, with no sentence's end, a block before the prose is a label."""
MAX_LINK_SHARE = 0.5
"""Above this share of its text in links a block is a link bar, not a sentence."""
LONG_BLOCK = 150
"""A block this long with few links is the writer's whatever its stop words (a list of
awards or keywords set as one paragraph, a paragraph in a second language, a reference)."""
LONG_LINK_SHARE = 0.2
"""At most this share of a long block's text in links."""
META_TAIL = 600
"""A post's meta block and the footer after it are at most this long."""
_TRACKBACK = re.compile(r"\btrack ?back (?:ur[il]|link|address)|^\s*track ?backs?\s*:?\s*$",
                        re.IGNORECASE)
"""The trackback named as a template labels it ("TrackBack URI", a "Trackbacks" heading), not
the word in the writer's sentence ("the trackback form is off")."""
_META_HREF = re.compile(r"trackback|[/?&]feed\b|feed=|#respond$|#comments$|/category/|/tags?/",
                        re.IGNORECASE)
_ADDRESS = re.compile(r"https?://|www\.|\S@[^\s@]+\.\w")
"""A web or mail address written out: a contact line or spam, not the writer's prose. The
domain stops at the next "@", so a long run of them is searched once, not once per sign."""
_WRITERS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "pre", "code",
                      "table", "ul", "ol", "dl", "dd", "dt", "figure", "figcaption",
                      "blockquote"))
"""Blocks in these are the writer's structure, never cut as furniture."""
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_PROMPT_END = (":", "?")
_CALL_END = ("!", "?")
_MEDIA = ("img", "picture", "video", "audio", "table", "iframe", "pre", "math", "svg")
_SIGNED = re.compile(r"\s*(?:\([^()]{1,12}\)|(?:--|—|–)\s?[^\s.]{1,12})$")
"""A closing signature: a news item's initials or agency ("… voraus. (bsc)", "… (dpa)"), a
blogger's "… adopted. --TS"."""
_SENTENCE_END = (".", "!", "…", ".\"", ".”", "!\"", "!”", ".)")
_CLOSERS = "\"'”“’‘»«›‹)]"
"""Closing quote marks in any language's style (German „…“, French «…», Swiss »…«) and
brackets: a sentence ends inside them ("„Ich freue mich darauf.“")."""


def trim_edges(article: HtmlElement, lang: str | None, *, skip: bool = False,
               learned: bool = True, page_url: str | None = None) -> None:
    """Drop the link bars before ``article``'s first prose and the bad blocks after its
    last (``lang``: the page's declared language, for the stop words), then what the
    learned classifier calls furniture at either edge (unless not ``learned``); nothing
    when ``skip``; ``page_url`` tells the learned cut which links lead to other sites)."""
    if skip:
        return
    blocks = page_blocks(article)
    if len(blocks) < 3:
        return
    stop = classify_blocks(blocks, lang)
    blocks = _trim_post_meta(article, blocks)
    _trim_rules(article, blocks, stop)
    if learned:
        trim_learned(article, blocks, stop, closing, page_url)


def _trim_rules(article: HtmlElement, blocks: list[Block], stop: frozenset[str]) -> None:
    last = max((i for i, b in enumerate(blocks) if b.good), default=-1)
    if last < 0:
        return  # jusText finds no prose at all: it cannot tell where the prose begins or ends
    _trim_head(blocks, article)
    last = max((i for i, b in enumerate(blocks)
                if i > last and (closing(b, stop) or _sign_off(b))), default=last)
    tail = blocks[last + 1:]
    if not tail or sum(len(b) for b in tail) > MAX_SHARE * sum(len(b) for b in blocks):
        return
    for block in reversed(tail):
        el = _own(block, article, prompt=True)
        if el is None or not _alone(el, article, before=False) \
                or len(el.xpath(".//a[@href]")) >= MANY_LINKS \
                or len(COMMAS.findall(block.text)) >= MANY_COMMAS:
            return
        droplog.drop(el, "after the article's text")


def _trim_post_meta(article: HtmlElement, blocks: list[Block]) -> list[Block]:
    """A post's meta block and what follows it, after the post's last prose: the links a blog
    template sets under each post (its comments anchor, comment feed, trackback, its
    categories and tags: "Comments (0)", "RSS feed for comments on this post. TrackBack URI",
    "This entry was posted on … and is filed under …") and the page's footer after them. A
    short post is too short for jusText's verdict and its tail too long a share of it for
    ``_trim_rules``; the block is known by where its links lead. Returns the blocks left."""
    start = next((i for i, b in enumerate(blocks) if _post_meta(b)), None)
    if start is None or not any(len(b) >= SIBLING_PROSE and b.links_density() <= MAX_LINK_SHARE
                                for b in blocks[:start]):
        return blocks
    tail = blocks[start:]
    if any(b.good for b in tail[1:]) or sum(len(b) for b in tail) > META_TAIL:
        return blocks
    els = []
    for block in tail:
        el = block.element
        if el is article or el.getparent() is None or next(el.iter(*_MEDIA), None) is not None \
                or inner_text(el) != block.text or _in_writers(el, article):
            return blocks
        els.append(el)
    if not _alone(els[-1], article, before=False):
        return blocks
    for el in reversed(els):
        droplog.drop(el, "a post's meta block")
    return blocks[:start]


def _in_writers(el: HtmlElement, article: HtmlElement) -> bool:
    """``el`` sits inside the writer's structure (a list, a table, a quote) in ``article``."""
    for holder in el.iterancestors():
        if holder is article:
            return False
        if holder.tag in _WRITERS and holder.tag not in _HEADINGS:
            return True
    return False


def _post_meta(block: Block) -> bool:
    """Links to the post's comments, feed, trackback or categories make up the block (most
    of its text, or several of its links), or it names the trackback."""
    if "track" in block.text.lower() and _TRACKBACK.search(block.text):
        # _TRACKBACK cannot match a text without "track" in some case, so the substring
        # test (lower-cased: "TRACKBACK URI") only spares the case-blind search, 8x dearer
        return True
    hrefs = [a.get("href", "") for a in block.element.iter("a")]
    meta = sum(1 for h in hrefs if _META_HREF.search(h))
    return meta >= 2 or (meta >= 1 and block.links_density() > MAX_LINK_SHARE)


def _trim_head(blocks: list[Block], article: HtmlElement) -> None:
    """Before the first prose: drop the link bars, pass over labels (a date, a section
    name), stop at a sentence or a longer block (a standfirst)."""
    for block in blocks:
        if block.good:
            return
        if block.links_density() <= MAX_LINK_SHARE:
            if len(block.text) >= LABEL_CHARS or block.text.endswith(_SENTENCE_END):
                return
            continue
        el = _own(block, article, prompt=False)
        if el is not None:
            droplog.drop(el, "before the article's text")


def closing(block: Block, stop: frozenset[str]) -> bool:
    """A sentence of the writer's that jusText, for its length or a link, did not call
    good: prose words or no link, a sentence's end, a few words, no copyright sign."""
    text = _SIGNED.sub("", block.text)
    if _long(block):
        return True
    if not text.rstrip(_CLOSERS).endswith(_SENTENCE_END) or len(text.split()) < MIN_WORDS \
            or "\xa9" in text:
        return False
    if block.cf_class != "bad" and not block.chars_count_in_links:
        return True
    density = block.stopwords_density(stop)
    if len(text) - block.chars_count_in_links >= UNLINKED_CHARS and density >= RUNNING_STOPWORDS:
        return True  # links set in running prose: the writer's sentence around them
    return block.links_density() <= MAX_LINK_SHARE and density >= PROSE_STOPWORDS


def _long(block: Block) -> bool:
    """A long block with few links, no copyright sign and no address written out."""
    text = block.text
    return len(text) >= LONG_BLOCK and block.links_density() <= LONG_LINK_SHARE \
        and "\xa9" not in text and _ADDRESS.search(text) is None


def _sign_off(block: Block) -> bool:
    """The writer's last word to the reader, set as the last of the article's paragraphs
    ("Happy Holidays Everyone!", "What say you?"): a line ending in "!" or "?", without a
    link, after a paragraph of prose, with only such lines after it. A template's prompt
    ("War dieser Artikel hilfreich?") stands in a box of its own or has its buttons after it."""
    el = block.element
    if block.chars_count_in_links or el.tag in _HEADINGS or not _calls(block.text):
        return False
    if not all(_calls(inner_text(other)) and other.find(".//a") is None
               for other in el.itersiblings() if isinstance(other.tag, str)):
        return False
    return any(isinstance(other.tag, str) and other.tag == "p"
               and len(other.text_content()) >= SIBLING_PROSE
               for other in el.itersiblings(preceding=True))


def _calls(text: str) -> bool:
    """``text`` ends in "!" or "?" (inside quotes or brackets too)."""
    return text.strip().rstrip(_CLOSERS).endswith(_CALL_END)


def _own(block: Block, article: HtmlElement, *, prompt: bool) -> HtmlElement | None:
    """The element holding ``block`` and nothing else, outside the writer's structure
    (a heading that asks or announces counts as furniture when ``prompt``)."""
    el = block.element
    if el is article or el.getparent() is None:
        return None
    holder = el
    while holder is not None and holder is not article:
        if holder.tag in _WRITERS and not (
                prompt and holder is el and el.tag in _HEADINGS
                and block.text.endswith(_PROMPT_END)):
            return None
        holder = holder.getparent()
    if next(el.iter(*_MEDIA), None) is not None or inner_text(el) != block.text:
        return None
    return el


def _alone(el: HtmlElement, article: HtmlElement, *, before: bool) -> bool:
    """Nothing with text or media comes before (``before``) or after ``el`` in
    ``article``."""
    node = el
    while node is not None and node is not article:
        parent = node.getparent()
        if (node.tail or "").strip() and not before:
            return False
        if before and parent is not None and (parent.text or "").strip():
            return False
        for other in node.itersiblings(preceding=before):
            if before and (other.tail or "").strip():
                return False
            if not isinstance(other.tag, str):
                if not before and (other.tail or "").strip():
                    return False
                continue
            if other.text_content().strip() or other.tag in _MEDIA \
                    or next(other.iter(*_MEDIA), None) is not None:
                return False
        node = parent
    return True

"""Photo credits and copyright lines are not the article.

"© Getty Images", "(Foto: dpa)", "(Quelle: Fleischmann/Unsplash)" sit under the pictures
of most news pages and blogs, as an element of their own named for what it is ("credit",
"copyright", "photographer") or at the end of the caption's text, marked by "©" or in
parentheses. A reader clipping the article keeps the photo and what it shows, not who sold
it. The lead picture's caption was already cut so (``leadimage``, which also cuts a plain
"Foto: …"); this does the same for every picture the article holds.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from clipper.extract import droplog
from clipper.extract.leadimage import cut_credit
from clipper.extract.text import inner_text, text_length
from clipper.htmltree import inside

__all__ = ["drop_credits"]

MAX_CHARS = 150
"""A credit is a line; an element so named with more text is something else."""
_NAMED = re.compile(r"credit|copyright|photographer|attribution|bildnachweis|fotonachweis",
                    re.I)
_CLASS_PARTS = ("redit", "opyright", "hotographer", "ttribution", "nachweis")
_ID_PARTS = ("redit", "opyright")
_CLASS_WORDS = re.compile("caption|" + "|".join(_CLASS_PARTS))
_ID_WORDS = re.compile("|".join(_ID_PARTS))


def _candidates(article: HtmlElement) -> list[HtmlElement]:
    """Credit-named elements and captions (``article`` itself included), in one walk:
    the XPath ``descendant-or-self::*[self::figcaption or contains(@class, 'caption') or
    …]`` costs libxml2 a copy of the class string per ``contains()``."""
    found: list[HtmlElement] = []
    for el in article.iter(etree.Element):
        cls, ident = el.get("class"), el.get("id")
        if el.tag == "figcaption" or (cls is not None and _CLASS_WORDS.search(cls)) \
                or (ident is not None and _ID_WORDS.search(ident)):
            found.append(el)
    return found


_MARKED_CREDIT = re.compile(
    r"©|\(c\)\s|\((?:Fotos?|Photos?|Bild(?:er)?|Images?|Credits?|Quelle|Source|Crédit)\s*:"
    r"|\((?-i:[A-Z][\w.&-]*(?: [\w.&-]+){0,2}) ?/ ?(?-i:[A-Z])[^()/]{1,50}\)\s*$"
    r"|(?<=[.!?])\s+(?:Fotos?|Photos?|Bild(?:er)?|Credits?|Quelle|Source)\s*:[^.!?:]{1,50}$",
    re.I)
"""In a caption of the body, only a credit marked so ends it: "©", one in parentheses
("(Foto: …)"), an agency and its photographer in the closing parentheses ("(REUTERS/Jane
Doe)", "(AP Photo/John Roe)"), or a short labelled one after the caption's last sentence
("… mañana. Foto: LN"); a plain "Image: …" may be what the picture shows, and is kept."""
_SEPARATORS = " \t\n|/–—-·•,"
"""What stays of the separator before a credit once it is cut ("… gesegnet. | © X")."""
_CREDIT_LINE = re.compile(
    r"^\(?(?:Fotos?|Photos?|Bild(?:er)?|Images?|Credits?|Quelle|Source|Crédit|Copyright)\s*:",
    re.I)
"""A line of its own opened by a credit's label ("Quelle: Landesregierung", "Photo: X")."""
_SITE_LINE = re.compile(r"^(?:www\.)?[^\W_][\w-]*(?:\.[\w-]+)*\.[^\W\d_]{2,6}$")
"""A line that is only a site's name as a domain ("BVINEWS.COM"): the story's source."""
_PLACED = ("p", "div", "span", "small", "em", "i")
"""Tags of an unnamed caption: the short block right after a picture."""
_MEDIA = ("img", "picture", "video", "figure", "table", "ul", "ol")
_LINES = ("p", "div")
_BLOCKS = ("p", "div", *_MEDIA)


def drop_credits(article: HtmlElement) -> None:
    """Drop the credit elements of ``article`` and cut its captions at their credit line."""
    found = _candidates(article)
    captions = [el for el in found
                if el.tag == "figcaption" or "caption" in (el.get("class") or "")]
    for el in found:
        if el is article or el.getparent() is None or not _credit_named(el) \
                or not inside(el, article):
            continue
        if text_length(el) <= MAX_CHARS and next(el.iter(*_MEDIA), None) is None:
            droplog.drop(el, "photo credit")
    placed = [el for el in _placed_captions(article) if _ends_in_credit(el)]
    for caption in captions + placed:
        if caption is not article and inside(caption, article) \
                and text_length(caption) <= 4 * MAX_CHARS \
                and next(caption.iter(*_MEDIA), None) is None \
                and cut_credit(caption, _MARKED_CREDIT):
            _strip_end(caption)
    _drop_credit_lines(article)


def _drop_credit_lines(article: HtmlElement) -> None:
    """Drop the short lines that only name a source or a photographer."""
    for el in list(article.iter(*_LINES)):
        first = _first_text(el)  # the cheap test first: most blocks start otherwise
        if not first or not (_CREDIT_LINE.match(first) or _SITE_LINE.match(first)) \
                or el is article or el.getparent() is None or text_length(el) > MAX_CHARS \
                or next(el.iterdescendants(*_BLOCKS), None) is not None:
            continue
        text = " ".join(el.text_content().split())
        if (_CREDIT_LINE.match(text) or _SITE_LINE.match(text)) and not any(
                a.tag in ("figure", "figcaption", "blockquote") for a in el.iterancestors()):
            droplog.drop(el, "photo credit")


def _first_text(el: HtmlElement) -> str:
    """The first text of ``el`` (its own, or its first descendant's with any)."""
    own = el.text
    if own and not own.isspace():
        return own.strip()  # most blocks: no walk needed
    for node in el.iter():
        text = (node.text or "").strip() if isinstance(node.tag, str) else ""
        if text:
            return text
        if node is not el and (node.tail or "").strip():
            return ""  # text after an empty child: not a line opened by a label
    return ""


def _placed_captions(article: HtmlElement) -> list[HtmlElement]:
    """Captions known by their place, whatever their class: the short block that follows
    a picture's holder (the picture with its wrappers that hold no text of their own)."""
    found = []
    for img in article.iter("img"):
        holder = img
        parent = holder.getparent()
        while parent is not None and parent is not article and not text_length(parent):
            holder, parent = parent, parent.getparent()
        if (holder.tail or "").strip():
            continue
        caption = holder.getnext()
        if caption is not None and caption.tag in _PLACED:
            found.append(caption)
    return found


def _ends_in_credit(el: HtmlElement) -> bool:
    """A block known only by its place is cut only at a credit that ends it: a paragraph
    after a photo that mentions "©" in its sentences keeps them."""
    text = inner_text(el)
    found = _MARKED_CREDIT.search(text)
    return found is not None and len(text) - found.start() <= MAX_CHARS // 2


def _strip_end(el: HtmlElement) -> None:
    """Drop the separator a cut credit leaves at the end of ``el``'s text."""
    last = el[-1] if len(el) else None
    if last is not None:
        last.tail = (last.tail or "").rstrip(_SEPARATORS) or None
    else:
        el.text = (el.text or "").rstrip(_SEPARATORS)


def _credit_named(el: HtmlElement) -> bool:
    cls, ident = el.get("class") or "", el.get("id") or ""
    if not (any(p in cls for p in _CLASS_PARTS) or any(p in ident for p in _ID_PARTS)):
        return False
    return bool(_NAMED.search(f"{cls} {ident}"))



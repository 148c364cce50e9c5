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

from lxml.html import HtmlElement

from clipper.extract import droplog
from clipper.extract.leadimage import cut_credit
from clipper.extract.text import text_length

__all__ = ["drop_credits"]

MAX_CHARS = 150
"""A credit is a line; an element so named with more text is something else."""
_NAMED = re.compile(r"credit|copyright|photographer|attribution|bildnachweis|fotonachweis",
                    re.I)
_CANDIDATES = ("descendant-or-self::*[(@class or @id) and (contains(@class, 'redit')"
               " or contains(@class, 'opyright') or contains(@class, 'hotographer')"
               " or contains(@class, 'ttribution') or contains(@class, 'nachweis')"
               " or contains(@id, 'redit') or contains(@id, 'opyright'))]")
_CAPTIONS = ("descendant-or-self::*[self::figcaption or contains(@class, 'caption')]")
_MARKED_CREDIT = re.compile(
    r"©|\(c\)\s|\((?:Fotos?|Photos?|Bild(?:er)?|Images?|Credits?|Quelle|Source|Crédit)\s*:", re.I)
"""In a caption of the body, only a credit marked so ends it: "©", or one in parentheses
("(Foto: …)"); a plain "Image: …" may be what the picture shows, and is kept there."""
_MEDIA = ("img", "picture", "video", "figure", "table", "ul", "ol")


def drop_credits(article: HtmlElement) -> None:
    """Drop the credit elements of ``article`` and cut its captions at their credit line."""
    for el in article.xpath(_CANDIDATES):
        if el is article or el.getparent() is None or not _attached(el, article):
            continue
        names = f"{el.get('class') or ''} {el.get('id') or ''}"
        if _NAMED.search(names) and text_length(el) <= MAX_CHARS \
                and next(el.iter(*_MEDIA), None) is None:
            droplog.drop(el, "photo credit")
    for caption in article.xpath(_CAPTIONS):
        if caption is not article and _attached(caption, article) \
                and text_length(caption) <= 4 * MAX_CHARS \
                and next(caption.iter(*_MEDIA), None) is None:
            cut_credit(caption, _MARKED_CREDIT)


def _attached(el: HtmlElement, root: HtmlElement) -> bool:
    return any(parent is root for parent in el.iterancestors())

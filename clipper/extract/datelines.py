"""A line of the body that only dates the post is the page's meta, not the article.

Templates repeat the post's date inside the text column: a paragraph holding only a
``<time>`` ("16 marca 2021"), or a label and a date ("Aktualisiert am 17.01.2021.",
"Updated: 2022-04-21 10:30"). The clip keeps the date in its front matter; in the text it
is a stray line. Found by markup (``<time>``) and by the shape of numeric dates, so in every
language; a line with more than a few words besides the date is a sentence, and stays.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from clipper.extract import droplog
from clipper.extract.text import inner_text, text_length

__all__ = ["drop_date_lines"]

MAX_CHARS = 60
"""A date line is short; a longer block is text that mentions a date."""
MAX_OTHER_WORDS = 3
"""Words besides the date a date line may have ("Aktualisiert am", "Published on")."""
_DIGIT = re.compile("[0-9]")
_DATE = re.compile(
    r"\b(?:\d{1,2}\.\s?\d{1,2}\.\s?(?:\d{4}|\d{2})\b|\d{4}-\d{2}-\d{2}(?:T[\d:.+-]+)?"
    r"|\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b)")
"""Numeric dates: 17.01.2021, 2021-01-17, 01/17/2021."""
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s?(?:[ap]\.?m\.?|uhr|h))?\b", re.I)
_WORD = re.compile(r"[^\W\d_]{2,}")
_CALENDAR = re.compile(r"\d{4}-\d{2}")
_YEAR = re.compile(r"\b(?:1[89]|20)\d{2}\b")


def drop_date_lines(article: HtmlElement, *, thread: bool = False) -> None:
    """Drop the blocks of ``article`` that hold only a date (and a short label); none in a
    ``thread``, whose posts are led by their dates."""
    if thread:
        return
    for el in _candidates(article):
        text = inner_text(el)
        if text and el.getparent() is not None and (_labelled_date(text) or _timed(el, text)):
            droplog.drop(el, "date line")


def _candidates(root: HtmlElement) -> list[HtmlElement]:
    """Short blocks (``MAX_CHARS`` of text) with a digit, no link, picture or block inside
    and three elements at most, in document order. A container is ruled out at the first
    block found inside it, before its text is measured: an XPath measured every
    paragraph and division of the article first, each container's whole text."""
    found = []
    for el in root.iterdescendants("p", "div"):
        if next(el.iterdescendants("p", "div", "a", "img"), None) is not None or \
                sum(isinstance(child.tag, str) for child in el) > 3:
            continue
        if text_length(el) <= MAX_CHARS and _DIGIT.search(el.text_content()):
            found.append(el)
    return found


def _timed(el: HtmlElement, text: str) -> bool:
    """The block's date is a ``<time>`` ("16 marca 2021") and its other words are a label."""
    time = next(el.iter("time"), None)
    if time is None or next(el.iter("li"), None) is not None:
        return False  # a date set as a list item belongs to a list the page shows as such
    said = inner_text(time)
    if not (_CALENDAR.match(time.get("datetime") or "") or _YEAR.search(said)):
        return False  # a duration ("15 – 30 Min", datetime="PT15M") or a clock time
    rest = text.replace(said, " ", 1)
    return len(_WORD.findall(_TIME.sub(" ", rest))) <= MAX_OTHER_WORDS


def _labelled_date(text: str) -> bool:
    if not _DATE.search(text):
        return False
    rest = _TIME.sub(" ", _DATE.sub(" ", text))
    return len(_WORD.findall(rest)) <= MAX_OTHER_WORDS

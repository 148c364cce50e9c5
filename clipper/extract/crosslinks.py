"""A line inside the text that only points to another story of the site is a teaser.

News templates break the text with "Lesen Sie auch: <headline>", "Le puede interesar:
<headline>", "Czytaj także: <headline>": a short label ending in a colon, then one link to
another article of the same site, and nothing else. Known by that shape, the line goes in
every language; a sentence with a link in it, a link to another site ("Quelle: <Reuters>")
or to a file ("Download: <mp3>") stays.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from clipper.extract import droplog
from clipper.extract.text import inner_text
from clipper.urls import site_host, web_host

__all__ = ["drop_cross_links", "other_page", "same_site_story"]

MAX_CHARS = 200
MAX_LABEL_WORDS = 5
MIN_LINK_WORDS = 3
"""A headline has a few words; "mp3" or "hier" is not one."""
_CANDIDATES = etree.XPath(
    "descendant::*[self::p or self::div][count(descendant::a) = 1]"
    "[string-length(normalize-space()) <= $most]"
    "[not(descendant::*[self::p or self::div or self::img or self::ul or self::ol])]")
_LABEL = re.compile(r"^[^.!?:]{2,60}:\s*$")
_WORD = re.compile(r"\w+")
_FILE = re.compile(r"\.(?:pdf|mp3|mp4|zip|docx?|xlsx?|pptx?|jpe?g|png|gif)$", re.I)


def drop_cross_links(article: HtmlElement, page_url: str | None, *,
                     thread: bool = False) -> None:
    """Drop the lines of ``article`` that are a label and one link to another page of the
    same site; none in a ``thread``, where such a line is a reply ("Siehe hier: <thread>")."""
    host = site_host(page_url)
    if not host or thread:
        return
    page_path = urlsplit(page_url or "").path.rstrip("/")
    found: list[HtmlElement] = _CANDIDATES(article, most=MAX_CHARS)  # type: ignore[assignment]
    for el in found:
        a = next(el.iter("a"))
        if el.getparent() is None or not same_site_story(a.get("href") or "", host, page_path):
            continue
        link = inner_text(a)
        if not link:
            continue
        label, _, rest = inner_text(el).partition(link)
        if len(_WORD.findall(link)) >= MIN_LINK_WORDS and _LABEL.match(label) \
                and len(_WORD.findall(label)) <= MAX_LABEL_WORDS and not _WORD.search(rest):
            droplog.drop(el, "teaser for another story")


def other_page(href: str, host: str, page_path: str) -> str:
    """The path of ``href`` (no trailing slash) when it leads to another page (not
    ``page_path``, not home) of the site on ``host``; else ""."""
    site = web_host(href)
    if site is None or site != host:
        return ""
    path = urlsplit(href).path.rstrip("/")
    return "" if path == page_path else path


def same_site_story(href: str, host: str, page_path: str) -> bool:
    """``href`` leads to another page (not ``page_path``, not home, not a file) of the site
    on ``host``."""
    path = other_page(href, host, page_path)
    return bool(path) and not _FILE.search(path)

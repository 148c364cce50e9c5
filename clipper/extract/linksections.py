"""A heading over nothing but links to other stories of the site heads a related box.

"Schon gelesen?", "Mehr zum Thema auf UEPO.de", "Artikel und Videos zum Thema", "Read
this next": whatever the words, in whatever language, the box has one shape. A short
label (a heading, a bold line alone in its paragraph, or a label opening a list) and,
under it up to the next heading or the end of its box, only items that are pointers:
each one a link, maybe with a date or a line of teaser, and at least half of the links
lead to other pages of the same site. A section with one sentence of its own, a list of
sources on other sites ("Quellen"), files to download ("Download: <mp3>"), a table of
links, or a sentence as label ("Lesen Sie dazu auch die Pressemitteilungen:", more words
than a label has, as in ``crosslinks``) stays.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from clipper.extract import droplog
from clipper.extract.crosslinks import MAX_LABEL_WORDS, same_site_story
from clipper.extract.text import inner_text, text_length
from clipper.urls import site_host

__all__ = ["drop_link_sections"]

MAX_LABEL_CHARS = 60
MAX_ITEM_CHARS = 300
MAX_SCRAP_CHARS = 20
LINK_SHARE = 0.5
"""An item is a pointer when its links hold at least this share of its text."""
MIN_HEADLINE_WORDS = 3
"""A link to a story is named by its headline: a few words, not "hier" or "mehr"."""

_HEADINGS = frozenset(("h2", "h3", "h4", "h5", "h6"))
_BOLD = frozenset(("strong", "b"))
_LISTS = frozenset(("ul", "ol"))
_BLOCKS = _LISTS | {"li", "p", "div", "blockquote", "section"}
_WORD = re.compile(r"\w+")


def drop_link_sections(article: HtmlElement, page_url: str | None) -> None:
    """Drop the labels of ``article`` that head only links to other pages of the site on
    ``page_url``'s host, with those links (not called on a thread, whose replies may be
    lists of links to other threads)."""
    host = site_host(page_url)
    if not host:
        return
    page_path = urlsplit(page_url or "").path.rstrip("/")
    for label in [el for el in article.iter(*_HEADINGS, "p", "span") if _is_label(el)]:
        if not any(a is article for a in label.iterancestors()):
            continue  # inside a box already dropped
        section = _section(label)
        if section and _points_elsewhere(section, host, page_path):
            for el in [label, *section]:
                droplog.drop(el, "related links")


def _is_label(el: HtmlElement) -> bool:
    """A short label of its own: a heading, a bold line alone in its paragraph, or a line
    of text opening a list; never one with a link in it (a teaser card's headline).
    Where it stands first: most paragraphs fail that before their text is read."""
    if not _placed_as_label(el):
        return False
    text = inner_text(el)
    return bool(text) and len(text) <= MAX_LABEL_CHARS and \
        len(text.split()) <= MAX_LABEL_WORDS and next(el.iter("a", "img"), None) is None


def _placed_as_label(el: HtmlElement) -> bool:
    if el.tag in _HEADINGS:
        return True
    parent = el.getparent()
    if el.tag == "span":  # "<ul><span>More on this</span><li>…" (a template's list)
        return parent is not None and parent.tag in _LISTS and parent[0] is el
    return el.tag == "p" and len(el) == 1 and el[0].tag in _BOLD and \
        not (el.text or "").strip() and not (el[0].tail or "").strip()


def _section(label: HtmlElement) -> list[HtmlElement]:
    """What ``label`` heads: its following siblings up to the next label, a scrap of a few
    words, or the end of its box, when every one is a pointer; else nothing."""
    section: list[HtmlElement] = []
    for el in label.itersiblings():
        if not isinstance(el.tag, str):
            continue
        if _is_label(el) and section:
            break
        if not _is_pointer_block(el):
            if section and text_length(el) <= MAX_SCRAP_CHARS and el.find(".//a") is None:
                break  # a scrap the template left after the box ("BBAW", a tag)
            return []
        section.append(el)
    return section


def _is_pointer_block(el: HtmlElement) -> bool:
    """A block whose every item (its list items, else the block) is a pointer; never a
    table (a grid of links is data: platforms, downloads, a schedule)."""
    if el.tag not in _BLOCKS or next(el.iter("table"), None) is not None:
        return False
    items = list(el.iter("li")) if el.tag in _LISTS or el.find("li") is not None \
        else [el]
    return bool(items) and all(_is_pointer(item) for item in items)


def _is_pointer(item: HtmlElement) -> bool:
    length = text_length(item)
    if not length or length > MAX_ITEM_CHARS:
        return False
    linked = sum(text_length(a) for a in item.iter("a"))
    return linked >= LINK_SHARE * length


def _points_elsewhere(section: list[HtmlElement], host: str, page_path: str) -> bool:
    """At least half of the section's links, and one at least, lead to a story elsewhere
    on the site."""
    links = [a for el in section for a in el.iter("a") if inner_text(a)]
    stories = sum(1 for a in links if _is_story_link(a, host, page_path))
    return stories > 0 and 2 * stories >= len(links)


def _is_story_link(a: HtmlElement, host: str, page_path: str) -> bool:
    """``a`` names another page (not this one, not home, not a file) of the site on
    ``host`` by a headline."""
    return same_site_story((a.get("href") or "").strip(), host, page_path) and \
        len(_WORD.findall(inner_text(a))) >= MIN_HEADLINE_WORDS

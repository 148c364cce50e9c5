"""The page pre-pass for links: absolute addresses, same-page anchors, no script links.

Relative URLs mean nothing once clipped, so every link and embedded media address is
made absolute against the page (``<base href>`` honoured); links to the page itself
become ``#anchor`` links so footnotes resolve inside the clip; ``javascript:`` and
empty links are unwrapped, keeping their text. A page saved to disk resolves against
the web address it was saved from (``clipper.extract.address``): its links never
become ``file:`` paths, and those the web address cannot resolve become plain text.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit, urlunsplit

from lxml import etree

from clipper.extract.address import is_local
from clipper.htmltree import unwrap
from clipper.urls import NOT_LINK_SCHEMES, absolute_url, clean_href, resolve_cleaned

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


_PLAIN_ABSOLUTE = re.compile(r'https?://[!"$-Z\\^-~]*')
"""An ``http(s)`` address of printable ASCII without spaces, "#", "[" or "]": one that
``clean_href`` and ``resolve_cleaned`` return as it is and that names no same-page anchor."""


def fix_link(a: etree._Element, base: str | None, pages: frozenset[str],
             local: str | None = None) -> bool:
    """Absolute ``href`` or unwrap; True when the link stays a same-page ``#anchor``.

    ``pages``: the keys (``page_key``) of the addresses that name this page.
    ``local`` is the ``file:`` URL of a page read from disk: a link to that file is a
    same-page anchor; any other ``file:`` link, and any relative link without a web
    ``base`` to resolve it, loses its ``href`` (its text stays, as plain text).
    """
    href = a.get("href")
    if href is None or (local is None and _PLAIN_ABSOLUTE.fullmatch(href)):
        return False  # most links: absolute already, nothing to clean, no #fragment
    raw = clean_href(href)
    if not raw or raw == "#" or raw.lower().startswith(NOT_LINK_SCHEMES) or raw.startswith("#!"):
        unwrap(a)
        return False
    if raw.startswith("#"):
        a.set("href", raw)  # same-document anchor: kept relative so footnotes resolve
        return True
    if local is not None:
        own = _own_anchor(raw, local)
        if own:
            a.set("href", own)
            return True
        resolved = absolute_url(raw, base) or ""
        if own is not None or not _SCHEME.match(resolved) or is_local(resolved):
            # Still a link for the scorer (a menu stays a menu), plain text in the clip.
            del a.attrib["href"]
            return False
    url = resolve_cleaned(raw, base)
    if url is None:
        unwrap(a)
        return False
    if pages and "#" in url and page_key(url) in pages:
        a.set("href", "#" + url.split("#", 1)[1])
        return True
    if url != href:  # most links are absolute already
        a.set("href", url)
    return False


def _is_web(url: str) -> bool:
    return url[:7].lower() == "http://" or url[:8].lower() == "https://"


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def _same_file(target: str, local: str) -> bool:
    """The saved page itself: same path, or same file name (browsers write links to the
    page as the absolute path it was saved under, and the file may have moved since)."""
    a, b = unquote(page_key(target) or ""), unquote(page_key(local) or "")
    if a == b:
        return True
    a_parts, b_parts = urlsplit(a), urlsplit(b)
    return (not a_parts.query and a_parts.path.rsplit("/", 1)[-1] == b_parts.path.rsplit("/", 1)[-1]
            and bool(b_parts.path.rsplit("/", 1)[-1]))


def _own_anchor(raw: str, local: str) -> str | None:
    """For a saved page: ``#fragment`` for a link to the file itself, "" for any other
    ``file:`` link (unwrapped), None for a link that means the web."""
    if raw.startswith("//") or (_SCHEME.match(raw) and not is_local(raw)):
        return None
    target = absolute_url(raw, local)
    if target is None or not is_local(target):
        return None
    if not _same_file(target, local):
        return "" if is_local(raw) else None
    fragment = target.split("#", 1)[1] if "#" in target else ""
    return "#" + fragment if fragment else ""


def fix_media_url(el: etree._Element, base: str | None, local: str | None = None) -> None:
    """An embed's (``iframe``, ``video``, ``area``...) address made absolute, or dropped
    (for a saved page, also when it is not a web address)."""
    attr = MEDIA_URL_ATTRS.get(el.tag) if isinstance(el.tag, str) else None
    if attr is None:
        return
    value = el.get(attr)
    if value:
        url = absolute_url(value, base)
        if url and (local is None or _is_web(url)):
            el.set(attr, url)
        else:
            del el.attrib[attr]

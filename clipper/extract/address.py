"""The address a page's links mean: where it was read from, or where a saved copy came from.

A page opened from disk was saved from the web, and its relative links (``/wiki/Penny``)
mean the site they were written for, not the reader's disk. Browsers and saving tools
record where the copy came from: Internet Explorer, Edge and Chrome write
``<!-- saved from url=(0049)https://… -->`` above ``<html>``, SingleFile a comment with a
``url:`` line, Save Page WE a ``savepage-url`` meta tag, WebScrapBook a
``data-scrapbook-source`` attribute; most pages also name themselves with
``<link rel=canonical>`` or ``og:url`` (read by the metadata step). That web address is
what links resolve against and what a clip's ``source`` holds, so a clip never carries a
``file://`` path to the reader's disk. The parser drops comments, so the markers are read
from the start of the raw text.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

__all__ = ["PageAddress", "is_local", "saved_from", "web_address"]

HEAD_CHARS = 65536
"""The saving tools write their marker at the top of the file; a page's start is enough."""

_MARKERS = (
    re.compile(r"<!--\s*saved from url=\(\s*\d+\s*\)\s*([^\s>]+?)\s*-->", re.I),
    re.compile(r"<!--(?:(?!-->).){0,400}?saved with SingleFile(?:(?!-->).){0,400}?"
               r"^\s*url:\s*(\S+)", re.I | re.S | re.M),
    re.compile(r"<meta\b[^>]*?\bname\s*=\s*[\"']?savepage-url[\"']?[^>]*?"
               r"\bcontent\s*=\s*[\"']([^\"'>]+)", re.I),
    re.compile(r"<meta\b[^>]*?\bcontent\s*=\s*[\"']([^\"'>]+)[\"'][^>]*?"
               r"\bname\s*=\s*[\"']?savepage-url\b", re.I),
    re.compile(r"<html\b[^>]*?\bdata-scrapbook-source\s*=\s*[\"']([^\"'>]+)", re.I),
)


def is_local(url: str | None) -> bool:
    """A page read from the reader's disk (its address is a ``file:`` URL)."""
    return bool(url) and url.lstrip()[:5].lower() == "file:"  # type: ignore[union-attr]


def web_address(value: str | None) -> str | None:
    """``value`` if it is an absolute http(s) address with a host, else None."""
    if not value:
        return None
    value = html_lib.unescape(value.strip())
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return value


def saved_from(html: str | bytes) -> str | None:
    """The web address a saved page records it was saved from, or None."""
    head = html[:HEAD_CHARS]
    text = head.decode("latin-1") if isinstance(head, bytes) else head
    for marker in _MARKERS:
        match = marker.search(text)
        if match:
            found = web_address(match.group(1))
            if found:
                return found
    return None


@dataclass(frozen=True)
class PageAddress:
    """Where a page's links point (``web``) and, for a saved page, where it lies (``local``)."""

    web: str | None
    """The http(s) address the page stands for; None for a local page that names none."""
    local: str | None = None
    """The ``file:`` URL of a page read from disk: its own images lie beside it."""

    @classmethod
    def of(cls, html: str | bytes, url: str | None) -> PageAddress:
        """The address of ``html`` read from ``url`` (its saved-from address if local)."""
        if is_local(url):
            return cls(saved_from(html), url)
        return cls(_parsable(url))


def _parsable(url: str | None) -> str | None:
    """``url``, or None when no browser could open it ("http://[x/a"): links cannot mean it."""
    try:
        urlsplit(url or "")
    except ValueError:
        return None
    return url

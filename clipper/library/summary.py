"""The rows of the library list: what the window, the CLI and search results show."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit


@dataclass
class ClipSummary:
    """One clip in the library list or in search results."""

    path: Path
    title: str
    site: str | None = None
    created: str | None = None
    published: str | None = None
    tags: list[str] = field(default_factory=list)
    snippet: str = ""
    """Plain text around the match (search) or the start of the text (listing)."""
    highlights: list[tuple[int, int]] = field(default_factory=list)
    """``(start, end)`` offsets in ``snippet`` of the matched words, for bold display."""
    source: str | None = None


def site_of(site: str | None, source: str | None) -> str:
    """The site a clip is listed under: its site's name, else its address's host."""
    if site and site.strip():
        return site.strip()
    try:
        host = urlsplit(source or "").hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def sort_key(created: str | None, published: str | None, mtime_ns: int) -> float:
    """Newest-first order: clip time, else publication date, else the file's time."""
    for value in (created, published):
        if not value:
            continue
        text = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
        try:
            when = datetime.fromisoformat(text)
        except ValueError:
            continue
        return when.timestamp()  # naive values count as local time
    return mtime_ns / 1e9


def first_words(text: str | None, limit: int = 160) -> str:
    """A one-line preview cut at a word boundary."""
    text = text or ""
    # Only as much of the text as the preview needs (indexing a library makes one per clip):
    # whole words from a prefix, the word the cut may split left out.
    size = 4 * limit
    while size < len(text):
        words = text[:size].split()
        if words and not text[size - 1].isspace() and not text[size].isspace():
            words.pop()
        line = " ".join(words)
        if len(line) > limit:
            return line[:limit].rsplit(" ", 1)[0] + "…"
        size *= 2
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"

"""The library without its index: listing, searching and finding duplicates by reading files.

SQLite may have no full-text search (FTS5) in some Pythons, or the index may not be
openable at all; the library then still works, reading every clip on each request.
"""

from __future__ import annotations

from pathlib import Path

from clipper.errors import LibraryError
from clipper.library.duplicates import fingerprint, is_similar
from clipper.library.frontmatter import read_clip
from clipper.library.summary import ClipSummary, first_words, sort_key
from clipper.library.text import plain_text
from clipper.library.walk import iter_clip_files
from clipper.models import Clip
from clipper.urls import normalize_url

__all__ = ["scan_for_duplicate", "scan_list"]


def scan_for_duplicate(clip: Clip, library: Path) -> Path | None:
    """``find_duplicate`` without an index: read every clip's front matter and text."""
    url_key = normalize_url(clip.source)
    fp = fingerprint(clip.body)
    by_url: list[tuple[int, Path]] = []
    by_text: list[tuple[int, Path]] = []
    skip = clip.path.resolve() if clip.path else None
    for rel, st in iter_clip_files(library):
        path = library / rel
        if skip is not None and path.resolve() == skip:
            continue
        try:
            other = read_clip(path)
        except LibraryError:
            continue
        if url_key and normalize_url(other.source) == url_key:
            by_url.append((st.st_mtime_ns, path))
        elif fp and is_similar(fp, fingerprint(other.body)):
            by_text.append((st.st_mtime_ns, path))
    for found in (by_url, by_text):
        if found:
            return max(found)[1]
    return None


def scan_list(library: Path, search: str | None, limit: int | None) -> list[ClipSummary]:
    """``list_clips`` without an index: newest first, or those holding every word."""
    words = [w.casefold() for w in (search or "").split()]
    found: list[tuple[float, ClipSummary]] = []
    for rel, st in iter_clip_files(library):
        try:
            clip = read_clip(library / rel)
        except LibraryError:
            continue
        text = plain_text(clip.body)
        haystack = " ".join([clip.title, clip.site or "", " ".join(clip.tags), text]).casefold()
        if words and not all(w in haystack for w in words):
            continue
        found.append((sort_key(clip.created, clip.published, st.st_mtime_ns),
                      ClipSummary(path=library / rel, title=clip.title, site=clip.site,
                                  created=clip.created, published=clip.published,
                                  tags=clip.tags, snippet=first_words(text),
                                  source=clip.source)))
    found.sort(key=lambda item: item[0], reverse=True)
    return [summary for _, summary in found[:limit]]

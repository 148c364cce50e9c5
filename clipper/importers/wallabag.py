"""Wallabag's JSON export: a list of entries with ``url``, ``title``, ``tags``,
``created_at``, ``is_archived``, ``is_starred``, ``content`` and ``annotations``.

``content`` is the article as Wallabag stored it when it was saved: the import clips
it when the page no longer loads. Annotations carry the highlighted ``quote`` and the
reader's ``text`` about it. Tags are names, or objects with a ``label`` (the API's form).
"""

from __future__ import annotations

import json

from clipper.errors import ImportFileError
from clipper.importers.items import ImportItem, Quote, from_iso
from clipper.importers.tables import decode_text

NAME = "Wallabag"


def _tag_names(value: object) -> list[str]:
    if not isinstance(value, list):
        return []
    names = []
    for tag in value:
        if isinstance(tag, dict):
            tag = tag.get("label") or tag.get("slug") or ""
        if isinstance(tag, str) and tag.strip():
            names.append(tag)
    return names


def _annotations(value: object) -> list[Quote]:
    if not isinstance(value, list):
        return []
    quotes = []
    for note in value:
        if isinstance(note, dict):
            quote, text = str(note.get("quote") or ""), str(note.get("text") or "")
            if quote.strip() or text.strip():
                quotes.append(Quote(quote.strip(), text.strip()))
    return quotes


def _flag(value: object) -> bool:
    return value in (1, True, "1", "true")


def parse(data: bytes) -> list[ImportItem]:
    try:
        entries = json.loads(decode_text(data))
    except ValueError as exc:
        raise ImportFileError(f"The {NAME} export is not valid JSON ({exc})") from exc
    if isinstance(entries, dict):  # the API's paged form: {"_embedded": {"items": [...]}}
        entries = (entries.get("_embedded") or {}).get("items", entries.get("items"))
    if not isinstance(entries, list):
        raise ImportFileError(f"This is not a {NAME} export: no list of entries")
    items = []
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            continue
        content = entry.get("content")
        items.append(ImportItem(
            url=str(entry.get("url") or entry.get("given_url") or ""),
            title=str(entry.get("title") or ""), tags=_tag_names(entry.get("tags")),
            added=from_iso(entry.get("created_at")),
            favorite=_flag(entry.get("is_starred")), archived=_flag(entry.get("is_archived")),
            quotes=_annotations(entry.get("annotations")),
            stored_html=content if isinstance(content, str) and content.strip() else None,
            where=f"entry {number}"))
    return items

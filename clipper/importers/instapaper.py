"""Instapaper's CSV export: ``URL,Title,Selection,Folder,Timestamp`` (and, since 2024,
``Tags``).

The folder is ``Unread``, ``Archive``, ``Starred`` or one of the reader's own, which
becomes a tag; ``Selection`` is the text the reader had selected when saving (a
highlight); ``Tags`` is a JSON-style list (``["a", "b"]``).
"""

from __future__ import annotations

import json

from clipper.importers.items import ImportItem, Quote, from_unix
from clipper.importers.tables import csv_rows

NAME = "Instapaper"
_BUILT_IN = {"unread", "archive", "starred", "liked"}


def _tags(text: str) -> list[str]:
    text = text.strip()
    if not text:
        return []
    if text.startswith("["):
        try:
            values = json.loads(text)
        except ValueError:
            values = text.strip("[]").replace('"', "").split(",")
        return [str(v) for v in values if str(v).strip()] if isinstance(values, list) else []
    return [t for t in text.split(",") if t.strip()]


def parse(data: bytes) -> list[ImportItem]:
    items = []
    for line, row in csv_rows(data, NAME, ("url",)):
        folder = row.get("folder", "")
        tags = _tags(row.get("tags", ""))
        if folder and folder.lower() not in _BUILT_IN:
            tags.insert(0, folder)
        selection = row.get("selection", "")
        items.append(ImportItem(
            url=row["url"], title=row.get("title", ""), tags=tags,
            added=from_unix(row.get("timestamp", "")),
            favorite=folder.lower() in ("starred", "liked"),
            archived=folder.lower() == "archive",
            quotes=[Quote(selection)] if selection else [],
            where=f"line {line}"))
    return items

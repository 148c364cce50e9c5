"""Raindrop.io's CSV export:
``id,title,note,excerpt,url,folder,tags,created,cover,highlights,favorite``.

Tags are joined by commas, ``created`` is ISO 8601 in UTC, ``favorite`` is
``true``/``false``; the folder (``Unsorted`` when none) becomes a tag, a nested one
(``Reading/Essays``) by its last part; highlights come as ``Highlight: …`` lines, each
optionally followed by a ``Note: …`` line.
"""

from __future__ import annotations

import re

from clipper.importers.items import ImportItem, Quote, from_iso
from clipper.importers.tables import csv_rows, truthy

NAME = "Raindrop.io"
_MARK = re.compile(r"^(highlight|note)\s*:\s?", re.I)


def _quotes(text: str) -> list[Quote]:
    """``Highlight: x`` / ``Note: y`` pairs; text without those marks, one quote per
    paragraph."""
    if not text.strip():
        return []
    if not _MARK.search(text.lstrip()):
        return [Quote(p.strip()) for p in re.split(r"\n\s*\n", text) if p.strip()]
    quotes: list[Quote] = []
    kind, lines = "", list[str]()

    def flush() -> None:
        body = "\n".join(lines).strip()
        if kind == "highlight" and body:
            quotes.append(Quote(body))
        elif kind == "note" and body:
            if quotes and not quotes[-1].note:
                quotes[-1] = Quote(quotes[-1].text, body)
            else:
                quotes.append(Quote("", body))

    for line in text.splitlines():
        mark = _MARK.match(line)
        if mark:
            flush()
            kind, lines = mark.group(1).lower(), [line[mark.end():]]
        else:
            lines.append(line)
    flush()
    return quotes


def parse(data: bytes) -> list[ImportItem]:
    items = []
    for line, row in csv_rows(data, NAME, ("url",)):
        tags = [t for t in row.get("tags", "").split(",") if t.strip()]
        folder = row.get("folder", "").strip().rstrip("/").rsplit("/", 1)[-1]
        if folder and folder.lower() != "unsorted":
            tags.insert(0, folder)
        items.append(ImportItem(
            url=row["url"], title=row.get("title", ""), tags=tags,
            added=from_iso(row.get("created", "")), favorite=truthy(row.get("favorite", "")),
            quotes=_quotes(row.get("highlights", "")), note=row.get("note", ""),
            where=f"line {line}"))
    return items

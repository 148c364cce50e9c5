"""Pocket exports: ``part_000000.csv`` (2024 on) and the older ``ril_export.html``.

The CSV has ``title,url,time_added,tags,status``: Unix seconds, tags joined by ``|``,
status ``unread`` or ``archive``. The HTML export lists links under an ``Unread`` and a
``Read Archive`` heading, each ``<a href time_added tags="a,b">``. Pocket wrote no
highlights into either (they are only in its API), so none are read here.
"""

from __future__ import annotations

from html.parser import HTMLParser

from clipper.errors import ImportFileError
from clipper.importers.items import ImportItem, from_unix
from clipper.importers.tables import csv_rows, decode_text

NAME = "Pocket"


def parse_csv(data: bytes) -> list[ImportItem]:
    items = []
    for line, row in csv_rows(data, NAME, ("url",)):
        tags = [t for t in row.get("tags", "").split("|") if t.strip()]
        items.append(ImportItem(
            url=row["url"], title=row.get("title", ""), tags=tags,
            added=from_unix(row.get("time_added", "")),
            archived=row.get("status", "").lower() in ("archive", "archived", "read"),
            where=f"line {line}"))
    return items


class _RilParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[ImportItem] = []
        self.archived = False
        self._heading: list[str] | None = None
        self._link: ImportItem | None = None
        self._title: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): v or "" for k, v in attrs}
        if tag in ("h1", "h2"):
            self._heading = []
        elif tag == "a" and values.get("href"):
            tags = [t for t in values.get("tags", "").split(",") if t.strip()]
            self._link = ImportItem(url=values["href"].strip(), tags=tags,
                                    added=from_unix(values.get("time_added", "")),
                                    archived=self.archived,
                                    where=f"line {self.getpos()[0]}")
            self._title = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h1", "h2") and self._heading is not None:
            heading = " ".join("".join(self._heading).split()).lower()
            self.archived = "archive" in heading
            self._heading = None
        elif tag == "a" and self._link is not None:
            self._link.title = " ".join("".join(self._title).split())
            self.items.append(self._link)
            self._link = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading.append(data)
        if self._link is not None:
            self._title.append(data)


def parse_html(data: bytes) -> list[ImportItem]:
    parser = _RilParser()
    parser.feed(decode_text(data))
    parser.close()
    if not parser.items and b"<a" not in data.lower():
        raise ImportFileError("This Pocket export holds no links")
    return parser.items

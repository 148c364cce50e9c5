"""Browser bookmarks: the Netscape bookmark file that Firefox, Chrome, Edge and Safari export.

Folders are ``<DT><H3>Name</H3>`` followed by a ``<DL>`` of their entries; a link is
``<DT><A HREF ADD_DATE TAGS>Title</A>``, optionally followed by a ``<DD>`` description.
Each folder a link is in becomes a tag, except the browser's own containers (the
bookmarks bar or toolbar, the menu, "Other bookmarks"), which every link is in.
Bookmarklets and browser-internal addresses (``javascript:``, ``place:``) are not pages
and are left out.
"""

from __future__ import annotations

from html.parser import HTMLParser

from clipper.errors import ImportFileError
from clipper.importers.items import ImportItem, from_unix
from clipper.importers.tables import decode_text

NAME = "bookmarks"
DOCTYPE = "netscape-bookmark-file"
_ROOT_ATTRIBUTES = ("personal_toolbar_folder", "unfiled_bookmarks_folder")
_ROOT_NAMES = {
    "bookmarks", "bookmarks bar", "bookmarks toolbar", "bookmarks menu", "bookmarksbar",
    "bookmarksmenu", "other bookmarks", "mobile bookmarks", "favorites bar", "favorites",
    "favourites", "favourites bar", "menu", "toolbar", "unsorted bookmarks",
}


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[ImportItem] = []
        self.folders: list[str | None] = []
        """The folders the parser is in, innermost last (None: a browser container)."""
        self._pending: str | None = None
        self._heading: list[str] | None = None
        self._heading_root = False
        self._link: ImportItem | None = None
        self._text: list[str] = []
        self._description: list[str] | None = None
        self._described: ImportItem | None = None

    def _end_description(self) -> None:
        if self._description is not None and self._described is not None:
            text = " ".join("".join(self._description).split())
            if text:
                self._described.note = text
        self._description = None
        self._described = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): v or "" for k, v in attrs}
        if tag in ("dt", "dl", "h3", "a"):
            self._end_description()
        if tag == "h3":
            self._heading = []
            self._heading_root = any(a in values for a in _ROOT_ATTRIBUTES)
        elif tag == "dl":
            self.folders.append(self._pending)
            self._pending = None
        elif tag == "a":
            href = values.get("href", "").strip()
            if not href.lower().startswith(("http://", "https://")):
                return
            tags = [t for t in values.get("tags", "").split(",") if t.strip()]
            self._link = ImportItem(url=href, tags=[*(f for f in self.folders if f), *tags],
                                    added=from_unix(values.get("add_date", "")),
                                    where=f"line {self.getpos()[0]}")
            self._text = []
        elif tag == "dd" and self.items:
            self._description, self._described = [], self.items[-1]

    def handle_endtag(self, tag: str) -> None:
        if tag == "h3" and self._heading is not None:
            name = " ".join("".join(self._heading).split())
            root = self._heading_root or (name.lower() in _ROOT_NAMES and len(self.folders) <= 1)
            self._pending = None if root or not name else name
            self._heading = None
        elif tag == "dl":
            self._end_description()
            if self.folders:
                self.folders.pop()
        elif tag == "a" and self._link is not None:
            self._link.title = " ".join("".join(self._text).split())
            self.items.append(self._link)
            self._link = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading.append(data)
        elif self._link is not None:
            self._text.append(data)
        elif self._description is not None:
            self._description.append(data)


def parse(data: bytes) -> list[ImportItem]:
    text = decode_text(data)
    if "<dt" not in text[:1_000_000].lower() and DOCTYPE not in text[:400].lower():
        raise ImportFileError("This is not a bookmarks file (HTML exported by a browser)")
    parser = _Parser()
    parser.feed(text)
    parser.close()
    parser._end_description()
    return parser.items

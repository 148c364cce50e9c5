"""Omnivore's export: a ZIP of ``metadata_0_to_49.json``… files, ``content/`` and
``highlights/<slug>.md``, or one of those JSON files on its own.

Each metadata entry has ``url``, ``title``, ``labels`` (names, or objects with a
``name``), ``savedAt``, ``state`` (``Archived`` when read) and a ``slug``; its
highlights are in ``highlights/<slug>.md`` as ``> quote`` blocks, each followed by the
reader's note, or, in exports made with the API, a ``highlights`` list of
``{"quote", "annotation"}`` objects in the entry itself.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path, PurePosixPath

from clipper.errors import ImportFileError
from clipper.importers.items import ImportItem, Quote, from_iso
from clipper.importers.tables import decode_text

NAME = "Omnivore"
MAX_MEMBER = 256 * 1024 * 1024
"""No member of the ZIP is inflated past this (a ZIP bomb stops here)."""
_METADATA = re.compile(r"(^|/)metadata_\d+_to_\d+\.json$")


def _labels(value: object) -> list[str]:
    if not isinstance(value, list):
        return []
    names = []
    for label in value:
        if isinstance(label, dict):
            label = label.get("name") or ""
        if isinstance(label, str) and label.strip():
            names.append(label)
    return names


def parse_highlights(markdown: str) -> list[Quote]:
    """``> quote`` blocks of Omnivore's highlight files, each with the text after it as
    its note."""
    quotes: list[Quote] = []
    quote: list[str] = []
    note: list[str] = []

    def flush() -> None:
        text = "\n".join(quote).strip()
        remark = "\n".join(note).strip()
        if text or remark:
            quotes.append(Quote(text, remark))

    in_quote = False
    for line in markdown.splitlines():
        if line.startswith(">"):
            if not in_quote and (quote or note):
                flush()
                quote, note = [], []
            in_quote = True
            quote.append(line[1:].removeprefix(" "))
        else:
            if in_quote and not line.strip():
                in_quote = False
                continue
            in_quote = False
            note.append(line)
    flush()
    return quotes


def _entry_quotes(entry: dict[str, object]) -> list[Quote]:
    found = entry.get("highlights")
    if not isinstance(found, list):
        return []
    quotes = []
    for item in found:
        if isinstance(item, dict):
            text = str(item.get("quote") or "").strip()
            note = str(item.get("annotation") or "").strip()
            if text or note:
                quotes.append(Quote(text, note))
    return quotes


def _items(entries: object, highlights: dict[str, str], where: str) -> list[ImportItem]:
    if not isinstance(entries, list):
        raise ImportFileError(f"This is not an {NAME} export: {where} holds no list of entries")
    items = []
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            continue
        slug = str(entry.get("slug") or "")
        quotes = _entry_quotes(entry)
        if not quotes and slug in highlights:
            quotes = parse_highlights(highlights[slug])
        state = str(entry.get("state") or "").lower()
        items.append(ImportItem(
            url=str(entry.get("url") or entry.get("originalUrl") or ""),
            title=str(entry.get("title") or ""), tags=_labels(entry.get("labels")),
            added=from_iso(entry.get("savedAt")), archived=state == "archived",
            quotes=quotes, where=f"{where}, entry {number}"))
    return items


def _load(text: str, where: str) -> object:
    try:
        return json.loads(text)
    except ValueError as exc:
        raise ImportFileError(f"{where} in the {NAME} export is not valid JSON ({exc})") from exc


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    if info.file_size > MAX_MEMBER:
        raise ImportFileError(f"{info.filename} in the {NAME} export is too large to read")
    with archive.open(info) as member:
        return member.read(MAX_MEMBER + 1)[:MAX_MEMBER]


def parse_zip(data: bytes) -> list[ImportItem]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ImportFileError(f"The {NAME} export is not a readable ZIP file ({exc})") from exc
    with archive:
        infos = archive.infolist()
        metadata = sorted((i for i in infos if _METADATA.search(i.filename)),
                          key=lambda i: [int(n) for n in re.findall(r"\d+", i.filename)])
        if not metadata:
            raise ImportFileError(f"This ZIP file is not an {NAME} export: no metadata files")
        highlights = {}
        for info in infos:
            path = PurePosixPath(info.filename)
            if path.parent.name == "highlights" and path.suffix == ".md":
                highlights[path.stem] = decode_text(_read_member(archive, info))
        items: list[ImportItem] = []
        for info in metadata:
            name = PurePosixPath(info.filename).name
            entries = _load(decode_text(_read_member(archive, info)), name)
            items += _items(entries, highlights, name)
    return items


def parse_json(data: bytes, folder: Path | None = None) -> list[ImportItem]:
    """One metadata file; ``folder``, where it lies, may hold the ``highlights/`` folder."""
    entries = _load(decode_text(data), "The file")
    highlights: dict[str, str] = {}
    marks = folder / "highlights" if folder is not None else None
    if marks is not None and marks.is_dir() and isinstance(entries, list):
        for entry in entries:
            slug = str(entry.get("slug") or "") if isinstance(entry, dict) else ""
            if not slug or "/" in slug or "\\" in slug or slug.startswith("."):
                continue
            try:
                highlights[slug] = decode_text((marks / f"{slug}.md").read_bytes())
            except OSError:
                continue
    return _items(entries, highlights, "metadata")

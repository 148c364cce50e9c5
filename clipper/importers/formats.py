"""Which export a file is, and reading it with the right parser.

``--format auto`` looks at the content, not only the name: people rename exports, and
a ``.csv`` or ``.html`` could be from any of several services. Each format has a
telling mark (Pocket's ``time_added``, Instapaper's ``Selection`` column, Omnivore's
``savedAt``, Wallabag's ``is_archived``, the Netscape bookmark doctype).
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path, PurePosixPath

from clipper.errors import ImportFileError
from clipper.importers import (
    bookmarks,
    instapaper,
    omnivore,
    pocket,
    raindrop,
    urls_text,
    wallabag,
)
from clipper.importers.items import ImportItem, Quote
from clipper.importers.tables import decode_text, header_of

FORMATS = ("pocket", "instapaper", "omnivore", "wallabag", "raindrop", "bookmarks", "urls")
LABELS = {"pocket": "Pocket", "instapaper": "Instapaper", "omnivore": "Omnivore",
          "wallabag": "Wallabag", "raindrop": "Raindrop.io", "bookmarks": "browser bookmarks",
          "urls": "list of addresses"}
MAX_EXPORT_BYTES = 1024 * 1024 * 1024
"""An export larger than this is refused rather than read into memory (Wallabag's, which
holds every article, is the largest kind; 1 GB is tens of thousands of articles)."""
_ZIP = b"PK\x03\x04"
_POCKET_PART = re.compile(r"(^|/)part_\d+\.csv$")


def read_export(path: Path, fmt: str = "auto") -> tuple[str, list[ImportItem]]:
    """The format (detected when ``fmt`` is ``auto``) and the items of the export file."""
    if fmt != "auto" and fmt not in FORMATS:
        raise ImportFileError(f"Unknown export format {fmt!r}",
                              f"Use one of: auto, {', '.join(FORMATS)}.")
    data = _read(path)
    found = detect(data, path.name) if fmt == "auto" else fmt
    return found, parse(found, data, path)


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ImportFileError(f"{path} is a folder", "Choose the export file inside it.")
        if size > MAX_EXPORT_BYTES:
            raise ImportFileError(f"{path.name} is larger than {MAX_EXPORT_BYTES >> 20} MB",
                                  "Split it into smaller files.")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportFileError(f"No such file: {path}", "Check the path.") from None
    except OSError as exc:
        raise ImportFileError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    if not data.strip():
        raise ImportFileError(f"{path.name} is empty")
    return data


def parse(fmt: str, data: bytes, path: Path | None = None) -> list[ImportItem]:
    """The items of ``data`` read as ``fmt``."""
    if fmt == "pocket":
        if data.startswith(_ZIP):
            return _pocket_zip(data)
        if _looks_like_html(data):
            return pocket.parse_html(data)
        return pocket.parse_csv(data)
    if fmt == "omnivore":
        if data.startswith(_ZIP):
            return omnivore.parse_zip(data)
        return omnivore.parse_json(data, path.parent if path is not None else None)
    if fmt == "instapaper":
        return instapaper.parse(data)
    if fmt == "wallabag":
        return wallabag.parse(data)
    if fmt == "raindrop":
        return raindrop.parse(data)
    if fmt == "bookmarks":
        return bookmarks.parse(data)
    return urls_text.parse(data)


def detect(data: bytes, name: str = "") -> str:
    """The format of an export from its content (its name only breaks ties)."""
    if data.startswith(_ZIP):
        return _detect_zip(data)
    head = decode_text(data[:65536]).lstrip()
    low = head.lower()
    if head.startswith(("[", "{")):
        return _detect_json(data)
    if _looks_like_html(data):
        if bookmarks.DOCTYPE in low[:400] or "<dt>" in low or "<dt " in low:
            return "bookmarks"
        if "time_added" in low or "pocket" in low[:2000]:
            return "pocket"
        raise _unknown(name)
    columns = set(header_of(data))
    if {"url", "time_added"} <= columns:
        return "pocket"
    if {"url", "selection", "folder"} <= columns:
        return "instapaper"
    if "url" in columns and columns & {"excerpt", "cover", "highlights", "favorite"}:
        return "raindrop"
    lines = [line.strip() for line in head.splitlines()[:50]]
    lines = [line for line in lines if line and not line.startswith("#")]
    if lines and sum(line.lower().startswith(("http://", "https://")) for line in lines) \
            >= max(1, len(lines) // 2):
        return "urls"
    raise _unknown(name)


def _unknown(name: str) -> ImportFileError:
    return ImportFileError(
        f"Clipper cannot tell which service {name or 'this file'} was exported from",
        f"Name the format with --format ({', '.join(FORMATS)}).")


def _looks_like_html(data: bytes) -> bool:
    start = data[:2000].lstrip().lower()
    return start.startswith((b"<!doctype", b"<html", b"<meta", b"<title", b"<!--", b"<h1",
                             b"<dl", b"<ul", b"<\xef\xbb\xbf"))


def _detect_json(data: bytes) -> str:
    try:
        parsed = json.loads(decode_text(data))
    except ValueError as exc:
        raise ImportFileError(f"This JSON file cannot be read ({exc})") from exc
    if isinstance(parsed, dict) and ("_embedded" in parsed or "items" in parsed):
        return "wallabag"
    entries = parsed if isinstance(parsed, list) else []
    first = next((e for e in entries if isinstance(e, dict)), {})
    if "savedAt" in first or "slug" in first or "labels" in first:
        return "omnivore"
    if first.keys() & {"is_archived", "is_starred", "created_at", "given_url"}:
        return "wallabag"
    raise _unknown("this JSON file")


def _detect_zip(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except zipfile.BadZipFile as exc:
        raise ImportFileError(f"This ZIP file cannot be read ({exc})") from exc
    if any(re.search(r"(^|/)metadata_\d+_to_\d+\.json$", n) for n in names):
        return "omnivore"
    if any(_POCKET_PART.search(n) for n in names):
        return "pocket"
    raise _unknown("this ZIP file")


def _pocket_zip(data: bytes) -> list[ImportItem]:
    """Pocket's download: ``part_000000.csv``… and, where the reader highlighted,
    ``annotations/part_000000.json`` (``[{"url", "highlights": [{"quote"}]}]``)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ImportFileError(f"The Pocket export is not a readable ZIP file ({exc})") from exc
    items: list[ImportItem] = []
    quotes: dict[str, list[Quote]] = {}
    with archive:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            if info.file_size > omnivore.MAX_MEMBER:
                raise ImportFileError(f"{info.filename} in the Pocket export is too large")
            path = PurePosixPath(info.filename)
            if _POCKET_PART.search(info.filename):
                items += pocket.parse_csv(archive.read(info))
            elif path.parent.name == "annotations" and path.suffix == ".json":
                for url, found in _pocket_annotations(archive.read(info)).items():
                    quotes.setdefault(url, []).extend(found)
    if not items:
        raise ImportFileError("This Pocket export holds no part_000000.csv")
    for item in items:
        item.quotes += quotes.get(item.url, [])
    return items


def _pocket_annotations(data: bytes) -> dict[str, list[Quote]]:
    try:
        entries = json.loads(decode_text(data))
    except ValueError:
        return {}
    out: dict[str, list[Quote]] = {}
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict) or not isinstance(entry.get("highlights"), list):
            continue
        found = [Quote(str(h.get("quote") or "").strip()) for h in entry["highlights"]
                 if isinstance(h, dict) and str(h.get("quote") or "").strip()]
        if found:
            out[str(entry.get("url") or "")] = found
    return out

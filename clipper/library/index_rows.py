"""A clip file as the rows the search index stores, and reading many of them beside the writer.

Indexing many files (a first build) reads and digests them in a helper thread while
the calling thread writes the previous batch: SQLite releases the GIL while it works,
so the two overlap. Nothing here touches the database except ``insert_rows``.
"""

from __future__ import annotations

import contextlib
import json
import queue
import sqlite3
import struct
import sys
import threading
import time
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clipper.errors import LibraryError
from clipper.library.duplicates import sketch_of_text
from clipper.library.frontmatter import parse_clip
from clipper.library.query import index_text
from clipper.library.summary import first_words, site_of, sort_key
from clipper.library.text import plain_text
from clipper.urls import normalize_url

__all__ = ["BATCH", "CLIP_COLUMNS", "FTS_COLUMNS", "ParsedClip", "insert_rows",
           "max_variables", "pack_sketch", "read_ahead", "read_clip_file", "unpack_sketch"]

BATCH = 200
"""Files indexed per transaction: the lock is released between batches, so searches
from the window stay responsive while a large library is first indexed."""
CLIP_COLUMNS = ("id", "path", "mtime", "size", "inode", "title", "site", "site_key", "tags",
                "source", "nsource", "created", "published", "sort_key", "preview", "fingerprint")
FTS_COLUMNS = ("rowid", "title", "site", "tags", "body")

Row = tuple[Any, ...]


def pack_sketch(sketch: list[int]) -> bytes | None:
    """A fingerprint's hashes as 8 bytes each (a third of their decimal text)."""
    return struct.pack(f"<{len(sketch)}q", *sketch) if sketch else None


def unpack_sketch(data: bytes | None) -> tuple[int, ...]:
    return struct.unpack(f"<{len(data) // 8}q", data) if data else ()


@dataclass
class ParsedClip:
    """One clip file's rows, worked out in the reader thread (all but the id)."""

    rel: str
    clip_values: Row
    """The ``clips`` columns after ``id``."""
    fts_values: Row
    """The ``fts`` columns after ``rowid``, through ``index_text``."""
    sketch: list[int]
    """The fingerprint's hashes, smallest first (none for a short text)."""


def read_clip_file(library: Path, rel: str, mtime: int, size: int,
                    inode: int) -> ParsedClip | None:
    """Read and digest one clip file (no database: this runs in the reader thread)."""
    path = library / rel
    try:
        raw = path.read_bytes()
    except OSError:
        return None  # gone or unreadable since the scan; the next sync sees it
    text = raw.decode("utf-8", "replace")
    try:
        clip = parse_clip(text, path)
    except LibraryError:  # broken front matter: still findable by its words
        clip = parse_clip(text.replace("---", "- - -", 1), path)
    body = plain_text(clip.body)
    sketch = sketch_of_text(body)
    return ParsedClip(
        rel,
        (rel, mtime, size, inode, clip.title, clip.site, site_of(clip.site, clip.source),
         json.dumps(clip.tags), clip.source, normalize_url(clip.source), clip.created,
         clip.published, sort_key(clip.created, clip.published, mtime), first_words(body),
         pack_sketch(sketch)),
        (index_text(clip.title), index_text(clip.site or ""), index_text(" ".join(clip.tags)),
         index_text(body)),
        sketch)


def max_variables(conn: sqlite3.Connection) -> int:
    if sys.version_info >= (3, 11):
        return conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return 32766 if sqlite3.sqlite_version_info >= (3, 32, 0) else 999


def insert_rows(conn: sqlite3.Connection, table: str, columns: Sequence[str],
                 rows: list[Row], max_variables: int) -> None:
    """Many rows per INSERT: one statement runs without Python's GIL, so the reader thread
    works meanwhile (``executemany`` takes the GIL back after every row)."""
    per = max(1, max_variables // len(columns))
    head = f"INSERT INTO {table}({', '.join(columns)}) VALUES "
    marks = "(" + ",".join("?" * len(columns)) + ")"
    for start in range(0, len(rows), per):
        chunk = rows[start:start + per]
        conn.execute(head + ",".join([marks] * len(chunk)),
                     [value for row in chunk for value in row])


def read_ahead(items: Sequence[tuple[str, tuple[int, int, int]]],
                read: Callable[[str, int, int, int], ParsedClip | None],
                ) -> Generator[tuple[int, list[ParsedClip]], None, None]:
    """``(files tried, clips read)`` per batch of ``items``; a thread reads the next batches
    while the caller writes one to the database (SQLite works without the GIL).

    Closing the iterator (cancel, an error) stops the thread.
    """
    if len(items) <= BATCH:
        if items:
            yield len(items), [p for p in (read(rel, *stat) for rel, stat in items) if p]
        return
    results: queue.Queue[tuple[int, list[ParsedClip]] | BaseException | None] = \
        queue.Queue(maxsize=2)
    stop = threading.Event()

    def put(item: tuple[int, list[ParsedClip]] | BaseException | None) -> None:
        while not stop.is_set():
            with contextlib.suppress(queue.Full):
                results.put(item, timeout=0.05)
                return

    def work() -> None:
        try:
            for start in range(0, len(items), BATCH):
                chunk = items[start:start + BATCH]
                parsed = []
                for rel, stat in chunk:
                    if stop.is_set():
                        return
                    clip = read(rel, *stat)
                    if clip is not None:
                        parsed.append(clip)
                    # Hand over the GIL: the writer, back from SQLite, would otherwise wait
                    # for the interpreter's switch interval (5 ms) after every statement.
                    time.sleep(0)
                put((len(chunk), parsed))
        except BaseException as exc:  # handed to the caller's thread
            put(exc)
        put(None)

    reader = threading.Thread(target=work, name="clipper-index-reader", daemon=True)
    reader.start()
    try:
        while (item := results.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        reader.join()

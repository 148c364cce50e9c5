"""The library's search index: an SQLite FTS5 cache of the clip files.

The files are the truth; this is a cache in the platformdirs cache folder, one
database per library. ``sync()`` compares the folder with the index by
(mtime, size, inode), so clips added, edited or deleted by another editor or a
sync tool show up, and a missing or corrupt database is deleted and rebuilt without
troubling the user. Save, update and delete tell the index of the ``Library`` they are
given about their own changes; every index of one library (the window's, a command
line run's) is a connection to the same database file, so each sees the others' changes
without waiting for a rescan. The duplicate lookup by address and by text is here too:
it is two queries on this database.

The text index keeps no copy of the text (FTS5 ``content=''``): a copy made the index
larger than the library itself, and snippets are cut from the files (``snippets``).
Such an index cannot take a clip's words out again without being given them, so a
clip that changes or goes gets a new id and its old words stay behind, unreachable
(every query joins the live clips); ``compact()`` rebuilds the text index from the
files once such leftovers are a tenth of it. bench/library/README.md has the numbers.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypeVar

from clipper.errors import LibraryError
from clipper.library.duplicates import SIMILAR, fingerprint, is_similar, similarity, sketch_of
from clipper.library.index_rows import (
    BATCH,
    CLIP_COLUMNS,
    FTS_COLUMNS,
    ParsedClip,
    insert_rows,
    max_variables,
    read_ahead,
    read_clip_file,
    unpack_sketch,
)
from clipper.library.index_search import matching_ids
from clipper.library.query import Filters, parse_query, split_filters
from clipper.library.snippets import Snippets
from clipper.library.summary import ClipSummary
from clipper.library.walk import iter_clip_entries, iter_clip_files
from clipper.models import Clip
from clipper.progress import ProgressFn, check_cancel
from clipper.urls import normalize_url

SCHEMA_VERSION = "6"  # 5: ß/ss folding, site_key; 6: no copy of the text, ids never reused
# Fingerprints use CPython's tuple hash: an index built by another interpreter is rebuilt.
HASH_FLAVOUR = f"{sys.implementation.name}-{sys.version_info[0]}.{sys.version_info[1]}"
SNIPPET_ROWS = 100
"""Results that get a snippet around the match; later ones show the start of the text."""
LEFTOVERS = 0.1
"""Share of the text index left behind by changed and removed clips that ``compact()``
clears (at least ``MIN_LEFTOVERS`` rows)."""
MIN_LEFTOVERS = 100

T = TypeVar("T")

_TEXT_TABLES = """
CREATE VIRTUAL TABLE fts{suffix} USING fts5(
    title, site, tags, body, content = '', tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO fts{suffix}(fts{suffix}, rank) VALUES('rank', 'bm25(10.0, 4.0, 4.0, 1.0)');
INSERT INTO fts{suffix}(fts{suffix}, rank) VALUES('hashsize', 8388608);
CREATE VIRTUAL TABLE labels{suffix} USING fts5(
    title, site, tags, content = '', prefix = '3',
    tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO labels{suffix}(labels{suffix}, rank) VALUES('rank', 'bm25(10.0, 4.0, 4.0)');
"""
# fts: every word, no prefix index (it made the index larger than the library); labels:
# title, site and tags again, with an index of their first three letters, for a word being
# typed in a large library (``index_search``). hashsize: FTS5 writes its pending words out
# as a new segment whenever they pass 1 MB (the default), a few times per batch; one
# segment per batch makes a first build faster (bench/library/README.md).
LABEL_COLUMNS = ("rowid", "title", "site", "tags")

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE clips(
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    path TEXT NOT NULL,
    mtime INTEGER NOT NULL,
    size INTEGER NOT NULL,
    inode INTEGER NOT NULL,
    title TEXT NOT NULL,
    site TEXT,
    site_key TEXT NOT NULL,
    tags TEXT NOT NULL,
    source TEXT,
    nsource TEXT,
    created TEXT,
    published TEXT,
    sort_key REAL NOT NULL,
    preview TEXT NOT NULL,
    fingerprint BLOB
);
CREATE INDEX clips_file ON clips(path, mtime, size, inode);
CREATE INDEX clips_nsource ON clips(nsource) WHERE nsource IS NOT NULL;
CREATE INDEX clips_sort ON clips(sort_key);
CREATE TABLE sketch(h INTEGER NOT NULL, clip INTEGER NOT NULL, PRIMARY KEY (h, clip))
    WITHOUT ROWID;
""" + _TEXT_TABLES.format(suffix="")
# AUTOINCREMENT: an id is never given twice, as the text index may still hold the words of
# a clip that had it. clips_file: one path per clip (the writes see to it), and what a sync
# compares, read without the rows.


Sort = Literal["created", "published", "title", "site"]
"""The orders the library can be listed in: newest clipped first (the default), newest
published first, by title, by site."""
_ORDER: dict[str, str] = {
    "created": "c.sort_key DESC, c.mtime DESC, c.path",
    "published": "coalesce(c.published, '') = '', c.published DESC, c.sort_key DESC, c.path",
    "title": "c.title COLLATE NOCASE, c.sort_key DESC, c.path",
    "site": "c.site_key = '', c.site_key COLLATE NOCASE, c.sort_key DESC, c.path",
}


@dataclass
class Facets:
    """The library's tags and sites, each with its number of clips, most first."""

    tags: list[tuple[str, int]]
    sites: list[tuple[str, int]]


def _filter_sql(filters: Filters | None) -> tuple[str, tuple[object, ...]]:
    """A WHERE condition on ``clips c`` for ``filters`` (``1`` for none), and its values.

    A tag matches in any letter case, and so do its nested tags (``a`` finds ``a/b``)."""
    if not filters:
        return "1", ()
    parts: list[str] = []
    values: list[object] = []
    for tag in filters.tags:
        parts.append("EXISTS (SELECT 1 FROM json_each(c.tags) j WHERE j.value = ? COLLATE "
                     "NOCASE OR substr(j.value, 1, ?) = ? COLLATE NOCASE)")
        values += [tag, len(tag) + 1, tag + "/"]
    if filters.sites:
        parts.append("(" + " OR ".join("c.site_key = ? COLLATE NOCASE"
                                       for _ in filters.sites) + ")")
        values += list(filters.sites)
    return " AND ".join(parts), tuple(values)


class IndexUnavailable(LibraryError):
    """No index could be opened (no FTS5 in this SQLite); callers scan the files instead."""


@dataclass
class SyncChanges:
    added: list[Path] = field(default_factory=list)
    updated: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def __len__(self) -> int:
        return len(self.added) + len(self.updated) + len(self.removed)


def index_path(library: Path, cache_dir: Path | None = None) -> Path:
    """``<cache>/index/<hash of the library path>.sqlite3``."""
    if cache_dir is None:
        from clipper.settings import cache_dir as default_cache_dir

        cache_dir = default_cache_dir()
    key = hashlib.sha256(os.fsencode(library.resolve())).hexdigest()[:20]
    return cache_dir / "index" / f"{key}.sqlite3"


def _is_corruption(exc: sqlite3.DatabaseError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in (11, 26):  # SQLITE_CORRUPT, SQLITE_NOTADB
        return True
    if isinstance(exc, sqlite3.OperationalError):
        text = str(exc).lower()
        return any(s in text for s in ("malformed", "not a database", "no such table",
                                       "no such column", "corrupt", "vtable constructor"))
    return type(exc) is sqlite3.DatabaseError


def _drop_everything(conn: sqlite3.Connection) -> None:
    """Empty an outdated index in place (deleting the file under another process's open
    connection would split the cache in two)."""
    tables = [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'")]
    tables += [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND sql NOT LIKE 'CREATE VIRTUAL%'")]
    for name in tables:
        conn.execute(f'DROP TABLE IF EXISTS "{name.replace(chr(34), chr(34) * 2)}"')


def _sketch_keys(sketch: Iterable[int]) -> list[int]:
    """The sketch table's keys: the top 32 bits of each hash (4 bytes instead of 8 in each
    row; candidates only, the whole fingerprint in ``clips`` decides), each once."""
    return sorted({h >> 32 for h in sketch})


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


class LibraryIndex:
    """Search index of one library folder; thread-safe (one connection behind a lock)."""

    def __init__(self, library: Path, db_path: Path | None) -> None:
        self.library = library
        self.db_path = db_path
        """None: an in-memory index, when the cache folder cannot be written."""
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self.rebuilt = False
        """True when an existing database had to be thrown away (corrupt or outdated)."""
        self.synced = False
        """A sync with the folder has finished: from then on the index is kept current by
        what this process writes, and by whoever watches the folder (the window)."""
        self._has_json: bool | None = None
        self._data_version: int | None = None

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, library: Path, cache_dir: Path | None = None) -> LibraryIndex:
        """Open (or create) the index of ``library``; call ``sync()`` to bring it up to date.

        Most code gets it from ``Library.index()``, which opens it once per handle and
        keeps it current with what ``save_clip``/``update_clip``/``delete_clip`` write.
        """
        library = Path(library).absolute()
        db_path: Path | None
        try:
            db_path = index_path(library, cache_dir)
            db_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            db_path = None  # the cache folder cannot be written: an index in memory
        index = cls(library, db_path)
        index._connect()
        return index

    def _connect(self) -> None:
        try:
            self._conn = self._connect_once()
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and "fts5" in str(exc).lower():
                raise IndexUnavailable("This Python's SQLite has no full-text search (FTS5)",
                                       "Searching falls back to reading the files.") from exc
            if not _is_corruption(exc):  # e.g. locked by another process for too long
                raise IndexUnavailable(f"The library index cannot be opened: {exc}") from exc
            self._reset()
            self._conn = self._connect_once()

    def _connect_once(self) -> sqlite3.Connection:
        target = str(self.db_path) if self.db_path else ":memory:"
        try:
            conn = sqlite3.connect(target, check_same_thread=False, isolation_level=None,
                                   timeout=10)
            conn.execute("PRAGMA journal_mode=WAL")
        except sqlite3.OperationalError as exc:
            if self.db_path is None or _is_corruption(exc):
                raise
            self.db_path = None  # the cache folder is unwritable: keep the index in memory
            conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        try:
            conn.execute("PRAGMA synchronous=NORMAL")
            # IMMEDIATE: two processes opening a new index at once create the schema once.
            conn.execute("BEGIN IMMEDIATE")
            meta = conn.execute("SELECT 1 FROM sqlite_master WHERE name='meta'").fetchone()
            rows = dict(conn.execute("SELECT key, value FROM meta")) if meta else {}
            expected = {"schema": SCHEMA_VERSION, "hash": HASH_FLAVOUR,
                        "library": str(self.library.resolve())}
            if rows != expected:
                if rows or meta:
                    self.rebuilt = True
                _drop_everything(conn)
                _run_script(conn, _SCHEMA)
                conn.executemany("INSERT INTO meta VALUES (?, ?)", list(expected.items()))
            conn.execute("COMMIT")
        except BaseException:
            conn.close()
            raise
        return conn

    def _delete_files(self) -> None:
        if self.db_path is None:
            return
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{self.db_path}{suffix}")

    def _reset(self) -> None:
        """Throw the database away (corrupt): the next sync rebuilds it from the files."""
        self._data_version = None  # a new connection counts anew
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None
        self._delete_files()
        self.rebuilt = True

    def _recover(self) -> None:
        with self._lock:
            self._reset()
            self._conn = self._connect_once()
        self._sync(None, None)

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise LibraryError("The library index is closed")
        return self._conn

    def close(self) -> None:
        with self._lock:
            self._data_version = None
            if self._conn is not None:
                with contextlib.suppress(sqlite3.Error):
                    self._conn.close()
                self._conn = None

    def __enter__(self) -> LibraryIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _guarded(self, action: Callable[[], T]) -> T:
        """Run ``action``; if the database turns out corrupt, rebuild it and run it again."""
        with self._lock:
            try:
                return action()
            except sqlite3.DatabaseError as exc:
                if not _is_corruption(exc):
                    raise LibraryError(f"The library index failed: {exc}") from exc
                with contextlib.suppress(sqlite3.Error):
                    self.conn.rollback()
                self._recover()
                return action()

    # -- keeping it current ----------------------------------------------------------------

    def written_elsewhere(self) -> bool:
        """Whether another connection (``clipper save``, an import in another process) wrote
        to the index since the last call: it recorded its own clips, so a sync finds nothing
        left to do, yet they are new to whoever shows the library (SQLite's data_version)."""
        with self._lock:
            try:
                version = self.conn.execute("PRAGMA data_version").fetchone()[0]
            except (sqlite3.Error, LibraryError):
                return False
            seen, self._data_version = self._data_version, int(version)
        return seen is not None and seen != version

    def sync(self, progress: ProgressFn | None = None,
             cancel: threading.Event | None = None, *, stat: bool = True,
             files: Iterable[Path] = ()) -> SyncChanges:
        """Bring the index in line with the folder; only new or changed files are read.

        ``stat=False`` compares each file's name and inode only (no ``stat`` of each file,
        several times cheaper in a large library): it finds clips added, removed, renamed
        or saved by replacing the file, not those written in place, which a watcher names
        in ``files`` (checked fully).
        """
        try:
            return self._sync(progress, cancel, stat, files)
        except sqlite3.DatabaseError as exc:
            if not _is_corruption(exc):
                raise LibraryError(f"The library index failed: {exc}") from exc
            with self._lock:
                self._reset()
                self._conn = self._connect_once()
            return self._sync(progress, cancel)

    def _sync(self, progress: ProgressFn | None, cancel: threading.Event | None,
              stat: bool = True, files: Iterable[Path] = ()) -> SyncChanges:
        # (mtime, size, inode): editors that save by replacing the file change the inode
        # even when the clock is too coarse to change the mtime.
        if stat:
            with self._lock:
                known = {path: (mtime, size, inode) for path, mtime, size, inode in
                         self.conn.execute("SELECT path, mtime, size, inode FROM clips")}
            on_disk = {rel: (st.st_mtime_ns, st.st_size, st.st_ino) for rel, st in
                       iter_clip_files(self.library)}
            todo = [(rel, st) for rel, st in on_disk.items() if known.get(rel) != st]
            removed = [rel for rel in known if rel not in on_disk]
        else:
            known, todo, removed = self._light_scan(files)
        changes = SyncChanges()
        if removed:
            with self._lock, self._transaction():
                for rel in removed:
                    self._forget(rel)
            changes.removed = [self.library / rel for rel in removed]
        # Oldest first: ids then follow the files' age, which orders results too many to
        # rank (``index_search``).
        todo.sort(key=lambda item: item[1][0])
        total = len(todo)
        if progress and total:
            progress("indexing", 0, total)
        with self._bulk_settings(total > BATCH):
            batches = read_ahead(todo, self._read)
            try:
                done = 0
                for tried, parsed in batches:
                    # One transaction per batch, the lock released in between: searches
                    # from another thread are answered while a big library is indexed.
                    check_cancel(cancel)
                    with self._lock, self._transaction():
                        self._store(parsed)
                    for clip in parsed:
                        (changes.updated if clip.rel in known else changes.added).append(
                            self.library / clip.rel)
                    done += tried
                    if progress:
                        progress("indexing", done, total)
            finally:
                batches.close()
        self.synced = True
        return changes

    def _light_scan(self, files: Iterable[Path]) -> tuple[
            dict[str, tuple[int, int, int]], list[tuple[str, tuple[int, int, int]]], list[str]]:
        """``sync(stat=False)``'s comparison: ``(known, todo, removed)``, where ``known``
        holds the rows of the files in ``todo`` only (what a sync needs of it)."""
        check = {rel for rel in map(self._rel, files) if rel is not None}
        with self._lock:
            inodes = dict(self.conn.execute("SELECT path, inode FROM clips"))
        seen: set[str] = set()
        stats: dict[str, tuple[int, int, int]] = {}
        for rel, entry in iter_clip_entries(self.library):
            seen.add(rel)
            try:
                if inodes.get(rel) == entry.inode() and rel not in check:
                    continue
                st = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            stats[rel] = (st.st_mtime_ns, st.st_size, st.st_ino)
        known: dict[str, tuple[int, int, int]] = {}
        with self._lock:
            for rel in stats:
                row = self.conn.execute("SELECT mtime, size, inode FROM clips WHERE path = ?",
                                        (rel,)).fetchone()
                if row is not None:
                    known[rel] = row
        todo = [(rel, st) for rel, st in stats.items() if known.get(rel) != st]
        return known, todo, [rel for rel in inodes if rel not in seen]

    def _read(self, rel: str, mtime: int, size: int, inode: int) -> ParsedClip | None:
        return read_clip_file(self.library, rel, mtime, size, inode)

    @contextlib.contextmanager
    def _bulk_settings(self, bulk: bool) -> Iterator[None]:
        """No fsync while many files are indexed: the index is a cache, rebuilt if a crash
        damages it. (A larger page cache made no measurable difference.)"""
        if not bulk:
            yield
            return
        with self._lock:
            self.conn.execute("PRAGMA synchronous=OFF")
        try:
            yield
        finally:
            with self._lock, contextlib.suppress(sqlite3.Error, LibraryError):
                self.conn.execute("PRAGMA synchronous=NORMAL")

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        # IMMEDIATE: take the write lock first, so another process's commit cannot slip in
        # between reading a row and replacing it.
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def _forget(self, rel: str) -> None:
        for row in self.conn.execute("SELECT id, fingerprint FROM clips WHERE path = ?",
                                     (rel,)).fetchall():
            self._delete_row(*row)

    def _delete_row(self, cid: int, fp: bytes | None) -> None:
        """The clip's row and its sketch go; its words stay in the text index, unreachable."""
        self.conn.execute("DELETE FROM clips WHERE id = ?", (cid,))
        if fp:  # the sketch rows are keyed (hash, clip): no second index to keep
            self.conn.executemany("DELETE FROM sketch WHERE h = ? AND clip = ?",
                                  [(h, cid) for h in _sketch_keys(unpack_sketch(fp))])

    def _store(self, parsed: list[ParsedClip]) -> None:
        """Write clips read by ``read_clip_file`` (replacing their old rows), in a
        transaction the caller holds."""
        if not parsed:
            return
        conn = self.conn
        limit = max_variables(conn)
        rels = [clip.rel for clip in parsed]
        for start in range(0, len(rels), limit):
            chunk = rels[start:start + limit]
            for cid, fp in conn.execute(
                    f"SELECT id, fingerprint FROM clips WHERE path IN "
                    f"({','.join('?' * len(chunk))})", chunk).fetchall():
                self._delete_row(cid, fp)
        # Ids given here, so the text and sketch rows can be written in bulk too; the write
        # lock is held, so no other writer takes them meanwhile. Never one given before
        # (AUTOINCREMENT keeps the highest in sqlite_sequence).
        base = conn.execute(
            "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'clips'), 0), "
            "coalesce((SELECT max(id) FROM clips), 0))").fetchone()[0] + 1
        insert_rows(conn, "clips", CLIP_COLUMNS,
                     [(base + i, *clip.clip_values) for i, clip in enumerate(parsed)], limit)
        self._store_text("", [(base + i, *clip.fts_values) for i, clip in enumerate(parsed)])
        # In key order: cheaper B-tree inserts.
        insert_rows(conn, "sketch", ("h", "clip"), sorted(
            (h, base + i) for i, clip in enumerate(parsed) for h in _sketch_keys(clip.sketch)),
            limit)

    def _store_text(self, suffix: str, rows: list[tuple[object, ...]]) -> None:
        """Rows ``(id, title, site, tags, body)`` into the text tables ``fts`` and ``labels``
        (``suffix``: the ones ``compact`` fills)."""
        limit = max_variables(self.conn)
        insert_rows(self.conn, f"fts{suffix}", FTS_COLUMNS, rows, limit)
        insert_rows(self.conn, f"labels{suffix}", LABEL_COLUMNS, [row[:4] for row in rows],
                    limit)

    def _json_each(self) -> bool:
        """Whether this SQLite has ``json_each`` (built in since 3.38, usually before)."""
        if self._has_json is None:
            try:
                self.conn.execute("SELECT count(*) FROM json_each('[1]')").fetchone()
                self._has_json = True
            except sqlite3.OperationalError:
                self._has_json = False
        return self._has_json

    def _rel(self, path: Path) -> str | None:
        try:
            return Path(path).absolute().relative_to(self.library).as_posix()
        except ValueError:
            try:
                return Path(path).resolve().relative_to(self.library.resolve()).as_posix()
            except ValueError:
                return None

    def update_path(self, path: Path) -> None:
        """(Re)index one clip file just written by Clipper."""
        rel = self._rel(path)
        if rel is None:
            return

        def action() -> None:
            try:
                st = os.stat(self.library / rel)
            except OSError:
                return
            parsed = self._read(rel, st.st_mtime_ns, st.st_size, st.st_ino)
            if parsed is not None:
                with self._transaction():
                    self._store([parsed])

        self._guarded(action)

    def remove_path(self, path: Path) -> None:
        """Forget one clip file Clipper just moved away."""
        rel = self._rel(path)
        if rel is None:
            return

        def action() -> None:
            with self._transaction():
                self._forget(rel)

        self._guarded(action)

    # -- clearing what changed clips left behind ---------------------------------------------

    def leftovers(self) -> int:
        """Rows of the text index that no clip has any more (changed or removed clips)."""
        return self._guarded(lambda: self.conn.execute(
            "SELECT (SELECT count(*) FROM fts_docsize) - (SELECT count(*) FROM clips)",
        ).fetchone()[0])

    def compact(self, progress: ProgressFn | None = None,
                cancel: threading.Event | None = None, *, force: bool = False) -> bool:
        """Rebuild the text index from the files when changed and removed clips have left
        ``LEFTOVERS`` of it behind (``force``: whatever they left); True if it did.

        The new index is filled beside the old one, which answers searches meanwhile, and
        takes its place in one transaction. Files changed since they were indexed are
        left out: the next sync indexes them anew.
        """
        with self._lock:
            live = self.count()
            left = self.leftovers()
        if not left or (not force and left < max(MIN_LEFTOVERS, LEFTOVERS * live)):
            return False
        with self._lock:
            self._drop_next()
            _run_script(self.conn, _TEXT_TABLES.format(suffix="_next"))
        last, done = 0, 0
        try:
            with self._bulk_settings(live > BATCH):
                while True:
                    check_cancel(cancel)
                    with self._lock:
                        rows = self.conn.execute(
                            "SELECT id, path, mtime, size, inode FROM clips WHERE id > ? "
                            "ORDER BY id LIMIT ?", (last, BATCH)).fetchall()
                    if not rows:
                        break
                    texts = self._texts_of(rows)
                    with self._lock, self._transaction():
                        self._store_text("_next", texts)
                    last = rows[-1][0]
                    done += len(rows)
                    if progress:
                        progress("indexing", done, max(done, live))
            with self._lock, self._transaction():
                # Clips written since the last batch, then the swap.
                rows = self.conn.execute("SELECT id, path, mtime, size, inode FROM clips "
                                         "WHERE id > ? ORDER BY id", (last,)).fetchall()
                self._store_text("_next", self._texts_of(rows))
                for table in ("fts", "labels"):
                    self.conn.execute(f"DROP TABLE {table}")
                    self.conn.execute(f"ALTER TABLE {table}_next RENAME TO {table}")
        except BaseException as exc:
            with self._lock, contextlib.suppress(sqlite3.Error):
                self._drop_next()
            if isinstance(exc, sqlite3.Error):
                # e.g. another process compacting at once: the old tables serve on (were
                # they damaged, the next query finds it and rebuilds them).
                return False
            raise
        return True

    def _drop_next(self) -> None:
        for table in ("fts_next", "labels_next"):
            self.conn.execute(f"DROP TABLE IF EXISTS {table}")

    def _texts_of(self, rows: list[tuple[int, str, int, int, int]]
                  ) -> list[tuple[object, ...]]:
        """The text index rows of clips whose files are as they were indexed."""
        out: list[tuple[object, ...]] = []
        for cid, rel, mtime, size, inode in rows:
            try:
                st = os.stat(self.library / rel)
            except OSError:
                continue
            if (st.st_mtime_ns, st.st_size, st.st_ino) != (mtime, size, inode):
                continue
            parsed = self._read(rel, mtime, size, inode)
            if parsed is not None:
                out.append((cid, *parsed.fts_values))
        return out

    # -- queries ---------------------------------------------------------------------------

    def _summary(self, row: tuple, snippet: str = "") -> ClipSummary:
        path, title, site, created, published, tags, source = row
        return ClipSummary(path=self.library / path, title=title, site=site, created=created,
                           published=published, tags=json.loads(tags), snippet=snippet,
                           source=source)

    _COLUMNS = "c.path, c.title, c.site, c.created, c.published, c.tags, c.source"

    def search(self, query: str, limit: int | None = 50) -> list[ClipSummary]:
        """Clips matching ``query`` (title, site, tags, text), best first; any text is safe
        to pass: quotes and FTS operators are taken literally. ``tag:`` and ``site:`` in it
        narrow the results (``query.split_filters``). No words: ``recent()``.

        More matches than can be ranked quickly (a common word in a large library) come
        with the words in the title, site or tags first, then the newest (``index_search``).
        """
        filters, words = split_filters(query)
        parsed = parse_query(words)
        if parsed is None:
            return self.recent(limit, filters=filters)
        condition = _filter_sql(filters)

        def action() -> list[ClipSummary]:
            ids = matching_ids(self.conn, parsed, limit, condition)
            rows = {row[0]: row[1:] for row in self._rows_by_id(
                f"SELECT c.id, {self._COLUMNS}, c.preview FROM clips c WHERE c.id IN ", ids)}
            return [self._summary(rows[cid][:7], rows[cid][7]) for cid in ids if cid in rows]

        found = self._guarded(action)
        # The files are read without the lock: the window's sync goes on meanwhile.
        snippets = Snippets(parsed)
        for summary in found[:SNIPPET_ROWS]:
            snippet = snippets.of_file(summary.path, summary.title,
                                       f"{summary.site or ''}\n{' '.join(summary.tags)}")
            if snippet is not None:
                summary.snippet, summary.highlights = snippet
        return found

    def _rows_by_id(self, sql: str, ids: list[int]) -> list[tuple]:
        rows: list[tuple] = []
        for start in range(0, len(ids), 500):  # stay under SQLite's variable limit
            chunk = ids[start:start + 500]
            rows.extend(self.conn.execute(sql + f"({','.join('?' * len(chunk))})", chunk))
        return rows

    def recent(self, limit: int | None = None, offset: int = 0, sort: Sort = "created",
               filters: Filters | None = None) -> list[ClipSummary]:
        """Clips newest first (by ``created``, else ``published``, else file time; clips
        saved within the same second by file time), or in another ``sort`` order: newest
        published, title, site. ``filters``: only the clips with those tags and sites.

        ``offset`` skips that many: the window's list loads a large library page by page,
        as summaries for all of a large library take long to build (bench/library).
        """
        where, values = _filter_sql(filters)
        order = _ORDER[sort]

        def action() -> list[ClipSummary]:
            rows = self.conn.execute(
                f"SELECT {self._COLUMNS}, c.preview FROM clips c WHERE {where} "
                f"ORDER BY {order} LIMIT ? OFFSET ?",
                (*values, -1 if limit is None else limit, max(0, offset))).fetchall()
            return [self._summary(row[:7], row[7]) for row in rows]

        return self._guarded(action)

    def newest_paths(self, limit: int | None = None) -> list[Path]:
        """The clip files in ``recent()`` order, without building summaries (10x cheaper)."""
        return self._guarded(lambda: [
            self.library / p for (p,) in self.conn.execute(
                "SELECT path FROM clips ORDER BY sort_key DESC, mtime DESC, path LIMIT ?",
                (-1 if limit is None else limit,))])

    def count(self, filters: Filters | None = None) -> int:
        where, values = _filter_sql(filters)
        return self._guarded(lambda: self.conn.execute(
            f"SELECT count(*) FROM clips c WHERE {where}", values).fetchone()[0])

    def facets(self) -> Facets:
        """Every tag and every site of the library with its number of clips, most first:
        the library pane's side lists (one query each, ~10 ms for 10,000 clips)."""

        def action() -> Facets:
            if self._json_each():
                tags = self.conn.execute(
                    "SELECT j.value, count(DISTINCT c.id) AS n FROM clips c, "
                    "json_each(c.tags) j WHERE j.type = 'text' GROUP BY j.value "
                    "ORDER BY n DESC, j.value COLLATE NOCASE").fetchall()
            else:
                counted: dict[str, int] = {}
                for (raw,) in self.conn.execute("SELECT tags FROM clips"):
                    for tag in dict.fromkeys(json.loads(raw)):
                        counted[tag] = counted.get(tag, 0) + 1
                tags = sorted(counted.items(), key=lambda item: (-item[1], item[0].lower()))
            sites = self.conn.execute(
                "SELECT site_key, count(*) AS n FROM clips WHERE site_key <> '' "
                "GROUP BY site_key ORDER BY n DESC, site_key COLLATE NOCASE").fetchall()
            return Facets([(str(t), int(n)) for t, n in tags],
                          [(str(t), int(n)) for t, n in sites])

        return self._guarded(action)

    def by_source(self, url: str | None) -> list[Path]:
        """Clips whose source is the same page (normalised URL), newest first."""
        key = normalize_url(url)
        if not key:
            return []
        return self._guarded(lambda: [
            self.library / p for (p,) in self.conn.execute(
                "SELECT path FROM clips WHERE nsource = ? ORDER BY sort_key DESC", (key,))])

    def by_fingerprint(self, fp: str | None) -> list[Path]:
        """Clips whose text is similar enough to count as the same article, most similar first.
        """
        sketch = sketch_of(fp)
        if not sketch:
            return []
        keys = _sketch_keys(sketch)
        # Similar texts share at least this many hashes (two hashes of one text may share
        # a key: a little less), then the whole fingerprints decide.
        need = max(1, int(SIMILAR * len(sketch)) - 2)

        def action() -> list[Path]:
            marks = ",".join("?" * len(keys))
            rows = self.conn.execute(
                f"SELECT c.path, c.fingerprint, c.sort_key FROM clips c JOIN "
                f"(SELECT clip, count(*) AS n FROM sketch WHERE h IN ({marks}) GROUP BY clip) s "
                f"ON s.clip = c.id WHERE s.n >= ?", (*keys, need)).fetchall()
            scored = [(similarity(sketch, other), key, path) for path, other, key in
                      ((path, unpack_sketch(blob), key) for path, blob, key in rows)
                      if is_similar(sketch, other)]
            scored.sort(reverse=True)
            return [self.library / path for _, _, path in scored]

        return self._guarded(action)

    def duplicate_of(self, clip: Clip) -> Path | None:
        """The clip holding the same article, newest first; None if there is none.

        Same normalised source URL wins over similar text; the clip's own file
        (``clip.path``) never counts. Call ``sync()`` first to see outside changes.
        """
        skip = clip.path.resolve() if clip.path else None

        def first(paths: list[Path]) -> Path | None:
            return next((p for p in paths if skip is None or p.resolve() != skip), None)

        found = first(self.by_source(normalize_url(clip.source)))
        if found is None:
            fp = fingerprint(clip.body)
            found = first(self.by_fingerprint(fp)) if fp else None
        return found

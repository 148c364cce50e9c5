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
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypeVar

from clipper.errors import LibraryError
from clipper.library.duplicates import SIMILAR, fingerprint, is_similar, similarity, sketch_of
from clipper.library.folding import OPEN, PREFIX, unfold
from clipper.library.index_rows import (
    BATCH,
    CLIP_COLUMNS,
    FTS_COLUMNS,
    MARK_END,
    MARK_START,
    ParsedClip,
    insert_rows,
    max_variables,
    read_ahead,
    read_clip_file,
)
from clipper.library.query import (
    SEPARATOR,
    Filters,
    make_snippet,
    parse_query,
    split_filters,
    stored_text,
)
from clipper.library.summary import ClipSummary
from clipper.library.walk import iter_clip_files
from clipper.models import Clip
from clipper.progress import ProgressFn, check_cancel
from clipper.urls import normalize_url

SCHEMA_VERSION = "5"  # 4: CJK characters indexed one by one; 5: ß/ss folding, site_key
# Fingerprints use CPython's tuple hash: an index built by another interpreter is rebuilt.
HASH_FLAVOUR = f"{sys.implementation.name}-{sys.version_info[0]}.{sys.version_info[1]}"
SNIPPET_TOKENS = 24
SNIPPET_ROWS = 100
"""Results that get a snippet around the match; later ones show the start of the text."""

T = TypeVar("T")

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE clips(
    id INTEGER PRIMARY KEY,
    path TEXT UNIQUE NOT NULL,
    mtime INTEGER NOT NULL,
    size INTEGER NOT NULL,
    inode INTEGER NOT NULL,
    title TEXT NOT NULL,
    site TEXT,
    site_key TEXT NOT NULL,
    tags TEXT NOT NULL,
    source TEXT,
    nsource TEXT,
    fingerprint TEXT,
    created TEXT,
    published TEXT,
    sort_key REAL NOT NULL,
    preview TEXT NOT NULL
);
CREATE INDEX clips_nsource ON clips(nsource);
CREATE INDEX clips_sort ON clips(sort_key);
CREATE TABLE sketch(h INTEGER NOT NULL, clip INTEGER NOT NULL, PRIMARY KEY (h, clip))
    WITHOUT ROWID;
CREATE VIRTUAL TABLE fts USING fts5(
    title, site, tags, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '3');
INSERT INTO fts(fts, rank) VALUES('rank', 'bm25(10.0, 4.0, 4.0, 1.0)');
INSERT INTO fts(fts, rank) VALUES('hashsize', 8388608);
"""
# hashsize: FTS5 writes its pending words out as a new segment whenever they pass 1 MB (the
# default), a few times per batch; one segment per batch makes a first build faster
# (bench/library/README.md).


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


def _split_snippet(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """SQLite's marked snippet -> (text, spans); CJK characters marked one by one make one span.
    """
    text: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    start = None
    marked = marked.replace(SEPARATOR, "")
    if OPEN in marked:  # the match mark inside a folded character: before it
        marked = re.sub(f"({PREFIX.pattern}){MARK_START}", f"{MARK_START}\\1", marked)
    for piece in re.split(f"([{MARK_START}{MARK_END}])", marked):
        if piece == MARK_START:
            start = spans.pop()[0] if spans and spans[-1][1] == pos else pos
        elif piece == MARK_END:
            if start is not None:
                spans.append((start, pos))
            start = None
        else:
            piece = unfold(piece)
            text.append(piece)
            pos += len(piece)
    return "".join(text), spans


class LibraryIndex:
    """Search index of one library folder; thread-safe (one connection behind a lock)."""

    def __init__(self, library: Path, db_path: Path | None) -> None:
        self.library = library
        self.db_path = db_path
        """None: an in-memory index, when the cache folder cannot be written."""
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self._has_json: bool | None = None
        self.rebuilt = False
        """True when an existing database had to be thrown away (corrupt or outdated)."""

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
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        conn.execute(statement)
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

    def sync(self, progress: ProgressFn | None = None,
             cancel: threading.Event | None = None) -> SyncChanges:
        """Bring the index in line with the folder; only new or changed files are read."""
        try:
            return self._sync(progress, cancel)
        except sqlite3.DatabaseError as exc:
            if not _is_corruption(exc):
                raise LibraryError(f"The library index failed: {exc}") from exc
            with self._lock:
                self._reset()
                self._conn = self._connect_once()
            return self._sync(progress, cancel)

    def _sync(self, progress: ProgressFn | None,
              cancel: threading.Event | None) -> SyncChanges:
        # (mtime, size, inode): editors that save by replacing the file change the inode
        # even when the clock is too coarse to change the mtime.
        with self._lock:
            known = {path: (mtime, size, inode) for path, mtime, size, inode in
                     self.conn.execute("SELECT path, mtime, size, inode FROM clips")}
        on_disk = {rel: (st.st_mtime_ns, st.st_size, st.st_ino) for rel, st in
                   iter_clip_files(self.library)}
        changes = SyncChanges()
        removed = [rel for rel in known if rel not in on_disk]
        todo = [(rel, stat) for rel, stat in on_disk.items() if known.get(rel) != stat]
        if removed:
            with self._lock, self._transaction():
                for rel in removed:
                    self._forget(rel)
            changes.removed = [self.library / rel for rel in removed]
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
        return changes

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
        row = self.conn.execute("SELECT id, fingerprint FROM clips WHERE path = ?",
                                (rel,)).fetchone()
        if row:
            self._delete_row(*row)

    def _delete_row(self, cid: int, fp: str | None) -> None:
        self.conn.execute("DELETE FROM clips WHERE id = ?", (cid,))
        self.conn.execute("DELETE FROM fts WHERE rowid = ?", (cid,))
        if fp:  # the sketch rows are keyed (hash, clip): no second index to keep
            self.conn.executemany("DELETE FROM sketch WHERE h = ? AND clip = ?",
                                  [(h, cid) for h in sketch_of(fp)])

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
        # lock is held, so no other writer takes them meanwhile.
        base = conn.execute("SELECT coalesce(max(id), 0) FROM clips").fetchone()[0] + 1
        insert_rows(conn, "clips", CLIP_COLUMNS,
                     [(base + i, *clip.clip_values) for i, clip in enumerate(parsed)], limit)
        insert_rows(conn, "fts", FTS_COLUMNS,
                     [(base + i, *clip.fts_values) for i, clip in enumerate(parsed)], limit)
        if self._json_sketch():
            # The sketch rows straight from the stored fingerprints, in key order (cheaper
            # B-tree inserts), in one statement.
            conn.execute(
                "INSERT INTO sketch(h, clip) SELECT j.value, c.id FROM clips c, "
                "json_each('[' || replace(c.fingerprint, ' ', ',') || ']') j "
                "WHERE c.id >= ? AND c.fingerprint IS NOT NULL ORDER BY 1, 2", (base,))
        else:
            conn.executemany("INSERT INTO sketch(h, clip) VALUES (?, ?)", sorted(
                (h, base + i) for i, clip in enumerate(parsed)
                for h in sketch_of(clip.fingerprint)))

    def _json_sketch(self) -> bool:
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

    # -- queries ---------------------------------------------------------------------------

    def _summary(self, row: tuple, snippet: str = "") -> ClipSummary:
        path, title, site, created, published, tags, source = row
        text, spans = _split_snippet(snippet)
        return ClipSummary(path=self.library / path, title=title, site=site, created=created,
                           published=published, tags=json.loads(tags), snippet=text,
                           highlights=spans, source=source)

    _COLUMNS = "c.path, c.title, c.site, c.created, c.published, c.tags, c.source"

    def search(self, query: str, limit: int | None = 50) -> list[ClipSummary]:
        """Clips matching ``query`` (title, site, tags, text), best first; any text is safe
        to pass: quotes and FTS operators are taken literally. ``tag:`` and ``site:`` in it
        narrow the results (``query.split_filters``). No words: ``recent()``."""
        filters, words = split_filters(query)
        parsed = parse_query(words)
        if parsed is None:
            return self.recent(limit, filters=filters)
        expression = parsed.expression
        pattern = parsed.pattern()
        where, values = _filter_sql(filters)

        def action() -> list[ClipSummary]:
            if filters:
                sql = (f"SELECT f.rowid FROM fts f JOIN clips c ON c.id = f.rowid WHERE "
                       f"fts MATCH ? AND {where} ORDER BY f.rank LIMIT ?")
            else:
                sql = "SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT ?"
            ids = [rowid for (rowid,) in self.conn.execute(
                sql, (expression, *values, -1 if limit is None else limit))]
            if not ids:
                return []
            rows = {row[0]: row[1:] for row in self._rows_by_id(
                f"SELECT c.id, {self._COLUMNS}, c.preview FROM clips c WHERE c.id IN ", ids)}
            bodies = self._rows_by_id("SELECT rowid, body FROM fts WHERE rowid IN ",
                                      ids[:SNIPPET_ROWS])
            snippets: dict[int, tuple[str, list[tuple[int, int]]]] = {}
            folded: list[int] = []  # matched by the tokenizer's folding, not by our regex
            for cid, body in bodies:
                found = make_snippet(stored_text(body), pattern)
                if found:
                    snippets[cid] = found
                elif cid in rows and not pattern.search(" ".join(
                        str(v) for v in (rows[cid][1], rows[cid][2], rows[cid][5]))):
                    folded.append(cid)
            if folded:
                marks = ",".join("?" * len(folded))
                for cid, marked in self.conn.execute(
                        f"SELECT rowid, snippet(fts, 3, '{MARK_START}', '{MARK_END}', '…', "
                        f"{SNIPPET_TOKENS}) FROM fts WHERE fts MATCH ? AND rowid IN ({marks})",
                        (expression, *folded)):
                    snippets[cid] = _split_snippet(marked)
            out = []
            for cid in ids:
                if cid not in rows:
                    continue
                summary = self._summary(rows[cid][:7], rows[cid][7])
                if cid in snippets:
                    summary.snippet, summary.highlights = snippets[cid]
                out.append(summary)
            return out

        return self._guarded(action)

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
            if self._json_sketch():
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
        need = max(1, int(SIMILAR * len(sketch)))

        def action() -> list[Path]:
            marks = ",".join("?" * len(sketch))
            rows = self.conn.execute(
                f"SELECT c.path, c.fingerprint, c.sort_key FROM clips c JOIN "
                f"(SELECT clip, count(*) AS n FROM sketch WHERE h IN ({marks}) GROUP BY clip) s "
                f"ON s.clip = c.id WHERE s.n >= ?", (*sketch, need)).fetchall()
            scored = [(similarity(sketch, other), key, path) for path, other, key in rows
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

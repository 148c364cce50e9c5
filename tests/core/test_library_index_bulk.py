"""Indexing many files at once (a first build): the same index as one file at a time,
a reader thread that stops with the sync, and duplicates still found."""

from __future__ import annotations

import random
import sqlite3
import threading
from pathlib import Path

import pytest

from clipper.errors import CancelledError
from clipper.library import fingerprint, index_rows, render_clip
from clipper.library import index as index_module
from clipper.library.index import LibraryIndex
from clipper.library.index_rows import BATCH
from clipper.models import Clip

WORDS = [f"w{i}" for i in range(3000)] + ["café", "naïve", "Ærø", "straße", "日本"]
COUNT = 2 * BATCH + 37  # a few batches and a partial one


def prose(rng: random.Random, words: int) -> str:
    sentences = [" ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + "."
                 for _ in range(words // 12)]
    return "\n\n".join(" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3))


@pytest.fixture
def library(tmp_path: Path) -> Path:
    rng = random.Random(4)
    lib = tmp_path / "library"
    for i in range(COUNT):
        folder = lib / f"f{i % 3}" if i % 4 else lib
        folder.mkdir(parents=True, exist_ok=True)
        clip = Clip(title=f"Clip {i} {rng.choice(WORDS)}", body=prose(rng, 300 if i % 2 else 10),
                    source=f"https://site{i % 5}.example/{i}?utm_source=x",
                    created=f"2024-01-{1 + i % 28:02d}T10:00:00Z", site=f"Site {i % 5}",
                    tags=rng.sample(["a", "b", "c", "d"], k=i % 3))
        (folder / f"clip {i}.md").write_text(render_clip(clip), encoding="utf-8")
    (lib / "broken.md").write_text("---\ntitle: [unclosed\n---\nStill findable words\n",
                                   encoding="utf-8")
    return lib


def contents(index: LibraryIndex) -> tuple[list[tuple], list[tuple], set[tuple]]:
    conn = index.conn
    clips = sorted(conn.execute(
        "SELECT path, mtime, size, inode, title, site, tags, source, nsource, fingerprint, "
        "created, published, sort_key, preview FROM clips"))
    # The text index keeps no text: what it holds is each word's place in each clip.
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.words USING fts5vocab(main, fts, "
                 "instance)")
    text = sorted(conn.execute(
        "SELECT c.path, w.term, w.col, w.offset FROM temp.words w JOIN clips c ON c.id = w.doc"))
    sketch = set(conn.execute(
        "SELECT c.path, s.h FROM sketch s JOIN clips c ON c.id = s.clip"))
    return clips, text, sketch


def one_at_a_time(library: Path, cache: Path) -> LibraryIndex:
    index = LibraryIndex.open(library, cache_dir=cache)
    for path in sorted(library.rglob("*.md")):
        index.update_path(path)
    return index


def reader_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "clipper-index-reader"]


def test_a_bulk_build_is_the_index_built_one_file_at_a_time(library: Path,
                                                            tmp_path: Path) -> None:
    seen: list[tuple[int, int | None]] = []
    with LibraryIndex.open(library, cache_dir=tmp_path / "bulk") as bulk:
        changes = bulk.sync(progress=lambda stage, done, total: seen.append((done, total)))
        assert len(changes.added) == COUNT + 1
        assert seen[0] == (0, COUNT + 1)
        assert seen[-1] == (COUNT + 1, COUNT + 1)
        assert len(seen) == 1 + -(-(COUNT + 1) // BATCH)
        built = contents(bulk)
    with one_at_a_time(library, tmp_path / "single") as single:
        assert contents(single) == built
    assert len(built[0]) == COUNT + 1
    assert sum(1 for row in built[0] if row[9]) > COUNT // 3  # long bodies: fingerprints
    assert len({row[0] for row in built[1]}) == COUNT + 1  # every clip's words
    assert not reader_threads()


def test_duplicates_are_found_after_a_bulk_build(library: Path, tmp_path: Path) -> None:
    target = library / "f1" / "clip 1.md"
    body = target.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    with LibraryIndex.open(library, cache_dir=tmp_path / "c") as index:
        index.sync()
        edited = body.replace(" w", " x", 3) + "\n\nUpdate: corrected.\n"
        assert index.by_fingerprint(fingerprint(edited)) == [target]
        assert index.by_source("http://www.site1.example/1") == [target]
        assert [r.path for r in index.search("findable")] == [library / "broken.md"]


def test_cancel_stops_the_reader_and_the_next_sync_finishes(library: Path,
                                                           tmp_path: Path) -> None:
    cancel = threading.Event()

    def progress(stage: str, done: int, total: int | None) -> None:
        if done:
            cancel.set()

    with LibraryIndex.open(library, cache_dir=tmp_path / "c") as index:
        with pytest.raises(CancelledError):
            index.sync(progress=progress, cancel=cancel)
        assert not reader_threads()
        assert 0 < index.count() < COUNT
        changes = index.sync()
        assert index.count() == COUNT + 1
        assert len(changes.added) == COUNT + 1 - BATCH


def test_a_reader_error_reaches_the_caller_and_stops_the_reader(
        library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    read = index_rows.read_clip_file

    def failing(lib: Path, rel: str, *stat: int) -> object:
        if rel == "f2/clip 302.md":
            raise RuntimeError("disk on fire")
        return read(lib, rel, *stat)

    monkeypatch.setattr(index_module, "read_clip_file", failing)
    with LibraryIndex.open(library, cache_dir=tmp_path / "c") as index:
        with pytest.raises(RuntimeError, match="disk on fire"):
            index.sync()
        assert not reader_threads()
        # The settings for a bulk build are undone.
        assert index.conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL


def test_many_rows_per_insert_respect_the_variable_limit(tmp_path: Path) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t(a, b, c)")
    rows = [(i, str(i), None) for i in range(1000)]
    index_rows.insert_rows(conn, "t", ("a", "b", "c"), rows, max_variables=10)
    assert conn.execute("SELECT a, b, c FROM t ORDER BY a").fetchall() == rows

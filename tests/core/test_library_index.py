"""The search index: a cache that follows the folder, survives corruption, never errors."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import pytest

from clipper.errors import CancelledError
from clipper.library import (
    Library,
    delete_clip,
    list_clips,
    read_clip,
    render_clip,
    save_clip,
    update_clip,
)
from clipper.library.index import LibraryIndex, index_path
from clipper.library.query import match_expression
from clipper.models import Clip


def write(library: Path, name: str, title: str, body: str, **kw: object) -> Path:
    path = library / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_clip(Clip(title=title, body=body, **kw)),  # type: ignore[arg-type]
                    encoding="utf-8")
    return path


@pytest.fixture
def library(tmp_path: Path) -> Path:
    lib = tmp_path / "library"
    lib.mkdir()
    write(lib, "volcano", "Volcanoes of Iceland", "Eyjafjallajökull erupted in 2010 and "
          "grounded flights across Europe.\n", site="Geo Weekly", created="2024-01-01T10:00:00Z",
          tags=["geology", "travel"])
    write(lib, "bread", "Sourdough at home", "Feed the starter twice a day; the crumb "
          "depends on hydration.\n", site="Kitchen", created="2024-03-01T10:00:00+01:00")
    write(lib, "sub/folder/rust", "Why Rust's borrow checker", "Lifetimes make aliasing "
          "explicit. The volcano of errors settles down.\n", created="2023-06-01")
    return lib


@pytest.fixture
def index(library: Path) -> LibraryIndex:
    idx = LibraryIndex.open(library)
    idx.sync()
    yield idx  # type: ignore[misc]
    idx.close()


def titles(results: list) -> list[str]:
    return [r.title for r in results]


def test_first_sync_indexes_every_clip(library: Path, tmp_path: Path) -> None:
    with LibraryIndex.open(library) as idx:
        changes = idx.sync()
        assert len(changes.added) == 3
        assert not changes.updated
        assert not changes.removed
        assert idx.count() == 3
        assert not idx.sync()  # nothing changed: nothing to do
    # The database lives in the cache folder, not in the library.
    db = index_path(library)
    assert db.is_file()
    assert str(db).startswith(os.environ["CLIPPER_CACHE_DIR"])
    assert {p.name for p in library.iterdir()} == {"volcano.md", "bread.md", "sub"}


def test_recent_is_newest_first(index: LibraryIndex) -> None:
    assert titles(index.recent()) == ["Sourdough at home", "Volcanoes of Iceland",
                                      "Why Rust's borrow checker"]
    assert titles(index.recent(1)) == ["Sourdough at home"]
    first = index.recent(1)[0]
    assert first.site == "Kitchen"
    assert first.tags == ["clippings"]
    assert first.snippet.startswith("Feed the starter")


def test_clips_saved_in_the_same_second_list_the_last_written_first(library: Path) -> None:
    same = "2024-05-01T10:00:00+00:00"
    for name in ("b-first", "a-second"):  # the later one sorts first by name too: not the key
        path = write(library, name, name, "Text.\n", created=same)
        os.utime(path, ns=(1, 10**18 if name == "a-second" else 10**17))
    with LibraryIndex.open(library) as idx:
        idx.sync()
        assert titles(idx.recent(2)) == ["a-second", "b-first"]
        os.utime(library / "b-first.md", ns=(1, 2 * 10**18))
        idx.sync()
        assert titles(idx.recent(2)) == ["b-first", "a-second"]


def test_recent_pages_through_the_list(index: LibraryIndex) -> None:
    everything = titles(index.recent())
    assert titles(index.recent(2)) + titles(index.recent(2, offset=2)) == everything
    assert titles(index.recent(offset=1)) == everything[1:]
    assert index.recent(5, offset=3) == []
    assert index.newest_paths() == [clip.path for clip in index.recent()]
    assert index.newest_paths(1) == [index.recent(1)[0].path]


def test_search_finds_body_words_with_a_snippet(index: LibraryIndex, library: Path) -> None:
    results = index.search("hydration")
    assert titles(results) == ["Sourdough at home"]
    hit = results[0]
    assert hit.path == library / "bread.md"
    start, end = hit.highlights[0]
    assert hit.snippet[start:end] == "hydration"
    assert "\x02" not in hit.snippet
    assert "\x03" not in hit.snippet


def test_search_title_site_tags_and_diacritics(index: LibraryIndex) -> None:
    assert titles(index.search("kitchen")) == ["Sourdough at home"]
    assert titles(index.search("geology")) == ["Volcanoes of Iceland"]
    assert titles(index.search("eyjafjallajokull")) == ["Volcanoes of Iceland"]
    # A title match ranks above a body mention.
    assert titles(index.search("volcano")) == ["Volcanoes of Iceland",
                                               "Why Rust's borrow checker"]


def test_prefix_search_while_typing(index: LibraryIndex) -> None:
    assert titles(index.search("sourd")) == ["Sourdough at home"]
    assert titles(index.search("feed star")) == ["Sourdough at home"]
    assert index.search("sourd ") == []  # a finished word is a whole word
    assert titles(index.search('"twice a day"')) == ["Sourdough at home"]
    assert index.search('"a day twice"') == []


@pytest.mark.parametrize("query", [
    '"', '""', '"unclosed', "*", "**", "AND", "OR", "NOT", "a AND", "-", "-volcano", "NEAR(",
    "(", ")", "{", "col:umn", "title:volcano", "^", "'", "%", "_", "\\", "\x00", "💥", "a*b",
    "volcano OR", "NOT volcano", "+", ":", ";", "  ", "",
])
def test_odd_input_never_raises(index: LibraryIndex, query: str) -> None:
    index.search(query)


def test_operators_are_plain_words(index: LibraryIndex) -> None:
    assert match_expression('NOT volcano') == '"NOT" "volcano"*'
    assert match_expression('he said "hi there') == '"he" "said" "hi there"'
    assert match_expression("-x") == '"x"'  # one letter: a word, not a prefix of thousands
    assert match_expression("") is None


def test_empty_search_lists_recent(index: LibraryIndex) -> None:
    assert titles(index.search("")) == titles(index.recent())


def test_changes_behind_its_back(index: LibraryIndex, library: Path) -> None:
    # Edited in another editor (different size).
    bread = library / "bread.md"
    bread.write_text(bread.read_text(encoding="utf-8").replace("hydration", "temperature"),
                     encoding="utf-8")
    # Edited with the same size: the mtime tells.
    rust = library / "sub" / "folder" / "rust.md"
    rust.write_text(rust.read_text(encoding="utf-8").replace("aliasing", "borrowing"),
                    encoding="utf-8")
    st = rust.stat()
    os.utime(rust, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))
    # Deleted, and added by a sync tool.
    (library / "volcano.md").unlink()
    write(library, "new", "Fresh arrival", "Quokkas smile for photographs.\n")
    # Not clips: hidden folders, assets, other files.
    write(library, ".obsidian/x", "Hidden", "quokkas too\n")
    write(library, "new.assets/y", "Asset", "quokkas three\n")
    (library / "notes.txt").write_text("quokkas", encoding="utf-8")

    changes = index.sync()
    assert [p.name for p in changes.added] == ["new.md"]
    assert sorted(p.name for p in changes.updated) == ["bread.md", "rust.md"]
    assert [p.name for p in changes.removed] == ["volcano.md"]
    assert index.search("hydration") == []
    assert titles(index.search("temperature")) == ["Sourdough at home"]
    assert titles(index.search("borrowing")) == ["Why Rust's borrow checker"]
    assert index.search("eyjafjallajokull") == []
    assert titles(index.search("quokkas")) == ["Fresh arrival"]


def test_replaced_file_with_same_size_and_mtime_is_seen(index: LibraryIndex,
                                                         library: Path) -> None:
    bread = library / "bread.md"
    st = bread.stat()
    tmp = library / ".tmp-editor"
    tmp.write_text(bread.read_text(encoding="utf-8").replace("hydration", "xydration"),
                   encoding="utf-8")
    os.utime(tmp, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(tmp, bread)  # how many editors save: a new file (inode) in place
    assert [p.name for p in index.sync().updated] == ["bread.md"]
    assert titles(index.search("xydration")) == ["Sourdough at home"]


def _corrupt(db: Path, how: str) -> None:
    if how == "garbage":
        db.write_bytes(b"this is not a database at all" * 100)
    elif how == "truncated":
        size = db.stat().st_size
        with db.open("r+b") as f:
            f.truncate(size // 3)
    elif how == "zeroed":
        data = bytearray(db.read_bytes())
        data[100:4096 * 3] = b"\x00" * (4096 * 3 - 100)
        db.write_bytes(bytes(data))
    elif how == "missing":
        db.unlink()
    elif how == "empty sqlite":
        db.unlink()
        sqlite3.connect(db).close()


@pytest.mark.parametrize("how", ["garbage", "truncated", "zeroed", "missing", "empty sqlite"])
def test_corrupt_or_missing_index_is_rebuilt_silently(library: Path, how: str) -> None:
    # Enough clips that the database spans many pages.
    for i in range(60):
        write(library, f"bulk/{i}", f"Bulk {i}", f"filler number{i} " * 200 + "\n")
    with LibraryIndex.open(library) as idx:
        idx.sync()
    db = index_path(library)
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    _corrupt(db, how)
    with LibraryIndex.open(library) as idx:
        idx.sync()
        assert titles(idx.search("hydration")) == ["Sourdough at home"]
        assert titles(idx.search("number42")) == ["Bulk 42"]
        assert idx.count() == 63


def test_corruption_found_while_open_is_repaired(index: LibraryIndex, library: Path) -> None:
    class Failing:
        """A connection whose next full-text query reports a corrupt database."""

        def __init__(self, real: sqlite3.Connection) -> None:
            self.real = real

        def execute(self, sql: str, *args: object) -> sqlite3.Cursor:
            if "MATCH" in sql:
                raise sqlite3.DatabaseError("database disk image is malformed")
            return self.real.execute(sql, *args)

        def __getattr__(self, name: str) -> object:
            return getattr(self.real, name)

    real = index.conn
    index._conn = Failing(real)  # type: ignore[assignment]
    # The query fails, the database is thrown away and rebuilt, the answer still comes.
    assert titles(index.search("hydration")) == ["Sourdough at home"]
    assert index.rebuilt
    assert index.conn is not real
    real.close()


def test_garbage_written_under_an_open_index(index: LibraryIndex, library: Path) -> None:
    index.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    _corrupt(index_path(library), "garbage")
    write(library, "late", "Late arrival", "Narwhals surface.\n")
    index.sync()
    assert titles(index.search("narwhals")) == ["Late arrival"]
    assert titles(index.search("hydration")) == ["Sourdough at home"]


def test_unwritable_cache_falls_back_to_memory(library: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    with LibraryIndex.open(library, cache_dir=blocker) as idx:
        idx.sync()
        assert idx.db_path is None
        assert titles(idx.search("hydration")) == ["Sourdough at home"]


def test_progress_and_cancel(library: Path) -> None:
    for i in range(450):
        write(library, f"many/{i}", f"Many {i}", f"text {i}\n")
    seen: list[tuple[int, int | None]] = []
    with LibraryIndex.open(library) as idx:
        idx.sync(progress=lambda stage, done, total: seen.append((done, total)))
    assert seen[0] == (0, 453)
    assert seen[-1] == (453, 453)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)

    cancel = threading.Event()
    cancel.set()
    with LibraryIndex.open(library, cache_dir=library.parent / "other-cache") as idx, \
            pytest.raises(CancelledError):
        idx.sync(cancel=cancel)


def test_save_update_delete_keep_the_library_index_current(library: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    with Library(library) as handle:
        index = handle.index()
        index.sync()
        result = save_clip(Clip(title="Platypus facts", body="Monotremes lay eggs.\n"), handle)
        assert titles(index.search("monotremes")) == ["Platypus facts"]  # no sync needed
        clip = read_clip(result.path)
        clip.body = "Echidnas also lay eggs.\n"
        update_clip(clip, handle)
        assert index.search("monotremes") == []
        assert titles(index.search("echidnas")) == ["Platypus facts"]
        delete_clip(result.path, handle)
        assert index.search("echidnas") == []
        assert not index.sync()  # the index already knew everything


def test_a_save_through_one_handle_is_found_through_another(library: Path) -> None:
    """The window's pane and a save (or a command line run) each have a handle; they
    share the index's database, so neither waits for a rescan to see the other's clips."""
    with Library(library) as pane, Library(library) as saver:
        listed = pane.index()
        listed.sync()
        save_clip(Clip(title="Platypus facts", body="Monotremes lay eggs.\n"), saver)
        assert titles(listed.search("monotremes")) == ["Platypus facts"]
        assert not listed.sync()


def test_list_clips_without_an_open_index(library: Path) -> None:
    assert titles(list_clips(library)) == ["Sourdough at home", "Volcanoes of Iceland",
                                           "Why Rust's borrow checker"]
    assert titles(list_clips(library, search="starter")) == ["Sourdough at home"]
    assert titles(list_clips(library, limit=2)) == ["Sourdough at home", "Volcanoes of Iceland"]
    assert list_clips(library.parent / "missing") == []


def test_broken_front_matter_is_still_indexed(index: LibraryIndex, library: Path) -> None:
    (library / "broken.md").write_text("---\ntitle: [oops\n---\n\nPangolins roll up.\n",
                                       encoding="utf-8")
    index.sync()
    assert titles(index.search("pangolins")) == ["broken"]


def test_index_is_usable_from_another_thread(index: LibraryIndex) -> None:
    out: list[list[str]] = []
    worker = threading.Thread(target=lambda: out.append(titles(index.search("starter"))))
    worker.start()
    worker.join()
    assert out == [["Sourdough at home"]]


def test_snippets_highlight_matches_even_when_folded(index: LibraryIndex) -> None:
    hit = index.search("eyjafjallajokull")[0]  # found through the tokenizer's folding
    start, end = hit.highlights[0]
    assert hit.snippet[start:end] == "Eyjafjallajökull"
    hit = index.search("grounded fli")[0]  # prefix of the word being typed
    assert [hit.snippet[a:b] for a, b in hit.highlights] == ["grounded", "flights"]
    hit = index.search("Iceland")[0]  # only in the title: the text's start, nothing marked
    assert hit.snippet.startswith("Eyjafjallajökull erupted")
    assert hit.highlights == []


def test_snippet_is_cut_around_the_match(library: Path) -> None:
    words = [f"filler{i}" for i in range(400)]
    words[200] = "needle"
    write(library, "long", "Long one", " ".join(words) + "\n")
    with LibraryIndex.open(library) as idx:
        idx.sync()
        hit = idx.search("needle")[0]
    assert hit.snippet.startswith("…")
    assert hit.snippet.endswith("…")
    assert len(hit.snippet) < 300
    a, b = hit.highlights[0]
    assert hit.snippet[a:b] == "needle"


def test_outdated_index_is_rebuilt_in_place(library: Path) -> None:
    with LibraryIndex.open(library) as idx:
        idx.sync()
        idx.conn.execute("UPDATE meta SET value = 'old' WHERE key = 'schema'")
        idx.conn.execute("CREATE TABLE leftover(x)")
    with LibraryIndex.open(library) as idx:
        assert idx.rebuilt
        assert idx.count() == 0
        idx.sync()
        assert titles(idx.search("hydration")) == ["Sourdough at home"]
        names = {n for (n,) in idx.conn.execute("SELECT name FROM sqlite_master")}
        assert "leftover" not in names


def test_two_indexes_on_one_database(library: Path) -> None:
    """The window and a command line run share the cache file."""
    with LibraryIndex.open(library) as first, LibraryIndex.open(library) as second:
        first.sync()
        write(library, "more", "More", "Axolotls regrow limbs.\n")
        assert [p.name for p in second.sync().added] == ["more.md"]
        assert titles(first.search("axolotls")) == ["More"]
        assert not first.sync()

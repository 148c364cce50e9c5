"""What keeps a large library's index small and quick: no copy of the text, leftovers of
changed clips cleared, too many matches listed without ranking them all, checks of the
folder without a stat of every file, and saves that do not check the folder each time."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_library_index import titles, write

from clipper.library import Library, delete_clip, index_search, read_clip, save_clip, update_clip
from clipper.library import index as index_module
from clipper.library.index import LibraryIndex, index_path
from clipper.library.query import parse_query
from clipper.library.snippets import Snippets
from clipper.models import Clip


@pytest.fixture
def library(tmp_path: Path) -> Path:
    lib = tmp_path / "library"
    lib.mkdir()
    return lib


def test_the_index_holds_no_copy_of_the_text(library: Path) -> None:
    body = "Quokkas smile for photographs on Rottnest island. " * 4000
    write(library, "quokka", "Quokkas", body)
    with LibraryIndex.open(library) as index:
        index.sync()
        assert titles(index.search("rottnest")) == ["Quokkas"]
        stored = b"".join(
            bytes(value) if isinstance(value, bytes) else str(value).encode()
            for (value,) in index.conn.execute("SELECT block FROM fts_data"))
        index.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert b"photographs on Rottnest" not in stored
    assert index_path(library).stat().st_size < len(body)


def test_changed_and_removed_clips_leave_words_that_compact_clears(library: Path) -> None:
    paths = [write(library, f"c{i}", f"Clip {i}", f"Otters number{i} float.\n")
             for i in range(150)]
    with LibraryIndex.open(library) as index:
        index.sync()
        for i, path in enumerate(paths[:120]):
            path.write_text(path.read_text(encoding="utf-8").replace("float", "dive"),
                            encoding="utf-8")
            os.utime(path, ns=(1, 10**18 + i))
        index.sync()
        assert index.search("float") != []  # the 30 clips not changed
        assert len(index.search("float", None)) == 30
        assert len(index.search("dive", None)) == 120
        assert index.leftovers() == 120
        assert index.compact()
        assert index.leftovers() == 0
        assert len(index.search("float", None)) == 30
        assert len(index.search("dive", None)) == 120
        assert titles(index.search("number7 ")) == ["Clip 7"]
        assert not index.compact()  # nothing left to clear


def test_a_few_leftovers_wait(library: Path) -> None:
    paths = [write(library, f"c{i}", f"Clip {i}", "Text.\n") for i in range(20)]
    with LibraryIndex.open(library) as index:
        index.sync()
        paths[0].unlink()
        index.sync()
        assert index.leftovers() == 1
        assert not index.compact()
        assert index.compact(force=True)
        assert index.leftovers() == 0


def test_compact_leaves_out_files_changed_since_and_the_next_sync_takes_them(
        library: Path) -> None:
    paths = [write(library, f"c{i}", f"Clip {i}", "Herons wait.\n") for i in range(5)]
    with LibraryIndex.open(library) as index:
        index.sync()
        paths[0].unlink()
        index.sync()  # a leftover to clear
        paths[1].write_text(paths[1].read_text(encoding="utf-8").replace("wait", "fish"),
                            encoding="utf-8")
        os.utime(paths[1], ns=(1, 10**18))  # changed after the sync
        assert index.compact(force=True)
        assert sorted(titles(index.search("herons", None))) == ["Clip 2", "Clip 3", "Clip 4"]
        assert index.search("fish") == []
        index.sync()
        assert titles(index.search("fish")) == ["Clip 1"]
        assert sorted(titles(index.search("herons", None))) == ["Clip 1", "Clip 2", "Clip 3",
                                                                "Clip 4"]


def test_an_id_is_never_given_twice(library: Path, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The text index still holds a removed clip's words under its id: a new clip given
    that id would be found by them."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    with Library(library) as handle:
        index = handle.index()
        index.sync()
        newest = save_clip(Clip(title="Axolotl", body="Axolotls regrow limbs.\n"), handle)
        delete_clip(newest.path, handle)
        save_clip(Clip(title="Newt", body="Newts live in ponds.\n"), handle)
        assert index.search("axolotls") == []
        assert titles(index.search("newts")) == ["Newt"]


def test_too_many_matches_come_title_first_then_newest(library: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(12):
        title = f"Heron report {i}" if i in (2, 5) else f"Report {i}"
        path = write(library, f"r{i}", title, "The heron stood in the reeds.\n")
        os.utime(path, ns=(1, 10**18 + i))  # r11 is the newest file
    with LibraryIndex.open(library) as index:
        index.sync()
        ranked = titles(index.search("heron"))
        assert ranked[:2] == ["Heron report 2", "Heron report 5"] or ranked[:2] == [
            "Heron report 5", "Heron report 2"]
        monkeypatch.setattr(index_search, "RANK_LIMIT", 4)
        found = titles(index.search("heron", 5))
        assert sorted(found[:2]) == ["Heron report 2", "Heron report 5"]
        assert found[2:] == ["Report 11", "Report 10", "Report 9"]
        assert len(index.search("heron", None)) == 12
        monkeypatch.setattr(index_search, "RANK_LIMIT", 1)  # title matches too many as well
        assert titles(index.search("heron", 3)) == ["Heron report 5", "Heron report 2",
                                                    "Report 11"]


def test_a_check_by_name_and_inode_finds_new_removed_and_replaced_files(library: Path) -> None:
    a = write(library, "a", "Alpha", "Original words.\n")
    b = write(library, "b", "Beta", "Beta words.\n")
    c = write(library, "sub/c", "Gamma", "Gamma words.\n")
    with LibraryIndex.open(library) as index:
        index.sync()
        write(library, "sub/new", "Delta", "Delta words.\n")  # added
        b.unlink()  # removed
        tmp = library / "a.tmp"
        tmp.write_text(a.read_text(encoding="utf-8").replace("Original", "Replaced"),
                       encoding="utf-8")
        os.replace(tmp, a)  # saved by replacing the file: a new inode
        with c.open("r+", encoding="utf-8") as f:  # written in place: the same inode
            text = f.read()
            f.seek(0)
            f.write(text.replace("Gamma words", "Omega words"))
        changes = index.sync(stat=False)
        assert [p.name for p in changes.added] == ["new.md"]
        assert [p.name for p in changes.removed] == ["b.md"]
        assert [p.name for p in changes.updated] == ["a.md"]
        assert titles(index.search("replaced")) == ["Alpha"]
        assert index.search("omega") == []  # not seen without its stat...
        assert [p.name for p in index.sync(stat=False, files=[c]).updated] == ["c.md"]
        assert titles(index.search("omega")) == ["Gamma"]  # ...unless a watcher names it
        assert not index.sync()


def test_saves_through_one_handle_check_the_folder_once(library: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    scans = []
    real = index_module.iter_clip_files

    def counted(folder: Path):  # type: ignore[no-untyped-def]
        scans.append(folder)
        return real(folder)

    monkeypatch.setattr(index_module, "iter_clip_files", counted)
    write(library, "old", "Old clip", "Kestrels hover over the verge. " * 20)
    with Library(library) as handle:
        first = save_clip(Clip(title="One", body="Swifts sleep in flight. " * 20), handle)
        save_clip(Clip(title="Two", body="Terns fly far. " * 20), handle)
        again = save_clip(Clip(title="One", body="Swifts sleep in flight. " * 20), handle)
        clip = read_clip(first.path)
        clip.body += "\nAn update.\n"
        update_clip(clip, handle)
        dup = save_clip(Clip(title="Kestrels", body="Kestrels hover over the verge. " * 20),
                        handle)
    assert len(scans) == 1
    assert again.duplicate_of == first.path  # known without a scan: this handle wrote it
    assert dup.duplicate_of == library / "old.md"  # found by the one scan


FAR = "\n\n" + "filler " * 300 + "\n\n"


@pytest.mark.parametrize(("markdown", "query", "shown", "marked"), [
    # only the lines around the hit are made plain: link addresses and marks go
    ("Intro.\n\nSee [the **harbour** plan](https://x.example/harbour) today.\n",
     "harbour", "See the harbour plan today.", ["harbour"]),
    # a hit only inside a link's address is no hit; the next one is
    ("![a](https://x.example/ferry.png)" + FAR + "The ferry left late.\n", "ferry",
     "The ferry left late.", ["ferry"]),
    # the title's heading is not the text
    ("# Ferry news\n\nNothing about boats.\n", "ferry", None, []),
    # a long line without breaks is cut at a space, the snippet marked as cut at both ends
    ("word " * 2000 + "needle " + "word " * 2000, "needle", "word needle word", ["needle"]),
])
def test_snippets_from_the_markdown(markdown: str, query: str, shown: str | None,
                                    marked: list[str]) -> None:
    parsed = parse_query(query + " ")
    assert parsed is not None
    found = Snippets(parsed).of_markdown("---\ntitle: \"Ferry news\"\n---\n\n" + markdown,
                                         "Ferry news")
    if shown is None:
        assert found is None
        return
    assert found is not None
    text, spans = found
    assert shown in text
    assert [text[a:b] for a, b in spans] == marked
    assert len(text) < 300
    assert text.startswith("…") == (len(markdown) > 1000)


def test_in_a_large_library_three_typed_letters_find_titles_sites_and_tags(
        library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(library, "a", "Flight delays", "Airports were busy.\n", site="Travel Desk")
    write(library, "b", "Harbour news", "Flights were grounded by the storm.\n")
    write(library, "c", "Market day", "Fresh fish.\n", tags=["flipbook"])
    with LibraryIndex.open(library) as index:
        index.sync()
        assert sorted(titles(index.search("fli"))) == ["Flight delays", "Harbour news",
                                                       "Market day"]
        monkeypatch.setattr(index_search, "LARGE_LIBRARY", 2)  # these three are "many"
        assert sorted(titles(index.search("fli"))) == ["Flight delays", "Market day"]
        assert titles(index.search("grounded fli")) == []  # "Flights" only in the text
        assert titles(index.search("grounded flig")) == ["Harbour news"]  # fourth letter
        assert titles(index.search("busy tra")) == ["Flight delays"]  # the site
        assert titles(index.search("fli ")) == []  # a finished word is a whole word
        paths = [library / "a.md", library / "c.md"]
        for path in paths:
            path.unlink()
        index.sync()
        assert index.compact(force=True)  # the labels are rebuilt too
        monkeypatch.setattr(index_search, "LARGE_LIBRARY", 0)
        assert titles(index.search("fli")) == []
        assert titles(index.search("har")) == ["Harbour news"]

"""Recognising an article already in the library, and the three answers to it."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from clipper.errors import LibraryError
from clipper.library import (
    Library,
    find_duplicate,
    fingerprint,
    read_clip,
    save_clip,
    similarity,
)
from clipper.library.scan import scan_for_duplicate
from clipper.models import Clip

VOCAB = [f"w{i}" for i in range(5000)]


def prose(seed: int, n: int = 600) -> str:
    rng = random.Random(seed)
    sentences = []
    for _ in range(n // 12):
        sentences.append(" ".join(rng.choice(VOCAB) for _ in range(12)).capitalize() + ".")
    return "\n\n".join(" ".join(sentences[i:i + 4]) for i in range(0, len(sentences), 4)) + "\n"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    lib = tmp_path / "library"
    lib.mkdir()
    return lib


def test_fingerprint_tolerates_small_edits_and_tells_articles_apart() -> None:
    text = prose(1)
    edited = text.replace(text.split()[40], "changed", 1) + "\nUpdate: a correction was made.\n"
    reformatted = text.replace("\n\n", "\n\n**Bold** [link](https://x.example/) ")
    assert similarity(fingerprint(text), fingerprint(text)) == 1.0
    assert similarity(fingerprint(text), fingerprint(edited)) > 0.8
    assert similarity(fingerprint(text), fingerprint(reformatted)) > 0.5
    assert similarity(fingerprint(text), fingerprint(prose(2))) < 0.1
    assert fingerprint("Too short to judge.") is None
    assert similarity(None, fingerprint(text)) == 0.0


def test_same_url_with_tracking_parameters(library: Path) -> None:
    first = save_clip(Clip(title="A", body=prose(1), source="https://news.example/a/"), library)
    again = Clip(title="A, shared", body=prose(99),  # the page changed since
                 source="http://www.news.example/a?utm_source=tw&utm_medium=x&fbclid=1#top")
    assert find_duplicate(again, library) == first.path
    result = save_clip(again, library)
    assert result.action == "new-version"
    assert result.duplicate_of == first.path


def test_same_text_at_another_url(library: Path) -> None:
    first = save_clip(Clip(title="Wire story", body=prose(5), source="https://one.example/x"),
                      library)
    syndicated = Clip(title="Wire story (syndicated)", body="Reuters — " + prose(5),
                      source="https://two.example/y/z")
    assert find_duplicate(syndicated, library) == first.path
    unrelated = Clip(title="Other", body=prose(6), source="https://two.example/other")
    assert find_duplicate(unrelated, library) is None


def test_scan_without_index_finds_the_same(library: Path) -> None:
    first = save_clip(Clip(title="A", body=prose(1), source="https://news.example/a"), library)
    by_url = Clip(title="B", body=prose(2), source="https://news.example/a?utm_campaign=z")
    by_text = Clip(title="C", body=prose(1), source="https://elsewhere.example/")
    assert scan_for_duplicate(by_url, library) == first.path
    assert scan_for_duplicate(by_text, library) == first.path
    assert scan_for_duplicate(Clip(title="D", body=prose(3)), library) is None


def test_a_clip_is_not_its_own_duplicate(library: Path) -> None:
    first = save_clip(Clip(title="A", body=prose(1), source="https://news.example/a"), library)
    opened = read_clip(first.path)
    assert find_duplicate(opened, library) is None


def test_on_duplicate_skip_writes_nothing(library: Path) -> None:
    first = save_clip(Clip(title="A", body=prose(1), source="https://e.example/a"), library)
    before = sorted(p.name for p in library.iterdir())
    result = save_clip(Clip(title="A again", body=prose(1), source="https://e.example/a"),
                       library, on_duplicate="skip")
    assert result.action == "skipped"
    assert result.path == first.path == result.duplicate_of
    assert sorted(p.name for p in library.iterdir()) == before


def test_on_duplicate_new_saves_a_second_file(library: Path) -> None:
    first = save_clip(Clip(title="A", body=prose(1), source="https://e.example/a"), library)
    result = save_clip(Clip(title="A", body=prose(1), source="https://e.example/a"), library,
                       on_duplicate="new")
    assert result.action == "new-version"
    assert result.path.name == "A (2).md"
    assert first.path.exists()


def test_on_duplicate_replace_keeps_a_backup(library: Path) -> None:
    first = save_clip(Clip(title="Old title", body=prose(1), source="https://e.example/a"),
                      library)
    assets = library / "Old title.assets"
    assets.mkdir()
    (assets / "pic.png").write_bytes(b"old picture")
    old_text = first.path.read_text(encoding="utf-8")

    new = Clip(title="New title", body=prose(1) + "\nMore.\n", source="https://e.example/a")
    result = save_clip(new, library, on_duplicate="replace")
    assert result.action == "replaced"
    assert result.duplicate_of == first.path
    # The new clip takes the old file's name, so links to it keep working.
    assert result.path == first.path
    assert read_clip(result.path).title == "New title"
    assert result.backup is not None
    assert result.backup.is_dir()
    assert result.backup.parent == library / ".clipper-backups"
    assert (result.backup / "Old title.md").read_text(encoding="utf-8") == old_text
    assert (result.backup / "Old title.assets" / "pic.png").read_bytes() == b"old picture"
    assert not assets.exists()
    # The backup is not part of the library.
    assert find_duplicate(Clip(title="x", body=prose(1), source="https://e.example/a"),
                          library) == result.path


def test_replace_that_cannot_move_the_old_images_changes_nothing(
        library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import clipper.library.trash as trash

    first = save_clip(Clip(title="Old", body=prose(1), source="https://e.example/a"), library)
    assets = library / "Old.assets"
    assets.mkdir()
    (assets / "pic.png").write_bytes(b"old picture")
    before = first.path.read_bytes()
    real_move = trash._move

    def move(src: Path, dst: Path) -> None:
        if src.name.endswith(".assets") and dst.parent.parent.name == ".clipper-backups":
            raise OSError(13, "Permission denied")
        real_move(src, dst)

    monkeypatch.setattr(trash, "_move", move)
    with pytest.raises(LibraryError, match="backups folder"):
        save_clip(Clip(title="New", body=prose(1), source="https://e.example/a"), library,
                  on_duplicate="replace")
    assert first.path.read_bytes() == before  # still in its place, not in a backup
    assert (assets / "pic.png").read_bytes() == b"old picture"
    assert sorted(p.name for p in library.iterdir() if p.name != ".clipper-backups") == [
        "Old.assets", "Old.md"]
    assert not any((library / ".clipper-backups").iterdir())


def test_replace_that_fails_to_write_puts_the_old_clip_back(
        library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import clipper.library.store as store

    first = save_clip(Clip(title="Old", body=prose(1), source="https://e.example/a"), library)
    before = first.path.read_bytes()

    def full_disk(path: Path, data: bytes, temp_dir: Path | None = None) -> None:
        raise LibraryError("The disk is full")

    monkeypatch.setattr(store, "create_new", full_disk)
    with pytest.raises(LibraryError, match="full"):
        save_clip(Clip(title="New", body=prose(1), source="https://e.example/a"), library,
                  on_duplicate="replace")
    assert first.path.read_bytes() == before
    assert [p.name for p in library.glob("*.md")] == ["Old.md"]


def test_open_index_answers_duplicates_and_stays_current(library: Path) -> None:
    with Library(library) as handle:
        index = handle.index()
        index.sync()
        first = save_clip(Clip(title="A", body=prose(1), source="https://e.example/a"), handle)
        assert index.by_source("https://e.example/a") == [first.path]  # told by save_clip
        result = save_clip(Clip(title="B", body=prose(1), source="https://f.example/b"),
                           handle, on_duplicate="replace")
        assert result.path == first.path
        assert index.by_source("https://e.example/a") == []
        assert index.by_source("https://f.example/b") == [first.path]
        assert index.count() == 1


def test_invalid_on_duplicate_value(library: Path) -> None:
    with pytest.raises(ValueError):
        save_clip(Clip(title="A", body="x"), library, on_duplicate="overwrite")  # type: ignore

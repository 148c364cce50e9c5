"""Renaming and moving a clip (its images along, its links working) and undoing a trash."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote

import pytest
from test_library_templates import clip, data_url, image_targets

from clipper.errors import LibraryError
from clipper.library import Library, delete_clip, list_clips, read_clip, save_clip
from clipper.library.move import move_clip
from clipper.library.store import restore_clip
from clipper.library.templates import ClipTemplate


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    folder = tmp_path / "library"
    folder.mkdir()
    return folder


def tree(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")
            if not p.relative_to(root).parts[0].startswith(".")}


@pytest.mark.parametrize("layout", ["beside", "subfolder", "folder"])
def test_rename_and_move_keep_images_and_links(library: Path, layout: str) -> None:
    template = ClipTemplate(folder="Clippings", attachments=layout,  # type: ignore[arg-type]
                            attachment_folder="Attachments")
    saved = save_clip(clip(title="First name"), library, template=template).path
    before = saved.read_text(encoding="utf-8")
    images = {p.name: p.read_bytes() for p in image_targets(saved)}
    with Library(library) as handle:
        renamed = move_clip(saved, "Second: name", saved.parent, handle)
        assert renamed == library / "Clippings" / "Second - name.md"
        moved = move_clip(renamed, "Second - name", library / "Read" / "2024", handle)
        assert [c.path for c in list_clips(handle)] == [moved]
    assert moved == library / "Read" / "2024" / "Second - name.md"
    assert not saved.exists()
    assert not renamed.exists()
    targets = image_targets(moved)
    assert {p.name: p.read_bytes() for p in targets} == images  # every link resolves
    if layout == "beside":
        assert {p.parent for p in targets} == {moved.with_name("Second - name.assets")}
    elif layout == "subfolder":
        assert {p.parent for p in targets} == {moved.parent / "Attachments" / "Second - name"}
    else:
        assert {p.parent for p in targets} == {library / "Attachments" / "Second - name"}
    assert not any("First name" in p for p in tree(library))
    # only the links changed in the text
    after = moved.read_text(encoding="utf-8")
    assert len(after.splitlines()) == len(before.splitlines())
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True)
               if a != b]
    assert len(changed) == 2
    assert all(a.startswith("![") for a, _ in changed)
    assert read_clip(moved).title == "First name"  # the file is renamed, not the title


def test_a_clip_without_images_keeps_its_bytes_and_time(library: Path) -> None:
    saved = save_clip(clip(title="Plain", body="Only words.\n"), library).path
    os.utime(saved, (1_600_000_000, 1_600_000_000))
    data = saved.read_bytes()
    moved = move_clip(saved, "Renamed", library / "Sub", library)
    assert moved.read_bytes() == data
    assert moved.stat().st_mtime == 1_600_000_000


def test_a_taken_name_moves_nothing(library: Path) -> None:
    a = save_clip(clip(title="A"), library).path
    save_clip(clip(title="B", body="Other.\n", source="https://x.example/"), library)
    before = tree(library)
    with pytest.raises(LibraryError, match=r"already a file named b\.md"):
        move_clip(a, "b", library, library)
    assert tree(library) == before
    with pytest.raises(LibraryError, match="outside the library"):
        move_clip(a, "A", library.parent, library)
    assert tree(library) == before


def test_shared_image_folders_are_never_carried_off(library: Path) -> None:
    """A hand-written note linking into a folder other notes use: the note moves, the folder
    stays (and the links are left as they were rather than pointing elsewhere)."""
    shared = library / "attachments"
    shared.mkdir()
    (shared / "x.png").write_bytes(b"x")
    (shared / "y.png").write_bytes(b"y")
    note = library / "Note.md"
    note.write_text("---\ntitle: Note\n---\n![x](attachments/x.png)\n", encoding="utf-8")
    moved = move_clip(note, "Other", library, library)
    assert (shared / "x.png").is_file()
    assert (shared / "y.png").is_file()
    assert moved.read_text(encoding="utf-8").endswith("![x](attachments/x.png)\n")


def test_undo_a_trash_brings_the_clip_and_its_images_back(library: Path) -> None:
    template = ClipTemplate(attachments="folder", attachment_folder="Files")
    for t in (None, template):
        saved = save_clip(clip(title="Gone", body=f"A.\n\n![x]({data_url(7)})\n"), library,
                          template=t)
        before = {p: p.read_bytes() for p in [saved.path, *image_targets(saved.path)]}
        with Library(library) as handle:
            trashed = delete_clip(saved.path, handle)
            assert not saved.path.exists()
            assert not any(p.exists() for p in before)
            assert list_clips(handle) == []
            assert restore_clip(trashed, handle) == saved.path
            assert [c.path for c in list_clips(handle)] == [saved.path]
        assert {p: p.read_bytes() for p in before} == before
        for _original, where in trashed.moved:  # nor left in the trash
            assert not where.exists()
            assert not (where.parent.parent / "info" / f"{where.name}.trashinfo").exists()
        delete_clip(saved.path)
    # a file that took the name meanwhile is never overwritten
    saved = save_clip(clip(title="Back"), library).path
    trashed = delete_clip(saved)
    saved.write_text("someone else's\n", encoding="utf-8")
    with pytest.raises(LibraryError, match="a file of that name is there now"):
        restore_clip(trashed)
    assert saved.read_text(encoding="utf-8") == "someone else's\n"
    assert unquote(saved.name) == "Back.md"

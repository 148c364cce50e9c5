"""Saving clips: new names instead of overwrites, atomic writes, clear errors, trash."""

from __future__ import annotations

import errno
import os
import threading
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote

import pytest

from clipper.errors import CancelledError, ClipChangedError, LibraryError
from clipper.library import (
    delete_clip,
    list_clips,
    read_clip,
    render_clip,
    save_clip,
    update_clip,
)
from clipper.models import Clip

WORDS = ("river", "mountain", "lantern", "harbor", "meadow", "glacier", "orchard", "canyon",
         "thunder", "willow", "ember", "falcon", "quartz", "saffron", "tundra", "velvet")


def article(seed: int, n: int = 120) -> str:
    """Deterministic prose, different for each seed."""
    words = [WORDS[(seed * 7 + i * (seed + 3)) % len(WORDS)] + str((i * seed) % 11)
             for i in range(n)]
    return " ".join(words) + ".\n"


def make_clip(title: str = "An article", seed: int = 1, source: str | None = None,
              **kw: object) -> Clip:
    return Clip(title=title, body=article(seed), source=source or f"https://example.com/{seed}",
                **kw)  # type: ignore[arg-type]


def files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")}


@pytest.fixture
def library(tmp_path: Path) -> Path:
    lib = tmp_path / "library"
    lib.mkdir()
    return lib


def test_save_writes_one_clip_with_front_matter(library: Path) -> None:
    result = save_clip(make_clip("Hello: world", author="Ann", site="Example"), library)
    assert result.action == "created"
    assert result.path == library / "Hello - world.md"
    assert result.duplicate_of is None
    assert result.backup is None
    clip = read_clip(result.path)
    assert (clip.title, clip.author, clip.site, clip.tags) == ("Hello: world", "Ann", "Example",
                                                               ["clippings"])
    assert clip.created
    assert clip.created[:4].isdigit()
    assert "+" in clip.created[10:] or "-" in clip.created[10:]
    assert result.path.read_text(encoding="utf-8").splitlines()[0] == "---"
    assert files(library) == {"Hello - world.md"}


def test_same_title_twice_gives_two_files_and_overwrites_nothing(library: Path) -> None:
    first = save_clip(make_clip("Same", seed=1), library)
    before = first.path.read_bytes()
    second = save_clip(make_clip("Same", seed=2), library)
    third = save_clip(make_clip("Same", seed=3), library)
    assert [first.path.name, second.path.name, third.path.name] == [
        "Same.md", "Same (2).md", "Same (3).md"]
    assert first.path.read_bytes() == before
    assert all(r.action == "created" for r in (first, second, third))


def test_saving_the_same_page_twice_keeps_both(library: Path) -> None:
    first = save_clip(make_clip("Page"), library)
    second = save_clip(make_clip("Page"), library)
    assert second.action == "new-version"
    assert second.duplicate_of == first.path
    assert first.path.exists()
    assert second.path.exists()
    assert first.path != second.path


def test_a_file_made_by_someone_else_is_never_overwritten(library: Path) -> None:
    (library / "Title.md").write_text("my own notes", encoding="utf-8")
    (library / "Title (2).assets").mkdir()  # a stray assets folder blocks that name too
    result = save_clip(make_clip("Title"), library)
    assert result.path.name == "Title (3).md"
    assert (library / "Title.md").read_text(encoding="utf-8") == "my own notes"


def test_race_for_the_same_name(library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another process creates Title.md between our check and our write."""
    real_link = os.link
    calls = []

    def racing_link(src: str, dst: str, **kw: object) -> None:
        if not calls:
            Path(dst).write_text("the other process", encoding="utf-8")
        calls.append(dst)
        real_link(src, dst, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "link", racing_link)
    result = save_clip(make_clip("Title"), library)
    assert result.path.name == "Title (2).md"
    assert (library / "Title.md").read_text(encoding="utf-8") == "the other process"
    assert not [p for p in library.iterdir() if p.name.startswith(".")]


def test_without_hard_links_the_name_is_reserved_first(library: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(src: str, dst: str, **kw: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    (library / "Title.md").write_text("keep", encoding="utf-8")
    result = save_clip(make_clip("Title"), library)
    assert result.path.name == "Title (2).md"
    assert read_clip(result.path).title == "Title"
    assert (library / "Title.md").read_text(encoding="utf-8") == "keep"
    assert files(library) == {"Title.md", "Title (2).md"}


@pytest.mark.parametrize(("code", "words"), [
    (errno.ENOSPC, "disk"),
    (errno.EACCES, "permission denied"),
    (errno.EROFS, "permission denied"),
])
def test_failed_write_is_a_clear_error_and_leaves_nothing(
        library: Path, monkeypatch: pytest.MonkeyPatch, code: int, words: str) -> None:
    save_clip(make_clip("Existing", seed=9), library)
    before = files(library)

    def fail(fd: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(LibraryError) as caught:
        save_clip(make_clip("New one", seed=5), library)
    assert words in str(caught.value)
    assert "\n" not in str(caught.value)
    monkeypatch.undo()
    assert files(library) == before  # no temp file, no staging folder, no half clip


def test_name_too_long_for_the_file_system(library: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    def too_long(src: str, dst: str, **kw: object) -> None:
        raise OSError(errno.ENAMETOOLONG, "File name too long")

    monkeypatch.setattr(os, "link", too_long)
    with pytest.raises(LibraryError, match="too long"):
        save_clip(make_clip("Title"), library)
    monkeypatch.undo()
    assert files(library) == set()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="needs POSIX permissions and a non-root user")
def test_unwritable_library(library: Path) -> None:
    library.chmod(0o500)
    try:
        with pytest.raises(LibraryError, match="permission denied"):
            save_clip(make_clip(), library)
    finally:
        library.chmod(0o700)


def test_missing_library_folder(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="does not exist"):
        save_clip(make_clip(), tmp_path / "nope")


@pytest.mark.parametrize("title", [
    "../../x", "../../../../../../etc/cron.d/evil", "/etc/passwd", "..", ".", "CON", "nul.txt",
    "😀" * 400, "מאמר בעברית " * 40, 'He said: "no"\nthen: #left', "a/b\\c:d*e?f\"g<h>i|j",
])
def test_nothing_is_written_outside_the_library(tmp_path: Path, title: str) -> None:
    library = tmp_path / "sub" / "library"
    library.mkdir(parents=True)
    outside_before = files(tmp_path) - {p for p in files(tmp_path) if p.startswith("sub/library")}
    result = save_clip(make_clip(title), library)
    assert result.path.parent == library
    assert result.path.resolve().is_relative_to(library.resolve())
    outside_after = files(tmp_path) - {p for p in files(tmp_path) if p.startswith("sub/library")}
    assert outside_after == outside_before
    assert read_clip(result.path).title == title


def test_tracking_parameters_are_not_stored_in_source(library: Path) -> None:
    result = save_clip(make_clip(source="https://example.com/a?id=3&utm_source=x&fbclid=y"),
                       library)
    assert read_clip(result.path).source == "https://example.com/a?id=3"


def test_cancel_before_writing_writes_nothing(library: Path) -> None:
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(CancelledError):
        save_clip(make_clip(), library, cancel=cancel)
    assert files(library) == set()


def test_update_clip_writes_back_in_place(library: Path) -> None:
    path = save_clip(make_clip("Original"), library).path
    path.chmod(0o640)
    text = path.read_text(encoding="utf-8").replace("tags:\n", "rating: 4\ntags:\n")
    path.write_text(text, encoding="utf-8")  # a key added in another editor
    clip = read_clip(path)
    clip.title = "Edited title"
    clip.body = "New body text.\n"
    assert update_clip(clip) == path
    back = read_clip(path)
    assert (back.title, back.body, back.extra) == ("Edited title", "New body text.\n",
                                                   {"rating": 4})
    assert path.stat().st_mode & 0o777 == 0o640
    assert files(library) == {path.name}


def test_update_refuses_to_overwrite_an_edit_made_elsewhere(library: Path) -> None:
    path = save_clip(make_clip("Shared"), library).path
    opened = read_clip(path)
    theirs = path.read_text(encoding="utf-8") + "\nA paragraph added in another editor.\n"
    path.write_text(theirs, encoding="utf-8")
    opened.body = "My edit.\n"
    with pytest.raises(ClipChangedError, match="changed by another program") as caught:
        update_clip(opened)
    assert caught.value.path == str(path)
    assert path.read_text(encoding="utf-8") == theirs  # nothing written
    update_clip(opened, force=True)  # the person chose to replace it
    assert read_clip(path).body == "My edit.\n"


def test_update_after_update_from_the_same_opened_clip(library: Path) -> None:
    """The window keeps the clip it opened and saves copies of it, again and again."""
    path = save_clip(make_clip("Draft"), library).path
    opened = read_clip(path)
    for n in range(3):
        update_clip(replace(opened, body=f"Version {n}.\n"))
    assert read_clip(path).body == "Version 2.\n"
    os.utime(path)  # touched, not changed: still ours
    update_clip(replace(opened, body="Version 3.\n"))
    path.write_text(render_clip(make_clip("Draft", seed=9)), encoding="utf-8")
    with pytest.raises(ClipChangedError):
        update_clip(replace(opened, body="Version 4.\n"))


def test_update_of_a_saved_clip_that_was_not_read_back(library: Path) -> None:
    clip = make_clip("Fresh")
    clip.path = save_clip(clip, library).path
    clip.path.write_text(render_clip(make_clip("Fresh", seed=5)), encoding="utf-8")
    with pytest.raises(ClipChangedError):
        update_clip(clip)


def test_update_of_a_clip_moved_away_meanwhile(library: Path) -> None:
    path = save_clip(make_clip("Moving"), library).path
    opened = read_clip(path)
    path.rename(library / "Renamed.md")
    with pytest.raises(ClipChangedError, match="moved or deleted"):
        update_clip(opened)
    assert not path.exists()
    update_clip(opened, force=True)
    assert read_clip(path).title == "Moving"


def test_credentials_are_not_stored_in_source(library: Path) -> None:
    result = save_clip(make_clip(source="https://ann:secret@example.com/a?utm_source=x"),
                       library)
    assert read_clip(result.path).source == "https://example.com/a"


def test_update_clip_needs_a_path() -> None:
    with pytest.raises(LibraryError):
        update_clip(make_clip())


def test_delete_moves_clip_and_images_to_the_trash(library: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    data_home = tmp_path / "xdg"
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
    path = save_clip(make_clip("To delete"), library).path
    assets = library / "To delete.assets"
    assets.mkdir()
    (assets / "a.png").write_bytes(b"png")
    delete_clip(path)
    assert not path.exists()
    assert not assets.exists()
    trash = data_home / "Trash"
    if os.name == "posix" and os.uname().sysname != "Darwin":
        assert (trash / "files" / "To delete.md").is_file()
        assert (trash / "files" / "To delete.assets" / "a.png").read_bytes() == b"png"
        info = (trash / "info" / "To delete.md.trashinfo").read_text(encoding="utf-8")
        lines = info.splitlines()
        assert lines[0] == "[Trash Info]"
        assert unquote(lines[1].removeprefix("Path=")) == str(path)
        assert lines[2].startswith("DeletionDate=")
        # Deleting another clip of the same name does not clobber the first in the trash.
        again = save_clip(make_clip("To delete", seed=2), library).path
        delete_clip(again)
        assert (trash / "files" / "To delete.2.md").is_file()
    assert list_clips(library) == []


def test_delete_falls_back_to_the_backups_folder(library: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from clipper.library import trash

    def broken(path: Path) -> Path:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(trash, "_freedesktop_trash", broken)
    monkeypatch.setattr(trash, "_macos_trash", broken)
    path = save_clip(make_clip("Kept"), library).path
    delete_clip(path)
    kept = list((library / ".clipper-backups").glob("*-deleted/Kept.md"))
    assert len(kept) == 1


def test_delete_refuses_what_is_not_a_clip(library: Path) -> None:
    (library / "folder").mkdir()
    with pytest.raises(LibraryError):
        delete_clip(library / "folder")
    with pytest.raises(LibraryError):
        delete_clip(library / "missing.md")


def test_render_of_saved_clip_matches_render_clip(library: Path) -> None:
    clip = make_clip("Exact", created="2024-01-02T03:04:05+01:00")
    path = save_clip(clip, library, download_images=False).path
    assert path.read_text(encoding="utf-8") == render_clip(clip)


def test_save_result_describes_itself(library: Path) -> None:
    first = save_clip(make_clip("Told"), library)
    assert first.describe() == f"saved {first.path}"
    again = save_clip(make_clip("Told"), library)
    assert again.describe() == f"saved {again.path} (new version of Told.md)"
    skipped = save_clip(make_clip("Told"), library, on_duplicate="skip")
    assert skipped.describe().startswith("already in the library: ")
    again.images_failed = ["https://a.example/1.png", "https://a.example/2.png"]
    assert again.describe().endswith(
        "— 2 images kept remote: https://a.example/1.png, https://a.example/2.png")


def test_leftovers_of_a_crash_are_swept(library: Path) -> None:
    old = library / ".clipper-staging-dead"
    old.mkdir()
    (old / "x.png").write_bytes(b"x")
    stale_tmp = library / ".clipper-0123.tmp"
    stale_tmp.write_bytes(b"half a clip")
    fresh = library / ".clipper-staging-busy"  # another Clipper is saving right now
    fresh.mkdir()
    for path in (old, stale_tmp):
        os.utime(path, (1_000_000_000, 1_000_000_000))
    (library / ".clipper-backups").mkdir()
    os.utime(library / ".clipper-backups", (1_000_000_000, 1_000_000_000))
    save_clip(make_clip("Sweeper"), library)
    assert not old.exists()
    assert not stale_tmp.exists()
    assert fresh.exists()
    assert (library / ".clipper-backups").exists()

"""Snapshots (issue 15): each save keeps its page, atomically, inside the library; the clip
names it by an id; it goes to the trash with its clip and comes back with it."""

from __future__ import annotations

import gzip
import os
import shutil
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml
from helpers.pages import article_page

from clipper.cli import main
from clipper.errors import LibraryError
from clipper.library import Library, delete_clip, read_clip, save_clip
from clipper.library import snapshots as snap
from clipper.library.staging import STAGING_PREFIX, Staging, sweep
from clipper.models import Source
from clipper.pipeline import load
from clipper.settings import Settings, save_settings

LINUX = sys.platform.startswith("linux")


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    return folder


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def loaded_page(tmp_path: Path, title: str = "Harbour pier repairs") -> object:
    page = tmp_path / "site" / f"{title}.html"
    page.parent.mkdir(exist_ok=True)
    page.write_text(article_page(title), encoding="utf-8")
    return load(Source("file", str(page)))


def save_with_page(library: Path, tmp_path: Path, title: str = "Harbour pier repairs"):
    from clipper.models import Clip

    loaded = loaded_page(tmp_path, title)
    clip = Clip.from_article(loaded.article)
    return save_clip(clip, library, page=loaded.page_copy(), download_images=False), loaded


def test_a_save_keeps_the_page_and_the_clip_names_it(library: Path, http_server) -> None:
    html = article_page("Ferry timetable changes")
    http_server.route(
        "/ferry", body=html, headers={"Last-Modified": "Tue, 03 Sep 2024 10:00:00 GMT"}
    )
    assert main(["save", http_server.url("/ferry"), "--library", str(library)]) == 0
    [clip_path] = library.glob("*.md")
    meta = front_matter(clip_path)
    ident = meta["snapshot"]
    assert snap.snapshot_id(read_clip(clip_path)) == ident
    stored = library / ".clipper" / "pages" / f"{ident}.html.gz"
    assert stored.is_file()
    assert stored.stat().st_size < len(html.encode())  # compressed
    page = snap.read_snapshot(library, ident)
    assert page.html == html  # the page as loaded, decoded
    assert page.url == http_server.url("/ferry")
    assert page.kind == "url"
    assert page.content_type.startswith("text/html")
    assert page.last_modified == "Tue, 03 Sep 2024 10:00:00 GMT"
    assert page.loaded_at[:4].isdigit()
    # the hash of the body as saved, so a hand edit shows
    assert meta["body_hash"] == snap.body_hash(read_clip(clip_path).body)
    assert not snap.body_edited(read_clip(clip_path))
    # the index, the clip list and a vault never see the hidden folder
    with Library(library) as handle:
        assert [c.title for c in handle.index().recent(None)] == ["Ferry timetable changes"]


def test_the_page_of_a_saved_file_keeps_no_path_of_this_computer(
    library: Path, tmp_path: Path
) -> None:
    result, _ = save_with_page(library, tmp_path)
    raw = gzip.decompress(
        (library / ".clipper" / "pages" / f"{result.snapshot}.html.gz").read_bytes()
    ).decode()
    assert str(tmp_path) not in raw.split("\n", 1)[0]  # the header: no file:// path
    page = snap.read_snapshot(library, result.snapshot)
    assert page.kind == "file"
    assert page.url is None  # the page names no web address of its own


def test_a_setting_turns_snapshots_off(library: Path, http_server) -> None:
    save_settings(Settings(keep_pages=False))
    http_server.route("/a", body=article_page("No page kept"))
    assert main(["save", http_server.url("/a"), "--library", str(library)]) == 0
    [clip_path] = library.glob("*.md")
    assert "snapshot" not in front_matter(clip_path)
    assert not (library / ".clipper").exists()


def test_a_new_clip_never_names_another_clips_page(library: Path, tmp_path: Path) -> None:
    from dataclasses import replace

    first, _ = save_with_page(library, tmp_path)
    copy = replace(read_clip(first.path), path=None)  # e.g. saved again as a new version
    again = save_clip(copy, library, download_images=False)
    assert "snapshot" not in front_matter(again.path)
    assert "body_hash" not in front_matter(again.path)


def test_a_killed_save_leaves_no_page_behind(library: Path, tmp_path: Path) -> None:
    """The staging record names the snapshot: a save killed after the page was published
    but before its clip appeared is undone by the next start, folders included."""
    loaded = loaded_page(tmp_path)
    staging = Staging(library).open()
    ident = snap.new_id()
    staged = snap.write_staged(loaded.page_copy(), {}, staging.folder, ident)
    published = snap.publish(staged, library, ident)
    staging.record(library / "Clip.md", None, [], published)
    staging._lock.close()  # the process "dies": its lock goes
    staging._lock = None
    sweep(library)
    assert not published.exists()
    assert not (library / ".clipper").exists()
    assert not list(library.glob(f"{STAGING_PREFIX}*"))


def test_a_published_clip_keeps_its_page_at_the_sweep(library: Path, tmp_path: Path) -> None:
    result, _ = save_with_page(library, tmp_path)
    sweep(library)
    assert snap.locate(library, result.snapshot) is not None


def test_a_pages_folder_linked_out_of_the_library_is_never_written(
    library: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (library / ".clipper").symlink_to(outside, target_is_directory=True)
    result, _ = save_with_page(library, tmp_path)
    assert result.path.is_file()  # the clip is saved all the same
    assert result.snapshot is None
    assert "link out of the library" in result.snapshot_note
    assert list(outside.iterdir()) == []
    assert "snapshot" not in front_matter(result.path)


def test_a_page_too_large_to_keep_is_said(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(snap, "MAX_COMPRESSED_BYTES", 200)
    result, _ = save_with_page(library, tmp_path)
    assert result.path.is_file()
    assert result.snapshot is None
    assert result.snapshot_note == "the page is too large to keep a copy of"
    assert not (library / ".clipper").exists()  # nothing half-written left


@pytest.mark.parametrize(
    "ident",
    [
        "../../etc/passwd",
        "20240101-abc",
        "20240101-ABCDEF012345",
        "/tmp/x",
        42,
        None,
        ["20240101-abcdef012345"],
    ],
)
def test_only_a_well_formed_id_names_a_page(ident: object) -> None:
    from clipper.models import Clip

    assert snap.snapshot_id(Clip(title="t", body="b", extra={"snapshot": ident})) is None
    with pytest.raises(LibraryError):
        snap.path_of(Path("/lib"), str(ident))


def test_a_damaged_or_huge_snapshot_is_a_clear_error(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result, _ = save_with_page(library, tmp_path)
    path = snap.path_of(library, result.snapshot)
    monkeypatch.setattr(snap, "MAX_PAGE_BYTES", 1000)  # a bomb: unpacks past the limit
    with pytest.raises(LibraryError, match="more than a page may hold"):
        snap.read_snapshot(library, result.snapshot)
    monkeypatch.undo()
    path.write_bytes(path.read_bytes()[:100])  # cut short
    with pytest.raises(LibraryError, match="cannot be read"):
        snap.read_snapshot(library, result.snapshot)
    path.unlink()
    path.symlink_to(tmp_path / "site" / "Harbour pier repairs.html")  # never followed
    with pytest.raises(LibraryError):
        snap.read_snapshot(library, result.snapshot)


def test_the_library_reports_its_pages(library: Path, tmp_path: Path) -> None:
    assert snap.total_size(library) == (0, 0)
    one, _ = save_with_page(library, tmp_path, "One page")
    two, _ = save_with_page(library, tmp_path, "Another page")
    count, size = snap.total_size(library)
    assert count == 2
    assert size == sum(snap.path_of(library, r.snapshot).stat().st_size for r in (one, two))


@pytest.mark.skipif(not LINUX, reason="the freedesktop trash")
def test_trash_takes_the_page_and_restoring_the_clip_brings_it_back(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_home = tmp_path / "xdg"
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
    result, _ = save_with_page(library, tmp_path)
    page = snap.path_of(library, result.snapshot)
    with Library(library) as handle:
        delete_clip(result.path, handle)
    trash = data_home / "Trash"
    assert not page.exists()
    assert (trash / "files" / page.name).is_file()
    info = (trash / "info" / f"{page.name}.trashinfo").read_text(encoding="utf-8")
    assert unquote(info.splitlines()[1].removeprefix("Path=")) == str(page)
    # The file manager restores the clip (only the clip): its page follows on first look.
    shutil.move(trash / "files" / result.path.name, result.path)
    (trash / "info" / f"{result.path.name}.trashinfo").unlink()
    clip = read_clip(result.path)
    back = snap.read_snapshot(library, snap.snapshot_id(clip))
    assert back.path == page
    assert page.is_file()
    assert not (trash / "files" / page.name).exists()
    assert not (trash / "info" / f"{page.name}.trashinfo").exists()


def test_without_a_trash_the_page_goes_to_the_backups_and_comes_back(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from clipper.library import trash

    def broken(path: Path) -> Path:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(trash, "_freedesktop_trash", broken)
    monkeypatch.setattr(trash, "_macos_trash", broken)
    result, _ = save_with_page(library, tmp_path)
    with Library(library) as handle:
        delete_clip(result.path, handle)
    [kept] = (library / ".clipper-backups").glob(f"*-deleted/{result.snapshot}.html.gz")
    os.rename(kept.parent / result.path.name, result.path)  # the clip put back by hand
    assert snap.locate(library, result.snapshot) == snap.path_of(library, result.snapshot)
    assert not kept.exists()


def test_the_header_cannot_end_its_comment(library: Path) -> None:
    page = snap.PageCopy(
        "<p>x</p>",
        "https://example.com/a?q=--><script>",
        "url",
        "2024-01-01T00:00:00+00:00",
        'text/html; x="-->"',
        None,
    )
    folder = library / "stage"
    folder.mkdir()
    ident = snap.new_id()
    staged = snap.write_staged(page, {"https://example.com/-->.png": "ab.png"}, folder, ident)
    first_line = gzip.decompress(staged.read_bytes()).decode().split("\n", 1)[0]
    assert first_line.count("-->") == 1
    assert first_line.endswith("-->")
    assert "<script>" not in first_line
    snap.publish(staged, library, ident)
    back = snap.read_snapshot(library, ident)
    assert back.url == page.url
    assert back.images == {"https://example.com/-->.png": "ab.png"}
    assert back.html == "<p>x</p>"


def test_a_template_without_front_matter_keeps_no_page(library: Path, tmp_path: Path) -> None:
    from clipper.library.templates import ClipTemplate
    from clipper.models import Clip

    loaded = loaded_page(tmp_path, "Harbour pier repairs")
    template = ClipTemplate(properties=())
    result = save_clip(
        Clip.from_article(loaded.article),
        library,
        page=loaded.page_copy(),
        download_images=False,
        template=template,
    )
    assert result.path.read_text(encoding="utf-8").startswith("# Harbour pier repairs")
    assert result.snapshot is None  # nothing could name it
    assert not (library / ".clipper" / "pages").exists()

"""Saving, updating, deleting, listing and finding clips in a library folder.

Plain Markdown files are the truth. A save checks for the same article first
(``on_duplicate``), fetches the images into a hidden staging folder, then claims
a free name (``Title.md``, ``Title (2).md``...) together with its ``.assets``
folder, so a clip and its images always arrive together and nothing that exists
is ever overwritten. The ``Library`` handle passed in records every change in its
search index; given a bare folder, a handle is opened for the call.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from clipper import fidelity
from clipper.errors import ClipChangedError, LibraryError
from clipper.library.atomic import create_new, describe_os_error, replace_file
from clipper.library.attachments import images_dir_of
from clipper.library.filenames import assets_dir_for, candidate_stems, check_inside
from clipper.library.frontmatter import digest, render_clip
from clipper.library.handle import Library
from clipper.library.index import IndexUnavailable
from clipper.library.scan import scan_for_duplicate, scan_list
from clipper.library.snapshots import (
    HASH_KEY,
    SNAPSHOT_KEY,
    PageCopy,
    SnapshotTooLarge,
    body_hash,
    image_key,
    new_id,
    pages_dir,
    path_of,
    publish,
    snapshot_id,
    unpublish,
    write_staged,
)
from clipper.library.staging import STAGING_PREFIX, Staging
from clipper.library.summary import ClipSummary
from clipper.library.templates import DEFAULT_TEMPLATE, ClipTemplate, link_prefix
from clipper.library.trash import backup, restore, trash_paths
from clipper.library.walk import ASSETS_SUFFIX, CLIP_SUFFIX
from clipper.models import Clip, OnDuplicate, SaveAction
from clipper.progress import ProgressFn, check_cancel
from clipper.urls import short_url, strip_tracking, without_credentials

if TYPE_CHECKING:
    from clipper.images.download import LocalImages


@dataclass
class SaveResult:
    """What ``save_clip`` did, with everything the CLI and the window report."""

    path: Path
    """The clip file written (or, when skipped, the existing one)."""
    action: SaveAction
    """``CREATED``, ``NEW_VERSION``, ``REPLACED`` or ``SKIPPED``."""
    duplicate_of: Path | None = None
    """The existing clip recognised as the same article (before it was moved, if replaced)."""
    backup: Path | None = None
    """Folder the replaced clip and its images were moved to (never deleted)."""
    images_saved: int = 0
    images_failed: list[str] = field(default_factory=list)
    """Image URLs that stay remote because downloading them failed."""
    image_errors: dict[str, str] = field(default_factory=dict)
    """Why each image was not saved: the failed ones, and those taken out of the clip
    (tracking pixels, local files named by a web page)."""
    assets_dir: Path | None = None
    images_note: str | None = None
    """Why the images stayed remote when one reason holds for them all (the deadline)."""
    snapshot: str | None = None
    """The id of the page's snapshot kept with the clip (``library.snapshots``)."""
    snapshot_note: str | None = None
    """Why the page was given and not kept (too large, a link out of the library)."""

    def describe(self) -> str:
        """One line for a status bar or the terminal."""
        if self.action is SaveAction.SKIPPED:
            return f"already in the library: {self.path}"
        text = f"saved {self.path}"
        if self.action is SaveAction.NEW_VERSION and self.duplicate_of:
            text += f" (new version of {self.duplicate_of.name})"
        elif self.action is SaveAction.REPLACED:
            text += f" (replaced; the old clip is in {self.backup})"
        if self.images_failed:
            n = len(self.images_failed)
            why = f" ({self.images_note})" if self.images_note else ""
            text += f" — {n} image{'s' if n != 1 else ''} kept remote{why}: " + ", ".join(
                short_url(u) for u in self.images_failed[:3]) + (" …" if n > 3 else "")
        return text


@contextlib.contextmanager
def _handle(library: Library | Path) -> Iterator[Library]:
    """The handle given, or one opened on a bare folder for the length of one call."""
    if isinstance(library, Library):
        yield library
        return
    with Library(Path(library)) as handle:
        yield handle


def _prepared(clip: Clip) -> Clip:
    created = clip.created or datetime.now().astimezone().isoformat(timespec="seconds")
    source = strip_tracking(without_credentials(clip.source)) if clip.source else clip.source
    # A new clip names its own snapshot, or none: never one another clip names.
    extra = {k: v for k, v in clip.extra.items() if k not in (SNAPSHOT_KEY, HASH_KEY)}
    return replace(clip, created=created, source=source, tags=list(clip.tags), extra=extra)


@dataclass
class _Staged:
    """What a new clip brings besides its images: its page and the end of its body."""

    snapshot: Path | None = None
    """The snapshot written in the staging folder."""
    ident: str | None = None
    tail: str = ""
    """The fidelity callout that ends the body (empty: none)."""


def _name_key(stem: str) -> str:
    """Names that one file system, sync tool or Obsidian takes for the same: "Report",
    "REPORT" and "report"; "Café" composed and decomposed."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", stem).casefold())


def _taken_names(folder: Path) -> set[str]:
    """Keys of the clip and image-folder names already in ``folder``."""
    taken: set[str] = set()
    try:
        names = os.listdir(folder)
    except OSError:
        return taken
    for name in names:
        low = name.lower()
        for suffix in (CLIP_SUFFIX, ASSETS_SUFFIX):
            if low.endswith(suffix):
                taken.add(_name_key(name[: -len(suffix)]))
    return taken


def _move_images_in(images: LocalImages, assets: Path) -> bool:
    """Claim ``assets`` (mkdir fails if the name exists: False) and move the staged images
    in; on a failure half-way they go back to staging."""
    try:
        os.mkdir(assets)
    except FileExistsError:
        return False
    except OSError as exc:
        raise describe_os_error(exc, assets) from exc
    try:
        for name, staged in images.staged.items():
            os.replace(staged, assets / name)
    except OSError as exc:
        _give_back(images, assets)
        raise describe_os_error(exc, assets) from exc
    return True


def _rendered(clip: Clip, body: str, extras: _Staged, with_snapshot: bool,
              template: ClipTemplate) -> bytes:
    """The clip's file: its body ending with the notes callout when asked, naming its
    snapshot and the hash of the body as written."""
    if extras.tail:
        body = fidelity.end_with(body, extras.tail)
    extra = dict(clip.extra)
    if with_snapshot:
        extra[SNAPSHOT_KEY], extra[HASH_KEY] = extras.ident, body_hash(body)
    return template.render(replace(clip, body=body, extra=extra)).encode("utf-8")


def _publish(clip: Clip, folder: Path, stem: str, images: LocalImages | None,
             library: Path, staging: Staging, extras: _Staged,
             template: ClipTemplate = DEFAULT_TEMPLATE) -> tuple[Path, Path | None]:
    """Claim the first free ``stem[ (n)].md`` (and its images folder), move images in, link
    the snapshot and the clip in. Free means: no file, folder or symlink by that name, in
    any letter case or Unicode form. What is about to appear is written down in ``staging``
    first, so a save killed half-way is undone by the next start (``staging.sweep``)."""
    check_inside(folder, library)
    has_images = bool(images and images.staged)
    images_root = _images_root(template, folder, library) if has_images else None
    taken = _taken_names(folder)
    snapshot = path_of(library, extras.ident) if extras.ident else None
    published = False
    for candidate in candidate_stems(stem):
        if _name_key(candidate) in taken:
            continue
        path = folder / f"{candidate}{CLIP_SUFFIX}"
        free = _images_folder_if_free(path, candidate, images_root)
        if free is None:
            continue
        assets = free
        if has_images or snapshot is not None:
            staging.record(path, assets if has_images else None,
                           list(images.staged) if has_images else [],  # type: ignore[union-attr]
                           snapshot)
        if has_images and not _move_images_in(images, assets):  # type: ignore[arg-type]
            continue
        if has_images:
            body = images.body_for(link_prefix(assets, folder))  # type: ignore[union-attr]
        else:
            body = images.body_for(f"{candidate}{ASSETS_SUFFIX}") if images else clip.body
        data = _rendered(clip, body, extras, snapshot is not None, template)
        try:
            if snapshot is not None and not published:
                publish(extras.snapshot, library, extras.ident)  # type: ignore[arg-type]
                published = True
            create_new(path, data, temp_dir=staging.folder)
        except FileExistsError:
            if has_images:  # someone took the name meanwhile: give the images back
                _give_back(images, assets)  # type: ignore[arg-type]
            continue
        except LibraryError:
            if has_images:
                _give_back(images, assets)  # type: ignore[arg-type]
            if published and snapshot is not None:
                unpublish(snapshot)
            raise
        staging.forget()
        _remember_written(path, data)
        return path, (assets if has_images else None)
    raise AssertionError("unreachable")  # candidate_stems never ends


def _images_root(template: ClipTemplate, folder: Path, library: Path) -> Path | None:
    """The folder that holds the clips' images folders (made now), or None: next to the
    note, as ``Title.assets``."""
    root = template.images_root(folder, library)
    if root is not None:
        check_inside(root, library)
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise describe_os_error(exc, root / "x") from exc
    return root


def _images_folder_if_free(path: Path, candidate: str, images_root: Path | None) -> Path | None:
    """The images folder of a clip at ``path``, or None when that name is taken. A symlink
    by either name counts: it is never written through."""
    if images_root is None:
        assets = path.with_name(f"{candidate}{ASSETS_SUFFIX}")
        return None if os.path.lexists(path) or os.path.lexists(assets) else assets
    return None if os.path.lexists(path) else _free_images_folder(images_root, candidate)


def _free_images_folder(root: Path, stem: str) -> Path:
    """``root/stem``, or ``root/stem (2)``... when a folder of that name (in any letter case)
    is there: one clip's images never mix with another's."""
    try:
        taken = {_name_key(name) for name in os.listdir(root)}
    except OSError:
        taken = set()
    for candidate in candidate_stems(stem):
        if _name_key(candidate) not in taken and not os.path.lexists(root / candidate):
            return root / candidate
    raise AssertionError("unreachable")


def _give_back(images: LocalImages, assets: Path) -> None:
    """Move the images back into staging and free the ``.assets`` name."""
    for name in list(images.staged):
        with contextlib.suppress(OSError):
            os.replace(assets / name, images.staged[name])
    shutil.rmtree(assets, ignore_errors=True)


def save_clip(clip: Clip, library: Library | Path, *,
              on_duplicate: OnDuplicate | str = OnDuplicate.NEW,
              download_images: bool = True, page_dir: Path | None = None,
              page: PageCopy | None = None, notes: Sequence[fidelity.Note] | None = None,
              progress: ProgressFn | None = None,
              cancel: threading.Event | None = None,
              template: ClipTemplate | None = None) -> SaveResult:
    """Save ``clip`` as a new file in ``library``; see ``SaveResult`` for what happened.

    ``on_duplicate`` says what to do when the same article (same normalised URL or
    similar text) is already there (``OnDuplicate``; its value as a string is taken
    too, as the CLI passes it). ``page_dir`` is the folder of a saved page opened from
    disk, whose own images may be copied; without it only http(s) images are fetched.
    ``page`` is kept as the clip's snapshot, published with it; ``notes`` (the
    extraction's fidelity notes; images left remote are added) end the body as a
    callout. ``template`` says where the clip goes, its name, its images' folder and its
    front matter (``library.templates``; None: the default, Clipper's own layout).
    Raises ``CancelledError`` (nothing written) or ``LibraryError``.
    """
    choice = OnDuplicate(on_duplicate)  # ValueError for anything else
    problems = (template or DEFAULT_TEMPLATE).problems()
    if problems:  # a settings file edited by hand: refused as Settings refuses it
        raise LibraryError(f"The template in Settings cannot be used. {problems[0]}",
                           "Correct it in Settings ▸ Templates.")
    with _handle(library) as handle:
        folder = handle.folder
        if not folder.is_dir():
            raise LibraryError(f"The library folder {folder} does not exist",
                               "Create it, or choose another library folder.")
        check_cancel(cancel)
        handle.start()
        clip = _prepared(clip)
        existing = find_duplicate(clip, handle)
        if existing is not None and choice is OnDuplicate.SKIP:
            return SaveResult(path=existing, action=SaveAction.SKIPPED, duplicate_of=existing)
        check_cancel(cancel)
        replaced = existing if choice is OnDuplicate.REPLACE else None
        template = template or DEFAULT_TEMPLATE
        if not template.properties:
            page = None  # a note without front matter cannot name its page: none is kept
        result = _write_new(clip, folder, replaced, download_images, page_dir, progress, cancel,
                            page, notes, template)
        removed = [existing] if result.backup is not None and existing is not None else []
        handle.record(written=result.path, removed=[p for p in removed if p != result.path])
    if existing is None:
        result.action = SaveAction.CREATED
    else:
        result.action = SaveAction.REPLACED if replaced is not None else SaveAction.NEW_VERSION
    result.duplicate_of = existing
    return result


def _write_new(clip: Clip, library: Path, replaced: Path | None, download_images: bool,
               page_dir: Path | None, progress: ProgressFn | None,
               cancel: threading.Event | None, page: PageCopy | None = None,
               notes: Sequence[fidelity.Note] | None = None,
               template: ClipTemplate = DEFAULT_TEMPLATE) -> SaveResult:
    """Fetch the images into a staging folder, then publish the clip with them (and its
    page); ``replaced`` (the same article's clip) goes to the backups first and comes back
    if that fails."""
    from clipper.images.download import localize_images

    try:
        staging = Staging(library).open()
    except OSError as exc:
        raise describe_os_error(exc, library / STAGING_PREFIX) from exc
    with staging:  # removed after, published or not
        images = localize_images(clip.body, staging.images, referer=clip.source,
                                 page_dir=page_dir, download=download_images,
                                 progress=progress, cancel=cancel)
        check_cancel(cancel)
        extras, snapshot_note = _stage_extras(images, staging, page, notes, library)

        backup_dir = None
        if replaced is not None:
            folder, stem = replaced.parent, replaced.stem
            old_images = images_dir_of(replaced) or assets_dir_for(replaced)
            originals = [replaced, old_images]
            backup_dir = backup(originals, library)
        else:
            placement = template.place(clip, library)
            folder, stem = placement.folder, placement.stem
            _make_folder(folder, library)
        try:
            path, assets = _publish(clip, folder, stem, images, library, staging, extras,
                                    template)
        except BaseException:
            if backup_dir is not None:  # put the old clip back where it was
                for original in originals:
                    moved = backup_dir / original.name
                    with contextlib.suppress(OSError):
                        if os.path.lexists(moved) and not os.path.lexists(original):
                            os.rename(moved, original)
                with contextlib.suppress(OSError):
                    backup_dir.rmdir()
            raise
    note = f"the {images.timed_out:g} s for a clip's images ran out" if images.timed_out \
        else None
    return SaveResult(path=path, action=SaveAction.CREATED, backup=backup_dir,
                      images_saved=images.saved, images_failed=images.failed,
                      image_errors=images.errors, assets_dir=assets, images_note=note,
                      snapshot=extras.ident, snapshot_note=snapshot_note)


def _stage_extras(images: LocalImages, staging: Staging, page: PageCopy | None,
                  notes: Sequence[fidelity.Note] | None,
                  library: Path) -> tuple[_Staged, str | None]:
    """The snapshot written into staging (with where each image went) and the callout;
    a page that cannot be kept is said, never a reason to lose the clip."""
    extras = _Staged()
    if notes is not None:
        remote = fidelity.remote_images(len(images.remote))
        extras.tail = fidelity.callout([*notes, *([remote] if remote else [])])
    if page is None:
        return extras, None
    stored = {image_key(url): o.file for url, o in images.outcomes.items() if o.file}
    ident = new_id()
    try:
        pages_dir(library, create=False)
        extras.snapshot = write_staged(page, stored, staging.folder, ident)
    except SnapshotTooLarge:
        return extras, "the page is too large to keep a copy of"
    except LibraryError as exc:
        return extras, str(exc)
    except OSError as exc:
        return extras, f"its copy could not be written: {exc.strerror or exc}"
    extras.ident = ident
    return extras, None


def _make_folder(folder: Path, library: Path) -> None:
    """The template's folder for the clip, inside the library (made if need be)."""
    check_inside(folder, library)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise describe_os_error(exc, folder / "x") from exc
    if not folder.is_dir():
        raise LibraryError(f"{folder} is a file, so no clip can go in it",
                           "Change the folder in Settings ▸ Templates, or move that file.")
    check_inside(folder, library)


def find_duplicate(clip: Clip, library: Library | Path) -> Path | None:
    """The clip in ``library`` holding the same article, newest first; None if there is none.

    Same normalised source URL wins over similar text; the clip's own file
    (``clip.path``) never counts. Asks the library's index and reads the files only
    when no index can be opened. The index is synced with the folder once per handle;
    after that it knows what this process writes, and a window keeps it current by
    watching the folder (a sync of a 100,000-clip folder at every save took half a
    second: bench/library).
    """
    with _handle(library) as handle:
        try:
            index = handle.index()
        except IndexUnavailable:
            return scan_for_duplicate(clip, handle.folder)
        if not index.synced:
            index.sync()
        return index.duplicate_of(clip)


def update_clip(clip: Clip, library: Library | None = None, *, force: bool = False) -> Path:
    """Write an edited clip back to ``clip.path`` (see ``write_edits``); its path."""
    write_edits(clip, library, force=force)
    return Path(clip.path)  # type: ignore[arg-type]


def write_edits(clip: Clip, library: Library | None = None, *, force: bool = False) -> bool:
    """Write what ``clip`` changes back into its file ``clip.path``, atomically; False when
    the file already says all of it (nothing is written then, its mtime stays).

    Only the changed keys' lines and the changed part of the body are rewritten, in the
    note's own style (``note_edit``): a note written by hand keeps its quoting, lists,
    comments, unknown keys, line ends and headings. Someone else's edit is never
    overwritten silently: when the file changed on disk since it was read
    (``clip.read_digest``) or since this process last wrote it, or was moved away,
    nothing is written and ``ClipChangedError`` says so; ``force`` writes anyway, once
    the person has said so. ``library``, the library the clip is in, has its index
    updated at once (without it, its next ``sync()`` sees the edit).
    """
    from clipper.library.note_edit import edit_note

    if clip.path is None:
        raise LibraryError("This clip has no file yet", "Save it into the library first.")
    path = Path(clip.path)
    if path.suffix.lower() != CLIP_SUFFIX or path.is_dir():
        raise LibraryError(f"Not a clip file: {path}")
    current = _current_bytes(path)
    if not force:
        _check_unchanged(path, clip.read_digest, current)
    if current is None:
        data = render_clip(clip).encode("utf-8")
    else:
        text = _decoded(current)
        if text is None:
            raise LibraryError(f"The clip {path.name} is not UTF-8 text",
                               "Save what you see as a new clip, or fix the file's encoding.")
        data = edit_note(text, clip).encode("utf-8")
        if data == current:
            return False
    replace_file(path, data)
    _remember_written(path, data)
    if library is not None:
        library.record(written=path)
    return True


def _current_bytes(path: Path) -> bytes | None:
    """The file as it is now; None when it is gone."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise describe_os_error(exc, path) from exc


def _decoded(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


_last_written: dict[str, str] = {}
"""Absolute clip path -> digest of what this process last wrote there. The window keeps
the clip it opened (and its ``read_digest``) across several saves, so a file that still
holds our own last write is not "changed by another program"."""


def _remember_written(path: Path, data: bytes) -> None:
    _last_written[os.path.abspath(path)] = digest(data)


def _check_unchanged(path: Path, read_digest: str | None, data: bytes | None) -> None:
    known = {d for d in (read_digest, _last_written.get(os.path.abspath(path))) if d}
    if not known:
        return  # never read nor written here: nothing to compare with
    if data is None:
        raise ClipChangedError(
            str(path), f"The clip {path.name} was moved or deleted since it was opened",
            "Save it as a new clip, or put the file back and save again.")
    if digest(data) not in known:
        raise ClipChangedError(
            str(path), f"The clip {path.name} was changed by another program since it was "
            "opened", "Open it again to see those changes, or save anyway to replace them.")


@dataclass
class Trashed:
    """A clip moved to the trash, and where each of its parts went: what Undo puts back."""

    path: Path
    moved: list[tuple[Path, Path]]
    """``(where it was, where it is now)`` for the clip file and its images folder."""


def delete_clip(path: Path, library: Library | None = None) -> Trashed:
    """Move a clip and its images folder to the system trash (or the backups folder).

    ``library``, the library the clip is in, holds that backups folder and has its index
    updated at once; without it the clip's own folder holds the backups.
    ``restore_clip`` with the result puts it back.
    """
    path = Path(path).absolute()
    if not path.is_file() or path.suffix.lower() != CLIP_SUFFIX:
        raise LibraryError(f"Not a clip file: {path}")
    folder = library.folder if library is not None else path.parent
    targets = [path]
    assets = images_dir_of(path)
    if assets is not None:
        targets.append(assets)
    if library is not None:
        targets += _snapshot_of(path, library.folder)
    try:
        moved = trash_paths(targets, folder)
    except OSError as exc:
        raise LibraryError(f"Cannot move {path.name} to the trash: {exc.strerror or exc}") from exc
    if library is not None:
        library.record(removed=[path])
    return Trashed(path, moved)


def restore_clip(trashed: Trashed, library: Library | None = None) -> Path:
    """Undo ``delete_clip``: the clip and its images back where they were; its path."""
    restore(trashed.moved)
    if library is not None:
        library.record(written=trashed.path)
    return trashed.path


def _snapshot_of(path: Path, library: Path) -> list[Path]:
    """The snapshot a clip file names, when it is in the library: it goes where the clip
    goes, and comes back with it (``snapshots.locate``)."""
    from clipper.library.frontmatter import read_clip

    try:
        ident = snapshot_id(read_clip(path))
        snapshot = path_of(library, ident) if ident else None
        pages_dir(library)
    except LibraryError:
        return []
    if snapshot is None or not snapshot.is_file() or snapshot.is_symlink():
        return []
    return [snapshot]


def list_clips(library: Library | Path, search: str | None = None,
               limit: int | None = None) -> list[ClipSummary]:
    """Clips newest first, or those matching ``search`` best first (index, else a scan)."""
    with _handle(library) as handle:
        if not handle.folder.is_dir():
            return []
        try:
            index = handle.index()
        except IndexUnavailable:
            return scan_list(handle.folder, search, limit)
        index.sync()
        return index.search(search, limit) if search and search.strip() \
            else index.recent(limit)

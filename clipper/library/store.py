"""Saving, updating, deleting and listing clips in a library folder.

Plain Markdown files are the truth. A save checks for the same article first
(``on_duplicate``), fetches the images into a hidden staging folder, then claims
a free name (``Title.md``, ``Title (2).md``...) together with its ``.assets``
folder, so a clip and its images always arrive together and nothing that exists
is ever overwritten. An open search index is told about every change.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from clipper.errors import CancelledError, ClipChangedError, LibraryError
from clipper.library.atomic import create_new, describe_os_error, replace_file
from clipper.library.duplicates import find_duplicate
from clipper.library.filenames import assets_dir_for, candidate_stems, check_inside, safe_filename
from clipper.library.frontmatter import digest, read_clip, render_clip
from clipper.library.summary import ClipSummary, first_words, sort_key
from clipper.library.text import plain_text
from clipper.library.trash import backup, to_trash
from clipper.library.walk import ASSETS_SUFFIX, CLIP_SUFFIX, iter_clip_files
from clipper.models import Clip
from clipper.urls import strip_tracking, without_credentials

if TYPE_CHECKING:
    from clipper.images.download import LocalImages
    from clipper.index import LibraryIndex

OnDuplicate = Literal["new", "skip", "replace"]
Action = Literal["created", "new-version", "replaced", "skipped"]
ProgressFn = Callable[[int, "int | None"], None]
STAGING_PREFIX = ".clipper-staging-"


@dataclass
class SaveResult:
    """What ``save_clip`` did, with everything the CLI and the window report."""

    path: Path
    """The clip file written (or, when skipped, the existing one)."""
    action: Action
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

    def describe(self) -> str:
        """One line for a status bar or the terminal."""
        if self.action == "skipped":
            return f"already in the library: {self.path}"
        text = f"saved {self.path}"
        if self.action == "new-version" and self.duplicate_of:
            text += f" (new version of {self.duplicate_of.name})"
        elif self.action == "replaced":
            text += f" (replaced; the old clip is in {self.backup})"
        if self.images_failed:
            n = len(self.images_failed)
            text += f" — {n} image{'s' if n != 1 else ''} kept remote: " + ", ".join(
                self.images_failed[:3]) + (" …" if n > 3 else "")
        return text


def _index(library: Path) -> LibraryIndex | None:
    from clipper.index import LibraryIndex

    return LibraryIndex.registered(library)


def _notify(library: Path, written: Path | None = None, removed: list[Path] | None = None
            ) -> None:
    """Keep an open index current; it is only a cache, so a failure here is harmless."""
    index = _index(library)
    if index is None:
        return
    with contextlib.suppress(LibraryError, OSError):
        for path in removed or []:
            index.remove_path(path)
        if written is not None:
            index.update_path(written)


def _check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise CancelledError()


def _sweep_leftovers(library: Path, older_than: float = 3600.0) -> None:
    """Remove staging folders and temp files a crashed or killed Clipper left behind."""
    now = time.time()
    try:
        entries = list(os.scandir(library))
    except OSError:
        return
    for entry in entries:
        name = entry.name
        ours = name.startswith(STAGING_PREFIX) or (
            name.startswith(".clipper-") and name.endswith(".tmp"))
        if not ours:
            continue
        with contextlib.suppress(OSError):
            if now - entry.stat(follow_symlinks=False).st_mtime > older_than:
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path, ignore_errors=True)
                else:
                    os.unlink(entry.path)


def _prepared(clip: Clip) -> Clip:
    created = clip.created or datetime.now().astimezone().isoformat(timespec="seconds")
    source = strip_tracking(without_credentials(clip.source)) if clip.source else clip.source
    return replace(clip, created=created, source=source, tags=list(clip.tags),
                   extra=dict(clip.extra))


def _publish(clip: Clip, folder: Path, stem: str, images: LocalImages | None,
             library: Path) -> tuple[Path, Path | None]:
    """Claim the first free ``stem[ (n)].md`` (and ``.assets``), move images in, write."""
    has_images = bool(images and images.staged)
    for candidate in candidate_stems(stem):
        path = check_inside(folder / f"{candidate}{CLIP_SUFFIX}", library)
        assets = folder / f"{candidate}{ASSETS_SUFFIX}"
        if os.path.lexists(path) or os.path.lexists(assets):
            continue
        if has_images:
            try:
                os.mkdir(assets)  # claims the name pair: mkdir fails if it exists
            except FileExistsError:
                continue
            except OSError as exc:
                raise describe_os_error(exc, assets) from exc
            try:
                for name, staged in images.staged.items():  # type: ignore[union-attr]
                    os.replace(staged, assets / name)
            except OSError as exc:
                shutil.rmtree(assets, ignore_errors=True)
                raise describe_os_error(exc, assets) from exc
            body = images.body_for(assets.name)  # type: ignore[union-attr]
        else:
            body = images.body_for(assets.name) if images else clip.body
        data = render_clip(replace(clip, body=body)).encode("utf-8")
        try:
            create_new(path, data)
        except FileExistsError:
            if has_images:  # someone took the name meanwhile: give the images back
                for name in list(images.staged):  # type: ignore[union-attr]
                    with contextlib.suppress(OSError):
                        os.replace(assets / name, images.staged[name])  # type: ignore[union-attr]
                shutil.rmtree(assets, ignore_errors=True)
            continue
        except LibraryError:
            if has_images:
                shutil.rmtree(assets, ignore_errors=True)
            raise
        _remember_written(path, data)
        return path, (assets if has_images else None)
    raise AssertionError("unreachable")  # candidate_stems never ends


def save_clip(clip: Clip, library: Path, *, on_duplicate: OnDuplicate = "new",
              download_images: bool = True, page_dir: Path | None = None,
              progress: ProgressFn | None = None,
              cancel: threading.Event | None = None) -> SaveResult:
    """Save ``clip`` as a new file in ``library``; see ``SaveResult`` for what happened.

    ``on_duplicate`` says what to do when the same article (same normalised URL or
    similar text) is already there: ``new`` saves another file, ``skip`` writes
    nothing, ``replace`` moves the old clip and its images to the backups folder and
    writes the new one under the old name. ``page_dir`` is the folder of a saved page
    opened from disk, whose own images may be copied; without it only http(s) images
    are fetched. Raises ``CancelledError`` (nothing written) or ``LibraryError``.
    """
    from clipper.images.download import localize_images

    library = Path(library).absolute()
    if on_duplicate not in ("new", "skip", "replace"):
        raise ValueError(f"on_duplicate must be new, skip or replace, not {on_duplicate!r}")
    if not library.is_dir():
        raise LibraryError(f"The library folder {library} does not exist",
                           "Create it, or choose another library folder.")
    _check_cancel(cancel)
    _sweep_leftovers(library)
    clip = _prepared(clip)
    existing = find_duplicate(clip, library)
    if existing is not None and on_duplicate == "skip":
        return SaveResult(path=existing, action="skipped", duplicate_of=existing)
    _check_cancel(cancel)

    staging = library / f"{STAGING_PREFIX}{secrets.token_hex(6)}"
    try:
        try:
            staging.mkdir()
        except OSError as exc:
            raise describe_os_error(exc, library / staging.name) from exc
        images = localize_images(clip.body, staging, referer=clip.source, page_dir=page_dir,
                                 download=download_images, progress=progress, cancel=cancel)
        _check_cancel(cancel)

        folder, stem, backup_dir = library, safe_filename(clip.title), None
        if existing is not None and on_duplicate == "replace":
            folder, stem = existing.parent, existing.stem
            old_assets = assets_dir_for(existing)
            backup_dir = backup([existing, old_assets], library)
        try:
            path, assets = _publish(clip, folder, stem, images, library)
        except BaseException:
            if backup_dir is not None:  # put the old clip back where it was
                for moved in backup_dir.iterdir():
                    with contextlib.suppress(OSError):
                        if not os.path.lexists(folder / moved.name):
                            os.rename(moved, folder / moved.name)
                with contextlib.suppress(OSError):
                    backup_dir.rmdir()
            raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)

    removed = [existing] if backup_dir is not None and existing is not None else []
    _notify(library, written=path, removed=[p for p in removed if p != path])
    if existing is None:
        action: Action = "created"
    else:
        action = "replaced" if on_duplicate == "replace" else "new-version"
    return SaveResult(path=path, action=action, duplicate_of=existing, backup=backup_dir,
                      images_saved=images.saved, images_failed=images.failed,
                      image_errors=images.errors, assets_dir=assets)


def update_clip(clip: Clip, *, force: bool = False) -> Path:
    """Write an edited clip back to ``clip.path`` atomically (extra front matter kept).

    Someone else's edit is never overwritten silently: when the file changed on disk
    since it was read (``clip.read_digest``) or since this process last wrote it, or
    was moved away, nothing is written and ``ClipChangedError`` says so; ``force``
    writes anyway, once the person has said so.
    """
    if clip.path is None:
        raise LibraryError("This clip has no file yet", "Save it into the library first.")
    path = Path(clip.path)
    if path.suffix.lower() != CLIP_SUFFIX or path.is_dir():
        raise LibraryError(f"Not a clip file: {path}")
    data = render_clip(clip).encode("utf-8")
    if not force:
        _check_unchanged(path, clip.read_digest)
    replace_file(path, data)
    _remember_written(path, data)
    _notify(_library_of(path), written=path)
    return path


_last_written: dict[str, str] = {}
"""Absolute clip path -> digest of what this process last wrote there. The window keeps
the clip it opened (and its ``read_digest``) across several saves, so a file that still
holds our own last write is not "changed by another program"."""


def _remember_written(path: Path, data: bytes) -> None:
    _last_written[os.path.abspath(path)] = digest(data)


def _check_unchanged(path: Path, read_digest: str | None) -> None:
    known = {d for d in (read_digest, _last_written.get(os.path.abspath(path))) if d}
    if not known:
        return  # never read nor written here: nothing to compare with
    try:
        current = digest(path.read_bytes())
    except FileNotFoundError:
        raise ClipChangedError(
            str(path), f"The clip {path.name} was moved or deleted since it was opened",
            "Save it as a new clip, or put the file back and save again.") from None
    except OSError as exc:
        raise describe_os_error(exc, path) from exc
    if current not in known:
        raise ClipChangedError(
            str(path), f"The clip {path.name} was changed by another program since it was "
            "opened", "Open it again to see those changes, or save anyway to replace them.")


def _library_of(path: Path) -> Path:
    """The library holding ``path``: the folder an open index covers, else its folder."""
    for parent in path.absolute().parents:
        if _index(parent) is not None:
            return parent
    return path.parent


def delete_clip(path: Path) -> None:
    """Move a clip and its ``.assets`` folder to the system trash (or the backups folder)."""
    path = Path(path).absolute()
    if not path.is_file() or path.suffix.lower() != CLIP_SUFFIX:
        raise LibraryError(f"Not a clip file: {path}")
    library = _library_of(path)
    targets = [path]
    assets = assets_dir_for(path)
    if assets.is_dir() and not assets.is_symlink():
        targets.append(assets)
    try:
        to_trash(targets, library)
    except OSError as exc:
        raise LibraryError(f"Cannot move {path.name} to the trash: {exc.strerror or exc}") from exc
    _notify(library, removed=[path])


def list_clips(library: Path, search: str | None = None,
               limit: int | None = None) -> list[ClipSummary]:
    """Clips newest first, or those matching ``search`` best first (index, else a scan)."""
    from clipper.index import IndexUnavailable, index_for

    library = Path(library).absolute()
    if not library.is_dir():
        return []
    try:
        with index_for(library) as index:
            index.sync()
            return index.search(search, limit) if search and search.strip() \
                else index.recent(limit)
    except IndexUnavailable:
        return _scan_list(library, search, limit)


def _scan_list(library: Path, search: str | None, limit: int | None) -> list[ClipSummary]:

    words = [w.casefold() for w in (search or "").split()]
    found: list[tuple[float, ClipSummary]] = []
    for rel, st in iter_clip_files(library):
        try:
            clip = read_clip(library / rel)
        except LibraryError:
            continue
        text = plain_text(clip.body)
        haystack = " ".join([clip.title, clip.site or "", " ".join(clip.tags), text]).casefold()
        if words and not all(w in haystack for w in words):
            continue
        found.append((sort_key(clip.created, clip.published, st.st_mtime_ns),
                      ClipSummary(path=library / rel, title=clip.title, site=clip.site,
                                  created=clip.created, published=clip.published,
                                  tags=clip.tags, snippet=first_words(text),
                                  source=clip.source)))
    found.sort(key=lambda item: item[0], reverse=True)
    return [summary for _, summary in found[:limit]]

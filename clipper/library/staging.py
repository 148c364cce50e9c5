"""A save's hidden workshop inside the library, and the sweep of workshops whose save died.

A clip and its images must appear together or not at all. Everything is built in
``.clipper-staging-<random>/`` (on the library's disk, so publishing is renames and
links, never copies): the images, the page's snapshot, then the clip file. Publishing
claims the ``Title.assets`` folder, moves the images in, links the snapshot into
``.clipper/pages/`` and the clip into place; just before, it writes down in the staging
folder what it is about to create. A save killed half-way (``kill -9``, a power cut)
leaves that folder behind; the next process to open the library finds it, sees from a
lock that no one is using it any more, undoes the half-published clip (images and a
snapshot whose clip never appeared) and removes it.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import time
from pathlib import Path
from typing import IO, Any

STAGING_PREFIX = ".clipper-staging-"
LOCK_NAME = ".lock"
RECORD_NAME = "publishing.json"
IMAGES_NAME = "images"
LEGACY_AGE = 3600.0
"""Staging folders without a lock (older Clipper versions) and temporary files are only
taken for leftovers after this many seconds: a live writer may still own them."""

try:
    import fcntl
except ImportError:  # Windows: an open file cannot be deleted, which serves as the lock
    fcntl = None  # type: ignore[assignment]


def _lock(path: Path) -> IO[bytes] | None:
    """Hold ``path`` as a lock: the open file while held, None if another process holds it."""
    handle = open(path, "a+b")  # noqa: SIM115 - kept open for as long as the lock is held
    if fcntl is None:
        return handle
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return None
    return handle


def _abandoned(folder: Path) -> bool:
    """True when no live process holds the staging folder's lock."""
    lock = folder / LOCK_NAME
    if not lock.exists():
        return _older_than(folder, LEGACY_AGE)
    if fcntl is None:
        try:
            os.unlink(lock)  # fails while the owner has it open
        except OSError:
            return False
        return True
    try:
        handle = _lock(lock)
    except OSError:
        return False
    if handle is None:
        return False
    handle.close()
    return True


def _older_than(path: Path, seconds: float) -> bool:
    try:
        return time.time() - path.lstat().st_mtime > seconds
    except OSError:
        return False


class Staging:
    """One save's staging folder, locked while the save runs and removed after it."""

    def __init__(self, library: Path) -> None:
        self.library = library
        self.folder = library / f"{STAGING_PREFIX}{secrets.token_hex(6)}"
        self.images = self.folder / IMAGES_NAME
        """Where the downloaded images wait (flat, content-hash names)."""
        self._lock: IO[bytes] | None = None

    def __enter__(self) -> Staging:
        return self if self._lock is not None else self.open()

    def open(self) -> Staging:
        """Make the folder and take its lock (``OSError`` when the library is not writable)."""
        self.folder.mkdir()
        try:
            self._lock = _lock(self.folder / LOCK_NAME)
            self.images.mkdir()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Remove the folder (whatever is left in it was not published), then unlock."""
        shutil.rmtree(self.folder, ignore_errors=True)
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def record(self, clip: Path, assets: Path | None, files: list[str],
               snapshot: Path | None = None) -> None:
        """Write down what publishing is about to create, for the sweep of a killed save."""
        data = {
            "clip": os.path.relpath(clip, self.library),
            "assets": os.path.relpath(assets, self.library) if assets else None,
            "files": files,
            "snapshot": os.path.relpath(snapshot, self.library) if snapshot else None,
        }
        tmp = self.folder / f"{RECORD_NAME}.tmp"
        with open(tmp, "w", encoding="utf-8") as handle:
            json.dump(data, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.folder / RECORD_NAME)

    def forget(self) -> None:
        """The clip is published (or its images given back): nothing to undo any more."""
        with contextlib.suppress(OSError):
            os.unlink(self.folder / RECORD_NAME)


def _undo(library: Path, folder: Path) -> None:
    """Take back the images of a clip whose publishing was cut off before the clip file."""
    try:
        record: dict[str, Any] = json.loads((folder / RECORD_NAME).read_text(encoding="utf-8"))
        clip = library / str(record["clip"])
        assets = library / str(record["assets"]) if record.get("assets") else None
        files = [str(name) for name in record.get("files") or []]
        snapshot = library / str(record["snapshot"]) if record.get("snapshot") else None
    except (OSError, ValueError, KeyError, TypeError):
        return
    if os.path.lexists(clip):
        return  # the clip made it: its images and its page are in place and wanted
    if snapshot is not None and snapshot.parent == library / ".clipper" / "pages":
        from clipper.library.snapshots import unpublish

        unpublish(snapshot)
    if assets is None:
        return
    if assets.is_symlink() or not assets.is_dir():
        return
    for name in files:
        if "/" in name or os.sep in name or name.startswith("."):
            continue  # never what Clipper writes: a damaged record names nothing to delete
        with contextlib.suppress(OSError):
            os.unlink(assets / name)
    with contextlib.suppress(OSError):
        assets.rmdir()  # only when nothing else is in it


def sweep(library: Path) -> None:
    """Clean up after saves that died: undo half-published clips, remove their staging
    folders, and temporary files no writer has touched for an hour. Never raises."""
    try:
        entries = list(os.scandir(library))
    except OSError:
        return
    for entry in entries:
        name = entry.name
        with contextlib.suppress(OSError):
            if name.startswith(STAGING_PREFIX) and entry.is_dir(follow_symlinks=False):
                folder = Path(entry.path)
                if _abandoned(folder):
                    _undo(library, folder)
                    shutil.rmtree(folder, ignore_errors=True)
            elif (
                name.startswith(".clipper-")
                and name.endswith(".tmp")
                and _older_than(Path(entry.path), LEGACY_AGE)
                and not entry.is_dir(follow_symlinks=False)
            ):
                os.unlink(entry.path)

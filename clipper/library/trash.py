"""Moving clips out of the way without losing them: backups and the system trash.

Replacing a clip moves the old one (with its images) to
``<library>/.clipper-backups/<time>/``; deleting moves it to the desktop's trash,
so the file manager can restore it. On Linux and other freedesktop systems that
is the Trash specification (``$XDG_DATA_HOME/Trash``, or ``<mount>/.Trash-<uid>``
on another disk), written by hand because it is short; on macOS ``~/.Trash``;
elsewhere, and whenever the trash cannot be used, the backups folder.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import sys
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from clipper.errors import LibraryError
from clipper.library.walk import BACKUPS_DIR


def _move(src: Path, dst: Path) -> None:
    try:
        os.rename(src, dst)
    except OSError:
        if dst.exists() or os.path.lexists(dst):
            raise
        shutil.move(str(src), str(dst))  # another disk: copy, then remove


def backup(paths: list[Path], library: Path, label: str = "") -> Path:
    """Move ``paths`` into a new ``.clipper-backups/<time>[-label]/`` folder and return it.

    All or nothing: when one cannot be moved, those already moved go back first, so a
    failed replace never leaves a clip gone from its place. A backups folder that is a
    symlink (or leads out of the library) is refused: clips never leave the library.
    """
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S") + (f"-{label}" if label else "")
    root = library / BACKUPS_DIR
    moved: list[Path] = []
    made: Path | None = None
    try:
        root.mkdir(exist_ok=True)
        if root.is_symlink() or not root.resolve().is_relative_to(library.resolve()):
            raise LibraryError(f"The backups folder {root} is a link out of the library; "
                               "Clipper moves no clip through it",
                               "Remove the link: Clipper then makes the folder again.")
        folder = root / stamp
        n = 1
        while True:
            try:
                folder.mkdir()
                made = folder
                break
            except FileExistsError:
                n += 1
                folder = root / f"{stamp}-{n}"
        for path in paths:
            if os.path.lexists(path):
                _move(path, folder / path.name)
                moved.append(path)
    except OSError as exc:
        for path in reversed(moved):
            with contextlib.suppress(OSError):
                _move(folder / path.name, path)
        if made is not None:
            with contextlib.suppress(OSError):
                made.rmdir()
        raise LibraryError(f"Cannot move {paths[0].name} to the backups folder: "
                           f"{exc.strerror or exc}") from exc
    return folder


def _home_trash() -> Path:
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "Trash"


def _device(path: Path) -> int:
    while not path.exists():
        path = path.parent
    return path.stat().st_dev


def _mount_point(path: Path) -> Path:
    path = path.absolute()
    dev = path.lstat().st_dev
    while path.parent != path and path.parent.stat().st_dev == dev:
        path = path.parent
    return path


def _topdir_trash(topdir: Path) -> Path:
    """``$topdir/.Trash/$uid`` when the admin set it up safely, else ``$topdir/.Trash-$uid``."""
    uid = os.getuid()
    shared = topdir / ".Trash"
    with contextlib.suppress(OSError):
        info = shared.lstat()
        if stat.S_ISDIR(info.st_mode) and info.st_mode & stat.S_ISVTX \
                and not stat.S_ISLNK(info.st_mode):
            own = shared / str(uid)
            own.mkdir(mode=0o700, exist_ok=True)
            return own
    return topdir / f".Trash-{uid}"


def _freedesktop_trash(path: Path) -> Path:
    path = path.absolute()
    trash = _home_trash()
    relative_to: Path | None = None
    if _device(trash) != path.lstat().st_dev:
        relative_to = _mount_point(path)
        trash = _topdir_trash(relative_to)
    files, info = trash / "files", trash / "info"
    for folder in (files, info):
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    stored = str(path.relative_to(relative_to)) if relative_to else str(path)
    deleted_at = datetime.now().strftime("%Y-%m-%dT%H:%M:%S")
    stem, suffix = (path.stem, path.suffix) if path.is_file() else (path.name, "")
    n = 1
    while True:
        name = path.name if n == 1 else f"{stem}.{n}{suffix}"
        info_file = info / f"{name}.trashinfo"
        try:
            fd = os.open(info_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            n += 1
            continue
        if os.path.lexists(files / name):
            os.close(fd)
            os.unlink(info_file)
            n += 1
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(f"[Trash Info]\nPath={quote(stored)}\nDeletionDate={deleted_at}\n")
        try:
            os.rename(path, files / name)
        except OSError:
            os.unlink(info_file)
            raise
        return files / name


def _macos_trash(path: Path) -> Path:
    trash = Path.home() / ".Trash"
    target = trash / path.name
    n = 2
    while os.path.lexists(target):
        target = trash / f"{path.stem} {n}{path.suffix if path.is_file() else ''}"
        n += 1
    os.rename(path, target)
    return target


def to_trash(paths: list[Path], library: Path) -> list[Path]:
    """Move each path to the system trash (or the backups folder); where they went."""
    moved: list[Path] = []
    leftovers: list[Path] = []
    for path in paths:
        if not os.path.lexists(path):
            continue
        try:
            if sys.platform == "darwin":
                moved.append(_macos_trash(path))
            elif os.name == "posix":
                moved.append(_freedesktop_trash(path))
            else:
                leftovers.append(path)
        except OSError:
            leftovers.append(path)
    if leftovers:
        folder = backup(leftovers, library, "deleted")
        moved.extend(folder / p.name for p in leftovers)
    return moved

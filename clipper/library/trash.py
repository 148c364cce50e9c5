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
from glob import escape as glob_escape
from pathlib import Path
from urllib.parse import quote, unquote

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
    return [where for _original, where in trash_paths(paths, library)]


def trash_paths(paths: list[Path], library: Path) -> list[tuple[Path, Path]]:
    """Move each path to the system trash (or the backups folder): ``(path, where it went)``
    for each, so that ``restore`` can bring them back."""
    moved: list[tuple[Path, Path]] = []
    leftovers: list[Path] = []
    for path in paths:
        if not os.path.lexists(path):
            continue
        try:
            if sys.platform == "darwin":
                moved.append((path, _macos_trash(path)))
            elif os.name == "posix":
                moved.append((path, _freedesktop_trash(path)))
            else:
                leftovers.append(path)
        except OSError:
            leftovers.append(path)
    if leftovers:
        folder = backup(leftovers, library, "deleted")
        moved.extend((p, folder / p.name) for p in leftovers)
    return moved


# -- coming back ---------------------------------------------------------------------------------

def _trash_dirs(library: Path) -> list[Path]:
    """The trash folders a file of ``library`` may have gone to (existing ones only)."""
    found = [_home_trash()]
    with contextlib.suppress(OSError):
        topdir = _mount_point(library)
        found += [topdir / ".Trash" / str(os.getuid()), topdir / f".Trash-{os.getuid()}"]
    return [folder for folder in found if (folder / "files").is_dir()]


def _trashed_from(info: Path, topdir: Path) -> Path | None:
    try:
        text = info.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("Path="):
            path = Path(unquote(line[5:].strip()))
            return path if path.is_absolute() else topdir / path
    return None


def find_deleted(original: Path, library: Path) -> Path | None:
    """Where ``original`` (a file of ``library``) went when it was moved to the trash or to
    the backups folder by ``to_trash``; None when it is in neither."""
    original = original.absolute()
    name = original.name
    stem, suffix = os.path.splitext(name)
    if sys.platform == "darwin":
        candidate = Path.home() / ".Trash" / name
        if candidate.is_file() and not candidate.is_symlink():
            return candidate
    elif os.name == "posix":
        for trash in _trash_dirs(library):
            topdir = trash.parent.parent if trash.parent.name == ".Trash" else trash.parent
            with contextlib.suppress(OSError):
                for info in sorted((trash / "info").glob(f"{glob_escape(stem)}*{suffix}"
                                                         ".trashinfo"), reverse=True):
                    files = trash / "files" / info.name.removesuffix(".trashinfo")
                    if _trashed_from(info, topdir) == original and files.is_file() \
                            and not files.is_symlink():
                        return files
    backups = library / BACKUPS_DIR
    if backups.is_dir() and not backups.is_symlink():
        with contextlib.suppress(OSError):
            for folder in sorted(backups.iterdir(), reverse=True):
                candidate = folder / name
                if not folder.is_symlink() and candidate.is_file() and not candidate.is_symlink():
                    return candidate
    return None


def take_back(found: Path, original: Path) -> None:
    """Move ``found`` (from ``find_deleted``) back to ``original``, never over a file; its
    trash record goes with it."""
    if os.path.lexists(original):
        raise FileExistsError(original)
    _move(found, original)
    if found.parent.name == "files":
        with contextlib.suppress(OSError):
            os.unlink(found.parent.parent / "info" / f"{found.name}.trashinfo")


def backup_folder(library: Path, label: str) -> Path:
    """A new empty ``.clipper-backups/<time>-<label>/`` folder, for copies made before
    files are rewritten in place; ``LibraryError`` when the backups folder is a link out
    of the library (nothing is copied through it)."""
    root = library / BACKUPS_DIR
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    try:
        root.mkdir(exist_ok=True)
        if root.is_symlink() or not root.resolve().is_relative_to(library.resolve()):
            raise LibraryError(f"The backups folder {root} is a link out of the library; "
                               "Clipper keeps no backup through it",
                               "Remove the link: Clipper then makes the folder again.")
        # Two runs in one second: a counter before the label, so the name still ends
        # with what made the copies.
        folder, n = root / f"{stamp}-{label}", 1
        while True:
            try:
                folder.mkdir()
                return folder
            except FileExistsError:
                n += 1
                folder = root / f"{stamp}-{n}-{label}"
    except OSError as exc:
        raise LibraryError(f"Cannot make a backups folder in {library}: "
                           f"{exc.strerror or exc}") from exc


def restore(moved: list[tuple[Path, Path]]) -> None:
    """Put what ``trash_paths`` moved back where it was (Undo), with its trash record gone.

    All or nothing: nothing moves when a file has taken one of the old places meanwhile,
    or one of them is no longer in the trash (emptied, restored by hand)."""
    for original, where in moved:
        if os.path.lexists(original):
            raise LibraryError(f"Cannot put {original.name} back: a file of that name is there "
                               "now", "Rename or move that file, then restore the clip from "
                               "the trash.")
        if not os.path.lexists(where):
            raise LibraryError(f"{original.name} is no longer in the trash",
                               "It may have been emptied or restored already.")
    done: list[tuple[Path, Path]] = []
    try:
        for original, where in moved:
            original.parent.mkdir(parents=True, exist_ok=True)
            _move(where, original)
            done.append((original, where))
    except OSError as exc:
        for original, where in reversed(done):
            with contextlib.suppress(OSError):
                _move(original, where)
        raise LibraryError(f"Cannot put {moved[0][0].name} back from the trash: "
                           f"{exc.strerror or exc}") from exc
    for _original, where in moved:
        info = where.parent.parent / "info" / f"{where.name}.trashinfo"
        if where.parent.name == "files":
            with contextlib.suppress(OSError):
                os.unlink(info)
        elif where.parent.parent.name == BACKUPS_DIR:  # the fallback: its folder, if empty
            with contextlib.suppress(OSError):
                where.parent.rmdir()

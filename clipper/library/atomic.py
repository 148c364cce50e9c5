"""Writing clip files so that a crash, a full disk or a race never costs a clip.

Every write goes to a temporary file in the same folder, is flushed to disk,
then renamed into place. A new clip is published with ``os.link``, which fails
if the name exists — a second Clipper (or a sync tool) creating the same name at
the same moment cannot be overwritten. On file systems without hard links the
name is first reserved with ``O_EXCL`` and then replaced by the finished file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from pathlib import Path

from clipper.errors import LibraryError

_NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK,
                  errno.ENOSYS, errno.EACCES}


def describe_os_error(exc: OSError, path: Path) -> LibraryError:
    """One clear line for the ways writing a clip fails."""
    folder = path.parent
    code = exc.errno
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return LibraryError(f"Cannot write to the library folder {folder}: permission denied",
                            "Choose another library folder in Settings or with --library.")
    if code in (errno.ENOSPC, errno.EDQUOT):
        return LibraryError(f"The disk holding {folder} is full",
                            "Free some space, or choose a library folder on another disk.")
    if code == errno.ENAMETOOLONG:
        return LibraryError(f"The file name is too long for this file system: {path.name}",
                            "Shorten the title, or choose a library folder with a shorter path.")
    if code == errno.ENOENT:
        return LibraryError(f"The library folder {folder} does not exist",
                            "Create it, or choose another library folder.")
    return LibraryError(f"Cannot write {path}: {exc.strerror or exc}")


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_temp(folder: Path, data: bytes, mode: int | None = None) -> Path:
    """A fully written and flushed temporary file in ``folder`` (hidden, so no one indexes it)."""
    tmp = folder / f".clipper-{secrets.token_hex(6)}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(tmp, flags, 0o666)  # the umask applies, as for any new file
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def create_new(path: Path, data: bytes, temp_dir: Path | None = None) -> None:
    """Write ``path`` atomically; ``FileExistsError`` if it exists (nothing is overwritten).

    The file is written first in ``temp_dir`` (a save's staging folder, on the same disk),
    else next to ``path``. Other failures raise ``LibraryError``; no temporary file is
    left behind.
    """
    try:
        tmp = _write_temp(temp_dir or path.parent, data)
    except OSError as exc:
        raise describe_os_error(exc, path) from exc
    try:
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise
        except OSError as exc:
            if exc.errno not in _NO_HARD_LINKS:
                raise
            # No hard links here (FAT, some network shares): reserve the name, then fill it.
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            os.close(fd)
            try:
                os.replace(tmp, path)
            except OSError:
                with contextlib.suppress(OSError):
                    os.unlink(path)  # our own empty placeholder
                raise
        _fsync_dir(path.parent)
    except FileExistsError:
        raise
    except OSError as exc:
        raise describe_os_error(exc, path) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def replace_file(path: Path, data: bytes) -> None:
    """Atomically replace the contents of an existing clip file, keeping its permissions."""
    try:
        mode = os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise describe_os_error(exc, path) from exc
    try:
        tmp = _write_temp(path.parent, data, mode)
    except OSError as exc:
        raise describe_os_error(exc, path) from exc
    try:
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise describe_os_error(exc, path) from exc

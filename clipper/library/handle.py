"""One library folder and, once something needs it, its search index: the handle the CLI,
the pipeline and the window pass to the functions that read and write clips.

The index is a connection to a database in the cache folder, opened on first use and
closed with the handle. Every handle on the same folder, in this process or another,
reaches the same database file, so a clip saved through one handle is found through
another without a rescan; what one handle writes it records in its own index at once.

Made cheaply on any thread (the window makes its handle on the GUI thread): the index
code and SQLite are imported by the first ``index()`` call, which the window makes in
a worker. A worker may still be opening the index when the window closes the handle
(quitting, switching library): it then closes what it opened itself, and gets
``CancelledError``, so no connection outlives the handle.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from clipper.errors import CancelledError, LibraryError
from clipper.library.walk import ASSETS_SUFFIX

if TYPE_CHECKING:
    from clipper.library.index import LibraryIndex

__all__ = ["Library"]


class Library:
    """A library folder, and its search index while the handle is open."""

    def __init__(self, folder: Path, cache_dir: Path | None = None) -> None:
        self.folder = Path(folder).absolute()
        self.cache_dir = cache_dir
        """Where the index database lives; None: the user's cache folder (``settings``)."""
        self._lock = threading.Lock()
        self._index: LibraryIndex | None = None
        self._closed = False
        self._started = False

    def __repr__(self) -> str:
        return f"Library({str(self.folder)!r})"

    def start(self) -> None:
        """Clean up after saves that died (``library.staging.sweep``), once per handle.

        Part of opening the library: the first ``index()`` call and every save run it,
        so the CLI and the window do on their first use of the folder, in a worker.
        """
        with self._lock:
            if self._started:
                return
            self._started = True
        from clipper.library.staging import sweep

        sweep(self.folder)

    def index(self) -> LibraryIndex:
        """The open index, opened on first use (``IndexUnavailable`` without FTS5).

        Call ``sync()`` on it to take in what changed behind Clipper's back.
        """
        self.start()
        with self._lock:
            if self._closed:
                raise CancelledError()
            if self._index is not None:
                return self._index
        from clipper.library.index import LibraryIndex

        index = LibraryIndex.open(self.folder, self.cache_dir)
        with self._lock:
            if not self._closed and self._index is None:
                self._index = index
                return index
            winner, closed = self._index, self._closed
        index.close()
        if closed or winner is None:
            raise CancelledError()
        return winner

    def record(self, written: Path | None = None, removed: Iterable[Path] = ()) -> None:
        """Tell the index about clip files this process just wrote or moved away.

        The index is only a cache: when it cannot be opened or written, the next
        ``sync()`` finds the change instead, so nothing here fails a save.
        """
        with contextlib.suppress(LibraryError, CancelledError, OSError):
            index = self.index()
            for path in removed:
                index.remove_path(path)
            if written is not None:
                index.update_path(written)

    def folders(self) -> list[Path]:
        """The library and its sub-folders that can hold clips (as ``iter_clip_files``
        walks them): what a folder watcher watches."""
        if not self.folder.is_dir():
            return []
        folders = [self.folder]
        stack = [self.folder]
        while stack:
            try:
                entries = list(os.scandir(stack.pop()))
            except OSError:
                continue
            for entry in entries:
                try:
                    if entry.name.startswith(".") or entry.name.endswith(ASSETS_SUFFIX) \
                            or not entry.is_dir(follow_symlinks=False):
                        continue
                except OSError:
                    continue
                folders.append(Path(entry.path))
                stack.append(Path(entry.path))
        return folders

    def close(self) -> None:
        """Close the index (from any thread); a handle is not used after this."""
        with self._lock:
            self._closed = True
            index, self._index = self._index, None
        if index is not None:
            index.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

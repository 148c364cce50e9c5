"""Noticing clips changed behind Clipper's back: another editor, a sync tool, a file manager.

Folders are watched for files created, deleted or renamed (which also covers editors
that save by replacing the file); files are watched for edits written in place, which
a folder watch does not report. Bursts (a sync tool writing 500 files) become one
``changed`` signal after things have been quiet for a moment; ``take_files()`` then
names the files edited in place, which a check of the folder by name and inode alone
would miss.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

QUIET_MS = 400
"""Long enough to gather a burst of writes, short enough to feel immediate."""


class FolderWatcher(QObject):
    changed = Signal()

    def __init__(self, parent: QObject | None = None, quiet_ms: int = QUIET_MS) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._files: set[Path] = set()
        self._watcher.directoryChanged.connect(self.poke)
        self._watcher.fileChanged.connect(self._file_changed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(quiet_ms)
        self._timer.timeout.connect(self.changed)

    def poke(self, *_: object) -> None:
        """Something changed (or may have): say so once things are quiet."""
        self._timer.start()

    def _file_changed(self, path: str) -> None:
        self._files.add(Path(path))
        self.poke()

    def take_files(self) -> list[Path]:
        """The watched files changed since the last call."""
        files, self._files = sorted(self._files), set()
        return files

    def watch(self, folders: list[Path], files: list[Path]) -> None:
        """Watch exactly these (paths no longer wanted are dropped)."""
        wanted = [str(p) for p in [*folders, *files]]
        current = set(self._watcher.directories()) | set(self._watcher.files())
        keep = set(wanted)
        drop = [p for p in current if p not in keep]
        if drop:
            self._watcher.removePaths(drop)
        # Only paths that exist now: Qt warns about each path it cannot watch.
        add = [p for p in dict.fromkeys(wanted) if p not in current and os.path.exists(p)]
        if add:
            self._watcher.addPaths(add)

    def stop(self) -> None:
        self._timer.stop()
        self._files.clear()
        self.watch([], [])

    def watched(self) -> list[str]:
        return [*self._watcher.directories(), *self._watcher.files()]

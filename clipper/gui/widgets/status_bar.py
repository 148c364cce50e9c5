"""The status bar: what is loaded, its size, the queue, progress, and where it was saved."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStatusBar,
    QWidget,
)

from .elided_label import ElidedLabel


class StatusBar(QStatusBar):
    stop_requested = Signal()
    next_requested = Signal()
    failed = Signal(str)
    """No program could open the folder: said in the window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(True)
        self._loaded = ElidedLabel()
        self._loaded.setObjectName("loadedLabel")
        self._words = QLabel()
        self._saved = ElidedLabel()
        self._saved.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._saved.setMaximumWidth(600)  # a long title's file name whole at 1280 px
        self._saved.setContentsMargins(16, 0, 0, 0)
        self._saved.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_folder_button = QPushButton("Open Folder")
        self.open_folder_button.setFlat(True)
        self.open_folder_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.open_folder_button.setToolTip("Show the library folder in the file manager")
        self.open_folder_button.clicked.connect(self.open_saved_folder)
        self._queue = QPushButton()
        self._queue.setFlat(True)
        self._queue.setToolTip("Load the next queued page")
        self._queue.clicked.connect(self.next_requested)
        self._stage = QLabel()
        self._progress = QProgressBar()
        self._progress.setMaximumWidth(160)
        self._progress.setTextVisible(False)
        self._stop = QPushButton("Stop")
        self._stop.setToolTip("Stop loading (Esc)")
        self._stop.clicked.connect(self.stop_requested)
        self.addWidget(self._loaded, 1)
        for widget in (self._saved, self.open_folder_button, self._queue, self._stage,
                       self._progress, self._stop, self._words):
            self.addPermanentWidget(widget)
        self.saved_path: Path | None = None
        for widget in (self._saved, self.open_folder_button, self._queue, self._stage,
                       self._progress, self._stop):
            widget.hide()

    # -- what is shown -----------------------------------------------------------------------

    def set_loaded(self, text: str) -> None:
        self._loaded.set_full_text(text)

    def loaded_text(self) -> str:
        return self._loaded.full_text()

    def show_link(self, url: str) -> None:
        """Where a link in the page or the preview goes, as a browser shows it on hover."""
        if url:
            self.showMessage(url)
        else:
            self.clearMessage()

    def set_words(self, count: int | None) -> None:
        self._words.setText("" if count is None else f"{count:,} words")

    def words_text(self) -> str:
        return self._words.text()

    def set_queue(self, count: int) -> None:
        self._queue.setVisible(count > 0)
        self._queue.setText(f"{count} more queued ▸" if count else "")

    def queue_text(self) -> str:
        return self._queue.text() if not self._queue.isHidden() else ""

    def set_saved(self, path: Path | None, verb: str = "Saved to") -> None:
        self.saved_path = path
        self._saved.setVisible(path is not None)
        self.open_folder_button.setVisible(path is not None)
        if path is not None:
            self._saved.set_full_text(f"{verb} {path.name}")
            self._saved.setToolTip(str(path))

    def saved_text(self) -> str:
        return self._saved.full_text() if not self._saved.isHidden() else ""

    def open_saved_folder(self) -> None:
        if self.saved_path is not None:
            from ..reveal import open_folder

            open_folder(self.saved_path, self.failed.emit)

    # -- progress ----------------------------------------------------------------------------

    def set_busy(self, stage: str, done: int = 0, total: int | None = None,
                 stoppable: bool = True) -> None:
        """Bytes or items when the total is known, a busy bar otherwise."""
        self._stage.setText(stage)
        self._stage.show()
        if total:
            self._progress.setRange(0, total)
            self._progress.setValue(min(done, total))
        else:
            self._progress.setRange(0, 0)
        self._progress.show()
        self._stop.setVisible(stoppable)

    def set_idle(self) -> None:
        for widget in (self._stage, self._progress, self._stop):
            widget.hide()
        self._progress.setRange(0, 1)
        self._progress.setValue(0)

    def is_busy(self) -> bool:
        return not self._progress.isHidden()

    def stage_text(self) -> str:
        return self._stage.text() if not self._stage.isHidden() else ""

"""File ▸ Import…: a reading list into the library while the window stays usable.

The flow owns the import dialog, the import's background task and an ``ImportState``
that the core's events (an item started, an item done) update on the GUI thread. The
dialog is redrawn at most every ``RENDER_MS`` and the library pane listed again at most
every ``LIST_MS`` while clips arrive, so a fast import never floods the event loop.
Stop cancels the task: the pages under way end, what was saved stays, and Resume (the
same import again) skips what the library already has. The dialog and the import code
are loaded on first use, not with the window.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from . import tasks
from .messages import error_text
from .session import Session

if TYPE_CHECKING:
    from clipper.importers.run import ImportReport
    from clipper.settings import Settings

    from .dialogs.import_dialog import ImportDialog
    from .import_jobs import ImportRequest
    from .import_state import ImportState
    from .tasks import Task
    from .widgets.library_pane import LibraryPane

RENDER_MS = 100
LIST_MS = 1000


class ImportFlow(QObject):
    finished = Signal(object)
    """The ``ImportState`` of an import that ended (finished, stopped or failed)."""

    def __init__(self, session: Session, parent: QWidget, *, pane: LibraryPane,
                 library: Callable[[], Path], settings: Callable[[], Settings]) -> None:
        super().__init__(parent)
        self._session = session
        self._parent = parent
        self._pane = pane
        """The library pane: listed again as clips arrive; the import writes through its
        library handle when it is on the same folder, so each clip is listed at once."""
        self._library = library
        self._settings = settings
        self._state: ImportState | None = None
        self.dialog: ImportDialog | None = None
        self._task: Task[Any] | None = None
        self.last_dir = ""
        self._closed = False
        self._render_timer = _timer(self, RENDER_MS, self._render)
        self._list_timer = _timer(self, LIST_MS, pane.refresh)

    @property
    def state(self) -> ImportState:
        """What the dialog shows (made on first use, like the rest of the import code)."""
        if self._state is None:
            from .import_state import ImportState

            self._state = ImportState()
        return self._state

    def is_running(self) -> bool:
        return self._task is not None and self._task.running

    # -- the dialog --------------------------------------------------------------------------

    def open(self) -> None:
        """Show the import dialog (the one already open, with its import, if there is one)."""
        if self.dialog is None:
            from clipper.library.templates import starting_tags

            from .dialogs.import_dialog import ImportDialog

            settings = self._settings()
            self.dialog = ImportDialog(starting_tags(settings), self.last_dir, self._parent)
            self.dialog.start_requested.connect(self.start)
            self.dialog.stop_requested.connect(self.stop)
            self.dialog.save_report_requested.connect(self.save_report)
        if self.dialog.isVisible():
            self.dialog.raise_()  # behind the window: bring it to the front
        self.dialog.show()
        self.dialog.activateWindow()

    def _render(self) -> None:
        self._render_timer.stop()
        if self.dialog is not None:
            self.dialog.show_state(self.state)
        if self.state.running:  # the status bar says it too, when the dialog is closed
            self._session.said(f"{self.state.title()}: {self.state.counts()}")

    def _changed(self) -> None:
        if not self._render_timer.isActive():
            self._render_timer.start()

    # -- the import --------------------------------------------------------------------------

    def start(self, request: ImportRequest) -> None:
        """Import (or import again: what is in the library is skipped)."""
        if self.is_running():
            return
        from clipper.library.templates import ClipTemplate

        from . import import_jobs

        settings = self._settings()
        request = dataclasses.replace(request, download_images=settings.download_images,
                                      template=ClipTemplate.from_settings(settings))
        self.last_dir = str(request.export.parent)
        folder = Path(self._library()).absolute()
        handle = self._pane.handle()
        if handle is not None and handle.folder != folder:
            handle = None
        self.state.reading(request.export.name, request.dry_run)
        self._task = tasks.run_in_background(
            partial(import_jobs.import_reading_list, request, folder, handle),
            on_done=self._on_done, on_error=self._on_error, on_event=self._on_event,
            on_cancelled=self._on_cancelled, name="import")
        self._render()

    def stop(self) -> None:
        """Stop after the pages under way (what was saved stays)."""
        if self._task is not None and self._task.running and not self._task.cancelled:
            self.state.stopping()
            self._task.cancel()
            self._render()

    def _on_event(self, event: object) -> None:
        from clipper.importers.run import ItemOutcome, ItemStarted, Status

        from .import_jobs import ExportRead

        if isinstance(event, ExportRead):
            self.state.read(event.label, event.total)
        elif isinstance(event, ItemStarted):
            self.state.page_started(event.item.title, event.item.url)
        elif isinstance(event, ItemOutcome):
            self.state.item_done(event)
            if event.status in (Status.SAVED, Status.LINK_ONLY) \
                    and not self._list_timer.isActive():
                self._list_timer.start()
        self._changed()

    def _ended(self, cancelled: bool) -> None:
        self._task = None
        if self._closed:
            return
        self.state.ended(cancelled)
        self._list_timer.stop()
        self._pane.refresh()
        self._render()
        self._session.said(self.state.summary())
        self.finished.emit(self.state)

    def _on_done(self, report: ImportReport) -> None:
        self._ended(report.cancelled)

    def _on_cancelled(self) -> None:
        self._ended(True)

    def _on_error(self, error: BaseException) -> None:
        self._task = None
        if self._closed:
            return
        self.state.failed(error_text(error, "importing the reading list"))
        self._render()
        self.finished.emit(self.state)

    # -- the report --------------------------------------------------------------------------

    def save_report(self) -> None:
        """The failures as a CSV file where the person chooses."""
        report = self.state.report()
        if not report.noted:
            return
        stem = Path(self.state.export_name).stem or "import"
        start = str(Path(self.last_dir or str(Path.home())) / f"{stem}-failed.csv")
        path, _ = QFileDialog.getSaveFileName(self.dialog or self._parent, "Save Failure Report",
                                              start, "CSV files (*.csv);;All files (*)")
        if not path:
            return
        from . import import_jobs

        tasks.run_in_background(
            partial(import_jobs.write_failure_report, report, Path(path)),
            on_done=lambda written: self._session.said(f"Failure report saved to {written}"),
            on_error=lambda e: self._session.failed(error_text(e, "saving the report")),
            name="import report")

    def shutdown(self) -> None:
        """The window closes: stop the import (what was saved stays)."""
        self.stop()
        self._closed = True
        self._render_timer.stop()
        self._list_timer.stop()
        if self.dialog is not None:
            self.dialog.close()


def _timer(parent: QObject, interval: int, slot: Callable[[], None]) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(interval)
    timer.timeout.connect(slot)
    return timer

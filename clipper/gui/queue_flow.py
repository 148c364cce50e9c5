"""Save All Queued: every page waiting in the queue loaded and saved, as Ctrl+S would.

Several pages dropped or opened together wait in the queue; one by one each would be
loaded, looked at and saved. This saves them all in one background task, with the same
settings, template and tags as Ctrl+S, skipping the pages the library already has (a
batch cannot stop to ask) and naming those that failed. A new page on screen that is not
saved yet is saved first, through the usual save and its questions.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from clipper.errors import CancelledError

from . import jobs, tasks
from .messages import error_text, queue_report_text
from .session import Session

if TYPE_CHECKING:
    from .save_flow import SaveFlow
    from .tasks import Task


class QueueFlow(QObject):
    saved = Signal(object)
    """The Path of the last clip written (the library pane lists and selects it)."""

    def __init__(self, session: Session, parent: QObject, *, saver: SaveFlow) -> None:
        super().__init__(parent)
        self._session = session
        self._saver = saver
        """Saves the page shown, and says where clips go and with which settings."""
        self._task: Task[Any] | None = None

    def save_all(self) -> None:
        session = self._session
        if not session.queue or "queue" in session.busy:
            return
        if session.has_clip and session.saved_path is None and session.loaded is not None \
                and "save" in _enabled(session):
            self._saver.save(then=self._start)  # the page shown is one of them
        else:
            self._start()

    def _start(self) -> None:
        session = self._session
        if not session.queue or "queue" in session.busy:
            return
        from clipper.library.templates import starting_tags

        settings = self._saver.settings()
        sources = session.queue_saving_started()
        self._task = tasks.run_in_background(
            partial(jobs.save_sources, sources, self._saver.target(),
                    tags=starting_tags(settings),
                    download_images=settings.download_images, template=self._saver.template()),
            on_done=self._on_done, on_error=self._on_failed,
            on_progress=partial(session.progressed, "queue"), name="save queued")

    def _on_done(self, report: jobs.QueueReport) -> None:
        self._task = None
        text, level, details = queue_report_text(len(report.saved), len(report.skipped),
                                                 report.failed)
        self._session.queue_saving_ended(text, level, details)  # type: ignore[arg-type]
        if report.saved:
            self.saved.emit(report.saved[-1])

    def _on_failed(self, error: BaseException) -> None:
        self._task = None
        if isinstance(error, CancelledError):
            self._session.queue_saving_ended(
                "Stopped saving the queued pages; those saved so far are in the library.",
                "info")
        else:
            self._session.queue_saving_ended(error_text(error, "saving the queued pages"),
                                             "error")

    def stop(self) -> bool:
        if self._task is None or not self._task.running:
            return False
        self._task.cancel()
        return True


def _enabled(session: Session) -> frozenset[str]:
    from .session import enabled_commands

    return enabled_commands(session)

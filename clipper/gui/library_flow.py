"""A clip from the library into the editor (chosen in the pane, or a duplicate's original):
asked about unsaved edits first, read in the background, shown beside the page it was saved
with when the library kept it (``library.snapshots``), else without a page."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from . import jobs, tasks
from .load_flow import Confirm
from .messages import error_text
from .session import Session


class LibraryFlow(QObject):
    opened = Signal(object)
    """The Path of a clip now shown in the editor."""

    def __init__(self, session: Session, parent: QObject, *, confirm: Confirm,
                 forget_page: Callable[[str | None], None],
                 show_page: Callable[[jobs.SavedPage], None],
                 library: Callable[[], Path]) -> None:
        super().__init__(parent)
        self._session = session
        self._confirm = confirm
        self._forget_page = forget_page
        self._show_page = show_page
        self._library = library

    def open_clip(self, path: Path, keep_page: bool = False) -> None:
        """Show a clip from the library in the editor; Ctrl+S then saves back to that file.

        ``keep_page``: the page on the left is this clip's article (a duplicate just loaded);
        otherwise the page of another article must not stay beside it.
        """

        def go() -> None:
            tasks.run_in_background(
                partial(jobs.read_from_library, path, library=None if keep_page
                        else self._library()),
                on_done=partial(self._on_opened, path, keep_page),
                on_error=lambda e: self._session.failed(error_text(e, "opening the clip")),
                name="open clip")

        self._confirm("opening another clip", go)

    def _on_opened(self, path: Path, keep_page: bool, opened: jobs.OpenedClip) -> None:
        if opened.page is not None:
            self._show_page(opened.page)
        elif not keep_page:
            self._forget_page(opened.clip.source)
        self._session.clip_opened(opened.clip, path, opened.images)
        if opened.page_problem:
            self._session.informed(opened.page_problem, "warning")
        self.opened.emit(path)

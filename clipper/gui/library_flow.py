"""A clip from the library into the editor (chosen in the pane, or a duplicate's original):
asked about unsaved edits first, read in the background, shown beside the page it was saved
with when the library kept it (``library.snapshots``), else without a page.
Also what the pane's other commands need of the window: renaming or moving a clip (the one
shown follows it), and putting back the clip last moved to the trash (Undo)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from . import jobs, tasks
from .load_flow import Confirm
from .messages import error_text
from .session import Session

if TYPE_CHECKING:
    from .widgets.library_pane import LibraryPane


class LibraryFlow(QObject):
    opened = Signal(object)
    """The Path of a clip now shown in the editor."""

    def __init__(self, session: Session, parent: QWidget, *, confirm: Confirm,
                 forget_page: Callable[[str | None], None],
                 show_page: Callable[[jobs.SavedPage], None], pane: LibraryPane) -> None:
        super().__init__(parent)
        self._session = session
        self._parent = parent
        self._confirm = confirm
        self._forget_page = forget_page
        self._show_page = show_page
        self._pane = pane
        pane.move_requested.connect(self.move)

    def open_clip(self, path: Path, keep_page: bool = False) -> None:
        """Show a clip from the library in the editor; Ctrl+S then saves back to that file.

        ``keep_page``: the page on the left is this clip's article (a duplicate just loaded);
        otherwise the page of another article must not stay beside it.
        """

        def go() -> None:
            tasks.run_in_background(
                partial(jobs.read_from_library, path, library=None if keep_page
                        else self._pane.library),
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

    # -- Rename or Move… ---------------------------------------------------------------------

    def move(self, path: Path) -> None:
        """Ask for the clip's new name and folder, then move it (its images and links along).
        The clip shown, if it is this one, is saved or its edits discarded first: its links
        change on disk."""
        shown = self._session.saved_path is not None and \
            self._session.saved_path.absolute() == path.absolute()
        if shown:
            self._confirm("moving it", partial(self._ask_move, path))
        else:
            self._ask_move(path)

    def _ask_move(self, path: Path) -> None:
        from .dialogs.move_dialog import MoveDialog

        library = self._pane.library.absolute()
        dialog = MoveDialog(path, library, self._pane.folders, self._parent)
        if dialog.exec() != MoveDialog.DialogCode.Accepted:
            return
        target = dialog.target()
        if target is None or target == path:
            return
        handle = self._pane.handle()
        tasks.run_in_background(
            partial(jobs.move_in_library, path, dialog.name.text().strip(),
                    dialog.target_folder(), handle if handle is not None else library),
            on_done=partial(self._on_moved, path),
            on_error=lambda e: self._session.failed(error_text(e, "moving the clip")),
            name="move clip")

    def _on_moved(self, old: Path, opened: jobs.OpenedClip) -> None:
        new = opened.clip.path
        assert new is not None
        self._session.clip_moved(old, Path(new), opened.clip, opened.images)
        self._pane.show_saved(Path(new))

    # -- Undo Move to Trash ------------------------------------------------------------------

    def undo_trash(self) -> None:
        last = self._session.last_trashed
        if last is None:
            return
        trashed, title = last
        restore = jobs.restore_many_to_library if isinstance(trashed, jobs.TrashedMany) \
            else jobs.restore_to_library
        tasks.run_in_background(
            partial(restore, trashed, self._pane.handle()),  # type: ignore[arg-type]
            on_done=partial(self._on_restored, title),
            on_error=lambda e: self._session.failed(error_text(e, "putting the clip back")),
            name="undo trash")

    def _on_restored(self, title: str, path: Path | list[Path]) -> None:
        self._session.restored(path, title)
        self._pane.show_saved(path[0] if isinstance(path, list) else path)

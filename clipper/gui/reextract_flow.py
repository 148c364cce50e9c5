"""Re-extract, as one flow: clips made again from the pages saved with them, shown old and
new side by side, replaced only when the person says so.

For the clip shown (File ▸ Re-extract from Saved Page…) or the clips chosen in the library
pane (its menu). Unsaved edits of the clip shown are asked about first. The dialog fills
as each clip is planned in the background (with progress and Stop), each one's diff is
made in the background when it is chosen, and Replace writes the clips (each backed up
first) in the background; the pane then lists them anew and the clip shown is read again.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QWidget

from clipper.errors import CancelledError

from . import reextract_jobs, tasks
from .messages import error_text
from .session import Session

if TYPE_CHECKING:
    from clipper.reextract import Plan
    from clipper.settings import Settings

    from .dialogs.reextract_dialog import ReextractDialog
    from .save_flow import SaveFlow
    from .tasks import Task
    from .widgets.library_pane import LibraryPane


class ReextractFlow(QObject):
    def __init__(
        self,
        session: Session,
        parent: QWidget,
        *,
        pane: LibraryPane,
        saver: SaveFlow,
        reopen: Callable[[Path], None],
    ) -> None:
        """``saver``: asks about unsaved edits first, and has the settings."""
        super().__init__(parent)
        self._session = session
        self._parent = parent
        self._pane = pane
        self._confirm = saver.confirm_discard
        self._reopen = reopen
        self._settings: Callable[[], Settings] = saver.settings
        self.dialog: ReextractDialog | None = None
        self._plan_task: Task[Any] | None = None
        self._apply_task: Task[Any] | None = None
        self._diffs: dict[int, str] = {}
        pane.reextract_requested.connect(self.reextract)

    def reextract_shown(self) -> None:
        """The clip shown, when it is in the library."""
        if self._session.saved_path is not None:
            self.reextract([self._session.saved_path])

    def reextract(self, paths: list[Path]) -> None:
        """Plan ``paths`` and show the dialog; the clip shown with unsaved edits asks first."""
        if not paths or self.is_busy():
            return
        shown = self._session.saved_path
        if shown is not None and any(p.absolute() == shown.absolute() for p in paths):
            self._confirm("re-extracting it", partial(self._start, list(paths)))
        else:
            self._start(list(paths))

    def is_busy(self) -> bool:
        return any(t is not None and t.running for t in (self._plan_task, self._apply_task))

    def _start(self, paths: list[Path]) -> None:
        from .dialogs.reextract_dialog import ReextractDialog  # the window shows without it

        dialog = ReextractDialog(len(paths), self._parent)
        self.dialog = dialog
        self._diffs = {}
        dialog.diff_wanted.connect(self._diff)
        dialog.stop_requested.connect(self._stop)
        dialog.finished.connect(partial(self._on_closed, dialog))
        self._plan_task = tasks.run_in_background(
            partial(
                reextract_jobs.plan_clips, paths, self._pane.library, self._settings().notes_callout
            ),
            on_done=lambda _plans: self._finish(dialog, False),
            on_event=partial(self._on_planned, dialog),
            on_error=partial(self._on_plan_failed, dialog),
            on_cancelled=partial(self._finish, dialog, True),
            name="re-extract",
        )
        dialog.open()

    def _on_planned(self, dialog: ReextractDialog, plan: Plan) -> None:
        if dialog is self.dialog:  # not closed meanwhile
            dialog.add_plan(plan)

    def _finish(self, dialog: ReextractDialog, stopped: bool) -> None:
        if dialog is self.dialog:
            dialog.finish(stopped)

    def _stop(self) -> None:
        if self._plan_task is not None:
            self._plan_task.cancel()

    def _on_plan_failed(self, dialog: ReextractDialog, error: BaseException) -> None:
        self._finish(dialog, True)
        if not isinstance(error, CancelledError):
            self._session.failed(error_text(error, "re-extracting"))

    def _diff(self, plan: Plan) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        known = self._diffs.get(id(plan))
        if known is not None:
            dialog.show_diff(plan, known)
            return

        def done(html: str) -> None:
            self._diffs[id(plan)] = html
            if dialog is self.dialog:
                dialog.show_diff(plan, html)

        tasks.run_in_background(
            partial(reextract_jobs.diff_html, plan), on_done=done, name="re-extract diff"
        )

    def _on_closed(self, dialog: ReextractDialog, result: int) -> None:
        if self._plan_task is not None and self._plan_task.running:
            self._plan_task.cancel()
        self._plan_task = None
        self.dialog = None
        dialog.deleteLater()
        if result != QDialog.DialogCode.Accepted.value or not dialog.replacing():
            return
        plans = dialog.plans()
        self._session.said(f"Replacing {dialog.replacing()} re-extracted clips…")
        self._apply_task = tasks.run_in_background(
            partial(
                reextract_jobs.apply_plans,
                plans,
                self._pane.handle() or self._pane.library,
                dialog.include_edited.isChecked(),
            ),
            on_done=partial(self._on_replaced, plans),
            on_error=lambda e: self._session.failed(error_text(e, "replacing the clips")),
            name="re-extract replace",
        )

    def _on_replaced(self, plans: list[Plan], backup: Path | None) -> None:
        self._apply_task = None
        written = [p for p in plans if p.replaced]
        failed = [p for p in plans if p.outcome.value == "failed" and p.clip is not None]
        n = len(written)
        text = f"Re-extracted {n} clip{'s' if n != 1 else ''}"
        if backup is not None:
            text += (
                f"; the old {'ones are' if n != 1 else 'one is'} in .clipper-backups/{backup.name}"
            )
        if failed:
            self._session.informed(
                f"{text}. {len(failed)} could not be replaced: {failed[0].reason}",
                "warning",
                details="\n".join(f"{p.path}: {p.reason}" for p in failed),
            )
        else:
            self._session.informed(text + ".", "success")
        self._pane.refresh()
        shown = self._session.saved_path
        if (
            shown is not None
            and not self._session.is_dirty
            and any(p.path.absolute() == shown.absolute() for p in written)
        ):
            self._reopen(shown)

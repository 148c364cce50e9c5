"""Saving, as one flow: Ctrl+S, the questions a save can raise, Save As, copying, quitting.

It owns the save task and the dialogs about it (a duplicate in the library, a clip changed
on disk, unsaved edits about to be replaced) and reports to the session, so the window
only wires commands to it. The clip written is ``session.current_clip()`` at the moment
of saving, and that moment's draft is the new baseline: edits typed while the save runs
stay unsaved.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from clipper.errors import CancelledError
from clipper.models import Clip

from . import jobs, tasks
from .dialogs import prompts
from .messages import error_text
from .save_choices import (
    ASK,
    CHANGED,
    CHECK,
    MODE_FOR_DUPLICATE,
    NEW_VERSION,
    UNCHANGED,
    DuplicateMode,
)
from .session import Draft, Session

if TYPE_CHECKING:
    from clipper.library import Library
    from clipper.library.templates import ClipTemplate
    from clipper.settings import Settings

    from .tasks import Task

Then = Callable[[], object] | None
"""What to do once the clip is safely written (load the next page, close the window)."""


def _first_heading(body: str) -> str:
    """What to suggest as the title of a clip that has none."""
    import re

    match = re.search(r"^#{1,6}[ \t]+(.+?)[ \t#]*$", body, re.M)
    return match.group(1).strip() if match else "Untitled"


class SaveFlow(QObject):
    saved = Signal(object)
    """The Path of a clip just written to the library."""
    open_existing = Signal(object)
    """The Path of the library's copy of a duplicate, which the person chose to open."""
    queue_next = Signal()
    """Saved with nothing more to do and pages waiting: the next may load."""
    title_given = Signal(str)
    """The clip had no title and the person gave one: the title field takes it."""

    def __init__(self, session: Session, parent: QWidget, *, library: Callable[[], Path],
                 handle: Callable[[], Library | None], settings: Callable[[], Settings]) -> None:
        super().__init__(parent)
        self._session = session
        self._parent = parent
        self._library = library
        self._handle = handle
        """The library pane's open handle, if any: a save recorded through it is listed
        at once, without waiting for the pane's next sync with the folder."""
        self._settings = settings
        self._task: Task[Any] | None = None
        self._then: Then = None
        self.last_save_as_dir = ""

    def _open_library(self) -> Library | None:
        """The pane's handle when it is on the library a save goes to now (the folder can
        change under it: Settings, ``CLIPPER_LIBRARY``)."""
        handle = self._handle()
        if handle is None or handle.folder != Path(self._library()).absolute():
            return None
        return handle

    # -- unsaved edits -----------------------------------------------------------------------

    def confirm_discard(self, doing: str, proceed: Callable[[], None],
                        cancelled: Callable[[], None] | None = None) -> None:
        """Run ``proceed`` now, after saving, or never, as the person chooses."""
        if not self._session.is_dirty:
            proceed()
            return
        choice = prompts.ask_unsaved(self._parent, self._session.title or "Untitled", doing)
        if choice == "discard":
            # The edits go at once, whatever comes next (a load that fails keeps the clip
            # as it was, not the edits, and nothing asks about them again).
            self._session.discard_edits()
            proceed()
        elif choice == "save":
            self.save(then=proceed)
        elif cancelled is not None:
            cancelled()

    def before_closing(self, close: Callable[[], object]) -> bool:
        """May the window close now? Otherwise it closes once the clip is saved (or stays)."""
        if self._session.is_saving:
            # Cancelling would lose a clip the person believes saved: finish, then close
            # (unless the save fails or asks a question that is cancelled; then stay open).
            self._then = close
            self._session.said("Quitting once the clip is saved…")
            return False
        queued = len(self._session.queue)
        if queued and not prompts.ask_quit_with_queue(self._parent, queued):
            return False
        if not self._session.is_dirty:
            return True
        choice = prompts.ask_unsaved(self._parent, self._session.title or "Untitled",
                                     "quitting")
        if choice == "save":

            def close_if_saved() -> None:
                if not self._session.is_dirty:  # a question after saving was not cancelled
                    close()

            self.save(then=close_if_saved)
            return False
        if choice == "discard":
            self._session.discard_edits()
        return choice == "discard"

    # -- Ctrl+S ------------------------------------------------------------------------------

    def save(self, then: Then = None) -> None:
        """A new clip into the library, or edits back into the clip's file."""
        session = self._session
        if session.is_saving or not session.has_clip or session.draft is None:
            return
        if not session.draft.title:
            title = prompts.ask_title(self._parent, _first_heading(session.draft.body))
            if title is None:
                session.save_declined()
                return
            self.title_given.emit(title)  # the form takes it: the draft now has a title
            if not session.draft.title:
                return
        if session.saved_path is not None and not session.is_dirty:
            # A file the person did not edit is never written, not even touched.
            session.save_unneeded(session.saved_path)
            if then is not None:
                then()
            return
        clip = session.current_clip()
        if session.saved_path is not None:
            self._run(partial(jobs.update_in_library, clip, self._open_library()), clip,
                      session.draft, then)
        else:
            self._save_new(clip, session.draft, CHECK, then)

    def target(self) -> Library | Path:
        """Where a new clip goes: the pane's open library handle, else the folder."""
        return self._open_library() or Path(self._library()).absolute()

    def settings(self) -> Settings:
        return self._settings()

    def template(self) -> ClipTemplate:
        """Settings ▸ Templates: how a new clip is named, placed and written."""
        from clipper.library.templates import ClipTemplate

        return ClipTemplate.from_settings(self._settings())

    def _save_new(self, clip: Clip, snapshot: Draft, mode: DuplicateMode, then: Then) -> None:
        settings, loaded = self._settings(), self._session.loaded
        work = partial(jobs.save_to_library, clip, self._open_library() or self._library(),
                       on_duplicate=mode,
                       download_images=settings.download_images,
                       page_dir=self._session.images_folder(), template=self.template(),
                       # the page beside the clip is kept with it (library.snapshots)
                       page=loaded.page_copy() if loaded and settings.keep_pages else None,
                       notes=loaded.article.notes if loaded and settings.notes_callout
                       else None)
        self._run(work, clip, snapshot, then)

    def _run(self, work: Callable[..., jobs.SaveOutcome], clip: Clip, snapshot: Draft,
             then: Then) -> None:
        self._then = then
        self._session.save_started()
        self._task = tasks.run_in_background(
            work, on_done=partial(self._on_saved, clip, snapshot), on_error=self._on_failed,
            on_progress=partial(self._session.progressed, "save"), name="save")

    def _on_saved(self, clip: Clip, snapshot: Draft, outcome: jobs.SaveOutcome) -> None:
        self._task = None
        then, self._then = self._then, None
        session = self._session
        session.save_ended()
        if outcome.action == ASK:
            assert outcome.duplicate_of is not None
            self._resolve_duplicate(clip, snapshot, outcome.duplicate_of, then)
            return
        if outcome.action == CHANGED:
            assert outcome.path is not None
            self._resolve_changed(clip, snapshot, outcome.path, outcome.missing, then)
            return
        assert outcome.path is not None
        if outcome.action == UNCHANGED:
            session.save_unneeded(outcome.path, snapshot)
            if then is not None:
                then()
            return
        written = (outcome.saved.clip, outcome.saved.images) if outcome.saved else None
        failed = list(getattr(outcome.result, "images_failed", None) or [])
        session.saved(outcome.path, outcome.action, snapshot, written, failed, clip=clip)
        self.saved.emit(outcome.path)
        if then is not None:
            then()
        elif session.queue and not session.is_dirty:
            self.queue_next.emit()

    def _resolve_duplicate(self, clip: Clip, snapshot: Draft, existing: Path,
                           then: Then) -> None:
        choice = prompts.ask_duplicate(self._parent, existing)
        if choice == "open":
            self.open_existing.emit(existing)
        elif choice in MODE_FOR_DUPLICATE:
            self._save_new(clip, snapshot, MODE_FOR_DUPLICATE[choice], then)
        else:
            self._session.save_declined()

    def _resolve_changed(self, clip: Clip, snapshot: Draft, path: Path, missing: bool,
                         then: Then) -> None:
        choice = prompts.ask_changed(self._parent, path, missing)
        if choice == "overwrite":
            self._run(partial(jobs.update_in_library, clip, self._open_library(), force=True),
                      clip, snapshot, then)
        elif choice == "new":
            self._save_new(dataclasses.replace(clip, path=None), snapshot, NEW_VERSION, then)
        else:
            self._session.save_declined()

    def _on_failed(self, error: BaseException) -> None:
        self._task = None
        self._then = None
        if isinstance(error, CancelledError):
            self._session.save_cancelled()
        else:
            self._session.save_failed(error_text(error, "saving the clip"))

    def stop(self) -> bool:
        """Esc stops a save too (nothing is written then); True if one was running."""
        if self._task is None or not self._task.running:
            return False
        self._task.cancel()
        self._task = None
        self._then = None
        return True

    # -- elsewhere ---------------------------------------------------------------------------

    def save_as(self) -> None:
        """The clip as a Markdown file wherever the person chooses (not into the library)."""
        session = self._session
        if not session.has_clip or session.draft is None:
            return
        from clipper.library.filenames import safe_filename

        clip = session.current_clip()
        folder = Path(self.last_save_as_dir or str(self._library()))
        start = folder / f"{safe_filename(clip.title)}.md"
        name, _ = QFileDialog.getSaveFileName(self._parent, "Save Clip As", str(start),
                                              "Markdown (*.md);;All files (*)")
        if not name:
            return
        path = Path(name) if Path(name).suffix else Path(name + ".md")
        self.last_save_as_dir = str(path.parent)
        snapshot = session.draft
        self._then = None
        session.save_started(stoppable=False)
        self._task = tasks.run_in_background(
            partial(jobs.write_markdown_file, clip, path, template=self.template()),
            on_done=partial(self._on_saved_as, snapshot), on_error=self._on_failed,
            name="save as")

    def _on_saved_as(self, snapshot: Draft, written: Path) -> None:
        self._task = None
        self._session.saved_as(written, snapshot)
        then, self._then = self._then, None
        if then is not None:
            then()

    def copy_markdown(self) -> None:
        """The clip as its file would hold it (front matter and Markdown), to paste anywhere."""
        if not self._session.has_clip:
            return
        from clipper.library import render_clip

        clip = self._session.current_clip()
        text = render_clip(clip) if clip.path is not None else self.template().render(clip)
        QApplication.clipboard().setText(text)
        self._session.said("Copied the clip as Markdown (with front matter)")

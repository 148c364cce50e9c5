"""The main window: wires the panes to the core through background tasks.

Nothing here reads the network or parses a page: loading, saving and image
fetching are ``jobs`` run by ``tasks.run_in_background``; their results come
back on the GUI thread and only then touch widgets. What is saved is built
from the form and the editor (``current_clip``), so edits are never lost
between what a person sees and what lands in the file.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import re
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from PySide6.QtCore import QByteArray, QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clipper import APP_NAME, __version__
from clipper.errors import CancelledError, ClipperError
from clipper.models import Clip, OnDuplicate, SaveAction, Source
from clipper.settings import LIBRARY_ENV, Settings, load_settings, resolve_library, save_settings

from . import jobs, tasks
from .actions import Actions, build_actions, build_menus
from .dialogs import prompts
from .dialogs.settings_dialog import SettingsDialog
from .dialogs.shortcuts_dialog import ShortcutsDialog
from .mime import MOZ_URL, Dropped, display_name, dropped_items, source_from_clipboard
from .source_tokens import display_text
from .widgets.article_editor import ArticleEditor
from .widgets.empty_state import EmptyState
from .widgets.library_pane import LibraryPane
from .widgets.message_bar import MessageBar
from .widgets.metadata_form import MetadataForm
from .widgets.raw_view import RawView
from .widgets.safe_browser import image_from_bytes
from .widgets.status_bar import StatusBar, human_bytes
from .widgets.url_bar import UrlBar
from .window_state import read_bytes, read_text, window_settings

if TYPE_CHECKING:
    from clipper.pipeline import Loaded

    from .tasks import Task

log = logging.getLogger(__name__)

EMPTY_PAGE = 0
CLIP_PAGE = 1
LIBRARY_WIDTH = 280
MAX_CLIPBOARD_BYTES = 32 * 1024 * 1024
_STAGES = {"fetching": "Downloading", "decoding": "Reading", "extracting": "Cleaning",
           "saving": "Saving", "images": "Saving images"}


def _error_text(error: BaseException, doing: str) -> str:
    if isinstance(error, ClipperError):
        return str(error)
    log.error("unexpected error while %s", doing, exc_info=error)
    return f"Unexpected error while {doing}: {error.__class__.__name__}: {error}"


class MainWindow(QMainWindow):
    page_loaded = Signal()
    """A page (or clip) is shown and ready to save."""
    clip_saved = Signal(object)
    """The Path of a clip just written."""
    load_failed = Signal(str)

    def __init__(self, *, library: str | None = None, settings: Settings | None = None,
                 icon: QIcon | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self.settings = settings if settings is not None else load_settings()
        self._library_arg = library
        self._loaded: Loaded | None = None
        self._clip_base: Clip | None = None
        self._saved_path: Path | None = None
        self._baseline: tuple[object, ...] | None = None
        self._queue: list[Source] = []
        self._last_source: Source | None = None
        self._page_images: list[str] = []
        self._load_task: Task[Any] | None = None
        self._raw_task: Task[Any] | None = None
        self._save_task: Task[Any] | None = None
        self._images_task: Task[Any] | None = None
        self._after_save: Callable[[], None] | None = None
        self._load_agreed: tuple[object, ...] | None = None
        """What was shown when the running load started (saved, or discarded by choice):
        edits made after that are asked about before the new page replaces them."""
        self._raw_pending: Callable[[], None] | None = None

        self._build(icon)
        self.actions_: Actions = build_actions(self)
        self.menus = build_menus(self.menuBar(), self.actions_)
        self._word_timer = QTimer(self)
        self._word_timer.setSingleShot(True)
        self._word_timer.setInterval(250)
        self._word_timer.timeout.connect(self._update_word_count)
        self._restore_state()
        self._update_actions()

    # -- construction ------------------------------------------------------------------------

    def _build(self, icon: QIcon | None) -> None:
        self.url_bar = UrlBar()
        self.url_bar.submitted.connect(self.load_argument)
        self.url_bar.open_file_requested.connect(self.open_file)
        self.url_bar.stop_requested.connect(self.stop)
        self.message_bar = MessageBar()
        self.message_bar.action_triggered.connect(self._on_message_action)
        self._message_action: Callable[[], None] | None = None

        self.raw_view = RawView()
        self.raw_view.load_images_requested.connect(self.load_images)
        self.article = ArticleEditor()
        self.article.edited.connect(self._on_edited)
        for view in (self.raw_view.page, self.article.preview):
            view.link_hovered.connect(self._show_link_target)
        self.form = MetadataForm()
        self.form.edited.connect(self._on_edited)
        self.form.title.textEdited.connect(self.article.set_title)
        self.save_button = QPushButton("Save to Library")
        self.save_button.setObjectName("saveButton")
        self.save_button.setToolTip("Save the article, with your edits, to the library (Ctrl+S)")
        self.save_button.clicked.connect(lambda _checked=False: self.save())
        self.article.tabs.setCornerWidget(self.save_button, Qt.Corner.TopRightCorner)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 0, 0)
        right_layout.setSpacing(8)
        right_layout.addWidget(self.form)
        right_layout.addWidget(self.article, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("panes")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.raw_view)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)

        self.empty_state = EmptyState(icon)
        self.empty_state.open_requested.connect(self.open_file)
        self.empty_state.paste_requested.connect(self.paste)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_state)
        self.stack.addWidget(self.splitter)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(10, 8, 10, 4)
        layout.setSpacing(8)
        layout.addWidget(self.url_bar)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.library_pane = LibraryPane(self.library)
        self.library_pane.open_requested.connect(self.open_clip)
        self.library_pane.deleted.connect(self._on_clip_deleted)
        self.library_pane.failed.connect(self._show_error)
        self.clip_saved.connect(self.library_pane.show_saved)
        self.library_dock = QDockWidget("Library", self)
        self.library_dock.setObjectName("libraryDock")
        self.library_dock.setWidget(self.library_pane)
        self.library_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                                      | QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.library_dock.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea
                                          | Qt.DockWidgetArea.RightDockWidgetArea)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.library_dock)

        self.status = StatusBar()
        self.status.stop_requested.connect(self.stop)
        self.status.next_requested.connect(self.load_next_queued)
        self.setStatusBar(self.status)
        self.status.set_loaded("Ready")
        self.url_bar.field.setFocus()

    def _restore_state(self) -> None:
        store = window_settings()
        geometry = read_bytes(store, "window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            screen = QGuiApplication.primaryScreen()
            area = screen.availableGeometry() if screen else None
            width, height = 1280, 820
            if area is not None and area.width() > 0:
                width = min(width, int(area.width() * 0.92))
                height = min(height, int(area.height() * 0.9))
            self.resize(width, height)
        state = read_bytes(store, "window/state")
        if state is None or not self.restoreState(state):
            self.resizeDocks([self.library_dock], [LIBRARY_WIDTH], Qt.Orientation.Horizontal)
        splitter = read_bytes(store, "window/splitter")
        if splitter is None or not self.splitter.restoreState(splitter):
            self.splitter.setSizes([self.width() // 2, self.width() // 2])
        self._last_open_dir = read_text(store, "folders/open")
        self._last_save_as_dir = read_text(store, "folders/save_as")

    def _save_state(self) -> None:
        store = window_settings()
        store.setValue("window/geometry", self.saveGeometry())
        store.setValue("window/state", self.saveState())
        store.setValue("window/splitter", self.splitter.saveState())
        store.setValue("folders/open", self._last_open_dir)
        store.setValue("folders/save_as", self._last_save_as_dir)
        store.sync()

    # -- state -------------------------------------------------------------------------------

    @property
    def library(self) -> Path:
        """``--library``, then ``CLIPPER_LIBRARY``, then the setting, then the default."""
        return resolve_library(self._library_arg, self.settings)

    def library_override(self) -> str | None:
        return self._library_arg or os.environ.get(LIBRARY_ENV) or None

    def has_clip(self) -> bool:
        return self._clip_base is not None

    def is_loading(self) -> bool:
        return self._load_task is not None and self._load_task.running

    def raw_view_ready(self) -> bool:
        """The source colours and the page rendering have arrived (they follow the article)."""
        return self._raw_pending is None and (self._raw_task is None
                                              or not self._raw_task.running)

    def is_saving(self) -> bool:
        return self._save_task is not None and self._save_task.running

    def _snapshot(self) -> tuple[object, ...]:
        values = self.form.values()
        return (*(values[k] if not isinstance(values[k], list) else tuple(values[k])  # type: ignore[arg-type]
                  for k in sorted(values)), self.article.markdown())

    def is_dirty(self) -> bool:
        """Edits made since the clip was loaded, opened or saved."""
        return self._baseline is not None and self._snapshot() != self._baseline

    def current_clip(self) -> Clip:
        """The clip as shown: metadata from the form, body from the editor."""
        if self._clip_base is None:
            raise ClipperError("Nothing to save yet", "Load a page first.")
        values = self.form.values()
        return dataclasses.replace(
            self._clip_base,
            title=str(values["title"]),
            author=values["author"],  # type: ignore[arg-type]
            published=values["published"],  # type: ignore[arg-type]
            site=values["site"],  # type: ignore[arg-type]
            tags=list(values["tags"]),  # type: ignore[call-overload]
            body=self.article.markdown(),
            path=self._saved_path,
        )

    def queued(self) -> list[Source]:
        return list(self._queue)

    def _on_edited(self) -> None:
        self._update_title()
        self._word_timer.start()

    def _update_word_count(self) -> None:
        self.status.set_words(len(re.findall(r"\w+", self.article.markdown()))
                              if self.has_clip() else None)

    def _update_title(self) -> None:
        title = self.form.title.text().strip() if self.has_clip() else ""
        self.setWindowTitle(f"{title}[*] — {APP_NAME}" if title else f"{APP_NAME}[*]")
        self.setWindowModified(self.is_dirty())

    def _update_actions(self) -> None:
        a = self.actions_
        clip = self.has_clip()
        saving = self.is_saving()
        a.save.setEnabled(clip and not saving)
        self.save_button.setEnabled(clip and not saving)
        a.save_as.setEnabled(clip and not saving)
        a.copy_markdown.setEnabled(clip)
        a.toggle_markdown.setEnabled(clip)
        a.stop.setEnabled(self.is_loading() or saving
                          or (self._images_task is not None and self._images_task.running))
        a.reload.setEnabled(self._last_source is not None)
        a.next_queued.setEnabled(bool(self._queue))
        a.load_images.setEnabled(clip and bool(self._image_urls()))
        self.status.set_queue(len(self._queue))

    def _show_link_target(self, url: str) -> None:
        """Where a link in the page or the preview goes, as a browser shows it on hover."""
        if url:
            self.status.showMessage(url)
        else:
            self.status.clearMessage()

    def _show_error(self, text: str, retry: Callable[[], None] | None = None) -> None:
        self._message_action = retry
        self.message_bar.show_message(text, "error", action="Try Again" if retry else None)

    def _show_info(self, text: str, level: Literal["info", "warning", "success"] = "info",
                   details: str = "") -> None:
        self._message_action = None
        self.message_bar.show_message(text, level, details=details)

    def _on_message_action(self) -> None:
        action = self._message_action
        self.message_bar.dismiss()
        if action is not None:
            action()

    # -- asking before edits are thrown away -------------------------------------------------

    def _confirm_discard(self, doing: str, proceed: Callable[[], None],
                         cancelled: Callable[[], None] | None = None) -> None:
        """Run ``proceed`` now, after saving, or never, as the person chooses."""
        if not self.is_dirty():
            proceed()
            return
        choice = prompts.ask_unsaved(self, self.form.title.text().strip() or "Untitled", doing)
        if choice == "discard":
            proceed()  # the edits stay on screen (and unsaved) until a new page replaces them
        elif choice == "save":
            self.save(then=proceed)
        elif cancelled is not None:
            cancelled()

    # -- loading -----------------------------------------------------------------------------

    def open_arguments(self, arguments: list[str]) -> None:
        """Pages from the command line (or a second instance): the first loads, the rest queue."""
        dropped = Dropped()
        problems = []
        for argument in arguments:
            try:
                dropped.sources.append(Source.from_argument(argument))
            except ClipperError as exc:
                problems.append(str(exc))
        self._open_sources(dropped)
        if problems:
            self._show_error(" ".join(problems))

    def load_argument(self, text: str) -> None:
        """What was typed in the address field, Enter pressed."""
        try:
            source = Source.from_argument(text)
        except ClipperError as exc:
            self._show_error(str(exc))
            return
        self.load_source(source)

    def load_source(self, source: Source) -> None:
        self._confirm_discard("loading another page", partial(self._start_load, source))

    def _open_sources(self, dropped: Dropped) -> None:
        def say_skipped() -> None:
            if dropped.skipped:
                names = ", ".join(dropped.skipped[:3]) + (" …" if len(dropped.skipped) > 3 else "")
                self._show_info(f"Skipped {names}: Clipper opens web pages (.html, .htm, "
                                ".xhtml) and web addresses.", "warning")

        if not dropped.sources:
            say_skipped()
            return
        first, rest = dropped.sources[0], dropped.sources[1:]

        def go() -> None:
            self._queue = [*rest, *self._queue]
            self._start_load(first)
            say_skipped()

        self._confirm_discard("loading another page", go)

    def load_next_queued(self) -> None:
        if not self._queue:
            return

        def go() -> None:
            self._start_load(self._queue.pop(0))

        self._confirm_discard("loading the next page", go)

    def reload(self) -> None:
        if self._last_source is not None:
            self.load_source(self._last_source)

    def _start_load(self, source: Source) -> None:
        for task in (self._load_task, self._raw_task, self._images_task):
            if task is not None:
                task.cancel()
        self._last_source = source
        self._load_agreed = self._snapshot() if self._baseline is not None else None
        if source.kind != "html":
            self.url_bar.set_text(source.value)
        elif source.url:
            self.url_bar.set_text(source.url)
        if self.message_bar.level in ("error", "warning"):
            self.message_bar.dismiss()
        self.url_bar.set_busy(True)
        self.status.set_busy(f"Loading {display_name(source)}…")
        self._load_task = tasks.run_in_background(
            partial(jobs.load_page, source), on_done=self._on_loaded,
            on_error=partial(self._on_load_failed, source), on_progress=self._on_progress,
            name="load")
        self._update_actions()

    def _on_progress(self, stage: str, done: int, total: int | None) -> None:
        label = _STAGES.get(stage, stage.capitalize())
        if stage == "fetching" and done:
            label += f" {human_bytes(done)}" + (f" of {human_bytes(total)}" if total else "")
        elif stage == "images" and total:
            label += f" {done} of {total}"
        self.status.set_busy(label + "…", done, total if stage in ("fetching", "images") else None)

    def _loading_finished(self) -> None:
        self.url_bar.set_busy(False)
        if not self.is_saving():
            self.status.set_idle()
        self._update_actions()

    def _on_load_failed(self, source: Source, error: BaseException) -> None:
        self._load_task = None
        self._loading_finished()
        if isinstance(error, CancelledError):
            self.status.set_loaded("Stopped loading")
            return
        text = _error_text(error, "loading the page")
        self._show_error(text, retry=partial(self._start_load, source))
        self.status.set_loaded(f"Could not load {display_name(source)}")
        self.load_failed.emit(text)

    def _on_loaded(self, loaded: Loaded) -> None:
        self._load_task = None
        if self.is_dirty() and self._snapshot() != self._load_agreed:
            # Edited while the page loaded: the question asked before loading did not cover it.
            self._loading_finished()

            def show() -> None:
                if not self.is_loading():  # unless another page is on its way by now
                    self._show_loaded(loaded)

            self._confirm_discard("showing the page just loaded", show,
                                  cancelled=lambda: self.status.set_loaded(
                                      "Kept your edits; the page just loaded is not shown"))
            return
        self._show_loaded(loaded)

    def _show_loaded(self, loaded: Loaded) -> None:
        self._loaded = loaded
        article = loaded.article
        clip = Clip.from_article(article, tags=list(self.settings.default_tags))
        if not clip.source and loaded.source.kind == "html":
            clip.source = loaded.source.url
        if not clip.source and loaded.page.url and loaded.page.url.startswith("http"):
            clip.source = loaded.page.url
        self.article.preview.set_local_images({})
        self._show_clip(clip, saved_path=None)
        generation = self.raw_view.show_source(display_text(loaded.html), article.kept_lines)
        self._page_images = []
        if self._raw_task is not None:
            self._raw_task.cancel()
        self._raw_task = None
        # Colours and the page rendering come next, once the article has been painted:
        # started now, the worker's Python would compete for the GIL with that paint.
        self._raw_pending = partial(self._start_raw_view, loaded, generation)
        QTimer.singleShot(0, self, self._run_raw_pending)
        self._loading_finished()
        if QApplication.focusWidget() in (self.url_bar.field, None):
            # as in a browser: Enter leaves the address; Ctrl+V now loads the next page
            self.article.focus_view()
        self.status.set_loaded(f"Loaded “{clip.title}” from {loaded.source.describe()}")
        self.page_loaded.emit()

    def _run_raw_pending(self) -> None:
        pending, self._raw_pending = self._raw_pending, None
        if pending is not None:
            pending()

    def _start_raw_view(self, loaded: Loaded, generation: int) -> None:
        if loaded is not self._loaded:
            return  # another page came meanwhile
        self._raw_task = tasks.run_in_background(
            partial(jobs.prepare_raw_view, loaded.html, loaded.page.url, loaded.page.local_dir),
            on_done=partial(self._on_raw_ready, generation), name="raw view")

    def _on_raw_ready(self, generation: int, extras: jobs.RawExtras) -> None:
        self._raw_task = None
        self.raw_view.source.apply_tokens(generation, extras.tokens)
        self._page_images = extras.page.images
        self.raw_view.set_page_html(generation, extras.page.html, bool(self._image_urls()))
        self._update_actions()

    def _show_clip(self, clip: Clip, saved_path: Path | None) -> None:
        self._clip_base = clip
        self._saved_path = saved_path
        self.form.set_values(title=clip.title, author=clip.author, published=clip.published,
                             site=clip.site, tags=clip.tags, source=clip.source)
        self.article.set_article(clip.title, clip.body)
        self._baseline = self._snapshot()
        self.stack.setCurrentIndex(CLIP_PAGE)
        self.status.set_saved(saved_path, "Opened" if saved_path else "Saved to")
        if saved_path is None:
            self.status.set_saved(None)
        self._update_word_count()
        self._update_title()
        self._update_actions()

    def stop(self) -> None:
        """Esc: stop loading (and an image fetch); a save in progress is stopped too."""
        stopped = False
        for task in (self._load_task, self._images_task, self._save_task):
            if task is not None and task.running:
                task.cancel()
                stopped = True
        self._load_task = None
        self._images_task = None
        if self._save_task is not None and self._save_task.cancelled:
            self._save_task = None
            self._after_save = None
        if stopped:
            self.url_bar.set_busy(False)
            self.status.set_idle()
            self.status.set_loaded("Stopped")
        self._update_actions()

    # -- opening files, pasting, dropping ----------------------------------------------------

    def open_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Open a Saved Web Page", self._last_open_dir,
            "Web pages (*.html *.htm *.xhtml *.shtml);;All files (*)")
        if path:
            self._last_open_dir = str(Path(path).parent)
            self.load_source(Source("file", path))

    def paste(self) -> None:
        """Ctrl+V outside a text field: a copied address loads, copied HTML is clipped."""
        mime = QApplication.clipboard().mimeData()
        source = source_from_clipboard(_mime_formats(mime)) if mime is not None else None
        if source is None:
            self._show_info("The clipboard holds no web address or HTML to clip.")
            return
        self.load_source(source)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _droppable(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if _droppable(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        dropped = dropped_items(_mime_formats(event.mimeData()))
        if not dropped.sources and not dropped.skipped:
            event.ignore()
            return
        event.acceptProposedAction()
        # Let the drag source finish before a prompt may open.
        QTimer.singleShot(0, partial(self._open_sources, dropped))

    # -- saving ------------------------------------------------------------------------------

    def save(self, then: Callable[[], None] | None = None) -> None:
        """Ctrl+S: a new clip into the library, or edits back into the clip's file."""
        if self.is_saving() or self._clip_base is None:
            return
        clip = self.current_clip()
        snapshot = self._snapshot()
        if self._saved_path is not None:
            self._run_save(partial(jobs.update_in_library, clip), snapshot, then, clip=clip)
        else:
            self._save_new(clip, snapshot, OnDuplicate.SKIP, then)

    def _save_new(self, clip: Clip, snapshot: tuple[object, ...],
                  on_duplicate: OnDuplicate,
                  then: Callable[[], None] | None) -> None:
        work = partial(jobs.save_to_library, clip, self.library, on_duplicate=on_duplicate,
                       download_images=self.settings.download_images,
                       page_dir=self._images_folder())
        self._run_save(work, snapshot, then, clip=clip)

    def _images_folder(self) -> Path | None:
        """Where the relative image links of what is shown point: the folder of the clip
        file it was read from (its ``.assets``), else that of a saved page opened from disk.
        Without it, saving elsewhere would take those images out of the clip."""
        base = self._clip_base
        if base is not None and base.path is not None:
            return Path(base.path).parent
        return self._loaded.page.local_dir if self._loaded is not None else None

    def _run_save(self, work: Callable[..., jobs.SaveOutcome], snapshot: tuple[object, ...],
                  then: Callable[[], None] | None, clip: Clip | None = None) -> None:
        self.status.set_busy("Saving…")
        self._after_save = then
        self._save_task = tasks.run_in_background(
            work, on_done=partial(self._on_saved, snapshot, clip),
            on_error=self._on_save_failed, on_progress=self._on_progress, name="save")
        self._update_actions()

    def _save_finished(self) -> None:
        self._save_task = None
        if not self.is_loading():
            self.status.set_idle()
        self._update_actions()

    def _on_saved(self, snapshot: tuple[object, ...], clip: Clip | None,
                  outcome: jobs.SaveOutcome) -> None:
        self._save_finished()
        then, self._after_save = self._after_save, None
        if outcome.action is SaveAction.SKIPPED:
            assert clip is not None and outcome.duplicate_of is not None
            self._resolve_duplicate(clip, snapshot, outcome.duplicate_of, then)
            return
        if outcome.action is SaveAction.CHANGED:
            assert clip is not None and outcome.path is not None
            self._resolve_changed(clip, snapshot, outcome.path, outcome.missing, then)
            return
        assert outcome.path is not None
        self._saved_path = outcome.path
        if self._baseline is not None:
            self._baseline = snapshot
        if outcome.saved is not None and self._snapshot() == snapshot:
            # Carry on from the file as written (images now point into its assets folder).
            self._adopt(outcome.saved, outcome.path)
        self.status.set_saved(outcome.path, "Updated" if outcome.action is SaveAction.UPDATED else
                              "Saved to")
        failed = list(getattr(outcome.result, "images_failed", None) or [])
        if failed:
            self._show_info(_failed_images_text(failed), "warning", details="\n".join(failed))
        elif self.message_bar.level == "error":
            self.message_bar.dismiss()
        self._update_title()
        self.clip_saved.emit(outcome.path)
        if then is not None:
            then()
        elif self._queue and not self.is_dirty():
            self.load_next_queued()

    def _resolve_duplicate(self, clip: Clip, snapshot: tuple[object, ...], existing: Path,
                           then: Callable[[], None] | None) -> None:
        choice = prompts.ask_duplicate(self, existing)
        if choice == "open":
            self.open_clip(existing, keep_page=True)
        elif choice in ("new", "replace"):
            self._save_new(clip, snapshot, OnDuplicate.NEW if choice == "new" else
                           OnDuplicate.REPLACE, then)
        else:
            self.status.set_loaded("Not saved")

    def _resolve_changed(self, clip: Clip, snapshot: tuple[object, ...], path: Path,
                         missing: bool, then: Callable[[], None] | None) -> None:
        choice = prompts.ask_changed(self, path, missing)
        if choice == "overwrite":
            self._run_save(partial(jobs.update_in_library, clip, force=True), snapshot, then,
                           clip=clip)
        elif choice == "new":
            self._save_new(dataclasses.replace(clip, path=None), snapshot, OnDuplicate.NEW, then)
        else:
            self.status.set_loaded("Not saved")

    def _on_save_failed(self, error: BaseException) -> None:
        self._save_finished()
        self._after_save = None
        if isinstance(error, CancelledError):
            self.status.set_loaded("Saving stopped; nothing was written")
            return
        self._show_error(_error_text(error, "saving the clip"))
        self.status.set_loaded("Not saved")

    def _adopt(self, opened: jobs.OpenedClip, path: Path) -> None:
        """Show a clip file's content; its own images come along for the preview."""
        images = {key: img for key, data in opened.images.items()
                  if (img := image_from_bytes(data)) is not None}
        self.article.preview.set_local_images(images)
        self._show_clip(opened.clip, saved_path=path)

    def open_clip(self, path: Path, keep_page: bool = False) -> None:
        """Show a clip from the library in the editor; Ctrl+S then saves back to that file.

        ``keep_page``: the page on the left is this clip's article (a duplicate just loaded);
        otherwise the page of another article must not stay beside it.
        """

        def opened(result: jobs.OpenedClip) -> None:
            if not keep_page:
                self._forget_page(result.clip.source)
            self._adopt(result, path)
            self.library_pane.select_path(path)
            self.status.set_loaded(f"Opened “{result.clip.title}” from the library")
            self.page_loaded.emit()

        def go() -> None:
            tasks.run_in_background(partial(jobs.read_from_library, path), on_done=opened,
                                    on_error=lambda e: self._show_error(
                                        _error_text(e, "opening the clip")), name="open clip")

        self._confirm_discard("opening another clip", go)

    def _forget_page(self, source: str | None) -> None:
        """No page behind what is shown: F5 loads the clip's address again, if it has one."""
        for task in (self._load_task, self._raw_task, self._images_task):
            if task is not None:
                task.cancel()
        self._load_task = self._raw_task = self._images_task = None
        self._raw_pending = None
        self._loaded = None
        self._page_images = []
        web = source if source and source.lower().startswith(("http://", "https://")) else None
        self._last_source = Source("url", web) if web else None
        self.url_bar.set_busy(False)
        if not self.is_saving():
            self.status.set_idle()
        self.url_bar.set_text(web or "")
        self.raw_view.clear("This clip was opened from your library; its web page is not "
                            "loaded." + (" Reload (F5) fetches it again." if web else ""))

    def save_as(self) -> None:
        if self._clip_base is None:
            return
        from clipper.library.filenames import safe_filename

        clip = self.current_clip()
        folder = Path(self._last_save_as_dir or str(self.library))
        start = folder / f"{safe_filename(clip.title)}.md"
        name, _ = QFileDialog.getSaveFileName(self, "Save Clip As", str(start),
                                              "Markdown (*.md);;All files (*)")
        if not name:
            return
        path = Path(name) if Path(name).suffix else Path(name + ".md")
        self._last_save_as_dir = str(path.parent)
        snapshot = self._snapshot()

        def done(written: Path) -> None:
            self._save_task = None
            self.status.set_idle()
            self.status.set_saved(written, "Saved as")
            if self._baseline is not None:
                self._baseline = snapshot
            self._update_title()
            self._update_actions()
            then, self._after_save = self._after_save, None
            if then is not None:
                then()

        self.status.set_busy("Saving…", stoppable=False)
        self._after_save = None
        self._save_task = tasks.run_in_background(
            partial(jobs.write_markdown_file, clip, path), on_done=done,
            on_error=self._on_save_failed, name="save as")
        self._update_actions()

    def copy_markdown(self) -> None:
        if self._clip_base is None:
            return
        from clipper.library import render_clip

        QApplication.clipboard().setText(render_clip(self.current_clip()))
        self.status.set_loaded("Copied the clip as Markdown (with front matter)")

    # -- images ------------------------------------------------------------------------------

    def _image_urls(self) -> list[str]:
        article = self._loaded.article.images if self._loaded is not None else []
        return list(dict.fromkeys([*self._page_images, *article]))

    def load_images(self) -> None:
        """Fetch the page's images on request; until then nothing remote is loaded."""
        urls = self._image_urls()
        if not urls or self._loaded is None:
            return
        if self._images_task is not None:
            self._images_task.cancel()
        page_url = self._loaded.page.url or ""
        referer = page_url if page_url.startswith("http") else None
        self.status.set_busy("Loading images…")
        self._images_task = tasks.run_in_background(
            partial(jobs.fetch_images, urls, referer, self._loaded.page.local_dir),
            on_done=self._on_images, on_error=self._on_images_failed,
            on_progress=self._on_progress, name="images")
        self._update_actions()

    def _on_images(self, blobs: dict[str, bytes]) -> None:
        self._images_task = None
        images = {url: img for url, data in blobs.items()
                  if (img := image_from_bytes(data)) is not None}
        self.raw_view.page.add_images(images)
        self.article.preview.add_images(images)
        if not self.is_loading() and not self.is_saving():
            self.status.set_idle()
        self.status.set_loaded(f"Loaded {len(images)} of {len(self._image_urls())} images")
        self._update_actions()

    def _on_images_failed(self, error: BaseException) -> None:
        self._images_task = None
        if not self.is_loading() and not self.is_saving():
            self.status.set_idle()
        if not isinstance(error, CancelledError):
            self._show_error(_error_text(error, "loading images"))
        self._update_actions()

    # -- small commands ----------------------------------------------------------------------

    def focus_address(self) -> None:
        self.url_bar.focus()

    def toggle_markdown(self) -> None:
        if self.has_clip():
            self.article.toggle_view()

    def show_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self.library_override(), self)
        if dialog.exec() != SettingsDialog.DialogCode.Accepted:
            return
        new = dialog.result_settings()
        try:
            save_settings(new)
        except OSError as exc:
            self._show_error(f"Cannot save the settings: {exc.strerror or exc}")
            return
        self.settings = new
        self.library_pane.set_library(self.library)
        self.status.set_loaded(f"Settings saved; clips go to {self.library}")

    def focus_library_search(self) -> None:
        """Ctrl+K: the library's search field (the pane opens if it was closed)."""
        self.library_dock.show()
        self.library_dock.raise_()
        self.library_pane.focus_search()

    def _on_clip_deleted(self, path: Path, title: str) -> None:
        if self._saved_path is not None and self._saved_path.absolute() == path.absolute():
            # Shown but gone from the library: Ctrl+S saves it again as a new clip.
            self._saved_path = None
            self.status.set_saved(None)
            self._show_info(f"“{title}” was moved to the trash; Ctrl+S saves what is shown "
                            "as a new clip.")
        self.status.set_loaded(f"Moved “{title}” to the trash")

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self.menus, self).exec()

    def show_about(self) -> None:
        QMessageBox.about(
            self, f"About {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3><p>Turns a web page into a clean Markdown clip "
            "in your library folder.</p><p>Pages are shown without running their scripts or "
            "loading anything remote unless you ask.</p>")

    # -- closing -----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.is_saving():
            # Cancelling would lose a clip the person believes saved: finish, then close
            # (unless the save fails or asks a question that is cancelled; then stay open).
            event.ignore()
            self._after_save = self.close
            self.status.set_loaded("Quitting once the clip is saved…")
            return
        if self.is_dirty():
            choice = prompts.ask_unsaved(self, self.form.title.text().strip() or "Untitled",
                                         "quitting")
            if choice == "cancel":
                event.ignore()
                return
            if choice == "save":
                event.ignore()
                self.save(then=self._close_after_save)
                return
            self._baseline = self._snapshot()
        self._save_state()
        self.library_pane.shutdown()
        tasks.cancel_all()
        event.accept()

    def _close_after_save(self) -> None:
        if not self.is_dirty():
            self.close()


def _failed_images_text(failed: list[str]) -> str:
    """Which images stayed remote, by short names (all addresses are in the tooltip)."""
    names = [display_name(Source("url", url)) for url in failed[:3]]
    listed = ", ".join(names) + (", …" if len(failed) > 3 else "")
    if len(failed) == 1:
        return f"An image could not be downloaded ({listed}); the clip keeps its web address."
    return (f"{len(failed)} images could not be downloaded ({listed}); the clip keeps their "
            "web addresses.")


def _mime_formats(mime: QMimeData | None) -> dict[str, bytes]:
    if mime is None:
        return {}
    out: dict[str, bytes] = {}
    for fmt in mime.formats():
        data: QByteArray = mime.data(fmt)
        if data.size() <= MAX_CLIPBOARD_BYTES:
            out[fmt] = bytes(data.data())
    return out


def _droppable(mime: QMimeData | None) -> bool:
    if mime is None:
        return False
    if mime.hasUrls() or mime.hasFormat(MOZ_URL):
        return True
    return mime.hasText() and "\n" not in mime.text().strip() and bool(mime.text().strip())

"""The main window: lays out the panes and wires them to the session and the flows.

What is shown is decided by ``session.Session`` (no Qt); loading, saving, the page's
images and opening clips from the library are flows (``load_flow``, ``save_flow``,
``images_flow``, ``library_flow``) that own their background tasks and dialogs. After
every change of the session, ``_render`` sets the title, notice, status bar and enabled
actions from it; the form and the editor are refilled only when the clip itself is
replaced, so what a person types is never overwritten.
"""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clipper import APP_NAME
from clipper.models import Clip, Source
from clipper.settings import LIBRARY_ENV, Settings, load_settings, resolve_library

from . import reveal, tasks, window_layout
from .actions import build_actions, build_menus
from .dialogs.about import show_about
from .dialogs.shortcuts_dialog import ShortcutsDialog
from .drops import DropTarget
from .history import History
from .images_flow import ImagesFlow
from .import_flow import ImportFlow
from .library_flow import LibraryFlow
from .load_flow import LoadFlow, starting_tags
from .messages import error_text
from .notices import Notices
from .queue_flow import QueueFlow
from .reading import Reading
from .reextract_flow import ReextractFlow
from .save_flow import SaveFlow
from .session import Session, enabled_commands
from .settings_flow import SettingsFlow
from .shortcut_keys import WindowKeys
from .theme import Theme
from .widgets.article_editor import ArticleEditor
from .widgets.drop_overlay import DropOverlay
from .widgets.empty_state import EmptyState
from .widgets.find_bar import FIND_BAR_KEYS
from .widgets.library_pane import LibraryPane
from .widgets.message_bar import MessageBar
from .widgets.metadata_form import MetadataForm
from .widgets.raw_view import RawView
from .widgets.safe_browser import image_from_bytes
from .widgets.status_bar import StatusBar
from .widgets.tag_completer import TagCompleter
from .widgets.url_bar import UrlBar
from .window_state import window_settings

EMPTY_PAGE = 0
CLIP_PAGE = 1
WORD_COUNT_DELAY_MS = 250
"""Counting the words of a long article at every key would make typing lag."""


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
        self.settings = settings if settings is not None else load_settings()
        self._library_arg = library
        self.session = Session()
        self.theme = Theme(self)
        self.theme.apply(self.settings.theme)  # before the widgets: they start in its colours
        self._build(icon)
        self.saver = SaveFlow(self.session, self, library=lambda: self.library,
                              handle=lambda: self.library_pane.handle(),
                              settings=lambda: self.settings)
        self.loader = LoadFlow(self.session, self, confirm=self.saver.confirm_discard,
                               raw_view=self.raw_view, article=self.article,
                               address=self.url_bar.field, library=lambda: self.library,
                               default_tags=lambda: starting_tags(self.settings))
        self.drops = DropTarget(self, self.drop_overlay.set_shown, self.loader.open_sources)
        self.images = ImagesFlow(self.session, self,
                                 views=(self.raw_view.page, self.article.preview))
        self.opener = LibraryFlow(self.session, self, confirm=self.saver.confirm_discard,
                                  forget_page=self.loader.forget_page,
                                  show_page=self.loader.show_saved_page, pane=self.library_pane)
        self.importer = ImportFlow(self.session, self, pane=self.library_pane,
                                   library=lambda: self.library, settings=lambda: self.settings)
        self.reextractor = ReextractFlow(self.session, self, pane=self.library_pane,
                                         saver=self.saver, reopen=self.open_clip)
        self.queue = QueueFlow(self.session, self, saver=self.saver)
        self.settings_flow = SettingsFlow(self, self)
        self.reading = Reading(hidden=[self.raw_view, self.form], preview=self.article.preview,
                               views=[self.article.preview, self.article.editor,
                                      self.raw_view.source, self.raw_view.page], parent=self)
        self.history = History(self, window_settings)
        self.actions_ = build_actions(self, self, self.library_dock.toggleViewAction())
        self.menus = build_menus(self.menuBar(), self.actions_)
        self.menus[0].insertMenu(self.actions_.import_list, self.history.menu)
        self._keys = WindowKeys(self, lambda: (k for a in self.actions() for k in a.shortcuts()))
        QApplication.instance().installEventFilter(self._keys)  # type: ignore[union-attr]
        self._word_timer = QTimer(self)
        self._word_timer.setSingleShot(True)
        self._word_timer.setInterval(WORD_COUNT_DELAY_MS)
        self._wire()
        self._shown_revision = self._shown_address = 0
        self._shown_path: Path | None = None
        self.session.subscribe(self._render)
        tasks.unhandled = lambda name, error: self.session.failed(error_text(error, name))
        window_layout.set_minimums(self)
        self.library_width = window_layout.LibraryWidth(self)
        window_layout.restore(self)
        self._render()

    # -- construction ------------------------------------------------------------------------

    def _build(self, icon: QIcon | None) -> None:
        self.url_bar = UrlBar()
        self.message_bar = MessageBar()
        self.raw_view = RawView()
        self.article = ArticleEditor()
        self.form = MetadataForm()
        self.save_button = QPushButton("Save to Library")
        self.save_button.setObjectName("saveButton")
        self.save_button.setToolTip("Save the article, with your edits, to the library (Ctrl+S)")
        self.article.tabs.setCornerWidget(self.save_button, Qt.Corner.TopRightCorner)
        self.tag_completer = TagCompleter(self.form.tags)
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
        self.article_side = right
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)  # the article grows more than the source

        self.empty_state = EmptyState(icon)
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
        self.drop_overlay = DropOverlay(central)

        self.library_pane = LibraryPane(self.library)
        self.library_dock = window_layout.library_dock(self, self.library_pane)

        self.status = StatusBar()
        self.setStatusBar(self.status)
        self.url_bar.field.setFocus()

    def _wire(self) -> None:
        session, loader, saver = self.session, self.loader, self.saver
        self.url_bar.submitted.connect(loader.load_argument)
        self.url_bar.open_file_requested.connect(loader.open_file)
        self.url_bar.stop_requested.connect(self.stop)
        self.notices = Notices(session, self.message_bar, retry=loader.start,
                               undo=lambda: self.opener.undo_trash(),
                               pick=loader.picker.choose_article)
        self.raw_view.load_images_requested.connect(self.images.load_images)
        self.article.edited.connect(self._on_edited)
        self.form.edited.connect(self._on_edited)
        self.form.title.textEdited.connect(self.article.set_title)
        self.form.source_committed.connect(loader.source_set)
        for view in (self.raw_view.page, self.article.preview):
            view.link_hovered.connect(self.status.show_link)
            view.open_failed.connect(session.failed)
            view.clip_link_requested.connect(loader.load_argument)
        self.save_button.clicked.connect(lambda _checked=False: saver.save())
        self.empty_state.open_requested.connect(loader.open_file)
        self.empty_state.paste_requested.connect(loader.paste)
        self.library_pane.open_requested.connect(self.opener.open_clip)
        self.library_pane.deleted.connect(session.trashed)
        self.library_pane.failed.connect(session.failed)
        self.library_pane.facets_changed.connect(self.tag_completer.set_facets)
        self.status.stop_requested.connect(self.stop)
        self.status.failed.connect(session.failed)
        self.status.next_requested.connect(loader.load_next_queued)
        self._word_timer.timeout.connect(self._update_word_count)

        loader.shown.connect(self.page_loaded)
        loader.failed.connect(self.load_failed)
        loader.leaving_page.connect(self.images.stop)
        saver.saved.connect(self.clip_saved)
        saver.open_existing.connect(partial(self.opener.open_clip, keep_page=True))
        saver.queue_next.connect(loader.load_next_queued)
        saver.title_given.connect(self._take_title)
        self.opener.opened.connect(self.library_pane.select_path)
        self.opener.opened.connect(lambda _path: self.page_loaded.emit())
        self.clip_saved.connect(self.library_pane.show_saved)
        self.queue.saved.connect(self.library_pane.show_saved)
        self.history.follow(self)
        self.reading.changed.connect(self.actions_.reader.setChecked)

    # -- drawing the session -----------------------------------------------------------------

    def _render(self) -> None:
        """Everything the session decides, set from it (cheap: runs after every change)."""
        s = self.session
        if s.content_revision != self._shown_revision:
            self._shown_revision = s.content_revision
            self._show_content()
        if s.address_revision != self._shown_address:
            self._shown_address = s.address_revision
            self.url_bar.set_text(s.address)
        if s.saved_path != self._shown_path:
            self._shown_path = s.saved_path
            self.library_pane.show_current(s.saved_path)
        if s.has_clip:
            self.setWindowTitle(f"{s.title}[*] — {APP_NAME}" if s.title else f"{APP_NAME}[*]")
        self.setWindowModified(s.is_dirty)
        self.notices.render(s.notice)
        note = s.file_note
        self.status.set_saved(note.path if note else None, note.verb if note else "")
        self.status.set_loaded(s.status)
        self.status.set_queue(len(s.queue))
        progress = s.progress
        if progress is None:
            self.status.set_idle()
        else:
            self.status.set_busy(progress.label, progress.done, progress.total,
                                 progress.stoppable)
        self.url_bar.set_busy(s.is_loading)
        enabled = enabled_commands(s)
        self.actions_.enable(enabled)
        self.save_button.setEnabled("save" in enabled)

    def _show_content(self) -> None:
        """A new clip (loaded, opened, written, or edits discarded) into the form and editor."""
        clip, draft = self.session.clip, self.session.draft
        if clip is None or draft is None:
            return
        self.article.preview.set_local_images(
            {key: image for key, data in self.session.clip_images.items()
             if (image := image_from_bytes(data)) is not None})
        self.form.set_values(title=draft.title, author=draft.author, published=draft.published,
                             site=draft.site, tags=list(draft.tags), source=draft.source)
        self.article.set_article(draft.title, draft.body)
        self.session.shown_as(self.form.draft(self.article.markdown()))
        self.stack.setCurrentIndex(CLIP_PAGE)
        self._update_word_count()

    def _on_edited(self) -> None:
        self.session.edited(self.form.draft(self.article.markdown()))
        self._word_timer.start()

    def _take_title(self, title: str) -> None:
        self.form.title.setText(title)
        self.article.set_title(title)
        self._on_edited()

    def _update_word_count(self) -> None:
        self.status.set_words(self.session.word_count())

    # -- what the window is showing (tests and scripts ask) ----------------------------------

    @property
    def library(self) -> Path:
        """``--library``, then ``CLIPPER_LIBRARY``, then the setting, then the default."""
        return resolve_library(self._library_arg, self.settings)

    def library_override(self) -> str | None:
        return self._library_arg or os.environ.get(LIBRARY_ENV) or None

    def has_clip(self) -> bool:
        return self.session.has_clip

    def is_loading(self) -> bool:
        return self.session.is_loading

    def is_saving(self) -> bool:
        return self.session.is_saving

    def is_dirty(self) -> bool:
        return self.session.is_dirty

    def raw_view_ready(self) -> bool:
        return self.loader.raw_view_ready()

    def current_clip(self) -> Clip:
        return self.session.current_clip()

    def queued(self) -> list[Source]:
        return list(self.session.queue)

    # -- commands (the menus' ``actions.Commands``) ------------------------------------------

    def open_arguments(self, arguments: list[str]) -> None:
        self.loader.open_arguments(arguments)

    def load_argument(self, text: str) -> None:
        self.loader.load_argument(text)

    def open_clip(self, path: Path, keep_page: bool = False) -> None:
        self.opener.open_clip(path, keep_page)

    def open_file(self) -> None:
        self.loader.open_file()

    def import_reading_list(self) -> None:
        self.importer.open()

    def paste(self) -> None:
        self.loader.paste()

    def reload(self) -> None:
        self.loader.reload()

    def load_next_queued(self) -> None:
        self.loader.load_next_queued()

    def load_images(self) -> None:
        self.images.load_images()

    def save(self) -> None:
        self.saver.save()

    def save_as(self) -> None:
        self.saver.save_as()

    def reextract_clip(self) -> None:
        self.reextractor.reextract_shown()

    def copy_markdown(self) -> None:
        self.saver.copy_markdown()

    def stop(self) -> None:
        """Esc: stop loading (and an image fetch); a save in progress is stopped too."""
        stopped = [self.loader.stop(), self.images.stop(), self.saver.stop(), self.queue.stop()]
        if any(stopped):
            self.session.stopped()

    def focus_address(self) -> None:
        self.url_bar.focus()

    def toggle_markdown(self) -> None:
        if self.session.has_clip:
            self.article.toggle_view()

    def find_in_article(self) -> None:
        if self.session.has_clip:
            self.article.open_find()

    def find_next(self) -> None:
        if self.session.has_clip:
            self.article.find_again(forward=True)

    def find_previous(self) -> None:
        if self.session.has_clip:
            self.article.find_again(forward=False)

    def focus_library_search(self) -> None:
        """Ctrl+K: the library's search field (the pane opens if it was closed)."""
        self.library_dock.show()
        self.library_dock.raise_()
        self.library_pane.focus_search()

    def show_settings(self) -> None:
        self.settings_flow.show()

    def undo(self) -> None:
        self.opener.undo_trash()

    def open_original(self) -> None:
        reveal.open_in_browser(self.session.original_address(), failed=self.session.failed)

    def save_queued(self) -> None:
        self.queue.save_all()

    def toggle_reader(self) -> None:
        self.reading.toggle_reader()

    def zoom_in(self) -> None:
        self.reading.zoom_in()

    def zoom_out(self) -> None:
        self.reading.zoom_out()

    def zoom_reset(self) -> None:
        self.reading.zoom_reset()

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self.menus, self, extra=[("Library pane", self.library_pane.key_rows()),
                                                 ("Find bar", FIND_BAR_KEYS)]).exec()

    def show_about(self) -> None:
        show_about(self)

    # -- closing -----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.saver.before_closing(self.close):
            event.ignore()
            return
        window_layout.save(self)
        self.importer.shutdown()
        self.library_pane.shutdown()
        QApplication.instance().removeEventFilter(self._keys)  # type: ignore[union-attr]
        tasks.unhandled = None
        tasks.cancel_all()
        event.accept()

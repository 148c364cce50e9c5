"""The library pane: the clips newest first, full-text search as you type, open, reveal, delete.

The search index is a cache of the folder, so the pane lists what the index already
knows at once and then syncs it with the files in the background; a folder watcher
(and coming back to the window) syncs again, so clips added, edited or deleted by
another program show up by themselves. While a large library is first indexed, the
list and the search results are redone every second from what is indexed so far, and
the count says how far indexing got. Every index and disk operation is a job run
by ``tasks.run_in_background``; results that arrive after the person typed on, or
after the library changed, are dropped.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QColor,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPaintEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clipper.library.handle import Library

from .. import jobs, reveal, tasks
from ..dialogs import prompts
from ..folder_watcher import FolderWatcher
from ..messages import error_text
from ..theme import is_dark
from .clip_list import PATH_ROLE, ClipDelegate, ClipListModel
from .library_browse import BrowseBar

if TYPE_CHECKING:
    from clipper.library import ClipSummary
    from clipper.library.index import Facets, Sort

    from ..tasks import Task

SEARCH_DELAY_MS = 150
"""Typing pauses shorter than this do not start a search."""
PROGRESS_FROM = 50
"""Syncs with fewer files to read finish before a progress bar would be noticed."""
INDEXING_REFRESH_MS = 1000
"""While many files are indexed, what is listed (or found) is redone this often."""
LIST_PAGE, SEARCH_PAGE = 0, 1
EMPTY_HINT = "Ctrl+S saves the article you're reading."
_NAVIGATION_KEYS = {Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown}


class LibraryPane(QWidget):
    open_requested = Signal(object)
    """The Path of a clip to show in the editor."""
    deleted = Signal(object, str, object)
    """The Path and title of a clip just moved to the trash, and what Undo puts back."""
    failed = Signal(str)
    """A one-line message for the window's message bar."""
    reextract_requested = Signal(object)
    """The Paths of the clips chosen to be made again from their saved pages."""
    move_requested = Signal(object)
    """Rename or Move… was chosen for the clip at this Path."""
    facets_changed = Signal(object)
    """The library's tags and sites with their counts (``index.Facets``), anew."""

    def __init__(self, library: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryPane")
        self._library = library
        self._holder: Library | None = None
        self._started = False
        self._closed = False
        self._listed_once = False
        self._list_task: Task[Any] | None = None
        self._more_task: Task[Any] | None = None
        self._sync_task: Task[Any] | None = None
        self._sync_again: tuple[bool, set[Path]] | None = None
        """A sync asked for while one ran: (full, files edited in place)."""
        self._full_wanted = False
        self._select_after: Path | None = None
        self._indexing: tuple[int, int] | None = None
        """(done, total) while many files are indexed."""
        self._facets_task: Task[Any] | None = None
        self.facets: Facets | None = None
        self.folders: list[Path] = []
        """The library's folders, as the last sync found them (Rename or Move… offers them)."""
        self._build()
        self._indexing_timer = QTimer(self)
        self._indexing_timer.setInterval(INDEXING_REFRESH_MS)
        self._indexing_timer.timeout.connect(self._refresh_while_indexing)
        self.watcher = FolderWatcher(self)
        self.watcher.changed.connect(self._on_folder_changed)
        app = QApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._on_application_state)

    # -- construction ------------------------------------------------------------------------

    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setObjectName("librarySearch")
        self.search.setPlaceholderText("Search clips (Ctrl+K)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search the library")
        self.search.setAcceptDrops(False)
        self.search.textChanged.connect(self._on_query_changed)
        self.search.returnPressed.connect(self.open_current)
        self.search.installEventFilter(self)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.refresh)

        self._browse: BrowseBar | None = None
        """The sort order and the tags and sites: made when the pane starts (after the
        window's first paint; it costs ~20 ms of start-up otherwise)."""
        self.search.textChanged.connect(self._show_filters)

        self.progress = QProgressBar()
        self.progress.setObjectName("libraryProgress")
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(3)
        self.progress.setStyleSheet(
            "QProgressBar { border: none; background: palette(midlight); }"
            "QProgressBar::chunk { background: palette(highlight); }")
        self.progress.hide()

        self.model = ClipListModel(self)
        self.model.more_wanted.connect(self._fetch_more)
        self.view = QListView()
        self.view.setObjectName("clipList")
        self.view.setModel(self.model)
        self.view.setItemDelegate(ClipDelegate(self.view))
        self.view.setUniformItemSizes(True)
        # Several clips can be chosen (Shift, Ctrl) to re-extract them together; the other
        # commands act on the current one.
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.setAcceptDrops(False)
        self.view.setAccessibleName("Clips")
        self.view.activated.connect(self._open_index)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)

        self.empty = QLabel()
        self.empty.setObjectName("libraryEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setContentsMargins(16, 16, 16, 16)
        self.empty.setTextFormat(Qt.TextFormat.RichText)
        self.empty.setBackgroundRole(QPalette.ColorRole.Base)  # the list's white, not grey
        self.empty.setAutoFillBackground(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)

        self.count = QLabel()
        self.count.setObjectName("libraryCount")
        self.count.setContentsMargins(10, 2, 10, 2)
        font = self.count.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self.count.setFont(font)
        for label in (self.count, self.empty):
            _mute(label)
        self._muted_dark = is_dark(self.palette())

        top = QVBoxLayout()
        top.setContentsMargins(6, 6, 6, 4)
        top.addWidget(self.search)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.count)

        def action(text: str, slot: Any, keys: QKeySequence.StandardKey | None) -> QAction:
            act = QAction(text, self.view)
            if keys is not None:  # active while the list has the focus
                act.setShortcut(QKeySequence(keys))
                act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
                self.view.addAction(act)
            act.triggered.connect(lambda _checked=False: slot())
            return act

        # Enter and double-click reach the view as ``activated``; the menu just says so.
        self.open_action = action("&Open\tEnter", self.open_current, None)
        self.reveal_action = action("&Reveal in File Manager", self.reveal_current, None)
        self.copy_path_action = action("&Copy Path", self.copy_current_path,
                                       QKeySequence.StandardKey.Copy)
        self.delete_action = action("Move to &Trash…", self.delete_current,
                                    QKeySequence.StandardKey.Delete)
        self.reextract_action = action("Re-e&xtract from Saved Page…",
                                       lambda: self.reextract_requested.emit(
                                           self.selected_paths()), None)
        self.move_action = action("Re&name or Move…", self.move_current, None)
        self.move_action.setShortcut(QKeySequence(Qt.Key.Key_F2))
        self.move_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.view.addAction(self.move_action)
        self.menu = QMenu(self)
        self.menu.addAction(self.open_action)
        self.menu.addAction(self.reveal_action)
        self.menu.addAction(self.copy_path_action)
        self.menu.addAction(self.reextract_action)
        self.menu.addAction(self.move_action)
        self.menu.addSeparator()
        self.menu.addAction(self.delete_action)
        self._show_state()

    # -- the library -------------------------------------------------------------------------

    @property
    def library(self) -> Path:
        return self._library

    def set_library(self, library: Path) -> None:
        """Show another library folder (chosen in Settings)."""
        if library == self._library:
            return
        started = self._started
        self.shutdown(for_good=False)
        self._library = library
        self._listed_once = False
        self.model.reset([], searching=False, total=None)
        self._show_state()
        if started:
            self.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._browse is not None:
            self._browse.facets.set_room(event.size().height())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and \
                is_dark(self.palette()) != self._muted_dark:  # light <-> dark: muted anew
            self._muted_dark = is_dark(self.palette())
            for label in (self.count, self.empty):
                label.setPalette(QPalette())
                _mute(label)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._started and not self._closed:
            # After the first paint: the window shows before the index is touched.
            self._started = True
            QTimer.singleShot(0, self, self.start)

    @property
    def browse(self) -> BrowseBar:
        """The sort order and the side list of tags and sites (made on first use)."""
        if self._browse is None:
            self._browse = BrowseBar()
            self._browse.sort_changed.connect(lambda _sort: self.refresh())
            self._browse.facets.chosen.connect(self.toggle_filter)
            self._browse.facets.set_room(self.height())
            layout = self.layout()
            assert isinstance(layout, QVBoxLayout)
            layout.insertWidget(1, self._browse)
            self._show_filters(self.query())
        return self._browse

    def _sort(self) -> Sort:
        return self._browse.current_sort() if self._browse is not None else "created"

    def start(self) -> None:
        """Open the index and list what it knows; a sync with the folder follows."""
        self.browse  # noqa: B018 - made now, after the first paint
        self._started = True
        if self._holder is None:
            self._holder = Library(self._library)
            self._listed_once = False
            self.refresh()

    def shutdown(self, for_good: bool = True) -> None:
        """Stop everything and close the index (quitting, or switching library)."""
        self._closed = for_good
        for task in (self._list_task, self._more_task, self._sync_task, self._facets_task):
            if task is not None:
                task.cancel()
        self._list_task = self._more_task = self._sync_task = self._facets_task = None
        self._sync_again = None
        self._full_wanted = False
        self._debounce.stop()
        self.watcher.stop()
        if self._holder is not None:
            self._holder.close()
            self._holder = None
        self._started = False
        self._set_indexing(None)

    def is_ready(self) -> bool:
        """The library has been listed and synced with its folder, nothing more under way."""
        return self._listed_once and not self.is_busy()

    def is_busy(self) -> bool:
        """Listing, searching or syncing is still under way (tests wait for this)."""
        return self._debounce.isActive() or any(
            t is not None and t.running for t in (self._list_task, self._more_task,
                                                  self._sync_task, self._facets_task))

    # -- listing and searching ---------------------------------------------------------------

    def query(self) -> str:
        return self.search.text()

    def _on_query_changed(self, _text: str) -> None:
        self._debounce.start()

    def refresh(self) -> None:
        """List (or search) again; the current clip stays selected if it is still there."""
        self._debounce.stop()
        if self._holder is None:
            return
        for task in (self._list_task, self._more_task):
            if task is not None:
                task.cancel()
        self._more_task = None
        query = self.query()
        if jobs.has_words(query):
            limit = jobs.SEARCH_LIMIT
        else:
            loaded = 0 if self.model.searching else self.model.rowCount()
            limit = max(jobs.PAGE_SIZE, loaded)
        self._list_task = tasks.run_in_background(
            partial(jobs.list_library, self._holder, query, 0, limit,
                    sort=self._sort()),
            on_done=partial(self._on_listed, self._holder), on_error=self._on_list_failed,
            name="library list")

    def _on_listed(self, holder: Library, listing: jobs.Listing) -> None:
        self._list_task = None
        if holder is not self._holder or listing.query != self.query() \
                or listing.sort != self._sort():
            return  # another library, or typed on since: a newer search follows
        searching = jobs.has_words(listing.query)
        keep = self._select_after or self.current_path()
        same_kind = searching == self.model.searching
        if searching and same_kind and self._select_after is None \
                and self.view.currentIndex().row() == 0:
            keep = None  # the best match stays selected as better ones are indexed
        position = self.view.verticalScrollBar().value()
        self.model.reset(listing.clips, searching=searching, total=listing.total)
        row = self.model.row_of(keep) if keep is not None else None
        if row is None and searching and self.model.rowCount():
            row = 0  # Enter opens the best match
        if row is not None:
            index = self.model.index(row, 0)
            self.view.setCurrentIndex(index)
            if self._select_after is not None or not same_kind:
                self.view.scrollTo(index)
            else:
                self.view.verticalScrollBar().setValue(position)
        elif same_kind:
            self.view.verticalScrollBar().setValue(position)
        self._select_after = None
        self._show_state()
        if not self._listed_once:
            self._listed_once = True
            self.request_sync()
            self.refresh_facets()

    def _on_list_failed(self, error: BaseException) -> None:
        self._list_task = None
        self.failed.emit(error_text(error, "listing the library"))

    @Slot(int)
    def _fetch_more(self, offset: int) -> None:
        if self._holder is None or self.model.searching or (
                self._more_task is not None and self._more_task.running):
            return
        self._more_task = tasks.run_in_background(
            partial(jobs.list_library, self._holder, self.query(), offset, jobs.PAGE_SIZE,
                    sort=self._sort()),
            on_done=partial(self._on_more, self._holder), on_error=self._on_list_failed,
            name="library page")

    def _on_more(self, holder: Library, listing: jobs.Listing) -> None:
        self._more_task = None
        if holder is self._holder and listing.query == self.query() \
                and listing.sort == self._sort() and not self.model.searching:
            self.model.append(listing.offset, listing.clips, listing.total)
            self._show_state()

    # -- keeping up with the folder ----------------------------------------------------------

    def request_sync(self, full: bool = True, edited: Iterable[Path] = ()) -> None:
        """Compare the index with the files (now, or after the sync under way).

        ``full``: every file's stat; else their names and inodes, and the ``edited`` files
        (``jobs.sync_library``): what a folder watcher's news needs, several times cheaper.
        """
        if self._holder is None:
            return
        if self._sync_task is not None and self._sync_task.running:
            again_full, again_edited = self._sync_again or (False, set())
            self._sync_again = (again_full or full, again_edited | set(edited))
            return
        self._sync_again = None
        self._sync_task = tasks.run_in_background(
            partial(jobs.sync_library, self._holder, full, tuple(edited)),
            on_done=partial(self._on_synced, self._holder), on_error=self._on_sync_failed,
            on_progress=self._on_sync_progress, name="library sync")

    @Slot()
    def _on_folder_changed(self) -> None:
        full, self._full_wanted = self._full_wanted, False
        self.request_sync(full, self.watcher.take_files())

    def _on_sync_progress(self, stage: str, done: int, total: int | None) -> None:
        if total and (total >= PROGRESS_FROM or not self.model.rowCount()):
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self._set_indexing((done, total))
            if not self.model.rowCount() and not self.query().strip():
                self.empty.setText(f"Indexing your library… {done:,} of {total:,} clips")
            self._show_count()

    def _set_indexing(self, progress: tuple[int, int] | None) -> None:
        self._indexing = progress
        self.progress.setVisible(progress is not None)
        if progress is None:
            self._indexing_timer.stop()
            self._show_count()  # no "indexing …" left while the last listing is on its way
        elif not self._indexing_timer.isActive():
            self._indexing_timer.start()

    @Slot()
    def _refresh_while_indexing(self) -> None:
        """What is indexed so far, listed or searched (unless the last try is still busy)."""
        if self._list_task is None or not self._list_task.running:
            self.refresh()

    def _on_synced(self, holder: Library, report: jobs.SyncReport) -> None:
        self._sync_task = None
        if holder is not self._holder:
            return
        was_indexing = self._indexing is not None
        self._set_indexing(None)
        self.watcher.watch(report.folders, report.files)
        self.folders = list(report.folders)
        if report.changed or was_indexing:
            self.refresh()
            self.refresh_facets()
        else:
            self._show_state()
        if self._sync_again is not None:
            self.request_sync(*self._sync_again)

    def _on_sync_failed(self, error: BaseException) -> None:
        self._sync_task = None
        self._set_indexing(None)
        self._show_state()
        self.failed.emit(error_text(error, "reading the library"))

    @Slot(Qt.ApplicationState)
    def _on_application_state(self, state: Qt.ApplicationState) -> None:
        # Back from another program (an editor, a sync tool): catch up with what it changed,
        # including files too many to watch one by one (every file's stat).
        if state == Qt.ApplicationState.ApplicationActive and self._listed_once:
            self._full_wanted = True
            self.watcher.poke()

    def show_saved(self, path: Path) -> None:
        """A clip was just saved or updated from the window: list it, selected."""
        self._select_after = path
        if self._holder is None:
            if self._started:
                self.start()
            return
        self.refresh()
        self.refresh_facets()
        if not self.watcher.watched():  # the save created the library folder: watch it now
            self.request_sync()

    # -- what is shown -----------------------------------------------------------------------

    def _show_state(self) -> None:
        rows = self.model.rowCount()
        query = self.query().strip()
        if rows:
            self.stack.setCurrentWidget(self.view)
        else:
            if query:
                self.empty.setText(f"No clips match “{_escape(query)}”.")
            elif self._indexing is not None:
                pass  # the progress text stays
            elif self._holder is None or not self._listed_once:
                self.empty.setText("")
            else:
                self.empty.setText(f"<p><b>No clips yet</b></p><p>{EMPTY_HINT}</p>")
            self.stack.setCurrentWidget(self.empty)
        self._show_count()

    def _show_count(self) -> None:
        rows = self.model.rowCount()
        if jobs.has_words(self.query().strip()):
            many = rows >= jobs.SEARCH_LIMIT
            text = (f"Best {rows} matches" if many else
                    f"{rows} match{'es' if rows != 1 else ''}")
        elif self.model.total:
            total = self.model.total
            text = f"{total:,} clip{'s' if total != 1 else ''}"
        else:
            text = ""
        if self._indexing is not None:
            done, total = self._indexing
            if text and (self.query().strip() or (self.model.total or 0) > done):
                text = f"{text} · indexing {done:,} of {total:,}"
            else:  # a first build: what is listed is what is indexed
                text = f"Indexing {done:,} of {total:,} clips"
        self.count.setText(text)

    def empty_text(self) -> str:
        """What the pane says instead of a list ("" while it shows clips)."""
        if self.stack.currentWidget() is not self.empty:
            return ""
        return _plain(self.empty.text())

    def titles(self) -> list[str]:
        return [c.title for c in self.model.clips()]

    def key_rows(self) -> list[tuple[str, str]]:
        """The pane's keys for the list of shortcuts (F1), from its own actions."""

        def keys(action: QAction) -> str:
            return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)

        return [("Open the selected clip", "Enter"),
                ("Move through the clips or results", "Up, Down"),
                ("Copy the clip's path", keys(self.copy_path_action)),
                ("Rename or move the clip", keys(self.move_action)),
                ("Move the clip to the trash", keys(self.delete_action)),
                ("Clear the search", "Esc")]

    # -- commands ----------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def current_clip(self) -> ClipSummary | None:
        index = self.view.currentIndex()
        return self.model.clip_at(index.row()) if index.isValid() else None

    def handle(self) -> Library | None:
        """The library handle the pane lists from, once started: saves, updates and
        deletions recorded through it are in the list at once."""
        return self._holder

    def current_path(self) -> Path | None:
        clip = self.current_clip()
        return clip.path if clip is not None else None

    def selected_paths(self) -> list[Path]:
        """The clips chosen in the list, in its order (the current one when none is)."""
        rows = sorted(index.row() for index in self.view.selectionModel().selectedRows())
        paths = [clip.path for row in rows if (clip := self.model.clip_at(row)) is not None]
        current = self.current_path()
        return paths or ([current] if current is not None else [])

    def select_path(self, path: Path) -> bool:
        row = self.model.row_of(path)
        if row is None:
            return False
        self.view.setCurrentIndex(self.model.index(row, 0))
        return True

    def show_current(self, path: Path | None) -> None:
        """The clip now in the editor is the one highlighted; a page not saved, none."""
        if path is None:
            self.view.clearSelection()
            self.view.setCurrentIndex(QModelIndex())
        elif self.current_path() != path:
            self._select_after = path  # if it is not listed yet, once it is
            self.select_path(path)

    def _open_index(self, index: QModelIndex) -> None:
        path = index.data(PATH_ROLE)
        if isinstance(path, Path):
            self.open_requested.emit(path)

    def open_current(self) -> None:
        """Enter: the selected clip, else the first one listed."""
        index = self.view.currentIndex()
        if not index.isValid() and self.model.rowCount():
            index = self.model.index(0, 0)
            self.view.setCurrentIndex(index)
        if index.isValid():
            self._open_index(index)

    def reveal_current(self) -> None:
        path = self.current_path()
        if path is not None:
            reveal.reveal(path, self, failed=self.failed.emit)

    def copy_current_path(self) -> None:
        path = self.current_path()
        if path is not None:
            QApplication.clipboard().setText(str(path))

    def delete_current(self) -> None:
        """Del: the clips chosen in the list (as Re-extract takes them), else the current."""
        chosen = [clip for path in self.selected_paths()
                  if (row := self.model.row_of(path)) is not None
                  and (clip := self.model.clip_at(row)) is not None]
        if len(chosen) > 1:
            self._delete_many(chosen)
            return
        clip = self.current_clip()
        if clip is None or not prompts.ask_delete(self.window(), clip.title, clip.path):
            return
        tasks.run_in_background(partial(jobs.delete_from_library, clip.path, self._holder),
                                on_done=partial(self._on_deleted, clip.title, clip.path),
                                on_error=lambda e: self.failed.emit(
                                    error_text(e, "moving the clip to the trash")),
                                name="delete clip")

    def _on_deleted(self, title: str, path: Path, trashed: object) -> None:
        had_focus = self.view.hasFocus()
        row = self.model.remove(path)
        if row is not None and self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1), 0))
        self._show_state()
        if had_focus and not self.model.rowCount():
            self.search.setFocus()
        self.refresh_facets()
        self.deleted.emit(path, title, trashed)

    def _delete_many(self, clips: list[ClipSummary]) -> None:
        if not prompts.ask_delete_many(self.window(), [(c.title, c.path) for c in clips]):
            return
        tasks.run_in_background(
            partial(jobs.delete_many_from_library, [c.path for c in clips], self._holder),
            on_done=partial(self._on_deleted_many, {c.path: c.title for c in clips}),
            on_error=lambda e: self.failed.emit(error_text(e, "moving the clips to the trash")),
            name="delete clips")

    def _on_deleted_many(self, titles: dict[Path, str], done: jobs.TrashedMany) -> None:
        rows = [row for path, _ in done.trashed if (row := self.model.remove(path)) is not None]
        if rows and self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(min(min(rows),
                                                           self.model.rowCount() - 1), 0))
        self._show_state()
        self.refresh_facets()
        paths = [path for path, _ in done.trashed]
        if paths:  # the title of one, else how many: the session says "Moved 2 clips…"
            self.deleted.emit(paths, titles[paths[0]] if len(paths) == 1
                              else f"{len(paths)} clips", done)
        if done.error:
            self.failed.emit(f"Not every clip was moved to the trash: {done.error}")

    def move_current(self) -> None:
        path = self.current_path()
        if path is not None:
            self.move_requested.emit(path)

    # -- tags and sites ----------------------------------------------------------------------

    def refresh_facets(self) -> None:
        """Count the library's tags and sites again (after a sync, a save, a delete)."""
        if self._holder is None:
            return
        if self._facets_task is not None:
            self._facets_task.cancel()
        self._facets_task = tasks.run_in_background(
            partial(jobs.library_facets, self._holder),
            on_done=partial(self._on_facets, self._holder),
            on_error=lambda _e: setattr(self, "_facets_task", None), name="library facets")

    def _on_facets(self, holder: Library, facets: Facets | None) -> None:
        self._facets_task = None
        if holder is not self._holder or facets is None:
            return
        self.facets = facets
        self.browse.facets.set_facets(facets)
        self.facets_changed.emit(facets)

    def toggle_filter(self, kind: str, value: str) -> None:
        """A tag or site clicked: into the search field, or out of it when it was there."""
        from clipper.library.query import filter_text, split_filters

        query = self.query()
        filters, words = split_filters(query)
        active = filters.tags if kind == "tag" else filters.sites
        if any(v.lower() == value.lower() for v in active):
            kept = [filter_text("tag", t) for t in filters.tags
                    if not (kind == "tag" and t.lower() == value.lower())]
            kept += [filter_text("site", t) for t in filters.sites
                     if not (kind == "site" and t.lower() == value.lower())]
            text = " ".join([*kept, words.strip()]).strip()
        else:
            text = " ".join(p for p in (query.strip(), filter_text(kind, value)) if p)
        self.search.setText(text + (" " if text else ""))
        self.search.setFocus()
        self.search.end(False)
        self.refresh()

    def _show_filters(self, text: str) -> None:
        if self._browse is None:
            return
        from clipper.library.query import split_filters

        filters, _words = split_filters(text)
        self._browse.facets.set_active({("tag", t) for t in filters.tags}
                                      | {("site", s) for s in filters.sites})

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if index.isValid():
            if not self.view.selectionModel().isSelected(index):
                self.view.setCurrentIndex(index)  # a click outside the chosen clips: this one
            n = len(self.selected_paths())
            self.reextract_action.setText("Re-e&xtract from Saved Page…" if n == 1
                                          else f"Re-e&xtract {n} Clips from Saved Pages…")
            self.menu.popup(self.view.viewport().mapToGlobal(pos))

    # -- keys in the search field ------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and isinstance(event, QKeyEvent):
            key = event.key()
            escape = key == Qt.Key.Key_Escape and bool(self.search.text())
            if event.type() == QEvent.Type.ShortcutOverride and escape:
                event.accept()  # Esc clears the search instead of the window's "stop"
                return True
            if event.type() == QEvent.Type.KeyPress:
                if escape:
                    self.search.clear()
                    return True
                if key in _NAVIGATION_KEYS and self.model.rowCount():
                    # Arrows move through the results while the typing goes on.
                    QApplication.sendEvent(self.view, QKeyEvent(event.type(), key,
                                                                event.modifiers()))
                    return True
        return super().eventFilter(watched, event)


def _mute(label: QLabel) -> None:
    """Secondary text: the text colour two fifths of the way to the background."""
    palette = label.palette()
    text = palette.color(QPalette.ColorRole.WindowText)
    back = palette.color(label.backgroundRole())
    palette.setColor(QPalette.ColorRole.WindowText, QColor(
        (text.red() * 3 + back.red() * 2) // 5, (text.green() * 3 + back.green() * 2) // 5,
        (text.blue() * 3 + back.blue() * 2) // 5))
    label.setPalette(palette)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _plain(html: str) -> str:
    import re

    text = re.sub(r"</p>\s*<p>", "\n", html)
    text = re.sub(r"<[^>]+>", "", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip()

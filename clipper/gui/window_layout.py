"""The window's layout from 800×500 to 4K: pane widths, their minimums, kept between runs.

Qt's dock area gives up width when the window shrinks and never takes it back: after
making the window small and large again the library pane stayed ~80 px wide ("Is Footb…")
until dragged. So the pane's width is remembered as the person last set it, and given
back whenever the window has room again. The article pane gets the larger share of the
splitter by default (it is what is being read and edited), and every pane keeps a width
at which its text is still readable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from .window_state import read_bytes, read_text, window_settings

if TYPE_CHECKING:
    from .main_window import MainWindow

LIBRARY_WIDTH = 280
LIBRARY_MIN = 170
"""Narrower, titles read "Is Footb…"."""
SOURCE_MIN = 180
ARTICLE_MIN = 300
ARTICLE_SHARE = 0.58
"""The article's part of the splitter by default: never narrower than the source."""
DEFAULT_SIZE = (1280, 820)
NARROW_WINDOW = 1100
"""Below this window width the library pane takes at most a quarter of it."""


def library_dock(w: QMainWindow, pane: QWidget) -> QDockWidget:
    """The library pane docked on the left; it can be closed or moved to the right."""
    dock = QDockWidget("Library", w)
    dock.setObjectName("libraryDock")
    dock.setWidget(pane)
    dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                     | QDockWidget.DockWidgetFeature.DockWidgetMovable)
    dock.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea
                         | Qt.DockWidgetArea.RightDockWidgetArea)
    w.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    return dock


def set_minimums(w: MainWindow) -> None:
    w.library_pane.setMinimumWidth(LIBRARY_MIN)
    w.raw_view.setMinimumWidth(SOURCE_MIN)
    w.article_side.setMinimumWidth(ARTICLE_MIN)


def default_splitter(w: MainWindow) -> None:
    total = max(w.splitter.width(), w.width() - w.library_dock.width())
    article = round(total * ARTICLE_SHARE)
    w.splitter.setSizes([total - article, article])


def restore(w: MainWindow) -> None:
    """Size, dock and splitter as they were (else defaults that fit the screen)."""
    store = window_settings()
    geometry = read_bytes(store, "window/geometry")
    if geometry is None or not w.restoreGeometry(geometry):
        screen = QGuiApplication.primaryScreen()
        area = screen.availableGeometry() if screen else None
        width, height = DEFAULT_SIZE
        if area is not None and area.width() > 0:
            width = min(width, int(area.width() * 0.92))
            height = min(height, int(area.height() * 0.9))
        w.resize(width, height)
    state = read_bytes(store, "window/state")
    if state is None or not w.restoreState(state):
        w.resizeDocks([w.library_dock], [LIBRARY_WIDTH], Qt.Orientation.Horizontal)
    # the right width for this window (the pane's object as context: never after it is gone)
    QTimer.singleShot(0, w.library_width, w.library_width.grow_back)
    splitter = read_bytes(store, "window/splitter")
    if splitter is None or not w.splitter.restoreState(splitter):
        default_splitter(w)
    width = store.value("window/library_width")
    w.library_width.wanted = int(width) if isinstance(width, (int, str)) and \
        str(width).isdigit() else LIBRARY_WIDTH
    w.loader.last_open_dir = read_text(store, "folders/open")
    w.saver.last_save_as_dir = read_text(store, "folders/save_as")


def save(w: MainWindow) -> None:
    store = window_settings()
    store.setValue("window/geometry", w.saveGeometry())
    store.setValue("window/state", w.saveState())
    store.setValue("window/splitter", w.splitter.saveState())
    store.setValue("window/library_width", w.library_width.wanted)
    store.setValue("folders/open", w.loader.last_open_dir)
    store.setValue("folders/save_as", w.saver.last_save_as_dir)
    store.sync()


class LibraryWidth(QObject):
    """Keeps the width the person gave the library pane (by dragging its edge), and gives
    it back when the window grows again (Qt only ever takes it away)."""

    def __init__(self, w: MainWindow) -> None:
        super().__init__(w)
        self._w = w
        self.wanted = LIBRARY_WIDTH
        w.library_dock.installEventFilter(self)
        w.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        w = self._w
        if event.type() == QEvent.Type.Resize:
            if watched is w:
                QTimer.singleShot(0, self, self.grow_back)
            elif watched is w.library_dock and self._dragging():
                self.wanted = max(LIBRARY_MIN, w.library_dock.width())
        return False

    def _dragging(self) -> bool:
        """The pane's edge is being dragged: the mouse is down on the window's separator
        (a window resized by its frame is the window manager's drag, not seen here)."""
        dock = self._w.library_dock
        return bool(QGuiApplication.mouseButtons() & Qt.MouseButton.LeftButton) \
            and dock.isVisible() and not dock.isFloating()

    def target(self) -> int:
        """The pane's width for this window: what the person chose, or less in a small
        window (at 800 px, 280 px of library leave the source a sliver)."""
        width = self._w.width()
        cap = self.wanted if width >= NARROW_WINDOW else max(LIBRARY_MIN, width // 4)
        return max(LIBRARY_MIN, min(self.wanted, cap, width - ARTICLE_MIN - SOURCE_MIN - 40))

    def grow_back(self) -> None:
        w = self._w
        dock = w.library_dock
        if not dock.isVisible() or dock.isFloating() or self._dragging():
            return
        width = self.target()
        if abs(width - dock.width()) > 2:
            w.resizeDocks([dock], [width], Qt.Orientation.Horizontal)

"""What a drop or the clipboard offers, read out of Qt's mime data as plain bytes, and the
window as a place to drop pages on.

The bytes then go to ``mime`` (no Qt), which decides what they are.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QByteArray, QEvent, QMimeData, QObject, QTimer
from PySide6.QtGui import QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QWidget

from .mime import MOZ_URL, Dropped, dropped_items

MAX_CLIPBOARD_BYTES = 32 * 1024 * 1024
"""A format larger than this is left out (a page copied whole is a few MB at most)."""


def mime_formats(mime: QMimeData | None) -> dict[str, bytes]:
    if mime is None:
        return {}
    out: dict[str, bytes] = {}
    for fmt in mime.formats():
        data: QByteArray = mime.data(fmt)
        if data.size() <= MAX_CLIPBOARD_BYTES:
            out[fmt] = bytes(data.data())
    return out


def droppable(mime: QMimeData | None) -> bool:
    """Files, links, or one line of text (an address): what the window takes from a drag."""
    if mime is None:
        return False
    if mime.hasUrls() or mime.hasFormat(MOZ_URL):
        return True
    return mime.hasText() and "\n" not in mime.text().strip() and bool(mime.text().strip())


class DropTarget(QObject):
    """Files and links dropped anywhere on ``window`` open (the first) and queue (the rest);
    while they are dragged over it, ``show(True)`` shows where they will go."""

    def __init__(self, window: QWidget, show: Callable[[bool], None],
                 open_sources: Callable[[Dropped], None]) -> None:
        super().__init__(window)
        self._show = show
        self._open = open_sources
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and \
                isinstance(event, QDragMoveEvent):
            accepted = droppable(event.mimeData())
            self._show(accepted)  # where it will go: the whole window
            if accepted:
                event.acceptProposedAction()
            else:
                event.ignore()
            return True
        if kind == QEvent.Type.DragLeave:
            self._show(False)
            return True
        if kind == QEvent.Type.Drop and isinstance(event, QDropEvent):
            self._show(False)
            dropped = dropped_items(mime_formats(event.mimeData()))
            if not dropped.sources and not dropped.skipped:
                event.ignore()
                return True
            event.acceptProposedAction()
            # Let the drag source finish before a prompt may open.
            QTimer.singleShot(0, partial(self._open, dropped))
            return True
        return False

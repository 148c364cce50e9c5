"""Steps a person takes in the window, for the tests: wait for a page, drop files, press
keys, type; and a picture to serve."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent, QImage
from PySide6.QtWidgets import QApplication

TIMEOUT = 20_000


def wait_loaded(qtbot, window, title_part: str = "") -> None:
    """Until the page is shown and the background work about it has finished."""
    qtbot.waitUntil(lambda: not window.is_loading() and window.has_clip()
                    and title_part in window.form.title.text() and window.raw_view_ready(),
                    timeout=TIMEOUT)


def wait_idle(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.is_loading() and not window.is_saving(), timeout=TIMEOUT)


def drop(window, *, paths: list[Path] = (), urls: list[str] = (), text: str | None = None,
         formats: dict[str, bytes] | None = None, target=None) -> QMimeData:
    """A real drag-enter, drag-move and drop on ``target`` (default: the window)."""
    mime = QMimeData()
    qurls = [QUrl.fromLocalFile(str(p)) for p in paths] + [QUrl(u) for u in urls]
    if qurls:
        mime.setUrls(qurls)
    if text is not None:
        mime.setText(text)
    for fmt, data in (formats or {}).items():
        mime.setData(fmt, data)
    widget = target or window
    pos = QPointF(widget.width() / 2, widget.height() / 2)
    actions = Qt.DropAction.CopyAction | Qt.DropAction.LinkAction
    buttons = Qt.MouseButton.LeftButton
    none = Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(pos.toPoint(), actions, mime, buttons, none)
    QApplication.sendEvent(widget, enter)
    move = QDragMoveEvent(pos.toPoint(), actions, mime, buttons, none)
    QApplication.sendEvent(widget, move)
    event = QDropEvent(pos, actions, mime, buttons, none)
    QApplication.sendEvent(widget, event)
    return mime  # keep it alive while Qt may still look at it


def press(qtbot, window, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """A key press as a person makes it: to the widget that has focus in the active window.

    Offscreen there is no window manager to give the window back its activation after
    a dialog closes, so it is done here, as a click on the window would.
    """
    if not window.isActiveWindow():
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, key, modifiers)


def type_at_end(qtbot, field, text: str) -> None:
    """Click into a line edit, go to its end and type (fields show their start when filled)."""
    field.setFocus()
    field.end(False)
    qtbot.keyClicks(field, text)


def png_bytes(width: int = 40, height: int = 30) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366cc"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())

"""Small steps the window tests share: wait for a page, drop files, press keys, answer
dialogs, make a picture."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, QPointF, Qt, QTimer, QUrl
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


_SENTENCES = [
    "The council met on Tuesday evening to discuss the new budget for the harbour district.",
    "Several residents asked why the ferry timetable had changed without any public notice.",
    "Officials said the repairs to the old pier would take at least another eighteen months.",
    "A local historian pointed out that the pier was first built in 1887 by a fishing guild.",
    "Shop owners along the quay reported fewer visitors since the main road was closed.",
    "The mayor promised a written answer to every question raised during the meeting.",
    "Engineers have found that the wooden piles are in better shape than first feared.",
    "A petition asking for a temporary footbridge has gathered more than two thousand names.",
    "The next public session is planned for early spring, once the survey has been published.",
]


def article_page(title: str, paragraphs: int = 8) -> str:
    """A small but realistic article page (distinct sentences, some boilerplate around it)."""
    body = "".join(
        f"<p>{title} — part {i + 1}. " + " ".join(_SENTENCES[(i + k) % len(_SENTENCES)]
                                                  for k in range(3)) + "</p>"
        for i in range(paragraphs))
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
            "</head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
            f"<article><h1>{title}</h1>{body}</article>"
            "<footer>Copyright 2024 The Harbour Gazette</footer></body></html>")


def png_bytes(width: int = 40, height: int = 30) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366cc"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def run_modal(qtbot, kind: type, act, read=lambda dialog: dialog.windowTitle()) -> list[str]:
    """Act on the next modal dialog of ``kind`` once it is shown; ``read(dialog)`` of those
    seen (by default their titles).

    Only a string is kept: ``poll`` refers to itself, so it is freed by Python's cycle
    collector, possibly in a worker thread, and a dialog (Python's after ``exec()``) kept
    here would be destroyed there (Qt warns, then crashes).
    """
    seen: list[str] = []

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            seen.append(read(dialog))
            act(dialog)
        else:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)
    return seen

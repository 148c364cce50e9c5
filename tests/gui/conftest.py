"""Qt tests run offscreen (see ``qt_env``), each with a fresh main window."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import helpers.qt_env  # noqa: F401  (sets up Qt before any QApplication)
import pytest
from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QApplication


@pytest.fixture
def window_factory(qtbot, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[], object]]:
    """Makes shown, active main windows; all closed at the end without asking about edits."""
    from PySide6.QtGui import QDesktopServices

    from clipper.gui import tasks
    from clipper.gui.app import make_app
    from clipper.gui.main_window import MainWindow

    opened: list[str] = []
    # True: a program took it, as a desktop with a file manager and a browser says
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toString()) or True)
    make_app()
    made: list[MainWindow] = []
    guard = _ModalGuard()

    def forget(w: MainWindow) -> None:
        """What closing would ask about (edits, queued pages), given up."""
        w.session.discard_edits()
        w.session.queue.clear()

    def make() -> MainWindow:
        w = MainWindow()
        w.opened_urls = opened  # type: ignore[attr-defined]
        # pytest-qt closes the window before fixture teardown: never ask about edits then
        qtbot.addWidget(w, before_close_func=forget)
        with qtbot.waitExposed(w):
            w.show()
        with qtbot.waitActive(w):
            w.activateWindow()
        made.append(w)
        return w

    yield make
    guard.stop()
    # A QMimeData made in Python and left on the clipboard is destroyed by Qt's exit
    # handlers after Python has finalized: the process then ends in a segmentation fault
    # (seen with test_window_paste.py run alone, on main too). Cleared while Python lives.
    QApplication.clipboard().clear()
    for w in made:
        forget(w)
        w.close()
    assert tasks.wait_for_all(10_000), "a background task did not stop"
    # pytest-qt only asked for deleteLater(): delete the windows now, on this thread. Left
    # to Python's cycle collector, a window could be destroyed in a worker thread of a later
    # test ("QBasicTimer::stop: Failed", then a segmentation fault).
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not guard.closed, f"dialogs nobody answered: {guard.closed}"


@pytest.fixture
def window(window_factory: Callable[[], object]) -> object:
    """A shown, active main window; closed at the end without asking about edits."""
    return window_factory()


class _ModalGuard:
    """Closes a modal dialog left open by a failing test, so the run fails instead of hanging."""

    LIMIT = 15  # seconds; answered dialogs close within milliseconds

    def __init__(self) -> None:
        self.closed: list[str] = []
        self._seen: object = None
        self._ticks = 0
        self._timer = QTimer()
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._check)
        self._timer.start()

    def _check(self) -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or modal is not self._seen:
            self._seen, self._ticks = modal, 0
            return
        self._ticks += 1
        if self._ticks >= self.LIMIT:
            self.closed.append(modal.windowTitle())
            modal.close()

    def stop(self) -> None:
        self._timer.stop()
        # Break the timer <-> guard cycle: the cycle collector may run in a worker thread,
        # and a QTimer destroyed there makes Qt warn (and may crash the run).
        self._timer.timeout.disconnect(self._check)

"""Answering the window's modal dialogs in tests, as a person clicks their buttons."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


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


def answer_dialog(qtbot, choose: Callable[[QMessageBox], None]) -> list[str]:
    """Answer the next modal message box with ``choose(box)``; returns its text when seen."""
    return run_modal(qtbot, QMessageBox, choose, read=QMessageBox.text)


def click_button(text: str) -> Callable[[QMessageBox], None]:
    def choose(box: QMessageBox) -> None:
        for button in box.buttons():
            if button.text().replace("&", "") == text:
                button.click()
                return
        raise AssertionError(f"no button {text!r} in {[b.text() for b in box.buttons()]}")

    return choose


def click_standard(which: QMessageBox.StandardButton) -> Callable[[QMessageBox], None]:
    def choose(box: QMessageBox) -> None:
        button = box.button(which)
        assert button is not None, f"no {which} button"
        button.click()

    return choose

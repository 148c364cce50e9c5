"""A dismissable message strip above the panes, instead of modal error boxes.

Errors must not block the window or cost a person what they typed, so they are
shown here (one line, plus the hint) and stay until dismissed or replaced.
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QWidget,
)

from ..theme import colors, switched

Level = Literal["error", "warning", "info", "success"]



class MessageBar(QFrame):
    """One message at a time, with an optional action button and a close button."""

    action_triggered = Signal()
    dismissed = Signal()
    """Hidden, by its close button or by the window: the message no longer stands."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.level: Level | None = None
        self._label = QLabel()
        self._label.setObjectName("messageText")
        self._label.setWordWrap(True)
        self._label.setTextFormat(Qt.TextFormat.PlainText)
        self._label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._action = QPushButton()
        self._action.hide()
        self._action.clicked.connect(self.action_triggered)
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip("Dismiss")
        close.setAccessibleName("Dismiss message")
        close.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 6, 6)
        layout.setSpacing(8)
        layout.addWidget(self._label, 1)
        layout.addWidget(self._action)
        layout.addWidget(close)
        self.hide()
        # A style sheet keeps palette changes from reaching it: told of a switch instead.
        switched().connect(self._restyle)

    def text(self) -> str:
        return "" if self.isHidden() else self._label.text()

    def show_message(self, text: str, level: Level = "error", action: str | None = None,
                     details: str = "") -> None:
        """``details`` (e.g. every address of a list the text shortens) shows on hover."""
        self.level = level
        self._style()
        self._label.setText(text)
        self._label.setToolTip(details)
        self._action.setVisible(action is not None)
        if action:
            self._action.setText(action)
        self.show()

    @Slot(bool)
    def _restyle(self, _dark: bool) -> None:
        self._style()

    def _style(self) -> None:
        """The level's colours, light or dark as the palette in use."""
        if self.level is None:
            return
        background, border, foreground = colors(QApplication.palette()).notices[self.level]
        sheet = (f"#messageBar {{ background: {background}; border: 1px solid {border};"
                 f" border-radius: 4px; }} #messageText {{ color: {foreground}; }}")
        if sheet != self.styleSheet():
            self.setStyleSheet(sheet)

    def dismiss(self) -> None:
        self.level = None
        self._label.clear()
        self.hide()
        self.dismissed.emit()

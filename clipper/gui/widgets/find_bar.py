"""Find in the article: a bar under the Preview and Markdown tabs (Ctrl+F, F3, Shift+F3).

It searches whichever of the two is shown, from the cursor on and round the end, selects
the match and says "3 of 12"; Enter finds the next, Shift+Enter the previous, Esc closes
the bar and puts the focus back in the article.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QToolButton,
    QWidget,
)

FIND_BAR_KEYS = [("Next match", "Enter, F3"), ("Previous match", "Shift+Enter, Shift+F3"),
                 ("Close the find bar", "Esc")]
"""The bar's own keys, for the list of shortcuts (F1)."""
MAX_COUNTED = 999
"""Matches counted for "n of m" (more are still found, one by one)."""

Searchable = QPlainTextEdit | QTextEdit


class FindBar(QWidget):
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.field = QLineEdit()
        self.field.setObjectName("findField")
        self.field.setPlaceholderText("Find in the article")
        self.field.setAccessibleName("Find in the article")
        self.field.setClearButtonEnabled(True)
        self.field.setAcceptDrops(False)
        self.field.textEdited.connect(lambda _text: self.search(forward=True, from_start=True))
        self.field.installEventFilter(self)
        self.count = QLabel()
        self.count.setObjectName("findCount")
        self.count.setMinimumWidth(80)
        previous = QToolButton()
        previous.setText("▲")
        previous.setToolTip("Previous match (Shift+F3, Shift+Enter)")
        previous.clicked.connect(lambda: self.search(forward=False))
        following = QToolButton()
        following.setText("▼")
        following.setToolTip("Next match (F3, Enter)")
        following.clicked.connect(lambda: self.search(forward=True))
        close = QToolButton()
        close.setText("✕")
        close.setToolTip("Close (Esc)")
        close.clicked.connect(self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(close)
        self._target: Searchable | None = None
        self.hide()

    def open_on(self, target: Searchable) -> None:
        """Ctrl+F: show the bar for ``target``, the selected text as what to find."""
        self._target = target
        selected = target.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.field.setText(selected)
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()
        self._count()

    def set_target(self, target: Searchable) -> None:
        """The article view shown changed (Preview / Markdown): search that one now."""
        self._target = target
        if self.isVisible():
            self._count()

    def search(self, forward: bool = True, from_start: bool = False) -> bool:
        """The next (or previous) match after the cursor, round the end; False if none."""
        target, text = self._target, self.field.text()
        if target is None or not text:
            self.count.setText("")
            return False
        flags = QTextDocument.FindFlag(0) if forward else QTextDocument.FindFlag.FindBackward
        cursor = target.textCursor()
        if from_start:
            cursor.setPosition(min(cursor.selectionStart(), cursor.selectionEnd()))
        found = target.document().find(text, cursor, flags)
        if found.isNull():  # round the end
            start = QTextCursor(target.document())
            if not forward:
                start.movePosition(QTextCursor.MoveOperation.End)
            found = target.document().find(text, start, flags)
        if found.isNull():
            self.count.setText("No matches")
            self.field.setStyleSheet("QLineEdit { background: #fbe3e3; }")
            return False
        self.field.setStyleSheet("")
        target.setTextCursor(found)
        target.ensureCursorVisible()
        self._count()
        return True

    def _count(self) -> None:
        target, text = self._target, self.field.text()
        if target is None or not text:
            self.count.setText("")
            return
        doc = target.document()
        current = target.textCursor().selectionStart()
        cursor = doc.find(text, 0)
        total = index = 0
        while not cursor.isNull() and total < MAX_COUNTED:
            total += 1
            if cursor.selectionStart() == current:
                index = total
            cursor = doc.find(text, cursor)
        if not total:
            self.count.setText("No matches")
        elif index:
            self.count.setText(f"{index} of {total}")
        else:
            self.count.setText(f"{total} matches")

    def close_bar(self) -> None:
        self.hide()
        self.field.setStyleSheet("")
        if self._target is not None:
            self._target.setFocus()
        self.closed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and isinstance(event, QKeyEvent):
            key = event.key()
            if event.type() == QEvent.Type.ShortcutOverride and key == Qt.Key.Key_Escape:
                event.accept()  # Esc closes the bar, not the window's "stop"
                return True
            if event.type() == QEvent.Type.KeyPress:
                if key == Qt.Key.Key_Escape:
                    self.close_bar()
                    return True
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    backward = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                    self.search(forward=not backward)
                    return True
        return super().eventFilter(watched, event)

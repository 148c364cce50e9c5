"""The window's shortcuts win over a text field's own use of the same keys, from any focus.

A focused QLineEdit or QPlainTextEdit claims keys through ``ShortcutOverride`` before
any shortcut sees them: on X11, Ctrl+E (end of line) and Ctrl+K (delete to end of line),
emacs habits few people know, so Ctrl+E (Preview/Markdown) did nothing in a one-line field
and the text typed next went elsewhere. This filter lets the window's shortcuts through,
except the keys a text field needs by every platform's convention (copy, cut, paste,
undo, redo, select all, moving and deleting), which stay the field's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

StandardKey = QKeySequence.StandardKey
TEXT_FIELD_KEYS = (
    StandardKey.Copy, StandardKey.Cut, StandardKey.Paste, StandardKey.Undo, StandardKey.Redo,
    StandardKey.SelectAll, StandardKey.Delete, StandardKey.Backspace,
    StandardKey.DeleteStartOfWord, StandardKey.DeleteEndOfWord,
    StandardKey.MoveToNextChar, StandardKey.MoveToPreviousChar,
    StandardKey.MoveToNextWord, StandardKey.MoveToPreviousWord,
    StandardKey.MoveToNextLine, StandardKey.MoveToPreviousLine,
    StandardKey.MoveToStartOfDocument, StandardKey.MoveToEndOfDocument,
    StandardKey.SelectNextChar, StandardKey.SelectPreviousChar,
    StandardKey.SelectNextWord, StandardKey.SelectPreviousWord,
    StandardKey.SelectStartOfLine, StandardKey.SelectEndOfLine,
    StandardKey.SelectStartOfDocument, StandardKey.SelectEndOfDocument,
    StandardKey.InsertParagraphSeparator, StandardKey.InsertLineSeparator,
)
"""Keys a text field keeps even when a window shortcut uses them too (Ctrl+V pastes
into the field; outside one it loads a copied address)."""
_TEXT_WIDGETS = (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox)


class WindowKeys(QObject):
    """Installed on the application; ``shortcuts()`` are the window's (read each time, so
    a change of keys needs no new filter)."""

    def __init__(self, window: QWidget, shortcuts: Callable[[], Iterable[QKeySequence]]) -> None:
        super().__init__(window)
        self._window = window
        self._shortcuts = shortcuts

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        if not isinstance(watched, _TEXT_WIDGETS) or watched.window() is not self._window:
            return False
        if self.is_window_key(event):
            event.ignore()  # not overridden: the shortcut fires
            return True
        return False

    def is_window_key(self, event: QKeyEvent) -> bool:
        """A key one of the window's shortcuts uses and no text field needs."""
        if event.key() == Qt.Key.Key_Escape:
            return False  # a field may close or clear itself with it (find bar, search)
        if any(event.matches(key) for key in TEXT_FIELD_KEYS):
            return False
        pressed = QKeySequence(event.keyCombination())
        return any(pressed.matches(seq) == QKeySequence.SequenceMatch.ExactMatch
                   for seq in self._shortcuts())

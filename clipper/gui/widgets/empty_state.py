"""What the window shows before the first page: how to start, in one line."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..theme import is_dark

HINT = "Paste a URL, drop an HTML file or press Ctrl+O"


class EmptyState(QWidget):
    open_requested = Signal()
    paste_requested = Signal()

    def __init__(self, icon: QIcon | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        picture = QLabel()
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if icon is not None and not icon.isNull():
            picture.setPixmap(icon.pixmap(96, 96))
        title = QLabel("Clip an article")
        title.setObjectName("emptyTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        hint = QLabel(HINT)
        hint.setObjectName("emptyHint")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint_font = hint.font()
        hint_font.setPointSizeF(hint_font.pointSizeF() * 1.2)
        hint.setFont(hint_font)
        detail = QLabel("The page and its clean article appear side by side; "
                        "Ctrl+S saves the article to your library as Markdown.")
        detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        detail.setWordWrap(True)
        self._detail = detail
        _mute(detail)
        self._muted_dark = is_dark(self.palette())
        open_button = QPushButton("Open File…")
        open_button.clicked.connect(self.open_requested)
        paste_button = QPushButton("Paste from Clipboard")
        paste_button.clicked.connect(self.paste_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(open_button)
        buttons.addWidget(paste_button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.addStretch(2)
        column.addWidget(picture)
        column.addSpacing(12)
        column.addWidget(title)
        column.addSpacing(6)
        column.addWidget(hint)
        column.addWidget(detail)
        column.addSpacing(18)
        column.addLayout(buttons)
        column.addStretch(3)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and \
                is_dark(self.palette()) != self._muted_dark:  # light <-> dark: muted anew
            self._muted_dark = is_dark(self.palette())
            self._detail.setPalette(QPalette())
            _mute(self._detail)


def _mute(label: QLabel) -> None:
    """Secondary text: the text colour two fifths of the way to the background."""
    palette = label.palette()
    text, window = palette.color(palette.ColorRole.WindowText), palette.color(
        palette.ColorRole.Window)
    palette.setColor(palette.ColorRole.WindowText, QColor(
        (text.red() * 3 + window.red() * 2) // 5, (text.green() * 3 + window.green() * 2) // 5,
        (text.blue() * 3 + window.blue() * 2) // 5))
    label.setPalette(palette)

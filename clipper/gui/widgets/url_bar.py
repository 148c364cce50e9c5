"""The address field at the top: type or paste a URL or a path, press Enter."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

PLACEHOLDER = "Paste a web address or the path of a saved page, then press Enter"


class UrlBar(QWidget):
    submitted = Signal(str)
    open_file_requested = Signal()
    stop_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = QLineEdit()
        self.field.setObjectName("urlField")
        self.field.setPlaceholderText(PLACEHOLDER)
        self.field.setClearButtonEnabled(True)
        self.field.setAcceptDrops(False)  # the window takes drops, so files and links both work
        self.field.setAccessibleName("Web address or file")
        self.field.returnPressed.connect(self._submit)
        self.load_button = QPushButton("Clip")
        self.load_button.setToolTip("Load this page and clean it (Enter)")
        self.load_button.clicked.connect(self._submit)
        self.stop_button = QPushButton("Stop")
        self.stop_button.setToolTip("Stop loading (Esc)")
        self.stop_button.clicked.connect(self.stop_requested)
        self.stop_button.hide()
        self.open_button = QPushButton("Open File…")
        self.open_button.setToolTip("Open a saved web page (Ctrl+O)")
        self.open_button.clicked.connect(self.open_file_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.load_button)
        layout.addWidget(self.stop_button)
        layout.addWidget(self.open_button)

    def text(self) -> str:
        return self.field.text()

    def set_text(self, text: str) -> None:
        if text != self.field.text():
            self.field.setText(text)
            self.field.setCursorPosition(0)

    def focus(self) -> None:
        self.field.setFocus()
        self.field.selectAll()

    def set_busy(self, busy: bool) -> None:
        self.load_button.setVisible(not busy)
        self.stop_button.setVisible(busy)

    def _submit(self) -> None:
        text = self.field.text().strip()
        if text:
            self.submitted.emit(text)

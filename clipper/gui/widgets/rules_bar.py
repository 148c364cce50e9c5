"""Above the article, when site rules shaped it: "1 site rule applied", the rules in the
tooltip, and a button to see the page without them (and back). Hidden otherwise."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget


class RulesBar(QWidget):
    switched = Signal(bool)
    """The person asked for the page with the site rules (True) or without them (False)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rulesBar")
        self.label = QLabel()
        self.label.setObjectName("rulesLabel")
        self.button = QPushButton()
        self.button.setObjectName("rulesSwitch")
        self.button.setFlat(True)
        self.button.clicked.connect(self._on_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 4, 2)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self._off = False
        self.hide()

    def show_rules(self, applied: list[str], off: bool) -> None:
        """The rules that shaped the article shown; ``off``: turned off for this page."""
        self._off = off
        if off:
            self.label.setText("Site rules are off for this page")
            self.label.setToolTip("The article is what Clipper finds without your rules")
            self.button.setText("Apply Site Rules")
            self.show()
            return
        if not applied:
            self.hide()
            return
        n = len(applied)
        self.label.setText(f"{n} site rule{'s' if n != 1 else ''} applied")
        self.label.setToolTip("\n".join(f"• {rule}" for rule in applied)
                              + "\nSettings ▸ Site rules lists and deletes them")
        self.button.setText("Show Without Them")
        self.show()

    def _on_clicked(self) -> None:
        self.switched.emit(self._off)

"""What the Markdown leaves out of the page, above the article: one line that opens into the
list (``clipper.fidelity`` notes), hidden when the clip leaves nothing out.

Folded by default: the article keeps its height at 800×500, and the line still says how
many things to look at; unfolded stays unfolded for the next page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from clipper.fidelity import Note


class NotesBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notesBar")
        self.toggle = QToolButton()
        self.toggle.setObjectName("notesToggle")
        self.toggle.setCheckable(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.toggle.toggled.connect(self._on_toggled)
        self.details = QLabel()
        self.details.setObjectName("notesList")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setContentsMargins(18, 0, 4, 4)
        self.details.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 2)
        layout.setSpacing(0)
        layout.addWidget(self.toggle)
        layout.addWidget(self.details)
        self._notes: list[str] = []
        self.hide()

    def set_notes(self, notes: Sequence[Note]) -> None:
        """The notes of the page shown (none: the bar hides)."""
        self._notes = [n.text for n in notes]
        if not self._notes:
            self.hide()
            return
        n = len(self._notes)
        self.toggle.setText(f"What the Markdown leaves out of the page ({n})")
        self.toggle.setToolTip("\n".join(f"• {t}" for t in self._notes))
        self.details.setText("".join(f"<div>• {_escape(t)}</div>" for t in self._notes))
        self.show()

    def texts(self) -> list[str]:
        return list(self._notes)

    def _on_toggled(self, on: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        self.details.setVisible(on)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

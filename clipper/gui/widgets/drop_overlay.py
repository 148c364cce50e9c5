"""A highlight over the window while something it can open is dragged over it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget


class DropOverlay(QWidget):
    """Covers its parent (following its size); never takes the mouse or the drop itself."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._over = parent
        self.setObjectName("dropOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAcceptDrops(False)
        parent.installEventFilter(self)
        self.hide()

    def set_shown(self, shown: bool) -> None:
        if shown == self.isVisible():
            return
        if shown:
            self.setGeometry(self._over.rect())
            self.raise_()
        self.setVisible(shown)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self.setGeometry(self._over.rect())
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        highlight = self.palette().color(self.palette().ColorRole.Highlight)
        fill = QColor(highlight)
        fill.setAlpha(28)
        painter.fillRect(self.rect(), fill)
        painter.setPen(QPen(highlight, 3, Qt.PenStyle.DashLine))
        painter.drawRoundedRect(self.rect().adjusted(6, 6, -6, -6), 10, 10)
        font = painter.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter),
                         "Drop to clip this page")
        painter.end()

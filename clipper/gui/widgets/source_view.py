"""The page's HTML source: line numbers, colours, and the lines the article kept, tinted.

Colours come as spans precomputed off the GUI thread (``source_tokens``) and are
applied only to the lines scrolled into view, the way ``QSyntaxHighlighter``
applies its formats (``QTextLayout.setFormats`` + ``markContentsDirty``) but
without its Python call for every line of a 20,000-line page. The kept lines
get a block background, which ``QPlainTextEdit`` paints across the full width.
"""

from __future__ import annotations

from typing import get_args

from PySide6.QtCore import QEvent, QRect, QSize, Qt, QTimer
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontDatabase,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextLayout,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from ..source_tokens import Kind, Span
from ..theme import colors


def kept_colors() -> tuple[QColor, QColor]:
    """The kept lines' tint and the gutter's mark, for the light or dark palette in use."""
    now = colors()
    return QColor(now.kept_background), QColor(now.kept_mark)


def _formats() -> dict[Kind, QTextCharFormat]:
    out: dict[Kind, QTextCharFormat] = {}
    tokens = colors().tokens
    for kind in get_args(Kind):
        fmt = QTextCharFormat()
        fmt.setForeground(QColor(tokens[kind]))
        if kind == "comment":
            fmt.setFontItalic(True)
        out[kind] = fmt
    return out


class _Gutter(QWidget):
    """Line numbers, with a green bar beside the lines that made it into the article."""

    def __init__(self, view: SourceView) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(self) -> QSize:
        return QSize(self._view.gutter_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        self._view.paint_gutter(self, event)


class SourceView(QPlainTextEdit):
    """Read-only, syntax-coloured HTML source with the kept line ranges tinted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setAcceptDrops(False)
        self.viewport().setAcceptDrops(False)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.setFont(font)
        self._formats = _formats()
        self._tokens: list[list[Span]] | None = None
        self._generation = 0
        self._styled: set[int] = set()
        self._kept_blocks: list[tuple[int, int]] = []
        self._dropped: dict[int, str] = {}
        self.picked: tuple[int, int] | None = None
        """The lines of the block being picked (pick mode), 1-based."""
        """0-based block -> why the block on that line was dropped."""
        self._gutter = _Gutter(self)
        self.blockCountChanged.connect(self._update_margins)
        self.updateRequest.connect(self._on_update_request)
        self._update_margins()

    # -- content -----------------------------------------------------------------------------

    def show_source(self, text: str, kept_lines: list[tuple[int, int]]) -> int:
        """Show ``text`` (one block per line), tint ``kept_lines`` (1-based, inclusive).

        Returns a number to hand to :meth:`apply_tokens` with this text's colours.
        """
        self._generation += 1
        self._tokens = None
        self._styled.clear()
        self._dropped = {}
        self.picked = None
        self.setExtraSelections([])
        self.setPlainText(text)
        count = self.blockCount()
        ranges = sorted((max(1, a) - 1, min(b, count) - 1) for a, b in kept_lines if b >= a)
        self._kept_blocks = [(a, b) for a, b in ranges if a <= b]
        self._tint(self._kept_blocks)
        self.scroll_to_kept()
        QTimer.singleShot(0, self, self.scroll_to_kept)  # again once the layout knows its size
        return self._generation

    def set_kept(self, kept_lines: list[tuple[int, int]]) -> int:
        """Tint these lines instead (same text); the generation, for ``apply_tokens``."""
        self._tint(self._kept_blocks, on=False)
        count = self.blockCount()
        ranges = sorted((max(1, a) - 1, min(b, count) - 1) for a, b in kept_lines if b >= a)
        self._kept_blocks = [(a, b) for a, b in ranges if a <= b]
        self._tint(self._kept_blocks)
        self._gutter.update()
        self.scroll_to_kept()
        return self._generation

    def apply_tokens(self, generation: int, tokens: list[list[Span]]) -> None:
        """Colour the source; ignored when another page is shown by now."""
        if generation != self._generation or len(tokens) != self.blockCount():
            return
        self._tokens = tokens
        self._styled.clear()
        self._style_visible()

    def set_dropped(self, lines: dict[int, str]) -> None:
        """Tint the lines of dropped blocks (1-based); the reasons are their tooltips."""
        count = self.blockCount()
        self._dropped = {line - 1: text for line, text in lines.items() if 0 < line <= count}
        self._paint_dropped()

    def go_to_line(self, line: int) -> None:
        """Bring 1-based ``line`` near the top and put the cursor there."""
        block = self.document().findBlockByNumber(max(0, line - 1))
        self.setTextCursor(QTextCursor(block))
        bar = self.verticalScrollBar()
        bar.setValue(min(bar.maximum(), max(0, block.firstLineNumber() - 3)))

    def dropped_reason(self, block: int) -> str | None:
        """Why the block on this 0-based line was dropped, or None."""
        return self._dropped.get(block)

    def set_picked(self, span: tuple[int, int] | None) -> None:
        """Highlight the block being picked (its 1-based first and last line), or none."""
        self.picked = span
        self._paint_dropped()

    def _paint_dropped(self) -> None:
        doc = self.document()
        background = QColor(colors().dropped_background)
        selections = []
        for number in sorted(self._dropped):
            selections.append(_line_selection(doc.findBlockByNumber(number), background))
        if self.picked is not None:
            selections.extend(picked_selections(doc, *self.picked))
        self.setExtraSelections(selections)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            number = self.cursorForPosition(event.pos()).blockNumber()
            reason = self._dropped.get(number)
            if reason:
                QToolTip.showText(event.globalPos(), reason, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def kept_block_ranges(self) -> list[tuple[int, int]]:
        """0-based block ranges tinted as kept (for tests and the legend)."""
        return list(self._kept_blocks)

    def kept_line_count(self) -> int:
        return sum(b - a + 1 for a, b in self._kept_blocks)

    def scroll_to_kept(self) -> None:
        """Bring the first kept line near the top, so the article's source is what one sees."""
        if not self._kept_blocks:
            return
        doc = self.document()
        first = self._kept_blocks[0][0]
        # No setTextCursor: making the cursor visible lays out every line above it.
        # The scroll bar counts lines; blocks above that were never laid out count as one,
        # so this stays cheap (no layout of the whole page) and matches what is painted.
        above = doc.findBlockByNumber(max(0, first - 3))
        bar = self.verticalScrollBar()
        bar.setValue(min(bar.maximum(), above.firstLineNumber()))

    def _tint(self, ranges: list[tuple[int, int]], on: bool = True) -> None:
        fmt = QTextBlockFormat()
        if on:
            fmt.setBackground(kept_colors()[0])
        else:
            fmt.setBackground(QBrush())
        fmt.setProperty(QTextFormat.Property.UserProperty, on)
        doc = self.document()
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        for first, last in ranges:
            cursor.setPosition(doc.findBlockByNumber(first).position())
            end = doc.findBlockByNumber(last)
            cursor.setPosition(end.position() + end.length() - 1, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeBlockFormat(fmt)
        cursor.endEditBlock()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # light <-> dark: colours anew
            self._formats = _formats()
            self._tint(self._kept_blocks)
            self._paint_dropped()
            self._styled.clear()
            self._style_visible()
            self._gutter.update()
        elif event.type() == QEvent.Type.FontChange:  # zoomed: the gutter fits the digits
            self._update_margins()

    # -- lazy colouring ----------------------------------------------------------------------

    def _on_update_request(self, rect: QRect, dy: int) -> None:
        if dy:
            self._gutter.scroll(0, dy)
        else:
            self._gutter.update(0, rect.y(), self._gutter.width(), rect.height())
        if self._tokens is not None:
            self._style_visible()

    def _style_visible(self) -> None:
        tokens = self._tokens
        if tokens is None:
            return
        doc = self.document()
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        height = self.viewport().height()
        # a screenful below too, so scrolling shows colour at once
        limit = height * 2
        dirty_from = dirty_to = -1
        while block.isValid():
            top = self.blockBoundingGeometry(block).translated(offset).top()
            if top > limit:
                break
            number = block.blockNumber()
            if number not in self._styled and number < len(tokens):
                self._styled.add(number)
                spans = tokens[number]
                if spans:
                    self._set_formats(block, spans)
                    if dirty_from < 0:
                        dirty_from = block.position()
                    dirty_to = block.position() + block.length()
            block = block.next()
        if dirty_from >= 0:
            doc.markContentsDirty(dirty_from, dirty_to - dirty_from)

    def _set_formats(self, block: QTextBlock, spans: list[Span]) -> None:
        formats = self._formats
        ranges = []
        for start, length, kind in spans:
            r = QTextLayout.FormatRange()
            r.start = start
            r.length = length
            r.format = formats[kind]
            ranges.append(r)
        block.layout().setFormats(ranges)

    # -- gutter ------------------------------------------------------------------------------

    def gutter_width(self) -> int:
        digits = len(str(max(1, self.blockCount())))
        return 14 + self.fontMetrics().horizontalAdvance("9") * max(3, digits)

    def _update_margins(self, _count: int = 0) -> None:
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # A new width re-wraps the lines, and QPlainTextEdit then loses its place (the scroll
        # bar counts wrapped lines, mostly not laid out yet): keep the same line at the top.
        top = self.firstVisibleBlock().blockNumber()
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width() and top > 0:
            block = self.document().findBlockByNumber(top)
            bar = self.verticalScrollBar()
            bar.setValue(min(bar.maximum(), block.firstLineNumber()))
        rect = self.contentsRect()
        self._gutter.setGeometry(QRect(rect.left(), rect.top(), self.gutter_width(), rect.height()))

    def paint_gutter(self, gutter: QWidget, event: QPaintEvent) -> None:
        painter = QPainter(gutter)
        palette = self.palette()
        painter.fillRect(event.rect(), palette.color(palette.ColorRole.AlternateBase))
        painter.setPen(palette.color(palette.ColorRole.PlaceholderText))
        block = self.firstVisibleBlock()
        number = block.blockNumber()
        offset = self.contentOffset()
        top = round(self.blockBoundingGeometry(block).translated(offset).top())
        line_height = self.fontMetrics().height()
        width = gutter.width()
        kept = self._kept_blocks
        mark = kept_colors()[1]
        while block.isValid() and top <= event.rect().bottom():
            height = round(self.blockBoundingRect(block).height())
            if block.isVisible() and top + height >= event.rect().top():
                if any(a <= number <= b for a, b in kept):
                    painter.fillRect(width - 4, top, 4, height, mark)
                painter.drawText(0, top, width - 8, line_height,
                                 int(Qt.AlignmentFlag.AlignRight), str(number + 1))
            block = block.next()
            top += height
            number += 1
        painter.end()


def _line_selection(block: QTextBlock, background: QColor) -> QTextEdit.ExtraSelection:
    fmt = QTextCharFormat()
    fmt.setBackground(background)
    fmt.setProperty(QTextFormat.Property.FullWidthSelection, True)
    selection = QTextEdit.ExtraSelection()
    cursor = QTextCursor(block)  # the whole line, each row it wraps onto
    cursor.setPosition(block.position() + max(0, block.length() - 1),
                       QTextCursor.MoveMode.KeepAnchor)
    selection.cursor = cursor
    selection.format = fmt
    return selection


def picked_selections(doc: QTextDocument, first: int, last: int
                      ) -> list[QTextEdit.ExtraSelection]:
    """The picked block's lines (1-based, in a document of one block per line), framed in
    the selection colour."""
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(colors().picked_background))
    selection = QTextEdit.ExtraSelection()
    cursor = QTextCursor(doc.findBlockByNumber(max(0, first - 1)))
    end = doc.findBlockByNumber(max(0, last - 1))
    if end.isValid():
        cursor.setPosition(end.position() + max(0, end.length() - 1),
                           QTextCursor.MoveMode.KeepAnchor)
    selection.cursor = cursor
    selection.format = fmt
    return [selection]

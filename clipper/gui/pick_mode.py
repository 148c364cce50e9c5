"""Pick mode: click a block in the Source or Page view and it is highlighted with the
lines it spans; Alt+Up (or +) widens the pick to the block around it, Alt+Down (or -)
narrows it back; then Keep, Drop or This Is the Article (the bar's buttons or the
right-click menu). Esc or Done leaves. "Choose the Article…" in a notice starts it."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QTextCharFormat, QTextDocument
from PySide6.QtGui import QTextFormat as Fmt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTextEdit, QToolButton, QVBoxLayout, QWidget

from . import tasks
from .theme import colors
from .widgets.raw_view import PAGE_TAB, RawView

if TYPE_CHECKING:
    from lxml.html import HtmlElement

HINT = "Click a block of the page · Alt+↑ or + wider · Alt+↓ or − narrower · Esc leaves"
_WIDER = (Qt.Key.Key_Plus, Qt.Key.Key_Equal)
_NARROWER = (Qt.Key.Key_Minus, Qt.Key.Key_Underscore)


def _page_lines(doc: QTextDocument) -> list[int | None]:
    """The source line of each block of the rendered page (its last line mark, else the
    one before it)."""
    from .sanitize import LINE_ANCHOR

    lines: list[int | None] = []
    current: int | None = None
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid():
                for name in fragment.charFormat().anchorNames():
                    if name.startswith(LINE_ANCHOR) and name[len(LINE_ANCHOR):].isdigit():
                        current = int(name[len(LINE_ANCHOR):])
            it += 1
        lines.append(current)
        block = block.next()
    return lines


def page_selections(doc: QTextDocument, first: int, last: int
                    ) -> list[QTextEdit.ExtraSelection]:
    """The rendered page's blocks that come from source lines ``first``..``last``."""
    from PySide6.QtGui import QTextCursor

    fmt = QTextCharFormat()
    fmt.setBackground(QColor(colors().picked_background))
    fmt.setProperty(Fmt.Property.FullWidthSelection, True)
    selections = []
    for number, line in enumerate(_page_lines(doc)):
        if line is not None and first <= line <= last:
            block = doc.findBlockByNumber(number)
            cursor = QTextCursor(block)  # the whole block: each of its lines, full width
            cursor.setPosition(block.position() + max(0, block.length() - 1),
                               QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)
    return selections


class PickBar(QWidget):
    """Above the source and the page while picking: what is picked, and the choices."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pickBar")
        self.label = QLabel(HINT)
        self.label.setObjectName("pickLabel")
        self.label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(2)
        layout.addWidget(self.label)
        row = QHBoxLayout()
        layout.addLayout(row)
        self.buttons: dict[str, QToolButton] = {}
        for kind, text in (("wider", "Wider"), ("narrower", "Narrower"), ("keep", "Keep"),
                           ("drop", "Drop"), ("article", "This Is the Article"),
                           ("done", "Done")):
            button = QToolButton()
            button.setText(text)
            button.setObjectName(f"pick_{kind}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay with the view
            row.addWidget(button)
            self.buttons[kind] = button
            if kind == "narrower":
                row.addStretch(1)
        self.hide()


class PickMode(QObject):
    chosen = Signal(int, str, int)
    """(line, kind, up): the person chose Keep, Drop or This Is the Article."""

    def __init__(self, raw_view: RawView, html: Callable[[], str | None]) -> None:
        super().__init__(raw_view)
        self._raw = raw_view
        self._html = html
        self.bar = PickBar()
        raw_view.layout().insertWidget(0, self.bar)  # type: ignore[union-attr]
        self.active = False
        self.line: int | None = None
        self.up = 0
        self.spans: list[tuple[int, int]] = []
        self._parsed: tuple[str, HtmlElement] | None = None
        """The page's tree, parsed once in the background for every click on it."""
        self._parsing: tuple[str, tasks.Task[Any]] | None = None
        self._pending: int | None = None
        """A line clicked before the tree was ready: picked when it is."""
        b = self.bar.buttons
        b["wider"].clicked.connect(lambda: self.widen(1))
        b["narrower"].clicked.connect(lambda: self.widen(-1))
        b["done"].clicked.connect(self.stop)
        for kind in ("keep", "drop", "article"):
            b[kind].clicked.connect(lambda _=False, k=kind: self.choose(k))
        for widget in (raw_view.source, raw_view.page):
            widget.viewport().installEventFilter(self)
            widget.installEventFilter(self)
        self._update()

    def start(self) -> None:
        """Enter pick mode on the rendered page (the source, if it has no rendering)."""
        self.active = True
        self.bar.show()
        if self._raw.tabs.isTabEnabled(PAGE_TAB):
            self._raw.tabs.setCurrentIndex(PAGE_TAB)
        view = self._raw.tabs.currentWidget()
        view.setFocus()
        self._tree()  # parsed while the person looks for the block
        self._update()

    def stop(self) -> None:
        self.active = False
        self.bar.hide()
        self.point(None)

    def forget(self) -> None:
        """Another page: leave, and let the old page's tree go."""
        self.stop()
        self._parsed = self._parsing = None

    def point(self, line: int | None) -> None:
        """Pick the block on source ``line`` (the same line keeps how wide it was); picked
        once the page's tree is parsed (in the background, once per page)."""
        if line != self.line:
            self.up, self.spans, self._pending = 0, [], None
            tree = self._tree() if line is not None else None
            if tree is not None and line is not None:
                from clipper.extract.selectors import block_spans_in

                self.spans = block_spans_in(tree, line)
            elif line is not None:
                self._pending = line
        self.line = line if self.spans else None
        self._update()

    def _tree(self) -> HtmlElement | None:
        """The shown page's parsed tree, or None while it is parsed (started here)."""
        html = self._html()
        if not html:
            return None
        if self._parsed is not None and self._parsed[0] is html:
            return self._parsed[1]
        if self._parsing is None or self._parsing[0] is not html:
            if self._parsing is not None:
                self._parsing[1].cancel()
            task = tasks.run_in_background(partial(_parse, html),
                                           on_done=partial(self._on_parsed, html),
                                           name="page blocks")
            self._parsing = (html, task)
        return None

    def _on_parsed(self, html: str, tree: HtmlElement) -> None:
        self._parsing, self._parsed = None, (html, tree)
        line, self._pending = self._pending, None
        if line is not None and self._html() is html:
            self.point(line)

    def widen(self, step: int) -> None:
        if self.spans:
            self.up = max(0, min(len(self.spans) - 1, self.up + step))
            self._update()

    def choose(self, kind: str) -> None:
        if self.line is not None:
            line, up = self.line, self.up
            self.stop()
            self.chosen.emit(line, kind, up)

    @property
    def span(self) -> tuple[int, int] | None:
        return self.spans[self.up] if self.line is not None and self.spans else None

    def _update(self) -> None:
        span = self.span
        self._raw.source.set_picked(span)
        page = self._raw.page
        page.setExtraSelections(page_selections(page.document(), *span) if span else [])
        for kind in ("wider", "narrower", "keep", "drop", "article"):
            self.bar.buttons[kind].setEnabled(span is not None)
        if span is not None:
            self.bar.buttons["wider"].setEnabled(self.up < len(self.spans) - 1)
            self.bar.buttons["narrower"].setEnabled(self.up > 0)
            wider = f", widened {self.up}×" if self.up else ""
            self.bar.label.setText(f"Picked: source lines {span[0]}–{span[1]}{wider}. "
                                   "Keep it, drop it, or take it as the article.")
        else:
            self.bar.label.setText(HINT)

    def line_at(self, widget: QObject, pos: QPoint) -> int | None:
        raw = self._raw
        if widget in (raw.source, raw.source.viewport()):
            if raw.pretty_button.isChecked():
                return None  # pretty-printed lines are not the page's lines
            return raw.source.cursorForPosition(pos).blockNumber() + 1
        return raw.page.source_line_at(pos)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            right = event.button() == Qt.MouseButton.RightButton
            if self.active or right:
                self.point(self.line_at(watched, event.position().toPoint()))
        elif kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and self.active:
            return self._key(event)
        return False

    def _key(self, event: QKeyEvent) -> bool:
        key, alt = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if key in _WIDER or (alt and key == Qt.Key.Key_Up):
            self.widen(1)
        elif key in _NARROWER or (alt and key == Qt.Key.Key_Down):
            self.widen(-1)
        elif key == Qt.Key.Key_Escape:
            self.stop()
        else:
            return False
        return True


def _parse(html: str, cancel: object, progress: object) -> HtmlElement:
    from clipper.extract.parse import parse_html

    return parse_html(html)

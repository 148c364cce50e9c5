"""The rows of the library pane: a model of clip summaries and a compact two-line delegate.

A row reads like a mail list: the title, then "site · date" muted below; search
results add a third line, the text around the match with the matched words in
bold. Rows are painted by hand (no rich-text layout per row), so a list of
thousands scrolls as fast as a plain one.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from PySide6.QtCore import (
    QAbstractListModel,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

if TYPE_CHECKING:
    from clipper.library import ClipSummary

CLIP_ROLE = Qt.ItemDataRole.UserRole + 1
PATH_ROLE = Qt.ItemDataRole.UserRole + 2
META_ROLE = Qt.ItemDataRole.UserRole + 3
PAD_X, PAD_Y, LINE_GAP = 10, 7, 2
SMALL_FONT = 0.9

Index = QModelIndex | QPersistentModelIndex


def clip_date(clip: ClipSummary) -> str:
    """When it was clipped (else published), as "3 Mar 2024" in the user's language."""
    for value in (clip.created, clip.published):
        if not value:
            continue
        try:
            when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            if len(value) >= 4 and value[:4].isdigit():
                return value[:10]  # "2024" or "2024-05": as written
            continue
        return QLocale().toString(QDate(when.year, when.month, when.day), "d MMM yyyy")
    return ""


def clip_site(clip: ClipSummary) -> str:
    if clip.site:
        return clip.site
    host = urlsplit(clip.source or "").hostname or ""
    return host.removeprefix("www.")


_VERSION = re.compile(r" \((\d+)\)$")


def shown_title(clip: ClipSummary) -> str:
    """The title, with the file's " (2)" when the clip is a second version of another:
    versions share their title, site and date, and would look alike."""
    version = _VERSION.search(clip.path.stem)
    if version is None or _VERSION.search(clip.title):
        return clip.title
    return f"{clip.title} ({version.group(1)})"


def meta_line(clip: ClipSummary) -> str:
    return " · ".join(part for part in (clip_site(clip), clip_date(clip)) if part)


class ClipListModel(QAbstractListModel):
    """Clips in list order; more pages are asked for (``more_wanted``) as the list scrolls."""

    more_wanted = Signal(int)
    """The offset of the next page of the listing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clips: list[ClipSummary] = []
        self._meta: dict[int, str] = {}
        self.searching = False
        self.total: int | None = None
        """Clips in the whole listing (searches: unknown)."""
        self._asked_for: int | None = None

    # -- filling -----------------------------------------------------------------------------

    def reset(self, clips: list[ClipSummary], *, searching: bool, total: int | None) -> None:
        self.beginResetModel()
        self._clips = list(clips)
        self._meta.clear()
        self.searching = searching
        self.total = total
        self._asked_for = None
        self.endResetModel()

    def append(self, offset: int, clips: list[ClipSummary], total: int | None) -> None:
        """A further page of the listing (ignored unless it continues the list)."""
        self._asked_for = None
        if offset != len(self._clips) or self.searching:
            return
        known = {c.path for c in self._clips}
        fresh = [c for c in clips if c.path not in known]
        self.total = total
        if not fresh:
            return
        self.beginInsertRows(QModelIndex(), len(self._clips), len(self._clips) + len(fresh) - 1)
        self._clips.extend(fresh)
        self.endInsertRows()

    def remove(self, path: Path) -> int | None:
        """Take a clip out of the list (deleted); its former row."""
        row = self.row_of(path)
        if row is None:
            return None
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._clips[row]
        self._meta.clear()
        if self.total:
            self.total -= 1
        self.endRemoveRows()
        return row

    # -- reading -----------------------------------------------------------------------------

    def clips(self) -> list[ClipSummary]:
        return list(self._clips)

    def clip_at(self, row: int) -> ClipSummary | None:
        return self._clips[row] if 0 <= row < len(self._clips) else None

    def row_of(self, path: Path) -> int | None:
        for row, clip in enumerate(self._clips):
            if clip.path == path:
                return row
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._clips)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        clip = self.clip_at(index.row()) if index.isValid() else None
        if clip is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return shown_title(clip)
        if role == CLIP_ROLE:
            return clip
        if role == PATH_ROLE:
            return clip.path
        if role == META_ROLE:
            if index.row() not in self._meta:
                self._meta[index.row()] = meta_line(clip)
            return self._meta[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            tags = ", ".join(clip.tags)
            return str(clip.path) + (f"\nTags: {tags}" if tags else "")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{shown_title(clip)}, {self.data(index, META_ROLE)}"
        return None

    # -- paging ------------------------------------------------------------------------------

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return (not parent.isValid() and not self.searching and self.total is not None
                and len(self._clips) < self.total)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent) and self._asked_for != len(self._clips):
            self._asked_for = len(self._clips)
            self.more_wanted.emit(len(self._clips))


def _mix(a: QColor, b: QColor, amount: float) -> QColor:
    """``a`` moved ``amount`` of the way towards ``b``."""
    return QColor(round(a.red() + (b.red() - a.red()) * amount),
                  round(a.green() + (b.green() - a.green()) * amount),
                  round(a.blue() + (b.blue() - a.blue()) * amount))


def _bring_match_into_view(snippet: str, highlights: list[tuple[int, int]],
                           metrics: QFontMetrics, width: int
                           ) -> tuple[str, list[tuple[int, int]]]:
    """Cut the text before the first match short when it would push the match out of a
    narrow pane: a few words of context, then the match."""
    if not highlights:
        return snippet, highlights
    first = min(start for start, _ in highlights)
    if metrics.horizontalAdvance(snippet[:first]) <= width * 0.4:
        return snippet, highlights
    keep = first
    while keep > 0 and metrics.horizontalAdvance(snippet[keep - 1:first]) < width * 0.2:
        keep -= 1
    space = snippet.find(" ", keep, first)
    if space != -1:
        keep = space + 1
    shift = 1 - keep  # "…" replaces what is cut
    return "…" + snippet[keep:], [(a + shift, b + shift) for a, b in highlights if a >= keep]


class ClipDelegate(QStyledItemDelegate):
    """Title; "site · date" muted; in search results, the snippet with matches in bold."""

    def _fonts(self, base: QFont) -> tuple[QFont, QFont, QFont]:
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * SMALL_FONT)
        bold = QFont(small)
        bold.setBold(True)
        return base, small, bold

    def _showing_snippet(self, index: Index) -> bool:
        model = index.model()
        return isinstance(model, ClipListModel) and model.searching

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        title, small, _ = self._fonts(option.font)
        lines = QFontMetrics(title).height() + LINE_GAP + QFontMetrics(small).height()
        if self._showing_snippet(index):
            lines += LINE_GAP + QFontMetrics(small).height()
        return QSize(200, lines + 2 * PAD_Y)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        clip = index.data(CLIP_ROLE)
        if clip is None:
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        state = opt.state
        palette: QPalette = opt.palette
        group = (QPalette.ColorGroup.Active if state & QStyle.StateFlag.State_Active
                 else QPalette.ColorGroup.Inactive)
        selected = bool(state & QStyle.StateFlag.State_Selected)
        text = palette.color(group, QPalette.ColorRole.HighlightedText if selected
                             else QPalette.ColorRole.Text)
        back = palette.color(group, QPalette.ColorRole.Highlight if selected
                             else QPalette.ColorRole.Base)
        muted = _mix(text, back, 0.42)
        title_font, small, bold = self._fonts(opt.font)
        rect: QRect = opt.rect.adjusted(PAD_X, PAD_Y, -PAD_X, -PAD_Y)
        width = rect.width()
        painter.save()
        y = rect.top()
        title_metrics = QFontMetrics(title_font)
        painter.setFont(title_font)
        painter.setPen(text)
        painter.drawText(rect.left(), y + title_metrics.ascent(),
                         title_metrics.elidedText(shown_title(clip), Qt.TextElideMode.ElideRight,
                                                  width))
        y += title_metrics.height() + LINE_GAP
        small_metrics = QFontMetrics(small)
        painter.setFont(small)
        painter.setPen(muted)
        painter.drawText(rect.left(), y + small_metrics.ascent(),
                         small_metrics.elidedText(str(index.data(META_ROLE) or ""),
                                                  Qt.TextElideMode.ElideRight, width))
        if self._showing_snippet(index) and clip.snippet:
            y += small_metrics.height() + LINE_GAP
            self._paint_snippet(painter, clip.snippet, clip.highlights, rect.left(),
                                y + small_metrics.ascent(), width, (small, bold),
                                (_mix(text, back, 0.25), text))
        painter.restore()

    @staticmethod
    def _paint_snippet(painter: QPainter, snippet: str, highlights: list[tuple[int, int]],
                       x: int, baseline: int, width: int, fonts: tuple[QFont, QFont],
                       colors: tuple[QColor, QColor]) -> None:
        """One line of text, the matches in bold, cut with "…" where the room ends."""
        snippet, highlights = _bring_match_into_view(snippet, highlights, QFontMetrics(fonts[0]),
                                                     width)
        runs: list[tuple[str, bool]] = []
        pos = 0
        for start, end in sorted(highlights):
            if start < pos:
                continue
            if start > pos:
                runs.append((snippet[pos:start], False))
            runs.append((snippet[start:end], True))
            pos = end
        if pos < len(snippet):
            runs.append((snippet[pos:], False))
        right = x + width
        for piece, strong in runs:
            font = fonts[1] if strong else fonts[0]
            metrics = QFontMetrics(font)
            room = right - x
            if room <= metrics.horizontalAdvance("…"):
                break
            shown = piece
            if metrics.horizontalAdvance(piece) > room:
                shown = metrics.elidedText(piece, Qt.TextElideMode.ElideRight, room)
            painter.setFont(font)
            painter.setPen(colors[1] if strong else colors[0])
            painter.drawText(x, baseline, shown)
            x += metrics.horizontalAdvance(shown)
            if shown != piece:
                break

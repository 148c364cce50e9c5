"""Browsing the library: the order of the list, and its tags and sites with their counts.

A click on a tag or a site puts ``tag:name`` or ``site:name`` into the search field (a
second click takes it out), so the field always says what the list shows and the filter
can be typed, edited or cleared like any search.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from clipper.library.index import Facets, Sort

SORTS: list[tuple[Sort, str]] = [("created", "Newest clipped"), ("published", "Newest published"),
                                 ("title", "Title"), ("site", "Site")]
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
VALUE_ROLE = Qt.ItemDataRole.UserRole + 2
FACETS_SHARE = 0.35
"""The side list takes at most this part of the pane's height: the clips keep the most."""
FACETS_MIN = 110


class FacetList(QTreeWidget):
    """Tags and Sites, each a group of "name — count" rows; the active filters checked."""

    chosen = Signal(str, str)
    """``("tag" | "site", name)`` clicked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryFacets")
        self.setColumnCount(2)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.setIndentation(12)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setAccessibleName("Tags and sites")
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.groups = {kind: QTreeWidgetItem(self, [label, ""])
                       for kind, label in (("tag", "Tags"), ("site", "Sites"))}
        for group in self.groups.values():
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            group.setExpanded(True)
        self.itemClicked.connect(self._clicked)
        self.itemExpanded.connect(self._fit)
        self.itemCollapsed.connect(self._fit)
        self._active: set[tuple[str, str]] = set()
        self.room = 150
        """Pixels it may take (the pane gives it a share of its height)."""
        self._fit()

    def set_room(self, pane_height: int) -> None:
        self.room = max(FACETS_MIN, int(pane_height * FACETS_SHARE))
        self._fit()

    def _fit(self, _item: QTreeWidgetItem | None = None) -> None:
        """As tall as its rows (two headings when both groups are folded), up to ``room``."""
        rows = sum(1 + group.childCount() * group.isExpanded()
                   for group in self.groups.values())
        row = self.sizeHintForRow(0) if self.topLevelItemCount() else 18
        self.setFixedHeight(min(self.room, rows * max(row, 16) + 2 * self.frameWidth() + 2))

    def set_facets(self, facets: Facets) -> None:
        for kind, rows in (("tag", facets.tags), ("site", facets.sites)):
            group = self.groups[kind]
            group.takeChildren()
            for name, count in rows:
                item = QTreeWidgetItem(group, [("#" if kind == "tag" else "") + name,
                                               f"{count:,}"])
                item.setData(0, KIND_ROLE, kind)
                item.setData(0, VALUE_ROLE, name)
                item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
                item.setToolTip(0, f"Show only the clips {'tagged' if kind == 'tag' else 'from'}"
                                   f" {name} ({count:,})")
            group.setText(1, f"{len(rows):,}")
        self.set_active(self._active)
        self._fit()

    def set_active(self, active: set[tuple[str, str]]) -> None:
        """Check the rows of the filters in the search field."""
        self._active = {(kind, value.lower()) for kind, value in active}
        for group in self.groups.values():
            for item in self._children(group):
                key = (item.data(0, KIND_ROLE), str(item.data(0, VALUE_ROLE)).lower())
                item.setCheckState(0, Qt.CheckState.Checked if key in self._active
                                   else Qt.CheckState.Unchecked)

    @staticmethod
    def _children(group: QTreeWidgetItem) -> list[QTreeWidgetItem]:
        return [item for i in range(group.childCount()) if (item := group.child(i)) is not None]

    def rows(self, kind: str) -> list[tuple[str, str]]:
        """(name, count) as listed under Tags or Sites."""
        return [(str(item.data(0, VALUE_ROLE)), item.text(1))
                for item in self._children(self.groups[kind])]

    def item(self, kind: str, name: str) -> QTreeWidgetItem | None:
        return next((item for item in self._children(self.groups[kind])
                     if item.data(0, VALUE_ROLE) == name), None)

    def _clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        kind = item.data(0, KIND_ROLE)
        if kind:
            self.chosen.emit(str(kind), str(item.data(0, VALUE_ROLE)))


class BrowseBar(QWidget):
    """The sort order above the tags and sites (each group folds away with its arrow)."""

    sort_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sort = QComboBox()
        self.sort.setObjectName("librarySort")
        self.sort.setAccessibleName("Sort the clips by")
        self.sort.setToolTip("The order of the list (a search lists the best matches first)")
        for key, label in SORTS:
            self.sort.addItem(label, key)
        self.sort.currentIndexChanged.connect(
            lambda _i: self.sort_changed.emit(self.sort.currentData()))
        self.facets = FacetList()
        caption = QLabel("Sort:")
        caption.setBuddy(self.sort)
        row = QHBoxLayout()
        row.setContentsMargins(6, 0, 6, 4)
        row.setSpacing(6)
        row.addWidget(caption)
        row.addWidget(self.sort, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(row)
        layout.addWidget(self.facets)

    def current_sort(self) -> Sort:
        return self.sort.currentData()

    def set_sort(self, sort: str) -> None:
        index = self.sort.findData(sort)
        if index >= 0:
            self.sort.setCurrentIndex(index)

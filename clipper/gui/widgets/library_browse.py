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
    QToolButton,
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
FACETS_HEIGHT = 150
"""The side list's height: the clips keep most of the pane, even at 800×500."""


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
        self._active: set[tuple[str, str]] = set()

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
    """The sort order and a button that shows or hides the tags and sites."""

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
        self.toggle = QToolButton()
        self.toggle.setObjectName("facetsToggle")
        self.toggle.setText("Tags && Sites")
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setToolTip("Show or hide the library's tags and sites with their counts")
        self.facets = FacetList()
        self.facets.setMaximumHeight(FACETS_HEIGHT)
        self.toggle.toggled.connect(self.facets.setVisible)
        caption = QLabel("Sort:")
        caption.setBuddy(self.sort)
        row = QHBoxLayout()
        row.setContentsMargins(6, 0, 6, 4)
        row.setSpacing(6)
        row.addWidget(caption)
        row.addWidget(self.sort, 1)
        row.addWidget(self.toggle)
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

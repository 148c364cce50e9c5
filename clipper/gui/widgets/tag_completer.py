"""The Tags field completes the tag being typed from the tags already in the library.

The field holds a comma-separated list, so only the part after the last comma is
completed, and choosing a tag keeps the ones before it (``news, sci`` -> ``news, science``).
The library's tags come from the pane's counts, most used first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    QTimer,
    Slot,
)
from PySide6.QtWidgets import QCompleter, QLineEdit

if TYPE_CHECKING:
    from clipper.library.index import Facets


class TagCompleter(QCompleter):
    def __init__(self, field: QLineEdit) -> None:
        self._model = QStringListModel()
        super().__init__(self._model, field)
        self._field = field
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setModelSorting(QCompleter.ModelSorting.UnsortedModel)
        self.setMaxVisibleItems(10)
        field.setCompleter(self)
        # The field takes the choice with setText, which says nothing: told as typed, so
        # the clip counts it as an edit (after the field's own handling of the choice).
        self.activated.connect(self._chosen)

    @Slot(str)
    def _chosen(self, _text: str) -> None:
        QTimer.singleShot(0, self, lambda: self._field.textEdited.emit(self._field.text()))

    def set_tags(self, tags: list[str]) -> None:
        """The library's tags, most used first."""
        self._model.setStringList(tags)

    def set_facets(self, facets: Facets) -> None:
        """The library pane's counts: their tags, most used first."""
        self.set_tags([tag for tag, _count in facets.tags])

    def tags(self) -> list[str]:
        return self._model.stringList()

    def splitPath(self, path: str) -> list[str]:
        """Complete only the tag being typed: the text after the last comma."""
        return [path.rsplit(",", 1)[-1].lstrip()]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        """The whole field, the tag being typed replaced by the one chosen."""
        chosen = str(index.data())
        text = self._field.text()
        head = text.rsplit(",", 1)[0] + ", " if "," in text else ""
        return f"{head}{chosen}"

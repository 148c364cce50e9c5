"""The clip's front matter, editable: title, author, published, site, tags and source.

Two fields a row when there is room; one column when the pane is narrow (at 800 px a
two-column form leaves 6-character fields). Tags follow Obsidian's rules as they are
typed (``session.tag_typing``), so what the field shows is what is saved.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QWidget

from ..session import Draft, tag_typing

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
ONE_COLUMN_BELOW = 520
"""Narrower than this (px), the fields stack in one column."""


class MetadataForm(QWidget):
    edited = Signal()
    source_committed = Signal(str)
    """The person changed the Source field and pressed Enter or left it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = self._field("Title", "Article title")
        self.author = self._field("Author", "Who wrote it")
        self.published = self._field("Published", "YYYY-MM-DD")
        self.site = self._field("Site", "Website or publication")
        self.tags = self._field("Tags", "comma, separated (a space becomes -)")
        self.source = self._field("Source", "Where the article came from (web address)")
        self.source.setToolTip("The article's address: relative links in pasted HTML are "
                               "resolved against it")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.title.setFont(font)
        self._captions: dict[QLineEdit, QLabel] = {}
        for field in (self.title, self.author, self.published, self.site, self.tags,
                      self.source):
            caption = QLabel(f"{field.accessibleName()}:")
            caption.setBuddy(field)
            caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self._captions[field] = caption
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(8)
        self._grid.setVerticalSpacing(6)
        self._columns = 0
        self._lay_out(2)
        self.published.editingFinished.connect(self._check_date)
        self.tags.textEdited.connect(self._obsidian_tags)
        self.source.editingFinished.connect(self._on_source_finished)
        self._shown_source = ""

    def _field(self, name: str, placeholder: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(f"{name.lower()}Field")
        field.setPlaceholderText(placeholder)
        field.setAccessibleName(name)
        field.setAcceptDrops(False)
        field.setMinimumWidth(60)
        field.textEdited.connect(self.edited)
        return field

    # -- layout ------------------------------------------------------------------------------

    def _lay_out(self, columns: int) -> None:
        """Two fields a row (title and source span it), or one column."""
        if columns == self._columns:
            return
        self._columns = columns
        grid = self._grid
        while grid.count():
            grid.takeAt(0)
        if columns == 2:
            rows = [(self.title,), (self.author, self.published), (self.site, self.tags),
                    (self.source,)]
        else:
            rows = [(f,) for f in (self.title, self.author, self.published, self.site,
                                   self.tags, self.source)]
        for row, fields in enumerate(rows):
            for i, field in enumerate(fields):
                span = 3 if len(fields) == 1 and columns == 2 else 1
                grid.addWidget(self._captions[field], row, i * 2)
                grid.addWidget(field, row, i * 2 + 1, 1, span)
        for column in range(4):
            grid.setColumnStretch(column, 0)
        grid.setColumnStretch(1, 3)
        if columns == 2:
            grid.setColumnStretch(3, 2)

    def columns(self) -> int:
        return self._columns

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._lay_out(1 if event.size().width() < ONE_COLUMN_BELOW else 2)

    # -- fields ------------------------------------------------------------------------------

    def _obsidian_tags(self, text: str) -> None:
        fixed, cursor = tag_typing(text, self.tags.cursorPosition())
        if fixed != text:
            self.tags.setText(fixed)
            self.tags.setCursorPosition(cursor)
            self.edited.emit()

    def _check_date(self) -> None:
        text = self.published.text().strip()
        ok = not text or bool(_DATE.match(text))
        self.published.setToolTip("" if ok else "Dates are saved as written; YYYY-MM-DD sorts best")
        self.published.setStyleSheet("" if ok else "QLineEdit { color: #9a4a00; }")

    def _on_source_finished(self) -> None:
        text = self.source.text().strip()
        if text != self._shown_source:
            self._shown_source = text
            self.source_committed.emit(text)

    def set_values(self, *, title: str, author: str | None, published: str | None,
                   site: str | None, tags: list[str], source: str | None) -> None:
        self.title.setText(title)
        self.author.setText(author or "")
        self.published.setText(published or "")
        self.site.setText(site or "")
        self.tags.setText(", ".join(tags))
        self.source.setText(source or "")
        self._shown_source = (source or "").strip()
        for field in (self.title, self.author, self.published, self.site, self.tags,
                      self.source):
            field.setCursorPosition(0)
        self._check_date()

    def draft(self, body: str) -> Draft:
        """The fields as they would be saved, with the article's ``body``."""
        return Draft.from_fields(title=self.title.text(), author=self.author.text(),
                                 published=self.published.text(), site=self.site.text(),
                                 tags=self.tags.text(), body=body, source=self.source.text())

    def clear(self) -> None:
        self.set_values(title="", author=None, published=None, site=None, tags=[], source=None)

"""The clip's front matter, editable: title, author, published, site, tags; source shown."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QWidget

from ..session import Draft
from .elided_label import ElidedLabel

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class MetadataForm(QWidget):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = self._field("Title", "Article title")
        self.author = self._field("Author", "Who wrote it")
        self.published = self._field("Published", "YYYY-MM-DD")
        self.site = self._field("Site", "Website or publication")
        self.tags = self._field("Tags", "comma, separated")
        self.source = ElidedLabel()
        self.source.setObjectName("sourceLabel")
        self.source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.title.setFont(font)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)
        rows = [(("Title", self.title),),
                (("Author", self.author), ("Published", self.published)),
                (("Site", self.site), ("Tags", self.tags))]
        for row, pairs in enumerate(rows):
            for i, (label, field) in enumerate(pairs):
                caption = QLabel(f"{label}:")
                caption.setBuddy(field)
                caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                span = 3 if len(pairs) == 1 else 1
                grid.addWidget(caption, row, i * 2)
                grid.addWidget(field, row, i * 2 + 1, 1, span)
        source_caption = QLabel("Source:")
        source_caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(source_caption, 3, 0)
        grid.addWidget(self.source, 3, 1, 1, 3)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)
        self.published.editingFinished.connect(self._check_date)

    def _field(self, name: str, placeholder: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(f"{name.lower()}Field")
        field.setPlaceholderText(placeholder)
        field.setAccessibleName(name)
        field.setAcceptDrops(False)
        field.textEdited.connect(self.edited)
        return field

    def _check_date(self) -> None:
        text = self.published.text().strip()
        ok = not text or bool(_DATE.match(text))
        self.published.setToolTip("" if ok else "Dates are saved as written; YYYY-MM-DD sorts best")
        self.published.setStyleSheet("" if ok else "QLineEdit { color: #9a4a00; }")

    def set_values(self, *, title: str, author: str | None, published: str | None,
                   site: str | None, tags: list[str], source: str | None) -> None:
        self.title.setText(title)
        self.author.setText(author or "")
        self.published.setText(published or "")
        self.site.setText(site or "")
        self.tags.setText(", ".join(tags))
        self.source.set_full_text(source or "—")
        for field in (self.title, self.author, self.published, self.site, self.tags):
            field.setCursorPosition(0)
        self._check_date()

    def draft(self, body: str) -> Draft:
        """The fields as they would be saved, with the article's ``body``."""
        return Draft.from_fields(title=self.title.text(), author=self.author.text(),
                                 published=self.published.text(), site=self.site.text(),
                                 tags=self.tags.text(), body=body)

    def clear(self) -> None:
        self.set_values(title="", author=None, published=None, site=None, tags=[], source=None)

"""Settings ▸ Templates: how a new clip is named, where it and its images go, its front matter,
its heading; with the path and the front matter it would get shown live, as typed.

The preview uses the page on screen (else a sample article), so a person sees their own
clip land in ``Clippings/The Guardian/2024/...``. Nothing here is written until Settings
is accepted, and a template with an unknown ``{variable}`` is refused with the reason.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFontDatabase, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clipper.library.templates import (
    VARIABLES,
    ClipTemplate,
    Property,
    import_obsidian_template,
    link_prefix,
    sample_clip,
)
from clipper.models import Clip
from clipper.settings import Settings, default_front_matter, description

from ..theme import colors

ATTACHMENT_CHOICES = [("beside", "Next to the clip, in Title.assets"),
                      ("subfolder", "In a subfolder of the clip's folder"),
                      ("folder", "In one folder of the library")]
PREVIEW_LINES = 16


def described(field: QWidget, *names: str) -> QWidget:
    """A setting's field with its description under it (each of ``names``'), in smaller,
    muted text."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 4)
    layout.setSpacing(2)
    layout.addWidget(field)
    for name in names:
        layout.addWidget(note_label(description(name)))
    return box


def note_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setObjectName("settingDescription")
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 0.92)
    label.setFont(font)
    palette = label.palette()
    fore, back = palette.color(palette.ColorRole.WindowText), palette.color(
        palette.ColorRole.Window)
    palette.setColor(palette.ColorRole.WindowText, QColor(
        (fore.red() * 3 + back.red() * 2) // 5, (fore.green() * 3 + back.green() * 2) // 5,
        (fore.blue() * 3 + back.blue() * 2) // 5))
    label.setPalette(palette)
    return label


class TemplateEditor(QWidget):
    changed = Signal()

    def __init__(self, settings: Settings, library: Path, sample: Clip | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templateEditor")
        self._library = library
        clip = sample if sample is not None else sample_clip()
        if not clip.created:
            clip = dataclasses.replace(
                clip, created=datetime.now().astimezone().isoformat(timespec="seconds"))
        self._sample = clip
        self.file_name = QLineEdit(settings.file_name)
        self.file_name.setObjectName("fileNameTemplate")
        self.file_name.setPlaceholderText("{title}")
        self.folder = QLineEdit(settings.folder)
        self.folder.setObjectName("folderTemplate")
        self.folder.setPlaceholderText("e.g. Clippings/{site}")
        self.attachments = QComboBox()
        self.attachments.setObjectName("attachmentsChoice")
        for key, label in ATTACHMENT_CHOICES:
            self.attachments.addItem(label, key)
        self.attachments.setCurrentIndex(max(0, self.attachments.findData(settings.attachments)))
        self.attachment_folder = QLineEdit(settings.attachment_folder)
        self.attachment_folder.setObjectName("attachmentFolder")
        self.heading = QCheckBox("Start the text with the title as a # heading")
        self.heading.setObjectName("headingChoice")
        self.heading.setChecked(settings.heading)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("frontMatterTable")
        self.table.setHorizontalHeaderLabels(["Key", "Value", "List"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnWidth(0, 130)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setMinimumHeight(180)
        self._set_rows(settings.front_matter)

        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        for text, slot, name in (("Add", self._add, "addKey"),
                                 ("Remove", self._remove, "removeKey"),
                                 ("Up", lambda: self._shift(-1), "keyUp"),
                                 ("Down", lambda: self._shift(1), "keyDown"),
                                 ("Defaults", self._reset, "defaultKeys"),
                                 ("Import Obsidian Template…", self.import_obsidian,
                                  "importObsidian")):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(lambda _=False, s=slot: s())
            if name == "importObsidian":
                button.setToolTip("Take the keys, file name and folder of a template exported "
                                  "from Obsidian Web Clipper (its .json file)")
                buttons.addStretch(1)
            buttons.addWidget(button)

        variables = ", ".join("{" + v + "}" for v in VARIABLES if v not in ("source", "date"))
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("templatePreview")
        self.preview.setReadOnly(True)
        self.preview.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.preview.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.preview.setMinimumHeight(150)
        self.path_preview = QLabel()
        self.path_preview.setObjectName("pathPreview")
        self.path_preview.setWordWrap(True)
        self.path_preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.path_preview.setFrameShape(QLabel.Shape.StyledPanel)
        self.path_preview.setContentsMargins(6, 4, 6, 4)
        self.path_preview.setBackgroundRole(QPalette.ColorRole.Base)
        self.path_preview.setAutoFillBackground(True)
        self.problems = QLabel()
        self.problems.setObjectName("templateProblems")
        self.problems.setWordWrap(True)
        self.notes = QLabel()
        self.notes.setObjectName("templateNotes")
        self.notes.setWordWrap(True)
        self.notes.hide()

        images_row = QHBoxLayout()
        images_row.addWidget(self.attachments, 1)
        images_row.addWidget(QLabel("Folder:"))
        images_row.addWidget(self.attachment_folder)
        images = QWidget()
        images.setLayout(images_row)
        images_row.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("File name:", described(self.file_name, "file_name"))
        form.addRow("Folder:", described(self.folder, "folder"))
        form.addRow("Images:", described(images, "attachments", "attachment_folder"))
        form.addRow("Heading:", described(self.heading, "heading"))
        where = QWidget()  # the path, and under it what is wrong (no empty row when nothing)
        where_layout = QVBoxLayout(where)
        where_layout.setContentsMargins(0, 0, 0, 0)
        where_layout.setSpacing(2)
        where_layout.addWidget(self.path_preview)
        where_layout.addWidget(self.problems)
        form.addRow("Saved as:", where)
        table_box = QWidget()
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.table)
        table_layout.addLayout(buttons)
        keys = described(table_box, "front_matter")
        keys_layout = keys.layout()
        assert keys_layout is not None
        keys_layout.addWidget(note_label(f"Variables: {variables}; dates take a format, as in "
                                         "{created:%Y-%m-%d}. Obsidian's {{title}} works too."))
        form.addRow("Front matter:", keys)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("A new clip from these settings (the page shown, or a sample):"))
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.notes)

        for field in (self.file_name, self.folder, self.attachment_folder):
            field.textChanged.connect(self._changed)
        self.attachments.currentIndexChanged.connect(self._changed)
        self.heading.toggled.connect(self._changed)
        self.table.itemChanged.connect(self._changed)
        self._changed()

    # -- the keys ----------------------------------------------------------------------------

    def _set_rows(self, rows: list[dict[str, str]]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for row in rows:
            self._append(row.get("name", ""), row.get("value", ""), row.get("type") == "list")
        self.table.blockSignals(False)

    def _append(self, name: str, value: str, as_list: bool) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(name))
        self.table.setItem(row, 1, QTableWidgetItem(value))
        check = QTableWidgetItem()
        check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled
                       | Qt.ItemFlag.ItemIsSelectable)
        check.setCheckState(Qt.CheckState.Checked if as_list else Qt.CheckState.Unchecked)
        check.setToolTip("Written as a list (values separated by commas)")
        self.table.setItem(row, 2, check)
        return row

    def rows(self) -> list[dict[str, str]]:
        out = []
        for row in range(self.table.rowCount()):
            name, value, check = (self.table.item(row, c) for c in range(3))
            out.append({"name": name.text().strip() if name else "",
                        "value": value.text() if value else "",
                        "type": "list" if check is not None and check.checkState()
                        == Qt.CheckState.Checked else "text"})
        return out

    def _add(self) -> None:
        row = self._append("status", "unread", False)
        self.table.setCurrentCell(row, 0)
        item = self.table.item(row, 0)
        if item is not None:
            self.table.editItem(item)
        self._changed()

    def _remove(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self._changed()

    def _shift(self, step: int) -> None:
        row = self.table.currentRow()
        rows = self.rows()
        other = row + step
        if row < 0 or not 0 <= other < len(rows):
            return
        rows[row], rows[other] = rows[other], rows[row]
        self._set_rows(rows)
        self.table.setCurrentCell(other, 0)
        self._changed()

    def _reset(self) -> None:
        self._set_rows(default_front_matter())
        self._changed()

    def import_obsidian(self, path: str | None = None) -> None:
        """An Obsidian Web Clipper template (its exported JSON) into these fields."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, "Import an Obsidian Web Clipper "
                                                  "Template", str(Path.home()),
                                                  "Templates (*.json);;All files (*)")
            if not path:
                return
        try:
            imported = import_obsidian_template(Path(path).read_bytes())
        except (OSError, ValueError) as exc:
            self._say_notes([f"Could not import {Path(path).name}: "
                             f"{getattr(exc, 'strerror', None) or exc}"])
            return
        template = imported.template
        self.file_name.setText(template.file_name)
        self.folder.setText(template.folder)
        self._set_rows([p.as_dict() for p in template.properties])
        self._changed()
        self._say_notes([f"Imported {Path(path).name}."] + [
            f"Not carried over: {note}." for note in imported.notes])

    def _say_notes(self, notes: list[str]) -> None:
        self.notes.setText(" ".join(notes))
        self.notes.setVisible(bool(notes))

    # -- the template ------------------------------------------------------------------------

    def template(self) -> ClipTemplate:
        rows = self.rows()
        return ClipTemplate(
            file_name=self.file_name.text().strip() or "{title}",
            folder=self.folder.text().strip(),
            attachments=self.attachments.currentData(),
            attachment_folder=self.attachment_folder.text().strip(),
            heading=self.heading.isChecked(),
            properties=tuple(Property(r["name"], r["value"],
                                      "list" if r["type"] == "list" else "text")
                             for r in rows))

    def apply_to(self, settings: Settings) -> Settings:
        return dataclasses.replace(
            settings, file_name=self.file_name.text().strip() or "{title}",
            folder=self.folder.text().strip(), attachments=self.attachments.currentData(),
            attachment_folder=self.attachment_folder.text().strip() or "attachments",
            heading=self.heading.isChecked(), front_matter=self.rows())

    def problem_text(self) -> str:
        return " ".join(self.template().problems())

    def _changed(self) -> None:
        self.attachment_folder.setEnabled(self.attachments.currentData() != "beside")
        template = self.template()
        problems = template.problems()
        warnings = template.warnings()
        if problems:
            self.problems.setStyleSheet(f"QLabel {{ color: {colors().problem}; }}")
            self.problems.setText(" ".join(problems))
        else:
            self.problems.setStyleSheet("")
            self.problems.setText(" ".join(warnings))
        self.problems.setVisible(bool(problems or warnings))
        text = self.preview_text(template) if not problems else ""
        self.preview.setPlainText(text)
        self.path_preview.setText(self.where_text(template) if not problems else "—")
        self.changed.emit()

    def where_text(self, template: ClipTemplate) -> str:
        """The note's path and its images' folder, in the library (they wrap at spaces)."""
        place = template.place(self._sample, self._library)
        root = template.images_root(place.folder, self._library)
        images = place.folder / f"{place.stem}.assets" if root is None else root / place.stem
        return (f"{_relative(place.folder / (place.stem + '.md'), self._library)}\n"
                f"images: {_relative(images, self._library)}/")

    def preview_text(self, template: ClipTemplate) -> str:
        """Where the sample clip would go, where its images would, and its first lines."""
        library = self._library
        place = template.place(self._sample, library)
        note = place.folder / f"{place.stem}.md"
        lines = [f"{_relative(note, library)}"]
        root = template.images_root(place.folder, library)
        images = place.folder / f"{place.stem}.assets" if root is None else root / place.stem
        link = "/".join(quote(part, safe="") for part in
                        link_prefix(images, place.folder).split("/"))
        lines.append(f"images in {_relative(images, library)}/, linked as "
                     f"![…]({link}/1a2b3c4d5e6f.jpg)")
        lines.append("")
        text = template.render(self._sample).splitlines()
        lines += text[:PREVIEW_LINES] + (["…"] if len(text) > PREVIEW_LINES else [])
        return "\n".join(lines)


def _relative(path: Path, library: Path) -> str:
    try:
        return path.relative_to(library).as_posix()
    except ValueError:
        return str(path)

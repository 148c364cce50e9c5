"""Rename or Move…: a clip's new file name and folder, with where it will go shown as typed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from clipper.library.move import planned_path

TOP = "(the library folder)"


class MoveDialog(QDialog):
    def __init__(self, path: Path, library: Path, folders: list[Path],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("moveDialog")
        self.setWindowTitle("Rename or Move Clip")
        self.setMinimumWidth(480)
        self._path = path
        self._library = library
        self.name = QLineEdit(path.stem)
        self.name.setObjectName("moveName")
        self.name.selectAll()
        self.folder = QComboBox()
        self.folder.setObjectName("moveFolder")
        self.folder.setEditable(True)
        self.folder.setToolTip("A folder of the library; a new one is made when you type a "
                               "name that is not there yet (use / between folders)")
        choices = sorted({self._relative(f) for f in [library, *folders, path.parent]},
                         key=str.lower)
        for choice in choices:
            self.folder.addItem(choice)
        self.folder.setCurrentText(self._relative(path.parent))
        self.result_label = QLabel()
        self.result_label.setObjectName("movePreview")
        self.result_label.setWordWrap(True)
        note = QLabel("Its images go with it, and its links to them are updated.")
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow("File name:", self.name)
        form.addRow("Folder:", self.folder)
        form.addRow("", self.result_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.name.textChanged.connect(self._update)
        self.folder.currentTextChanged.connect(self._update)
        self._update()

    def _relative(self, folder: Path) -> str:
        try:
            rel = folder.relative_to(self._library).as_posix()
        except ValueError:
            return TOP
        return TOP if rel in ("", ".") else rel

    def target_folder(self) -> Path:
        text = self.folder.currentText().strip()
        if text in ("", TOP):
            return self._library
        parts = [p for p in text.replace("\\", "/").split("/") if p.strip(" .")]
        return self._library.joinpath(*parts)

    def target(self) -> Path | None:
        name = self.name.text().strip()
        return planned_path(self._path, name, self.target_folder()) if name else None

    def _update(self) -> None:
        target = self.target()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if target is None:
            self.result_label.setText("Type a file name.")
            if ok is not None:
                ok.setEnabled(False)
            return
        try:
            shown = target.relative_to(self._library).as_posix()
        except ValueError:
            shown = str(target)
        same = target == self._path
        self.result_label.setText("Nothing changes." if same else f"→ {shown}")
        if ok is not None:
            ok.setEnabled(not same)

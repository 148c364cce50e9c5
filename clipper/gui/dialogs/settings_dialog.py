"""Settings: library folder, default tags, image downloads."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clipper.settings import Settings, default_library, library_problem

from ..session import parse_tags


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, override: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle("Settings")
        self.setMinimumWidth(520)
        self._settings = settings
        self.library = QLineEdit(settings.library)
        self.library.setPlaceholderText(str(default_library()))
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        library_row = QHBoxLayout()
        library_row.addWidget(self.library, 1)
        library_row.addWidget(browse)
        self.tags = QLineEdit(", ".join(settings.default_tags))
        self.tags.setPlaceholderText("clippings")
        self.download_images = QCheckBox("Save the article's images next to each clip")
        self.download_images.setChecked(settings.download_images)
        self.download_images.setToolTip("Images keep working when the website changes")

        form = QFormLayout()
        form.addRow("Library folder:", library_row)
        if override:
            note = QLabel(f"This session saves to {override} (set by --library or "
                          "CLIPPER_LIBRARY); the folder above applies when that is not set.")
            note.setWordWrap(True)
            note.setObjectName("overrideNote")
            form.addRow("", note)
        self.problem = QLabel()
        self.problem.setObjectName("libraryProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("QLabel { color: #b3261e; }")
        self.problem.hide()
        form.addRow("", self.problem)
        self.library.textEdited.connect(lambda _text: self.problem.hide())
        form.addRow("Default tags:", self.tags)
        form.addRow("Images:", self.download_images)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(buttons)

    def accept(self) -> None:
        """Not with a library that is not a writable folder: said here, at once, rather than
        at the next Ctrl+S (the library pane went empty meanwhile)."""
        text = self.library.text().strip()
        problem = library_problem(Path(text)) if text else None
        if problem is not None:
            self.problem.setText(problem)
            self.problem.show()
            self.library.setFocus()
            self.library.selectAll()
            return
        super().accept()

    def _browse(self) -> None:
        start = self.library.text() or str(default_library())
        folder = QFileDialog.getExistingDirectory(self, "Choose the Library Folder", start)
        if folder:
            self.library.setText(folder)

    def result_settings(self) -> Settings:
        return replace(self._settings, library=self.library.text().strip(),
                       default_tags=parse_tags(self.tags.text()),
                       download_images=self.download_images.isChecked())

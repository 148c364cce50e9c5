"""Settings: library folder, default tags, image downloads, the pages kept with the clips
(and how much room they take), the fidelity callout."""

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
                 parent: QWidget | None = None, library: Path | None = None) -> None:
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
        self.keep_pages = QCheckBox("Keep each page as loaded, to show it again and "
                                    "re-extract it later")
        self.keep_pages.setObjectName("keepPages")
        self.keep_pages.setChecked(settings.keep_pages)
        self.keep_pages.setToolTip("Compressed, in the library's hidden .clipper/pages folder "
                                   "(it syncs with the library)")
        self.pages_size = QLabel("Counting the pages kept…")
        self.pages_size.setObjectName("pagesSize")
        self.pages_size.setEnabled(False)  # secondary text
        self.notes_callout = QCheckBox("End each clip with what it leaves out of the page "
                                       "(a folded callout)")
        self.notes_callout.setObjectName("notesCallout")
        self.notes_callout.setChecked(settings.notes_callout)
        self.notes_callout.setToolTip("A table kept as HTML, a video kept as a link, a map left "
                                      "out… as an Obsidian callout at the end of the clip")

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
        form.addRow("Pages:", self.keep_pages)
        form.addRow("", self.pages_size)
        form.addRow("Notes:", self.notes_callout)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(buttons)
        if library is not None:  # the library shown: how much room its pages take
            from clipper.library.snapshots import total_size

            from .. import tasks

            tasks.run_in_background(lambda cancel, progress: total_size(library),
                                    on_done=lambda found: self.show_pages_size(*found),
                                    name="pages kept")
        else:
            self.pages_size.hide()

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
                       download_images=self.download_images.isChecked(),
                       keep_pages=self.keep_pages.isChecked(),
                       notes_callout=self.notes_callout.isChecked())

    def show_pages_size(self, count: int, size: int) -> None:
        """The pages the library keeps (counted in the background once the dialog opens)."""
        from ..messages import human_bytes

        self.pages_size.setText(f"{count:,} page{'s' if count != 1 else ''} kept, "
                                f"{human_bytes(size)} in all" if count
                                else "No pages kept in this library yet")

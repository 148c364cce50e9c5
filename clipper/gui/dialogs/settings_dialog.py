"""Settings: the library folder, default tags, images, the pages kept with the clips (and how
much room they take), the fidelity callout and the theme (General), and how new clips are
named, placed and written (Templates). Each setting says what it does under it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from clipper.models import Clip
from clipper.settings import Settings, default_library, library_problem

from ..session import parse_tags
from ..theme import colors
from .template_editor import TemplateEditor, described

THEME_CHOICES = [("system", "Follow the system"), ("light", "Light"), ("dark", "Dark")]
GENERAL_TAB, TEMPLATES_TAB, SITE_RULES_TAB = 0, 1, 2


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, override: str | None = None,
                 parent: QWidget | None = None, *, library: Path | None = None,
                 sample: Clip | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle("Settings")
        self.setMinimumWidth(560)
        self._settings = settings
        self.library = QLineEdit(settings.library)
        self.library.setPlaceholderText(str(default_library()))
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        library_row = QHBoxLayout()
        library_row.setContentsMargins(0, 0, 0, 0)
        library_row.addWidget(self.library, 1)
        library_row.addWidget(browse)
        library_box = QWidget()
        library_box.setLayout(library_row)
        self.tags = QLineEdit(", ".join(settings.default_tags))
        self.tags.setPlaceholderText("clippings")
        self.download_images = QCheckBox("Save the article's images next to each clip")
        self.download_images.setChecked(settings.download_images)
        self.download_images.setToolTip("Images keep working when the website changes")
        self.keep_pages = QCheckBox("Keep each page as loaded, to show it again and "
                                    "re-extract it later")
        self.keep_pages.setObjectName("keepPages")
        self.keep_pages.setChecked(settings.keep_pages)
        self.pages_size = QLabel("Counting the pages kept…")
        self.pages_size.setObjectName("pagesSize")
        self.pages_size.setEnabled(False)  # secondary text
        self.notes_callout = QCheckBox("End each clip with what it leaves out of the page")
        self.notes_callout.setObjectName("notesCallout")
        self.notes_callout.setChecked(settings.notes_callout)
        self.theme = QComboBox()
        self.theme.setObjectName("themeChoice")
        for key, label in THEME_CHOICES:
            self.theme.addItem(label, key)
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))

        form = QFormLayout()
        form.addRow("Library folder:", described(library_box, "library"))
        if override:
            note = QLabel(f"This session saves to {override} (set by --library or "
                          "CLIPPER_LIBRARY); the folder above applies when that is not set.")
            note.setWordWrap(True)
            note.setObjectName("overrideNote")
            form.addRow("", note)
        self.problem = QLabel()
        self.problem.setObjectName("libraryProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"QLabel {{ color: {colors().problem}; }}")
        self.problem.hide()
        form.addRow("", self.problem)
        self.library.textEdited.connect(lambda _text: self.problem.hide())
        form.addRow("Default tags:", described(self.tags, "default_tags"))
        form.addRow("Images:", described(self.download_images, "download_images"))
        form.addRow("Pages:", described(self.keep_pages, "keep_pages"))
        form.addRow("", self.pages_size)
        form.addRow("Notes:", described(self.notes_callout, "notes_callout"))
        form.addRow("Theme:", described(self.theme, "theme"))
        general = QWidget()
        general_layout = QVBoxLayout(general)
        general_layout.addLayout(form)
        general_layout.addStretch(1)

        folder = library or Path(settings.library or default_library())
        self.templates = TemplateEditor(settings, folder.expanduser().absolute(), sample)
        scroll = QScrollArea()
        scroll.setObjectName("templatesScroll")
        scroll.setWidget(self.templates)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tabs = QTabWidget()
        self.tabs.addTab(general, "General")
        self.tabs.addTab(scroll, "Templates")
        from ..widgets.site_rules_list import SiteRulesList

        self.site_rules = SiteRulesList(library)
        self.tabs.addTab(self.site_rules, "Site Rules")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        if library is not None:  # the library shown: how much room its pages take
            from clipper.library.snapshots import total_size

            from .. import tasks

            tasks.run_in_background(lambda cancel, progress: total_size(library),
                                    on_done=lambda found: self.show_pages_size(*found),
                                    name="pages kept")
        else:
            self.pages_size.hide()
        screen = self.screen().availableGeometry() if self.screen() else None
        self.resize(760, min(900, screen.height() - 60) if screen else 760)

    def accept(self) -> None:
        """Not with a library that is not a writable folder: said here, at once, rather than
        at the next Ctrl+S (the library pane went empty meanwhile). Nor with a template
        that names a variable Clipper does not know."""
        text = self.library.text().strip()
        problem = library_problem(Path(text)) if text else None
        if problem is not None:
            self.tabs.setCurrentIndex(GENERAL_TAB)
            self.problem.setText(problem)
            self.problem.show()
            self.library.setFocus()
            self.library.selectAll()
            return
        if self.templates.problem_text():
            self.tabs.setCurrentIndex(TEMPLATES_TAB)
            return
        super().accept()

    def _browse(self) -> None:
        start = self.library.text() or str(default_library())
        folder = QFileDialog.getExistingDirectory(self, "Choose the Library Folder", start)
        if folder:
            self.library.setText(folder)

    def result_settings(self) -> Settings:
        general = replace(self._settings, library=self.library.text().strip(),
                          default_tags=parse_tags(self.tags.text()),
                          download_images=self.download_images.isChecked(),
                          keep_pages=self.keep_pages.isChecked(),
                          notes_callout=self.notes_callout.isChecked(),
                          theme=self.theme.currentData())
        return self.templates.apply_to(general)

    def show_pages_size(self, count: int, size: int) -> None:
        """The pages the library keeps (counted in the background once the dialog opens)."""
        from ..messages import human_bytes

        self.pages_size.setText(f"{count:,} page{'s' if count != 1 else ''} kept, "
                                f"{human_bytes(size)} in all" if count
                                else "No pages kept in this library yet")

"""File ▸ Import…: the import's options, then its progress, failures and outcome.

Not modal: the window stays usable while an import runs (the library pane fills as
clips arrive), and the dialog can be closed and the import left to finish. It only
asks and draws; ``import_flow`` runs the import and hands it an ``ImportState`` to draw.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clipper.importers.polite import DEFAULT_JOBS

from ..import_jobs import ImportRequest
from ..import_state import ImportState
from ..session import parse_tags

FORMAT_CHOICES = [
    ("auto", "Detect automatically"), ("pocket", "Pocket (CSV, ZIP or HTML)"),
    ("instapaper", "Instapaper (CSV)"), ("omnivore", "Omnivore (ZIP or JSON)"),
    ("wallabag", "Wallabag (JSON)"), ("raindrop", "Raindrop.io (CSV)"),
    ("bookmarks", "Browser bookmarks (HTML)"), ("urls", "List of addresses (text)"),
]
EXPORT_FILTER = ("Reading list exports (*.csv *.html *.htm *.json *.zip *.txt);;"
                 "All files (*)")
OPTIONS_PAGE, PROGRESS_PAGE = 0, 1


class ImportDialog(QDialog):
    start_requested = Signal(object)
    """An ``ImportRequest``: Import (or Import Again) was clicked."""
    stop_requested = Signal()
    save_report_requested = Signal()

    def __init__(self, tags: list[str], folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle("Import Reading List")
        self.setMinimumWidth(560)
        self._last: ImportRequest | None = None
        self._shown_failures = 0
        self._folder = folder
        self.pages = QStackedWidget()
        self.pages.addWidget(self._options_page(tags))
        self.pages.addWidget(self._progress_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        # Enter imports and nothing else: no other button may take it as the default
        # (Choose… would open a chooser; on the progress page, Close would close).
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(button is self.start_button)

    # -- the options -------------------------------------------------------------------------

    def _options_page(self, tags: list[str]) -> QWidget:
        page = QWidget()
        intro = QLabel("Clip every page of an export from Pocket, Instapaper, Omnivore, "
                       "Wallabag, Raindrop.io or a browser's bookmarks. Pages already in the "
                       "library are skipped, so importing the same file again continues "
                       "where it stopped.")
        intro.setWordWrap(True)
        self.file = QLineEdit()
        self.file.setObjectName("importFile")
        self.file.setPlaceholderText("part_000000.csv, bookmarks.html, wallabag.json…")
        self.file.textChanged.connect(self._update_start)
        self.browse = QPushButton("Choose…")
        self.browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(self.browse)
        self.format = QComboBox()
        self.format.setObjectName("importFormat")
        for value, label in FORMAT_CHOICES:
            self.format.addItem(label, value)
        self.tags = QLineEdit(", ".join(tags))
        self.tags.setObjectName("importTags")
        self.tags.setToolTip("Added to every clip, before the tags the service had")
        self.jobs = QSpinBox()
        self.jobs.setObjectName("importJobs")
        self.jobs.setRange(1, 64)
        self.jobs.setValue(DEFAULT_JOBS)
        self.jobs.setToolTip("Pages fetched at the same time; never more than 2 from one site")
        self.keep_dead = QCheckBox("Keep pages that are gone as link-only clips")
        self.keep_dead.setObjectName("importKeepDead")
        self.dry_run = QCheckBox("Only check what would be imported (fetch nothing)")
        self.dry_run.setObjectName("importDryRun")
        form = QFormLayout()
        form.addRow("Export file:", row)
        form.addRow("Format:", self.format)
        form.addRow("Tags for every clip:", self.tags)
        form.addRow("Pages at a time:", self.jobs)
        form.addRow("", self.keep_dead)
        form.addRow("", self.dry_run)
        self.options_error = QLabel()
        self.options_error.setObjectName("importOptionsError")
        self.options_error.setWordWrap(True)
        self.options_error.setStyleSheet("color: palette(bright-text); background: #b3261e;"
                                         "padding: 6px; border-radius: 3px;")
        self.options_error.hide()
        self.start_button = QPushButton("Import")
        self.start_button.setObjectName("importStart")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self._start)
        close = QPushButton("Close")
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        buttons.addWidget(self.start_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.options_error)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self._update_start()
        return page

    def _browse(self) -> None:
        start = str(Path(self.file.text()).parent) if self.file.text().strip() else self._folder
        path, _ = QFileDialog.getOpenFileName(self, "Choose an Export", start, EXPORT_FILTER)
        if path:
            self.file.setText(path)

    def _update_start(self) -> None:
        self.start_button.setEnabled(bool(self.file.text().strip()))

    def request(self) -> ImportRequest:
        """The options as set now."""
        return ImportRequest(export=Path(self.file.text().strip()).expanduser(),
                             fmt=str(self.format.currentData()),
                             tags=tuple(parse_tags(self.tags.text())), jobs=self.jobs.value(),
                             keep_dead=self.keep_dead.isChecked(),
                             dry_run=self.dry_run.isChecked())

    def _start(self) -> None:
        if not self.file.text().strip():
            return
        self._last = self.request()
        self.options_error.hide()
        self.start_requested.emit(self._last)

    def show_options_error(self, text: str) -> None:
        """The export could not be read: say so where the file was chosen."""
        self.pages.setCurrentIndex(OPTIONS_PAGE)
        self.options_error.setText(text)
        self.options_error.show()

    # -- the progress ------------------------------------------------------------------------

    def _progress_page(self) -> QWidget:
        page = QWidget()
        self.heading = QLabel()
        self.heading.setObjectName("importHeading")
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.heading.setFont(font)
        self.bar = QProgressBar()
        self.bar.setObjectName("importProgress")
        self.bar.setTextVisible(False)
        self.counts = QLabel()
        self.counts.setObjectName("importCounts")
        self.current = QLabel()
        self.current.setObjectName("importCurrent")
        self.current.setTextFormat(Qt.TextFormat.PlainText)
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.failures_label = QLabel()
        self.failures_label.setObjectName("importFailuresLabel")
        self.failures = QListWidget()
        self.failures.setObjectName("importFailures")
        self.failures.setWordWrap(True)
        self.failures.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.failures.setUniformItemSizes(False)

        self.stop_button = QPushButton("Stop")
        self.stop_button.setObjectName("importStop")
        self.stop_button.setToolTip("Stop after the pages under way; what was saved stays")
        self.stop_button.clicked.connect(self.stop_requested)
        self.report_button = QPushButton("Save Failure Report…")
        self.report_button.setObjectName("importSaveReport")
        self.report_button.clicked.connect(self.save_report_requested)
        self.again_button = QPushButton("Resume")
        self.again_button.setObjectName("importAgain")
        self.again_button.clicked.connect(self._again)
        self.options_button = QPushButton("Options…")
        self.options_button.clicked.connect(
            lambda: self.pages.setCurrentIndex(OPTIONS_PAGE))
        self.close_button = QPushButton("Close")
        self.close_button.setObjectName("importClose")
        self.close_button.setToolTip("The import goes on in the background while it runs")
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.report_button)
        buttons.addStretch(1)
        for button in (self.options_button, self.again_button, self.stop_button,
                       self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.bar)
        layout.addWidget(self.counts)
        layout.addWidget(self.current)
        layout.addWidget(self.summary)
        layout.addSpacing(4)
        layout.addWidget(self.failures_label)
        layout.addWidget(self.failures, 100)
        layout.addStretch(1)  # with no failures listed, the lines above stay together
        layout.addLayout(buttons)
        return page

    def _again(self) -> None:
        if self._last is not None:
            self.start_requested.emit(self._last)

    def show_state(self, state: ImportState) -> None:
        """Show ``state`` (called by the flow after each change, at most a few times a
        second)."""
        if state.phase == "idle":
            self.pages.setCurrentIndex(OPTIONS_PAGE)
            return
        if state.phase == "failed" and not state.total:
            self.show_options_error(state.error)
            return
        self.pages.setCurrentIndex(PROGRESS_PAGE)
        self.heading.setText(state.title())
        if state.phase == "reading" or not state.total:
            self.bar.setRange(0, 0 if state.running else 1)
        else:
            self.bar.setRange(0, state.total)
            self.bar.setValue(state.done)
        self.counts.setText(state.counts())
        metrics = QFontMetrics(self.current.font())
        self.current.setText(metrics.elidedText(state.current_text(), Qt.TextElideMode.ElideRight,
                                                max(200, self.width() - 40)))
        self.current.setVisible(bool(state.current_text()))
        self.summary.setText(state.summary())
        self.summary.setVisible(bool(state.summary()))
        failures = state.failures
        if len(failures) < self._shown_failures:
            self.failures.clear()
            self._shown_failures = 0
        for failure in failures[self._shown_failures:]:
            self.failures.addItem(f"{failure.url}\n    {failure.reason}")
        self._shown_failures = len(failures)
        self.failures_label.setText(state.failures_text())
        self.failures.setVisible(bool(failures))
        running = state.running
        self.stop_button.setVisible(running)
        self.stop_button.setEnabled(state.phase == "running")
        self.again_button.setVisible(not running and not state.dry_run)
        self.again_button.setText("Resume" if state.phase == "stopped" else "Import Again")
        self.again_button.setToolTip("Import the same file again: what is already in the "
                                     "library is skipped")
        self.options_button.setVisible(not running)
        self.report_button.setVisible(not running and bool(state.report().noted))

"""Re-extract: the clips made again from their saved pages, each one's saved and new article
side by side, before anything is replaced.

The dialog only draws and asks; ``reextract_flow`` plans the clips in the background (the
list fills as each is done, with a progress bar and Stop), computes the diff of the clip
chosen in the list, and writes the clips once Replace is clicked.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..reextract_jobs import diff_style
from ..theme import colors

if TYPE_CHECKING:
    from clipper.reextract import Plan

PLAN_ROLE = Qt.ItemDataRole.UserRole + 1
WORDS = {
    "changed": "changed",
    "same": "the same",
    "edited": "edited since saved",
    "no snapshot": "no saved page",
    "failed": "failed",
}


class ReextractDialog(QDialog):
    diff_wanted = Signal(object)
    """A ``Plan`` whose diff should be shown (the row chosen)."""
    stop_requested = Signal()

    def __init__(self, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reextractDialog")
        self.setWindowTitle("Re-extract from Saved Pages")
        # Roomy for two columns of text, never larger than the window it belongs to.
        room = parent.window().size() if parent is not None else None
        self.resize(
            min(1100, room.width()) if room else 1000, min(700, room.height()) if room else 640
        )
        self._count = count
        self._plans: list[Plan] = []
        self._done = False

        self.summary = QLabel(
            f"Re-extracting {count} clip{'s' if count != 1 else ''} from the pages saved with them…"
        )
        self.summary.setObjectName("reextractSummary")
        self.summary.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, max(1, count))
        self.progress.setValue(0)
        self.stop_button = QPushButton("Stop")
        self.stop_button.clicked.connect(self._stop)
        top = QHBoxLayout()
        top.addWidget(self.progress, 1)
        top.addWidget(self.stop_button)

        self.list = QListWidget()
        self.list.setObjectName("reextractList")
        self.list.setMinimumWidth(180)
        self.list.setWordWrap(True)  # long titles on two lines, not a sideways scroll
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentItemChanged.connect(self._on_current)
        self.diff = QTextBrowser()
        self.diff.setObjectName("reextractDiff")
        self.diff.setOpenLinks(False)
        self._html = ""
        self._style_diff()
        self.diff.setPlaceholderText(
            "Choose a clip to see its saved and re-extracted article side by side."
        )
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.list)
        splitter.addWidget(self.diff)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)

        self.include_edited = QCheckBox(
            "Also replace clips edited since they were saved "
            "(your edits are lost; a backup of each is kept)"
        )
        self.include_edited.setObjectName("includeEdited")
        self.include_edited.hide()
        self.include_edited.toggled.connect(lambda _on: self._update_button())
        self.buttons = QDialogButtonBox()
        self.replace_button = self.buttons.addButton(
            "Replace", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.replace_button.setObjectName("replaceButton")
        self.replace_button.setEnabled(False)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        note = QLabel(
            "Each clip replaced is copied to the library's .clipper-backups folder first."
        )
        note.setObjectName("backupNote")
        note.setWordWrap(True)
        note.setEnabled(False)  # secondary text

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.include_edited)
        layout.addWidget(note)
        layout.addWidget(self.buttons)

    # -- filled by the flow ----------------------------------------------------------------------

    def add_plan(self, plan: Plan) -> None:
        self._plans.append(plan)
        word = WORDS.get(plan.outcome.value, plan.outcome.value)
        item = QListWidgetItem(f"{plan.title or plan.path.stem}\n{word}")
        item.setData(PLAN_ROLE, len(self._plans) - 1)
        tip = str(plan.path) + (f"\n{plan.reason}" if plan.reason else "")
        item.setToolTip(tip)
        if plan.outcome.value in ("same", "no snapshot", "failed"):
            item.setForeground(self.palette().placeholderText())
        self.list.addItem(item)
        self.progress.setValue(len(self._plans))
        if self.list.currentRow() < 0 and plan.outcome.value in ("changed", "edited"):
            self.list.setCurrentItem(item)
        if plan.outcome.value == "edited":
            self.include_edited.show()
        self._update_button()

    def finish(self, stopped: bool = False) -> None:
        """Every clip is planned (or the planning was stopped)."""
        self._done = True
        self.progress.hide()
        self.stop_button.hide()
        counts = self.counts()
        parts = [f"{counts['changed']} changed", f"{counts['same']} the same"]
        if counts["edited"]:
            parts.append(f"{counts['edited']} edited since they were saved")
        if counts["no snapshot"]:
            parts.append(f"{counts['no snapshot']} saved without their page")
        if counts["failed"]:
            parts.append(f"{counts['failed']} failed")
        n = len(self._plans)
        head = (
            f"Stopped after {n} of {self._count} clips"
            if stopped
            else f"{n} clip{'s' if n != 1 else ''}"
        )
        self.summary.setText(f"{head}: " + ", ".join(parts) + ".")
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self._update_button()

    def show_diff(self, plan: Plan, html: str) -> None:
        if self.current_plan() is plan:
            self._set_html(html)

    # -- reading it back -------------------------------------------------------------------------

    def plans(self) -> list[Plan]:
        return list(self._plans)

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(WORDS, 0)
        for plan in self._plans:
            counts[plan.outcome.value] = counts.get(plan.outcome.value, 0) + 1
        return counts

    def current_plan(self) -> Plan | None:
        item = self.list.currentItem()
        if item is None:
            return None
        return self._plans[int(item.data(PLAN_ROLE))]

    def select_path(self, path: Path) -> None:
        for row in range(self.list.count()):
            if self._plans[int(self.list.item(row).data(PLAN_ROLE))].path == path:
                self.list.setCurrentRow(row)
                return

    def replacing(self) -> int:
        """How many clips Replace writes."""
        counts = self.counts()
        return counts["changed"] + (counts["edited"] if self.include_edited.isChecked() else 0)

    # -- inside --------------------------------------------------------------------------------

    def _set_html(self, html: str) -> None:
        self._html = html
        self.diff.setHtml(html)

    def _style_diff(self) -> None:
        """The diff in the colours of the theme in use (a style sheet applies to the HTML
        set after it, so what is shown is set again)."""
        self.diff.document().setDefaultStyleSheet(diff_style(colors(self.palette()).diff))
        if self._html:
            self.diff.setHtml(self._html)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._style_diff()  # the theme switched while the dialog is open

    def _update_button(self) -> None:
        n = self.replacing()
        self.replace_button.setText(f"Replace {n} Clip{'s' if n != 1 else ''}" if n else "Replace")
        self.replace_button.setEnabled(self._done and n > 0)
        if self._done and n > 0:
            self.replace_button.setDefault(True)

    def _on_current(self, current: QListWidgetItem | None, _previous: object) -> None:
        plan = self.current_plan() if current is not None else None
        if plan is None:
            return
        if plan.outcome.value in ("no snapshot", "failed"):
            self._set_html(f"<p>{_escape(plan.reason or 'Nothing to compare.')}</p>")
            return
        self._set_html("<p>Comparing…</p>")
        self.diff_wanted.emit(plan)

    def _stop(self) -> None:
        self.stop_button.setEnabled(False)
        self.stop_requested.emit()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

"""Settings ▸ Site rules: the library's rules (``.clipper/site-rules.yaml``), with Delete.

Read and written in the background; a delete is written at once (not on OK: the file is
the library's, not a setting). A file that cannot be read is named with its line, and
nothing can be deleted from it, so it is never written over.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clipper.library.site_rules import Rule, SiteRules, rules_path

from .. import tasks

COLUMNS = ("Site", "Rule", "Selector", "Date", "Note")


class SiteRulesList(QWidget):
    def __init__(self, library: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("siteRules")
        self._library = library
        self._rules: SiteRules | None = None
        self._broken = False
        self.tree = QTreeWidget()
        self.tree.setObjectName("siteRulesTree")
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.delete = QPushButton("Delete")
        self.delete.setObjectName("deleteRule")
        self.delete.setEnabled(False)
        self.delete.clicked.connect(self.delete_selected)
        self.edit = QPushButton("Edit the File…")
        self.edit.setObjectName("editRules")
        self.edit.setToolTip("Open .clipper/site-rules.yaml in your text editor (its format is "
                             "in the README, \"Site rules\"); reopen Settings to see the edits")
        self.edit.setEnabled(False)
        self.edit.clicked.connect(self.edit_file)
        self.status = QLabel("Reading the site rules…")
        self.status.setObjectName("siteRulesStatus")
        self.status.setWordWrap(True)
        intro = QLabel("What to keep or drop on a site, applied to every page of it "
                       "(`clipper rules` adds them). They live in the library, in "
                       ".clipper/site-rules.yaml; a deleted rule is gone at once.")
        intro.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.edit)
        row.addWidget(self.delete)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)
        if library is None:
            self.status.setText("No library folder yet: no site rules.")
        else:
            tasks.run_in_background(lambda cancel, progress: SiteRules.load(library),
                                    on_done=self._show, on_error=self._failed,
                                    name="site rules")

    def rules(self) -> list[Rule]:
        return list(self._rules.rules) if self._rules is not None else []

    def _show(self, rules: SiteRules) -> None:
        self._rules = rules
        self._broken = False
        self.tree.clear()
        for rule in rules.rules:
            item = QTreeWidgetItem([rule.host, rule.kind, rule.selector, rule.date, rule.note])
            item.setToolTip(2, rule.selector)
            self.tree.addTopLevelItem(item)
        for column in range(len(COLUMNS) - 1):
            self.tree.resizeColumnToContents(column)
        n = len(rules.rules)
        self.status.setText(f"{n} rule{'s' if n != 1 else ''}" if n else "No site rules yet.")
        self._update_buttons()

    def _failed(self, error: BaseException) -> None:
        self._rules = None
        self._broken = True
        self.tree.clear()
        self.status.setText(str(error))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.delete.setEnabled(self._rules is not None and bool(self.tree.selectedItems()))
        # a broken file too: fixing it by hand is the way out
        has_rules = self._rules is not None and bool(self._rules.rules)
        self.edit.setEnabled(self._library is not None and (has_rules or self._broken))

    def edit_file(self) -> None:
        """The rules file in the program the desktop opens YAML with (it exists: there are
        rules, or it could not be read)."""
        if self._library is None:
            return
        path = rules_path(self._library)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.status.setText(f"No program opened {path}; edit it with any text editor.")

    def delete_selected(self) -> None:
        if self._rules is None or self._library is None:
            return
        rows = {self.tree.indexOfTopLevelItem(item) for item in self.tree.selectedItems()}
        doomed = {(r.host, r.kind, r.selector) for i, r in enumerate(self._rules.rules)
                  if i in rows}
        if not doomed:
            return
        library = self._library

        def write(cancel: object, progress: object) -> SiteRules:
            # read again: a rule added meanwhile (clipper rules add) is not lost
            fresh = SiteRules.load(library)
            fresh.rules = [r for r in fresh.rules if (r.host, r.kind, r.selector) not in doomed]
            fresh.save(library)
            return fresh

        self.delete.setEnabled(False)
        tasks.run_in_background(write, on_done=self._show, on_error=self._failed,
                                name="site rules")

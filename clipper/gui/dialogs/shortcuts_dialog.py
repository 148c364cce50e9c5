"""The list of keyboard shortcuts, built from the window's own menus so it cannot go stale."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

_KEY_NAMES = {"Ctrl", "Shift", "Alt", "Meta", "Esc", "Ins", "Del", "Home", "End", "PgUp",
              "PgDown", "Left", "Right", "Up", "Down", "Return", "Enter", "Tab", "Space",
              "Backspace", "Backtab"}


def typable(sequence: QKeySequence) -> bool:
    """False for dedicated media keys ("Save", "Shift+Paste") a list of shortcuts would only
    clutter; they stay bound, they are just not listed."""
    for part in sequence.toString().split("+"):
        if len(part) > 1 and part not in _KEY_NAMES and not re.fullmatch(r"F([1-9]|1[012])", part):
            return False  # a named key ("Save") or F13-F35, the "Paste" key of Sun keyboards
    return True


def shortcut_rows(menus: list[QMenu]) -> list[tuple[str, list[tuple[str, str]]]]:
    """(menu title, [(action text, shortcuts)]) for every action that has a shortcut."""
    rows = []
    for menu in menus:
        entries = []
        for action in menu.actions():
            if action.isSeparator() or not action.shortcuts():
                continue
            keys = ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText)
                             for s in action.shortcuts() if typable(s))
            entries.append((action.text().replace("&", "").rstrip("…. "), keys))
        if entries:
            rows.append((menu.title().replace("&", ""), entries))
    return rows


class ShortcutsDialog(QDialog):
    """``extra``: keys that belong to a pane rather than a menu, as (title, [(what, keys)])."""

    def __init__(self, menus: list[QMenu], parent: QWidget | None = None,
                 extra: list[tuple[str, list[tuple[str, str]]]] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard Shortcuts")
        tree = QTreeWidget()
        tree.setColumnCount(2)
        tree.setHeaderLabels(["Action", "Shortcut"])
        tree.setRootIsDecorated(False)
        tree.setSelectionMode(QTreeWidget.SelectionMode.NoSelection)
        tree.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for title, entries in shortcut_rows(menus) + list(extra or []):
            group = QTreeWidgetItem([title, ""])
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            tree.addTopLevelItem(group)
            for text, keys in entries:
                tree.addTopLevelItem(QTreeWidgetItem([f"    {text}", keys]))
        header = tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.tree = tree
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tree)
        layout.addWidget(buttons)
        # Room after the longest keys, and just the height the list needs (no empty band).
        tree.setStyleSheet("QTreeWidget::item { padding: 1px 14px 1px 2px; }")
        self._tree_fits = False
        self.resize(480, 560)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._tree_fits:  # rows have their real height only once shown
            self._tree_fits = True
            tree = self.tree
            last = tree.topLevelItem(tree.topLevelItemCount() - 1)
            bottom = tree.visualItemRect(last).bottom() if last is not None else 0
            spare = tree.viewport().height() - bottom - 6
            width = max(self.width(), tree.sizeHintForColumn(1) + 300)
            screen = self.screen().availableGeometry().height() if self.screen() else 800
            self.resize(width, min(self.height() - spare, screen - 80))

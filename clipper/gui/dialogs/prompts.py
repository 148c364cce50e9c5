"""The questions the window asks: unsaved edits, a duplicate, a clip changed on disk,
deleting a clip."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from PySide6.QtWidgets import QMessageBox, QWidget

UnsavedChoice = Literal["save", "discard", "cancel"]
DuplicateChoice = Literal["open", "new", "replace", "cancel"]
ChangedChoice = Literal["overwrite", "new", "cancel"]


def ask_unsaved(parent: QWidget, title: str, doing: str) -> UnsavedChoice:
    """Save / Discard / Cancel before ``doing`` ("loading another page", "quitting")."""
    box = QMessageBox(parent)
    box.setObjectName("unsavedPrompt")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Unsaved Changes")
    box.setText(f"Save your changes to “{title}” before {doing}?")
    box.setInformativeText("Your edits to this clip are lost if you don't save them.")
    box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                           | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return "save"
    if answer == QMessageBox.StandardButton.Discard:
        return "discard"
    return "cancel"


def ask_duplicate(parent: QWidget, existing: Path) -> DuplicateChoice:
    """The library already holds this article: open it, keep both, or replace it."""
    box = QMessageBox(parent)
    box.setObjectName("duplicatePrompt")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Already in Your Library")
    box.setText(f"This article is already in your library as “{existing.name}”.")
    box.setInformativeText("Replacing keeps the old file as a backup.")
    open_button = box.addButton("Open Existing", QMessageBox.ButtonRole.ActionRole)
    new_button = box.addButton("Save as New Version", QMessageBox.ButtonRole.AcceptRole)
    replace_button = box.addButton("Replace", QMessageBox.ButtonRole.DestructiveRole)
    cancel_button = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(new_button)
    box.setEscapeButton(cancel_button)
    box.exec()
    clicked = box.clickedButton()
    if clicked is open_button:
        return "open"
    if clicked is new_button:
        return "new"
    if clicked is replace_button:
        return "replace"
    return "cancel"


def ask_changed(parent: QWidget, path: Path, missing: bool) -> ChangedChoice:
    """The clip's file was changed (or moved away) by another program since it was opened.

    Saving as a new clip is the default: it loses nobody's text.
    """
    box = QMessageBox(parent)
    box.setObjectName("changedPrompt")
    box.setIcon(QMessageBox.Icon.Warning)
    if missing:
        box.setWindowTitle("Clip Moved or Deleted")
        box.setText(f"“{path.name}” was moved or deleted since you opened it.")
        box.setInformativeText("Save what you see as a new clip in your library, or write it "
                               "back where it was?")
        overwrite = box.addButton("Save Where It Was", QMessageBox.ButtonRole.DestructiveRole)
    else:
        box.setWindowTitle("Clip Changed on Disk")
        box.setText(f"“{path.name}” was changed by another program since you opened it.")
        box.setInformativeText("Overwriting replaces those changes with what you see here; "
                               "saving as a new clip keeps both.")
        overwrite = box.addButton("Overwrite", QMessageBox.ButtonRole.DestructiveRole)
    new_button = box.addButton("Save as New Clip", QMessageBox.ButtonRole.AcceptRole)
    cancel_button = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(new_button)
    box.setEscapeButton(cancel_button)
    box.exec()
    clicked = box.clickedButton()
    if clicked is overwrite:
        return "overwrite"
    if clicked is new_button:
        return "new"
    return "cancel"


def ask_delete(parent: QWidget, title: str) -> bool:
    """Move a clip to the trash? (It can be restored from there.)"""
    box = QMessageBox(parent)
    box.setObjectName("deletePrompt")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Move to Trash")
    box.setText(f"Move “{title}” to the trash?")
    box.setInformativeText("The clip and its images can be restored from the trash.")
    delete_button = box.addButton("Move to Trash", QMessageBox.ButtonRole.DestructiveRole)
    cancel_button = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(delete_button)
    box.setEscapeButton(cancel_button)
    box.exec()
    return box.clickedButton() is delete_button

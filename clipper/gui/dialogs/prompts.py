"""The questions the window asks: unsaved edits, a duplicate, a clip changed on disk,
deleting a clip."""

from __future__ import annotations

from pathlib import Path
from typing import Literal, TypeVar

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from ..save_choices import ChangedChoice, DuplicateChoice, UnsavedChoice


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


Choice = TypeVar("Choice", bound=str)
Role = QMessageBox.ButtonRole


def _ask(parent: QWidget, name: str, icon: QMessageBox.Icon, title: str, text: str,
         info: str, buttons: list[tuple[str, Role, Choice]], default: Choice
         ) -> Choice | Literal["cancel"]:
    """A question with its own buttons plus Cancel (also Esc); the choice of the one clicked."""
    box = QMessageBox(parent)
    box.setObjectName(name)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    box.setInformativeText(info)
    added = {choice: box.addButton(label, role) for label, role, choice in buttons}
    cancel_button = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(added[default])
    box.setEscapeButton(cancel_button)
    box.exec()
    clicked = box.clickedButton()
    return next((choice for choice, button in added.items() if button is clicked), "cancel")


def ask_duplicate(parent: QWidget, existing: Path) -> DuplicateChoice:
    """The library already holds this article: open it, keep both, or replace it."""
    return _ask(parent, "duplicatePrompt", QMessageBox.Icon.Question, "Already in Your Library",
                f"This article is already in your library as “{existing.name}”.",
                "Replacing keeps the old file as a backup.",
                [("Open Existing", Role.AcceptRole, "open"),
                 ("Save as New Version", Role.ActionRole, "new"),
                 ("Replace", Role.DestructiveRole, "replace")],
                default="open")  # a reflex Enter must not make a duplicate


def ask_changed(parent: QWidget, path: Path, missing: bool) -> ChangedChoice:
    """The clip's file was changed (or moved away) by another program since it was opened.

    Saving as a new clip is the default: it loses nobody's text.
    """
    if missing:
        title, what = "Clip Moved or Deleted", "was moved or deleted since you opened it."
        info = "Save what you see as a new clip in your library, or write it back where it was?"
        overwrite = "Save Where It Was"
    else:
        title, what = "Clip Changed on Disk", "was changed by another program since you opened it."
        info = ("Overwriting replaces those changes with what you see here; saving as a new "
                "clip keeps both.")
        overwrite = "Overwrite"
    return _ask(parent, "changedPrompt", QMessageBox.Icon.Warning, title, f"“{path.name}” {what}",
                info, [(overwrite, Role.DestructiveRole, "overwrite"),
                       ("Save as New Clip", Role.AcceptRole, "new")], default="new")


def ask_delete(parent: QWidget, title: str, path: Path) -> bool:
    """Move a clip to the trash? (It can be restored from there.) The file is named: two
    versions of a clip share a title."""
    return _ask(parent, "deletePrompt", QMessageBox.Icon.Question, "Move to Trash",
                f"Move “{title}” to the trash?",
                f"The file {path.name} and its images can be restored from the trash.",
                [("Move to Trash", Role.DestructiveRole, "delete")], default="delete") == "delete"


def ask_delete_many(parent: QWidget, clips: list[tuple[str, Path]]) -> bool:
    """Move the clips chosen in the list to the trash? Each is named (up to ten), so a
    selection made by mistake shows before anything moves."""
    shown = "\n".join(f"• {title} ({path.name})" for title, path in clips[:10])
    more = f"\n… and {len(clips) - 10} more" if len(clips) > 10 else ""
    return _ask(parent, "deletePrompt", QMessageBox.Icon.Question, "Move to Trash",
                f"Move {len(clips)} clips to the trash?",
                f"{shown}{more}\n\nTheir files and images can be restored from the trash.",
                [("Move to Trash", Role.DestructiveRole, "delete")], default="delete") == "delete"


def ask_quit_with_queue(parent: QWidget, waiting: int) -> bool:
    """Quit although pages wait in the queue (they are not kept)?"""
    pages = "page is" if waiting == 1 else "pages are"
    return _ask(parent, "queuePrompt", QMessageBox.Icon.Question, "Pages Still Queued",
                f"{waiting} {pages} still waiting to be loaded.",
                "Quitting forgets them; drop or open them again to clip them later.",
                [("Quit Anyway", Role.DestructiveRole, "quit")], default="quit") == "quit"


def ask_title(parent: QWidget, suggested: str) -> str | None:
    """The clip has no title: which one (its file is named after it)? None: not saved."""
    dialog = QInputDialog(parent)
    dialog.setObjectName("titlePrompt")
    dialog.setWindowTitle("Title for This Clip")
    dialog.setLabelText("The clip has no title; its file is named after it. Title:")
    dialog.setInputMode(QInputDialog.InputMode.TextInput)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
    dialog.setTextValue(suggested)
    dialog.setOkButtonText("Save")
    if dialog.exec() != QInputDialog.DialogCode.Accepted:
        return None
    return " ".join(dialog.textValue().split()) or None

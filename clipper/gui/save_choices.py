"""The duplicate choice and the save outcome, as the window names them, in one place.

The core spells the same choice four ways today (issue 11); the window's flows, prompts
and session use only the names below, so moving the window to the core's shared
vocabulary means changing this module alone.
"""

from __future__ import annotations

from typing import Literal

DuplicateMode = Literal["check", "new", "replace"]
"""What ``jobs.save_to_library`` does when the library already holds the article."""
CHECK: DuplicateMode = "check"
"""Write nothing if the article is there: the window asks first."""
NEW_VERSION: DuplicateMode = "new"
REPLACE: DuplicateMode = "replace"

SaveAction = Literal["ask", "changed", "saved", "updated"]
"""``jobs.SaveOutcome.action``: what a save did, or why it wrote nothing."""
ASK: SaveAction = "ask"
CHANGED: SaveAction = "changed"
SAVED: SaveAction = "saved"
UPDATED: SaveAction = "updated"

DuplicateChoice = Literal["open", "new", "replace", "cancel"]
"""The answer to "Already in Your Library"."""
ChangedChoice = Literal["overwrite", "new", "cancel"]
"""The answer to "Clip Changed on Disk" (or moved away)."""
UnsavedChoice = Literal["save", "discard", "cancel"]
"""The answer to "Unsaved Changes"."""

MODE_FOR_DUPLICATE: dict[DuplicateChoice, DuplicateMode] = {"new": NEW_VERSION,
                                                            "replace": REPLACE}
"""The duplicate answers that save, and how."""


def saved_verb(action: SaveAction) -> str:
    """How the status bar names a write: ``Updated`` a clip's own file, else ``Saved to``."""
    return "Updated" if action == UPDATED else "Saved to"

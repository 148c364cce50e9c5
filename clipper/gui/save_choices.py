"""The duplicate choice and the save outcome, as the window names them, in one place.

The save choice and outcome are the core's (``clipper.models.OnDuplicate`` and
``SaveAction``, shared with the CLI and the pipeline); the answers to the window's
own questions are named here.
"""

from __future__ import annotations

from typing import Literal

from clipper.models import OnDuplicate, SaveAction

DuplicateMode = OnDuplicate
"""What ``jobs.save_to_library`` does when the library already holds the article."""
CHECK = OnDuplicate.SKIP
"""Write nothing if the article is there: the window asks first."""
NEW_VERSION = OnDuplicate.NEW
REPLACE = OnDuplicate.REPLACE

ASK = SaveAction.SKIPPED
"""Nothing written: the same article is in the library; the window asks what to do."""
CHANGED = SaveAction.CHANGED
UPDATED = SaveAction.UPDATED
UNCHANGED = SaveAction.UNCHANGED
"""Nothing written: the clip's file already holds what is shown."""

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

"""How long work says how far it got, and learns that it should stop.

Every step that can take a while (fetching, extracting, downloading images, indexing)
takes two keywords: ``progress``, called as ``progress(stage, done, total)`` after each
piece of work (``total`` None while unknown), and ``cancel``, a ``threading.Event``
that another thread sets; the work then raises ``CancelledError`` at its next safe
point, having written nothing it would leave half done. One shape everywhere, so the
window's task runner and the CLI pass their callback straight through.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Literal

from clipper.errors import CancelledError

__all__ = ["ProgressFn", "Stage", "check_cancel"]

Stage = Literal["fetching", "decoding", "extracting", "images", "indexing", "importing",
                "reextracting", "queued"]
"""``fetching``: bytes of the page; ``images``: images downloaded for a clip;
``indexing``: clip files read into the search index; ``importing``: items of a reading
list done (saved, skipped or failed); ``reextracting``: clips made again from their saved
pages; ``queued``: queued pages saved (Save All Queued); the others have no counts."""

ProgressFn = Callable[[Stage, int, "int | None"], None]


def check_cancel(cancel: threading.Event | None) -> None:
    """Raise ``CancelledError`` if ``cancel`` is set: called between pieces of work."""
    if cancel is not None and cancel.is_set():
        raise CancelledError()

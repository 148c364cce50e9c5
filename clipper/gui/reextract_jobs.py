"""What the window's Re-extract runs in the background: plain functions calling the core
(``clipper.reextract``), no Qt. Each imports the core on first use."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from clipper.progress import ProgressFn, check_cancel

if TYPE_CHECKING:
    from clipper.library import Library
    from clipper.reextract import Plan

DIFF_CONTEXT = 2
"""Unchanged lines shown around each change: enough to see where it is."""
DIFF_WRAP = 60
"""Columns per side before a line wraps (side by side in a dialog)."""
DIFF_STYLE = """
table.diff { border-collapse: collapse; }
td { padding: 1px 4px; vertical-align: top; }
.diff_header { color: #777777; }
td.diff_next { color: #999999; }
.diff_add { background-color: #d7f5dc; }
.diff_chg { background-color: #fbeec2; }
.diff_sub { background-color: #fadada; }
"""
"""Colours of the side-by-side diff (``difflib.HtmlDiff``'s classes), for QTextBrowser."""


def plan_clips(paths: list[Path], library: Path, notes_callout: bool,
               cancel: threading.Event, progress: ProgressFn,
               events: Callable[[Plan], None]) -> list[Plan]:
    """What re-extracting each clip would write (nothing is written), each as it is known."""
    from clipper.reextract import plan_clip

    plans = []
    for done, path in enumerate(paths):
        check_cancel(cancel)
        progress("reextracting", done, len(paths))
        plan = plan_clip(path, library, force=False, notes_callout=notes_callout)
        plans.append(plan)
        events(plan)
    progress("reextracting", len(paths), len(paths))
    return plans


def apply_plans(plans: list[Plan], library: Library | Path, include_edited: bool,
                cancel: threading.Event, progress: ProgressFn) -> Path | None:
    """Write the re-extracted clips (each backed up first); the backups folder."""
    from clipper.library import Library
    from clipper.reextract import apply_plans

    if isinstance(library, Library):
        return apply_plans(plans, library, include_edited=include_edited, progress=progress,
                           cancel=cancel)
    with Library(library) as handle:
        return apply_plans(plans, handle, include_edited=include_edited, progress=progress,
                           cancel=cancel)


def diff_html(plan: Plan, cancel: threading.Event, progress: ProgressFn) -> str:
    """The saved and the re-extracted article side by side, changes coloured."""
    import difflib

    old, new = plan.old_body.splitlines(), plan.new_body.splitlines()
    if old == new:
        return "<p>The re-extracted article is the same as the saved one.</p>"
    table = difflib.HtmlDiff(tabsize=4, wrapcolumn=DIFF_WRAP).make_table(
        old, new, "Saved", "Re-extracted", context=True, numlines=DIFF_CONTEXT)
    return table

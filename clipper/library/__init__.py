"""The clip library: Markdown files with YAML front matter in a folder the user owns.

``Library(folder)`` is the handle on one library and its search index; the CLI, the
pipeline and the window pass it to ``save_clip`` (new clips: images, duplicates and
safe names included), ``update_clip`` (edits written back), ``delete_clip`` (to the
trash), ``list_clips`` (newest first, or a search) and ``find_duplicate``.
``export_clip`` writes a clip wherever a person chooses (Save as).

The modules: the files (``walk``, ``filenames``, ``atomic``, ``frontmatter``, ``text``,
``summary``, ``trash``), the search index, a rebuildable SQLite cache (``index``,
``index_rows``, ``query``), text fingerprints (``duplicates``), the library without an
index (``scan``), and the use cases (``store``, ``handle``, ``export``).

The names below are imported on first use rather than with the package: the window
makes its ``Library`` on the GUI thread, where loading the clip code (YAML, SQLite,
the query patterns) would hold up the window.
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clipper.library.duplicates import fingerprint, similarity
    from clipper.library.export import export_clip
    from clipper.library.filenames import assets_dir_for, safe_filename
    from clipper.library.frontmatter import parse_clip, read_clip, render_clip
    from clipper.library.handle import Library
    from clipper.library.store import (
        SaveResult,
        delete_clip,
        find_duplicate,
        list_clips,
        save_clip,
        update_clip,
    )
    from clipper.library.summary import ClipSummary

__all__ = [
    "ClipSummary",
    "Library",
    "SaveResult",
    "assets_dir_for",
    "delete_clip",
    "export_clip",
    "find_duplicate",
    "fingerprint",
    "list_clips",
    "parse_clip",
    "read_clip",
    "render_clip",
    "safe_filename",
    "save_clip",
    "similarity",
    "update_clip",
]

_HOMES = {
    "Library": "handle", "ClipSummary": "summary", "export_clip": "export",
    "fingerprint": "duplicates", "similarity": "duplicates",
    "assets_dir_for": "filenames", "safe_filename": "filenames",
    "parse_clip": "frontmatter", "read_clip": "frontmatter", "render_clip": "frontmatter",
    "SaveResult": "store", "delete_clip": "store", "find_duplicate": "store",
    "list_clips": "store", "save_clip": "store", "update_clip": "store",
}


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(_module(home), name)
    globals()[name] = value  # found directly from now on
    return value


def _module(home: str) -> ModuleType:
    # Spelled out rather than importlib.import_module(), so the imports stay visible to
    # readers and to the import-circle test.
    if home == "handle":
        from clipper.library import handle
        return handle
    if home == "summary":
        from clipper.library import summary
        return summary
    if home == "export":
        from clipper.library import export
        return export
    if home == "duplicates":
        from clipper.library import duplicates
        return duplicates
    if home == "filenames":
        from clipper.library import filenames
        return filenames
    if home == "frontmatter":
        from clipper.library import frontmatter
        return frontmatter
    from clipper.library import store
    return store

"""The clip library: Markdown files with YAML front matter in a folder the user owns.

``save_clip`` writes new clips (images, duplicates and safe names included),
``update_clip`` writes edits back, ``delete_clip`` moves clips to the trash,
``list_clips`` lists and searches them through ``clipper.index``.
"""

from clipper.library.duplicates import find_duplicate, fingerprint, similarity
from clipper.library.filenames import assets_dir_for, safe_filename
from clipper.library.frontmatter import parse_clip, read_clip, render_clip
from clipper.library.store import (
    SaveResult,
    delete_clip,
    list_clips,
    save_clip,
    update_clip,
)
from clipper.library.summary import ClipSummary

__all__ = [
    "ClipSummary",
    "SaveResult",
    "assets_dir_for",
    "delete_clip",
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


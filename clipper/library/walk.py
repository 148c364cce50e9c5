"""Which files in a library folder are clips.

Every ``*.md`` below the library counts (people sort clips into sub-folders),
except inside hidden folders (``.obsidian``, ``.clipper-backups``, ``.git``) and
``*.assets`` folders, which hold a clip's images.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

CLIP_SUFFIX = ".md"
ASSETS_SUFFIX = ".assets"
BACKUPS_DIR = ".clipper-backups"


def iter_clip_files(library: Path) -> Iterator[tuple[str, os.stat_result]]:
    """``(path relative to the library with "/" separators, stat)`` of each clip file."""
    for rel, entry in iter_clip_entries(library):
        try:
            yield rel, entry.stat(follow_symlinks=False)
        except OSError:
            continue


def iter_clip_entries(library: Path) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """``(relative path, directory entry)`` of each clip file, without a ``stat`` of each
    (``entry.inode()`` comes with the folder's listing on POSIX systems)."""
    stack = [("", str(library))]
    while stack:
        rel_dir, abs_dir = stack.pop()
        try:
            entries = list(os.scandir(abs_dir))
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            rel = f"{rel_dir}{name}"
            try:
                if entry.is_dir(follow_symlinks=False):
                    if not name.endswith(ASSETS_SUFFIX):
                        stack.append((rel + "/", entry.path))
                elif name.endswith(CLIP_SUFFIX) and entry.is_file(follow_symlinks=False):
                    yield rel, entry
            except OSError:
                continue

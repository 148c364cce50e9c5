"""A clip's own images folder, wherever the template put it, found from the clip's links.

Clips saved with the default template keep their images in ``Title.assets/`` beside them.
With another template (``attachments/Title/`` in the clip's folder, or
``Attachments/Title/`` in the library) the folder is the one its relative image links point
into. Moving, renaming, replacing or trashing a clip takes that folder along only when it
is the clip's own: named after the clip, and holding nothing the clip does not link to, so
a folder of images that other notes share is never carried off.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote

from clipper.library.filenames import assets_dir_for

_VERSION = re.compile(r" \(\d+\)$")


def linked_files(note: Path, body: str) -> dict[Path, list[str]]:
    """Local files the body's images link to (absolute, not resolved through symlinks), with
    the links as written."""
    from clipper.images.refs import find_image_refs

    found: dict[Path, list[str]] = {}
    for ref in find_image_refs(body):
        link = ref.url.strip().strip("<>")
        if not link or ":" in link.split("/", 1)[0] or link.startswith(("/", "#", "\\")):
            continue  # web, data: and absolute links are not the clip's own files
        name = unquote(link.split("#", 1)[0].split("?", 1)[0])
        if not name or "\x00" in name:
            continue
        target = Path(os.path.normpath(note.parent / name))
        found.setdefault(target, []).append(ref.url)
    return found


def _owned_name(folder: Path, stem: str) -> bool:
    name = folder.name
    return name == stem or _VERSION.sub("", name) == stem or name == stem + ".assets"


def images_dir_of(note: Path, body: str | None = None) -> Path | None:
    """The clip's own images folder, or None when it has none.

    ``Title.assets`` beside the note counts as always; another folder counts when all the
    clip's local images are in it, it is named after the clip (``Title`` or ``Title (2)``)
    and every file in it is one the clip links to.
    """
    beside = assets_dir_for(note)
    if beside.is_dir() and not beside.is_symlink():
        return beside
    if body is None:
        try:
            from clipper.library.frontmatter import parse_clip

            body = parse_clip(note.read_text(encoding="utf-8", errors="replace"), note).body
        except (OSError, ValueError):
            return None
    linked = linked_files(note, body)
    folders = {path.parent for path in linked}
    if len(folders) != 1:
        return None
    folder = folders.pop()
    if folder == note.parent or not _owned_name(folder, note.stem):
        return None
    if folder.is_symlink() or not folder.is_dir():
        return None
    try:
        names = {entry.name for entry in os.scandir(folder)}
    except OSError:
        return None
    wanted = {path.name for path in linked}
    return folder if names <= wanted else None

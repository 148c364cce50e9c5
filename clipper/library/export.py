"""A clip written to a file a person chose (Save as), outside the library's naming rules.

The person picked the name and said to replace a file of that name if there is one,
so this writes there whatever exists; still atomically (a temporary file beside it,
then a rename), so a failed write leaves any old file whole.
"""

from __future__ import annotations

import os
from pathlib import Path

from clipper.errors import LibraryError
from clipper.library.frontmatter import render_clip
from clipper.library.templates import ClipTemplate
from clipper.models import Clip

__all__ = ["export_clip"]


def export_clip(clip: Clip, path: Path, template: ClipTemplate | None = None) -> Path:
    """Front matter + Markdown to ``path``; ``LibraryError`` names the file when it fails.

    A clip not yet in the library is written as ``template`` shapes new clips; one read
    from the library keeps its keys (``render_clip``)."""
    text = template.render(clip) if template is not None and clip.path is None \
        else render_clip(clip)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8", newline="\n")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise LibraryError(f"Cannot write {path}: {exc.strerror or exc}",
                           "Choose another folder.") from exc
    return path

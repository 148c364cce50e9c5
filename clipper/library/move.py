"""Renaming and moving a clip inside the library, its images along and its links working.

The clip's file takes its new name (or folder); its own images folder (``attachments``)
follows, renamed after it; and the clip's links into that folder are rewritten to the new
place, which is the only change made to its text (with its ``body_hash``, when the body was
as saved: a rewrite of Clipper's own is not a hand edit, and re-extraction still takes it).
Nothing existing is overwritten: the new name is claimed before anything moves, and a move
that fails half-way is undone.
"""

from __future__ import annotations

import contextlib
import os
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Literal
from urllib.parse import quote, unquote

from clipper.errors import LibraryError
from clipper.library.atomic import create_new, describe_os_error
from clipper.library.attachments import images_dir_of, linked_files
from clipper.library.filenames import assets_dir_for, candidate_stems, check_inside, safe_filename
from clipper.library.frontmatter import parse_clip
from clipper.library.handle import Library
from clipper.library.walk import ASSETS_SUFFIX, CLIP_SUFFIX

if TYPE_CHECKING:
    from clipper.images.refs import ImageRef

__all__ = ["move_clip", "planned_path"]


def planned_path(path: Path, name: str, folder: Path) -> Path:
    """Where ``move_clip(path, name, folder)`` would put the clip (its name made safe)."""
    stem = safe_filename(name.removesuffix(CLIP_SUFFIX))
    return folder / f"{stem}{CLIP_SUFFIX}"


def _same_name(a: str, b: str) -> bool:
    def key(text: str) -> str:
        return unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())

    return key(a) == key(b)


def _taken(target: Path, source: Path) -> bool:
    """A file, folder or link of that name in any letter case or Unicode form (the clip's
    own old name aside: "report.md" may become "Report.md")."""
    try:
        names = os.listdir(target.parent)
    except FileNotFoundError:
        return False
    except OSError:
        return os.path.lexists(target)
    same_folder = target.parent == source.parent
    return any(_same_name(n, target.name) and not (same_folder and n == source.name)
               for n in names)


def _new_images_dir(images: Path, old: Path, new: Path, root: Path) -> Path:
    """Where the clip's images go: ``New.assets`` beside it; a folder inside the clip's own
    folder moves with the clip (``attachments/Old`` -> ``<new folder>/attachments/New``);
    one elsewhere (or of a clip at the top of the library, where the two are alike: the
    library's images folder) stays where it is, renamed."""
    if images == assets_dir_for(old):
        return assets_dir_for(new)
    try:
        inside = images.parent.relative_to(old.parent)
    except ValueError:
        return images.parent / new.stem
    if old.parent == root:
        return images.parent / new.stem
    return new.parent / inside / new.stem


def move_clip(path: Path, name: str, folder: Path, library: Library | Path) -> Path:
    """Rename the clip ``path`` to ``name`` (made a safe file name) in ``folder`` (inside the
    library); its images folder and its links to it follow. Returns the new path.

    ``LibraryError`` when the name is taken (nothing moves then), when ``folder`` is outside
    the library, or when a file operation fails (what was moved is put back).
    """
    root = library.folder if isinstance(library, Library) else Path(library).absolute()
    path = Path(path).absolute()
    if not path.is_file() or path.suffix.lower() != CLIP_SUFFIX:
        raise LibraryError(f"Not a clip file: {path}")
    target = planned_path(path, name, Path(folder).absolute())
    check_inside(target.parent, root)
    if target == path:
        return path
    if _taken(target, path):
        raise LibraryError(f"There is already a file named {target.name} in {target.parent}",
                           "Choose another name or folder.")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LibraryError(f"The clip {path.name} is not UTF-8 text, so its links cannot be "
                           "followed", "Fix its encoding first.") from exc
    body = parse_clip(text, path).body
    images = images_dir_of(path, body)
    new_images = _new_images_dir(images, path, target, root) if images is not None else None
    if new_images is not None:
        check_inside(new_images.parent, root)
        if new_images != images and _taken(new_images, images):  # type: ignore[arg-type]
            new_images = _free_folder(new_images)
    new_text = _with_hash_kept(text, _relinked(text, path, target, images, new_images), path)
    _move(path, target, data, new_text.encode("utf-8"), images, new_images)
    if isinstance(library, Library):
        library.record(written=target, removed=[path])
    from clipper.library.store import _remember_written

    _remember_written(target, new_text.encode("utf-8"))
    return target


def _free_folder(wanted: Path) -> Path:
    for candidate in candidate_stems(wanted.name.removesuffix(ASSETS_SUFFIX)):
        suffix = ASSETS_SUFFIX if wanted.name.endswith(ASSETS_SUFFIX) else ""
        option = wanted.with_name(candidate + suffix)
        if not os.path.lexists(option):
            return option
    raise AssertionError("unreachable")


def _relinked(text: str, old: Path, new: Path, images: Path | None,
              new_images: Path | None) -> str:
    """The clip's text with its links into its images folder pointing at the new place;
    the rest byte for byte."""
    from clipper.images.refs import find_image_refs, rewrite_images

    if images is None or new_images is None:
        return text
    inside = {target for target in linked_files(old, text) if target.parent == images}
    if not inside:
        return text
    folder = Path(os.path.relpath(new_images, new.parent)).as_posix()
    prefix = "/".join(quote(part, safe="") for part in folder.split("/"))

    def decide(ref: ImageRef) -> str | Literal[False]:
        url = ref.url.strip().strip("<>")
        if not url or ":" in url.split("/", 1)[0]:
            return False
        name = unquote(url.split("#", 1)[0].split("?", 1)[0])
        target = Path(os.path.normpath(old.parent / name))
        if target not in inside:
            return False
        return f"{prefix}/{quote(target.name, safe='')}"

    return rewrite_images(text, find_image_refs(text), decide)


def _with_hash_kept(text: str, new_text: str, path: Path) -> str:
    """``new_text`` (the clip with its image links rewritten) with its ``body_hash`` made
    the new body's when it matched the old one: links Clipper rewrote are not a hand edit,
    so the clip stays re-extractable; a body edited by hand stays one."""
    from dataclasses import replace

    from clipper.library.note_edit import edit_note
    from clipper.library.snapshots import HASH_KEY, body_edited, body_hash

    if new_text == text:
        return text
    old = parse_clip(text, path)
    if HASH_KEY not in old.extra or body_edited(old):
        return new_text
    moved = parse_clip(new_text, path)
    return edit_note(new_text, replace(moved, extra={**moved.extra,
                                                     HASH_KEY: body_hash(moved.body)}), moved)


def _move(old: Path, new: Path, old_data: bytes, new_data: bytes, images: Path | None,
          new_images: Path | None) -> None:
    """Claim ``new`` (a link, or a new file when the text changed), move the images folder,
    then let go of ``old``; undone step by step when one fails."""
    try:
        new.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise describe_os_error(exc, new) from exc
    if new_data == old_data:
        try:
            os.link(old, new)  # same file, same time: only its name changed
        except FileExistsError as exc:
            raise LibraryError(f"There is already a file named {new.name}",
                               "Choose another name or folder.") from exc
        except OSError:
            _create(new, new_data)
    else:
        _create(new, new_data)
    moved_images = False
    try:
        if images is not None and new_images is not None and new_images != images:
            new_images.parent.mkdir(parents=True, exist_ok=True)
            if os.path.lexists(new_images):
                raise FileExistsError(new_images)
            os.rename(images, new_images)
            moved_images = True
        os.unlink(old)
    except OSError as exc:
        if moved_images:
            with contextlib.suppress(OSError):
                os.rename(new_images, images)  # type: ignore[arg-type]
        with contextlib.suppress(OSError):
            os.unlink(new)
        raise LibraryError(f"Cannot move {old.name}: {exc.strerror or exc}",
                           "Nothing was moved. Check that the folder can be written.") from exc


def _create(path: Path, data: bytes) -> None:
    try:
        create_new(path, data)
    except FileExistsError as exc:
        raise LibraryError(f"There is already a file named {path.name}",
                           "Choose another name or folder.") from exc

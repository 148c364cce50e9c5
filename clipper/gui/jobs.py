"""What the window's background tasks do: plain functions calling the core, no Qt.

Each takes ``cancel`` and ``progress`` keywords, which ``tasks.run_in_background``
passes, the rest bound with ``functools.partial``; each imports the heavy core (lxml, extraction) on
first use so the window shows before any of it is loaded.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from clipper.errors import CancelledError, LibraryError
from clipper.models import Clip, Source

if TYPE_CHECKING:
    from clipper.library import SaveResult
    from clipper.pipeline import Loaded

    from .sanitize import SafePage
    from .source_tokens import Span
    from .tasks import ProgressFn

IMAGE_LIMIT_BYTES = 8 * 1024 * 1024
MAX_PREVIEW_IMAGES = 60


def _check(cancel: threading.Event) -> None:
    if cancel.is_set():
        raise CancelledError()


def load_page(source: Source, cancel: threading.Event, progress: ProgressFn) -> Loaded:
    """Read and clean a page (the window shows the result side by side)."""
    from clipper import pipeline

    return pipeline.load(source, progress=progress, cancel=cancel)  # type: ignore[arg-type]


@dataclass
class RawExtras:
    """What the raw pane needs beyond the text: colours per line and a harmless rendering."""

    text: str
    tokens: list[list[Span]]
    page: SafePage


def prepare_raw_view(html: str, base_url: str | None, local_dir: Path | None,
                     cancel: threading.Event, progress: ProgressFn) -> RawExtras:
    from .sanitize import sanitize
    from .source_tokens import display_text, tokenize

    text = display_text(html)
    tokens = tokenize(text)
    _check(cancel)
    return RawExtras(text, tokens, sanitize(html, base_url, local_dir))


SaveAction = Literal["ask", "saved", "updated"]


@dataclass
class SaveOutcome:
    action: SaveAction
    """``ask``: a duplicate exists and nothing was written; the window asks what to do."""
    path: Path | None = None
    duplicate_of: Path | None = None
    result: SaveResult | None = None
    saved: OpenedClip | None = None
    """The clip as written (images now relative to its assets folder), read back."""


@dataclass
class OpenedClip:
    """A clip file read back, with the images of its assets folder for the preview."""

    clip: Clip
    images: dict[str, bytes]
    """Keyed by the relative path the Markdown uses (``Title.assets/1a2b.png``)."""


def open_clip(path: Path) -> OpenedClip:
    from clipper.library import assets_dir_for, read_clip

    clip = read_clip(path)
    images: dict[str, bytes] = {}
    assets = assets_dir_for(path)
    if assets.is_dir():
        for file in sorted(assets.iterdir())[:MAX_PREVIEW_IMAGES]:
            try:
                if file.is_file() and file.stat().st_size <= IMAGE_LIMIT_BYTES:
                    images[f"{assets.name}/{file.name}"] = file.read_bytes()
            except OSError:
                continue
    return OpenedClip(clip, images)


def save_to_library(clip: Clip, library: Path, *, mode: Literal["check", "new", "replace"],
                    download_images: bool, page_dir: Path | None,
                    cancel: threading.Event, progress: ProgressFn) -> SaveOutcome:
    """Save a new clip; with ``mode="check"`` nothing is written if the library has it."""
    from clipper import pipeline
    from clipper.settings import ensure_library

    ensure_library(library)
    on_duplicate = {"check": "skip", "new": "new", "replace": "replace"}[mode]
    result = pipeline.save(clip, library, on_duplicate=on_duplicate,  # type: ignore[arg-type]
                           download_images=download_images, page_dir=page_dir,
                           progress=progress, cancel=cancel)  # type: ignore[arg-type]
    if result.action == "skipped":
        return SaveOutcome("ask", duplicate_of=result.duplicate_of or result.path, result=result)
    return SaveOutcome("saved", path=result.path, duplicate_of=result.duplicate_of,
                       result=result, saved=_read_back(result.path))


def _read_back(path: Path) -> OpenedClip | None:
    """The saved file, so further edits start from what is on disk; None if unreadable."""
    try:
        return open_clip(path)
    except (LibraryError, OSError):
        return None


def update_in_library(clip: Clip, cancel: threading.Event, progress: ProgressFn) -> SaveOutcome:
    """Write edits back to the file the clip came from (it was saved or opened before)."""
    from clipper.library import update_clip

    path = update_clip(clip)
    return SaveOutcome("updated", path=path)


def read_from_library(path: Path, cancel: threading.Event, progress: ProgressFn) -> OpenedClip:
    return open_clip(path)


def write_markdown_file(clip: Clip, path: Path, cancel: threading.Event,
                        progress: ProgressFn) -> Path:
    """Save as: the clip (front matter + Markdown) to a file a person chose, atomically."""
    from clipper.library import render_clip

    text = render_clip(clip)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8", newline="\n")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise LibraryError(f"Cannot write {path}: {exc.strerror or exc}",
                           "Choose another folder.") from exc
    return path


def fetch_images(urls: list[str], referer: str | None, local_dir: Path | None,
                 cancel: threading.Event, progress: ProgressFn) -> dict[str, bytes]:
    """Bytes of the images a person asked to see; failures are simply left out."""
    from clipper.errors import ClipperError
    from clipper.fetch import Limits, http_get

    from .sanitize import image_allowed

    limits = Limits(connect_timeout=5, read_timeout=10, deadline=20, max_bytes=IMAGE_LIMIT_BYTES)
    headers = {"Referer": referer, "Accept": "image/*"} if referer else {"Accept": "image/*"}
    wanted = [u for u in dict.fromkeys(urls) if image_allowed(u, local_dir)][:MAX_PREVIEW_IMAGES]
    out: dict[str, bytes] = {}
    for done, url in enumerate(wanted):
        _check(cancel)
        progress("images", done, len(wanted))
        try:
            if url.lower().startswith("file:"):
                from clipper.models import file_url_to_path

                path = Path(file_url_to_path(url))
                if path.stat().st_size <= IMAGE_LIMIT_BYTES:
                    out[url] = path.read_bytes()
            else:
                out[url] = http_get(url, limits=limits, headers=headers, cancel=cancel).body
        except CancelledError:
            raise
        except (ClipperError, OSError):
            continue
    progress("images", len(wanted), len(wanted))
    return out

"""What File ▸ Import… runs in the background: read the export, then import its items.

Plain functions calling the core, no Qt (like ``jobs``); the core's per-item events go
back to the window through ``events`` as they happen.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clipper.importers.polite import DEFAULT_JOBS
from clipper.progress import ProgressFn

if TYPE_CHECKING:
    from clipper.importers.run import ImportReport
    from clipper.library import Library
    from clipper.library.templates import ClipTemplate


@dataclass(frozen=True)
class ImportRequest:
    """What the import dialog asks for (the CLI's options, as the dialog fills them)."""

    export: Path
    fmt: str = "auto"
    tags: tuple[str, ...] = ("clippings",)
    jobs: int = DEFAULT_JOBS
    keep_dead: bool = False
    dry_run: bool = False
    download_images: bool = True
    delay: float | None = None
    """Seconds between requests to one site; None: the core's default."""
    template: ClipTemplate | None = None
    """Settings ▸ Templates, which the clips follow."""


@dataclass(frozen=True)
class ExportRead:
    """The export was read: what it is and how many items it holds (the first event)."""

    fmt: str
    label: str
    total: int
    folder: Path
    """The library the clips go to."""


def import_reading_list(request: ImportRequest, folder: Path, handle: Library | None, *,
                        cancel: threading.Event, progress: ProgressFn,
                        events: Callable[[Any], None]) -> ImportReport:
    """Read ``request.export`` and import it into ``folder`` (through ``handle``, the library
    pane's, when it is on that folder, so each clip is listed as soon as it is written)."""
    from clipper.importers.formats import LABELS, read_export
    from clipper.importers.run import ImportOptions, import_items
    from clipper.library import Library
    from clipper.settings import ensure_library, load_settings

    fmt, items = read_export(request.export, request.fmt)
    if not request.dry_run:
        ensure_library(folder)
    events(ExportRead(fmt, LABELS[fmt], len(items), folder))
    options = ImportOptions(jobs=request.jobs, tags=list(request.tags),
                            keep_dead=request.keep_dead, dry_run=request.dry_run,
                            download_images=request.download_images,
                            keep_pages=load_settings().keep_pages,
                            template=request.template)
    if request.delay is not None:
        options.delay = request.delay
    if folder.is_dir():  # the library's site rules, as a save applies them
        from clipper.library.site_rules import SiteRules

        options.rules = SiteRules.load(folder)
    library = handle if handle is not None and handle.folder == folder.absolute() \
        else Library(folder)
    try:
        return import_items(items, library, options, progress=progress, cancel=cancel,
                            events=events)
    finally:
        if library is not handle:
            library.close()


def write_failure_report(report: ImportReport, path: Path, cancel: threading.Event,
                         progress: ProgressFn) -> Path:
    """The failures as CSV where the person chose (never over another file)."""
    from clipper.importers.report import write_report

    return write_report(report, path)

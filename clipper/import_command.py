"""``clipper import FILE``: a reading list into the library from the command line.

On a terminal a progress bar (tqdm: done/total, rate, time left) with failures
printed above it; otherwise one plain line per item, for logs and scripts. Every item
is finished before the end (a failure never stops the others), then a summary and,
when something failed, the CSV report; the exit status is 1 when any item failed.
Ctrl+C stops between pages: what was saved stays, and running the same command again
continues where it stopped.
"""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from clipper.importers.run import ImportEvent

from clipper.importers.polite import DEFAULT_JOBS, DELAY

PROG = "clipper"


def add_parser(sub: argparse._SubParsersAction[Any],
               formats: tuple[str, ...]) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "import", help="import a reading list (Pocket, Instapaper, Omnivore, …) as clips",
        description="Fetch every page of a reading-list export and save it as a clip. "
                    "Pages already in the library are skipped, so running it again "
                    "continues an import that was stopped.")
    p.add_argument("file", metavar="FILE", help="the export file (CSV, HTML, JSON, ZIP or text)")
    p.add_argument("--library", metavar="DIR",
                   help="library folder (overrides CLIPPER_LIBRARY and the setting)")
    p.add_argument("--format", choices=("auto", *formats), default="auto",
                   help="what the file is (default: detected from its content)")
    p.add_argument("--jobs", type=_positive, default=DEFAULT_JOBS, metavar="N",
                   help=f"pages fetched at the same time (default {DEFAULT_JOBS}; "
                        "at most 2 per site whatever N is)")
    p.add_argument("--tags", help="comma-separated tags for every clip, before the item's own "
                                  "(default: from Settings, 'clippings')")
    p.add_argument("--dry-run", action="store_true",
                   help="read the file and the library, fetch nothing, say what would happen")
    p.add_argument("--keep-dead", action="store_true",
                   help="save a link-only clip (title, address, tags) for pages that are gone")
    p.add_argument("--no-images", action="store_true",
                   help="keep images as links instead of downloading them next to each clip")
    p.add_argument("--no-rules", action="store_true",
                   help="do not apply the library's site rules (.clipper/site-rules.yaml)")
    p.add_argument("--delay", type=_seconds, default=None, metavar="SECONDS",
                   help=f"seconds between two requests to the same site (default {DELAY:g})")
    p.add_argument("--report", metavar="CSV",
                   help="where to write the list of failed items (default: beside FILE)")
    p.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    return p


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 64:
        raise argparse.ArgumentTypeError(f"not a number from 1 to 64: {text}")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 600:
        raise argparse.ArgumentTypeError(f"not a number of seconds from 0 to 600: {text}")
    return value


def printable(text: str, limit: int = 120) -> str:
    """Text from a page or an export as one harmless terminal line (the one sanitiser,
    ``clipper.safetext``), long text shortened."""
    from clipper.safetext import sanitize_line

    out = sanitize_line(text)
    return out if len(out) <= limit else out[:limit - 1] + "…"


class _Lines:
    """What the import says while it runs: a bar on a terminal, lines elsewhere."""

    def __init__(self, stream: TextIO, total: int, bar: bool) -> None:
        self.stream = stream
        self.total = total
        self.done = 0
        self.lock = threading.Lock()
        self.bar: Any = None
        """A tqdm bar (the package has no type hints)."""
        if bar:
            from tqdm import tqdm

            self.bar = tqdm(total=total, file=stream, unit="page", dynamic_ncols=True,
                            smoothing=0.1, desc="Importing", leave=True)

    def event(self, event: ImportEvent) -> None:
        from clipper.importers.run import ItemOutcome, Status

        if not isinstance(event, ItemOutcome):
            return
        with self.lock:
            self.done += 1
            what = printable(event.title or event.item.url)
            if event.status is Status.FAILED:
                line = f"failed: {printable(event.item.url)}: {printable(event.reason, 300)}"
            elif event.status is Status.LINK_ONLY:
                line = f"kept as a link: {printable(event.item.url)}"
            elif self.bar is not None:
                line = ""
            elif event.status is Status.SAVED:
                line = f"saved: {what}"
            elif event.status is Status.IN_LIBRARY:
                line = f"already in the library: {what}"
            elif event.status is Status.DUPLICATE:
                line = f"listed twice: {printable(event.item.url)}"
            else:
                line = f"to import: {printable(event.item.url)}"
            if self.bar is not None:
                if line:
                    self.bar.write(f"{PROG}: {line}", file=self.stream)
                self.bar.update(1)
            else:
                width = len(str(self.total))
                print(f"{PROG}: [{self.done:>{width}}/{self.total}] {line}", file=self.stream,
                      flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _say(text: str) -> None:
    print(f"{PROG}: {printable(text, 10_000)}", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    """The command; ``ClipperError`` for a file that cannot be read (the CLI reports it)."""
    from clipper.errors import ClipperError
    from clipper.importers.formats import LABELS, read_export
    from clipper.importers.report import default_report_path, write_report
    from clipper.importers.run import ImportOptions, import_items
    from clipper.library import Library
    from clipper.library.templates import ClipTemplate, starting_tags
    from clipper.settings import ensure_library, load_settings, resolve_library

    export = Path(args.file).expanduser()
    fmt, items = read_export(export, args.format)
    settings = load_settings()
    tags = ([t.strip() for t in args.tags.split(",") if t.strip()] if args.tags is not None
            else starting_tags(settings))
    options = ImportOptions(jobs=args.jobs, tags=tags, keep_dead=args.keep_dead,
                            dry_run=args.dry_run,
                            download_images=settings.download_images and not args.no_images,
                            keep_pages=settings.keep_pages,
                            template=ClipTemplate.from_settings(settings))
    if args.delay is not None:
        options.delay = args.delay
    folder = resolve_library(args.library, settings)
    folder = folder if args.dry_run and not folder.exists() else ensure_library(folder)
    if not args.no_rules and folder.is_dir():  # a broken file stops here, before any fetch
        from clipper.library.site_rules import SiteRules, SiteRulesError

        try:
            options.rules = SiteRules.load(folder)
        except SiteRulesError as exc:
            raise SiteRulesError(exc.message, "Fix the file, or run with --no-rules.") from exc
    _say(f"{len(items)} item{'s' if len(items) != 1 else ''} in the {LABELS[fmt]} "
         f"export {export.name}; clips go to {folder}")
    lines = _Lines(sys.stderr, len(items), bar=sys.stderr.isatty() and not args.dry_run)
    try:
        with Library(folder) as library:
            report = import_items(items, library, options, events=lines.event)
    finally:
        lines.close()
    summary = report.summary()
    _say(f"{summary[:1].lower()}{summary[1:]} ({report.elapsed:.1f} s)")
    if report.noted and not args.dry_run:
        target = Path(args.report).expanduser() if args.report else default_report_path(export)
        try:
            written = write_report(report, target)
        except ClipperError as exc:
            written = None
            if not args.report:  # the export's folder is read-only: Clipper's own folder
                from clipper.settings import cache_dir

                fallback = cache_dir() / "import-reports"
                try:
                    fallback.mkdir(parents=True, exist_ok=True)
                    written = write_report(report, fallback / target.name)
                except (ClipperError, OSError):
                    pass
            if written is None:
                _say(f"error: the report could not be written: {exc}")
        if written is not None:
            _say(f"the {len(report.noted)} item(s) that did not load are listed in {written}")
    if report.cancelled:
        return 130
    return 1 if report.failed else 0

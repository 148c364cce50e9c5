"""The import use case: a reading list's items fetched politely, cleaned and saved as clips.

Items are checked first, without touching the network: addresses that are not web
pages fail at once, an address listed twice in the export is imported once, and an
address the library already has (compared without tracking parameters) is skipped, so
a rerun after a cancel or a crash continues where it stopped and adds nothing twice.
The rest goes to a bounded pool of workers under ``HostScheduler``'s per-site limits;
each page is loaded with the usual size and time limits and saved with
``OnDuplicate.SKIP`` (the same article under another address is not saved twice
either; ``_Claims`` keeps two of them from being saved at the same moment). One item's
failure never stops the others; cancel stops them all between steps, and whatever was
saved stays saved.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from urllib.parse import urlsplit

from clipper.errors import (
    CancelledError,
    ClipperError,
    FetchTimeout,
    HttpStatusError,
    LibraryError,
    SourceError,
)
from clipper.fetch import Limits
from clipper.importers.clips import clip_from_article, link_clip
from clipper.importers.items import ImportItem, clean_tags
from clipper.importers.polite import (
    DEFAULT_JOBS,
    DELAY,
    PER_HOST,
    HostScheduler,
    backoff,
    retry_after_seconds,
)
from clipper.library import Library, fingerprint, list_clips
from clipper.library.duplicates import is_similar
from clipper.library.index import IndexUnavailable
from clipper.library.site_rules import SiteRules
from clipper.library.snapshots import page_addresses
from clipper.library.templates import ClipTemplate
from clipper.library.walk import iter_clip_files
from clipper.models import Clip, OnDuplicate, SaveAction, Source
from clipper.pipeline import Loaded, load, save
from clipper.progress import ProgressFn, check_cancel
from clipper.urls import normalize_url

log = logging.getLogger(__name__)

RETRY_STATUSES = (429, 503)
TRANSIENT_STATUSES = (408, 425, 429, 500, 502, 503, 504)
"""Answers that say "not now" rather than "gone": never kept as a dead link."""


class Status(str, Enum):
    """What became of one item."""

    SAVED = "saved"
    LINK_ONLY = "link-only"
    """The page did not load; a clip of the link alone was saved (``keep_dead``)."""
    IN_LIBRARY = "in-library"
    """The library already had it: nothing fetched or written."""
    DUPLICATE = "duplicate"
    """Listed earlier in the same export: imported once."""
    FAILED = "failed"
    WOULD_IMPORT = "would-import"
    """A dry run: this one would be fetched."""


@dataclass
class ImportOptions:
    jobs: int = DEFAULT_JOBS
    """Pages fetched and cleaned at the same time (all sites together)."""
    per_host: int = PER_HOST
    """Requests at the same time to one site."""
    delay: float = DELAY
    """Seconds between the starts of two requests to one site."""
    retries: int = 3
    """Further tries of a page answered with 429 or 503."""
    max_wait: float = 300.0
    """A server asking to wait longer than this (``Retry-After``) fails the item instead."""
    tags: list[str] = field(default_factory=lambda: ["clippings"])
    """Added to every clip, before the item's own tags."""
    keep_dead: bool = False
    dry_run: bool = False
    download_images: bool = True
    keep_pages: bool = True
    """Keep each page as loaded with its clip (``library.snapshots``), as a save does."""
    limits: Limits = field(default_factory=Limits)
    template: ClipTemplate | None = None
    """Where and as what the clips are written (Settings ▸ Templates; None: the default)."""
    rules: SiteRules | None = None
    """The library's site rules, applied to each page as ``clipper save`` applies them."""


@dataclass
class ItemOutcome:
    item: ImportItem
    status: Status
    reason: str = ""
    """Why it failed, was skipped or kept as a link (one line)."""
    path: Path | None = None
    """The clip written, or the one already in the library."""
    title: str = ""


@dataclass(frozen=True)
class ItemStarted:
    """A page is being fetched (what the window shows as the current page)."""

    item: ImportItem


ImportEvent = ItemOutcome | ItemStarted


@dataclass
class ImportReport:
    total: int
    outcomes: list[ItemOutcome] = field(default_factory=list)
    cancelled: bool = False
    elapsed: float = 0.0

    def count(self, status: Status) -> int:
        return sum(1 for o in self.outcomes if o.status is status)

    @property
    def failed(self) -> list[ItemOutcome]:
        return [o for o in self.outcomes if o.status is Status.FAILED]

    @property
    def noted(self) -> list[ItemOutcome]:
        """What the failure report lists: failures, and pages kept only as links."""
        return [o for o in self.outcomes if o.status in (Status.FAILED, Status.LINK_ONLY)]

    def summary(self) -> str:
        """One line: what was added, skipped and failed (and that a rerun continues)."""
        parts = []
        if self.count(Status.WOULD_IMPORT) or not self.outcomes:
            parts.append(f"{self.count(Status.WOULD_IMPORT)} to import")
        saved = self.count(Status.SAVED)
        if saved or not parts:
            parts.append(f"{saved} new clip{'s' if saved != 1 else ''}")
        for status, words in ((Status.LINK_ONLY, "kept as links"),
                              (Status.IN_LIBRARY, "already in the library"),
                              (Status.DUPLICATE, "listed twice"),
                              (Status.FAILED, "failed")):
            if self.count(status):
                parts.append(f"{self.count(status)} {words}")
        text = ", ".join(parts)
        if self.cancelled:
            left = self.total - len(self.outcomes)
            text = f"Stopped with {left} of {self.total} left: {text}; import again to continue"
        return text


def _web_address(url: str) -> str | None:
    """The item's address if it names a web page (never a local file), else None."""
    try:
        source = Source.from_argument(url)
    except SourceError:
        return None
    if source.kind != "url" or not urlsplit(source.value).hostname:
        return None
    return source.value


def _merge(into: ImportItem, other: ImportItem) -> None:
    """The same link listed twice: one item with the tags and highlights of both."""
    into.tags = clean_tags([*into.tags, *other.tags])
    into.favorite = into.favorite or other.favorite
    into.archived = into.archived or other.archived
    seen = set(into.quotes)
    into.quotes += [q for q in other.quotes if q not in seen]
    into.title = into.title or other.title
    into.added = into.added or other.added
    into.stored_html = into.stored_html or other.stored_html


def _known_sources(library: Library, keys: list[str],
                   cancel: threading.Event) -> dict[str, Path]:
    """Which of the normalised addresses ``keys`` the library holds (a clip path each)."""
    found: dict[str, Path] = {}
    try:
        index = library.index()
    except IndexUnavailable:  # no index in this Python: read the files once
        for summary in list_clips(library):
            key = normalize_url(summary.source)
            if key:
                found.setdefault(key, summary.path)
        return {k: found[k] for k in keys if k in found}
    index.sync(cancel=cancel)
    for key in keys:
        paths = index.by_source(key)
        if paths:
            found[key] = paths[0]
    rest = [key for key in keys if key not in found]
    return {**found, **(_saved_from(library.folder, rest, cancel) if rest else {})}


_SNAPSHOT_KEY = re.compile(rb'^snapshot:\s*"?([0-9a-f-]+)"?\s*$', re.M)


def _saved_from(folder: Path, keys: list[str], cancel: threading.Event) -> dict[str, Path]:
    """Clips whose kept page was loaded from one of ``keys``: the address a reading list
    names may be a page whose clip has another source (its canonical address), which the
    real run finds only after fetching it; so a dry run, which fetches nothing, skips the
    same pages, and the real run fetches none of them again."""
    wanted: dict[str, str] = {}
    keyset = set(keys)
    for ident, url in page_addresses(folder):
        key = normalize_url(url)
        if key in keyset:
            wanted[ident] = key
    found: dict[str, Path] = {}
    if not wanted:
        return found
    for rel, _ in iter_clip_files(folder):
        check_cancel(cancel)
        path = folder / rel
        try:
            with path.open("rb") as handle:
                head = handle.read(16384)
        except OSError:
            continue
        match = _SNAPSHOT_KEY.search(head.split(b"\n---", 1)[0])
        if match and match.group(1).decode() in wanted:
            found.setdefault(wanted[match.group(1).decode()], path)
    return found


def _dead(error: ClipperError) -> bool:
    """A page gone for good (not found, no such server, not a page), not one that may load
    later (timeouts, "try again later" answers): only those become link-only clips."""
    if isinstance(error, HttpStatusError):
        return error.status not in TRANSIENT_STATUSES
    return not isinstance(error, FetchTimeout)


class _Claims:
    """Saves run side by side (each fetches its images: one at a time would hold every
    other page back for them), except two of the same article: a clip waits while one with
    the same address or similar text is being saved, then finds it in the library and
    skips, as it would have one page later."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._saving: dict[int, tuple[str | None, str | None]] = {}
        self._tokens = itertools.count()

    @staticmethod
    def _same(a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> bool:
        return (a[0] is not None and a[0] == b[0]) or (
            a[1] is not None and b[1] is not None and is_similar(a[1], b[1]))

    @contextlib.contextmanager
    def claim(self, clip: Clip, cancel: threading.Event) -> Iterator[None]:
        mine = (normalize_url(clip.source), fingerprint(clip.body))
        with self._cond:
            while any(self._same(mine, other) for other in self._saving.values()):
                check_cancel(cancel)
                self._cond.wait(0.1)
            token = next(self._tokens)
            self._saving[token] = mine
        try:
            yield
        finally:
            with self._cond:
                del self._saving[token]
                self._cond.notify_all()


class _Run:
    def __init__(self, library: Library, options: ImportOptions, total: int,
                 progress: ProgressFn | None, cancel: threading.Event,
                 events: Callable[[ImportEvent], None] | None) -> None:
        self.library = library
        self.options = options
        self.report = ImportReport(total)
        self.progress = progress
        self.cancel = cancel
        self.events = events
        self.lock = threading.Lock()
        self.claims = _Claims()
        self.attempts: dict[int, int] = {}

    def finish(self, outcome: ItemOutcome) -> None:
        with self.lock:
            self.report.outcomes.append(outcome)
            done = len(self.report.outcomes)
        if self.events is not None:
            self.events(outcome)
        if self.progress is not None:
            self.progress("importing", done, self.report.total)

    def worker(self, scheduler: HostScheduler[ImportItem]) -> None:
        while True:
            item = scheduler.take(self.cancel)
            if item is None:
                return
            try:
                outcome = self.clip(item, scheduler)
            except CancelledError:
                scheduler.done(item)
                return
            except ClipperError as exc:  # the library cannot be written
                outcome = ItemOutcome(item, Status.FAILED, str(exc), title=item.title)
            except Exception as exc:  # a bug on one page must not end the import
                log.exception("importing %s failed", item.url)
                outcome = ItemOutcome(item, Status.FAILED,
                                      f"unexpected {type(exc).__name__}: {exc}")
            if outcome is None:
                continue  # handed back to the scheduler for a retry
            scheduler.done(item)
            self.finish(outcome)

    def clip(self, item: ImportItem, scheduler: HostScheduler[ImportItem]) -> ItemOutcome | None:
        if self.events is not None:
            self.events(ItemStarted(item))
        options = self.options
        try:
            loaded = load(Source("url", item.url), limits=options.limits, cancel=self.cancel,
                          rules=options.rules)
            clip = clip_from_article(item, loaded.article, options.tags)
            return self.save(item, clip, Status.SAVED, page=loaded)
        except (CancelledError, LibraryError):
            raise
        except HttpStatusError as exc:
            if exc.status in RETRY_STATUSES:
                tries = self.attempts.get(id(item), 0) + 1
                wait = retry_after_seconds(exc.retry_after)
                if tries <= options.retries and (wait is None or wait <= options.max_wait):
                    self.attempts[id(item)] = tries
                    scheduler.retry(item, wait if wait is not None else backoff(tries))
                    return None
            return self.unloaded(item, exc)
        except ClipperError as exc:
            return self.unloaded(item, exc)

    def unloaded(self, item: ImportItem, error: ClipperError) -> ItemOutcome:
        """The page did not load: its stored copy, a link-only clip, or a failure."""
        check_cancel(self.cancel)
        if item.stored_html:
            try:
                loaded = load(Source.from_html(item.stored_html, item.url), cancel=self.cancel,
                              rules=self.options.rules)
            except (CancelledError, LibraryError):
                raise
            except ClipperError:
                pass
            else:
                clip = clip_from_article(item, loaded.article, self.options.tags)
                outcome = self.save(item, clip, Status.SAVED, page=loaded)
                if outcome.status is Status.SAVED:
                    outcome.reason = f"from the stored copy: {error}"
                return outcome
        if self.options.keep_dead and _dead(error):
            return self.save(item, link_clip(item, self.options.tags), Status.LINK_ONLY,
                             str(error))
        return ItemOutcome(item, Status.FAILED, str(error), title=item.title)

    def save(self, item: ImportItem, clip: Clip, status: Status,
             reason: str = "", page: Loaded | None = None) -> ItemOutcome:
        check_cancel(self.cancel)
        copy = page.page_copy() if page is not None and self.options.keep_pages else None
        with self.claims.claim(clip, self.cancel):
            result = save(clip, self.library, on_duplicate=OnDuplicate.SKIP,
                          download_images=self.options.download_images, page=copy,
                          cancel=self.cancel, template=self.options.template)
        if result.action is SaveAction.SKIPPED:
            return ItemOutcome(item, Status.IN_LIBRARY, "the same article is in the library",
                               result.path, clip.title)
        return ItemOutcome(item, status, reason, result.path, clip.title)


def import_items(items: Iterable[ImportItem], library: Library,
                 options: ImportOptions | None = None, *, progress: ProgressFn | None = None,
                 cancel: threading.Event | None = None,
                 events: Callable[[ImportEvent], None] | None = None) -> ImportReport:
    """Import ``items`` into ``library``; the report says what became of each.

    ``events`` hears of each page as it starts and of each item as it ends (from the
    worker threads); ``progress("importing", done, total)`` counts items ended. A cancel
    ends the run between pages with ``report.cancelled`` set; it does not raise.
    """
    options = options or ImportOptions()
    problems = options.template.problems() if options.template is not None else []
    if problems:  # refused before anything is fetched, as each save would refuse it
        raise LibraryError(f"The template in Settings cannot be used. {problems[0]}",
                           "Correct it in Settings ▸ Templates.")
    cancel = cancel or threading.Event()
    items = list(items)
    start = time.monotonic()
    run = _Run(library, options, len(items), progress, cancel, events)
    if progress is not None:
        progress("importing", 0, len(items))

    first: dict[str, ImportItem] = {}
    for item in items:
        address = _web_address(item.url)
        if address is None:
            run.finish(ItemOutcome(item, Status.FAILED, "not a web address", title=item.title))
            continue
        item.url = address
        key = normalize_url(address) or address
        if key in first:
            _merge(first[key], item)
            run.finish(ItemOutcome(item, Status.DUPLICATE,
                                   f"listed before ({first[key].where or first[key].url})",
                                   title=item.title))
            continue
        first[key] = item

    try:
        known = _known_sources(library, list(first), cancel) if first else {}
    except CancelledError:
        known = {}
    fetch: list[ImportItem] = []
    for key, item in first.items():
        if key in known:
            run.finish(ItemOutcome(item, Status.IN_LIBRARY, "already in the library",
                                   known[key], item.title))
        elif options.dry_run:
            run.finish(ItemOutcome(item, Status.WOULD_IMPORT, title=item.title))
        else:
            fetch.append(item)

    if fetch:
        scheduler = HostScheduler(fetch, lambda i: (urlsplit(i.url).hostname or "").lower(),
                                  per_host=options.per_host, delay=options.delay)
        workers = [threading.Thread(target=run.worker, args=(scheduler,),
                                    name=f"clipper-import-{n}", daemon=True)
                   for n in range(max(1, min(options.jobs, len(fetch))))]
        for worker in workers:
            worker.start()
        try:
            for worker in workers:
                worker.join()
        except KeyboardInterrupt:  # Ctrl+C in the CLI: stop the workers, then report
            cancel.set()
            for worker in workers:
                worker.join()
    run.report.cancelled = cancel.is_set() and len(run.report.outcomes) < len(items)
    run.report.elapsed = time.monotonic() - start
    return run.report


__all__ = ["ImportEvent", "ImportOptions", "ImportReport", "ItemOutcome", "ItemStarted",
           "Status", "import_items"]

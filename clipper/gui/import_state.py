"""What the import dialog shows, without Qt: counts, the page being fetched, the failures,
the rate and time left, and the words for each.

The import flow feeds it the core's events (``ExportRead``, ``ItemStarted``,
``ItemOutcome``) and the dialog draws it, so the wording is tested without a window.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from clipper.importers.run import ImportReport, ItemOutcome

Phase = Literal["idle", "reading", "running", "stopping", "stopped", "finished", "failed"]
RATE_AFTER = 3
"""Items done before a rate and a time left are shown (the first ones say little)."""


@dataclass(frozen=True)
class Failure:
    url: str
    reason: str


@dataclass
class ImportState:
    clock: Callable[[], float] = time.monotonic
    phase: Phase = "idle"
    export_name: str = ""
    label: str = ""
    """The service the export came from (``Pocket``)."""
    total: int = 0
    outcomes: list[ItemOutcome] = field(default_factory=list)
    current: str = ""
    """The page fetched last (title or address)."""
    error: str = ""
    dry_run: bool = False
    started_at: float = 0.0
    ended_at: float | None = None

    # -- transitions ---------------------------------------------------------------------------

    def reading(self, export_name: str, dry_run: bool) -> None:
        self.phase = "reading"
        self.export_name = export_name
        self.dry_run = dry_run
        self.label = self.current = self.error = ""
        self.total = 0
        self.outcomes = []
        self.started_at = self.clock()
        self.ended_at = None

    def read(self, label: str, total: int) -> None:
        self.phase = "running"
        self.label = label
        self.total = total

    def page_started(self, title: str, url: str) -> None:
        self.current = " ".join(title.split()) or url

    def item_done(self, outcome: ItemOutcome) -> None:
        self.outcomes.append(outcome)

    def stopping(self) -> None:
        if self.running:
            self.phase = "stopping"

    def ended(self, cancelled: bool) -> None:
        self.phase = "stopped" if cancelled else "finished"
        self.current = ""
        self.ended_at = self.clock()

    def failed(self, text: str) -> None:
        self.phase = "failed"
        self.error = text
        self.current = ""
        self.ended_at = self.clock()

    # -- what is shown -------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.phase in ("reading", "running", "stopping")

    @property
    def done(self) -> int:
        return len(self.outcomes)

    @property
    def failures(self) -> list[Failure]:
        from clipper.importers.run import Status

        # The address heads each line: said again inside the reason, it only adds length.
        return [Failure(o.item.url, o.reason.replace(f" for {o.item.url}", ""))
                for o in self.outcomes if o.status is Status.FAILED]

    @property
    def saved(self) -> int:
        from clipper.importers.run import Status

        return sum(1 for o in self.outcomes if o.status in (Status.SAVED, Status.LINK_ONLY))

    def report(self) -> ImportReport:
        """What happened so far, as the core reports it (the failure report is made of it)."""
        from clipper.importers.run import ImportReport

        return ImportReport(self.total, list(self.outcomes),
                            cancelled=self.phase == "stopped")

    def title(self) -> str:
        what = f"{self.export_name} ({self.label})" if self.label else self.export_name
        if self.phase == "reading":
            return f"Reading {self.export_name}…"
        if self.phase in ("running", "stopping"):
            return f"Checking {what}" if self.dry_run else f"Importing {what}"
        if self.phase == "stopped":
            return f"Import of {what} stopped"
        if self.phase == "failed":
            return f"Could not import {self.export_name}"
        if self.phase == "finished":
            return f"Checked {what}" if self.dry_run else f"Imported {what}"
        return ""

    def counts(self) -> str:
        """``12 of 30 · 3.1 pages/s · about 6 s left`` while running."""
        if self.phase == "reading":
            return "Reading the export…"
        text = f"{self.done:,} of {self.total:,}"
        if self.phase == "stopping":
            return text + " · stopping after the pages under way…"
        if self.phase != "running":
            return text
        elapsed = self.clock() - self.started_at
        if self.done >= RATE_AFTER and elapsed > 0:
            rate = self.done / elapsed
            text += f" · {rate:.1f} pages/s"
            left = (self.total - self.done) / rate if rate else 0
            if left >= 1:
                text += f" · about {_duration(left)} left"
        return text

    def current_text(self) -> str:
        return f"Now: {self.current}" if self.current and self.phase == "running" else ""

    def summary(self) -> str:
        """The outcome in one sentence, once over; how to continue when it was stopped."""
        if self.phase == "failed":
            return self.error
        if self.phase not in ("stopped", "finished"):
            return ""
        return self.report().summary() + "."

    def failures_text(self) -> str:
        count = len(self.failures)
        if not count:
            return "No failures so far" if self.running else "No failures"
        return f"{count} failure{'s' if count != 1 else ''}" + (" so far" if self.running else "")


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 90 * 60:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"

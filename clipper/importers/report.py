"""The failure report: a CSV file of every item that failed (or was kept only as a link),
with its reason, which a spreadsheet opens and a person can work through."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

from clipper.importers.run import ImportReport
from clipper.library.atomic import create_new

COLUMNS = ("status", "url", "title", "reason", "where")


def report_csv(report: ImportReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for outcome in report.noted:
        item = outcome.item
        writer.writerow([outcome.status.value, item.url, outcome.title or item.title,
                         _cell(outcome.reason), item.where])
    return out.getvalue()


def _cell(text: str) -> str:
    """No cell starts with what a spreadsheet would run as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def default_report_path(export: Path, when: datetime | None = None) -> Path:
    """Beside the export: ``part_000000-failed-20250712-0930.csv``."""
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return export.with_name(f"{export.stem}-failed-{stamp}.csv")


def write_report(report: ImportReport, path: Path) -> Path:
    """Write the report to ``path`` (never over an existing file: `` (2)`` is added)."""
    data = report_csv(report).encode("utf-8-sig")  # the mark makes Excel read UTF-8
    candidate, number = path, 1
    while True:
        try:
            create_new(candidate, data)
            return candidate
        except FileExistsError:
            number += 1
            candidate = path.with_name(f"{path.stem} ({number}){path.suffix}")

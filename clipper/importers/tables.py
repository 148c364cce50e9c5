"""Reading the CSV exports (Pocket, Instapaper, Raindrop): text, header names, rows.

Spreadsheet programs re-save exports as Windows-1252 with a byte-order mark or
semicolons, and services change the case of their headers over the years, so the
reading here is lenient about those and strict about the one thing that matters: a
column of addresses.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from clipper.errors import ImportFileError

csv.field_size_limit(64 * 1024 * 1024)  # Raindrop's highlights and notes can be long


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without a byte-order mark), else Windows-1252, as exports come."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def csv_rows(data: bytes, what: str, required: tuple[str, ...]) -> Iterator[
        tuple[int, dict[str, str]]]:
    """``(line number, row)`` with lower-cased header names; rows without any text skipped.

    ``required``: header names (lower-case) the export must have, else ``ImportFileError``.
    """
    text = decode_text(data)
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, ",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFileError(f"The {what} export is empty") from None
    except csv.Error as exc:
        raise ImportFileError(f"The {what} export is not a readable CSV file ({exc})") from exc
    names = [h.strip().lower() for h in header]
    missing = [name for name in required if name not in names]
    if missing:
        raise ImportFileError(
            f"This is not a {what} export: it has no {', '.join(missing)} column",
            "Choose another format, or let Clipper detect it (--format auto).")
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            yield reader.line_num, {name: (row[i] if i < len(row) else "").strip()
                                    for i, name in enumerate(names)}
    except csv.Error as exc:
        raise ImportFileError(f"The {what} export is broken near line {reader.line_num} ({exc})",
                              "Export it again from the service.") from exc


def header_of(data: bytes) -> list[str]:
    """The first line's column names, lower-cased (for telling CSV exports apart)."""
    first = decode_text(data[:4096]).splitlines()[:1]
    if not first:
        return []
    try:
        row = next(csv.reader(io.StringIO(first[0])))
    except (csv.Error, StopIteration):
        return []
    return [cell.strip().lower() for cell in row]


def truthy(value: str) -> bool:
    return value.strip().lower() in ("1", "true", "yes", "y", "on")

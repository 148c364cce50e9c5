"""A plain text file of addresses, one per line (what any list or script can write).

Blank lines and lines starting with ``#`` are skipped; anything else is an item, so a
line that is not a web address is reported rather than silently lost.
"""

from __future__ import annotations

from clipper.importers.items import ImportItem
from clipper.importers.tables import decode_text

NAME = "list of addresses"


def parse(data: bytes) -> list[ImportItem]:
    items = []
    for number, line in enumerate(decode_text(data).splitlines(), 1):
        text = line.strip()
        if text and not text.startswith("#"):
            items.append(ImportItem(url=text, where=f"line {number}"))
    return items

"""The one tuning/checking split of every page set (issue 10), fixed forever.

A page belongs to the checking part when the first hex digit of sha256(page id) is odd,
else to the tuning part. Rules are tuned on the tuning part only and kept only if they
help the checking part too; a hash of the id (not the page's position or content)
keeps each page on its side whatever else is added to or removed from a set.

The page id is the file stem: the ground-truth id for the webdev sets ("R136"), the
folder name for the readability set ("ars-1"), the HTML file's name without ".html" for
trafeval ("0a4a8ab61c054192b1ec70cc3570cf45"). The shared harness names trafeval pages
with the ".html" kept; ``part`` drops that ending first, so both spellings of a page
land on the same side.
"""

from __future__ import annotations

import hashlib
from typing import Literal

Part = Literal["tune", "check"]
PARTS: tuple[Part, Part] = ("tune", "check")
_HTML_ENDINGS = (".html.gz", ".htm.gz", ".html", ".htm")


def page_stem(page_id: str) -> str:
    """The id without a trailing .html/.htm(.gz), as the split hashes it."""
    for ending in _HTML_ENDINGS:
        if page_id.endswith(ending):
            return page_id[: -len(ending)]
    return page_id


def part(page_id: str) -> Part:
    """ "check" when sha256(stem as UTF-8) starts with an odd hex digit, else "tune"."""
    first = hashlib.sha256(page_stem(page_id).encode("utf-8")).hexdigest()[0]
    return "check" if int(first, 16) % 2 else "tune"

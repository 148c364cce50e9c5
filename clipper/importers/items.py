"""One saved link of a reading-list export, as every parser hands it over.

The services disagree on names (Pocket's ``time_added``, Omnivore's ``savedAt``,
Wallabag's ``created_at``; starred, favourite, ``is_starred``), so each parser maps its
own fields onto this one shape and the import never needs to know where an item came
from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone

from clipper.safetext import sanitize_line

FAVORITE_TAG = "favorite"
"""Pocket's favourite, Instapaper's and Wallabag's starred, Raindrop's favorite."""
ARCHIVED_TAG = "archived"
"""Read and archived in the service."""


@dataclass(frozen=True)
class Quote:
    """A highlight from the saved page, with the note written beside it, if any."""

    text: str
    note: str = ""


@dataclass
class ImportItem:
    """One link to clip, and what the service knew about it."""

    url: str
    title: str = ""
    tags: list[str] = field(default_factory=list)
    added: str | None = None
    """When it was saved to the service: an ISO 8601 time with its offset (the clip's
    ``created``)."""
    favorite: bool = False
    archived: bool = False
    quotes: list[Quote] = field(default_factory=list)
    note: str = ""
    """A note about the whole item (Raindrop's note, Omnivore's description is not one)."""
    stored_html: str | None = None
    """The page as the service stored it (Wallabag): clipped from when the page is gone."""
    where: str = ""
    """Where in the export the item is (``line 12``, ``entry 3``): for the failure report."""

    def all_tags(self) -> list[str]:
        """The item's tags with its favourite and archived status as tags, each once."""
        tags = list(self.tags)
        if self.favorite:
            tags.append(FAVORITE_TAG)
        if self.archived:
            tags.append(ARCHIVED_TAG)
        return clean_tags(tags)


_TAG_JUNK = re.compile(r"[\s,#]+")


def clean_tags(tags: list[str]) -> list[str]:
    """Tags as the library keeps them: trimmed, inner spaces as ``-`` (a space would split an
    Obsidian tag), no ``#``, each once in its first spelling."""
    out: dict[str, str] = {}
    for tag in tags:
        text = _TAG_JUNK.sub("-", sanitize_line(str(tag)).lstrip("#")).strip("-")
        if text and text.casefold() not in out:
            out[text.casefold()] = text[:100]
    return list(out.values())


def from_unix(value: object) -> str | None:
    """A Unix time (seconds, as text or number; milliseconds too) as ISO 8601 in UTC."""
    try:
        seconds = float(str(value).strip())
    except ValueError:
        return None
    if seconds <= 0:
        return None
    if seconds > 1e11:  # milliseconds: Raindrop and some browsers write them
        seconds /= 1000
    if seconds > 1e10:  # microseconds (Firefox's dateAdded)
        seconds /= 1_000_000
    try:
        when = datetime.fromtimestamp(seconds, tz=timezone.utc)
    except (OverflowError, OSError, ValueError):
        return None
    return when.isoformat(timespec="seconds")


def from_iso(value: object) -> str | None:
    """An ISO 8601 time as the services write it (``Z``, fractions, no offset) in the form
    clips use: seconds, with an offset (UTC when none was given)."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
    if " " in text and "T" not in text:
        text = text.replace(" ", "T", 1)
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        # Python 3.10 takes neither fractions other than 3 or 6 digits nor "+0100"
        match = re.match(r"(\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d)?)(?:\.\d+)?([+-]\d\d:?\d\d)?$",
                         text)
        if not match:
            return from_unix(text) if text.isdigit() else None
        offset = match.group(2) or "+00:00"
        if ":" not in offset:
            offset = offset[:3] + ":" + offset[3:]
        try:
            when = datetime.fromisoformat(match.group(1) + offset)
        except ValueError:
            return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.isoformat(timespec="seconds")

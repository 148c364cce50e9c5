"""The article's title from a page ``<title>``, which usually carries site and section.

``<title>`` text is written for browser tabs and search results: "Headline |
Section | Site". The headline is recovered by removing a known site name, by
matching a heading the page shows, and otherwise by Readability's proven rule:
drop the last separated part unless what remains gets too short.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Separators between headline, section and site name in <title> text.
SEPARATOR = re.compile(r" (?:[|\-–—\\/>»·•~⋆│]|::|--) ")
_HIERARCHICAL = re.compile(r" [\\/>»] ")
_SEPARATOR_CHARS = re.compile(r"[|\-–—\\/>»·•~:⋆│]+")


def words(text: str) -> int:
    return len(text.split())


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def strip_site_name(title: str, site_names: Iterable[str | None]) -> str:
    """Remove "| Site" (or "Site: ") when the page names that site elsewhere."""
    for site in site_names:
        if not site:
            continue
        folded_site = _fold(site)
        if not folded_site or _fold(title) == folded_site:
            continue
        parts = split_title(title)
        if len(parts) < 2:
            continue
        if _fold(parts[-1][1]) == folded_site:
            return _trim_separator(title[: parts[-1][0]])
        if _fold(parts[0][1]) == folded_site:
            return _trim_separator(title[parts[1][0]:])
    return title


def _trim_separator(text: str) -> str:
    return re.sub(r"^\s*(?:[|\-–—\\/>»·•~:]+|::)\s*|\s*(?:[|\-–—\\/>»·•~:]+|::)\s*$", "", text)


def split_title(title: str) -> list[tuple[int, str]]:
    """(start offset, text) of each part of *title* between separators (or one ": ")."""
    parts: list[tuple[int, str]] = []
    start = 0
    for match in SEPARATOR.finditer(title):
        parts.append((start, title[start:match.start()]))
        start = match.end()
    parts.append((start, title[start:]))
    if len(parts) == 1 and ": " in title:
        cut = title.index(": ")
        parts = [(0, title[:cut]), (cut + 2, title[cut + 2:])]
    return [p for p in parts if p[1].strip()]


def title_from_document(raw: str, h1s: list[str], h2s: list[str]) -> str:
    """The headline inside ``<title>`` text, given the page's h1 and h2 texts."""
    title = " ".join(raw.split())
    if not title:
        return title
    folded_headings = {_fold(h) for h in (*h1s, *h2s) if h}
    if _fold(title) in folded_headings:
        return title
    # A heading on the page that is one part of the title is the headline; the longest
    # such part, since section names ("Blog") are headings too. A one-word part counts
    # only as the first part, as an h1, and when the other parts are short (a site or
    # section name: "Mozilla - Wikipedia"); elsewhere it is more likely the site's logo
    # ("Internet-Law » Verstößt der Ausschluss ...").
    folded_h1s = {_fold(h) for h in h1s if h}
    parts = split_title(title)
    rest_short = all(words(part) <= 3 for _, part in parts[1:])
    matches = [
        part for index, (_, part) in enumerate(parts)
        if _fold(part) in folded_headings
        and (words(part) >= 2 or (index == 0 and rest_short and _fold(part) in folded_h1s))
    ]
    if matches:
        return " ".join(max(matches, key=len).split())
    return _readability_rule(title, h1s)


def _readability_rule(orig: str, h1s: list[str]) -> str:
    """Readability.js ``_getArticleTitle`` (minus the h1/h2 lookups done above)."""
    cur = orig
    hierarchical = False
    if SEPARATOR.search(cur):
        hierarchical = bool(_HIERARCHICAL.search(cur))
        last = list(SEPARATOR.finditer(orig))[-1]
        cur = orig[: last.start()]
        if words(cur) < 3:
            # Readability cuts at the first separator character, even inside "Internet-Law";
            # a separator between spaces is the one that separates.
            first = SEPARATOR.search(orig)
            cur = orig[first.end():] if first else orig
    elif ": " in cur:
        cur = orig[orig.rfind(":") + 1:]
        if words(cur) < 3:
            cur = orig[orig.find(":") + 1:]
        elif words(orig[: orig.find(":")]) > 5:
            cur = orig
    elif (len(cur) > 150 or len(cur) < 15) and len(h1s) == 1 and h1s[0]:
        cur = h1s[0]
    cur = " ".join(cur.split())
    count = words(cur)
    if count <= 4 and (
        not hierarchical or count != words(_SEPARATOR_CHARS.sub("", orig)) - 1
    ):
        cur = orig
    return cur

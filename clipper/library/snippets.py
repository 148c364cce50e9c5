"""Search snippets cut from the clip files themselves.

The index keeps no copy of the clips' text: the files are the truth, and a copy made
the index larger than the library (bench/library/README.md). A result's snippet is
therefore read from its file: the query's words are looked for in the Markdown, and
only the text around a hit is made plain (``plain_text`` works line by line: links,
images and marks never span lines), a twentieth of the cost of the whole text.
"""

from __future__ import annotations

import re
from pathlib import Path

from clipper.library.frontmatter import one_line, split_front_matter
from clipper.library.query import Query, fold, make_snippet
from clipper.library.text import plain_text

__all__ = ["Snippet", "Snippets"]

Snippet = tuple[str, list[tuple[int, int]]]
"""Text around the first match, and the matches' ``(start, end)`` in it."""

CONTEXT_BEFORE, CONTEXT_AFTER = 300, 600
"""Markdown taken around a hit (to the line's ends when they are near, else to a space):
more than the snippet shows, as link addresses and marks go; a link cut in two at the
piece's ends is out of the snippet's reach."""
LINE_END_WITHIN = 200
"""How far past the context the piece still reaches for the end of the line."""
TRIES = 8
"""Hits looked at before giving up (each may be inside a link's address, not in the text)."""

_HEADING = re.compile(r"# (.*)(?:\n|$)")


class Snippets:
    """Snippets of one query in many files (its patterns made once)."""

    def __init__(self, query: Query) -> None:
        self.query = query
        self.pattern = query.pattern()
        self._loose: re.Pattern[str] | None = None
        self._ascii = all(token.isascii() for term in query.terms for token in term)

    def of_file(self, path: Path, title: str, labels: str = "") -> Snippet | None:
        """The snippet in the clip at ``path`` (titled ``title``); None when its text does
        not show the words (only the title does, or the file is gone or changed).

        ``labels``: the clip's site and tags, which the query may have matched instead.
        """
        try:
            text = path.read_bytes().decode("utf-8", "replace")
        except OSError:
            return None
        return self.of_markdown(text, title, labels)

    def of_markdown(self, text: str, title: str, labels: str = "") -> Snippet | None:
        """``of_file`` on a clip file's text."""
        body = _body(text, title)
        found = _search(body, self.pattern, folded=False)
        if found is None and not self.pattern.search(f"{title}\n{labels}"):
            # What the tokenizer matched more loosely: accents, words glued to CJK text.
            folded = fold(body)
            if self._ascii and folded is body and body.isascii():
                return None  # the loose pattern would find what the strict one did
            if self._loose is None:
                self._loose = self.query.loose_pattern()
            found = _search(folded, self._loose, folded=True, original=body)
        return found


def _body(text: str, title: str) -> str:
    """The text after the front matter, without the ``# Title`` heading (as ``parse_clip``)."""
    end = text.find("\n---\n", 3) if text.startswith("---\n") and "\r" not in text else -1
    if end != -1:  # what Clipper writes; split_front_matter copies the text three times
        rest = text[end + 5:]
    else:
        _, rest = split_front_matter(text)
    body = rest.lstrip("\n")
    heading = _HEADING.match(body)
    if heading and one_line(heading.group(1)) == one_line(title):
        body = body[heading.end():].lstrip("\n")
    return body


def _search(haystack: str, pattern: re.Pattern[str], *, folded: bool,
            original: str | None = None) -> Snippet | None:
    """Find ``pattern`` in ``haystack`` (``fold(original)`` when ``folded``) and cut the
    snippet from the plain text of the lines around the first hit the text shows."""
    body = original if original is not None else haystack
    pos = 0
    for _ in range(TRIES):
        hit = pattern.search(haystack, pos)
        if hit is None:
            return None
        start, end = _lines_around(body, hit.start(), hit.end())
        piece = plain_text(body[start:end])
        found = make_snippet(piece, pattern, folded=folded,
                             more_before=bool(body[:start].strip()),
                             more_after=bool(body[end:].strip()))
        if found is not None:
            return found
        pos = max(end, hit.end())
    return None


def _lines_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The piece of ``text`` holding ``start:end`` and some context either side."""
    begin = max(0, start - CONTEXT_BEFORE)
    line = text.rfind("\n", max(0, begin - LINE_END_WITHIN), begin + 1) + 1
    if not line and begin > LINE_END_WITHIN:
        space = text.find(" ", begin, start)
        line = space + 1 if space != -1 else begin
    stop = min(len(text), end + CONTEXT_AFTER)
    newline = text.find("\n", stop, stop + LINE_END_WITHIN)
    line_end = newline if newline != -1 else len(text)
    if newline == -1 and line_end - stop > LINE_END_WITHIN:
        space = text.rfind(" ", end, stop)
        line_end = space if space != -1 else stop
    return line, line_end

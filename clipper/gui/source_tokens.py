"""HTML source split into coloured spans, per line, computed off the GUI thread.

A ``QSyntaxHighlighter`` calls Python once per line of the whole document on
the GUI thread: measured on the Readability corpus that is 60 ms (cnet, 3.5k
lines) to 1.3 s (yahoo-2, 20k lines), and 125 ms even when it does nothing.
So the whole page is tokenised here, in the worker, with state carried across
lines (comments, tags and quoted values that span lines, ``<script>`` bodies),
and the source view applies the spans of the lines it actually shows.
"""

from __future__ import annotations

import bisect
import re
from typing import Literal

Kind = Literal["tag", "attr", "value", "comment", "doctype", "entity"]
Span = tuple[int, int, Kind]
"""(start column, length, kind); columns in UTF-16 code units, as Qt counts them."""

_MARKUP = re.compile(
    r"""(?P<comment><!--.*?(?:-->|\Z))
      | (?P<doctype><![^>]*>?)
      | (?P<pi><\?.*?(?:>|\Z))
      | (?P<tag></?[A-Za-z][^\s/>]*)(?P<attrs>(?:[^>"']|"[^"]*"|'[^']*')*)(?P<close>/?>)?
      | (?P<entity>&(?:\#[0-9]+|\#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)
    """,
    re.DOTALL | re.VERBOSE,
)
_ATTR = re.compile(r"""([^\s"'=<>/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
_RAW_TEXT_END = {
    "script": re.compile(r"</script", re.IGNORECASE),
    "style": re.compile(r"</style", re.IGNORECASE),
    "textarea": re.compile(r"</textarea", re.IGNORECASE),
}
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_LINE_BREAKS = re.compile("\r\n?|\u2029")


def display_text(source: str) -> str:
    """The source as the view shows it: one line per ``\\n`` so line numbers match the core's."""
    return _LINE_BREAKS.sub("\n", source)


def _markup_spans(text: str) -> list[tuple[int, int, Kind]]:
    """(start, end, kind) in code points over the whole text, in order."""
    spans: list[tuple[int, int, Kind]] = []
    add = spans.append
    pos = 0
    search = _MARKUP.search
    while True:
        m = search(text, pos)
        if m is None:
            break
        pos = m.end()
        kind = m.lastgroup
        if kind in ("comment", "doctype", "pi"):
            add((m.start(), pos, "doctype" if kind == "pi" else kind))  # type: ignore[arg-type]
        elif kind == "entity":
            add((m.start(), pos, "entity"))
        else:
            tag = m.group("tag")
            add((m.start("tag"), m.end("tag"), "tag"))
            attrs_start = m.start("attrs")
            for a in _ATTR.finditer(m.group("attrs")):
                add((attrs_start + a.start(1), attrs_start + a.end(1), "attr"))
                if a.group(2) is not None:
                    add((attrs_start + a.start(2), attrs_start + a.end(2), "value"))
            if m.group("close"):
                add((m.start("close"), pos, "tag"))
            name = tag[1:].lower()
            if name in _RAW_TEXT_END and m.group("close") != "/>":
                end = _RAW_TEXT_END[name].search(text, pos)
                pos = end.start() if end else len(text)
        if pos == m.start():  # never loop on an empty match
            pos += 1
    return spans


def tokenize(text: str) -> list[list[Span]]:
    """Spans for each line of ``text`` (already passed through :func:`display_text`)."""
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    lines: list[list[Span]] = [[] for _ in starts]
    for start, end, kind in _markup_spans(text):
        line = bisect.bisect_right(starts, start) - 1
        while start < end:
            line_end = starts[line + 1] - 1 if line + 1 < len(starts) else len(text)
            piece_end = min(end, line_end)
            if piece_end > start:
                lines[line].append((start - starts[line], piece_end - start, kind))
            line += 1
            if line >= len(starts):
                break
            start = max(start, starts[line])
    _to_utf16(text, starts, lines)
    return lines


def _to_utf16(text: str, starts: list[int], lines: list[list[Span]]) -> None:
    """Shift columns on lines with characters outside the BMP (two UTF-16 units each)."""
    astral_by_line: dict[int, list[int]] = {}
    for m in _ASTRAL.finditer(text):
        line = bisect.bisect_right(starts, m.start()) - 1
        astral_by_line.setdefault(line, []).append(m.start() - starts[line])
    for line, cols in astral_by_line.items():
        fixed: list[Span] = []
        for col, length, kind in lines[line]:
            before = bisect.bisect_left(cols, col)
            inside = bisect.bisect_left(cols, col + length) - before
            fixed.append((col + before, length + inside, kind))
        lines[line] = fixed

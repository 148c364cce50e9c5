"""What the window's Re-extract runs in the background: plain functions calling the core
(``clipper.reextract``), no Qt. Each imports the core on first use."""

from __future__ import annotations

import difflib
import html
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from clipper.progress import ProgressFn, check_cancel

if TYPE_CHECKING:
    from clipper.library import Library
    from clipper.reextract import Plan

DIFF_CONTEXT = 1
"""Unchanged sentences shown around each change: enough to see where it is."""


def diff_style(colours: dict[str, str]) -> str:
    """The diff's style sheet for QTextBrowser (CSS classes on cells and words), in the
    theme's colours (``theme.Colors.diff``): the text colour is set with each background,
    so no mark is pale text on a pale ground (or the reverse) in either theme."""
    c = colours
    return f"""
td {{ padding: 2px 6px; vertical-align: top; color: {c["text"]}; }}
th {{ color: {c["muted"]}; padding: 2px 6px; text-align: left; }}
td.gap {{ color: {c["muted"]}; text-align: center; }}
p.spacing {{ color: {c["muted"]}; }}
.old {{ background-color: {c["old"]}; color: {c["text"]}; }}
.new {{ background-color: {c["new"]}; color: {c["text"]}; }}
.cut {{ background-color: {c["cut"]}; color: {c["text"]}; }}
.put {{ background-color: {c["put"]}; color: {c["text"]}; }}
"""


_SENTENCE_END = re.compile(r"[.!?…][\"”’)\]]*(?=\s+[\"“‘(\[*_]?[A-Z0-9À-Ý])")


def _sentences(line: str) -> list[str]:
    pieces, start = [], 0
    for match in _SENTENCE_END.finditer(line):
        pieces.append(line[start : match.end()].strip())
        start = match.end()
    pieces.append(line[start:].strip())
    return [p for p in pieces if p]


def plan_clips(
    paths: list[Path],
    library: Path,
    notes_callout: bool,
    cancel: threading.Event,
    progress: ProgressFn,
    events: Callable[[Plan], None],
) -> list[Plan]:
    """What re-extracting each clip would write (nothing is written), each as it is known."""
    from clipper.reextract import plan_clip

    plans = []
    for done, path in enumerate(paths):
        check_cancel(cancel)
        progress("reextracting", done, len(paths))
        plan = plan_clip(path, library, force=False, notes_callout=notes_callout)
        plans.append(plan)
        events(plan)
    progress("reextracting", len(paths), len(paths))
    return plans


def apply_plans(
    plans: list[Plan],
    library: Library | Path,
    include_edited: bool,
    cancel: threading.Event,
    progress: ProgressFn,
) -> Path | None:
    """Write the re-extracted clips (each backed up first); the backups folder."""
    from clipper.library import Library
    from clipper.reextract import apply_plans

    if isinstance(library, Library):
        return apply_plans(
            plans, library, include_edited=include_edited, progress=progress, cancel=cancel
        )
    with Library(library) as handle:
        return apply_plans(
            plans, handle, include_edited=include_edited, progress=progress, cancel=cancel
        )


def units(markdown: str) -> list[str]:
    """The article as the diff compares it: one sentence a unit (a change shows where it is,
    not as a whole paragraph), an empty unit between paragraphs."""
    out: list[str] = []
    for paragraph in markdown.strip("\n").split("\n\n"):
        if out:
            out.append("")
        for line in paragraph.split("\n"):
            out.extend(_sentences(line))
    return out


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def _marked(words: list[str], spans: list[tuple[int, int]], css: str) -> str:
    """``words`` joined, each run of them in ``spans`` wrapped in one ``css`` span."""
    out, at = [], 0
    for start, end in spans:
        out.append(_escape("".join(words[at:start])))
        if end > start:
            out.append(f'<span class="{css}">{_escape("".join(words[start:end]))}</span>')
        at = end
    out.append(_escape("".join(words[at:])))
    return "".join(out)


def _changed_pair(old: str, new: str) -> tuple[str, str]:
    """Two versions of a sentence, the words that differ marked."""
    a, b = re.split(r"(\s+)", old), re.split(r"(\s+)", new)
    cut: list[tuple[int, int]] = []
    put: list[tuple[int, int]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op != "equal":
            cut.append((i1, i2))
            put.append((j1, j2))
    return _marked(a, cut, "cut"), _marked(b, put, "put")


def diff_html(plan: Plan, cancel: threading.Event, progress: ProgressFn) -> str:
    """The saved and the re-extracted article side by side, sentence by sentence: only the
    changes, with a sentence of context; words that differ marked."""
    old, new = units(plan.old_body), units(plan.new_body)
    if old == new:
        if _normalised(plan.old_body) == _normalised(plan.new_body):
            return SAME_TEXT
        return _spacing_html(plan.old_body, plan.new_body, cancel)
    rows: list[str] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for group in matcher.get_grouped_opcodes(DIFF_CONTEXT):
        check_cancel(cancel)
        if rows:
            rows.append('<tr><td class="gap" colspan="2">⋯</td></tr>')
        for op, i1, i2, j1, j2 in group:
            if op == "equal":
                rows.extend(
                    f"<tr><td>{_escape(u)}</td><td>{_escape(u)}</td></tr>" for u in old[i1:i2]
                )
                continue
            left, right = old[i1:i2], new[j1:j2]
            for k in range(max(len(left), len(right))):
                a = left[k] if k < len(left) else None
                b = right[k] if k < len(right) else None
                if a is not None and b is not None:
                    a_html, b_html = _changed_pair(a, b)
                else:
                    a_html = _escape(a) if a is not None else ""
                    b_html = _escape(b) if b is not None else ""
                a_css = ' class="old"' if a is not None else ""
                b_css = ' class="new"' if b is not None else ""
                rows.append(f"<tr><td{a_css}>{a_html}</td><td{b_css}>{b_html}</td></tr>")
    return _table(rows)


SAME_TEXT = "<p>The re-extracted article is the same as the saved one.</p>"
SPACING_TEXT = (
    '<p class="spacing">The words are the same; only the spacing differs: line breaks (↵), '
    "blank lines and spaces at the end of a line (·).</p>"
)


def _table(rows: list[str]) -> str:
    return (
        '<table width="100%" cellspacing="0"><tr><th width="50%">Saved</th>'
        '<th width="50%">Re-extracted</th></tr>' + "".join(rows) + "</table>"
    )


def _normalised(body: str) -> str:
    """A body as ``body_hash`` counts it: line ends and the blank lines around it aside."""
    return body.replace("\r\n", "\n").replace("\r", "\n").strip()


def _visible(line: str, css: str) -> str:
    """A line with its end and the spaces before it shown (they are what differs)."""
    text = line.rstrip(" \t")
    marks = "·" * (len(line) - len(text)) + "↵"
    return f'{_escape(text)}<span class="{css}">{marks}</span>'


def _spacing_html(old_body: str, new_body: str, cancel: threading.Event) -> str:
    """Two articles whose words are the same: their lines side by side, where they differ,
    with line ends and trailing spaces made visible (a Markdown hard break is two spaces)."""
    old = _normalised(old_body).split("\n")
    new = _normalised(new_body).split("\n")
    rows: list[str] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for group in matcher.get_grouped_opcodes(DIFF_CONTEXT):
        check_cancel(cancel)
        if rows:
            rows.append('<tr><td class="gap" colspan="2">⋯</td></tr>')
        for op, i1, i2, j1, j2 in group:
            if op == "equal":
                rows.extend(
                    f"<tr><td>{_escape(u)}</td><td>{_escape(u)}</td></tr>" for u in old[i1:i2]
                )
                continue
            left, right = old[i1:i2], new[j1:j2]
            for k in range(max(len(left), len(right))):
                a = _visible(left[k], "cut") if k < len(left) else None
                b = _visible(right[k], "put") if k < len(right) else None
                a_css = ' class="old"' if a is not None else ""
                b_css = ' class="new"' if b is not None else ""
                rows.append(f"<tr><td{a_css}>{a or ''}</td><td{b_css}>{b or ''}</td></tr>")
    return SPACING_TEXT + _table(rows)

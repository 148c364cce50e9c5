"""One paragraph of inline Markdown being built, with HTML's whitespace rules.

The writer meets text and inline elements one at a time; where spaces, emphasis
markers and line breaks end up is only known once the paragraph is complete, so
the pieces are collected here and joined at the end.
"""

from __future__ import annotations

import itertools
import re

from clipper.markdown.escape import DOLLAR, escape_line_start, is_punct, is_word

__all__ = ["Paragraph"]

_MARKERS = frozenset(("*", "**", "~~", ""))
_ALNUM = re.compile(r"[^\W_]")
_PUNCT_RUN_START = re.compile(r"(?:\\.|[^\w\s\\])+\s*")
_PUNCT_RUN_END = re.compile(r"\s*(?:\\.|[^\w\s\\])+$")


class Paragraph:
    """Inline Markdown being built, with HTML's whitespace rules.

    Spaces are kept pending and written only before the next content, so they
    land outside emphasis markers (``*a* b``, never ``*a *b``).  Parts are
    never deleted, only blanked, so remembered indexes stay valid.
    """

    __slots__ = ("adds", "closers", "fragile", "last_close", "math", "opened", "parts",
                 "pre_space", "run_start", "space")

    def __init__(self) -> None:
        self.adds = 0  # pieces of real content written so far
        self.opened: dict[int, int] = {}  # marker index -> ``adds`` when it was opened
        self.closers: set[int] = set()  # indexes of closing markers
        self.parts: list[str] = []
        self.pre_space: set[int] = set()  # markers that get a space before them when joined
        self.space = False
        self.run_start = -1  # index of the first of the opening markers just written
        self.last_close: tuple[int, str, int] | None = None
        self.fragile: list[tuple[int, int, str, str, bool, bool]] = []
        self.math = False

    def _prev_index(self, before: int) -> int:
        i = before - 1
        while i >= 0 and not self.parts[i]:
            i -= 1
        return i

    def _write_space(self) -> None:
        self.space = False
        i = self._prev_index(len(self.parts))
        if i >= 0 and not self.parts[i].endswith((" ", "\n")):
            self.parts.append(" ")

    def add(self, s: str) -> None:
        if self.space:
            self._write_space()
        self.parts.append(s)
        self.adds += 1
        self.run_start = -1
        self.last_close = None

    def text(self, s: str) -> None:
        """Add collapsed, escaped text (at most one space at each end)."""
        if s[:1] == " ":
            if self.run_start >= 0:
                # "<em> word</em>": the space belongs before the opening marker.
                i = self._prev_index(self.run_start)
                if i >= 0 and not self.parts[i].endswith((" ", "\n")):
                    self.pre_space.add(self.run_start)
            else:
                self.space = True
            s = s[1:]
        if not s:
            return
        trailing = s.endswith(" ")
        if trailing:
            s = s[:-1]
        if s:
            self.add(s)
        if trailing:
            self.space = True

    def open(self, mark: str) -> int:
        if not self.space and self.last_close is not None and self.last_close[1] == mark:
            # "<em>a</em><em>b</em>" -> "*ab*", not "*a**b*"
            close_idx, _, open_idx = self.last_close
            self.parts[close_idx] = ""
            self.closers.discard(close_idx)
            self.last_close = None
            self.fragile = [f for f in self.fragile if f[1] != close_idx]
            return open_idx
        if self.space:
            self._write_space()
        self.parts.append(mark)
        idx = len(self.parts) - 1
        self.opened[idx] = self.adds
        if self.run_start < 0:
            self.run_start = idx
        self.last_close = None
        return idx

    def has_content_after(self, idx: int) -> bool:
        return self.adds > self.opened.get(idx, self.adds)

    def cancel(self, idx: int) -> None:
        self.parts[idx] = ""
        if self.run_start >= idx:
            self.run_start = -1 if self.run_start == idx else self.run_start

    def close(self, idx: int, mark: str, html_open: str = "", html_close: str = "") -> None:
        if not self.has_content_after(idx):
            self.cancel(idx)
            return
        self.parts.append(mark)
        close_idx = len(self.parts) - 1
        self.closers.add(close_idx)
        self.run_start = -1
        self.last_close = (close_idx, mark, idx) if html_open else None
        if html_open:
            inner = [p for p in self.parts[idx + 1:close_idx] if p not in _MARKERS]
            if inner:
                first, last = inner[0][0], inner[-1][-1]
                if is_punct(first) or is_punct(last):
                    self.fragile.append((idx, close_idx, html_open, html_close,
                                         is_punct(first), is_punct(last)))

    def br(self) -> None:
        self.space = False
        self.parts.append("\n")
        self.run_start = -1
        self.last_close = None

    def separate(self) -> None:
        """A block boundary inside flattened content (cells, captions)."""
        i = self._prev_index(len(self.parts))
        if i >= 0 and not self.parts[i].endswith("\n"):
            self.br()
        self.space = False

    def empty(self) -> bool:
        return not self.adds

    def _resolve(self) -> str:
        """Join parts; emphasis that would not parse as Markdown is mended (punctuation
        moved outside its markers, line breaks outside them) or, failing that, HTML."""
        parts = self.parts
        for idx, close_idx, html_open, html_close, starts_p, ends_p in self.fragile:
            if not parts[idx] or not parts[close_idx]:
                continue
            before_i = self._prev_index(idx)
            before = parts[before_i][-1] if before_i >= 0 and idx not in self.pre_space else " "
            j = close_idx + 1
            while j < len(parts) and not parts[j]:
                j += 1
            after = parts[j][0] if j < len(parts) else " "
            if self._only_punctuation(idx, close_idx):
                parts[idx] = parts[close_idx] = ""  # an italic comma says nothing
                continue
            opens = not (starts_p and is_word(before)) or self._punct_out(idx, +1)
            closes = not (ends_p and is_word(after)) or self._punct_out(close_idx, -1)
            if not (opens and closes):
                parts[idx], parts[close_idx] = html_open, html_close
        self._breaks_out()
        for idx in self.pre_space:
            parts[idx] = " " + parts[idx]
        text = "".join(parts)
        if DOLLAR in text:
            escape = self.math or text.count(DOLLAR) >= 2
            text = text.replace(DOLLAR, "\\$" if escape else "$")
        return text

    def _punct_out(self, marker: int, step: int) -> bool:
        """Move the punctuation just inside an emphasis marker to its outside, so that
        ``word<em>"quote"</em>`` is ``word"*quote*"`` (which parses), not raw HTML.

        ``step`` is +1 for an opening marker (the text after it), -1 for a closing one.
        False when the text next to the marker is not plain text with a word inside.
        """
        parts = self.parts
        k = marker + step
        while 0 <= k < len(parts) and not parts[k]:
            k += step
        if not 0 <= k < len(parts) or k in self.opened or k in self.closers:
            return False
        text = parts[k]
        if text == "\n" or text[0] in "<[!" or text.startswith("]("):
            return False  # a break, a link, an image or HTML: leave them whole
        run = _PUNCT_RUN_START.match(text) if step > 0 else _PUNCT_RUN_END.search(text)
        if run is None or run.group(0) == text:
            return False
        rest = text[run.end():] if step > 0 else text[:run.start()]
        if not rest.strip() or not is_word(rest[0] if step > 0 else rest[-1]):
            return False
        parts[k] = rest
        parts[marker] = run.group(0) + parts[marker] if step > 0 else parts[marker] + run.group(0)
        return True

    def _only_punctuation(self, start: int, end: int) -> bool:
        return not any(_ALNUM.search(p) for p in self.parts[start + 1:end] if p not in _MARKERS)

    def _breaks_out(self) -> None:
        """Line breaks just inside emphasis move outside it: ``**Text\\`` + newline +
        ``**`` would show literal asterisks."""
        parts = self.parts
        if not self.opened or "\n" not in parts:
            return
        live = [i for i, p in enumerate(parts) if p]
        moved = True
        while moved:
            moved = False
            for a, b in itertools.pairwise(live):
                if parts[b] == "\n" and a in self.opened and parts[a] in _MARKERS:
                    parts[a], parts[b] = parts[b], parts[a]
                    self.opened[b] = self.opened.pop(a)
                    moved = True
                elif parts[a] == "\n" and b in self.closers and parts[b] in _MARKERS:
                    parts[a], parts[b] = parts[b], parts[a]
                    self.closers.discard(b)
                    self.closers.add(a)
                    moved = True

    def paragraphs(self) -> list[str]:
        """Final paragraph text(s): a blank line (two ``<br>``) splits paragraphs."""
        out: list[str] = []
        current: list[str] = []
        for line in self._resolve().split("\n"):
            line = line.strip()
            if not line:
                if current:
                    out.append("\\\n".join(current))
                    current = []
                continue
            current.append(escape_line_start(line))
        if current:
            out.append("\\\n".join(current))
        return out

    def one_line(self, sep: str = " ") -> str:
        lines = [line.strip() for line in self._resolve().split("\n")]
        return sep.join(line for line in lines if line)


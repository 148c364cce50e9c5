"""Article HTML -> Markdown that renders the same in Obsidian, markdown-it and Qt.

Why not plain html2text: it leaves ``<`` and ``[`` unescaped (text turns into
tags and links), breaks list items that hold paragraphs or code, writes weak
pipe tables, puts spaces inside emphasis markers, and knows nothing of code
languages, footnotes or math.  Those are exactly what a clip must keep, so the
tree is walked here with lxml, which is also several times faster.

Choices that follow from the three renderers a clip meets:
``*``/``**`` emphasis (Qt shows ``_x_`` as underline); ``\\`` + newline hard
breaks (trailing spaces get stripped by editors); ``<br/>`` inside table cells
(Qt drops text after a bare ``<br>``); fenced code; GFM pipe tables, or clean
HTML for tables a pipe table cannot hold; ``[^n]`` footnotes; ``$``/``$$`` math.
"""

from __future__ import annotations

import contextlib
import html as html_lib
import itertools
import re
import unicodedata
from collections.abc import Callable
from urllib.parse import quote

from lxml import etree
from lxml import html as lxml_html

__all__ = ["element_to_markdown", "html_to_markdown"]

BLOCK_TAGS = frozenset((
    "address", "article", "aside", "blockquote", "body", "caption", "center", "details", "dd",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "nav", "ol", "p",
    "pre", "search", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
    "ul",
))
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_LIST_KINDS = frozenset(("ul", "ul*", "ol", "ol)"))

_ZERO_WIDTH = re.compile("[\u200b\u2060\ufeff\u00ad]")
_DOLLAR = "\ue024"  # a text "$", escaped or not once the whole paragraph is known
_ESCAPE_TRIGGER = re.compile(r"[\\`*_\[\]<&~$|#%]")
_BACKSLASH = re.compile(r"\\(?=[!-/:-@\[-`{-~]|$)")
_STAR = re.compile(r"\*(?=\S)|(?<=\S)\*")
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
_OPEN_BRACKET = re.compile(r"\[(?=[\[^])")
_CLOSE_BRACKET = re.compile(r"\](?=[(\[:])")
_ANGLE = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_HASHTAG = re.compile(r"(?<![^\s(])#(?=[^\W\d_])")
_BACKTICKS = re.compile(r"`+")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_TEX_DELIMITED = re.compile(r"(\\\(.+?\\\)|\\\[.+?\\\])")
_LINK_START = re.compile(r"(?<![!\\])\[")  # a link (or note) already there; images are fine
_MARKERS = frozenset(("*", "**", "~~", ""))
_TRAILING_HASHES = re.compile(r"(^|\s)(#+)$")
_ORDERED_START = re.compile(r"(\d{1,9})([.)])(?=\s|$)")
_THEMATIC = re.compile(r"([-*_])(?:\s*\1){2,}\s*$")
_CELL_BLOCKS = frozenset(("p", "div", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre",
                          "h1", "h2", "h3", "h4", "h5", "h6", "table", "figure", "section"))

Block = tuple[str, str]
"""(kind, Markdown text); kind is p, h, ul, ul*, ol, ol), quote, code, table, html, hr, math."""


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PS"


def _is_word(ch: str) -> bool:
    return not ch.isspace() and not _is_punct(ch)


_OTHER_SPACES = ("\t", "\n", "\r", "\f", "\v", "\u00a0", "\u202f", "\u2007")
_ZERO_WIDTH_CHARS = ("\u200b", "\u2060", "\ufeff", "\u00ad")
_SPACE_RUN = re.compile(" {2,}")


def _clean_text(text: str) -> str:
    """Zero-width characters out; runs of spaces, tabs, newlines and no-break spaces as one
    space.

    Written as ``in`` tests and ``replace`` (C scans that find nothing on most text)
    rather than a regex substitution per text node, which cost a 40 MB page seconds.
    """
    if not text.isascii():
        # One spelling per character: "ü" typed on a Mac (u + combining diaeresis) must
        # match "ü" searched for in the clip.
        text = unicodedata.normalize("NFC", text)
        for ch in _ZERO_WIDTH_CHARS:
            if ch in text:
                text = text.replace(ch, "")
    for ch in _OTHER_SPACES:
        if ch in text:
            text = text.replace(ch, " ")
    return _SPACE_RUN.sub(" ", text) if "  " in text else text


def _escape(text: str, in_link: bool, in_table: bool) -> str:
    """Backslash-escape what would otherwise become Markdown, and nothing else."""
    if not _ESCAPE_TRIGGER.search(text):
        return text
    if "\\" in text and _TEX_DELIMITED.search(text):
        # \(...\) and \[...\] are TeX for MathJax-aware renderers: leave them as written.
        pieces = _TEX_DELIMITED.split(text)
        return "".join(p if i % 2 else _escape(p, in_link, in_table) for i, p in enumerate(pieces))
    text = _BACKSLASH.sub(r"\\\\", text)
    text = text.replace("`", "\\`")
    text = _STAR.sub(r"\\*", text)
    text = _UNDERSCORE.sub(r"\\_", text)
    if in_link:
        text = text.replace("[", "\\[").replace("]", "\\]")
    else:
        text = _OPEN_BRACKET.sub(r"\\[", text)
        text = _CLOSE_BRACKET.sub(r"\\]", text)
    text = _ANGLE.sub(r"\\<", text)
    text = _ENTITY.sub(r"\\&", text)
    if text.count("~") >= 2:
        text = text.replace("~", "\\~")
    text = _HASHTAG.sub(r"\\#", text)
    text = text.replace("%%", "%\\%").replace("$", _DOLLAR)
    if in_table:
        text = text.replace("|", "\\|")
    return text


def _escape_line_start(line: str) -> str:
    """Escape a line start that a renderer would read as a block marker."""
    c = line[:1]
    if not c or c not in "#>+-*=_`~0123456789":
        return line
    if c == ">":
        return "\\" + line
    if c == "#":
        return "\\" + line if re.match(r"#{1,6}(?:\s|$)", line) else line
    if c in "+-*" and (len(line) == 1 or line[1] in " \t"):
        return "\\" + line
    if c in "-*_" and _THEMATIC.match(line):
        return "\\" + line
    if c in "=-" and re.fullmatch(r"(=+|-+)\s*", line):
        return "\\" + line
    if c in "`~" and line.startswith(("```", "~~~")):
        return "\\" + line
    if c.isdigit():
        m = _ORDERED_START.match(line)
        if m:
            return line[:m.end(1)] + "\\" + line[m.end(1):]
    return line


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _destination(url: str) -> str:
    """A URL safe inside ``(...)`` everywhere, table cells included.

    Non-ASCII characters are percent-encoded (UTF-8), as a browser sends them: the
    clip's image fetcher and every Markdown renderer then read the same URL.
    """
    if not url.isascii():
        url = _NON_ASCII.sub(lambda m: quote(m.group(0), safe=""), url)
    return (url.replace("\\", "%5C").replace(" ", "%20").replace("(", "%28").replace(")", "%29")
            .replace("<", "%3C").replace(">", "%3E").replace("|", "%7C").replace("\n", ""))


def _code_span(text: str) -> str:
    longest = max((len(m) for m in _BACKTICKS.findall(text)), default=0)
    fence = "`" * (longest + 1)
    if text.startswith("`") or text.endswith("`") or (text.startswith(" ") and text.endswith(" ")):
        text = f" {text} "
    return f"{fence}{text}{fence}"


_QUOTE_MARKS = frozenset('"\'“”„‘’‚«»‹›「」『』')
"""Marks a ``<q>``'s text may already hold: the page's stylesheet hides the browser's pair."""


class _Para:
    """Inline Markdown being built, with HTML's whitespace rules.

    Spaces are kept pending and written only before the next content, so they
    land outside emphasis markers (``*a* b``, never ``*a *b``).  Parts are
    never deleted, only blanked, so remembered indexes stay valid.
    """

    __slots__ = ("adds", "fragile", "last_close", "math", "opened", "parts", "pre_space",
                 "run_start", "space")

    def __init__(self) -> None:
        self.adds = 0  # pieces of real content written so far
        self.opened: dict[int, int] = {}  # marker index -> ``adds`` when it was opened
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
        self.run_start = -1
        self.last_close = (close_idx, mark, idx) if html_open else None
        if html_open:
            inner = [p for p in self.parts[idx + 1:close_idx] if p not in _MARKERS]
            if inner:
                first, last = inner[0][0], inner[-1][-1]
                if _is_punct(first) or _is_punct(last):
                    self.fragile.append((idx, close_idx, html_open, html_close,
                                         _is_punct(first), _is_punct(last)))

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
        """Join parts; emphasis that would not parse as Markdown becomes HTML tags."""
        parts = self.parts
        for idx, close_idx, html_open, html_close, starts_p, ends_p in self.fragile:
            if not parts[idx] or not parts[close_idx]:
                continue
            before_i = self._prev_index(idx)
            before = parts[before_i][-1] if before_i >= 0 else " "
            j = close_idx + 1
            while j < len(parts) and not parts[j]:
                j += 1
            after = parts[j][0] if j < len(parts) else " "
            if (starts_p and _is_word(before)) or (ends_p and _is_word(after)):
                parts[idx], parts[close_idx] = html_open, html_close
        for idx in self.pre_space:
            parts[idx] = " " + parts[idx]
        text = "".join(parts)
        if _DOLLAR in text:
            escape = self.math or text.count(_DOLLAR) >= 2
            text = text.replace(_DOLLAR, "\\$" if escape else "$")
        return text

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
            current.append(_escape_line_start(line))
        if current:
            out.append("\\\n".join(current))
        return out

    def one_line(self, sep: str = " ") -> str:
        lines = [line.strip() for line in self._resolve().split("\n")]
        return sep.join(line for line in lines if line)


class _Writer:
    """Recursive tree walk producing blocks; depth is bounded by ``prepare_fragment``."""

    def __init__(self, base_url: str | None, root: etree._Element) -> None:
        self.base_url = base_url
        self.page = base_url.split("#", 1)[0] if base_url else None
        self.em = self.strong = self.strike = self.link = self.quote = 0
        self.table = self.heading = self.flat = False
        self.skip: set[etree._Element] = set()
        self.holders: set[etree._Element] = set()
        self.display_math: set[etree._Element] = set()
        for el in root.iter(*BLOCK_TAGS, "span"):
            if el.tag == "span":
                if el.get(MATH_ATTR) != "display":
                    continue
                self.display_math.add(el)
            for anc in el.iterancestors():
                if anc in self.holders:
                    break
                self.holders.add(anc)
        self.inline_handlers: dict[str, Callable[[etree._Element, _Para], None]] = {
            "a": self._link, "img": self._image, "br": self._br, "wbr": self._nothing,
            "em": self._em, "i": self._em, "cite": self._em, "dfn": self._em, "var": self._em,
            "strong": self._strong, "b": self._strong,
            "del": self._strike, "s": self._strike, "strike": self._strike,
            "code": self._code, "kbd": self._code, "samp": self._code, "tt": self._code,
            "sub": self._html_inline, "sup": self._html_inline, "mark": self._html_inline,
            "q": self._q, "span": self._span, "input": self._input, "rt": self._rt,
            "math": self._mathml, "hr": self._nothing,
        }

    # ----------------------------------------------------------------- blocks

    def is_block(self, el: etree._Element) -> bool:
        return el.tag in BLOCK_TAGS or el in self.holders or el in self.display_math

    def blocks(self, el: etree._Element, out: list[Block]) -> None:
        """Render ``el``'s content: inline runs become paragraphs, blocks their own kind."""
        para = _Para()
        if el.text:
            self.text(el.text, para)
        for child in el:
            if child in self.skip:
                pass
            elif isinstance(child.tag, str) and self.is_block(child):
                if not para.empty():
                    out.extend(("p", p) for p in para.paragraphs())
                para = _Para()
                self.block(child, out)
            else:
                self.inline(child, para)
            if child.tail:
                self.text(child.tail, para)
        if not para.empty():
            out.extend(("p", p) for p in para.paragraphs())

    def block(self, el: etree._Element, out: list[Block]) -> None:
        tag = el.tag
        if tag in _HEADINGS:
            self.heading_block(el, out)
        elif tag in ("ul", "ol"):
            self.list_block(el, out)
        elif tag == "li":
            self.list_block(el, out, items=[el])
        elif tag == "pre":
            self.code_block(el, out)
        elif tag == "blockquote":
            self.quote_block(el, out)
        elif tag == "table":
            self.table_block(el, out)
        elif tag == "figure":
            self.figure_block(el, out)
        elif tag == "dl":
            self.definition_block(el, out)
        elif tag == "hr":
            out.append(("hr", "---"))
        elif tag == "details":
            self.details_block(el, out)
        elif tag == "span" and el.get(MATH_ATTR) == "display":
            tex = (el.text or "").strip()
            if tex:
                out.append(("math", f"$$\n{tex}\n$$"))
        elif tag == "a" and el.get("href") and not self.link:
            self.link_block(el, out)
        else:
            self.blocks(el, out)

    @staticmethod
    def join(blocks: list[Block]) -> str:
        return "\n\n".join(text for _, text in blocks)

    def heading_block(self, el: etree._Element, out: list[Block]) -> None:
        para = _Para()
        self.heading, self.flat = True, True
        try:
            self.inline_children(el, para)
        finally:
            self.heading, self.flat = False, False
        text = para.one_line()
        if not text:
            return
        text = _TRAILING_HASHES.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
        out.append(("h", "#" * _HEADINGS[el.tag] + " " + text))

    def _list_items(self, el: etree._Element) -> list[etree._Element]:
        items: list[etree._Element] = []
        for child in el:
            if not isinstance(child.tag, str) or child in self.skip:
                continue
            if child.tag in ("li", "ul", "ol"):
                items.append(child)
            elif next(child.iterchildren("li"), None) is not None:
                items.extend(self._list_items(child))  # <ul><div><li>…: wrapper divs
            elif "".join(child.itertext()).strip() or next(child.iter("img"), None) is not None:
                items.append(child)
        return items

    def list_block(self, el: etree._Element, out: list[Block],
                   items: list[etree._Element] | None = None) -> None:
        ordered = el.tag == "ol"
        base, alt = ("ol", "ol)") if ordered else ("ul", "ul*")
        # Two lists in a row with the same marker would merge into one.
        kind = alt if out and out[-1][0] == base else base
        elements = items if items is not None else self._list_items(el)
        step = -1 if ordered and el.get("reversed") is not None else 1
        try:
            number = int((el.get("start") or "").strip())
        except ValueError:
            number = len(elements) if step < 0 else 1
        rendered: list[tuple[int, list[Block]]] = []
        for item in elements:
            blocks: list[Block] = []
            if item.tag in ("ul", "ol"):
                self.list_block(item, blocks)
                if rendered:
                    rendered[-1][1].extend(blocks)
                    continue
            else:
                with contextlib.suppress(ValueError):
                    number = int((item.get("value") or "").strip())
                if item.tag == "li":
                    self.blocks(item, blocks)
                else:
                    self.block(item, blocks) if self.is_block(item) else self._inline_block(
                        item, blocks)
            if blocks:
                rendered.append((max(0, min(number, 999_999_999)), blocks))
            number += step
        if not rendered:
            return
        texts: list[str] = []
        tight = True
        for num, blocks in rendered:
            body = blocks[0][1]
            for prev, cur in itertools.pairwise(blocks):
                if cur[0] in _LIST_KINDS and prev[0] == "p":
                    body += "\n" + cur[1]
                else:
                    body += "\n\n" + cur[1]
                    tight = False
            if ordered:
                marker = f"{num}{')' if kind == 'ol)' else '.'}"
            else:
                marker = "*" if kind == "ul*" else "-"
            pad = " " * (len(marker) + 1)
            lines = body.split("\n")
            texts.append("\n".join([f"{marker} {lines[0]}"]
                                   + [pad + line if line else "" for line in lines[1:]]))
        out.append((kind, ("\n" if tight else "\n\n").join(texts)))

    def _inline_block(self, el: etree._Element, out: list[Block]) -> None:
        para = _Para()
        self.inline(el, para)
        out.extend(("p", p) for p in para.paragraphs())

    def quote_block(self, el: etree._Element, out: list[Block]) -> None:
        inner: list[Block] = []
        self.blocks(el, inner)
        if inner:
            lines = self.join(inner).split("\n")
            out.append(("quote", "\n".join("> " + line if line else ">" for line in lines)))

    def code_block(self, el: etree._Element, out: list[Block]) -> None:
        text = _ZERO_WIDTH.sub("", code_text(el)).replace("\r\n", "\n").replace("\r", "\n")
        text = text.replace("\u00a0", " ").rstrip()
        while text.startswith("\n"):
            text = text[1:]
        lines = [line.rstrip() for line in text.split("\n")]
        if not any(line.strip() for line in lines):
            return
        lang = code_language(el)
        if not lang and any(a.get("href") and "".join(a.itertext()).strip()
                            for a in el.iter("a")):
            # Preformatted text with links (RFCs, man pages): an HTML <pre> keeps them.
            out.append(("html", pre_html(el, self.url)))
            return
        text = "\n".join(lines)
        longest = max((len(m) for m in _BACKTICKS.findall(text)), default=0)
        fence = "`" * max(3, longest + 1)
        out.append(("code", f"{fence}{lang}\n{text}\n{fence}"))

    def figure_block(self, el: etree._Element, out: list[Block]) -> None:
        captions = [c for c in el.iter("figcaption")
                    if not any(a.tag == "figure" and a is not el for a in c.iterancestors())]
        self.skip.update(captions)
        try:
            self.blocks(el, out)
        finally:
            self.skip.difference_update(captions)
        for cap in captions:
            para = _Para()
            self.em += 1
            self.flat = True
            try:
                self.inline_children(cap, para)
            finally:
                self.em -= 1
                self.flat = False
            text = para.one_line(sep="\\\n")
            if text:
                out.append(("p", f"*{text}*"))

    def bold_line(self, el: etree._Element) -> str:
        """``el``'s inline content as one bold line (a term, a summary)."""
        para = _Para()
        idx = para.open("**") if not self.strong else -1
        self.strong += 1
        self.flat = True
        try:
            self.inline_children(el, para)
        finally:
            self.strong -= 1
            self.flat = False
        if idx >= 0:
            para.close(idx, "**")
        return para.one_line()

    def definition_block(self, el: etree._Element, out: list[Block]) -> None:
        lines: list[str] = []

        def flush() -> None:
            if lines:
                out.append(("p", "\\\n".join(lines)))
                lines.clear()

        def walk(box: etree._Element) -> None:
            for child in box:
                if not isinstance(child.tag, str):
                    continue
                if child.tag == "dt":
                    text = self.bold_line(child)
                    if text:
                        if lines and not lines[-1].startswith("**"):
                            flush()
                        lines.append(_escape_line_start(text))
                elif child.tag == "dd":
                    blocks: list[Block] = []
                    self.blocks(child, blocks)
                    if len(blocks) == 1 and blocks[0][0] == "p" and lines:
                        lines.append(blocks[0][1])
                    else:
                        flush()
                        out.extend(blocks)
                elif child.tag == "div":
                    walk(child)
                else:
                    flush()
                    self.block(child, out) if self.is_block(child) else self._inline_block(
                        child, out)
        walk(el)
        flush()

    def details_block(self, el: etree._Element, out: list[Block]) -> None:
        summary = next(el.iterchildren("summary"), None)
        if summary is not None:
            text = self.bold_line(summary)
            if text:
                out.append(("p", _escape_line_start(text)))
            self.skip.add(summary)
        try:
            self.blocks(el, out)
        finally:
            if summary is not None:
                self.skip.discard(summary)

    def link_block(self, el: etree._Element, out: list[Block]) -> None:
        """A link around blocks (a card): the first paragraph or heading carries the link."""
        start = len(out)
        self.blocks(el, out)
        url = self.url(el.get("href"))
        if not url:
            return
        for i in range(start, len(out)):
            kind, text = out[i]
            if kind == "p" and not _LINK_START.search(text):
                out[i] = (kind, f"[{text}]({_destination(url)})")
                return
            if kind == "h" and not _LINK_START.search(text):
                hashes, _, title = text.partition(" ")
                out[i] = (kind, f"{hashes} [{title}]({_destination(url)})")
                return

    # ----------------------------------------------------------------- tables

    def table_block(self, el: etree._Element, out: list[Block]) -> None:
        rows, caption = table_rows(el)
        cells = [[c for c in tr if c.tag in ("td", "th")] for tr in rows]
        cells = [r for r in cells if r]
        if not cells:
            self.blocks(el, out)
            return
        if layout_table(cells):
            if caption is not None:
                self._inline_block(caption, out)
            for row in cells:
                for cell in row:
                    self.blocks(cell, out)
            return
        if not pipe_table_fits(el, cells):
            html = table_html(el, self.url)
            if html:
                out.append(("html", html))
            return
        if caption is not None:
            para = _Para()
            self.flat = True
            try:
                self.inline_children(caption, para)
            finally:
                self.flat = False
            text = para.one_line()
            if text:
                out.append(("p", _escape_line_start(text)))
        grid: list[list[str]] = []
        for row in cells:
            line: list[str] = []
            for cell in row:
                line.append(self.cell(cell))
                line.extend([""] * (min(cell_span(cell, "colspan"), 50) - 1))
            grid.append(line)
        width = max(len(r) for r in grid)
        if not any(any(c for c in r) for r in grid):
            return
        for r in grid:
            r.extend([""] * (width - len(r)))
        aligns = [cell_align(c) for c in cells[0]]
        delim = [aligns[i] if i < len(aligns) else "---" for i in range(width)]
        lines = ["| " + " | ".join(grid[0]) + " |", "| " + " | ".join(delim) + " |"]
        lines.extend("| " + " | ".join(r) + " |" for r in grid[1:])
        out.append(("table", "\n".join(line.replace("|  |", "| |") for line in lines)))

    def cell(self, cell: etree._Element) -> str:
        para = _Para()
        was = self.table, self.flat
        self.table = self.flat = True
        try:
            self.inline_children(cell, para)
        finally:
            self.table, self.flat = was
        text = para.one_line(sep="<br/>")
        return text

    # ----------------------------------------------------------------- inline

    def text(self, raw: str, para: _Para) -> None:
        text = _clean_text(raw)
        if text:
            para.text(_escape(text, self.link > 0, self.table))

    def inline_children(self, el: etree._Element, para: _Para) -> None:
        if el.text:
            self.text(el.text, para)
        for child in el:
            if child not in self.skip:
                self.inline(child, para)
            if child.tail:
                self.text(child.tail, para)

    def inline(self, el: etree._Element, para: _Para) -> None:
        tag = el.tag
        if not isinstance(tag, str):
            return
        if self.flat and (tag in BLOCK_TAGS or el in self.holders):
            self._flat_block(el, para)
            return
        handler = self.inline_handlers.get(tag)
        if handler is not None:
            handler(el, para)
        else:
            self.inline_children(el, para)

    def _flat_block(self, el: etree._Element, para: _Para) -> None:
        """A block inside a table cell, heading or caption: separated by line breaks."""
        tag = el.tag
        if tag == "pre":
            text = _clean_text(code_text(el)).strip()
            if text:
                para.add(self._code_markup(text))
            return
        if tag == "hr":
            para.separate()
            return
        if tag == "span" and el.get(MATH_ATTR):
            self._span(el, para)
            return
        if tag == "a":
            self._link(el, para)
            return
        if tag in _CELL_BLOCKS or tag in ("tr", "td", "th"):
            para.separate()
        if tag == "li":
            para.add("• ")
            para.run_start = -1
        handler = self.inline_handlers.get(tag)
        if handler is not None:
            handler(el, para)
        else:
            self.inline_children(el, para)
        if tag in _CELL_BLOCKS:
            para.separate()

    def _nothing(self, el: etree._Element, para: _Para) -> None:
        return

    def _br(self, el: etree._Element, para: _Para) -> None:
        if self.heading or self.link:
            para.space = True
        else:
            para.br()

    def _emphasis(self, el: etree._Element, para: _Para, mark: str, attr: str, tag: str) -> None:
        if getattr(self, attr) or (self.heading and attr == "strong"):
            self.inline_children(el, para)
            return
        idx = para.open(mark)
        setattr(self, attr, getattr(self, attr) + 1)
        try:
            self.inline_children(el, para)
        finally:
            setattr(self, attr, getattr(self, attr) - 1)
        para.close(idx, mark, f"<{tag}>", f"</{tag}>")

    def _em(self, el: etree._Element, para: _Para) -> None:
        self._emphasis(el, para, "*", "em", "em")

    def _strong(self, el: etree._Element, para: _Para) -> None:
        self._emphasis(el, para, "**", "strong", "strong")

    def _strike(self, el: etree._Element, para: _Para) -> None:
        self._emphasis(el, para, "~~", "strike", "del")

    def _html_inline(self, el: etree._Element, para: _Para) -> None:
        tag = el.tag
        idx = para.open(f"<{tag}>")
        self.inline_children(el, para)
        para.close(idx, f"</{tag}>")

    def _q(self, el: etree._Element, para: _Para) -> None:
        text = "".join(el.itertext()).strip()
        if len(text) > 1 and text[0] in _QUOTE_MARKS and text[-1] in _QUOTE_MARKS:
            self.inline_children(el, para)  # the writer typed the marks: no “"doubled"”
            return
        para.add("‘" if self.quote % 2 else "“")
        self.quote += 1
        try:
            self.inline_children(el, para)
        finally:
            self.quote -= 1
        para.parts.append("’" if self.quote % 2 else "”")

    def _code(self, el: etree._Element, para: _Para) -> None:
        links = [a for a in el.iter("a") if a.get("href")]
        if len(links) == 1 and not self.link and _clean_text(
                "".join(links[0].itertext())).strip() == _clean_text(code_text(el)).strip():
            url = self.url(links[0].get("href"))
            if url:
                inner = _clean_text(code_text(el)).strip()
                para.add(f"[{_code_span(inner)}]({_destination(url)})")
                return
        text = _clean_text(code_text(el))
        leading, trailing = text.startswith(" "), text.endswith(" ")
        text = text.strip()
        if not text:
            if leading or trailing:
                para.space = True
            return
        if leading:
            para.text(" ")
        para.add(self._code_markup(text))
        if trailing:
            para.space = True

    def _code_markup(self, text: str) -> str:
        if self.table and "|" in text:
            # "\|" inside a code span in a cell shows its backslash in Qt; an entity never does.
            return "<code>" + html_lib.escape(text, quote=False).replace("|", "&#124;") + "</code>"
        return _code_span(text)

    def url(self, href: str | None) -> str | None:
        if not href:
            return None
        href = href.strip()
        if href.startswith("#"):
            return (self.page + href) if self.page else href
        return absolute_url(href, self.base_url)

    def _link(self, el: etree._Element, para: _Para) -> None:
        url = self.url(el.get("href")) if not self.link else None
        if not url:
            self.inline_children(el, para)
            return
        idx = para.open("[")
        self.link += 1
        try:
            self.inline_children(el, para)
        finally:
            self.link -= 1
        if not para.has_content_after(idx):
            para.cancel(idx)
            return
        para.parts.append(f"]({_destination(url)})")
        para.run_start = -1
        para.last_close = None

    def _image(self, el: etree._Element, para: _Para) -> None:
        src = (el.get("src") or "").strip()
        if not src:
            return
        alt = _escape(_clean_text(el.get("alt") or "").strip(), True, self.table)
        title = _clean_text(el.get("title") or "").strip()
        suffix = ""
        if title and title != alt:
            suffix = ' "' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
        para.add(f"![{alt}]({_destination(src)}{suffix})")

    def _span(self, el: etree._Element, para: _Para) -> None:
        kind = el.get(MATH_ATTR)
        if kind:
            tex = " ".join((el.text or "").split())
            if tex:
                para.math = True
                para.add(f"$${tex}$$" if kind == "display" else f"${tex}$")
            return
        label = el.get(FNREF_ATTR)
        if label:
            para.add(f"[^{label}]")
            return
        self.inline_children(el, para)

    def _mathml(self, el: etree._Element, para: _Para) -> None:
        alt = el.get("alttext")
        text = _clean_text(alt if alt else "".join(el.itertext())).strip()
        if text:
            para.add(_escape(text, self.link > 0, self.table))

    def _input(self, el: etree._Element, para: _Para) -> None:
        if (el.get("type") or "").lower() == "checkbox" and para.empty():
            para.add("[x] " if el.get("checked") is not None else "[ ] ")
            para.run_start = -1

    def _rt(self, el: etree._Element, para: _Para) -> None:
        parent = el.getparent()
        has_rp = parent is not None and next(parent.iterchildren("rp"), None) is not None
        if not has_rp:
            para.add("(")
        self.inline_children(el, para)
        if not has_rp:
            para.parts.append(")")


_LOOKUP = etree.ElementDefaultClassLookup(
    element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment,
    pi=lxml_html.HtmlProcessingInstruction, entity=lxml_html.HtmlEntity,
)
"""HtmlElement for every tag, chosen in C (lxml.html's default lookup runs Python per proxy)."""


def _parser() -> lxml_html.HTMLParser:
    # One per call: lxml parsers must not be shared between threads.
    parser = lxml_html.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True,
                                  no_network=True)
    parser.set_element_class_lookup(_LOOKUP)
    return parser


def _parse(html: str) -> etree._Element | None:
    """Parse a fragment; nesting deeper than libxml2 keeps is flattened, not lost."""
    if not html or not html.strip():
        return None
    html = _XML_DECLARATION.sub("", html, count=1)
    try:
        parser = _parser()
        doc = lxml_html.document_fromstring(html, parser=parser)
        if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
            doc = lxml_html.document_fromstring(flatten_deep_nesting(html), parser=_parser())
    except (etree.ParserError, ValueError):
        return None
    return doc if doc is not None and isinstance(doc.tag, str) else None


def html_to_markdown(html: str, base_url: str | None = None) -> str:
    """Convert an article fragment (or page) to tidy Markdown; "" when there is no content.

    Runs the same image/link/math normalisation as the extractor (idempotent),
    drops hidden elements, turns footnotes into ``[^n]`` definitions at the end.
    """
    doc = _parse(html)
    if doc is None:
        return ""
    normalize_document(doc, base_url)
    root = doc.find("body")
    if root is None:
        root = doc
    return element_to_markdown(root, base_url)


def element_to_markdown(root: etree._Element, base_url: str | None = None) -> str:
    """Convert an element whose images, links and math are already normalised.

    The extractor's path: its page went through ``normalize_document`` before the
    article was chosen, so serialising the article and parsing it again would only
    repeat work. The element is consumed (hidden parts and footnotes are taken out).
    """
    prepare_fragment(root)
    notes = take_footnotes(root)
    writer = _Writer(base_url, root)
    blocks: list[Block] = []
    writer.blocks(root, blocks)
    definitions: list[str] = []
    for label, note in notes:
        inner: list[Block] = []
        writer.blocks(note, inner)
        if not inner:
            continue
        lines = writer.join(inner).split("\n")
        definitions.append("\n".join([f"[^{label}]: {lines[0]}"]
                                     + ["    " + line if line else "" for line in lines[1:]]))
    text = writer.join(blocks)
    if definitions:
        text = (text + "\n\n" if text else "") + "\n\n".join(definitions)
    text = "\n".join(line.rstrip() for line in text.split("\n")).strip()
    return text + "\n" if text else ""


# Imported last on purpose: ``clipper.extract`` imports this module for
# ``html_to_markdown``, and these helpers live in that package.  By the time the
# package's ``__init__`` runs, every name above is defined, whichever side was
# imported first.
from clipper.extract.codelang import code_language  # noqa: E402
from clipper.extract.fixups import code_text, prepare_fragment  # noqa: E402
from clipper.extract.footnotes import FNREF_ATTR, take_footnotes  # noqa: E402
from clipper.extract.normalize import MATH_ATTR, absolute_url, normalize_document  # noqa: E402
from clipper.extract.parse import flatten_deep_nesting  # noqa: E402
from clipper.extract.rawhtml import (  # noqa: E402
    cell_align,
    cell_span,
    layout_table,
    pipe_table_fits,
    pre_html,
    table_html,
    table_rows,
)

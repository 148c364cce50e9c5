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
from collections.abc import Callable

from lxml import etree

from clipper import fidelity
from clipper.htmltree import text_of
from clipper.markdown.callouts import TYPES, find_callout
from clipper.markdown.code import code_language, code_text, pre_html
from clipper.markdown.escape import (
    BACKTICKS,
    clean_text,
    code_span,
    destination,
    escape,
    escape_line_start,
)
from clipper.markdown.footnotes import take_footnotes
from clipper.markdown.marks import FNREF_ATTR, MATH_ATTR
from clipper.markdown.paragraph import Paragraph
from clipper.markdown.prepare import prepare_fragment
from clipper.markdown.tablekind import join_lines, table_kind, text_grid
from clipper.markdown.tables import (
    cell_align,
    cell_span,
    layout_table,
    pipe_table_fits,
    table_cells,
    table_html,
    table_rows,
)
from clipper.safetext import sanitize_line
from clipper.urls import absolute_url

LINK_SCHEMES = frozenset(("http", "https", "mailto", "ftp", "tel"))
"""What a clip's link may lead to; any other scheme becomes plain text."""
IMAGE_SCHEMES = frozenset(("http", "https", "data", "file"))
"""What an image may be loaded from (``file:`` only ever from a saved page's own folder,
which the image step checks; ``data:`` images become files there)."""
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


def allowed_target(url: str, image: bool = False) -> bool:
    """Whether a link (or image) to ``url`` may stay one: fragments and scheme-less
    addresses (relative, when a page has no address) do; schemes must be allowed."""
    m = _SCHEME.match(url)
    if m is None:
        return not url.startswith("//") or image
    return m.group(1).lower() in (IMAGE_SCHEMES if image else LINK_SCHEMES)

__all__ = ["element_to_markdown"]

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
_LINK_START = re.compile(r"(?<![!\\])\[")  # a link (or note) already there; images are fine
_TRAILING_HASHES = re.compile(r"(^|\s)(#+)$")
_CELL_BLOCKS = frozenset(("p", "div", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre",
                          "h1", "h2", "h3", "h4", "h5", "h6", "table", "figure", "section"))

Block = tuple[str, str]
"""(kind, Markdown text); kind is p, h, ul, ul*, ol, ol), quote, code, table, html, hr, math."""

_CALLOUT_TAGS = frozenset(("div", "aside", "section", "details", "blockquote", "figure", "p"))


def _callout_names(kind: str) -> set[str]:
    """What a box's title says when it only repeats its type ("Note", "Warning", "Tip")."""
    return {kind, *(name for name, k in TYPES.items() if k == kind)}


_BLANK_CELL = re.compile(r"(?<=\|)  (?=\|)")
"""A blank pipe-table cell, written "| |" (runs of them too: "| | |")."""

_QUOTE_MARKS = frozenset('"\'“”„‘’‚«»‹›「」『』')
"""Marks a ``<q>``'s text may already hold: the page's stylesheet hides the browser's pair."""


class _Writer:
    """Recursive tree walk producing blocks; depth is bounded by ``prepare_fragment``."""

    def __init__(self, base_url: str | None, root: etree._Element,
                 page_url: str | None = None) -> None:
        self.root = root
        self._article_chars: int | None = None
        self.base_url = base_url
        page = page_url or base_url  # "#x" is a part of this page, whatever its <base> says
        self.page = page.split("#", 1)[0] if page else None
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
        self.block_handlers: dict[str, Callable[[etree._Element, list[Block]], None]] = {
            "ul": self.list_block, "ol": self.list_block, "pre": self.code_block,
            "li": lambda el, out: self.list_block(el, out, items=[el]),
            "blockquote": self.quote_block, "table": self.table_block,
            "figure": self.figure_block, "dl": self.definition_block,
            "details": self.details_block,
        }
        self.inline_handlers: dict[str, Callable[[etree._Element, Paragraph], None]] = {
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

    def blocks(self, el: etree._Element, out: list[Block],
               only: list[etree._Element] | None = None) -> None:
        """Render ``el``'s content (or ``only`` these children of it, with their tails): inline
        runs become paragraphs, blocks their own kind."""
        para = Paragraph()
        if el.text and only is None:
            self.text(el.text, para)
        for child in el if only is None else only:
            if child in self.skip:
                pass
            elif isinstance(child.tag, str) and self.is_block(child):
                if not para.empty():
                    out.extend(("p", p) for p in para.paragraphs())
                para = Paragraph()
                self.block(child, out)
            else:
                self.inline(child, para)
            if child.tail:
                self.text(child.tail, para)
        if not para.empty():
            out.extend(("p", p) for p in para.paragraphs())

    def block(self, el: etree._Element, out: list[Block]) -> None:
        tag = el.tag
        if tag in _CALLOUT_TAGS and self.callout_block(el, out):
            return
        handler = self.block_handlers.get(tag)
        if handler is not None:
            handler(el, out)
        elif tag in _HEADINGS:
            self.heading_block(el, out)
        elif tag == "hr":
            out.append(("hr", "---"))
        elif tag == "span" and el.get(MATH_ATTR) == "display":
            tex = (el.text or "").strip()
            if tex:
                fidelity.note("math", "tex")
                out.append(("math", f"$$\n{tex}\n$$"))
        elif tag == "a" and el.get("href") and not self.link:
            self.link_block(el, out)
        else:
            self.blocks(el, out)

    @staticmethod
    def join(blocks: list[Block]) -> str:
        return "\n\n".join(text for _, text in blocks)

    def heading_block(self, el: etree._Element, out: list[Block]) -> None:
        para = Paragraph()
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
            elif text_of(child).strip() or next(child.iter("img"), None) is not None:
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
            self._stray_text(item.tail, blocks)  # "<li>…</li> text <li>": not lost
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

    def _stray_text(self, raw: str | None, out: list[Block]) -> None:
        if raw and raw.strip():
            para = Paragraph()
            self.text(raw, para)
            out.extend(("p", p) for p in para.paragraphs())

    def _inline_block(self, el: etree._Element, out: list[Block]) -> None:
        para = Paragraph()
        self.inline(el, para)
        out.extend(("p", p) for p in para.paragraphs())

    def quote_block(self, el: etree._Element, out: list[Block]) -> None:
        fidelity.quote_seen(el)
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
        if not lang and any(a.get("href") and text_of(a).strip()
                            for a in el.iter("a")):
            # Preformatted text with links (RFCs, man pages): an HTML <pre> keeps them.
            out.append(("html", pre_html(el, self.address)))
            return
        text = "\n".join(lines)
        longest = max((len(m) for m in BACKTICKS.findall(text)), default=0)
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
            para = Paragraph()
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
        para = Paragraph()
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
                        lines.append(escape_line_start(text))
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

    def article_chars(self) -> int:
        if self._article_chars is None:
            self._article_chars = len(text_of(self.root))
        return self._article_chars

    def callout_block(self, el: etree._Element, out: list[Block]) -> bool:
        """A callout box as ``> [!type] Title`` and its content, quoted; False if ``el``
        is no callout."""
        box = find_callout(el, self.article_chars) if (
            el.get("class") or el.get("data-callout")) else None
        if box is None:
            return False
        title = ""
        if box.title is not None:
            para = Paragraph()
            self.flat = True
            try:
                self.inline_children(box.title, para)
            finally:
                self.flat = False
            title = para.one_line()
            self.skip.add(box.title)
        inner: list[Block] = []
        try:
            self.blocks(el, inner)
        finally:
            if box.title is not None:
                self.skip.discard(box.title)
        if " ".join(title.casefold().strip(" :").split()) in _callout_names(box.kind):
            title = ""  # "Note" over a note: Obsidian shows the type's name already
        if not inner and not title:
            return True
        head = f"> [!{box.kind}]{box.fold}" + (f" {title}" if title else "")
        lines = self.join(inner).split("\n") if inner else []
        out.append(("quote", "\n".join([head] + ["> " + line if line else ">"
                                                  for line in lines])))
        return True

    def details_block(self, el: etree._Element, out: list[Block]) -> None:
        summary = next(el.iterchildren("summary"), None)
        if summary is not None:
            text = self.bold_line(summary)
            if text:
                out.append(("p", escape_line_start(text)))
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
        target = self.target(el.get("href"))
        if not target:
            return
        for i in range(start, len(out)):
            kind, text = out[i]
            if kind == "p" and not _LINK_START.search(text):
                out[i] = (kind, f"[{text}]({target})")
                return
            if kind == "h" and not _LINK_START.search(text):
                hashes, _, title = text.partition(" ")
                out[i] = (kind, f"{hashes} [{title}]({target})")
                return

    # ----------------------------------------------------------------- tables

    def table_block(self, el: etree._Element, out: list[Block]) -> None:
        caption = table_rows(el)[1]
        cells = table_cells(el)
        if not cells:
            self.blocks(el, out)
            return
        fits = pipe_table_fits(el, cells) and not layout_table(cells)
        kind = "pipe" if fits else table_kind(el, cells)
        if kind == "layout":  # everything in it in order, rows and cells as plain boxes
            self.blocks(el, out)
            return
        if kind == "html":
            html = table_html(el, self.address)
            if html:
                fidelity.note("table", "html")
                out.append(("html", html))
            return
        outside = _outside_rows(el)  # (the HTML above holds it)
        if outside:  # shown by browsers before the table, which stays a table
            self.blocks(el, out, outside)
        if caption is not None:
            para = Paragraph()
            self.flat = True
            try:
                self.inline_children(caption, para)
            finally:
                self.flat = False
            text = para.one_line()
            if text:
                out.append(("p", escape_line_start(text)))
        table = self.pipe_table(cells, fits)
        if table:
            out.append(("table", table))

    def pipe_table(self, cells: list[list[etree._Element]], fits: bool) -> str:
        """Cells a pipe table cannot hold as they stand (``fits`` False) have their blocks
        joined on one line and their row spans placed in each row (``tablekind``)."""
        texts = {c: self.cell(c) if fits else join_lines(self.cell(c, "\n"))
                 for row in cells for c in row}
        grid = text_grid(cells, texts, keep_blank_rows=fits)
        width = max(len(r) for r in grid)
        if not any(any(c for c in r) for r in grid):
            return ""
        if any(cell_span(c, "colspan") > 1 for row in cells for c in row):
            fidelity.note("table", "split")
        if any(cell_span(c, "rowspan") > 1 for row in cells for c in row):
            fidelity.note("table", "rows")
        for r in grid:
            r.extend([""] * (width - len(r)))
        aligns = [cell_align(c) for c in cells[0]]
        delim = [aligns[i] if i < len(aligns) else "---" for i in range(width)]
        lines = ["| " + " | ".join(grid[0]) + " |", "| " + " | ".join(delim) + " |"]
        lines.extend("| " + " | ".join(r) + " |" for r in grid[1:])
        return "\n".join(_BLANK_CELL.sub(" ", line) for line in lines)

    def cell(self, cell: etree._Element, sep: str = "<br/>") -> str:
        para = Paragraph()
        was = self.table, self.flat
        self.table = self.flat = True
        try:
            self.inline_children(cell, para)
        finally:
            self.table, self.flat = was
        return para.one_line(sep=sep)

    # ----------------------------------------------------------------- inline

    def text(self, raw: str, para: Paragraph) -> None:
        text = clean_text(raw)
        if text:
            para.text(escape(text, self.link > 0, self.table))

    def inline_children(self, el: etree._Element, para: Paragraph) -> None:
        if el.text:
            self.text(el.text, para)
        for child in el:
            if child not in self.skip:
                self.inline(child, para)
            if child.tail:
                self.text(child.tail, para)

    def inline(self, el: etree._Element, para: Paragraph) -> None:
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

    def _flat_block(self, el: etree._Element, para: Paragraph) -> None:
        """A block inside a table cell, heading or caption: separated by line breaks."""
        tag = el.tag
        if tag == "pre":
            text = clean_text(code_text(el)).strip()
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

    def _nothing(self, el: etree._Element, para: Paragraph) -> None:
        return

    def _br(self, el: etree._Element, para: Paragraph) -> None:
        if self.heading or self.link:
            para.space = True
        else:
            para.br()

    def _emphasis(self, el: etree._Element, para: Paragraph, mark: str, attr: str,
                  tag: str) -> None:
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

    def _em(self, el: etree._Element, para: Paragraph) -> None:
        self._emphasis(el, para, "*", "em", "em")

    def _strong(self, el: etree._Element, para: Paragraph) -> None:
        self._emphasis(el, para, "**", "strong", "strong")

    def _strike(self, el: etree._Element, para: Paragraph) -> None:
        self._emphasis(el, para, "~~", "strike", "del")

    def _html_inline(self, el: etree._Element, para: Paragraph) -> None:
        tag = el.tag
        idx = para.open(f"<{tag}>")
        self.inline_children(el, para)
        para.close(idx, f"</{tag}>")

    def _q(self, el: etree._Element, para: Paragraph) -> None:
        text = text_of(el).strip()
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

    def _code(self, el: etree._Element, para: Paragraph) -> None:
        links = [a for a in el.iter("a") if a.get("href")]
        if len(links) == 1 and not self.link and clean_text(
                text_of(links[0])).strip() == clean_text(code_text(el)).strip():
            target = self.target(links[0].get("href"))
            if target:
                inner = clean_text(code_text(el)).strip()
                para.add(f"[{code_span(inner)}]({target})")
                return
        text = clean_text(code_text(el))
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
        return code_span(text)

    def address(self, href: str | None, image: bool = False) -> str | None:
        """The one place a link or image address enters the clip (as Markdown through
        ``target``, or as HTML in a table or ``<pre>``): resolved against the page and
        checked against the allow-list of schemes; None: the words stay, the link goes.

        A page's link may name any scheme, and many start programs on a click
        (``ms-msdt:``, ``search-ms:``, ``shell:``, ``smb://``...); a block-list cannot
        keep up, so only what a reader expects a link to do is kept.
        """
        if not href:
            return None
        href = href.strip()
        if href.startswith("#"):  # a part of this page: on the web page, or in the clip
            url: str | None = self.page + href if self.page and allowed_target(self.page) \
                else href
        elif image and (href[:5].lower() == "data:" or not _SCHEME.match(href)):
            # an inline image (the image step writes it to a file or leaves it out), or a
            # saved page's own picture named beside it (the image step copies it or not)
            url = href
        else:
            url = absolute_url(href, self.base_url)
        if not url or not allowed_target(url, image):
            return None
        return url

    def target(self, href: str | None, image: bool = False) -> str | None:
        """``address``, escaped to stand inside Markdown's ``(...)``."""
        url = self.address(href, image)
        return destination(url) if url else None

    def _link(self, el: etree._Element, para: Paragraph) -> None:
        target = self.target(el.get("href")) if not self.link else None
        if not target:
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
        para.parts.append(f"]({target})")
        para.run_start = -1
        para.last_close = None

    def _image(self, el: etree._Element, para: Paragraph) -> None:
        src = (el.get("src") or "").strip()
        alt_text = sanitize_line(clean_text(el.get("alt") or ""))
        target = self.target(src, image=True)
        if not target:
            if alt_text:  # an address no reader should follow: its words stay
                para.add(escape(alt_text, self.link > 0, self.table))
            return
        alt = escape(alt_text, True, self.table)
        title = sanitize_line(clean_text(el.get("title") or ""))
        suffix = ""
        if title and title != alt:
            suffix = ' "' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
        para.add(f"![{alt}]({target}{suffix})")

    def _span(self, el: etree._Element, para: Paragraph) -> None:
        kind = el.get(MATH_ATTR)
        if kind:
            tex = " ".join((el.text or "").split())
            if tex:
                fidelity.note("math", "tex")
                para.math = True
                para.add(f"$${tex}$$" if kind == "display" else f"${tex}$")
            return
        label = el.get(FNREF_ATTR)
        if label:
            para.add(f"[^{label}]")
            return
        self.inline_children(el, para)

    def _mathml(self, el: etree._Element, para: Paragraph) -> None:
        alt = el.get("alttext")
        text = clean_text(alt if alt else text_of(el)).strip()
        if text:
            fidelity.note("math", "text")
            para.add(escape(text, self.link > 0, self.table))

    def _input(self, el: etree._Element, para: Paragraph) -> None:
        if (el.get("type") or "").lower() == "checkbox" and para.empty():
            para.add("[x] " if el.get("checked") is not None else "[ ] ")
            para.run_start = -1

    def _rt(self, el: etree._Element, para: Paragraph) -> None:
        parent = el.getparent()
        has_rp = parent is not None and next(parent.iterchildren("rp"), None) is not None
        if not has_rp:
            para.add("(")
        self.inline_children(el, para)
        if not has_rp:
            para.parts.append(")")


def element_to_markdown(root: etree._Element, base_url: str | None = None,
                        page_url: str | None = None) -> str:
    """Convert an element whose images, links and math are already normalised.
    ``page_url``: the page's own address, when its ``<base>`` names another.

    The extractor's page went through its pre-pass (``clipper.extract.normalize``)
    before the article was chosen, so serialising the article and parsing it again
    would only repeat work. The element is consumed (hidden parts and footnotes are
    taken out).
    """
    prepare_fragment(root)
    notes = take_footnotes(root)
    writer = _Writer(base_url, root, page_url)
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


_ROW_LEVEL = frozenset(("tr", "thead", "tbody", "tfoot", "td", "th", "caption", "colgroup",
                        "col"))


def _outside_rows(table: etree._Element) -> list[etree._Element]:
    """What the page set in a table but outside its rows (tag soup: a table or paragraphs
    right inside ``<table>``, a footnote after the last row). A browser shows it before the
    table, so it is written there, and the rows stay a table."""
    return [child for child in table
            if isinstance(child.tag, str) and child.tag not in _ROW_LEVEL
            and (any(isinstance(t, str) and t.strip() for t in child.itertext())
                 or child.tag in ("img", "picture"))]

"""Tables: which ones a pipe table can hold, and compact HTML for the others.

A pipe table cannot hold row spans, nested tables or block content in cells as they
stand; ``tablekind`` tells what such a table is (layout: its blocks; data: a pipe table
with joined cells). The few that Markdown cannot say (a grid or a code block in a data
cell, one row of prose columns) keep their structure, since CommonMark, Obsidian and Qt
all render raw HTML blocks, as compact HTML with only meaningful tags and attributes
(``colspan``/``rowspan``, ``href``, ``src``, ``alt``) and no blank line that would
end the block early. (A ``<pre>`` with links does the same: ``code.pre_html``.)
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable, Iterator

from lxml import etree

from clipper.markdown.marks import FNREF_ATTR, MATH_ATTR
from clipper.safetext import sanitize_line

__all__ = ["cell_align", "cell_span", "layout_table", "pipe_table_fits", "table_cells",
           "table_html", "table_rows"]

_ZERO_WIDTH = re.compile("[\u200b\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[ \t\n\r\f\v\u00a0\u202f\u2007]+")
_KEPT_TAGS = frozenset(("table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
                             "a", "img", "br", "p", "ul", "ol", "li", "b", "strong", "i", "em",
                             "code", "pre", "sub", "sup", "blockquote", "s", "del", "mark", "kbd",
                             "dl", "dt", "dd", "hr"))
_HTML_STRUCTURE = frozenset(("table", "thead", "tbody", "tfoot", "tr", "ul", "ol", "dl"))
_HTML_OPEN_SPACE = re.compile(r"(<(?:td|th|p|li|caption|dt|dd|blockquote)(?: [^>]*)?>) +")
_HTML_CLOSE_SPACE = re.compile(r" +(</(?:td|th|p|li|caption|dt|dd|blockquote)>)")


def table_rows(table: etree._Element) -> tuple[list[etree._Element], etree._Element | None]:
    rows: list[etree._Element] = []
    caption = None
    for child in table:
        tag = child.tag
        if tag == "tr":
            rows.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows.extend(c for c in child if c.tag == "tr")
        elif tag == "caption" and caption is None:
            caption = child
    return rows, caption


def table_cells(table: etree._Element) -> list[list[etree._Element]]:
    """Each row's cells. Cells a page left outside any row (``<table><td>``, shown by
    browsers as a row of their own) make one row per run of them."""
    cells: list[list[etree._Element]] = []
    stray: list[etree._Element] | None = None
    for child in _row_level(table):
        if child.tag == "tr":
            cells.append([c for c in child if c.tag in ("td", "th")])
            stray = None
        elif child.tag in ("td", "th"):
            if stray is None:
                stray = []
                cells.append(stray)
            stray.append(child)
        else:
            stray = None
    return [r for r in cells if r]


def _row_level(table: etree._Element) -> Iterator[etree._Element]:
    for child in table:
        if child.tag in ("thead", "tbody", "tfoot"):
            yield from child
            yield child  # a group ends a run of stray cells
        else:
            yield child


def cell_span(cell: etree._Element, attr: str) -> int:
    try:
        return max(1, int((cell.get(attr) or "1").strip()))
    except ValueError:
        return 1


def layout_table(cells: list[list[etree._Element]]) -> bool:
    """A single-cell table only frames content (pages built in the 1990s)."""
    return len(cells) == 1 and len(cells[0]) == 1 and cell_span(cells[0][0], "rowspan") == 1


def pipe_table_fits(table: etree._Element, cells: list[list[etree._Element]]) -> bool:
    """False for tables a pipe table would distort: nesting, row spans, block content."""
    for row in cells:
        for cell in row:
            if cell_span(cell, "rowspan") > 1:
                return False
            paragraphs = 0
            for el in cell.iterdescendants():
                tag = el.tag
                if tag in ("table", "pre", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6"):
                    return False
                if tag in ("p", "div") and any(t.strip() for t in el.itertext()):
                    paragraphs += 1
                    if paragraphs > 1:
                        return False
    return True


def cell_align(cell: etree._Element) -> str:
    value = (cell.get("align") or "").lower()
    if not value:
        m = re.search(r"text-align\s*:\s*(\w+)", cell.get("style") or "", re.I)
        value = m.group(1).lower() if m else ""
    return {"center": ":---:", "right": "---:", "left": ":---"}.get(value, "---")


def table_html(table: etree._Element, url: Callable[[str | None, bool], str | None]) -> str:  # noqa: C901 -- one walk, a branch per kept tag kind
    """A table as compact HTML with only meaningful tags and attributes, no blank lines."""
    parts: list[str] = []
    for event, el in etree.iterwalk(table, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else None
        if tag is None:
            continue
        keep = tag in _KEPT_TAGS
        if event == "start":
            if tag == "span" and el.get(MATH_ATTR):
                tex = (el.text or "").strip()
                if tex:
                    parts.append(html_lib.escape(f"${tex}$" if el.get(MATH_ATTR) == "inline"
                                                 else f"$${tex}$$"))
                el.text = None
                continue
            if tag == "span" and el.get(FNREF_ATTR):
                parts.append(f"<sup>{html_lib.escape(el.get(FNREF_ATTR) or '')}</sup>")
                continue
            if keep:
                attrs = ""
                src = None
                for name in ("colspan", "rowspan", "href", "src", "alt", "title", "start"):
                    value = el.get(name)
                    if value is None or (name == "title" and tag != "img"):
                        continue
                    if name in ("colspan", "rowspan") and value.strip() == "1":
                        continue
                    if name in ("href", "src"):  # resolved and checked by the writer
                        value = url(value, name == "src") or ""
                        if not value:
                            continue
                        src = value if name == "src" else src
                    elif name in ("alt", "title"):
                        value = sanitize_line(value)
                    attrs += f' {name}="{html_lib.escape(value, quote=True)}"'
                if tag == "img" and not src:
                    continue
                parts.append(f"<{tag}{attrs}>" if tag not in ("br", "img", "hr")
                             else f"<{tag}{attrs}/>")
            if el.text and (tag not in _HTML_STRUCTURE or el.text.strip()):
                parts.append(_html_text(el.text, el))
        else:
            if keep and tag not in ("br", "img", "hr"):
                parts.append(f"</{tag}>")
                if tag in ("tr", "caption", "thead", "tbody", "tfoot"):
                    parts.append("\n")
            parent = el.getparent()
            if el is not table and el.tail and (
                    parent is None or parent.tag not in _HTML_STRUCTURE or el.tail.strip()):
                parts.append(_html_text(el.tail, parent))
    html = "".join(parts).replace("<table>", "<table>\n", 1)
    html = _HTML_OPEN_SPACE.sub(r"\1", html)
    html = _HTML_CLOSE_SPACE.sub(r"\1", html)
    lines = [line.strip() for line in html.split("\n")]
    return "\n".join(line for line in lines if line)


def _html_text(text: str, holder: etree._Element | None) -> str:
    in_pre = holder is not None and (holder.tag == "pre" or any(
        a.tag == "pre" for a in holder.iterancestors()))
    if in_pre:
        return html_lib.escape(_ZERO_WIDTH.sub("", text), quote=False).replace("\n", "&#10;")
    return html_lib.escape(_SPACES.sub(" ", _ZERO_WIDTH.sub("", text)), quote=False)

"""Layout or data: what a table a pipe table cannot hold as it stands really is.

Pages lay out columns, sidebars and story lists with tables, and put paragraphs,
lists and further tables in their cells; a pipe table cannot hold those cells, and
compact HTML of them is not what a clip reader wants. Such a *layout* table is read
as everything in it in reading order (rows and cells as plain boxes). A *data* table
(a header row or ``th`` cells, a caption, a grid of short cells, numbers; an infobox's
key/value rows) stays a table: its cells' blocks are joined on one line (``"; "``), and
a cell spanning several rows is placed in each of them (``text_grid``). HTML is left
only for what Markdown cannot say: a grid or a code block inside a data cell, and one
row of prose columns side by side (no sure reading order; the Readability corpus's
expected articles keep those as tables, so structure would drop). A cell holding a
quotation or paragraphs of prose (a forum thread's "Author | Message" rows) makes the
table layout even under a header row: squeezed on one line, a quote would lose its
marking and read as the replier's words.

Only tables that ``tables.pipe_table_fits`` refuses, and single-cell frames, are
tested here: the others are already clean pipe tables and keep the output they had.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from clipper.htmltree import text_of
from clipper.markdown.tables import cell_span, table_cells

__all__ = ["Slot", "grid", "join_lines", "key_value", "table_kind", "text_grid"]

_SPACES = re.compile(r"\s+")
_NUMBER = re.compile(r"^[\W_]*[-+−]?[$€£¥]?\d[\d.,:/%\s'’-]*\w{0,3}[\W_]*$")
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_SHORT = 60
"""A data cell's text is a value or a label: a few words, a number, a name."""
_PROSE = 200
"""Text enough for a paragraph or two: below it, a row of cells is a banner or a label."""
_REPEAT = 40
"""A cell spanning rows is repeated in each row when it is this short (a label)."""
_END_PUNCT = (".", ":", ";", ",", "!", "?", "…")


def _text(el: etree._Element) -> str:
    return _SPACES.sub(" ", text_of(el)).strip()


def _filled(cell: etree._Element, text: str) -> bool:
    return bool(text) or any(True for _ in cell.iter("img"))


def _has_header(table: etree._Element, cells: list[list[etree._Element]]) -> bool:
    if len((table.get("summary") or "").split()) >= 4:  # "1", "body table": a layout's
        return True
    if any(c.tag in ("caption", "thead") and _text(c) for c in table):
        return True
    return any(c.tag == "th" and _text(c) for row in cells for c in row)


def key_value(cells: list[list[etree._Element]], texts: list[list[str]]) -> bool:
    """An infobox: most filled rows are a short key beside its value, the others one
    full-width cell (a title, an image, a section label)."""
    pairs = singles = 0
    for row, row_texts in zip(cells, texts, strict=True):
        filled = [(c, t) for c, t in zip(row, row_texts, strict=True) if _filled(c, t)]
        if len(filled) == 2 and len(filled[0][1]) <= _REPEAT and not _blocks_in(filled[0][0]):
            pairs += 1
        elif len(filled) == 1:
            singles += 1
        elif filled:
            return False
    return pairs >= 3 and pairs >= 2 * singles


def _blocks_in(cell: etree._Element) -> bool:
    return any(True for _ in cell.iter(*_HEADINGS, "table", "ul", "ol", "blockquote"))


def table_kind(table: etree._Element, cells: list[list[etree._Element]]) -> str:
    """"layout", "data" or "html" for a table a pipe table cannot hold as it stands."""
    if _content_outside_cells(table):
        return "layout"  # misnested markup: what a browser shows beside the grid
    texts = [[_text(c) for c in row] for row in cells]
    if _rows_of_posts(cells, texts):
        return "layout"  # posts or letters, even under a header row
    if key_value(cells, texts):
        return "html" if _grid_or_code(cells) else "data"
    layout = _layout(table, cells, texts)
    if layout is None:
        return "html"
    if not layout and _grid_or_code(cells):
        return "html"
    return "layout" if layout else "data"


def _rows_of_posts(cells: list[list[etree._Element]], texts: list[list[str]]) -> bool:
    """Rows holding a quotation or paragraphs of prose: the rows of posts of a thread
    (one row of prose columns is not read so: see the module's note)."""
    rows = sum(any(_prose_blocks(c, t) for c, t in zip(row, tr, strict=True))
               for row, tr in zip(cells, texts, strict=True))
    return rows >= 2 or (rows == 1 and len(cells) >= 2 and any(
        len(t) > _SHORT and any(True for _ in c.iter("blockquote"))
        for row, tr in zip(cells, texts, strict=True) for c, t in zip(row, tr, strict=True)))


def _prose_blocks(cell: etree._Element, text: str) -> bool:
    """A cell holding what a line of a pipe table cannot: a quotation, or paragraphs of
    prose (a forum post, a letter); a few short blocks (a setting's notes) are a value."""
    if len(text) > _SHORT and any(True for _ in cell.iter("blockquote")):
        return True  # (a blockquote around a price or a label only indents it)
    if len(text) < _PROSE:
        return False
    blocks = sum(1 for el in cell.iter("p", "ul", "ol", "pre", "div")
                 if el is not cell and _text(el))
    return blocks >= 2


def _content_outside_cells(el: etree._Element) -> bool:
    """Text, images or blocks a page put in a table outside its cells (misnested markup
    a browser shows beside the grid)."""
    if (el.text or "").strip():
        return True
    for child in el:
        tag = child.tag
        if (child.tail or "").strip():
            return True
        if not isinstance(tag, str) or tag in ("td", "th", "caption", "colgroup", "col"):
            continue
        if tag in ("thead", "tbody", "tfoot", "tr"):
            if _content_outside_cells(child):
                return True
        elif _text(child) or any(True for _ in child.iter("img")):
            return True
    return False


def _layout(table: etree._Element, cells: list[list[etree._Element]],
            texts: list[list[str]]) -> bool | None:
    """True for a layout table, False for data, None for one row of blocks side by side."""
    nested = any(True for row in cells for c in row for _ in c.iter("table"))
    header = _has_header(table, cells)
    if nested and not header:
        return True
    filled = [[i for i, (c, t) in enumerate(zip(row, tr, strict=True)) if _filled(c, t)]
              for row, tr in zip(cells, texts, strict=True)]
    filled = [f for f in filled if f]
    lengths = sorted((len(t) for tr in texts for t in tr if t), reverse=True)
    if all(len(f) <= 1 for f in filled):
        # one column of blocks; of short lines in one column, a list of entries
        return (len({f[0] for f in filled}) > 1 or len(lengths) < 3
                or any(n > _SHORT for n in lengths))
    total = sum(lengths)
    if len(filled) == 1:  # one row: a banner, a picture beside its text, or columns
        if header:
            return False
        return True if total < _PROSE or len(lengths) <= 1 else None
    if header:
        return False
    if any(True for row in cells[1:] for c in row for _ in c.iter(*_HEADINGS)):
        return True  # headings inside: sections of a page (in the first row, a title)
    if total >= _PROSE and sum(lengths[:2]) >= 0.7 * total:
        return True  # few cells hold most of the text
    short = sum(len(t) <= _SHORT or bool(_NUMBER.match(t)) for tr in texts for t in tr if t)
    return short < 0.7 * len(lengths)


def _grid_or_code(cells: list[list[etree._Element]]) -> bool:
    """A data table holding a code block (its lines cannot be joined on one line) or a
    table of its own (a grid in a cell) stays HTML: Markdown cannot say either. A table
    of one row in a cell (a bar picture beside its figure) is only a line: joined."""
    for row in cells:
        for c in row:
            if any(len(table_cells(t)) > 1 for t in c.iter("table")):
                return True
            if any("\n" in text_of(pre).strip() for pre in c.iter("pre")):
                return True
    return False


Slot = tuple[etree._Element, str]
"""A grid position: its cell and how it is shown there: "first" (the cell's own row
and column), "span" (a further column it spans: blank), "below" (a further row)."""


def grid(cells: list[list[etree._Element]]) -> list[list[Slot | None]]:
    """Rows of slots, cells spanning rows placed in each of the rows they cover."""
    out: list[list[Slot | None]] = []
    pending: dict[int, tuple[etree._Element, int, bool]] = {}  # column -> cell, rows left
    for row in cells:
        line: list[Slot | None] = []
        for cell in _with_pending(row, pending, line):
            col = len(line)
            span = min(cell_span(cell, "colspan"), 50)
            down = min(cell_span(cell, "rowspan"), len(cells))
            for i in range(span):
                line.append((cell, "first" if i == 0 else "span"))
                if down > 1:
                    pending[col + i] = (cell, down - 1, i == 0)
        _fill_pending(pending, line)
        while pending and max(pending) >= len(line):  # spans past this row's last cell
            if len(line) not in pending:
                line.append(None)
            _fill_pending(pending, line)
        out.append(line)
    return out


def _with_pending(row: list[etree._Element], pending: dict[int, tuple[etree._Element, int, bool]],
                  line: list[Slot | None]) -> Iterator[etree._Element]:
    for cell in row:
        _fill_pending(pending, line)
        yield cell


def _fill_pending(pending: dict[int, tuple[etree._Element, int, bool]],
                  line: list[Slot | None]) -> None:
    while len(line) in pending:
        col = len(line)
        cell, left, first = pending[col]
        line.append((cell, "below" if first else "span"))
        if left > 1:
            pending[col] = (cell, left - 1, first)
        else:
            del pending[col]


def text_grid(cells: list[list[etree._Element]], texts: dict[etree._Element, str],
              keep_blank_rows: bool = True) -> list[list[str]]:
    """The table's text, row by row. A cell spanning rows is repeated in each when it is
    a short label (each row then reads on its own, as in a spreadsheet), left blank below
    its first row when longer (repeating a paragraph would only bloat the clip). Without
    ``keep_blank_rows``, rows holding no cell of their own (spacers) are dropped."""
    out: list[list[str]] = []
    for line in grid(cells):
        row = [texts[slot[0]] if slot and (slot[1] == "first" or (
            slot[1] == "below" and len(texts[slot[0]]) <= _REPEAT)) else "" for slot in line]
        if keep_blank_rows or not out or any(
                slot and slot[1] == "first" and texts[slot[0]] for slot in line):
            out.append(row)
    return out


def join_lines(text: str) -> str:
    """A cell's lines (blocks, list items, line breaks) on one line: "; " between them,
    a space after a line that already ends in punctuation."""
    out = ""
    for line in (ln.strip() for ln in text.split("\n")):
        line = line.removeprefix("• ").strip()
        if not line:
            continue
        if out:
            out += " " if out.endswith(_END_PUNCT) else "; "
        out += line
    return out

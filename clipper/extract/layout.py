"""Layout tables: the page's frame is a table, and the article is one of its cells.

On pages laid out with tables, Readability's scores often end on a row or a table: the
row holds the article's cell beside the menu and the sidebar cells, and their paragraphs
lift it, or several close rivals share it as their ancestor. A table, body or row one of
whose cells holds ``CELL_SHARE`` of its text is a frame around that cell, and the cell is
the article (its sibling cells still join it when they score like article text). A cell
alone in its row is a band of the page (a site's header, content and footer rows), whose
frame stays: what the row holds is not one column beside others.

A data table whose own rows win (a long price list or timetable whose cells hold commas)
is the article's content as a whole: ``whole_table`` climbs from its body or row to the
table, and the table keeps its tag when the sibling step renames what it joins to divs
(``keeps_grid``).
"""

from __future__ import annotations

from lxml.html import HtmlElement

from clipper.extract.prune import is_data_table
from clipper.extract.text import text_length

__all__ = ["CELL_SHARE", "into_cell", "keeps_grid", "whole_table"]

CELL_SHARE = 0.6
"""A cell holding this share of its table's text is the table's content."""
_FRAMES = frozenset(("table", "tbody", "tr"))


def into_cell(best: HtmlElement, scores: dict[HtmlElement, float]) -> HtmlElement:
    """The cell of the table ``best`` that holds most of its text beside other cells of its
    row, if one does (the best-scored of those, which is the deepest that still holds the
    article's paragraphs); else ``best``."""
    if best.tag not in _FRAMES:
        return best
    least = CELL_SHARE * text_length(best)
    cells = [td for td in best.iter("td") if td in scores and len(td.getparent()) > 1
             and text_length(td) >= least]
    if not cells:
        return best
    return max(cells, key=lambda td: scores[td])


def whole_table(best: HtmlElement) -> HtmlElement:
    """The data table ``best`` (a row group or a row) is part of, else ``best``: a clip of
    a table's body alone loses its header row, and as a renamed div, its grid."""
    table = best
    while table is not None and table.tag in ("tbody", "thead", "tfoot", "tr"):
        table = table.getparent()
    if table is not best and table is not None and table.tag == "table" \
            and is_data_table(table):
        return table
    return best


def keeps_grid(el: HtmlElement) -> bool:
    """A data table that is the article's top candidate stays a table (not renamed to a div
    by the sibling step)."""
    return el.tag == "table" and is_data_table(el)

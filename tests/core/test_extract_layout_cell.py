"""A page laid out with one table: the article is its main cell, not the row or the table.

Readability's climb from the best container ends on a row or the whole table when the
cells around the article (a menu, a column of links, the comments under it) lift their
common ancestors; the clip then holds the menu and raw table markup. A table, body or row
one of whose cells holds most of its text is a frame around that cell. A page written
for the purpose: a local paper's story in the middle cell of its layout table.
"""

from __future__ import annotations

import lxml.html

from clipper.extract.layout import CELL_SHARE, into_cell
from clipper.extract.text import text_length

STORY = [
    "The harbour board voted on Tuesday night to rebuild the north pier, which has been "
    "closed to boats since the storm in February, at a cost of two million pounds.",
    "Work will start in the spring, once the fishing season ends, and the contractor expects "
    "it to take eight months, with the pier reopening to the ferry next summer.",
    "Fishermen, who have had to land their catch at the south slip, welcomed the vote, though "
    "several asked why it had taken nine months to reach a decision.",
]

MENU = " | ".join(f'<a href="/{w.lower()}/">{w}</a>' for w in (
    "News", "Sport", "Weather", "Letters", "Photos", "Contact"))

PAGE = f"""<table width="780"><tr><td colspan="2">{MENU}</td></tr>
<tr><td width="160">{MENU}</td><td width="620" id="story"><h2>Pier to be rebuilt</h2>
{"".join(f"<p>{p}</p>" for p in STORY)}</td></tr>
<tr><td colspan="2">Copyright The Harbour Gazette 2007</td></tr></table>"""


def _scores(table: lxml.html.HtmlElement) -> dict[lxml.html.HtmlElement, float]:
    story = table.get_element_by_id("story")
    row = story.getparent()
    return {table: 30.0, row: 28.0, story: 25.0}


def test_the_main_cell_of_a_layout_table_is_the_article() -> None:
    table = lxml.html.fromstring(PAGE)
    story = table.get_element_by_id("story")
    assert text_length(story) >= CELL_SHARE * text_length(table)
    assert into_cell(table, _scores(table)) is story
    assert into_cell(story.getparent(), _scores(table)) is story


def test_a_table_whose_cells_share_the_text_stays_whole() -> None:
    cells = "".join(f"<td>{p}</td>" for p in STORY)
    table = lxml.html.fromstring(f"<table><tr>{cells}</tr></table>")
    scores = {td: 10.0 for td in table.iter("td")}
    assert into_cell(table, scores) is table
    div = lxml.html.fromstring(f"<div><p>{STORY[0]}</p></div>")
    assert into_cell(div, {div: 5.0}) is div  # not a table: as it is


def test_a_cell_alone_in_its_row_is_a_band_and_the_frame_stays() -> None:
    """Header, content and footer stacked as rows of one cell each (a forum's or a news
    aggregator's frame): the content row's cell is no column beside others."""
    story = "".join(f"<p>{p}</p>" for p in STORY)
    table = lxml.html.fromstring(
        f"<table><tr><td>{MENU}</td></tr><tr><td id='story'>{story}</td></tr>"
        "<tr><td>Copyright The Harbour Gazette 2007</td></tr></table>")
    cell = table.get_element_by_id("story")
    assert text_length(cell) >= CELL_SHARE * text_length(table)
    assert into_cell(table, {table: 30.0, cell: 25.0}) is table

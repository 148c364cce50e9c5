"""A long data table that outweighs the paragraphs around it stays a table in the clip.

The table itself is then the best candidate; Readability's sibling step renames every
joined sibling that is no div, article, section, p or list to a ``<div>``, which turned
such a table (cells with commas: addresses, amounts) into one paragraph per cell."""

from __future__ import annotations

import pytest

from clipper.extract import extract


def _page(rows: int, groups: bool) -> str:
    body = "".join(
        f"<tr><td>Line {i}</td><td>Stop {i}, Market Street at Fifth Avenue</td>"
        f"<td>{5 + i % 7}:{i % 60:02d}</td><td>€{2 + i % 3}.40</td></tr>" for i in range(rows))
    head = "<tr><th>Line</th><th>First stop</th><th>First departure</th><th>Fare</th></tr>"
    head, end = (f"<thead>{head}</thead><tbody>", "</tbody>") if groups else (head, "")
    return f"""<html><head><title>Bus fares and first departures</title></head><body>
<header><nav><a href="/">Home</a> <a href="/fares">Fares</a> <a href="/maps">Maps</a></nav></header>
<main><article><h1>Bus fares and first departures</h1>
<p>Every line in the city network with its first stop, the first departure on weekdays
and the single fare. Fares changed on 1 March.</p>
<table>{head}{body}{end}</table>
<p>Children under six travel free.</p></article></main>
<footer><p>City Transport Authority</p></footer></body></html>"""


@pytest.mark.parametrize("groups", [True, False], ids=["tbody", "rows-in-table"])
def test_long_data_table_is_a_pipe_table(groups: bool) -> None:
    md = extract(_page(120, groups), url="https://transit.example/fares").markdown
    lines = md.splitlines()
    assert "| Line | First stop | First departure | Fare |" in lines
    assert "| Line 7 | Stop 7, Market Street at Fifth Avenue | 5:07 | €3.40 |" in lines
    table = [ln for ln in lines if ln.startswith("|")]
    assert len(table) == 122  # header, delimiter and every row
    assert "Line 7" not in lines  # no cell left as a paragraph of its own
    assert "Every line in the city network" in md
    assert "Children under six travel free." in md

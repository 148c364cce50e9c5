"""Review RV8 of branch c1-cedev: guards that pass on main (0ead52c) and fail on c1-cedev.

- 1dc2802 reads any table with a child outside its rows (a footnote paragraph, a 1-pixel
  spacer, a stray ``<sup>``) as a layout box: a real data table loses its grid.
- 79839ea counts every typed field on its parent: a fill-in-the-blanks exercise, whose
  fields sit inside its sentences, has more fields than a third of its paragraphs and goes.
- f8de91b keeps a block holding only a heading before any block with text: a widget's title
  over a list of links (dropped by a later step) is left alone at the end of the clip.
"""

from __future__ import annotations

from helpers.markdown import md

from clipper.extract import extract

_HEAD = "<tr><th>Camera</th><th>Sensor</th><th>Price</th></tr>"
_ROWS = ("<tr><td>Nikon Z6 III</td><td>24.5 MP</td><td>$2,499</td></tr>"
         "<tr><td>Canon R6 II</td><td>24.2 MP</td><td>$2,299</td></tr>"
         "<tr><td>Sony A7 IV</td><td>33 MP</td><td>$2,498</td></tr>")
_GRID = "| Nikon Z6 III | 24.5 MP | $2,499 |"


def test_a_footnote_inside_a_data_table_keeps_the_grid() -> None:
    """A comparison table whose footnote paragraph the page set inside ``<table>``."""
    out = md(f"<table>{_HEAD}{_ROWS}<p>* List prices at launch, in US dollars.</p></table>")
    assert "| Camera | Sensor | Price |" in out
    assert _GRID in out


def test_a_spacer_or_a_stray_mark_inside_a_table_keeps_the_grid() -> None:
    for stray in ('<img src="/spacer.gif" width="1" height="1">', "<sup>1</sup>",
                  '<a href="/cameras">See all cameras</a>'):
        out = md(f"<table>{_HEAD}{_ROWS}{stray}</table>")
        assert _GRID in out, stray


def test_an_infobox_with_a_note_inside_keeps_the_grid() -> None:
    out = md('<table class="infobox"><tr><th>Born</th><td>12 May 1820</td></tr>'
             "<tr><th>Died</th><td>13 August 1910</td></tr>"
             "<div>Dates in the Gregorian calendar.</div></table>")
    assert "| Born | 12 May 1820 |" in out


_CLOZE = """<html><head><title>Present simple: fill in the blanks</title></head><body>
<div id="nav"><a href="/">Home</a> <a href="/grammar">Grammar</a></div>
<div id="main">
<h1>Present simple: fill in the blanks</h1>
<p>We use the present simple for habits and for things that are always true. Put the verb
in brackets in the right form.</p>
<div class="exercise">
<p>1. She <input type="text" name="a1" size="8"> (walk) to school every day.</p>
<p>2. Water <input type="text" name="a2" size="8"> (boil) at one hundred degrees.</p>
<p>3. My parents <input type="text" name="a3" size="8"> (live) near the sea.</p>
<p>4. He never <input type="text" name="a4" size="8"> (drink) coffee in the evening.</p>
<p>5. The shop <input type="text" name="a5" size="8"> (open) at nine o'clock.</p>
<p>6. We <input type="text" name="a6" size="8"> (play) football on Sundays.</p>
</div>
<p>Remember the -s ending for he, she and it: she walks, water boils, the shop opens.</p>
</div>
<div id="foot"><p>English Grammar Online</p></div></body></html>"""


def test_fields_inside_sentences_are_the_exercise() -> None:
    out = extract(_CLOZE, url="https://grammar.example/present-simple").markdown
    assert "to school every day" in out
    assert "(play) football on Sundays" in out


_STORY = """<p>The new library in the old corn exchange opened its doors on Saturday, and by
noon more than two thousand people had walked through the reading rooms, the children's floor
and the roof garden that looks over the market square.</p>
<p>The building stood empty for eleven years before the council bought it. The architects
kept the iron columns and the glass roof of the trading hall, and set the shelves between them
so that the light falls on the tables rather than on the books.</p>
<p>The mayor said the library cost less than a new building would have, and that the town
had kept a piece of its history at the same time. Membership is free for everyone who lives or
works in the district.</p>"""


def test_a_widget_title_over_a_list_of_links_goes() -> None:
    page = f"""<html><head><title>The corn exchange becomes a library</title></head><body>
<div id="nav"><a href="/">Home</a> <a href="/news">News</a></div>
<div id="main"><h1>The corn exchange becomes a library</h1>{_STORY}
<div class="box-head"><a name="popular"></a><h3>Popular this week</h3></div>
<ul><li><a href="/n/1">Bridge vote delayed again</a></li>
<li><a href="/n/2">Market moves to Sundays</a></li>
<li><a href="/n/3">New bus timetable</a></li></ul></div>
<div id="foot"><p>Town Gazette 2026</p></div></body></html>"""
    out = extract(page, url="https://gazette.example/news/library").markdown
    assert "Membership is free" in out
    assert "Popular this week" not in out

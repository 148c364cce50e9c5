"""A search form inside the article's container goes, as Readability's cleaning drops it.

Readability removes a block with more input fields than a third of its paragraphs. The
fields are stripped with the page's junk tags before the article is chosen, so their count
is kept on their parents: without it a form set as labelled paragraphs ("Keywords:",
"Posted within:") stayed in the clip as a column of labels. Only fields a reader types into
count (checklists and CSS toggles keep their checkboxes and radio buttons:
test_extract_boilerplate)."""

from __future__ import annotations

from clipper.extract import extract

_PAGE = """<html><head><title>Library news: the reading room reopens</title></head><body>
<div id="top"><a href="/">Home</a> <a href="/news">News</a> <a href="/catalogue">Catalogue</a></div>
<div id="main">
<h1>The reading room reopens after two years of repairs</h1>
<p>The central reading room of the city library opens again on Monday, after two years in
which the roof, the windows and the heating were replaced, and the old oak tables restored.</p>
<p>Readers will find the reference collection back on its shelves, with the newspapers of the
last fifty years on microfilm, and a new row of desks with power for laptops along the windows.</p>
<p>The work took longer than planned. When the builders opened the roof they found the beams
of the north wing eaten through, and the council had to find the money for new ones before
anything else could go on; the windows waited a whole winter under plastic sheets.</p>
<p>The restorers kept what they could of the old room: the gallery rails, the brass lamps on
the long tables and the clock over the door, which had stopped in 1953 and now runs again,
wound by hand every Monday morning by the same caretaker who has looked after it for years.</p>
<form action="/catalogue/search" method="get">
<p><label for="kw">Search the catalogue by keywords:</label> <input id="kw" name="kw"></p>
<p><label for="au">Author or editor of the book:</label> <input id="au" name="au" type="text"></p>
<p><label for="yr">Year it was published in:</label> <input id="yr" name="yr" type="text"></p>
<p><label for="sh">Shelf mark, where you know it:</label> <input id="sh" name="sh" type="text"></p>
<p><input type="submit" value="Search"></p>
</form>
<p>Opening hours stay as they were before the repairs: from nine in the morning to eight in
the evening on weekdays, and until four on Saturdays. Bags go in the lockers by the door.</p>
<p>The library thanks its readers for their patience, and the city council for paying, with
the help of the state, for the work that kept the building standing for another century.</p>
</div>
<div id="foot"><p>City Library, 1 Market Square</p></div>
</body></html>"""


def test_search_form_in_the_article_goes() -> None:
    md = extract(_PAGE, url="https://library.example/news/reading-room").markdown
    assert "The central reading room of the city library opens again" in md
    assert "Opening hours stay as they were" in md
    assert "the work that kept the building standing" in md
    assert "Search the catalogue by keywords" not in md
    assert "Shelf mark" not in md


def test_hidden_fields_are_not_counted() -> None:
    """A form's hidden inputs are no fields a reader types into: a block of the article
    that carries a few of them (a page whose parts each post a form) stays."""
    page = _PAGE.replace("<p>Opening hours", '<div><input type="hidden" name="a" value="1">'
                         '<input type="hidden" name="b" value="2"><p>Opening hours')
    page = page.replace("another century.</p>", "another century.</p></div>")
    md = extract(page, url="https://library.example/news/reading-room").markdown
    assert "Opening hours stay as they were" in md
    assert "the work that kept the building standing" in md


def test_a_field_inside_a_sentence_is_not_counted() -> None:
    """A fill-in exercise: words before and after each field, which is a blank of the
    sentence, not a form's field (test_review_rv8 has the whole page)."""
    rows = "".join(f'<p>{n}. She <input type="text" name="a{n}"> (walk) to school every day.</p>'
                   for n in range(1, 7))
    page = _PAGE.replace("<form action", f'<div class="exercise">{rows}</div><form action')
    md = extract(page, url="https://library.example/news/reading-room").markdown
    assert "6\\. She (walk) to school every day." in md

"""A column in its ``<article>`` with its numbered notes in a section right after it.

Some templates close the ``<article>`` after the body and print the post's notes (sources,
each a linked title) below it, in the same wrapper as the share links. The notes are part of
what the writer published: the footnote marks in the text point at them. Text outside the
article that sits mostly in links is not always furniture, so the wrapper (article, notes)
is kept. Review guard for branch d5-webdev (36a065b, "lone article"), which takes the
article alone and drops the notes. A page written for the purpose.
"""

from __future__ import annotations

from clipper.extract import extract


def _mark(n: int) -> str:
    """A footnote mark, linked to its note below the article."""
    return f'<sup id="r{n}"><a href="#fn{n}">{n}</a></sup>'


BODY = [
    "The column this week is about the library on Elm Street, which the council wants to "
    "close, and about the readers who have used it, some of them, for fifty years or more.",
    "I went there on Saturday, as I have done most Saturdays since I was a child, and found "
    "the reading room full, the queue at the desk long, and the staff as patient as ever.",
    "The council says the building costs too much to heat, that fewer people borrow books, "
    "and that the money would do more good in the new centre on the other side of town.",
    "Those are fair points, but they miss what the library is for: it is the one warm room in "
    "the district where nobody asks you to buy anything, and that is worth paying for.",
    "If the council closes it, it should at least say so plainly, and not pretend that a room "
    "of computers in a shopping centre two bus rides away is the same thing at all.",
]

NOTES = [
    ("Gazette Borough Council", "Elm Street Library annual report 2023"),
    ("J. Smith and A. Brown, Journal of Urban Studies 41", "Public libraries and isolation"),
    ("Freedom of information reply 2024-117", "Heating costs of council buildings"),
    ("Department for Culture", "Library use in England 2010-2023"),
]


def _notes() -> str:
    items = "".join(
        f'<li id="fn{n}">{who}, <a href="https://data.example.org/r{n}">{title}</a>. '
        f'<a href="#r{n}">↩</a></li>'
        for n, (who, title) in enumerate(NOTES, 1)
    )
    return f'<section class="references"><h2>Notes</h2><ol>{items}</ol></section>'


PAGE = f"""<html><head><title>Keep the Elm Street library</title></head><body>
<header><ul class="nav"><li><a href="/news">News</a></li><li><a href="/opinion">Opinion</a></li>
<li><a href="/sport">Sport</a></li></ul></header>
<div id="content" class="site-content">
<article><h1>Keep the Elm Street library</h1><p class="byline">By Ann Writer</p>
{"".join(f"<p>{p}{_mark(n)}</p>" for n, p in enumerate(BODY[:4], 1))}
<p>{BODY[4]}</p></article>
{_notes()}
<div class="share"><a href="/s/tw">Share on X</a> <a href="/s/fb">Share on Facebook</a></div>
</div><footer><p>Copyright 2024 The Gazette</p></footer></body></html>"""


def test_the_notes_after_the_article_stay_with_it() -> None:
    markdown = extract(PAGE, "https://gazette.example.com/opinion/2024/elm-street").markdown
    for paragraph in BODY:
        assert paragraph[:60] in markdown
    for _, title in NOTES:
        assert title in markdown

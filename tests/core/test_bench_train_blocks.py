"""``python -m bench.train_blocks`` gathers its rows by standing in for the learned edge trim;
when ``trim_learned`` grew a parameter the stand-in broke and the model could not be rebuilt
(found a session later). Gathering rows needs no scikit-learn, so it is tested here."""

from __future__ import annotations

from bench.extraction.pagesets import Page
from bench.train_blocks import collect

PARAGRAPHS = [
    "The harbour library opened its new reading room on Monday, and the town's readers came "
    "early to see the long oak tables, the green lamps and the view over the water. Many of "
    "them stayed until the evening, talking about the books they had found on the shelves.",
    "It took the builders two winters to turn the old net loft into a room where people can "
    "sit and read, because the roof had to be lifted and every beam was checked by hand, "
    "one after the other, by the two carpenters who still work in the town.",
    "The librarian, who has worked in the building for almost thirty years, said that she had "
    "never seen so many children in the library on a school day before, and that some of "
    "them had asked whether they could come back with their grandparents.",
    "Most of the money came from the town council, but a third of it was raised by the "
    "readers themselves with book sales, a summer fair and a long swim across the bay that "
    "half of the town watched from the harbour wall.",
]


def page() -> Page:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = ("<html><head><title>Reading room opens</title></head><body>"
            "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
            f"<main><article><h1>Reading room opens</h1>{body}"
            "<p>Share this: <a href='https://x.example/s'>Post</a></p></article></main>"
            "<footer>© 2026 Harbour Post</footer></body></html>")
    return Page(id="room", html=html, url="https://harbour.example/news/room",
                reference="\n".join(PARAGRAPHS), part="tune")


def test_rows_are_gathered_from_a_tuning_page() -> None:
    rows = collect([page()], "test")
    assert rows, "the stand-in for trim_learned saw no blocks"
    assert {row["label"] for row in rows} == {1}
    assert all(row["features"] for row in rows)


def test_checking_pages_are_never_read() -> None:
    checking = page()
    checking.part = "check"
    assert collect([checking], "test") == []

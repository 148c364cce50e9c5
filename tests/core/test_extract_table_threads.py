"""A forum thread laid out as one table (phpBB 2, vBulletin 3, self-made boards) is
clipped like any thread: every post in order, the first included, each led by its
author and date; the opener is the byline. A table whose cells hold quotes or
paragraphs of prose is layout, not a pipe table, even under a header row; a data table
with a header row stays a pipe table."""

from __future__ import annotations

import re

from helpers.markdown import md

from clipper.extract import extract
from tests.helpers import table_thread_pages as pages


def _lines(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if re.match(r"^\*\*[^*]+\*\* · ", line)]


def _flat(markdown: str) -> str:
    return " ".join(markdown.split())


def test_a_phpbb2_table_thread_keeps_every_post_in_order_with_its_author_line() -> None:
    a = extract(pages.phpbb2_thread(), "https://ponds.example/viewtopic.php?t=88")
    assert _lines(a.markdown) == [
        "**marsh_tit** · Mar 02, 2004 9:15 am", "**reedbed** · Mar 02, 2004 11:40 am",
        "**marsh_tit** · Mar 03, 2004 8:03 am", "**heron_watch** · Mar 04, 2004 6:52 pm"]
    flat = _flat(a.markdown)
    starts = [flat.find(body.split(">", 1)[1][:40]) for *_, body in pages.POSTS[:2]]
    assert -1 not in starts
    assert starts == sorted(starts)
    assert flat.index("That did it") < flat.index("Glad it worked")
    assert a.byline == "marsh_tit"
    assert "|" not in a.markdown
    for furniture in ("Joined:", "Posts:", "Back to top", "Post subject", "Powered by phpBB",
                      "View next topic", "Memberlist", "Author"):
        assert furniture not in a.markdown


def test_a_quote_inside_a_table_post_stays_a_quote() -> None:
    a = extract(pages.phpbb2_thread(), "https://ponds.example/viewtopic.php?t=88")
    quoted = [line for line in a.markdown.splitlines() if line.startswith("> ")]
    assert len(quoted) == 2  # the attribution on its own line, then the quoted words
    assert quoted[0] == "> *reedbed wrote:*"
    assert "let the weight of the water pull" in quoted[1]
    assert "> That did it" not in a.markdown


def test_a_table_of_posts_under_a_header_row_is_written_as_its_blocks() -> None:
    """The Markdown writer alone: an "Author | Message" table whose message cells hold
    paragraphs and a quote becomes the cells' blocks, the quote still quoted."""
    html = "<table><tr><th>Author</th><th>Message</th></tr>" + "".join(
        f"<tr><td><b>{who}</b><br>Posts: 12</td><td>{body}</td></tr>"
        for who, _when, _details, body in pages.POSTS) + "</table>"
    out = md(html)
    assert "|" not in out
    assert "<table" not in out
    assert "\n> *reedbed wrote:*\n>\n> Fill the pond" in out  # the attribution: its own line
    assert out.index("I laid a 6 by 4") < out.index("Never cut") < out.index("Glad it worked")
    assert "\n\nShould I cut the folds away" in out  # its own paragraph


def test_a_data_table_with_a_header_row_stays_a_pipe_table() -> None:
    html = """<table><tr><th>Liner</th><th>Thickness</th><th>Notes</th></tr>
    <tr><td>EPDM</td><td>1.0 mm</td><td><p>Flexible in frost.</p><p>Folds well.</p></td></tr>
    <tr><td>PVC</td><td>0.5 mm</td><td><ul><li>Cheap</li><li>Stiff when cold</li></ul></td></tr>
    <tr><td>Butyl</td><td>0.75 mm</td><td>Lasts longest.</td></tr></table>"""
    assert md(html).splitlines() == [
        "| Liner | Thickness | Notes |",
        "| --- | --- | --- |",
        "| EPDM | 1.0 mm | Flexible in frost. Folds well. |",
        "| PVC | 0.5 mm | Cheap; Stiff when cold |",
        "| Butyl | 0.75 mm | Lasts longest. |",
    ]


def test_a_vbulletin3_thread_of_one_table_per_post_keeps_every_post() -> None:
    """A table per post, its date in a bar above the author's cell and the message."""
    a = extract(pages.vbulletin3_thread(), "https://pondkeepers.example/showthread.php?t=322")
    assert _lines(a.markdown) == [
        "**corncrake** · 03-02-2004, 09:15 AM", "**dabchick** · 03-02-2004, 01:40 PM",
        "**corncrake** · 03-03-2004, 08:20 AM"]
    flat = _flat(a.markdown)
    assert flat.index("My new pump hums") < flat.index("closed-cell foam") < flat.index(
        "The foam worked")
    assert a.byline == "corncrake"
    for furniture in ("Join Date", "Junior Member", "Similar Threads", "Powered by vBulletin",
                      "User CP", "#2"):
        assert furniture not in a.markdown

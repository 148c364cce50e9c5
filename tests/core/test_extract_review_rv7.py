"""Guards from the review of branch s7-speed (speed commits meant to change no output).

The shortcuts skip work when a page seems not to need it: the footnote targets when no
link's address holds a "#", the case-blind trackback search when a block has no "track",
an embed's kind until the clip's lines are known. Each test is a page a person would clip
where the skipped work does matter; each passes on main. Small pages written for the purpose.
"""

from __future__ import annotations

import threading

from clipper.extract import extract
from tests.core.test_extract_notes_after_article import BODY, NOTES
from tests.core.test_extract_post_meta import PAGE, PROSE

URL = "https://gazette.example/opinion/elm-street-library"


def column(page_address: str, extra: str = "") -> str:
    """The column with its notes in a ``display: none`` list that a script shows as pop-ups
    (footnote plugins do), the marks linking to ``page_address#fnN``; the menu's and share
    links are absolute, so no link on the page starts with "#"."""
    marks = "".join(f"<p>{p}<sup id='r{n}'><a href='{page_address}#fn{n}'>{n}</a></sup></p>"
                    for n, p in enumerate(BODY[:4], 1))
    notes = "".join(f"<li id='fn{n}'>{who}, <a href='https://data.example.org/r{n}'>{title}</a>."
                    "</li>" for n, (who, title) in enumerate(NOTES, 1))
    return f"""<html><head><title>Keep the Elm Street library</title></head><body>
<header><ul class="nav"><li><a href="https://gazette.example/news">News</a></li>
<li><a href="https://gazette.example/opinion">Opinion</a></li></ul></header>
<div id="content"><article><h1>Keep the Elm Street library</h1><p class="byline">By Ann Writer</p>
{marks}<p>{BODY[4]}</p>{extra}
<div class="footnotes" style="display:none"><ol>{notes}</ol></div></article>
<div class="share"><a href="https://gazette.example/s/tw">Share on X</a></div>
</div><footer><p>Copyright 2024 The Gazette</p></footer></body></html>"""


def _assert_notes_kept(md: str) -> None:
    assert "worth paying for.[^4]" in md
    for n, (who, _title) in enumerate(NOTES, 1):
        assert f"[^{n}]: {who}, [" in md


def test_hidden_notes_reached_by_the_pages_full_address_are_kept() -> None:
    """067bdd4/1d51334: a mark linking to the page's own full address with a fragment is a
    same-page link, so the page's ids must be gathered although no href starts with "#";
    else the hidden notes are not marked, go with the hidden blocks, and the marks stay links
    to the web."""
    _assert_notes_kept(extract(column(URL), URL).markdown)


def test_hidden_notes_reached_by_the_pages_file_name_are_kept() -> None:
    """The same with ``<a href="elm-street-library#fn1">`` (a relative link to the page)."""
    _assert_notes_kept(extract(column("elm-street-library"), URL).markdown)


def test_an_extraction_leaves_nothing_for_the_next() -> None:
    """Marks pointing at another page's notes are links, not footnotes, before and after an
    extraction of a page whose own notes have the same ids (no state is carried over)."""
    other = column("https://gazette.example/opinion/bus-station")
    first = extract(other, URL).markdown
    _assert_notes_kept(extract(column(URL), URL).markdown)
    again = extract(other, URL).markdown
    assert "[^" not in first
    assert "(https://gazette.example/opinion/bus-station#fn4)" in first
    assert again == first


def test_two_extractions_at_once_keep_their_own_notes_and_embeds() -> None:
    """The window extracts in background threads: two pages at once, one with footnotes and
    a video, one with neither, give what each gives alone."""
    video = "<iframe src='https://www.youtube.com/embed/lib2024' width='560'></iframe>"
    pages = [(column(URL, video), URL), (column("https://gazette.example/opinion/x"), URL)]
    alone = [extract(html, url) for html, url in pages]
    assert [n.kind for n in alone[0].notes] == ["video"]
    assert alone[1].notes == []
    results: list[list[tuple[str, list[str]]]] = [[], []]

    def run(i: int) -> None:
        for _ in range(8):
            article = extract(*pages[i])
            results[i].append((article.markdown, [n.text for n in article.notes]))

    threads = [threading.Thread(target=run, args=(i,)) for i in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for i in (0, 1):
        assert results[i] == [(alone[i].markdown, [n.text for n in alone[i].notes])] * 8


def post(meta: str) -> str:
    """test_extract_post_meta's short post with ``meta`` in place of its meta block."""
    page = PAGE.format(prose=PROSE)
    start = page.index('<p class="postmetadata">')
    return page[:start] + meta + page[page.index("</p>", start) + len("</p>"):]


def test_an_upper_case_trackback_label_ends_the_post() -> None:
    """f7456a8: themes write the label in capitals ("TRACKBACK URI", a "TRACKBACKS"
    heading); the substring test before the case-blind search must be case-blind too."""
    for meta in ("<p class='postmetadata'>Posted on April 9th, 2013 at 11:02 pm in Music, "
                 "Late. TRACKBACK URI: https://smallhours.example/?p=412&amp;tb=1</p>",
                 "<p class='postmetadata'>Posted on April 9th, 2013 at 11:02 pm in Music, "
                 "Late.</p><h3>TRACKBACKS</h3><p>No trackbacks yet for this post.</p>"):
        md = extract(post(meta), "https://smallhours.example/2013/04/night-train/"
                     ).markdown
        assert "Turn it up once the road is empty" in md
        assert "Posted on April 9th" not in md
        assert "RACKBACK" not in md


def test_an_embeds_kind_is_told_from_its_whole_address() -> None:
    """f7456a8: embeds are kept under their first 300 characters until the clip's lines are
    known; the kind must still come from the whole address (a player's long query ends with
    the ``.mp4`` it plays)."""
    query = "&".join(f"opt{i}=value{i}" for i in range(30))
    frame = (f"<iframe src='https://player.gazette.example/embed?{query}"
             "&file=https://media.gazette.example/2024/elm-street-reading-room.mp4' "
             "width='640'></iframe>")
    notes = {n.kind: n.text for n in extract(column(URL, frame), URL).notes}
    assert "embed" not in notes
    assert "(from player.gazette.example)" in notes["video"]

"""A short blog post's meta block (its comments link, comment feed, trackback, categories)
and the footer after it leave the clip; a link to a category in the writer's prose stays.

The post is too short for jusText to call any of it prose, and its tail is too large a share
of it for the trim after the last prose, so the block is known by where its links lead.
Small pages written for the purpose: a one-paragraph music blog post.
"""

from __future__ import annotations

from clipper.extract import extract

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Night Train | Small Hours</title></head>
<body><div id="wrap"><div id="head"><a href="/">Small Hours</a></div>
<div id="content"><div class="post">
<h2><a href="/2013/04/night-train/">Night Train</a></h2>
<p class="byline">April 9th, 2013 by <a href="/about/">Tom</a></p>
<div class="entry">
<p>{prose}</p>
<p>Via a friend's mixtape.</p>
</div>
<p class="postmetadata">This entry was posted on Tuesday, April 9th, 2013 at 11:02 pm and
is filed under <a href="/category/music/">Music</a>, <a href="/category/late/">Late</a>.
You can follow any responses to this entry through the
<a href="/2013/04/night-train/feed/">RSS 2.0</a> feed. You can
<a href="#respond">leave a response</a>, or <a href="/2013/04/night-train/trackback/">trackback</a>
from your own site.</p>
</div></div>
<div id="foot"><p>(c) 2013 Small Hours | powered by <a href="https://wordpress.org/">WordPress</a></p></div>
</div></body></html>
"""

PROSE = ("A slow, humming song for the drive home by a band from Leeds, found on a friend's "
         "playlist last night. Turn it up once the road is empty.")


def test_a_short_posts_meta_block_leaves_the_clip() -> None:
    md = extract(PAGE.format(prose=PROSE), "https://smallhours.example/2013/04/night-train/").markdown
    assert "A slow, humming song" in md
    assert "Turn it up once the road is empty" in md
    assert "filed under" not in md
    assert "trackback" not in md
    assert "leave a response" not in md


def test_a_category_link_in_the_writers_prose_stays() -> None:
    prose = PROSE + (' More of these in <a href="/category/music/">the music pages</a>, '
                     "where every song of the year so far is waiting for you.")
    page = PAGE.format(prose=prose).replace('<p class="postmetadata">', '<p class="x">', 1)
    page = page.split('<p class="x">')[0] + "</div></div></div></body></html>"
    md = extract(page, "https://smallhours.example/2013/04/night-train/").markdown
    assert "where every song of the year so far is waiting" in md


def test_the_writers_last_sentence_naming_the_trackback_stays() -> None:
    """The word in a sentence is the writer's; only a template's label ("TrackBack URI",
    a "Trackbacks" heading) names the meta block (a sentence was cut with the footer)."""
    last = "So from today the trackback form is off here, and spam has nowhere to go."
    page = PAGE.format(prose=PROSE).replace("<p>Via a friend's mixtape.</p>", f"<p>{last}</p>")
    md = extract(page, "https://smallhours.example/2013/04/night-train/").markdown
    assert last in md
    assert "filed under" not in md

"""A post of a few lines found under the strict rules stays when a looser retry finds
another block: a comment further down, or a profile box above it scarcely longer.

Below 500 characters the selection is retried with Readability's switches off. A post
of 100 to 250 characters is a short article too (a photo blog's caption, a link post),
and a different block only a little longer than it, found once class names no longer
count, is no better evidence than the names were. Small pages written for the purpose.
"""

from __future__ import annotations

from clipper.extract import extract

POST = ("Found this on a walk by the canal this morning: a heron standing on one leg on the "
        "lock gate, quite still, while the boats went through below it.")

COMMENT = ("Herons are remarkable birds, and the ones on our stretch of the river have become "
           "so used to people that they will stand a few feet from the towpath, watching the "
           "water, while dogs and bicycles go past. I once watched one swallow an eel almost "
           "as long as itself, which took a good ten minutes of struggling, and it then stood "
           "there for another half an hour as if nothing had happened. Lovely picture, thanks "
           "for sharing it with us all.")

COMMENT2 = ("The lock keepers used to feed them scraps from the cafe, which is why they are "
            "so tame along there, though I think that stopped a few years ago when the cafe "
            "changed hands and the new owners put up signs asking people not to feed the "
            "birds at all.")

COMMENT3 = ("If you go back at dusk you may see two of them, as there is a pair nesting in "
            "the tall poplars behind the boatyard, and they fly over the water together, "
            "calling, just before it gets dark.")

COMMENT_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Heron on the lock | Towpath notes</title>
</head><body><div id="wrap">
<div id="header"><a href="/">Towpath notes</a></div>
<div id="main">
<div class="post hentry"><h2 class="post-title">Heron on the lock</h2>
<div class="post-body entry-content"><p>{post}</p></div>
<div class="post-footer">Posted by Ann at 08:12</div></div>
<div id="comments" class="comments"><h4>1 comment:</h4>
<dl class="comment-list"><dt class="comment-author">Joe said...</dt>
<dd class="comment-body"><div class="format_text"><p>{comment}</p><p>{comment2}</p>
<p>{comment3}</p></div></dd></dl>
</div></div>
<div id="footer"><p>Towpath notes, a diary of the canal.</p></div>
</div></body></html>
"""

PROFILE = ("Ann Whitley. I walk the canal most mornings and photograph what I find there: "
           "herons, boats, locks, and the odd kingfisher if I am lucky. Prints of the best are for "
           "sale at the boatyard cafe.")

URL = "https://towpath.example/2024/07/heron"


def _words(text: str) -> str:
    return " ".join(text.split())


def test_a_post_of_two_lines_is_kept_over_the_comment_below_it() -> None:
    markdown = _words(extract(COMMENT_PAGE.format(
        post=POST, comment=COMMENT, comment2=COMMENT2, comment3=COMMENT3), URL).markdown)
    assert POST in markdown, markdown
    assert "swallow an eel" not in markdown


def test_a_profile_box_above_the_post_and_scarcely_longer_does_not_replace_it() -> None:
    import lxml.html

    from clipper.extract.attempts import kept_attempt

    post = lxml.html.fromstring(f"<div><p>{POST}</p></div>")
    box = lxml.html.fromstring(f"<div><p>{PROFILE}</p></div>")
    page = lxml.html.fromstring(f"<div><p>{PROFILE}</p><p>{POST}</p></div>")
    assert len(POST) < len(PROFILE) < 2 * len(POST)
    attempts = [(len(POST), 0, post), (len(PROFILE), -1, box)]
    assert kept_attempt(attempts, False, page)[2] is post
    longer = [(len(POST), 0, post), (3 * len(POST), -1, box)]
    assert kept_attempt(longer, False, page)[2] is box  # the box came first and is longer

"""A short post keeps its place when a looser retry finds only a longer other block.

Below 500 characters the selection is retried with Readability's switches off, and a
profile box below the post (struck out under the strict rules) is then longer than the
post. Small pages written for the purpose: a short allotment diary post with an "About
me" box after it and comments under it.
"""

from __future__ import annotations

from clipper.extract import extract

POST = ("The first frost came early to the allotments this year, and the last of the runner "
        "beans went black overnight. I picked what was left of the squash before the second "
        "night and stacked them on the shed shelf to cure, turning them every few days. The "
        "kale does not mind the cold at all. Next week: lifting the leeks.")

COMMENTS = [
    ("Mags", "We lost ours the same night up the hill, every last bean. The squash came through "
             "under fleece though, so I will be doing that again next year without a doubt."),
    ("Dennis", "Curing on a shelf works well, but turn them every few days or the bottoms go "
               "soft. I learned that the hard way with a whole crop of butternuts in 2019."),
    ("Priya", "Are the leeks the ones you grew from seed in the spring? Mine are still thin as "
              "pencils and I am wondering whether to leave them in the ground until March."),
    ("Tom", "The frost pocket at the bottom of the site is always a week ahead of the rest of "
            "us. Worth planting the tender things at the top end if you can swap a plot."),
]

ABOUT = ("I have had plot 14 since 2009, when the waiting list was only two years long and "
         "the shed still had its door. Before that I grew tomatoes on a balcony in Leeds and "
         "dreamed of a greenhouse. I write this diary for the other plot holders on the site, "
         "for my daughter who is starting her own plot in Bristol, and for anyone who wants "
         "to know what really happens on an allotment through the year: the gluts and the "
         "failures, the slugs and the frost pockets, the swaps over the fence and the long "
         "conversations about manure. Everything here was grown without chemicals, and "
         "most of it was eaten within the hour. Comments are always welcome, and so are "
         "spare seedlings.")

ABOUT2 = ("The plot is on the north side of the site, next to the water trough, with the "
          "compost bays along the back fence, two beds of soft fruit, a small pond for the "
          "frogs, and the shed, which leans a little more every winter, but still keeps the "
          "tools dry, the seed tins safe from mice, and the kettle within reach.")

ABOUT3 = ("In the winter months the diary slows down, with seed catalogues, plans drawn on "
          "the backs of envelopes, a few notes on what to grow again and what to give up, "
          "and the odd visit to check the netting after a storm, to empty the water butts, "
          "and to see whether the robin is still living in the hedge by the gate.")

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>First frost | Plot 14</title></head>
<body><div id="wrap">
<div id="header"><a href="/">Plot 14</a> <a href="/about">About</a></div>
<div id="main">
<div class="post"><h2 class="post-title">First frost</h2>
<div class="post-body"><p>{post}</p></div>
<div class="post-footer">Posted by Ruth at 08:12</div></div>
<div id="comments" class="comments"><h4>{count} comments:</h4>
{comments}
</div></div>
<div id="sidebar"><div class="widget profile"><h3>About me</h3>
<div class="widget-content"><p>{about}</p><p>{about2}</p><p>{about3}</p></div></div></div>
<div id="footer"><p>Plot 14 is a diary of an allotment in the north.</p></div>
</div></body></html>
"""


def _page(comments: list[tuple[str, str]]) -> str:
    thread = "".join(f'<div class="comment"><p class="comment-author">{name} said...</p>'
                     f'<p class="comment-body">{text}</p></div>' for name, text in comments)
    return PAGE.format(post=POST, count=len(comments), comments=thread, about=ABOUT,
                       about2=ABOUT2, about3=ABOUT3)


URL = "https://plot14.example/2024/10/first-frost"


def test_short_post_is_kept_over_a_longer_profile_box_below_it() -> None:
    """The retry without class names finds the "About me" box longer than the post: the post
    came first and the box holds none of it, so the post stays."""
    markdown = extract(_page(COMMENTS), URL).markdown
    assert POST in " ".join(markdown.split()), markdown
    assert "since 2009" not in markdown
    assert "butternuts" not in markdown


def test_kept_attempt_prefers_the_longer_one_that_holds_the_post() -> None:
    import lxml.html

    from clipper.extract.attempts import kept_attempt

    post = lxml.html.fromstring(f"<div><p>{POST}</p></div>")
    whole = lxml.html.fromstring(f"<div><p>{POST}</p><p>{ABOUT}</p></div>")
    other = lxml.html.fromstring(f"<div><p>{ABOUT}</p></div>")
    page = lxml.html.fromstring(f"<div><p>{POST}</p><p>{ABOUT}</p></div>")
    attempts = [(len(POST), 0, post), (len(POST) + len(ABOUT), -1, whole)]
    assert kept_attempt(attempts, True, page)[2] is whole
    attempts = [(len(POST), 0, post), (len(ABOUT), -1, other)]
    assert kept_attempt(attempts, True, page)[2] is post
    assert kept_attempt(attempts, True, None)[2] is other  # no page to tell the order
    box_first = lxml.html.fromstring(f"<div><p>{ABOUT}</p><p>{POST}</p></div>")
    assert kept_attempt(attempts, True, box_first)[2] is other  # the box came first
    assert kept_attempt(attempts, False, page)[2] is post  # every attempt short: the same
    short = [(200, 0, post), (len(ABOUT), -1, other)]
    assert kept_attempt(short, True, page)[2] is other  # a scrap, not a short article


def test_the_box_below_the_post_is_found_when_its_cleaning_dropped_a_linked_word() -> None:
    import lxml.html

    from clipper.extract.attempts import kept_attempt

    # On the page the box begins "About me Name: <a>Ruth</a> Location: Leeds"; the looser
    # attempt's cleaning dropped the linked name, so its first words are nowhere on the
    # page as they stand. A few words further on they are, after the post.
    label = "About me Name: {name} Location: Leeds, West Yorkshire. "
    post = lxml.html.fromstring(f"<div><p>{POST}</p></div>")
    other = lxml.html.fromstring(f"<div><p>{label.format(name='')}{ABOUT}</p></div>")
    page = lxml.html.fromstring(
        f"<div><p>{POST}</p><p>{label.format(name='<a href=/ruth>Ruth</a>')}{ABOUT}</p></div>")
    attempts = [(len(POST), 0, post), (len(ABOUT), -1, other)]
    assert kept_attempt(attempts, True, page)[2] is post

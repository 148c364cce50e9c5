"""A story whose marked body (``itemprop="articleBody"``) holds a slideshow in a promotion box.

News templates of the early 2010s put a slideshow of older, longer pieces inside the story's
body, in a box named as a promotion and hidden until a script starts it. Its slides hold
more paragraphs and commas than the story of a few paragraphs, so Readability's scores end
on the slideshow's list. The page marks its story's body for search engines and names the
box a promotion: the marked body is the article, and the promotion goes with the
conditional cleaning. A page written for the purpose: a politics item over a slideshow of
five essays about the budget.
"""

from __future__ import annotations

from clipper.extract import extract

STORY = [
    "The mayor said on Thursday that the new bus lanes on the river road would stay, "
    "a week after shop owners asked the council to remove them before the holidays.",
    "Traffic counts taken by the city since the lanes opened show buses running six "
    "minutes faster at rush hour, while car journeys took about the same time as before.",
    "Shop owners on the road say fewer customers stop by car, and they want the council "
    "to bring back the parking spaces the lanes replaced, at least on Saturdays.",
    "The council will look at the figures again in the spring, when the lanes have been "
    "open for six months, and the mayor said she would meet the shop owners before then.",
]

ESSAY = (
    "The {n} budget debate, as every reader of this page will remember, began with a promise, "
    "a spreadsheet and a press conference, and ended, after months of hearings, amendments, "
    "late-night votes and angry letters, with a plan that nobody had asked for, that few had "
    "read, and that the council, the unions, the shop owners and the drivers each described, "
    "in their own words, as the worst compromise in a generation. "
)


def _slides() -> str:
    slides = []
    for n in ("first", "second", "third", "fourth", "fifth"):
        text = "".join(f"<p>{ESSAY.format(n=n)}</p>" for _ in range(3))
        slides.append(f"<li><h4>The {n} budget fight</h4>{text}</li>")
    return "".join(slides)


PAGE = f"""<html><head><title>Bus lanes on the river road stay, mayor says</title></head>
<body><div id="wrapper"><div class="entry" id="entry_1017">
<h1>Bus lanes on the river road stay, mayor says</h1>
<div class="entry_body_text"><div class="articleBody" itemprop="articleBody">
{"".join(f"<p>{p}</p>" for p in STORY)}
<p class="label">Also on the Courier:</p>
<div class="promo_holder"><div class="slideshow-wrapper-loading">
<div class="loading"><em>Loading Slideshow</em><img src="/images/loader.gif" alt="..."></div>
<ul class="slideshow">{_slides()}</ul></div></div>
</div></div></div>
<div id="footer"><p>Copyright 2012 The River City Courier. All rights reserved.</p></div>
</div></body></html>"""


def test_the_marked_story_is_kept_without_the_slideshow_in_its_promotion_box() -> None:
    article = extract(PAGE, "https://courier.example.com/2012/08/bus-lanes-stay/")
    for paragraph in STORY:
        assert paragraph[:60] in article.markdown
    assert "budget debate" not in article.markdown
    assert "budget fight" not in article.markdown


def test_scores_ending_inside_the_marked_body_without_another_name_stand() -> None:
    """The marked body wraps the story's text and a picture with its caption; the scores end
    on the text's own wrapper, named as nothing else, and that choice stands (the caption
    is no paragraph of the story: Readability.js leaves it out too)."""
    caption = ("Buses on the river road at rush hour on Tuesday, a week after the shop owners "
               "wrote to the council.")
    page = f"""<html><head><title>Bus lanes on the river road stay</title></head><body>
<div id="main"><article itemprop="articleBody">
<figure><img src="/pictures/buses.jpg" alt=""><figcaption>{caption}</figcaption></figure>
<div class="article-body-text">{"".join(f"<p>{p}</p>" for p in STORY)}</div>
</article></div></body></html>"""
    article = extract(page, "https://courier.example.com/2012/08/bus-lanes-stay/")
    assert STORY[0][:60] in article.markdown
    assert caption[:40] not in article.markdown

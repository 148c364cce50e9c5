"""A blog post in its ``<article>`` beside a sidebar of blurbs and recent posts, one wrapper up.

Blog templates of the early 2010s put the post and a sidebar in one wrapper named as the
content: the sidebar's "about this blog" blurb and its teasers of recent posts, each a
linked title over a sentence with commas, add enough score to the wrapper that
Readability's climb ends there, above the post. The page's own markup names the post: the
one ``<article>`` in the wrapper holds most of its text, and what lies outside it is mostly
links. A page written for the purpose: a post on a city's water plan beside such a sidebar.
"""

from __future__ import annotations

from clipper.extract import extract

POST = [
    "The city council voted on Tuesday to spend the next ten years replacing the oldest "
    "water mains under the harbour district, a plan the engineers first put forward in 2009.",
    "The pipes, laid in the 1890s, break about forty times a year, and each break closes "
    "streets, floods cellars and leaves hundreds of households without water for a day.",
    "The plan costs more than the council had hoped, and water bills will rise by about "
    "four percent a year for the first five years, which some members called too much.",
    "Supporters answered that every year of delay makes the work dearer, and that the "
    "repairs after each break already cost the city nearly as much as the new pipes would.",
    "Work starts next spring on the streets nearest the harbour, where the breaks are most "
    "frequent, and the council will publish a map of the streets to be dug up each year.",
    "Residents of the streets to be dug up first will get a letter a month before the work "
    "begins, and the water will be cut for no more than a few hours at a time, the city says.",
    "The engineers expect the number of breaks to fall by half once the first five years "
    "of work are done, and to stop almost entirely when the last of the old pipes is gone.",
]

RECENT = [
    ("Bridges, budgets and the long wait", "The old bridge closes, again, for repairs."),
    ("What the census says about us", "Fewer children, more pensioners, a bigger city."),
    ("Buses, bikes and the river road", "The new lanes stay, and the shop owners object."),
    ("The school that would not close", "Parents, teachers and a petition of thousands."),
    ("Parks after dark", "New lights, new rules, and an old argument."),
]


def _sidebar() -> str:
    posts = "".join(
        f'<li><h4><a href="/blog/{n}">{title}</a></h4>'
        f'<p>{blurb} <a href="/blog/{n}">Read more</a></p></li>'
        for n, (title, blurb) in enumerate(RECENT)
    )
    return (
        '<section id="right"><div class="box"><h3>About This Blog</h3>'
        "<p>City Desk follows the council, its budgets and its quarrels, with notes, "
        "numbers and, now and then, an opinion from our reporters.</p></div>"
        f'<div class="box"><h3>Recent Posts</h3><ul>{posts}</ul></div>'
        '<div class="box"><h3>Archives</h3><ul>'
        + "".join(f'<li><a href="/blog/2012/{m:02d}">2012-{m:02d}</a></li>' for m in range(1, 13))
        + "</ul></div></section>"
    )


PAGE = f"""<html><head><title>Council votes to replace harbour water mains</title></head>
<body><div class="blog" id="container"><div class="content-wrapper">
<section id="layout"><section class="blog publication" id="left-wide">
<article><h1>Council votes to replace harbour water mains</h1>
<p class="byline">by <a href="/authors/jdoe">Jane Doe</a>, August 9, 2012</p>
{"".join(f"<p>{p}</p>" for p in POST)}
</article></section>
{_sidebar()}
</section></div></div></body></html>"""


def test_the_lone_article_is_kept_without_the_sidebar_of_its_wrapper() -> None:
    article = extract(PAGE, "https://citydesk.example.com/2012/08/water-mains/")
    for paragraph in POST:
        assert paragraph[:60] in article.markdown
    assert "About This Blog" not in article.markdown
    assert "the long wait" not in article.markdown
    assert "2012-03" not in article.markdown


HEADED = f"""<html><head><title>Council votes to replace harbour water mains</title></head>
<body><div id="content"><div class="top"><div class="lede">
<h1>Council votes to replace harbour water mains</h1>
<p>Ten years of digging, four percent a year on the bills, and an end,
the engineers say, to the floods, closed streets and dry taps of the harbour district.</p>
</div></div><article>{"".join(f"<p>{p}</p>" for p in POST)}</article>
<aside class="author"><p>Jane Doe writes about the council, the harbour and the city's
money; before joining the paper she reported, for ten years, on the county's schools.</p>
</aside></div></body></html>"""


def test_a_wrapper_whose_other_text_is_prose_stays() -> None:
    """Outside the article sit the headline, a standfirst and an author's note, all prose
    (none of it in links): the wrapper stays, and the standfirst with it."""
    article = extract(HEADED, "https://citydesk.example.com/2012/08/water-mains/")
    for paragraph in POST:
        assert paragraph[:60] in article.markdown
    assert "dry taps of the harbour district" in article.markdown

"""The article beside a column of teaser lists: the climb stops below their common parent.

Readability climbs from the best container to a parent that scores higher, on the view
that the article is split across the parent's children. On many news sites the parent is
the content column, which holds the article and a sidebar whose name also says "content"
(so the walk keeps it) and whose one-line teasers score like short paragraphs. Climbing
there clips the sidebar's lists with the story. A page written for the purpose: a
technology site's news item beside its "Featured posts" and "Most popular" lists and a
"Who we are" box.
"""

from __future__ import annotations

import lxml.html

from clipper.extract import extract
from clipper.extract.climb import adds_link_lists

STORY = [
    "The city council approved on Monday a plan to put free wireless access points in every "
    "public library, after a trial in two branches drew more visitors than expected.",
    "The first twelve libraries will be connected by the end of March, and the remaining "
    "branches, most of them in the outer districts, before the summer holidays begin.",
    "Librarians said the trial had brought in students, job seekers and retired readers, "
    "many of whom stayed longer and borrowed more books than they used to.",
    "The plan will cost about four hundred thousand euros a year, which the council expects "
    "to cover from the savings of a new contract for its own offices.",
]

TEASERS = [
    "Five laptops under 500 dollars that are worth buying this autumn",
    "Why the new phone's battery lasts a full day, and when it does not",
    "Hands-on with the cheapest e-reader yet: good screen, slow pages",
    "A week with the smallest tablet on the market, and what we missed",
    "The best apps for learning a language on the train to work",
    "How to move your photos from one cloud service to another one",
    "Printer ink prices keep rising, and what you can do about that",
    "The smart speaker that listens less: a review of the privacy mode",
]


def _teaser_list(title: str, start: int) -> str:
    items = "".join(
        f'<div class="item"><a href="/news/{start + i}/">{t}</a>, {i + 2} hours ago, '
        f"{3 * i + 4} comments</div>"
        for i, t in enumerate(TEASERS))
    return f'<div class="promo"><h3>{title}</h3><div class="items">{items}</div></div>'


PAGE = f"""<html><head><title>Free wireless for every library</title></head><body>
<div id="wrap"><div id="page-content">
<article id="story"><h1>Free wireless for every library</h1>
<div class="story-text">{"".join(f"<p>{p}</p>" for p in STORY)}</div></article>
<section class="sidebar" id="contentAux">{_teaser_list("Featured posts", 100)}
{_teaser_list("Most popular", 200)}
<div class="module"><h3>Who we are</h3><p>Library Tech News is written by a small team of
volunteers, who cover public libraries, their services and the technology they use.</p></div>
</section>
</div></div></body></html>"""


def test_the_story_is_clipped_without_the_teaser_column_beside_it() -> None:
    article = extract(PAGE, "https://news.example.com/2012/11/libraries-wireless/")
    for paragraph in STORY:
        assert paragraph[:60] in article.markdown
    assert "Featured posts" not in article.markdown
    assert "small team of volunteers" not in article.markdown
    assert TEASERS[0] not in article.markdown


def test_a_parent_adding_prose_or_little_text_is_still_climbed_to() -> None:
    page = lxml.html.fromstring(PAGE)
    story = page.get_element_by_id("story")
    column = page.get_element_by_id("page-content")
    assert adds_link_lists(column, story[1])
    # the rest of an article split across two blocks is prose: the climb joins them
    split = lxml.html.fromstring(
        f"<div><div>{''.join(f'<p>{p}</p>' for p in STORY[:2])}</div>"
        f"<div>{''.join(f'<p>{p}</p>' for p in STORY[2:])}</div></div>")
    assert not adds_link_lists(split, split[0])
    # a byline with a linked name beside the text is too little to matter
    byline = lxml.html.fromstring(
        f'<div><p>By <a href="/staff/ann/">Ann Moss</a></p>'
        f"<div>{''.join(f'<p>{p}</p>' for p in STORY)}</div></div>")
    assert not adds_link_lists(byline, byline[1])

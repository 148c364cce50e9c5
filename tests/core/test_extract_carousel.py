"""A carousel of offers beside a short post is not part of the post.

Readability takes the common ancestor of three close rivals for the article, on the view
that the article is split among them. The cards of a carousel, each as long as a short
post and set side by side with the same name, are such rivals, and their common ancestor
is the page's content column: the clip held every card. Candidates that repeat one
another's tag, class and id in one parent, and not the best's, are not counted as rivals.
A page written for the purpose: a personal finance blog's post beside its card offers.
"""

from __future__ import annotations

import lxml.html

from clipper.extract.climb import repeated_others
from clipper.extract.score import Flags
from clipper.extract.select import _climb

POST = [
    "My employer's open enrollment period is in full swing, and there is just over a week "
    "left for those who want to change their elections for next year.",
    "We are not changing anything in our health insurance, but we will raise our retirement "
    "savings, in step with the higher contribution limits, from January.",
    "That means we will keep our high-deductible plan, and its savings account, for another "
    "year, at the new limit for a family.",
    "If you use a flexible spending account, keep in mind that its limit for next year is "
    "lower, and plan what you put into it with that in mind.",
]

CARDS = [
    "Earn a bonus after your first purchases in the first three months, with cash back on "
    "groceries, fuel and restaurants, which change every quarter, and no annual fee.",
    "Earn one mile on every dollar you spend, with flexible redemption for travel, credits, "
    "gift cards or cash, and double miles on your first year of purchases.",
    "Pay no interest on transfers for fifteen months, with a low rate after that, no late "
    "fee on your first late payment, and a free credit score every month.",
    "Get five percent back at one store of your choice, two percent on travel, and one "
    "percent on everything else, with the card's rewards paid out each month.",
]


def _card(text: str) -> str:
    return (f'<div class="slide" id="offer"><div class="title"><a href="/cards/">Card of the '
            f'week</a></div><p>{text}</p><p>{text}</p><p>{text}</p></div>')


PAGE = f"""<html><head><title>Open enrollment in full swing</title></head><body>
<div id="main"><div id="content">
<div id="blog-content"><div class="entry">{"".join(f"<p>{p}</p>" for p in POST)}</div></div>
<div id="blog-data"><div class="section"><div id="rotating-cards"><div id="slides">
{"".join(_card(c) for c in CARDS)}</div></div></div></div>
</div></div></body></html>"""


def test_the_cards_do_not_lift_the_column_holding_post_and_carousel() -> None:
    page = lxml.html.fromstring(PAGE)
    body = page.find("body")
    entry = page.find_class("entry")[0]
    slides = page.find_class("slide")
    scores = {entry: 44.0, **{slide: 40.0 for slide in slides}}
    best, _ = _climb(body, [entry, *slides[:4]], scores, Flags())
    assert entry in best.iter()
    assert not any(slide in best.iter() for slide in slides)


def test_only_cards_side_by_side_that_are_not_the_best_repeat() -> None:
    page = lxml.html.fromstring(PAGE)
    entry = page.find_class("entry")[0]
    slides = page.find_class("slide")
    assert repeated_others(entry, [*slides, entry]) == set(slides)
    # parts of the article named like the best are its parts, not cards
    assert repeated_others(slides[0], slides[1:]) == set()
    # one of a kind is no card
    assert repeated_others(entry, slides[:1]) == set()

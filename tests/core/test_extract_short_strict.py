"""A post of a few lines found under the strict rules stays when a looser retry finds
another block scarcely longer than it (a profile box above it), or only links (a menu).

Below 500 characters the selection is retried with Readability's switches off. A post
of two sentences (a photo blog's caption, a link post) found under the strict rules is
still the post when the block the retry finds without class names is another one, and
not even twice as long: the class names were the better evidence.
"""

from __future__ import annotations

import lxml.html

from clipper.extract.attempts import kept_attempt

POST = ("Found this on a walk by the canal this morning: a heron standing on one leg on the "
        "lock gate, quite still, while the boats went through below it.")

PROFILE = ("Ann Whitley. I walk the canal most mornings and photograph what I find there: "
           "herons, boats, locks, and the odd kingfisher if I am lucky. Prints of the best are "
           "for sale at the boatyard cafe.")


def test_a_profile_box_above_the_post_and_scarcely_longer_does_not_replace_it() -> None:
    post = lxml.html.fromstring(f"<div><p>{POST}</p></div>")
    box = lxml.html.fromstring(f"<div><p>{PROFILE}</p></div>")
    page = lxml.html.fromstring(f"<div><p>{PROFILE}</p><p>{POST}</p></div>")
    assert len(POST) < len(PROFILE) < 2 * len(POST)
    attempts = [(len(POST), 0, post), (len(PROFILE), -1, box)]
    assert kept_attempt(attempts, False, page)[2] is post
    assert kept_attempt(attempts, True, page)[2] is post


def test_a_block_twice_as_long_above_it_or_a_scrap_still_wins() -> None:
    post = lxml.html.fromstring(f"<div><p>{POST}</p></div>")
    box = lxml.html.fromstring(f"<div><p>{PROFILE}</p></div>")
    page = lxml.html.fromstring(f"<div><p>{PROFILE}</p><p>{POST}</p></div>")
    longer = [(len(POST), 0, post), (3 * len(POST), -1, box)]
    assert kept_attempt(longer, False, page)[2] is box  # the box came first and is longer
    scrap = [(60, 0, post), (100, -1, box)]
    assert kept_attempt(scrap, False, page)[2] is box  # a scrap is no short article


EDITIONS = "".join(f'<li><a href="/{city.lower()}/">{city}</a></li>' for city in (
    "Atlanta", "Boston", "Chicago", "Dallas", "Los Angeles", "Miami", "New York", "Philadelphia",
    "San Francisco", "Seattle", "Washington DC", "Everywhere"))

TEASER = ("Eat, Drink, and Keep the Kids Occupied. Fourteen ways to set a festive family table.")


def test_a_looser_attempt_of_links_does_not_replace_a_short_one_of_words() -> None:
    """With every rule relaxed the page's edition menu survives and is longer than the two
    lines the strict rules found; a menu is no article."""
    strict = lxml.html.fromstring(f"<div><h2>{TEASER}</h2></div>")
    menu = lxml.html.fromstring(f"<div><p>Choose edition</p><ul>{EDITIONS}</ul></div>")
    page = lxml.html.fromstring(f"<div><ul>{EDITIONS}</ul><h2>{TEASER}</h2></div>")
    strict_length = len(strict.text_content())
    menu_length = len(menu.text_content())
    assert menu_length > strict_length
    attempts = [(strict_length, 0, strict), (strict_length, -1, strict),
                (menu_length, -2, menu)]
    assert kept_attempt(attempts, False, page)[2] is strict
    only_links = [(menu_length, 0, menu), (menu_length + 10, -1, menu)]
    assert kept_attempt(only_links, False, page)[1] == -1  # all links: the longest, as before

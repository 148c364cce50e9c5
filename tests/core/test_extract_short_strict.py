"""A post of a few lines found under the strict rules stays when a looser retry finds
another block scarcely longer than it: a profile box above it.

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

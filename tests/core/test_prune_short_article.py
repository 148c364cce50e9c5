"""The conditional cleaning keeps the block holding a short post whole, also when the post
became short only because the cleaning took a widget out of it first."""

from __future__ import annotations

import lxml.html

from clipper.extract import droplog
from clipper.extract.prune import _Context, clean_conditionally
from clipper.extract.score import Flags

POST = ("<p>We finally opened the little bakery on Mill Street this morning, and the queue "
        "went round the corner. <a href='https://bakery.example/a'>All the photos of the "
        "opening day</a>, and thanks to <a href='https://bakery.example/b'>@millbakes and "
        "@streetsigns</a> for the sign.</p>")
TAGS = "".join(f"<a href='https://bakery.example/tag/{i}'>Bread and pastry tag {i}</a> "
               for i in range(20))


def test_a_post_made_short_by_the_cleaning_is_kept_whole() -> None:
    # 660 characters with the tag cloud, under 500 once it is gone; the post's links weigh
    # as much as a widget's, but it is the whole article
    root = lxml.html.fragment_fromstring(
        f"<div><div class='box'>{POST}<div class='tags'>{TAGS}</div></div></div>")
    with droplog.collecting():
        ctx = _Context(root, Flags(), None)
        assert ctx.length(root) > 500
        clean_conditionally(root, "div", ctx)
    text = root.text_content()
    assert "Bread and pastry" not in text
    assert "opened the little bakery" in text
    assert "@millbakes" in text

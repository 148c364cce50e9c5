"""The block a person points at in the page's source, and the blocks around it that
widening picks (the pick mode's highlight and its choice)."""

from __future__ import annotations

from clipper.extract.selectors import block_at_line, block_spans

SHOP = """<!DOCTYPE html>
<html><head><title>Walnut desk</title></head>
<body>
<main id="product">
<section class="details">
<h1>Walnut desk</h1>
<p>Solid walnut, oiled by hand,
with two drawers.</p>
<div class="specs">
<p>Width 120 cm</p>
</div>
</section>
<aside class="reviews"><p>Great desk.</p></aside>
</main>
</body></html>
"""


def test_the_pointed_block_and_the_blocks_around_it() -> None:
    # line 10: the paragraph in the specs box
    assert block_spans(SHOP, 10) == [(10, 10), (9, 10), (5, 10), (4, 13)]
    assert block_at_line(SHOP, 10) == ("#product > section > div > p", "Width 120 cm")
    assert block_at_line(SHOP, 10, 1) == ("div.specs", "Width 120 cm")
    assert block_at_line(SHOP, 10, 2)[0] == "section.details"  # type: ignore[index]
    assert block_at_line(SHOP, 10, 3)[0] == "#product"  # type: ignore[index]
    assert block_at_line(SHOP, 10, 9)[0] == "#product"  # never the body  # type: ignore[index]


def test_a_paragraph_over_two_lines_spans_both() -> None:
    assert block_spans(SHOP, 7)[0] == (7, 8)
    assert block_spans(SHOP, 8)[0] == (7, 8)  # inside it: the block started before


def test_nothing_before_the_first_block() -> None:
    assert block_spans(SHOP, 1) == []
    assert block_at_line(SHOP, 1) is None

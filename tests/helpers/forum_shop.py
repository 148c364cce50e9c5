"""A forum thread and a shop page as they are built today, for the pick mode: the person
points the extractor at the thread, or drops the reviews, and the site keeps the choice."""

from __future__ import annotations

OPENER = ("Our allotment's water butts turn green within two weeks every summer. We have four "
          "of them under the shed roof, all black plastic, lids on. Does anyone know whether "
          "a drop of vinegar or a barley straw bag actually helps, or is it the sun?")
REPLIES = (
    ("heron_74", "Barley straw works for us, but only after it has soaked for a month. Put "
     "the bag in early in spring, not when the water is already green, and keep the lid "
     "tight so no light gets in at the rim."),
    ("kohlrabi", "Vinegar will not hurt the plants at that dilution, but it does nothing "
     "about the algae. The real fix is shade: we painted ours white on the outside and "
     "the water has stayed clear for two summers."),
    ("marigold_jo", "Empty them completely once in June and scrub the inside with a stiff "
     "brush. Whatever you add afterwards, starting clean makes the biggest difference by "
     "far, and the first flush goes on the compost heap."),
)


def forum_thread() -> str:
    posts = [("greenfinger", "12 May 2024, 08:14", OPENER)]
    posts += [(who, f"{12 + i} May 2024, 1{i}:02", text)
              for i, (who, text) in enumerate(REPLIES, start=1)]
    items = "\n".join(
        f'<div class="message" id="m{n}">\n'
        f'<div class="message-user"><a href="/u/{who}">{who}</a> <span>Member</span></div>\n'
        f'<div class="message-body"><time>{when}</time>\n<p>{text}</p>\n</div>\n'
        f'<div class="message-actions"><a href="#">Quote</a> <a href="#">Reply</a> '
        f'<a href="#">Like</a></div>\n</div>'
        for n, (who, when, text) in enumerate(posts))
    sidebar = "\n".join(
        f'<li><a href="/t/{i}">Thread about {topic} number {i}, with a long title</a></li>'
        for i, topic in enumerate(["compost", "slugs", "seed swaps", "greenhouses",
                                   "fruit cages", "leaf mould", "bees", "tools"] * 3))
    return f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Green water butts - Allotment Forum</title></head>
<body>
<header><nav><a href="/">Forums</a> <a href="/new">New posts</a>
<a href="/login">Log in</a></nav></header>
<div class="p-body">
<div class="p-main">
<h1>Green water butts</h1>
<div class="thread" id="thread-391">
{items}
</div>
<div class="pagination"><a href="?page=2">Next</a></div>
</div>
<div class="p-sidebar">
<h3>Latest threads</h3>
<ul>
{sidebar}
</ul>
</div>
</div>
<footer><p>Allotment Forum · Terms · Privacy</p></footer>
</body>
</html>
"""


DESCRIPTION = ("The Hollin kettle boils 1.2 litres in under four minutes on gas, induction "
               "or a camp stove. Its body is brushed stainless steel with a copper-clad base "
               "that spreads the heat evenly, and the whistle lifts away with the spout cap "
               "so it can be filled without burning a thumb.")
REVIEW = ("I have used this kettle every morning for a year on our induction hob and it "
          "still looks new. The whistle is loud enough to hear from the garden, which is "
          "exactly what I wanted, and the handle never gets hot. ")


def shop_page() -> str:
    reviews = "\n".join(
        f'<div class="review"><b>Customer {n}</b> <span>★★★★★</span>\n'
        f'<p>{REVIEW * 2}Review number {n}.</p></div>'
        for n in range(1, 7))
    return f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Hollin stovetop kettle 1.2 l | Kitchen Corner</title></head>
<body>
<header><nav><a href="/">Shop</a> <a href="/kitchen">Kitchen</a>
<a href="/cart">Cart</a></nav></header>
<main>
<div class="product">
<h1>Hollin stovetop kettle 1.2 l</h1>
<div class="price">€ 49.90</div>
<div class="product-description">
<p>{DESCRIPTION}</p>
<ul class="specs"><li>Capacity: 1.2 l</li><li>Weight: 890 g</li>
<li>Hobs: all, including induction</li></ul>
</div>
<button>Add to cart</button>
</div>
<section class="reviews" id="reviews">
<h2>Customer reviews (6)</h2>
{reviews}
</section>
</main>
<footer><p>Kitchen Corner · Delivery · Returns</p></footer>
</body>
</html>
"""

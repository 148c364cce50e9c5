"""Review RV9 of a1-audit: guard pages a person would clip that the audit's rules harm. Each
passes on main and fails on a1-audit (42899af twice, a17eee8, d0f2dfa, 3d61343 twice)."""

from __future__ import annotations

import json

from clipper.extract import extract

_VERDICT = ("<p>The Aria X2 is the first pair of open earbuds we have tested that does not leak "
            "sound to the people next to you on a train. Over three weeks of commuting the "
            "battery lasted a full working day, and the case added two more charges.</p><p>Call "
            "quality is the weak point: in a windy street our callers heard mostly wind, and the "
            "microphones could not keep up with a busy café either.</p><p>At 199 dollars they "
            "cost more than most rivals, but the fit and the sound make them the open earbuds "
            "we would buy today.</p>")


def test_a_review_article_with_product_data_keeps_its_body() -> None:
    """42899af: a tech site's review carries JSON-LD Product (with its Review, as search
    engines ask) and wraps its text in ``review-body``. The article is the review: its body
    is no review widget under a shop's product."""
    data = {"@context": "https://schema.org", "@type": "Product", "name": "Aria X2",
            "review": {"@type": "Review", "author": {"@type": "Person", "name": "Sam Lee"},
                       "reviewRating": {"@type": "Rating", "ratingValue": 4}}}
    page = ("<html><head><title>Aria X2 review: open earbuds that keep quiet - TechDesk</title>"
            f"<script type='application/ld+json'>{json.dumps(data)}</script></head><body>"
            "<header><nav><a href='/'>Home</a><a href='/reviews/'>Reviews</a></nav></header>"
            "<main><article><h1>Aria X2 review: open earbuds that keep quiet</h1><p class="
            f"'byline'>By Sam Lee</p><div class='review-body'>{_VERDICT}</div></article></main>"
            "<footer>© TechDesk</footer></body></html>")
    md = extract(page, "https://techdesk.example/reviews/aria-x2").markdown
    assert "Call quality is the weak point" in md


def test_a_products_description_in_a_block_named_review_stays() -> None:
    """42899af: shops name their description block after the editors' review of the item
    (``editorial-review``); only the customers' reviews leave a product's clip."""
    desc = ("<p>Hand-thrown stoneware mug glazed in a deep celadon, made in our studio in Porto. "
            "Each one holds 350 ml, is dishwasher safe, and differs a little in colour.</p><p>The "
            "handle is pulled by hand and fits three fingers; the base shows the bare clay.</p>")
    page = ("<html><head><title>Celadon mug - Casa Barro</title></head><body><header><a href="
            "'/'>Casa Barro</a></header><main><div itemscope itemtype='https://schema.org/Product'>"
            "<h1 itemprop='name'>Celadon mug</h1><span itemprop='offers' itemscope itemtype="
            "'https://schema.org/Offer'><span itemprop='price'>32.00</span></span><section "
            f"class='editorial-review'><h2>About this mug</h2><div>{desc}</div></section>"
            "<div class='product-reviews'><h2>Reviews</h2><p>Lovely mug! Ana</p></div></div>"
            "</main><footer>© Casa Barro</footer></body></html>")
    md = extract(page, "https://casabarro.example/p/celadon-mug").markdown
    assert "glazed in a deep celadon" in md


def _post(n: int, user: str, when: str, text: str) -> str:
    comment = "" if n == 1 else ' itemprop="comment" itemscope itemtype="http://schema.org/Comment"'
    return (f'<div id="post_{n}"{comment} class="topic-body crawler-post"><div class="crawler-'
            'post-meta"><span class="creator" itemprop="author" itemscope itemtype="http://'
            f'schema.org/Person"><a itemprop="url" href="/u/{user}"><span itemprop="name">{user}'
            '</span></a></span><span class="crawler-post-infos"><time itemprop="datePublished" '
            f'datetime="{when}" class="post-time">{when}</time><meta itemprop="position" content='
            f'"{n}"></span></div><div class="post" itemprop="text">{text}</div></div>')


def test_a_pull_quote_aside_in_a_post_is_not_written_twice() -> None:
    """a17eee8: an ``<aside>`` holding a ``<blockquote>`` is kept only as the post quoting
    another (Discourse's ``aside.quote``); a pull-quote repeats the post's own sentence."""
    page = ("<html><head><title>Sourdough starter smells of acetone - Loaf Forum</title></head>"
            "<body><header><a href='/'>Loaf Forum</a></header><div id='main-outlet' role='main'>"
            "<h1>Sourdough starter smells of acetone</h1><div itemscope itemtype='http://schema."
            "org/DiscussionForumPosting'>"
            + _post(1, "breadnerd", "2024-05-02T07:10:00Z",
                    "<p>My starter is three weeks old. It doubled nicely at first, but since a "
                    "few days it smells sharply of acetone and barely rises.</p><aside class="
                    "'pullquote'><blockquote><p>It smells sharply of acetone and barely rises."
                    "</p></blockquote></aside><p>Is it dead, or can I save it?</p>")
            + _post(2, "maria_b", "2024-05-02T08:30:00Z",
                    "<p>That smell means it is hungry, not dead. Feed it twice a day for a week "
                    "and keep it somewhere warm.</p>")
            + _post(3, "breadnerd", "2024-05-05T18:02:00Z",
                    "<p>Twice a day did it. Baked my first loaf today and it rose well.</p>")
            + "</div></div><footer><p>Powered by Discourse</p></footer></body></html>")
    md = extract(page, "https://forum.example/t/sourdough-acetone/4411").markdown
    assert "Is it dead, or can I save it?" in md
    assert md.lower().count("smells sharply of acetone and barely rises") == 1


def test_a_title_glued_to_a_cjk_sentence_stays_in_it() -> None:
    """d0f2dfa: Japanese and Chinese write no space after a word, so a work's title opening
    a quoted sentence is glued to it (『方丈記』は…) and is no "X wrote:" attribution."""
    para = ("<p>鴨長明が鎌倉時代の初めに書いた随筆は、災害と無常を描いたものとして今も広く読まれて"
            "いる。京都の大火や飢饉、大地震の記録が残されている。</p>")
    page = ("<html lang='ja'><head><title>方丈記を読む</title></head><body><main><article>"
            f"<h1>方丈記を読む</h1>{para * 3}<blockquote><p><cite>方丈記</cite>は、こう書き出さ"
            f"れる。ゆく河の流れは絶えずして、しかももとの水にあらず。</p></blockquote>{para * 2}"
            "</article></main></body></html>")
    md = extract(page, "https://bungaku.example/hojoki").markdown
    assert "> *方丈記*は、こう書き出される。" in md


def _recipe_page(extra: str) -> str:
    """A recipe with its steps in a ``<ul>`` as its data lists them, and ``extra`` before."""
    steps = ["Heat the oven to 175 °C and butter a loaf tin.",
             "Mash the bananas in a bowl and stir in the melted butter.",
             "Mix in the sugar, egg and flour, pour into the tin and bake for an hour.",
             "Cool for ten minutes, until a skewer comes out clean."]
    data = {"@context": "https://schema.org", "@type": "Recipe", "name": "Banana Bread",
            "recipeIngredient": ["3 ripe bananas", "80 g butter", "1 egg", "190 g flour"],
            "recipeInstructions": [{"@type": "HowToStep", "text": s} for s in steps]}
    page = ("<html><head><title>Banana Bread - Sally's Kitchen</title><script type="
            f"'application/ld+json'>{json.dumps(data)}</script></head><body><main><article>"
            "<h1>Banana Bread</h1><p>This is the banana bread I make every week when the "
            "bananas on the counter turn brown. It needs one bowl and no mixer.</p>" + extra
            + "<h3>Ingredients</h3><ul>"
            + "".join(f"<li>{i}</li>" for i in data["recipeIngredient"]) + "</ul><h3>Instructions"
            "</h3><ul>" + "".join(f"<li>{s}</li>" for s in steps) + "</ul></article></main>"
            "</body></html>")
    return page


def test_a_recipes_equipment_list_keeps_its_bullets() -> None:
    """3d61343: the equipment the steps name ("Loaf tin", "Bowl") is found in the steps'
    text, but is no list of the steps."""
    page = _recipe_page("<h3>Equipment</h3><ul><li>Loaf tin</li><li>Bowl</li><li>Skewer</li>"
                        "</ul>")
    md = extract(page, "https://sallyskitchen.example/banana-bread/").markdown
    assert "- Loaf tin\n- Bowl\n- Skewer" in md


def test_a_recipes_list_of_photos_keeps_its_bullets() -> None:
    """3d61343: a list of process photos has no text, and an empty item's text is found in
    any step's (a trafeval-a tuning page numbered three such lists)."""
    photos = "".join(f"<li><img src='/img/step-{n}.jpg' alt='Step photo {n}'></li>"
                     for n in range(1, 4))
    md = extract(_recipe_page(f"<ul class='photos'>{photos}</ul>"),
                 "https://sallyskitchen.example/banana-bread/").markdown
    assert "- ![Step photo 1](https://sallyskitchen.example/img/step-1.jpg)" in md

"""Audit of issue 10 item 1 on a recipe written the way WordPress builds it with WP Recipe
Maker: the steps are a ``<ul class="wprm-recipe-instructions">`` (numbered by the theme's
CSS counters) and the page's ``Recipe`` data lists the same steps. The clip already holds
them, so nothing is added; they must read as a numbered list, not bullets."""

from __future__ import annotations

import json

from clipper.extract import extract

URL = "https://sallyskitchen.example/easy-banana-bread/"
STEPS = ["Heat the oven to 175 °C and butter a loaf tin.",
         "Mash the bananas in a bowl and stir in the melted butter.",
         "Mix in the sugar, egg and baking soda, then fold in the flour.",
         "Bake for 60 minutes, until a skewer comes out clean."]
INGREDIENTS = ["3 ripe bananas", "80 g butter", "150 g sugar", "1 egg", "190 g flour"]
DATA = {"@context": "https://schema.org", "@type": "Recipe", "name": "Easy Banana Bread",
        "recipeYield": "1 loaf", "prepTime": "PT15M", "cookTime": "PT60M",
        "recipeIngredient": INGREDIENTS,
        "recipeInstructions": [{"@type": "HowToStep", "text": s} for s in STEPS]}


def _page(steps_list: str) -> str:
    ingredients = "".join(
        f'<li class="wprm-recipe-ingredient"><span class="wprm-recipe-ingredient-amount">'
        f'{i.split(" ", 1)[0]}</span>&#32;<span class="wprm-recipe-ingredient-name">'
        f'{i.split(" ", 1)[1]}</span></li>' for i in INGREDIENTS)
    return (
        "<html><head><title>Easy Banana Bread - Sally's Kitchen</title>"
        f'<script type="application/ld+json">{json.dumps(DATA)}</script></head><body>'
        "<header><a href='/'>Sally's Kitchen</a><nav><a href='/recipes/'>Recipes</a></nav>"
        "</header><main><article><h1>Easy Banana Bread</h1><div class='entry-content'>"
        "<p>This is the banana bread I make every week when the bananas on the counter turn "
        "brown. It needs one bowl and no mixer, and it stays moist for three days.</p>"
        "<p>The secret is very ripe bananas: the darker the peel, the sweeter and softer the "
        "bread. If yours are still yellow, bake them in their peel first.</p>"
        "<h2>Tips</h2><ul><li>Weigh the flour; cups vary a lot.</li><li>Do not overmix "
        "once the flour is in.</li></ul>"
        '<div class="wprm-recipe-container"><div class="wprm-recipe">'
        '<h2 class="wprm-recipe-name">Easy Banana Bread</h2>'
        '<h3 class="wprm-recipe-header">Ingredients</h3><ul class="wprm-recipe-ingredients">'
        f"{ingredients}</ul>"
        f'<h3 class="wprm-recipe-header">Instructions</h3>{steps_list}'
        "</div></div></div></article></main><footer>© 2024 Sally's Kitchen</footer>"
        "</body></html>")


def _steps(tag: str) -> str:
    items = "".join(f'<li class="wprm-recipe-instruction"><div class="wprm-recipe-instruction-'
                    f'text">{s}</div></li>' for s in STEPS)
    return f'<{tag} class="wprm-recipe-instructions">{items}</{tag}>'


def test_the_pages_own_list_of_steps_is_numbered() -> None:
    md = extract(_page(_steps("ul")), URL).markdown
    assert "\n".join(f"{n}. {s}" for n, s in enumerate(STEPS, 1)) in md
    assert md.count("Mash the bananas") == 1  # numbered in place, not written again


def test_other_lists_keep_their_bullets() -> None:
    """Only a list of the recipe's steps is numbered: tips and ingredients stay bullets."""
    md = extract(_page(_steps("ul")), URL).markdown
    assert "- Weigh the flour; cups vary a lot." in md
    assert "- 3 ripe bananas" in md

"""A recipe page keeps its yield, times, ingredients and steps (schema.org ``Recipe``);
a how-to page its description and steps (``HowTo``).

Recipe sites publish the recipe as JSON-LD for search engines, in clean fields, while
their markup often spreads it over widgets: every amount and every ingredient in its own
element, steps behind tabs or left out of the container that holds the introduction.
When the clip lacks most of the ingredients as list items, or most of the steps, the
structured recipe is written at the end of the clip: a line with yield and times, the
ingredients one list item each ("135 g Butter"), the steps as a numbered list; the
scattered pieces it replaces leave the clip.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from lxml.html import HtmlElement

from clipper.extract.metadata.jsonld import ld_json_scripts, typed_nodes
from clipper.extract.text import inner_text

__all__ = ["Recipe", "complete_recipe", "find_recipe"]

_DURATION = re.compile(
    r"^P(?:\d+Y)?(?:\d+M)?(?:(\d+)D)?T?(?:(\d+)H)?(?:(\d+)M)?(?:[\d.]+S)?$", re.I)
_TAGS = re.compile(r"<[^>]+>")
_TIMES = (("prepTime", "Prep"), ("cookTime", "Cook"), ("totalTime", "Total"))
ENOUGH = 0.5
"""The clip already holds the recipe when this share of its parts is there."""
_PROBE = 40
"""Characters of an ingredient or a step looked for in the clip's text."""
_PIECE_MAX = 80
"""An element with no more text than this that is part of an ingredient is a scattered piece."""


@dataclass
class Recipe:
    recipe_yield: str | None = None
    times: list[tuple[str, str]] = field(default_factory=list)
    ingredients: list[str] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    intro: list[str] = field(default_factory=list)
    """A ``HowTo``'s description, by paragraph (a recipe's is the page's own text)."""


def _clean(value: Any) -> str:
    if not isinstance(value, str):
        return ""
    return " ".join(_TAGS.sub(" ", value).replace("\u2063", "").split())


def _duration(value: Any) -> str | None:
    match = _DURATION.match(value.strip()) if isinstance(value, str) else None
    if not match or not any(match.groups()):
        return None
    days, hours, minutes = (int(g) if g else 0 for g in match.groups())
    hours += 24 * days
    hours, minutes = hours + minutes // 60, minutes % 60
    parts = ([f"{hours} h"] if hours else []) + ([f"{minutes} min"] if minutes else [])
    return " ".join(parts) or None


def _steps(value: Any, depth: int = 0) -> list[str]:
    """``recipeInstructions`` as plain steps: a text, a list of texts, HowToSteps, sections."""
    if depth > 4:
        return []
    if isinstance(value, str):
        lines = [_clean(line) for line in re.split(r"\n+|<br\s*/?>|</p>", value)]
        return [line for line in lines if line]
    if isinstance(value, dict):
        if "itemListElement" in value:
            return _steps(value["itemListElement"], depth + 1)
        text = _clean(value.get("text")) or _clean(value.get("name"))
        return [text] if text else []
    if isinstance(value, list):
        return [step for item in value for step in _steps(item, depth + 1)]
    return []


def _yield(value: Any) -> str | None:
    values = value if isinstance(value, list) else [value]
    texts = [_clean(str(v)) for v in values if isinstance(v, (str, int, float))]
    return max(texts, key=len) if texts else None  # "4" and "4 servings": the wordier


def find_recipe(doc: HtmlElement) -> Recipe | None:
    """The page's ``Recipe`` from its JSON-LD (``doc``: the parsed page, scripts in it)."""
    texts = [s.text for s in ld_json_scripts(doc) if s.text]
    if not texts:
        return None
    for node in typed_nodes(texts, "Recipe") + typed_nodes(texts, "HowTo"):
        ingredients = node.get("recipeIngredient") or node.get("ingredients")
        if isinstance(ingredients, str):
            ingredients = [ingredients]
        recipe = Recipe(
            recipe_yield=_yield(node.get("recipeYield") or node.get("yield")),
            ingredients=[i for i in map(_clean, ingredients or []) if i],
            steps=_steps(node.get("recipeInstructions") or node.get("step")),
        )
        if "recipeInstructions" not in node:  # a HowTo
            recipe.intro = _steps(node.get("description"))
        for key, label in _TIMES:
            duration = _duration(node.get(key))
            if duration:
                recipe.times.append((label, duration))
        if len(recipe.ingredients) >= 2 or recipe.steps:
            return recipe
    return None


def _norm(text: str) -> str:
    return " ".join(text.replace("\u2063", "").split()).lower()


def _share_in(parts: list[str], text: str) -> float:
    if not parts:
        return 1.0
    return sum(1 for p in parts if _norm(p)[:_PROBE] in text) / len(parts)


def complete_recipe(article: HtmlElement, recipe: Recipe) -> bool:
    """Write what the clip lacks of ``recipe`` at its end; True when it did."""
    listed = " \n ".join(_norm(inner_text(li)) for li in article.iter("li"))
    text = _norm(inner_text(article))
    add_ingredients = _share_in(recipe.ingredients, listed) < ENOUGH
    add_steps = _share_in(recipe.steps, text) < ENOUGH
    if not add_steps:
        _number_steps(article, recipe.steps)
    if not (add_ingredients or add_steps):
        return False
    add_intro = add_steps and _share_in(recipe.intro, text) < ENOUGH
    if add_ingredients:
        _drop_pieces(article, recipe.ingredients)
    if add_steps:
        _drop_pieces(article, recipe.steps, whole=True)
    section = article.makeelement("div", {"class": "recipe"})
    for paragraph in recipe.intro if add_intro else ():
        _add(section, "p", paragraph)
    facts = ([f"Yield: {recipe.recipe_yield}"] if recipe.recipe_yield else []) + [
        f"{label}: {value}" for label, value in recipe.times]
    if facts:
        _add(section, "p", " · ".join(facts))
    if add_ingredients and recipe.ingredients:
        _add(section, "h2", "Ingredients")
        _add_list(section, "ul", recipe.ingredients)
    if add_steps and recipe.steps:
        _add(section, "h2", "Instructions")
        _add_list(section, "ol", recipe.steps)
    article.append(section)
    return True


def _number_steps(article: HtmlElement, steps: list[str]) -> None:
    """The page's own list of the steps is numbered: recipe plugins (WP Recipe Maker, Tasty)
    write the steps as a ``<ul>`` styled with counters, which the clip would show as bullets,
    while the recipe's data says they are steps to follow in order (a list of instruction
    group holds some of them)."""
    if len(steps) < 2:
        return
    wanted = {_norm(step)[:_PROBE] for step in steps}
    for ul in list(article.iter("ul")):
        items = [li for li in ul if li.tag == "li"]
        if len(items) < 2:
            continue
        # each item a whole step: equipment the steps name ("Bowl") is found in their text
        found = sum(1 for li in items if _norm(inner_text(li))[:_PROBE] in wanted)
        if found / len(items) >= ENOUGH:
            ul.tag = "ol"


def _drop_pieces(article: HtmlElement, parts: list[str], whole: bool = False) -> None:
    """Drop the elements that hold one of ``parts`` or only a piece of one."""
    wanted = [_norm(p) for p in parts]
    joined = " \n ".join(wanted)
    for el in list(article.iter("p", "li", "span", "div", "label")):
        if el.getparent() is None or len(el) > 3:
            continue
        own = _norm(inner_text(el))
        if not own:
            continue
        if own in wanted or (not whole and len(own) <= _PIECE_MAX and own in joined):
            el.drop_tree()


def _add(parent: HtmlElement, tag: str, text: str) -> HtmlElement:
    el = parent.makeelement(tag, {})
    el.text = text
    parent.append(el)
    return el


def _add_list(parent: HtmlElement, tag: str, items: list[str]) -> None:
    lst = _add(parent, tag, "")
    lst.text = None
    for item in items:
        _add(lst, "li", item)

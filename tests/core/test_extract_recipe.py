"""Recipe pages keep yield, times, ingredients (one list item each) and numbered steps.

Small recipe pages written for the purpose: the recipe's JSON-LD is complete while the
markup scatters amounts and ingredients over widgets or keeps the steps out of the text.
"""

from __future__ import annotations

import json

import lxml.html

from clipper.extract import extract
from clipper.extract.recipe import find_recipe

URL = "https://backblog.example/rezepte/butterkuchen-vom-blech/"
INTRO = (
    "<p>Butterkuchen vom Blech ist der Kuchen meiner Kindheit: an jedem Geburtstag stand er "
    "auf dem Tisch, noch warm, und die Mandeln knackten zwischen den Zähnen. Das Rezept "
    "stammt von meiner Großmutter, die es in ein kleines Heft geschrieben hat.</p>"
    "<p>Der Teig braucht Zeit zum Gehen, aber kaum Arbeit, und er gelingt auch Anfängern, "
    "wenn die Milch nur lauwarm ist und die Butter weich, aber nicht flüssig.</p>"
)
INGREDIENTS = ["500 g Mehl", "250 ml Milch", "1 Würfel Hefe", "135 g Butter",
               "150 g Zucker", "100 g Mandelblättchen"]
STEPS = [
    "Die Milch lauwarm erwärmen und die Hefe darin auflösen.",
    "Mehl, 50 g Zucker und die Hefemilch zu einem glatten Teig kneten und 45 Minuten gehen "
    "lassen.",
    "Den Teig auf dem Blech ausrollen, Mulden drücken, Butterflöckchen, Zucker und Mandeln "
    "darauf verteilen und bei 200 °C 20 Minuten backen.",
]


def _ld(instructions: object) -> str:
    data = {
        "@context": "https://schema.org", "@type": "Recipe", "name": "Butterkuchen vom Blech",
        "recipeYield": ["20", "20 Stücke"], "prepTime": "PT30M", "cookTime": "PT20M",
        "totalTime": "PT1H35M", "recipeIngredient": INGREDIENTS,
        "recipeInstructions": instructions,
    }
    return f"<script type='application/ld+json'>{json.dumps(data)}</script>"


def _page(body: str, instructions: object = None) -> str:
    steps = instructions if instructions is not None else [
        {"@type": "HowToStep", "text": s} for s in STEPS]
    return (f"<html lang='de'><head><title>Butterkuchen vom Blech</title>{_ld(steps)}</head>"
            "<body><nav><a href='/'>Start</a> <a href='/rezepte'>Rezepte</a></nav>"
            f"<article><h1>Butterkuchen vom Blech</h1>{INTRO}{body}</article>"
            "<footer><p>© Backblog</p></footer></body></html>")


def test_scattered_ingredients_become_one_list_item_each_and_steps_are_numbered() -> None:
    widget = "<div class='ingredients'>" + "".join(
        f"<div class='row'><span class='amount'>{i.split(' ', 2)[0]} {i.split(' ', 2)[1]}"
        f"</span><span class='name'>{i.split(' ', 2)[2]}</span></div>"
        for i in INGREDIENTS) + "<p>Bild anzeigen Bild schließen</p></div>"
    a = extract(_page(widget), URL)
    md = a.markdown
    for ingredient in INGREDIENTS:
        assert f"- {ingredient}\n" in md
    for n, step in enumerate(STEPS, 1):
        assert f"{n}. {step}" in md
    assert "Yield: 20 Stücke · Prep: 30 min · Cook: 20 min · Total: 1 h 35 min" in md
    assert md.count("135 g") == 1  # the widget's rows are gone, the list item stays
    assert "Butterkuchen vom Blech ist der Kuchen meiner Kindheit" in md


def test_a_recipe_the_text_already_holds_is_not_written_twice() -> None:
    lists = ("<h2>Zutaten</h2><ul>" + "".join(f"<li>{i}</li>" for i in INGREDIENTS)
             + "</ul><h2>Zubereitung</h2><ol>" + "".join(f"<li>{s}</li>" for s in STEPS)
             + "</ol>")
    md = extract(_page(lists), URL).markdown
    assert md.count("135 g Butter") == 1
    assert md.count(STEPS[0]) == 1
    assert "Yield:" not in md


def test_instructions_as_one_text_become_steps() -> None:
    doc = lxml.html.fromstring(_page("", instructions="<p>Teig kneten.</p><p>Backen.</p>"))
    recipe = find_recipe(doc)
    assert recipe is not None
    assert recipe.steps == ["Teig kneten.", "Backen."]
    assert recipe.recipe_yield == "20 Stücke"


def test_a_page_without_recipe_data_has_none() -> None:
    doc = lxml.html.fromstring("<html><head><script type='application/ld+json'>"
                               "{\"@type\": \"NewsArticle\", \"headline\": \"x\"}</script>"
                               "</head><body><p>x</p></body></html>")
    assert find_recipe(doc) is None


def test_a_script_built_how_to_page_is_clipped_from_its_howto_data() -> None:
    data = {
        "@context": "http://schema.org/", "@type": "HowTo",
        "name": "Eine runde Tischdecke nähen",
        "description": "<p>Ein runder Tisch gibt jedem Raum eine weiche Note, und mit der "
                       "passenden Tischdecke wird er zum Mittelpunkt des Zimmers.</p><p>So "
                       "nähst du eine Decke, die genau auf deinen Tisch passt.</p>",
        "totalTime": "P0Y0M0DT1H0M0S",
        "step": [
            {"@type": "HowToStep", "text": "<p>Miss den Durchmesser des Tisches und gib die "
                                           "gewünschte Überhangslänge zweimal dazu.</p>"},
            {"@type": "HowToSection", "name": "Zuschnitt", "itemListElement": [
                {"@type": "HowToStep", "text": "Falte den Stoff zweimal zu einem Viertel."},
                {"@type": "HowToStep", "text": "Zeichne mit Schnur und Kreide den Bogen an "
                                               "und schneide entlang der Linie."},
            ]},
        ],
    }
    html = ("<html lang='de'><head><title>Eine runde Tischdecke nähen</title>"
            f"<script type='application/ld+json'>{json.dumps(data)}</script></head><body>"
            "<div id='app'><p>Lade für ein besseres Erlebnis einen neueren Browser "
            "kostenfrei herunter.</p></div></body></html>")
    md = extract(html, "https://diy.example/anleitung/runde-tischdecke").markdown
    assert "Ein runder Tisch gibt jedem Raum eine weiche Note" in md
    assert "1. Miss den Durchmesser des Tisches" in md
    assert "3. Zeichne mit Schnur und Kreide den Bogen" in md
    assert "Total: 1 h" in md

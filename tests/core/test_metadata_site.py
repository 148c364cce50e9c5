"""Titles and site names as people say them (issue 10, item 7), on pages written for it."""

from __future__ import annotations

import json

import lxml.html
import pytest

from clipper.extract import extract
from clipper.extract.metadata import Metadata, extract_metadata
from clipper.extract.metadata.site import is_legal_name, plain_brand

STORY = "".join(f"<p>Paragraph {i} of the story, long enough to be the article people read "
                "about the valley, its people and the seasons that pass there.</p>"
                for i in range(6))


def page(head: str, body: str = "", lang: str = "en") -> str:
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{head}</head>'
            f"<body>{body}</body></html>")


def meta(head: str, body: str = "", url: str | None = "https://news.example.com/a/1") -> Metadata:
    return extract_metadata(lxml.html.document_fromstring(page(head, body)), url)


def ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_wiki_title_loses_the_wiki_name_the_host_spells() -> None:
    """MediaWiki sites name themselves only in <title>; the host says the same words."""
    html = page("<title>Penny - Stardew Valley Wiki</title>",
                '<div id="content"><h1 id="firstHeading">Penny</h1>'
                f'<div id="mw-content-text">{STORY}</div></div>')
    article = extract(html, "https://stardewvalleywiki.com/Penny")
    assert article.title == "Penny"
    assert article.site_name == "Stardew Valley Wiki"


def test_recipe_title_loses_the_site_suffix_from_og_title() -> None:
    m = meta('<meta property="og:title" content="Schneller Apfelkuchen mit Streuseln | Chefkoch">'
             "<title>Schneller Apfelkuchen mit Streuseln | Chefkoch</title>",
             url="https://www.chefkoch.de/rezepte/123/apfelkuchen.html")
    assert m.title == "Schneller Apfelkuchen mit Streuseln"


@pytest.mark.parametrize(("title", "headline"), [
    ("Die Stadt plant neue Radwege - Aerobuzz.de", "Die Stadt plant neue Radwege"),
    ("Die Stadt plant neue Radwege ⋆ Leukefeld Handball", "Die Stadt plant neue Radwege"),
    ("Die Stadt plant neue Radwege | DW | 23.05.2011", "Die Stadt plant neue Radwege"),
    ("08.11.2021 | Die Stadt plant neue Radwege", "Die Stadt plant neue Radwege"),
    ("»Die Stadt plant neue Radwege« (neues deutschland)", "»Die Stadt plant neue Radwege«"),
    ("Die Stadt plant neue Radwege -", "Die Stadt plant neue Radwege"),
])
def test_site_parts_named_by_the_host_or_a_date_go(title: str, headline: str) -> None:
    hosts = {"Aerobuzz": "https://www.aerobuzz.de/x", "Leukefeld": "https://leukefeld-handball.de/x",
             "DW": "https://www.dw.com/fr/x", "08.11": "https://example.org/x",
             "neues": "https://www.neues-deutschland.de/artikel/1",
             "-": "https://example.org/x"}
    url = next(u for key, u in hosts.items() if key in title)
    assert meta(f"<title>{title}</title>", url=url).title == headline


def test_site_name_declared_with_a_separator_goes_whole() -> None:
    m = meta('<meta property="og:site_name" content="Mady Morrison - Yoga Lifestyle">'
             '<meta property="og:title" content="Energy Rising - 33 Tage Yoga Challenge - Mady '
             'Morrison - Yoga Lifestyle">', url="https://www.madymorrison.com/energy")
    assert m.title == "Energy Rising - 33 Tage Yoga Challenge"


def test_site_name_in_front_goes_and_the_site_is_kept_apart() -> None:
    m = meta('<meta property="og:site_name" content="Diario HOY">'
             "<title>Diario HOY | Darán bendición a vehículos este sábado</title>",
             url="https://hoy.com.do/x")
    assert (m.title, m.site_name) == ("Darán bendición a vehículos este sábado", "Diario HOY")


def test_a_colon_kicker_is_part_of_the_headline() -> None:
    m = meta('<meta property="og:title" content="Nutzerbasierte Abrechnung: Musik-Stars fordern '
             'neues Streaming-Modell">'
             '<meta property="og:site_name" content="FAZ.NET">',
             url="https://www.faz.net/aktuell/x.html")
    assert m.title == "Nutzerbasierte Abrechnung: Musik-Stars fordern neues Streaming-Modell"


def test_a_product_name_in_front_is_not_taken_for_the_site() -> None:
    """A Twitter handle or a logo may name a product; only a declared name or the host
    is cut from the front of a title."""
    m = meta('<meta name="twitter:site" content="@firefox">'
             '<meta property="og:site_name" content="Mozilla">'
             '<meta property="og:title" content="Firefox — Customize and make it your own '
             '— Mozilla">',
             url="https://www.mozilla.org/firefox/customize/")
    assert m.title == "Firefox — Customize and make it your own"


def test_og_site_name_repeating_the_headline_does_not_eat_it() -> None:
    m = meta('<meta property="og:site_name" content="Bürgerbeteiligung für Windpark Steinheim">'
             "<title>Bürgerbeteiligung für Windpark Steinheim | EnBW</title>",
             url="https://www.enbw.com/windpark")
    assert m.title == "Bürgerbeteiligung für Windpark Steinheim"


def test_host_and_author_suffixes_go() -> None:
    m = meta("<title>Samantha and The Great Big Lie - John C. Welch - Medium</title>"
             '<meta name="author" content="John C. Welch">',
             "<h1>Samantha and The Great Big Lie</h1>",
             url="https://medium.com/@jcwelch/samantha-123")
    assert m.title == "Samantha and The Great Big Lie"


def test_the_visible_brand_names_a_site_that_declares_none() -> None:
    """No og:site_name, only a publisher's legal name: the logo of the link home says it."""
    m = meta(ld({"@context": "https://schema.org", "@type": "NewsArticle",
                 "headline": "Neue Velowege", "publisher": {"name": "Tamedia AG"}}),
             '<header><a href="https://www.tagesanzeiger.ch/"><img src="/logo.svg" '
             'alt="Tages-Anzeiger"></a><a href="/">Startseite</a></header><h1>Neue Velowege</h1>',
             url="https://www.tagesanzeiger.ch/neue-velowege-123")
    assert m.site_name == "Tages-Anzeiger"


def test_title_typed_as_the_page_headline_shows_it() -> None:
    m = meta('<meta property="og:title" content="Editor\'s Letter: bye OC Baby - the original '
             'copy"><meta property="og:site_name" content="the original copy">',
             "<h1>Editor’s Letter: bye OC Baby</h1>", url="https://theoriginalcopy.de/baby")
    assert m.title == "Editor’s Letter: bye OC Baby"


def test_a_home_page_keeps_its_name() -> None:
    m = meta('<meta property="og:site_name" content="Chefkoch"><title>Chefkoch</title>',
             url="https://www.chefkoch.de/")
    assert m.title == "Chefkoch"


def test_a_headline_that_starts_like_the_host_is_kept() -> None:
    m = meta("<title>Handball results of the weekend in the league</title>",
             url="https://www.handball.example/news/1")
    assert m.title == "Handball results of the weekend in the league"


def test_site_is_the_brand_not_the_publishers_legal_name() -> None:
    m = meta(ld({"@context": "https://schema.org", "@type": "NewsArticle",
                 "headline": "Stadtrat beschliesst neue Velowege",
                 "publisher": {"@type": "Organization", "name": "Tamedia AG"}})
             + '<meta property="og:site_name" content="Tages-Anzeiger">',
             url="https://www.tagesanzeiger.ch/x")
    assert m.site_name == "Tages-Anzeiger"


def test_wikipedia_is_wikipedia_not_the_foundation() -> None:
    m = meta(ld({"@context": "https://schema.org", "@type": "Article", "name": "Penny",
                 "publisher": {"@type": "Organization", "name": "Wikimedia Foundation, Inc."}})
             + "<title>Penny - Wikipedia</title>", "<h1>Penny</h1>",
             url="https://en.wikipedia.org/wiki/Penny")
    assert (m.title, m.site_name) == ("Penny", "Wikipedia")


def test_a_legal_name_alone_is_said_without_its_legal_form() -> None:
    m = meta(ld({"@context": "https://schema.org", "@type": "NewsArticle",
                 "headline": "Neue Velowege", "publisher": {"name": "Georg GmbH & Co. KG"}}))
    assert m.site_name == "Georg"


@pytest.mark.parametrize(("name", "legal"), [
    ("Tamedia AG", True), ("Wikimedia Foundation, Inc.", True), ("Georg GmbH & Co. KG", True),
    ("DOL Sport UG", True), ("Management Circle AG", True), ("C.A. ULTIMAS NOTICIAS", True),
    ("Deutscher Feuerwehrverband e. V. (DFV)", False), ("Daily Planet", False),
    ("AG Weinbau", False), ("Wochenblatt", False),
])
def test_legal_names(name: str, legal: bool) -> None:
    assert is_legal_name(name) is legal


def test_plain_brand() -> None:
    assert plain_brand("Wikimedia Foundation, Inc.") == "Wikimedia Foundation"
    assert plain_brand("Tamedia AG") == "Tamedia"
    assert plain_brand("AG") == "AG"

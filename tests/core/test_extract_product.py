"""Product pages keep the product (description and price), not the customer reviews.

A small shop page written for the purpose, marked up with schema.org Product microdata as
shops do; its reviews are longer prose than its description.
"""

from __future__ import annotations

from clipper.extract import extract

URL = "https://kaffee.example/products/sidamo-bio-bohnen"
DESCRIPTION = (
    "Aroma: rote Beeren, Zitrusnoten, süßlich und kräftig-würzig. Herkunft: Kooperative der "
    "Kaffeebauern in Sidamo, Äthiopien. Prozess: handgepflückt, gewaschen und an der Sonne "
    "getrocknet. Alle unsere Kaffees sind bio-zertifiziert und fair direkt gehandelt."
)
REVIEW = (
    "Ich habe schon viele Kaffees probiert, aber dieser überzeugt mich in jeder Hinsicht: "
    "Geschmack, Geruch, Aussehen, und auch der Preis ist für einen fair gehandelten, "
    "biologisch angebauten Kaffee in Ordnung, wie ich finde, und ich bestelle ihn wieder."
)


def _page(inside: bool = True) -> str:
    """Reviews marked inside the product, or a review app's widget after it, unmarked."""
    marked = "itemprop='review' itemscope itemtype='http://schema.org/Review'" if inside else ""
    reviews = "".join(
        f"<div class='review' {marked}>"
        f"<b>Sehr gut, Nummer {i}</b><p>{REVIEW}</p>"
        "</div>" for i in range(6))
    section = f"<section class='spr-reviews'><h2>Kundenbewertungen</h2>{reviews}</section>"
    return (
        "<html lang='de'><head><title>Sidamo Bio Bohnen</title></head><body>"
        "<nav><a href='/'>Shop</a> <a href='/kaffee'>Kaffee</a></nav>"
        "<div itemscope itemtype='http://schema.org/Product'>"
        "<h1 itemprop='name'>Sidamo Bio Bohnen</h1>"
        "<p itemprop='offers' itemscope itemtype='http://schema.org/Offer'>"
        "<span itemprop='price' content='27.90'>27,90 €</span>"
        "<meta itemprop='priceCurrency' content='EUR'> inkl. MwSt.</p>"
        f"<div class='tabs'><div itemprop='description'><p>{DESCRIPTION}</p></div></div>"
        f"{section if inside else ''}</div>"
        f"<div class='app-widget'><div class='wrap'>{'' if inside else section}</div></div>"
        "<footer><p>© Kaffee</p></footer></body></html>")


def test_a_product_page_keeps_the_description_and_price_not_the_reviews() -> None:
    a = extract(_page(), URL)
    assert DESCRIPTION[:60] in a.markdown
    assert "27,90 €" in a.markdown
    assert "Ich habe schon viele Kaffees probiert" not in a.markdown
    assert "Kundenbewertungen" not in a.markdown  # the reviews' heading goes with them
    assert "data-clipper-product" not in a.html


def test_reviews_that_outscore_the_product_give_way_to_its_description() -> None:
    a = extract(_page(inside=False), URL)
    assert DESCRIPTION[:60] in a.markdown
    assert "27.90 EUR" in a.markdown
    assert "Ich habe schon viele Kaffees probiert" not in a.markdown


def test_a_page_without_product_data_keeps_its_longest_prose() -> None:
    html = _page(inside=False).replace("schema.org/Product", "schema.org/Thing")
    md = extract(html, URL).markdown
    assert "Ich habe schon viele Kaffees probiert" in md


def _tabbed_page() -> str:
    """A shop's product in tabs: description, details (a table of facts), reviews."""
    rows = "".join(f"<tr><td>{k}:</td><td>{v}</td></tr>" for k, v in (
        ("Alkoholgehalt", "12,5 % vol."), ("Rebsorte", "Grüner Veltliner"),
        ("Trinktemperatur", "8 °C"), ("Verschluss", "Schraubverschluss")))
    def head(name: str) -> str:
        return (f"<div class='tab-header'><a class='tab-title' href='#'>{name}</a></div>"
                "<div class='off-canvas'><a href='#' class='close'>Menü schließen</a></div>")

    review = ("<div itemprop='review' itemscope itemtype='http://schema.org/Review'>"
              f"<p>{REVIEW}</p><table><tr><td>Geschmack</td><td>5/5</td></tr></table></div>")
    return (
        "<html lang='de'><head><title>Grüner Veltliner 2021</title></head><body>"
        "<nav><a href='/'>Shop</a> <a href='/wein'>Wein</a></nav>"
        "<div itemscope itemtype='http://schema.org/Product'>"
        "<h1 itemprop='name'>Grüner Veltliner 2021</h1>"
        "<span itemprop='price' content='9.90'>9,90 €</span>"
        "<div class='tab-menu'><div class='tab-nav'><a href='#'>Beschreibung</a>"
        "<a href='#'>Details</a><a href='#'>Bewertungen</a></div><div class='tab-list'>"
        f"<div class='tab-panel'>{head('Beschreibung')}<div class='tab-content'>"
        f"<div itemprop='description'><p>{DESCRIPTION}</p><p>{DESCRIPTION}</p>"
        f"<p>{DESCRIPTION}</p></div></div></div>"
        f"<div class='tab-panel' id='details'>{head('Details')}<div class='tab-content'>"
        f"<table>{rows}</table></div></div>"
        f"<div class='tab-panel'>{head('Bewertungen')}<div class='tab-content'>{review}</div>"
        "</div>"
        "</div></div></div><footer><p>© Weinhaus</p></footer></body></html>")


def test_the_fact_table_in_the_tab_beside_the_description_follows_it() -> None:
    a = extract(_tabbed_page(), URL)
    assert DESCRIPTION[:60] in a.markdown
    assert "Grüner Veltliner |" in a.markdown  # the details tab's table, as a table
    assert "Schraubverschluss" in a.markdown
    assert "Ich habe schon viele Kaffees probiert" not in a.markdown
    assert "5/5" not in a.markdown  # the reviews' tab gives no facts

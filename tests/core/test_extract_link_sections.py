"""A label over nothing but links to other stories of the site is a related box, in any
language; a list of sources, files, a table of links or a sentence as label stays.

Each case is a small page written for the purpose, in the shape that kept the box in the clip.
"""

from __future__ import annotations

from clipper.extract import extract

SENTENCE = (
    "Die Stadtwerke haben das neue Wärmenetz nach drei Jahren Bauzeit in Betrieb genommen, "
    "und bis zum Winter sollen weitere zweitausend Wohnungen angeschlossen werden."
)
URL = "https://stadtnachrichten.example/2024/03/waermenetz-in-betrieb"


def body(n: int) -> str:
    return "".join(f"<p>{i}. {SENTENCE}</p>" for i in range(n))


def page(inner: str) -> str:
    nav = "".join(f"<li><a href='/r{i}'>Ressort {i}</a></li>" for i in range(10))
    return (f"<html><head><title>Wärmenetz in Betrieb</title></head><body><nav><ul>{nav}</ul>"
            f"</nav><article><h1>Wärmenetz in Betrieb</h1>{inner}</article>"
            f"<footer><p>Impressum</p></footer></body></html>")


def story(slug: str) -> str:
    return f"https://stadtnachrichten.example/2023/{slug}"


def test_a_bold_label_over_embedded_story_links_goes() -> None:
    # "Schon gelesen?" in no list of known headings; two embedded posts of the same site
    box = ("<p><strong>Schon gelesen?</strong></p>"
           f"<blockquote class='wp-embedded-content'><p><a href='{story('solar')}'>"
           "Neue Solaranlage auf dem Rathausdach liefert Strom</a></p></blockquote>"
           f"<blockquote class='wp-embedded-content'><p><a href='{story('bus')}'>"
           "Busse fahren ab Mai im Zehnminutentakt</a></p></blockquote>")
    md = extract(page(f"{body(5)}{box}"), URL).markdown
    assert md.count("Die Stadtwerke") == 5
    for gone in ("Schon gelesen", "Solaranlage", "Zehnminutentakt"):
        assert gone not in md, gone


def test_a_heading_over_dated_story_links_goes_and_the_text_after_it_stays() -> None:
    box = ("<h3>Mehr dazu auf Stadtnachrichten.example</h3><ul>"
           f"<li>2023-01-14: <a href='{story('netz-plan')}'>Stadtrat beschließt den Plan "
           "für das Wärmenetz</a></li>"
           f"<li>2022-06-02: <a href='{story('bohrung')}'>Erste Bohrung für die "
           "Geothermie im Süden der Stadt</a></li></ul>")
    md = extract(page(f"{body(3)}{box}<h2>Wie es weitergeht</h2>{body(2)}"), URL).markdown
    assert md.count("Die Stadtwerke") == 5
    assert "Wie es weitergeht" in md
    for gone in ("Mehr dazu", "Stadtrat beschließt", "Erste Bohrung"):
        assert gone not in md, gone


def test_a_label_opening_a_template_list_goes() -> None:
    box = ("<div><ul class='lnk'><span>Artikel und Videos zum Thema</span>"
           f"<li><a href='{story('video-netz')}'>Video: So funktioniert das Wärmenetz</a></li>"
           "</ul></div>")
    md = extract(page(f"{body(2)}{box}{body(2)}"), URL).markdown
    assert md.count("Die Stadtwerke") == 4
    assert "Artikel und Videos" not in md
    assert "So funktioniert" not in md


def test_sources_files_tables_and_sentences_as_labels_stay() -> None:
    sources = ("<h3>Quellen</h3><ul><li><a href='https://energie.example/bericht'>Bericht der "
               "Energieagentur zum Ausbau</a></li><li><a href='https://amt.example/zahlen'>"
               "Zahlen des Statistischen Amts</a></li></ul>")
    files = (f"<h3>Unterlagen</h3><ul><li><a href='{story('plan.pdf')}'>Der Plan des Netzes "
             f"als PDF</a></li><li><a href='{story('karte.pdf')}'>Die Karte der Anschlüsse</a>"
             "</li></ul>")
    table = ("<h3>Bezirke</h3><table><thead><tr><th>Bezirk</th><th>Anschluss</th></tr></thead>"
             f"<tr><td><a href='{story('nord')}'>Anschluss im Norden der Stadt</a></td>"
             "<td>2024</td></tr>"
             f"<tr><td><a href='{story('sued')}'>Anschluss im Süden der Stadt</a></td>"
             "<td>2025</td></tr></table>")
    sentence = ("<p><strong>Lesen Sie dazu auch die Mitteilungen der Stadtwerke:</strong></p>"
                f"<ul><li><a href='{story('m1')}'>Mitteilung Nr. 3 vom Mai</a></li>"
                f"<li><a href='{story('m2')}'>Mitteilung Nr. 2 vom April</a></li></ul>")
    md = extract(page(f"{body(3)}{sources}{body(1)}{files}{body(1)}{table}{body(1)}"
                      f"{sentence}"), URL).markdown
    for kept in ("Quellen", "Bericht der Energieagentur", "Unterlagen", "Der Plan des Netzes",
                 "Bezirke", "Anschluss im Norden", "Lesen Sie dazu", "Mitteilung Nr. 3"):
        assert kept in md, kept


def test_cut_off_excerpts_linking_to_the_rest_go_and_an_ellipsis_in_the_text_stays() -> None:
    # a portal's teaser cards: a title, an excerpt cut at "…", a button named in no list
    cards = "".join(
        f"<dl class='portlet'><dd><p><b>{title}</b><br><span>{excerpt}</span> "
        f"<a href='{story(slug)}'>mehr •••</a></p></dd></dl>"
        for title, excerpt, slug in (
            ("Wärmeatlas", "Daten für Planung und Forschung…", "atlas"),
            ("Gutachten", "Auskunft über vergangene Verbräuche…", "gutachten")))
    own = ("<p>„Wir sind noch nicht am Ziel…“ – mehr sagte der Bürgermeister im "
           f"<a href='{story('interview')}'>Interview</a> nicht.</p>")
    md = extract(page(f"{body(4)}{own}{cards}"), URL).markdown
    assert md.count("Die Stadtwerke") == 4
    assert "mehr sagte der Bürgermeister im [Interview]" in md
    for gone in ("Wärmeatlas", "Daten für Planung", "vergangene Verbräuche", "mehr •••"):
        assert gone not in md, gone


def test_excerpts_cut_with_three_dots_go_too() -> None:
    # the same cards typed with three full stops for the ellipsis
    cards = "".join(
        f"<div class='teaser'><p><b>{title}</b><br>{excerpt}... "
        f"<a href='{story(slug)}'>weiter</a></p></div>"
        for title, excerpt, slug in (
            ("Fernwärme", "Was der Anschluss an das Netz kostet", "kosten"),
            ("Baustellen", "Wo im Sommer noch gegraben wird", "baustellen")))
    md = extract(page(f"{body(4)}{cards}"), URL).markdown
    assert md.count("Die Stadtwerke") == 4
    for gone in ("Fernwärme", "Anschluss an das Netz kostet", "noch gegraben"):
        assert gone not in md, gone


def test_an_archive_made_of_cut_excerpts_keeps_them() -> None:
    posts = "".join(
        f"<div class='post'><h2>Beitrag {i}</h2><p>Heute ging es im Stadtrat um das Wärmenetz, "
        f"den Busverkehr und die Bibliothek, und am Ende stand ein Beschluss {i}…"
        f" <a href='{story(f'beitrag-{i}')}'>weiter</a></p></div>" for i in range(6))
    md = extract(page(f"<p>Alle Beiträge aus dem März.</p>{posts}"), URL).markdown
    assert md.count("Heute ging es im Stadtrat") == 6


def test_a_label_inside_a_dropped_box_is_not_dropped_again() -> None:
    # the box's inner label heads links of its own: the box goes once, and the log says so
    box = ("<h3>Schon gelesen?</h3><blockquote><p><strong>Noch mehr aus der Stadt</strong></p>"
           f"<p><a href='{story('solar')}'>Neue Solaranlage auf dem Rathausdach</a></p>"
           f"<p><a href='{story('bus')}'>Busse fahren ab Mai im Zehnminutentakt</a></p>"
           "</blockquote>")
    article = extract(page(f"{body(5)}{box}"), URL)
    assert "Solaranlage" not in article.markdown
    related = [b.text for b in article.dropped if b.reason == "related links"]
    assert sum("Solaranlage" in text for text in related) == 1, related

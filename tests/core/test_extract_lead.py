"""The lead paragraph under the headline comes along when the body's container leaves it
out, even when the page's description does not repeat it (``clipper.extract.lead``).

Small pages written for the purpose: a club's press release and a science magazine's FAQ.
"""

from __future__ import annotations

from clipper.extract import extract

BODY = [
    "Mit Sorge hat der Landesverband der Imker auf den Fund der Asiatischen Hornisse im "
    "Kreis Lippe reagiert. Die Tiere jagen Honigbienen vor dem Flugloch und können ein "
    "schwaches Volk innerhalb weniger Wochen an den Rand des Zusammenbruchs bringen.",
    "Der Verband fordert, dass jeder Fund sofort an das Umweltamt gemeldet wird. Nur wenn "
    "die Nester früh gefunden werden, lassen sie sich im Herbst entfernen, bevor die "
    "jungen Königinnen ausfliegen und im nächsten Jahr neue Nester gründen.",
    "Die Imkerinnen und Imker im Land sollen ihre Fluglöcher enger stellen und die Völker "
    "in den kommenden Wochen häufiger kontrollieren. Der Verband bietet dazu im September "
    "drei Abendkurse an, die allen Mitgliedern offenstehen.",
    "Seit dem ersten Nachweis im Südwesten vor zehn Jahren hat sich die Hornisse, die mit "
    "Töpferwaren aus Asien nach Europa kam, Jahr für Jahr weiter nach Norden ausgebreitet, "
    "und in den Städten, wo die Winter milder sind, findet sie besonders gute Bedingungen.",
    "Fachleute raten davon ab, Nester selbst zu entfernen. Die Tiere verteidigen ihr Nest, "
    "die Stiche sind schmerzhaft, und wer ein Nest beschädigt, vertreibt das Volk oft nur, "
    "das sich dann wenige Meter weiter ein neues baut, das noch schwerer zu finden ist.",
    "Der Verband will im Winter gemeinsam mit dem Umweltamt auswerten, wie viele Funde "
    "gemeldet wurden, und im Frühjahr entscheiden, ob Fallen an den Bienenständen helfen, "
    "ohne dass dabei zu viele heimische Insekten, Schwebfliegen oder Wespen gefangen werden.",
]

PAGE = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8">
<title>Hornissen bedrohen Bienenvölker | Imkerverband Nord</title>
<meta name="description" content="Pressemitteilung des Imkerverbands Nord vom 4. August.">
</head><body>
<nav class="main-nav"><a href="/">Start</a> <a href="/presse">Presse</a>
<a href="/kurse">Kurse</a> <a href="/kontakt">Kontakt</a></nav>
<div class="news-reader"><div class="container">
<div class="intro">
<h1>Hornissen bedrohen Bienenvölker</h1>
<div class="date">4. August 2024 (IVN) Detmold</div>
<div class="teaser-text">{lead}</div>
</div>
<div class="content text">
{body}
</div>
</div></div>
<footer><p>Imkerverband Nord e. V. · Impressum · Datenschutz</p></footer>
</body></html>
"""

LEAD = ("<p>Der Imkerverband fordert eine schnelle Meldung aller Funde der Asiatischen "
        "Hornisse. Die Bienenvölker im Land seien ohne Hilfe nicht zu schützen.</p>")


def _page(lead: str = LEAD) -> str:
    return PAGE.format(lead=lead, body="\n".join(f"<p>{p}</p>" for p in BODY))


def test_the_lead_under_the_headline_starts_the_clip() -> None:
    md = extract(_page(), "https://imker-nord.example/presse/hornissen").markdown
    assert "Der Imkerverband fordert eine schnelle Meldung" in md
    assert md.index("Der Imkerverband fordert") < md.index("Mit Sorge hat der Landesverband")
    assert "drei Abendkurse" in md
    assert "Impressum" not in md


def test_a_short_line_under_the_headline_is_not_a_lead() -> None:
    md = extract(_page("<p>Lesedauer etwa vier Minuten</p>"),
                 "https://imker-nord.example/presse/hornissen").markdown
    assert "Lesedauer" not in md
    assert "Mit Sorge hat der Landesverband" in md


def test_a_linked_teaser_under_the_headline_is_not_a_lead() -> None:
    teaser = ('<p><a href="/presse/wespen">Auch Wespen machen den Völkern in diesem Sommer zu '
              "schaffen, wie die Imker im ganzen Land berichten und wie die Zahlen zeigen.</a></p>")
    md = extract(_page(teaser), "https://imker-nord.example/presse/hornissen").markdown
    assert "Auch Wespen machen" not in md


def test_a_blog_s_tagline_under_its_name_is_not_a_lead() -> None:
    # the page's title is the blog's name, set over every post as a link home
    page = _page().replace("<title>Hornissen bedrohen Bienenvölker | Imkerverband Nord</title>",
                           "<title>Hornissen bedrohen Bienenvölker</title>").replace(
        "<h1>Hornissen bedrohen Bienenvölker</h1>",
        '<h1><a href="https://imker-nord.example/">Hornissen bedrohen Bienenvölker</a></h1>')
    md = extract(page, "https://imker-nord.example/presse/hornissen").markdown
    assert "Der Imkerverband fordert eine schnelle Meldung" not in md
    assert "Mit Sorge hat der Landesverband" in md


def test_an_author_note_under_the_headline_is_not_a_lead() -> None:
    note = ('<p class="article-byline">Von Jana Berg, die seit zwanzig Jahren über Bienen und '
            "die Imkerei im Land schreibt und selbst zwölf Völker hält.</p>")
    md = extract(_page(note), "https://imker-nord.example/presse/hornissen").markdown
    assert "die seit zwanzig Jahren" not in md


def test_a_caption_beside_a_picture_under_the_headline_is_not_a_lead() -> None:
    caption = ('<img src="/bilder/hornisse.jpg" alt=""><p>Eine Asiatische Hornisse vor einem '
               "Bienenstock bei Detmold, wo im Juli das erste Nest im Kreis gefunden wurde.</p>")
    md = extract(_page(caption), "https://imker-nord.example/presse/hornissen").markdown
    assert "vor einem Bienenstock bei Detmold" not in md


def test_a_subheadline_right_under_the_headline_comes_along() -> None:
    dek = ("<h2>Der Landesverband der Imker warnt vor der Asiatischen Hornisse und bittet alle "
           "Bürger um Hilfe bei der Suche</h2>")
    page = _page("").replace("<h1>Hornissen bedrohen Bienenvölker</h1>",
                             f"<h1>Hornissen bedrohen Bienenvölker</h1>\n{dek}")
    md = extract(page, "https://imker-nord.example/presse/hornissen").markdown
    assert "bittet alle Bürger um Hilfe bei der Suche" in md
    assert md.index("bittet alle Bürger") < md.index("Mit Sorge hat der Landesverband")


def test_a_short_section_heading_under_the_headline_is_no_subheadline() -> None:
    page = _page("").replace("<h1>Hornissen bedrohen Bienenvölker</h1>",
                             "<h1>Hornissen bedrohen Bienenvölker</h1>\n<h2>Presse</h2>")
    md = extract(page, "https://imker-nord.example/presse/hornissen").markdown
    assert "Presse" not in md


def test_a_tagline_under_a_headline_in_a_banner_is_no_subheadline() -> None:
    tagline = ("<h2>notizen aus den Bienenstöcken, mit Tipps und Tricks aus vierzig Jahren bei "
               "den Bienen und für die Imker</h2>")
    page = _page("").replace("<h1>Hornissen bedrohen Bienenvölker</h1>",
                             f"<h1>Hornissen bedrohen Bienenvölker</h1>\n{tagline}")
    md = extract(page, "https://imker-nord.example/presse/hornissen").markdown
    assert "notizen aus den Bienenstöcken" not in md
    banner = page.replace('<div class="intro">', '<div class="intro banner">').replace(
        "<h2>notizen aus", "<h2>Notizen aus")
    md = extract(banner, "https://imker-nord.example/presse/hornissen").markdown
    assert "Notizen aus den Bienenstöcken" not in md


def test_a_prompt_the_cleaning_drops_from_the_body_does_not_come_back_as_its_lead() -> None:
    # the newsletter box stands first in the body's own container: the cleaning drops it,
    # and it is no lead standing outside the body either
    box = ('<div class="newsletter-box"><p>Melden Sie sich jetzt für unseren Newsletter an und '
           "erhalten Sie jeden Freitag die wichtigsten Nachrichten aus dem Verband direkt in "
           "Ihr Postfach.</p></div>")
    page = _page("").replace('<div class="content text">', f'<div class="content text">\n{box}')
    md = extract(page, "https://imker-nord.example/presse/hornissen").markdown
    assert "Newsletter" not in md
    assert md.startswith("Mit Sorge hat der Landesverband")


def test_an_author_box_or_sidebar_between_headline_and_body_is_not_a_lead() -> None:
    # named as such two levels up, not on the paragraph or its parent
    bio = ("<p>Jana Berg schreibt seit zwanzig Jahren über Bienen und die Imkerei im Land und "
           "hält selbst zwölf Völker in ihrem Garten.</p>")
    for box in (f'<div class="author-box"><div class="inner">{bio}</div></div>',
                f'<div id="sidebar"><section>{bio}</section></div>'):
        md = extract(_page(box), "https://imker-nord.example/presse/hornissen").markdown
        assert "Jana Berg schreibt" not in md
        assert md.startswith("Mit Sorge hat der Landesverband")


def test_a_byline_set_as_a_subheading_under_the_headline_is_not_a_lead() -> None:
    byline = ('<h2 class="article-byline">Von Jana Berg, die seit zwanzig Jahren über Bienen '
              "und die Imkerei im Land schreibt und selbst zwölf Völker hält</h2>")
    page = _page("").replace("<h1>Hornissen bedrohen Bienenvölker</h1>",
                             f"<h1>Hornissen bedrohen Bienenvölker</h1>\n{byline}")
    md = extract(page, "https://imker-nord.example/presse/hornissen").markdown
    assert "die seit zwanzig Jahren" not in md
    assert md.startswith("Mit Sorge hat der Landesverband")


def test_the_teaser_of_this_article_in_a_top_stories_strip_is_not_its_lead() -> None:
    # the strip over the page names this article too, as an h2 before the page's h1
    strip = ('<div class="top-stories"><div class="story"><h2><a href="/presse/hornissen">'
             "Hornissen bedrohen Bienenvölker</a></h2><p>Die Imker im Land schlagen Alarm, "
             "denn die Asiatische Hornisse breitet sich weiter aus und bedroht die Völker.</p>"
             "</div></div>")
    page = _page().replace('<nav class="main-nav">', f'{strip}\n<nav class="main-nav">')
    md = extract(page, "https://imker-nord.example/presse/hornissen").markdown
    assert "schlagen Alarm" not in md
    assert md.startswith("Der Imkerverband fordert eine schnelle Meldung")


def test_a_subheadline_and_the_lead_under_it_both_come_along() -> None:
    dek = ("<h2>Der Landesverband der Imker warnt vor der Asiatischen Hornisse und bittet alle "
           "Bürger um Hilfe bei der Suche</h2>")
    page = _page().replace("<h1>Hornissen bedrohen Bienenvölker</h1>",
                           f"<h1>Hornissen bedrohen Bienenvölker</h1>\n{dek}")
    md = extract(page, "https://imker-nord.example/presse/hornissen").markdown
    assert md.index("bittet alle Bürger") < md.index("Der Imkerverband fordert") \
        < md.index("Mit Sorge hat der Landesverband")
    assert md.count("bittet alle Bürger") == 1
    assert md.count("Der Imkerverband fordert") == 1


def test_a_lead_repeating_the_subheadline_comes_once() -> None:
    text = ("Der Landesverband der Imker warnt vor der Asiatischen Hornisse und bittet alle "
            "Bürger um Hilfe bei der Suche.")
    page = _page(f"<p>{text}</p>").replace(
        "<h1>Hornissen bedrohen Bienenvölker</h1>",
        f"<h1>Hornissen bedrohen Bienenvölker</h1>\n<h2>{text}</h2>")
    md = extract(page, "https://imker-nord.example/presse/hornissen").markdown
    assert md.count("bittet alle Bürger") == 1
    assert md.index("bittet alle Bürger") < md.index("Mit Sorge hat der Landesverband")

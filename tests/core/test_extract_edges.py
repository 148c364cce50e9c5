"""What a template puts after the article's last paragraph leaves the clip.

A share prompt, a rating question, a call to sign up, a licence line: short blocks with few
prose words (jusText's verdict, in any language) after the last prose of the article, in
the same container, under no name that says what they are. The writer's own ending stays:
a short closing sentence, a sign-off sentence with a link, a list, a line of sources.
Small pages written for the purpose: a German garden-club article and an English
council notice.
"""

from __future__ import annotations

from clipper.extract import extract

GERMAN = [
    "Im Frühjahr beginnt im Garten die schönste Zeit des Jahres, und wer jetzt die Beete "
    "vorbereitet, wird im Sommer reich belohnt. Der Boden sollte dafür locker und gut "
    "durchlüftet sein, damit die jungen Wurzeln schnell wachsen können.",
    "Bevor die ersten Samen in die Erde kommen, lohnt sich ein Blick auf die Fruchtfolge. "
    "Wo im letzten Jahr Tomaten standen, sollten in diesem Jahr besser Bohnen oder Erbsen "
    "wachsen, denn sie bringen den Stickstoff zurück in den Boden.",
    "Auch der Kompost ist jetzt reif und kann auf die Beete verteilt werden. Eine dünne "
    "Schicht reicht völlig aus, denn zu viel Dünger schadet den meisten Gemüsesorten mehr, "
    "als er ihnen nützt, und lockt außerdem die Schnecken an.",
]

GERMAN_PAGE = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Das Beet im Frühjahr</title></head>
<body><header><a href="/">Gartenfreunde Nord</a></header>
<main><div class="inhalt">
<h1>Das Beet im Frühjahr</h1>
{paragraphs}
<p>{closing}</p>
<p><strong>Möchten Sie den Artikel teilen?</strong></p>
<p>Wie bewerten Sie diesen Artikel?</p>
<p>hilfreich nicht hilfreich</p>
<p><em>Keine Neuigkeiten verpassen? <a href="/newsletter">Hier anmelden</a></em></p>
</div></main>
<footer><p>Impressum</p></footer></body></html>
"""


def _german(closing: str) -> str:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in GERMAN)
    return GERMAN_PAGE.format(paragraphs=paragraphs, closing=closing)


def test_prompts_after_the_last_paragraph_leave_the_clip() -> None:
    md = extract(_german("Viel Freude beim Gärtnern wünscht Ihnen der Vorstand!"),
                 "https://gartenfreunde.example/beet").markdown
    assert "Der Boden sollte dafür locker" in md
    assert "zu viel Dünger schadet" in md
    assert "Möchten Sie den Artikel teilen" not in md
    assert "Wie bewerten Sie diesen Artikel" not in md
    assert "hilfreich" not in md
    assert "Hier anmelden" not in md


def test_a_short_closing_sentence_of_the_writer_stays() -> None:
    md = extract(_german("Viel Freude beim Gärtnern wünscht Ihnen der Vorstand!"),
                 "https://gartenfreunde.example/beet").markdown
    assert "Viel Freude beim Gärtnern wünscht Ihnen der Vorstand!" in md


def test_a_closing_sentence_with_a_link_stays() -> None:
    closing = ("Die Termine für die nächsten Pflanzentage finden Sie in unserem "
               '<a href="/termine">Kalender</a>.')
    md = extract(_german(closing), "https://gartenfreunde.example/beet").markdown
    assert "Die Termine für die nächsten Pflanzentage" in md
    assert "Möchten Sie den Artikel teilen" not in md


ENGLISH = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Bridge Street closure</title></head>
<body><div id="page"><div class="region">
<h1>Bridge Street closure</h1>
<p>Bridge Street will be closed to all traffic between the market square and the river
from Monday 3 March for six weeks while the council replaces the water main under the
road. Buses will follow a signed diversion along Mill Lane and the ring road.</p>
<p>Pedestrians will still be able to reach the shops on both sides of the street, and the
footbridge at the end of the road stays open throughout the works. Deliveries to the
shops can be made before nine in the morning and after six in the evening.</p>
<p>The council apologises for the disruption and thanks residents for their patience while
the work is carried out, which was planned with the bus companies and the traders.</p>
<p>Sources: <a href="/notice/114">notice 114</a>, <a href="/map">works map</a>,
<a href="/buses">bus diversions</a></p>
<ul><li>Start: 3 March</li><li>End: 14 April</li></ul>
<p>Share this page</p>
<p>© 2025 Riverside Council. All rights reserved.</p>
</div></div></body></html>
"""


def test_lists_and_source_lines_stay_and_the_cutting_stops_there() -> None:
    md = extract(ENGLISH, "https://riverside.example/news/bridge-street").markdown
    assert "Start: 3 March" in md
    assert "End: 14 April" in md
    assert "bus diversions" in md
    assert "Share this page" not in md
    assert "All rights reserved" not in md


RATING_PAGE = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Das Beet im Frühjahr</title></head>
<body><main><div class="inhalt">
<h1>Das Beet im Frühjahr</h1>
{paragraphs}
<h2>{heading}</h2>
<p><span>hilfreich</span> <span>nicht hilfreich</span></p>
</div></main></body></html>
"""


def test_a_heading_that_asks_goes_with_the_box_under_it() -> None:
    page = RATING_PAGE.format(paragraphs="\n".join(f"<p>{p}</p>" for p in GERMAN),
                              heading="Wie bewerten Sie diesen Artikel?")
    md = extract(page, "https://gartenfreunde.example/beet").markdown
    assert "zu viel Dünger schadet" in md
    assert "Wie bewerten Sie diesen Artikel" not in md
    assert "hilfreich" not in md


def test_a_plain_heading_stops_the_cut() -> None:
    page = RATING_PAGE.format(paragraphs="\n".join(f"<p>{p}</p>" for p in GERMAN),
                              heading="Unsere Sorten")
    md = extract(page, "https://gartenfreunde.example/beet").markdown
    assert "## Unsere Sorten" in md
    assert "hilfreich" not in md


LEAD_PAGE = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Das Beet im Frühjahr</title></head>
<body><main><div class="inhalt">
<p><a href="/">Start</a> › <a href="/garten">Garten</a> ›
<a href="/garten/fruehjahr">Frühjahr</a></p>
<p><a href="#rezept">Zum Pflanzplan</a> <a href="/drucken">Drucken</a></p>
{lead}
{paragraphs}
</div></main></body></html>
"""


def test_link_bars_before_the_first_paragraph_go() -> None:
    page = LEAD_PAGE.format(lead="", paragraphs="\n".join(f"<p>{p}</p>" for p in GERMAN))
    md = extract(page, "https://gartenfreunde.example/beet").markdown
    assert "Im Frühjahr beginnt im Garten" in md
    assert "Start" not in md
    assert "Zum Pflanzplan" not in md


def test_labels_stay_and_a_standfirst_ends_the_part_before_the_prose() -> None:
    standfirst = "<p>Wie man die Beete im März vorbereitet.</p>"
    page = LEAD_PAGE.replace('<div class="inhalt">',
                             f'<div class="inhalt">\n<p>Am 12. März</p>\n{standfirst}')
    page = page.format(lead="", paragraphs="\n".join(f"<p>{p}</p>" for p in GERMAN))
    md = extract(page, "https://gartenfreunde.example/beet").markdown
    assert "Am 12" in md
    assert "Zum Pflanzplan" in md  # after the standfirst: not before the prose
    page = LEAD_PAGE.replace('<div class="inhalt">', '<div class="inhalt">\n<p>Am 12. März</p>')
    page = page.format(lead="", paragraphs="\n".join(f"<p>{p}</p>" for p in GERMAN))
    md = extract(page, "https://gartenfreunde.example/beet").markdown
    assert "Am 12" in md
    assert "Zum Pflanzplan" not in md


def test_a_signed_closing_sentence_stays() -> None:
    closing = "Ich fürchte, das findet nie eine Mehrheit. <a href='/autoren/ts'>--TS</a>"
    md = extract(_german(closing), "https://gartenfreunde.example/beet").markdown
    assert "das findet nie eine Mehrheit" in md
    assert "Möchten Sie den Artikel teilen" not in md


def test_a_line_of_many_commas_stops_the_cut() -> None:
    squad = ("Kader: Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, "
             "Schulz, Hoffmann, Koch, Richter")
    md = extract(_german(f"Viel Freude beim Gärtnern!</p><p>{squad}"),
                 "https://gartenfreunde.example/beet").markdown
    assert "Schulz, Hoffmann, Koch, Richter" in md
    assert "Möchten Sie den Artikel teilen" not in md


def test_a_closing_quotation_stays() -> None:
    closing = "„Wir freuen uns schon darauf, wenn es im Mai endlich weitergeht.“"
    md = extract(_german(closing), "https://gartenfreunde.example/beet").markdown
    assert "endlich weitergeht." in md
    assert "Möchten Sie den Artikel teilen" not in md


def test_a_closing_sentence_mostly_of_links_in_running_prose_stays() -> None:
    closing = ("Wer mehr wissen will, kann sich <a href='/fruchtfolge'>die ausführliche "
               "Anleitung zur Fruchtfolge im Gemüsegarten</a> und <a href='/aussaat'>unseren "
               "Kalender für die Aussaat im Frühjahr</a> ansehen, denn dort stehen auch die "
               "Termine.")
    md = extract(_german(closing), "https://gartenfreunde.example/beet").markdown
    assert "Wer mehr wissen will" in md
    assert "Möchten Sie den Artikel teilen" not in md


BLOG_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Dahlias in August</title></head>
<body><div id="wrap"><div class="post">
<h1>Dahlias in August</h1>
<div class="entry">
<p>The dahlias along the south fence finally opened this week, three weeks later than last
year, after the long wet spell in July that kept the whole border behind. The dinner-plate
ones are the size of my hand and the bees have not left them alone since Tuesday.</p>
<p>I staked every plant in June this time, and it paid off: the storm on Saturday flattened
the sweet peas next door but the dahlias stood straight. Next year I will stake the asters
too, because they leaned over the path by the end of the month.</p>
<p>I am cutting a bunch for the kitchen table every other day now, which only seems to make
them flower harder. The pale yellow one from the swap at the allotment is my favourite.</p>
{ending}
</div>
<div class="share"><p>Share this post</p></div>
</div></div></body></html>
"""


def test_the_writers_last_word_to_the_reader_stays() -> None:
    page = BLOG_PAGE.format(ending="<p>What flowers are you loving this summer?</p>\n"
                                   "<p>Happy gardening!</p>")
    md = extract(page, "https://dahlia.example/2024/08/dahlias").markdown
    assert "What flowers are you loving this summer?" in md
    assert "Happy gardening!" in md
    assert "pale yellow one" in md


def test_a_long_closing_list_set_as_a_paragraph_stays() -> None:
    # few stop words (names, years, slashes), no sentence's end: still the writer's
    awards = ("Auszeichnungen: 2021 Goldene Rose der Gartenbauschau Kiel // 2019 Preis des "
              "Landesverbands der Kleingärtner // 2018 Nominierung Staudenpreis Nord // 2016 "
              "Sonderpreis Naturgarten des Kreises Plön // 2014 Blühendes Dorf, Silbermedaille")
    md = extract(_german(f"Viel Freude beim Gärtnern!</p><p>{awards}"),
                 "https://gartenfreunde.example/beet").markdown
    assert "2014 Blühendes Dorf, Silbermedaille" in md
    assert "Möchten Sie den Artikel teilen" not in md


def test_a_closing_paragraph_in_a_second_language_stays() -> None:
    quoted = ("Até agora as hortas comunitárias de Lisboa, do Porto e de Coimbra receberam "
              "sementes da associação, e muitas famílias plantaram pela primeira vez as suas "
              "próprias couves e batatas no bairro.")
    md = extract(_german(f"In Portugal schreibt der Partnerverein dazu:</p><p>{quoted}"),
                 "https://gartenfreunde.example/beet").markdown
    assert "In Portugal schreibt der Partnerverein dazu:" in md
    assert "as suas próprias couves" in md
    assert "Möchten Sie den Artikel teilen" not in md


def test_a_long_licence_line_after_the_text_still_goes() -> None:
    licence = ("© 2025 Gartenfreunde Nord e. V. Alle Rechte vorbehalten. Nachdruck, auch "
               "auszugsweise, sowie die Verbreitung in elektronischen Medien nur mit "
               "schriftlicher Genehmigung des Vereins und unter Nennung der Quelle.")
    md = extract(_german(f"Viel Freude beim Gärtnern!</p><p>{licence}"),
                 "https://gartenfreunde.example/beet").markdown
    assert "Alle Rechte vorbehalten" not in md
    assert "zu viel Dünger schadet" in md


def test_a_long_run_of_at_signs_after_the_text_takes_no_quadratic_search() -> None:
    # ASCII art set in "@" signs, one run without a space: looking for a mail address in
    # it took time growing with the square of its length (8 s for 80,000 signs)
    art = "@" * 80_000
    md = extract(_german(f"Viel Freude beim Gärtnern!</p><p>{art}"),
                 "https://gartenfreunde.example/beet").markdown
    assert "zu viel Dünger schadet" in md
    assert "Viel Freude beim Gärtnern!" in md

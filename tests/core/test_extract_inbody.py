"""Lines inside the article body that are not the article: credits, meta lines, buttons.

Each case is a small page written for the purpose, in the shape that kept the line in the clip.
"""

from __future__ import annotations

from clipper.extract import extract
from tests.helpers import thread_pages

SENTENCE = (
    "Der Gemeinderat hat den neuen Haushalt nach einer langen Debatte über Verkehr, Wohnen "
    "und die Zukunft der Stadtbibliothek beschlossen, die viele Bürger erhalten wollten."
)
URL = "https://zeitung.example/2024/05/haushalt-beschlossen"


def body(n: int) -> str:
    return "".join(f"<p>{i}. {SENTENCE}</p>" for i in range(n))


def page(inner: str, title: str = "Haushalt beschlossen") -> str:
    nav = "".join(f"<li><a href='/s{i}'>Ressort {i}</a></li>" for i in range(10))
    return (f"<html><head><title>{title}</title></head><body><header><nav><ul>{nav}</ul>"
            f"</nav></header>{inner}<footer><p>Impressum</p></footer></body></html>")


def test_the_credit_of_a_caption_known_by_its_place_is_cut() -> None:
    # No figure, no "caption" class: the caption is the short block right after the photo.
    photo = ("<div class='img-inline'><a href='/big/rathaus.jpg'><img src='/rathaus.jpg'></a>"
             "</div><p class='imagedescription'>Das Rathaus am Abend. © AFP / JANE DOE</p>")
    card = ("<div><a href=''><div class='ratio'><picture><img src='/saal.jpg' alt='Saal'>"
            "</picture></div></a><div class='text-grey'>Der Saal war voll. | © Max Muster/Agentur"
            "</div></div>")
    html = page(f"<article><h1>Haushalt beschlossen</h1>{body(2)}{photo}{body(2)}{card}"
                f"{body(2)}</article>")
    md = extract(html, URL).markdown
    assert md.count("Der Gemeinderat") == 6
    assert "Das Rathaus am Abend." in md
    assert "Der Saal war voll." in md
    for credit in ("AFP", "JANE DOE", "Max Muster", "©", "voll. |"):
        assert credit not in md, credit


def test_an_agency_credit_closing_a_caption_is_cut_and_the_caption_stays() -> None:
    figure = ("<figure><img src='/p.jpg' alt=''><figcaption>La alcaldesa durante la sesión "
              "(REUTERS/Juan Pérez)</figcaption></figure>")
    other = ("<figure><img src='/q.jpg' alt=''><figcaption>Vista del puerto (derecha/izquierda)"
             "</figcaption></figure>")
    html = page(f"<article><h1>Haushalt beschlossen</h1>{body(2)}{figure}{body(2)}{other}"
                f"{body(1)}</article>")
    md = extract(html, URL).markdown
    assert "La alcaldesa durante la sesión" in md
    assert "REUTERS" not in md
    assert "Juan Pérez" not in md
    assert "Vista del puerto (derecha/izquierda)" in md


def test_a_long_post_meta_line_goes() -> None:
    # WordPress themes end a post with its meta line, longer than a small box and with few
    # links.
    meta = ("<div class='postmetadata alt'>Erstellt am Dienstag 6. Mai 2014 um 23:30 und "
            "abgelegt unter <a href='/c/linux'>Linux</a>. Kommentare zu diesem Eintrag im RSS "
            "2.0 Feed. Kommentare und Pings sind derzeit nicht erlaubt, aber du kannst einen "
            "Trackback von deiner eigenen Seite setzen.</div>")
    html = page(f"<article><h1>Haushalt beschlossen</h1>{body(4)}{meta}</article>")
    md = extract(html, URL).markdown
    assert md.count("Der Gemeinderat") == 4
    assert "Erstellt am" not in md
    assert "Trackback" not in md


def test_a_mail_link_with_no_address_is_a_share_button() -> None:
    share = ("<div id='productShare'><a href='https://www.facebook.com/sharer/sharer.php?u=x'>"
             "Teilen</a> <a href='mailto:?subject=Haushalt&amp;body=https%3A%2F%2Fzeitung."
             "example%2Fh'>Senden</a></div>")
    contact = (f"<p>Fragen an <a href='mailto:redaktion@zeitung.example'>die Redaktion</a>. "
               f"{SENTENCE}</p>")
    html = page(f"<article><h1>Haushalt beschlossen</h1>{body(3)}{share}{contact}</article>")
    md = extract(html, URL).markdown
    assert "Senden" not in md
    assert "[die Redaktion](mailto:redaktion@zeitung.example)" in md


def test_a_disclaimer_box_goes() -> None:
    note = ("<p class='aawp-disclaimer'>Letzte Aktualisierung am 2.02.2022 / Bei den "
            "Verlinkungen handelt es sich um Affiliate Links</p>")
    html = page(f"<article><h1>Haushalt beschlossen</h1>{body(2)}{note}{body(2)}</article>")
    md = extract(html, URL).markdown
    assert md.count("Der Gemeinderat") == 4
    assert "Affiliate" not in md


def test_a_line_that_only_names_the_source_goes() -> None:
    source = "<p><span style='font-size: 8pt'><em>Quelle: Landesregierung</em></span></p>"
    html = page(f"<article><h1>Haushalt beschlossen</h1>{body(2)}{source}<h2>Saarland</h2>"
                f"{body(2)}<p><em>Source: Deutscher Städtetag, 2. Februar 2022</em></p>"
                "<p>Quelle der Zahlen ist der Bericht des Kämmerers, der im Netz steht.</p>"
                "</article>")
    md = extract(html, URL).markdown
    assert md.count("Der Gemeinderat") == 4
    assert "Landesregierung" not in md
    assert "Städtetag" not in md
    assert "Quelle der Zahlen ist der Bericht des Kämmerers" in md


def test_a_labelled_credit_after_the_captions_sentence_is_cut() -> None:
    figure = ("<figure class='gallery'><img src='/b.jpg' alt=''><figcaption><p>La bendición se "
              "realizará mañana. Foto: LN</p></figcaption></figure>")
    other = ("<figure><img src='/c.jpg' alt=''><figcaption>Bild: der alte Stadtplan von 1850"
             "</figcaption></figure>")
    html = page(f"<article><h1>Haushalt beschlossen</h1>{body(2)}{figure}{body(2)}{other}"
                f"{body(1)}</article>")
    md = extract(html, URL).markdown
    assert "La bendición se realizará mañana." in md
    assert "Foto: LN" not in md
    assert "Bild: der alte Stadtplan von 1850" in md


def test_a_line_that_only_dates_the_post_goes_and_a_sentence_with_a_date_stays() -> None:
    html = page(f"<article><h1>Haushalt beschlossen</h1>{body(3)}"
                "<p><b>Aktualisiert am </b>17.01.2021.</p>"
                "<div>Updated: 2021-01-17 10:30</div>"
                "<p>Die Sitzung am 12.01.2021 dauerte bis nach Mitternacht.</p></article>")
    md = extract(html, URL).markdown
    assert md.count("Der Gemeinderat") == 3
    assert "Aktualisiert" not in md
    assert "Updated" not in md
    assert "Die Sitzung am 12.01.2021 dauerte bis nach Mitternacht." in md


def test_a_line_holding_only_a_time_element_goes_whatever_the_month_word() -> None:
    # "16 marca 2021" is no numeric date; its <time> says what it is, in any language
    html = page("<article><header><h1>Haushalt beschlossen</h1><p><time class='updated' "
                "datetime='2021-03-16'>16 marca 2021</time></p></header>"
                f"{body(3)}<p>Opublikowano <time datetime='2021-03-17'>17 marca 2021</time></p>"
                "<p>Die Sitzung am <time>12. März</time> dauerte bis nach Mitternacht.</p>"
                "<div>Dauer: <time datetime='PT90M'>90 Min</time></div></article>")
    md = extract(html, URL).markdown
    assert md.count("Der Gemeinderat") == 3
    assert "marca" not in md
    assert "Die Sitzung am 12. März dauerte bis nach Mitternacht." in md
    assert "Dauer: 90 Min" in md  # a duration in a <time> is no date


def test_a_date_set_as_a_list_item_stays() -> None:
    # a byline list the page shows as a list ("- Sept. 25, 2018") is the page's structure
    html = page("<article><header><h1>Haushalt beschlossen</h1><div><ul><li><time "
                "datetime='2018-09-25'>Sept. 25, 2018</time></li><li></li></ul></div></header>"
                f"{body(3)}</article>")
    md = extract(html, URL).markdown
    assert md.count("Der Gemeinderat") == 3
    assert "- Sept. 25, 2018" in md


def test_a_notice_box_under_the_post_goes() -> None:
    notice = ("<div class='row'><div class='column community-notice'>Dieser Beitrag gibt die "
              "Meinung des Autors wieder, nicht notwendigerweise die der Redaktion.</div></div>")
    html = page(f"<article><h1>Haushalt beschlossen</h1>{body(4)}{notice}</article>")
    md = extract(html, URL).markdown
    assert md.count("Der Gemeinderat") == 4
    assert "Meinung des Autors" not in md


def test_a_line_of_category_links_goes() -> None:
    cats = ("<p class='iz-categories'><span><a href='/category/politik/'>Politik</a></span>, "
            "<span><a href='/category/debatte/'>Debatte</a></span></p>")
    html = page(f"<article><header><h1>Haushalt beschlossen</h1>{cats}</header>{body(4)}"
                "</article>")
    md = extract(html, URL).markdown
    assert md.count("Der Gemeinderat") == 4
    assert "Debatte]" not in md


def test_a_line_that_is_only_the_source_sites_name_goes() -> None:
    html = page(f"<article><h1>Haushalt beschlossen</h1>{body(3)}<p><strong>BVINEWS.COM</strong>"
                f"</p>{body(1)}<p>Mehr unter zeitung.example im Netz.</p></article>")
    md = extract(html, URL).markdown
    assert md.count("Der Gemeinderat") == 4
    assert "BVINEWS" not in md
    assert "Mehr unter zeitung.example im Netz." in md


def test_buttons_that_jump_within_the_page_go_and_an_in_text_anchor_stays() -> None:
    buttons = ("<div class='recipe-card-buttons'><a href='#recipe-card' class='snippet-button "
               "jump-to-recipe'>Jump to Recipe</a><a href='#recipe-card' class='snippet-button "
               "print-recipe'>Print Recipe</a></div>")
    anchor = f"<p>Siehe <a href='#anhang'>den Anhang</a> für die Zahlen. {SENTENCE}</p>"
    html = page(f"<article><h1>Haushalt beschlossen</h1>{buttons}{body(3)}{anchor}"
                "<h2 id='anhang'>Anhang</h2><p>Die Zahlen des Kämmerers für das Jahr, nach "
                "Ressorts und Bezirken aufgeteilt, mit den Änderungen zum Vorjahr.</p>"
                "</article>")
    md = extract(html, URL).markdown
    assert md.count("Der Gemeinderat") == 4
    assert "Jump to Recipe" not in md
    assert "Print Recipe" not in md
    assert "den Anhang" in md


def test_a_label_and_one_link_to_another_story_of_the_site_is_a_teaser() -> None:
    teaser = ("<p>Le puede interesar: <a href='https://zeitung.example/2024/05/andere-story'>"
              "JEP abrirá tres nuevos macrocasos</a></p>")
    source = ("<p>Mehr bei der Agentur: <a href='https://agentur.example/meldung/123'>Bericht "
              "der Agentur vom Montag</a></p>")
    file_link = ("<p>Download: <a href='https://zeitung.example/files/haushalt.pdf'>Der Plan "
                 "als PDF</a></p>")
    sentence = (f"<p>Wie <a href='https://zeitung.example/2024/04/debatte'>im April berichtet"
                f"</a>, war der Plan umstritten. {SENTENCE}</p>")
    html = page(f"<article><h1>Haushalt beschlossen</h1>{body(2)}{teaser}{body(2)}{source}"
                f"{file_link}{sentence}</article>")
    md = extract(html, URL).markdown
    assert md.count("Der Gemeinderat") == 5
    assert "macrocasos" not in md
    assert "Bericht der Agentur vom Montag" in md
    assert "Der Plan als PDF" in md
    assert "im April berichtet" in md


def test_a_paragraph_after_a_photo_that_mentions_a_copyright_keeps_its_sentences() -> None:
    photo = "<div class='pic'><img src='/logo.jpg' alt='Logo'></div>"
    para = ("<p>Das Logo der Stadt ist seit 1990 © geschützt, und wer es nutzen will, braucht "
            "eine Erlaubnis des Rathauses, die der Rat in dieser Sitzung neu geregelt hat. Die "
            "Gebühren dafür bleiben gleich, die Fristen werden kürzer.</p>")
    html = page(f"<article><h1>Haushalt beschlossen</h1>{body(2)}{photo}{para}{body(2)}"
                "</article>")
    md = extract(html, URL).markdown
    assert "die Fristen werden kürzer." in md


def test_a_reply_that_only_points_to_another_thread_stays_in_a_thread() -> None:
    reply = thread_pages.PHPBB_POSTS[2][3]
    html = thread_pages.phpbb_thread().replace(
        reply, "Asked before: <a href='https://ponds.example/topic/99-first-flush'>First flush "
        "diverters for felt roofs</a>")
    md = extract(html, "https://ponds.example/viewtopic.php?t=412").markdown
    assert "First flush diverters for felt roofs" in md

"""The guard against clipping the wrong part of the page, and the clip's confidence.

Small pages written for the purpose: the first pass (Readability's scores) picks a box
that is not the article, and the whole-page pass (jusText's stop-word measures) finds it.
"""

from __future__ import annotations

import lxml.html
import pytest

from clipper.errors import NoArticleError
from clipper.extract import extract
from clipper.extract.blocks import classify_blocks, page_blocks, stoplist_for
from clipper.extract.guard import LITTLE_TEXT

URL = "https://verband.example/aktuelles/tagung-der-interkulturellen-woche/"

ARTICLE_DE = (
    "Die bundesweite Vorbereitungstagung der Interkulturellen Woche fand in diesem Jahr in "
    "Hannover statt, und der Verband war mit einer eigenen Arbeitsgruppe dabei. Die "
    "Teilnehmenden sprachen über die Frage, wie die Feuerwehren mehr Menschen mit "
    "Einwanderungsgeschichte für das Ehrenamt gewinnen können, und sie stellten Beispiele "
    "aus den Ländern vor, die sich bewährt haben. Die eigentliche Woche beginnt im Herbst."
)

NEWSLETTER = "".join(
    f"<p>{text}</p>" for text in (
        "Ich willige darin ein, dass der Verband mir regelmäßig, per E-Mail, aktuelle "
        "Informationen, Einladungen, Hinweise und Angebote zu seinen Tätigkeiten zusendet.",
        "Ich bin mit der Verarbeitung meiner Daten, meiner Adresse, meines Namens und meiner "
        "Angaben nach der Datenschutzerklärung einverstanden, und ich kann widerrufen.",
        "Nach der Anmeldung geht mir eine E-Mail zur Zustimmung zu, nach dem Verfahren, das "
        "der Verband, der Versender und die Aufsicht, für solche Listen, vorsehen.",
        "Da ist etwas schiefgelaufen, bitte erneut versuchen, später, oder mit einer anderen "
        "Adresse, einem anderen Namen, oder über das Kontaktformular, per Post.",
    )
)


def _page(article: str, extra: str = "") -> str:
    nav = "".join(f"<li><a href='/r{i}'>Rubrik {i}</a></li>" for i in range(12))
    return (
        "<html lang='de'><head><title>Tagung der Interkulturellen Woche</title></head><body>"
        f"<nav><ul>{nav}</ul></nav>"
        f"<div class='main'><article><h1>Tagung der Interkulturellen Woche</h1>{article}"
        "</article></div>"
        f"{extra}<footer><p>© 2024 Verband</p></footer></body></html>"
    )


def test_a_newsletter_box_that_outscores_a_short_article_loses_to_it() -> None:
    # Readability's scores prefer the box (more commas); it is a small part of a page
    # with a large site map, and jusText finds the page's prose in the article.
    box = ("<div class='col'><div class='box'><form action='/subscribe'>"
           f"<h4>Immer auf dem Laufenden</h4>{NEWSLETTER}</form></div></div>")
    sitemap = "<div class='sitemap'><ul>" + "".join(
        f"<li><a href='/t{i}'>Themenbereich Nummer {i} des Verbandes</a></li>"
        for i in range(120)) + "</ul></div>"
    html = _page(f"<p>{ARTICLE_DE}</p>", box + sitemap).replace(
        "<div class='main'>", "<main><div class='wrap'><div class='inner'>").replace(
        "</article></div>", "</article></div></div></main>")
    a = extract(html, URL)
    assert "Vorbereitungstagung der Interkulturellen Woche" in a.markdown
    assert "Ich willige darin ein" not in a.markdown
    assert a.confidence_reason == LITTLE_TEXT  # a short article: the reader is told


def test_an_article_that_fills_its_page_is_confident() -> None:
    paragraphs = "".join(f"<p>{i}. {ARTICLE_DE}</p>" for i in range(6))
    a = extract(_page(paragraphs), URL)
    assert a.confidence == 1.0
    assert a.confidence_reason == ""


def test_a_teaser_says_it_is_little_text() -> None:
    teaser = ("<p>Die Tagung fand in Hannover statt. Den ganzen Bericht lesen Sie in "
              "unserer Mitgliederzeitschrift, die im Herbst erscheint.</p>")
    a = extract(_page(teaser), URL)
    assert a.confidence < 0.5
    assert a.confidence_reason == LITTLE_TEXT


def test_a_page_of_links_only_is_still_no_article() -> None:
    links = "".join(f"<p><a href='/a{i}'>Meldung Nummer {i} aus dem Verband</a></p>"
                    for i in range(20))
    with pytest.raises(NoArticleError):
        extract(f"<html><body><div>{links}</div></body></html>", URL)


def test_blocks_judge_prose_by_stop_words_in_its_language() -> None:
    root = lxml.html.fromstring(
        "<html><body><div><p>Diesen Artikel teilen</p>"
        f"<p>{ARTICLE_DE}</p><p>Zum Weiterlesen</p>"
        "<ul><li><a href='/x'>Weitere Informationen</a></li></ul></div></body></html>")
    blocks = page_blocks(root)
    classify_blocks(blocks, "de-DE")
    verdicts = {b.text: b.class_type for b in blocks}
    assert verdicts[ARTICLE_DE] == "good"
    assert verdicts["Diesen Artikel teilen"] == "bad"
    assert verdicts["Zum Weiterlesen"] == "bad"
    assert verdicts["Weitere Informationen"] == "bad"


def test_the_language_is_guessed_from_the_words_when_the_page_does_not_say() -> None:
    root = lxml.html.fromstring(f"<html><body><p>{ARTICLE_DE}</p></body></html>")
    blocks = page_blocks(root)
    assert "und" in stoplist_for(None, blocks)  # German, by its words
    assert "się" not in stoplist_for(None, blocks)
    assert "się" in stoplist_for("pl", blocks)  # what the page declares wins


def test_blocks_start_at_the_tags_justext_starts_them_at() -> None:
    from justext.core import PARAGRAPH_TAGS as JUSTEXT_TAGS  # type: ignore[import-untyped]

    from clipper.extract.blocks import PARAGRAPH_TAGS

    assert PARAGRAPH_TAGS == JUSTEXT_TAGS


POSTS = (
    ("maja", "Seit dem Update auf iOS 13 haben mein iPhone und mein iPad keinen Zugriff mehr "
             "auf den App Store über mobile Daten, obwohl der Zugriff in den Einstellungen "
             "freigegeben ist. Hat jemand eine Idee, woran das liegen kann?"),
    ("tom", "Das hatte ich auch, und bei mir lag es an einer Einstellung, die nach dem Update "
            "nicht mehr da war, wo sie vorher war. Schau mal unter Bildschirmzeit nach, ob "
            "dort etwas für den App Store gesperrt ist."),
    ("maja", "Danke, das war es wirklich. Ich hatte wissentlich keine Einstellung geändert, "
             "aber die Beschränkung war nach dem Update plötzlich aktiv, und jetzt geht es "
             "wieder über mobile Daten."),
)


def _thread_page() -> str:
    topics = "".join(
        f"<li><a href='/forum/discussion/{i}'>Thema {i}</a> – {i * 3} Antworten, zuletzt "
        f"von nutzer{i} am 12.10.2019 um 10:{i:02d} Uhr</li>" for i in range(40))
    posts = "".join(
        f"<div class='MsgComment'><div class='MsgCommentHead'>{who}, 12.10.2019</div>"
        f"<div class='MsgCommentText'>{text}</div></div>" for who, text in POSTS)
    return (
        "<html lang='de'><head><title>App Store über mobile Daten</title></head>"
        "<body class='Forum Forum_discussion'><form id='page'>"
        f"<div class='topics'><h3>Forum</h3><ul>{topics}</ul></div>"
        f"<main><h1>App Store über mobile Daten</h1>{posts}</main>"
        "</form></body></html>")


THREAD_URL = "https://macforum.example/forum/discussion/app-store-mobile-daten-338679.html"


def test_a_threads_posts_named_comment_are_its_content() -> None:
    a = extract(_thread_page(), THREAD_URL)
    for _, text in POSTS:
        assert text[:60] in " ".join(a.markdown.split())
    assert "zuletzt von nutzer7" not in a.markdown


def test_the_posts_of_a_thread_are_read_only_on_a_thread(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # The same parts on an article page are its comments: they do not replace it.
    import clipper.extract as extract_module

    monkeypatch.setattr(extract_module, "is_thread", lambda doc, url: False)
    a = extract(_thread_page(), THREAD_URL)
    assert POSTS[0][1][:60] not in " ".join(a.markdown.split())


def test_threads_are_known_by_structured_data_address_or_name() -> None:
    from clipper.extract.kinds import is_thread

    def doc(head: str = "", body: str = "") -> lxml.html.HtmlElement:
        return lxml.html.fromstring(f"<html><head>{head}</head><body {body}><p>x</p></body></html>")

    ld = ("<script type='application/ld+json'>{\"@context\": \"https://schema.org\", "
          "\"@type\": \"DiscussionForumPosting\", \"headline\": \"x\"}</script>")
    assert is_thread(doc(ld), "https://example.org/a/b")
    assert is_thread(doc(), "https://example.org/threads/pepe-verliert-dreck.230143/")
    assert is_thread(doc(body="class='forum-page'"), "https://example.org/a")
    assert not is_thread(doc(), "https://example.org/2024/05/budget-approved")
    assert not is_thread(doc(body="class='single-post'"), "https://example.org/a")


PARCO = (
    "Il risultato del censimento dei camosci è molto positivo: quest'anno sono stati "
    "contati più animali che negli ultimi dieci anni, e le femmine con i piccoli sono in "
    "aumento in quasi tutte le zone del parco. In questo contesto è chiaro che i "
    "meccanismi naturali di regolazione numerica funzionano, senza interventi dell'uomo."
)


def test_a_page_served_as_its_noscript_fallback_is_clipped_from_it() -> None:
    html = ("<html lang='it'><head><title>Censimento dei camosci</title></head><body>"
            "<div id='app'></div><noscript><div id='main'><h1>Censimento dei camosci</h1>"
            f"<p>{PARCO}</p><p>{PARCO}</p></div></noscript></body></html>")
    md = extract(html, "http://parco.example/dettaglio.php?id=58354").markdown
    assert "Il risultato del censimento dei camosci" in md


def test_a_noscript_notice_stays_out() -> None:
    html = ("<html lang='de'><head><title>Tagung</title></head><body>"
            f"<article><p>{ARTICLE_DE}</p><p>{ARTICLE_DE}</p></article>"
            "<noscript><p>Bitte aktivieren Sie JavaScript, um alle Funktionen dieser Seite "
            "zu nutzen, auch die Suche und das Kontaktformular, sowie die Anmeldung zum "
            "Newsletter und die Kommentare unter den Beiträgen unseres Verbandes.</p>"
            "</noscript></body></html>")
    md = extract(html, URL).markdown
    assert "Vorbereitungstagung" in md
    assert "JavaScript" not in md


OTHER_DE = (
    "Der Landesverband hat auf seiner Herbstversammlung in Kassel einen neuen Vorstand "
    "gewählt, und die Delegierten sprachen lange über die Ausbildung an den Schulen, die "
    "Ausstattung der kleinen Wachen auf dem Land und die Frage, wie der Nachwuchs gewonnen "
    "werden kann, wenn immer mehr Menschen in die Städte ziehen und dort arbeiten."
)


def test_two_stories_of_the_same_weight_are_flagged() -> None:
    story = "".join(f"<p>{i}. {ARTICLE_DE}</p>" for i in range(3))
    other = "".join(f"<p>{i}. {OTHER_DE}</p>" for i in range(3))
    html = ("<html lang='de'><head><title>Aktuelles</title></head><body>"
            f"<div class='left'><div class='box'><div class='story'>{story}</div></div></div>"
            f"<div class='right'><div class='box'><div class='story'>{other}</div></div></div>"
            "</body></html>")
    a = extract(html, URL)
    assert a.confidence_reason == "two candidate articles"
    assert a.confidence <= 0.6


def test_one_story_beside_short_teasers_is_not_flagged() -> None:
    story = "".join(f"<p>{i}. {ARTICLE_DE}</p>" for i in range(3))
    teaser = f"<p>{OTHER_DE[:120]}</p>"
    html = ("<html lang='de'><head><title>Aktuelles</title></head><body>"
            f"<div class='left'><div class='box'><div class='story'>{story}</div></div></div>"
            f"<div class='right'><div class='box'><div class='story'>{teaser}</div></div></div>"
            "</body></html>")
    assert extract(html, URL).confidence_reason == ""


ARTICLE_EN = (
    "Over the weekend the city's baseball club held a science fiction night, and part of "
    "the festivities included the show's eighty-one year old captain throwing out the first "
    "pitch. He walked to the mound to a standing ovation, waved to the crowd, and then threw "
    "a clean strike over the plate while the organ played the show's theme. The club said "
    "that the night was the best attended of the season and that it would be repeated. "
    "The fans in costume were let in for half the price of a ticket, and there were many."
)
COMMENTS_EN = (
    "I pray I can walk when I am his age, much less throw a baseball over the plate like "
    "that; it was a much better pitch than the one the mayor threw on opening day.",
    "As a pitcher and a pitching coach I can say that his form is not bad at all, given his "
    "age and his lack of experience, and he kept his eyes on the catcher the whole time.",
    "Let us face it, the man could run for any office tomorrow and win it in a landslide; "
    "he is a legend and he knows how to work a crowd better than anyone in the business.",
    "That was the best night of the season for us, and we are going again next year with "
    "the whole family, in costume of course, because the tickets were half the price.",
)


def _commented_page(box: str) -> str:
    posts = "".join(
        f"<dt>{i + 1}. Reader {i} - August {i + 1}, 2012</dt><dd><p>{COMMENTS_EN[i % 4]}</p>"
        f"<p>{COMMENTS_EN[(i + 1) % 4]}</p></dd>" for i in range(10))
    thread = f"<h3>Responses</h3><dl>{posts}</dl>"
    thread = f"<div {box}>{thread}</div>"
    return (
        "<html lang='en'><head><title>Captain pitches on science fiction night</title></head>"
        "<body><div id='wrapper'><div id='content'><div class='post'>"
        f"<h1>Captain pitches on science fiction night</h1><p>{ARTICLE_EN}</p></div>"
        f"{thread}</div></div></body></html>"
    )


@pytest.mark.parametrize("box", ["id='comments'", "class='sidebar-replies'"])
def test_a_long_thread_of_comments_does_not_replace_a_short_article(box: str) -> None:
    # The comments hold most of the page's prose, so the whole-page pass's container is
    # the thread; named as page furniture, it replaces nothing.
    a = extract(_commented_page(box), "https://scifi.example/2012/08/captain-pitches/")
    assert "threw a clean strike over the plate" in a.markdown
    assert "pitching coach" not in a.markdown


def test_revised_classes_match_justext() -> None:
    """blocks.revise_classes gives jusText's own verdicts (it only finds them faster)."""
    import lxml.html
    from justext.core import classify_paragraphs, revise_paragraph_classification

    from clipper.extract.blocks import page_blocks, revise_classes, stoplist_for

    items = "".join(f"<li><a href='/{i}'>Menu {i}</a></li>" for i in range(12))
    prose = ("<p>The harbour board met on Tuesday and agreed that the old pier will be "
             "repaired over the winter, with the work paid for by the council and the port "
             "together, and the ferry moved to the north quay while it lasts.</p>")
    html = (f"<html><body><h2>Pier</h2><ul>{items}</ul>{prose}<p>Short one.</p><h3>More"
            f"</h3><p>Tiny</p>{prose}<p>© 2026 Harbour News</p><p>Share</p></body></html>")
    body = lxml.html.document_fromstring(html).find("body")
    theirs, ours = page_blocks(body), page_blocks(body)
    stop = stoplist_for("en", theirs)
    classify_paragraphs(theirs, stop)
    classify_paragraphs(ours, stop)
    revise_paragraph_classification(theirs)
    revise_classes(ours)
    assert [b.class_type for b in ours] == [b.class_type for b in theirs]
    assert {b.class_type for b in ours} == {"good", "bad"}

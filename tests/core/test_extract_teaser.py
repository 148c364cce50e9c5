"""Teasers: a page showing only the start of its article before a paywall or a sign-in.

Small pages written for the purpose: a German news teaser before an "Abo" box, an English
story its JSON-LD marks as not free, and pages that must not be taken for teasers (a short
note followed by a newsletter box, a long article with a subscribe link in the footer, a
short note with a sign-in link in the header).
"""

from __future__ import annotations

import json

import lxml.html
from helpers.teaser_page import TEASER_DE

from clipper.extract import extract
from clipper.extract.teaser import NOT_FREE, PROMPT_AFTER, is_not_free, is_prompt

STORY = (
    "The harbour authority said on Monday that the new container terminal would open in "
    "the spring, two years later than planned, after delays in the delivery of its cranes. "
)

NOT_FREE_PAGE = """<!doctype html>
<html lang="en"><head><title>Harbour terminal delayed again</title>
<script type="application/ld+json">{ld}</script></head>
<body><article><h1>Harbour terminal delayed again</h1>
{paragraphs}
</article></body></html>
"""

NEWSLETTER_AFTER = """<!doctype html>
<html lang="en"><head><title>Library opening hours change</title></head>
<body>
<article><h1>Library opening hours change</h1>
<p>From next week the central library opens at nine instead of ten on weekdays, and stays
open until eight on Thursdays. The branch libraries keep their hours.</p>
</article>
<aside class="signup"><p>Subscribe to our newsletter</p><p>Weekly news from the city.</p></aside>
</body></html>
"""

LOGIN_IN_HEADER = """<!doctype html>
<html lang="de"><head><title>Straßenfest am Samstag</title></head>
<body>
<header><a href="/login">Anmelden</a> <a href="/abo">Abo</a></header>
<article><h1>Straßenfest am Samstag</h1>
<p>Am Samstag feiert die Altstadt ihr Straßenfest. Von zehn Uhr an spielen Bands auf drei
Bühnen, und die Geschäfte haben bis achtzehn Uhr geöffnet.</p>
</article>
<footer><p>Impressum</p><p>Kontakt</p><p>Datenschutz</p><p>Presse</p><p>Jobs</p>
<p>Mediadaten</p><p>Archiv</p></footer>
</body></html>
"""


def _not_free(value: object) -> str:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle",
          "headline": "Harbour terminal delayed again", "isAccessibleForFree": value,
          "hasPart": {"@type": "WebPageElement", "isAccessibleForFree": value,
                      "cssSelector": ".paywalled"}}
    paragraphs = "\n".join(f"<p>{STORY}</p>" for _ in range(4))
    return NOT_FREE_PAGE.format(ld=json.dumps(ld), paragraphs=paragraphs)


def test_a_teaser_before_an_abo_box_is_said() -> None:
    article = extract(TEASER_DE, url="https://zeitung.example/lokales/bruecke-elbe")
    assert "48 Millionen Euro" in article.markdown
    assert article.teaser
    assert article.teaser_reason == PROMPT_AFTER
    assert article.as_dict()["teaser"] is True


def test_structured_data_saying_not_free_is_a_teaser() -> None:
    article = extract(_not_free(False), url="https://port.example/news/terminal-delayed")
    assert article.teaser_reason == NOT_FREE
    assert extract(_not_free("False"), url="https://port.example/n/t").teaser


def test_a_long_clip_holds_the_article_whatever_the_data_says() -> None:
    long_page = _not_free(False).replace("</article>", "".join(
        f"<p>{STORY} Paragraph {i}.</p>" for i in range(20)) + "</article>")
    assert not extract(long_page, url="https://port.example/news/terminal-delayed").teaser


def test_structured_data_saying_free_is_not() -> None:
    article = extract(_not_free(True), url="https://port.example/news/terminal-delayed")
    assert not article.teaser
    assert article.teaser_reason == ""


def test_microdata_saying_not_free() -> None:
    doc = lxml.html.fromstring(
        '<html><body><div itemscope itemtype="https://schema.org/NewsArticle">'
        '<meta itemprop="isAccessibleForFree" content="False"><p>Text</p></div></body></html>')
    assert is_not_free(doc)


def test_a_newsletter_box_after_a_short_note_is_no_paywall() -> None:
    article = extract(NEWSLETTER_AFTER, url="https://city.example/news/library-hours")
    assert "nine instead of ten" in article.markdown
    assert not article.teaser


def test_a_sign_in_link_in_the_header_is_not_near_the_end() -> None:
    article = extract(LOGIN_IN_HEADER, url="https://zeitung.example/lokales/strassenfest")
    assert "Straßenfest" in article.markdown or "Bands" in article.markdown
    assert not article.teaser


def test_a_long_article_with_a_subscribe_link_after_it_is_whole() -> None:
    long_page = TEASER_DE.replace(
        "</article>", "".join(f"<p>{STORY} Absatz {i}.</p>" for i in range(12)) + "</article>")
    assert not extract(long_page, url="https://zeitung.example/lokales/bruecke").teaser


def test_prompts_in_words() -> None:
    assert is_prompt("Jetzt Abo abschließen und alle Artikel lesen.")
    assert is_prompt("Subscribe to continue reading")
    assert is_prompt("Registrieren Sie sich kostenlos, um weiterzulesen")
    assert is_prompt("Already a subscriber? Log in")
    assert is_prompt("Bereits Abonnent? Hier anmelden")
    assert not is_prompt("Subscribe to our newsletter")
    assert not is_prompt("Abonnieren")  # a channel's button
    assert not is_prompt("Registrieren Sie sich kostenlos")  # to comment, maybe
    assert not is_prompt("Jetzt kostenlos abonnieren")
    assert not is_prompt("Die Abonnenten " + "lesen weiter " * 40)  # prose, not a prompt
    assert not is_prompt("The above was said by the mayor.")

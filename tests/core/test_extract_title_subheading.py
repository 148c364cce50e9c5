"""A subheading in the text that shares its words with the title is not the title's copy.

Readability drops the first h1/h2 most of whose words the title holds: the headline over
the text. A blog post titled "… + Interview mit X" has, half-way down, its section "Im
Gespräch mit X": the title holds most of its words too, yet it heads the interview (the
page shows its headline as an image, so the section is the first h2 the walk meets). A
small page written for the purpose.
"""

from __future__ import annotations

from clipper.extract import extract

TITLE = "Lieblingsladen: Faire Bademode von MARINA + Interview mit Gründerin Anna-Lena Bergmann"
PROSE = (
    "Mode, vor allem fair produzierte Mode, ist neben dem Kochen meine zweite Leidenschaft, "
    "und deshalb stelle ich euch heute wieder einmal ein Label vor, das ich selbst trage."
)
ANSWER = (
    "Meine Gründergeschichte begann aus dem eigenen Bedarf heraus: Während ich Monate lang "
    "surfen war, habe ich gemerkt, wie sehr gut sitzende und nachhaltige Bademode fehlt."
)


def _page() -> str:
    return (
        f"<html lang='de'><head><title>{TITLE}</title></head><body>"
        "<nav><a href='/'>Start</a> <a href='/blog'>Blog</a></nav>"
        f"<main><article><div class='entry-content'>"
        f"<p>{PROSE}</p><p>{PROSE}</p>"
        "<h2>Im Gespräch mit MARINA-Gründerin Anna-Lena Bergmann</h2>"
        f"<p><strong>Wie kamst du auf die Idee?</strong></p><p>{ANSWER}</p><p>{ANSWER}</p>"
        "</div></article></main><footer><p>Impressum</p></footer></body></html>")


def test_a_subheading_sharing_the_titles_words_stays() -> None:
    md = extract(_page(), "https://blog.example/marina-interview").markdown
    assert "## Im Gespräch mit MARINA-Gründerin Anna-Lena Bergmann" in md
    assert "Meine Gründergeschichte begann" in md


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



def test_a_headline_after_an_editors_note_is_still_the_titles_copy() -> None:
    # a note of a paragraph above the headline: the h1 is still the headline (the title
    # holds most of its words, not the other way round), not a section of the text
    note = ("Editor's note: this story was first published on Friday and was updated on "
            "Saturday with the mayor's reply and the final vote count of the council.")
    body = ("The council approved the new budget after a long debate about transport, housing "
            "and the future of the central library, which many residents asked to keep open.")
    html = ("<html><head><title>Council approves budget for library and buses | Gazette"
            f"</title></head><body><main><article><p class='note'>{note}</p>"
            "<h1>Council approves budget, library stays</h1>"
            f"{''.join(f'<p>{body}</p>' for _ in range(5))}</article></main></body></html>")
    md = extract(html, "https://news.example/2024/budget").markdown
    assert "Council approves budget, library stays" not in md
    assert md.count("The council approved the new budget") == 5

"""The lead photo the page declares (og:image), set just outside the text, starts the clip."""

from __future__ import annotations

from clipper.extract import extract

URL = "https://news.example.com/world/2024/peace-talks"
PHOTO = "https://cdn.example.com/photos/peace-talks.jpg"
BODY = "".join(
    f"<p>Paragraph {i} of the story says what happened at the talks, who spoke, and what "
    f"the officials promised to do next about the border crossing and the refugees.</p>"
    for i in range(6)
)


def page(lead: str, og: str | None = PHOTO, aside: str = "", body: str = BODY) -> str:
    meta = f'<meta property="og:image" content="{og}">' if og else ""
    return (
        f"<html><head><title>Peace talks</title>{meta}</head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><main><article>"
        "<h1>Peace talks begin at the border</h1>"
        f"{lead}<div class='share-bar'><a href='#'>Share</a></div>"
        f"<div class='article-body'>{body}</div></article>{aside}</main></body></html>"
    )


def test_lead_figure_before_the_text_starts_the_clip() -> None:
    lead = (f'<figure class="lead-image"><img src="{PHOTO}" alt="Delegates"><figcaption>'
            'Delegates arrive in Tashkent. <span class="credit">Photo: Reuters</span>'
            '</figcaption></figure>')
    article = extract(page(lead), URL)
    assert article.markdown.startswith(f"![Delegates]({PHOTO})")
    assert "Delegates arrive in Tashkent." in article.markdown
    assert "Reuters" not in article.markdown
    assert article.images == [PHOTO]


def test_srcset_variant_and_credit_text_in_caption() -> None:
    lead = ('<figure><img src="/photos/peace-talks-400x300.jpg" '
            'srcset="/photos/peace-talks-800x600.jpg 800w, /photos/peace-talks-1600x1200.jpg 1600w"'
            ' alt="Delegates"><figcaption>Delegates arrive. Foto: Timur | flickr</figcaption>'
            '</figure>')
    article = extract(page(lead, og="https://news.example.com/photos/peace-talks.jpg?w=1200"),
                      URL)
    first = article.markdown.split("\n", 1)[0]
    assert first.startswith("![Delegates](https://news.example.com/photos/peace-talks-")
    assert "Delegates arrive." in article.markdown
    assert "Timur" not in article.markdown.split(")", 1)[1]


def test_lead_in_a_header_block_the_walk_drops() -> None:
    lead = f'<div class="entry-header"><img src="{PHOTO}" alt="Delegates"></div>'
    assert extract(page(lead), URL).markdown.startswith(f"![Delegates]({PHOTO})")


def test_no_og_image_no_lead() -> None:
    lead = f'<figure><img src="{PHOTO}" alt="Delegates"></figure>'
    assert PHOTO not in extract(page(lead, og=None), URL).markdown


def test_image_not_the_declared_one_is_left() -> None:
    lead = '<figure><img src="https://cdn.example.com/photos/other.jpg" alt="x"></figure>'
    assert "other.jpg" not in extract(page(lead), URL).markdown


def test_declared_image_in_a_sidebar_or_teaser_is_left() -> None:
    aside = (f'<aside class="sidebar"><img src="{PHOTO}" alt="Delegates"></aside>')
    assert PHOTO not in extract(page("", aside=aside), URL).markdown
    teaser = (f'<div class="lead"><a href="https://news.example.com/other-story">'
              f'<img src="{PHOTO}" alt="Other"></a></div>')
    assert PHOTO not in extract(page(teaser), URL).markdown


def test_declared_image_after_the_text_is_left() -> None:
    html = page("").replace("</article>", f'<figure><img src="{PHOTO}" alt="x"></figure>'
                            "</article>")
    assert PHOTO not in extract(html, URL).markdown


def test_image_already_in_the_text_is_not_repeated() -> None:
    lead = f'<figure><img src="{PHOTO}" alt="Delegates"></figure>'
    body = f'<figure><img src="{PHOTO}?w=800" alt="Inline"></figure>' + BODY
    markdown = extract(page(lead, body=body), URL).markdown
    assert markdown.count("peace-talks.jpg") == 1
    assert "![Inline]" in markdown


def test_lead_written_with_a_newline_and_dot_segments() -> None:
    # Browsers drop tabs and newlines from an address and resolve "..": the same photo.
    lead = ('<figure><img src="/world/../photos/delegates-\narrive-800x600.jpg" '
            'alt="Delegates"></figure>')
    article = extract(page(lead, og="https://news.example.com/photos/delegates-arrive.jpg"), URL)
    assert article.markdown.startswith(
        "![Delegates](https://news.example.com/photos/delegates-arrive-800x600.jpg)")

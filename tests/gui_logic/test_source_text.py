"""Which source lines hold text that reached the article, and minified pages made readable."""

from __future__ import annotations

from clipper.gui.source_text import kept_lines, looks_minified, pretty_html, text_by_line

PAGE = """<!doctype html>
<html><head><title>Pier repairs</title>
<script>var x = "<!-- never closed"; if (a < b) { draw('<p>Not text</p>'); }</script>
<style>p { color: red }</style></head>
<body>
<header><img src="/logo.png" alt="Gazette"> <a href="/">Home</a></header>
<div class="article">
<h1>Pier repairs delayed again</h1>
<p>The council met on Tuesday evening
to discuss the harbour budget.</p>
<p>Short.</p>
<p>Engineers found the <b>wooden piles</b> in good shape.</p>
<img src="https://gazette.example/img/pier.jpg" alt="">
</div>
<footer>Home &amp; away &copy; 2024</footer>
</body></html>
"""
ARTICLE = ("Pier repairs delayed again The council met on Tuesday evening to discuss the "
           "harbour budget. Short. Engineers found the wooden piles in good shape. Home")


def lines_of(ranges: list[tuple[int, int]]) -> list[int]:
    return [n for a, b in ranges for n in range(a, b + 1)]


def test_text_by_line_skips_scripts_styles_and_tags() -> None:
    lines = text_by_line(PAGE)
    assert lines[2] == []  # the script: no visible text, and its "<!--" swallows nothing
    assert lines[3] == []
    assert lines[5] == ["Home"]
    assert lines[8] == ["The council met on Tuesday evening"]
    assert lines[11] == ["Engineers found the", "wooden piles", "in good shape."]
    assert lines[14] == ["Home & away © 2024"]


def test_exactly_the_lines_whose_text_reached_the_article_are_kept() -> None:
    article_range = [(7, 13)]  # what the extractor named: the whole <div>
    kept = lines_of(kept_lines(PAGE, ARTICLE, article_range,
                               ["https://gazette.example/img/pier.jpg"]))
    assert kept == [8, 9, 10, 11, 12, 13]
    # not: the <div> line (tags only), the header's "Home" (short, outside the article's
    # part), the footer (not in the article), the script
    assert 7 not in kept
    assert 6 not in kept
    # "Short." counts only inside the extractor's range
    assert 11 not in lines_of(kept_lines(PAGE, ARTICLE))
    # long text counts wherever it is (the extractor's lines may be off on some pages)
    anywhere = lines_of(kept_lines(PAGE, ARTICLE))
    assert [n for n in anywhere if n in (9, 10, 12)] == [9, 10, 12]


def test_words_must_match_whole() -> None:
    page = "<p>Homeland security</p>\n<p>land security</p>\n<p>Homeland security act</p>"
    kept = lines_of(kept_lines(page, "The Homeland security act passed.", [(1, 3)]))
    assert kept == [1, 3]


def test_a_minified_page_is_pretty_printed_and_tinted_there() -> None:
    body = "".join(f"<div class='c{i}'><p>Paragraph {i} of the <em>article</em> text, "
                   f"long enough to count.</p><span>Ad {i}</span></div>" for i in range(40))
    minified = f"<!doctype html><html><head><script>x()</script></head><body>{body}</body></html>"
    assert looks_minified(minified)
    assert not looks_minified(PAGE)
    pretty = pretty_html(minified)
    lines = pretty.splitlines()
    assert lines[0] == "<!doctype html>"
    assert "  <head>" in lines
    assert "      x()" in lines  # the script's text on its own line, indented
    assert "        Paragraph 3 of the <em>article</em> text, long enough to count." in lines
    assert len(lines) > 200
    article = " ".join(f"Paragraph {i} of the article text, long enough to count."
                       for i in range(40))
    kept = lines_of(kept_lines(pretty, article))
    assert len(kept) == 40
    assert all("Paragraph" in lines[n - 1] for n in kept)

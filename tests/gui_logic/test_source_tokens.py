"""Colouring the HTML source off the GUI thread: spans per line, right across lines."""

from __future__ import annotations

from clipper.gui.source_tokens import display_text, tokenize


def kinds(line: list[tuple[int, int, str]], text: str) -> list[tuple[str, str]]:
    return [(kind, text[start:start + length]) for start, length, kind in line]


def test_tags_attributes_values_and_entities() -> None:
    text = '<a href="/x" data-id=7 hidden>Tom &amp; Jerry</a>'
    [line] = tokenize(text)
    assert kinds(line, text) == [
        ("tag", "<a"), ("attr", "href"), ("value", '"/x"'), ("attr", "data-id"),
        ("value", "7"), ("attr", "hidden"), ("tag", ">"), ("entity", "&amp;"),
        ("tag", "</a"), ("tag", ">")]


def test_comments_and_tags_spanning_lines_are_split_per_line() -> None:
    text = display_text('<!-- one\r\ntwo -->\n<img\n  src="a.png">')
    lines = tokenize(text)
    rows = text.split("\n")
    assert kinds(lines[0], rows[0]) == [("comment", "<!-- one")]
    assert kinds(lines[1], rows[1]) == [("comment", "two -->")]
    assert kinds(lines[2], rows[2]) == [("tag", "<img")]
    assert kinds(lines[3], rows[3]) == [("attr", "src"), ("value", '"a.png"'), ("tag", ">")]


def test_script_bodies_are_not_read_as_markup() -> None:
    text = '<script>if (a<b) x = "<i>";</script><p>'
    [line] = tokenize(text)
    assert kinds(line, text) == [("tag", "<script"), ("tag", ">"), ("tag", "</script"),
                                 ("tag", ">"), ("tag", "<p"), ("tag", ">")]


def test_columns_count_utf16_units_like_qt() -> None:
    text = "😀<b>é😀<i>"
    [line] = tokenize(text)
    # 😀 is two UTF-16 units: <b> starts at 2, <i> after é (1) and 😀 (2) at 8
    assert line == [(2, 2, "tag"), (4, 1, "tag"), (8, 2, "tag"), (10, 1, "tag")]


def test_one_entry_per_line_even_without_markup() -> None:
    assert tokenize("a\nb\n") == [[], [], []]
    assert display_text("a\rb\r\nc\u2029d") == "a\nb\nc\nd"


def test_unclosed_constructs_end_at_the_end_of_the_text() -> None:
    text = '<!-- never closed\n<p class="x'
    lines = tokenize(text)
    assert kinds(lines[1], text.split("\n")[1]) == [("comment", '<p class="x')]

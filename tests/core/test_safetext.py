"""The one sanitiser for page text: what goes, what stays."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clipper.safetext import sanitize, sanitize_line


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Plain title", "Plain title"),
        ("Nul\x00 bell\x07 del\x7f c1\x85x", "Nul bell del c1 x"),
        ("Clear \x1b[2J screen", "Clear screen"),
        ("Title \x1b]0;owned\x07 set", "Title set"),
        ("Title \x1b]0;owned\x1b\\ set", "Title set"),
        ("8-bit \x9b31m CSI", "8-bit CSI"),
        ("unterminated \x1b]0;rest of the title", "unterminated 0;rest of the title"),
        ("Evil \ud800 title", "Evil title"),
        ("evil\u202egpj.exe", "evilgpj.exe"),
        ("iso\u2066late\u2069d", "isolated"),
        ("non\ufffechar\uffff", "nonchar"),
        ("zero\u200bwidth soft\u00adhyphen", "zerowidth softhyphen"),
        ("  line\nbreak\ttab  ", "line break tab"),
        ("שלום \u200fעולם", "שלום \u200fעולם"),  # a right-to-left mark reorders nothing
        ("Café 東京 😀", "Café 東京 😀"),
    ],
)
def test_one_line(text: str, expected: str) -> None:
    assert sanitize_line(text) == expected


def test_several_lines_keep_their_breaks_and_tabs() -> None:
    assert sanitize("a\r\nb\rc\n\td\x1b[1me\x00") == "a\nb\nc\n\tde"
    assert sanitize("para\u2028line") == "para\nline"
    text = "Clean text\n\nwith lines.\n"
    assert sanitize(text) is text


def _unsafe(ch: str) -> bool:
    return (
        unicodedata.category(ch) in ("Cc", "Cs")
        or ch in "\ufffe\uffff"
        or ("\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069")
    )


@settings(max_examples=300, deadline=None, database=None)
@given(st.text(max_size=200))
def test_nothing_unsafe_survives(text: str) -> None:
    line = sanitize_line(text)
    assert not any(_unsafe(ch) for ch in line)
    assert line == line.strip()
    block = sanitize(text)
    assert not any(_unsafe(ch) for ch in block if ch not in "\n\t")
    line.encode("utf-8")
    block.encode("utf-8")
    assert sanitize_line(line) == line  # a second pass changes nothing

"""The one-line preview of a clip in the library list."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from clipper.library.summary import first_words

PIECES = st.sampled_from(["a", "word", "long" * 30, " ", "   ", "\n", "\n\n", "\t", "\xa0",
                          "é", "x" * 170, " " * 400, "\u2003"])


def whole_text_preview(text: str, limit: int) -> str:
    """The definition: the text's words on one line, cut at a word boundary."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    return line[:limit].rsplit(" ", 1)[0] + "…"


@settings(max_examples=500, deadline=None, database=None)
@given(pieces=st.lists(PIECES, max_size=120), limit=st.sampled_from([1, 7, 40, 160]))
def test_the_preview_reads_only_the_start_but_is_the_same(pieces: list[str],
                                                          limit: int) -> None:
    text = "".join(pieces)
    assert first_words(text, limit) == whole_text_preview(text, limit)


def test_short_and_empty() -> None:
    assert first_words(None) == first_words("") == ""
    assert first_words("  two\n words ") == "two words"
    assert first_words("word " * 100).endswith("word…")

"""The words of a clip body, for search and fingerprints: markup out, fast on any text."""

from __future__ import annotations

from helpers.hang_guard import assert_finishes
from hypothesis import given, settings
from hypothesis import strategies as st

from clipper.library.text import plain_text


def test_links_keep_their_text_and_lose_their_address() -> None:
    body = ("# Heading\n\nSee [the report](https://e.example/r(1).pdf) and "
            "![a chart](chart.png \"T\") or <https://e.example/x> at https://e.example/y.\n\n"
            "> - **quoted** `item` with [escaped \\[1\\]](https://e.example/n)\n")
    text = plain_text(body)
    assert "the report" in text
    assert "a chart" in text
    assert "escaped" in text
    assert "e.example" not in text
    assert "chart.png" not in text
    assert "**" not in text
    assert text.startswith("Heading\n\nSee the report and a chart or at")


HOSTILE_TEXT = [
    ("![\\](", 5_000),    # how the Markdown writer escapes "![](" typed in a page's text
    ("![](", 5_000),
    ("[a](", 50_000),
    ("![", 100_000),
    ("<a", 100_000),
    ("<http:", 200_000),
]


def test_hostile_text_costs_linear_time() -> None:
    """Minutes to days each with the patterns this replaced; milliseconds now."""
    calls = [f"{fn}({unit!r} * {count})" for unit, count in HOSTILE_TEXT
             for fn in ("plain_text", "fingerprint")]
    assert_finishes("from clipper.library.text import plain_text\n"
                    "from clipper.library.duplicates import fingerprint", calls)


# Pieces of Markdown and the words a reader sees in them: whichever pieces a body holds,
# and in whatever order, its plain text is exactly their words. (plain_text skips the
# steps whose pattern cannot match; any body missing some pieces tests that it is right.)
INLINE = [
    ("word", "word"), ("Über", "Über"), ("日本", "日本"), ("😀", "😀"),
    ("[link text](https://l.example/(x))", "link text"),
    ('![an image](i.png "T")', "an image"),
    ("<https://x.example/a>", ""), ("https://b.example/c", ""), ("<mailto:a@b.example>", ""),
    ("**bold**", "bold"), ("*em*", "em"), ("`code`", "code"), ("~~gone~~", "gone"),
    ("__under__", "under"), ("<b>tag</b>", "tag"), ("<br/>", ""), ("cell|cell", "cellcell"),
    ("x\x07y", "xy"), ("a\x00b", "ab"), ("a\tb", "a b"),
]
LINE_MARKS = ["", "", "# ", "## ", "> ", "- ", "* ", "+ ", "1. ", "2) ", "> - ", "| "]
WHOLE_LINES = [("[ref]: https://r.example/x", ""), ("```py\ncode line\n```", "code line")]

LINE = st.one_of(
    st.tuples(st.sampled_from(LINE_MARKS), st.lists(st.sampled_from(INLINE), min_size=1,
                                                   max_size=5)).map(
        lambda line: (line[0] + " ".join(md for md, _ in line[1]),
                      " ".join(words for _, words in line[1]))),
    st.sampled_from(WHOLE_LINES))
BODY = st.lists(st.tuples(LINE, st.sampled_from(["\n", "\n\n"])), min_size=1, max_size=8)


@settings(max_examples=1500, deadline=None, database=None)
@given(body=BODY)
def test_markup_goes_and_the_words_stay(body: list[tuple[tuple[str, str], str]]) -> None:
    markdown = "".join(md + end for (md, _), end in body)
    words = " ".join(text for (_, text), _ in body)
    assert plain_text(markdown).split() == words.split()

"""The words of a clip body, for search and fingerprints: markup out, fast on any text."""

from __future__ import annotations

from hang_guard import assert_finishes

from clipper.library.text import plain_text


def test_links_keep_their_text_and_lose_their_address() -> None:
    body = ("# Heading\n\nSee [the report](https://e.example/r(1).pdf) and "
            "![a chart](chart.png \"T\") or <https://e.example/x> at https://e.example/y.\n\n"
            "> - **quoted** `item` with [escaped \\[1\\]](https://e.example/n)\n")
    text = plain_text(body)
    assert "the report" in text and "a chart" in text and "escaped" in text
    assert "e.example" not in text and "chart.png" not in text and "**" not in text
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

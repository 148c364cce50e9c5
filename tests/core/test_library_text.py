"""The words of a clip body, for search and fingerprints: markup out, fast on any text."""

from __future__ import annotations

import re

from helpers.hang_guard import assert_finishes
from hypothesis import given, settings
from hypothesis import strategies as st

from clipper.library import text as text_module
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


def every_step(markdown: str) -> str:
    """``plain_text`` without its checks for steps that cannot match: every pattern run."""
    m = text_module
    text = m._FENCE.sub("", markdown)
    text = m._IMAGE.sub(lambda found: found.group(1), text)
    text = m._LINK.sub(lambda found: found.group(1), text)
    text = m._REF_DEF.sub("", text)
    text = m._AUTOLINK.sub("", text)
    text = m._BARE_URL.sub("", text)
    text = m._TAG.sub(" ", text)
    for _ in range(2):
        text = m._LINE_MARKS.sub("", text)
    text = m._CONTROL_CHARS.sub("", text.replace("\t", " "))
    text = text.replace("*", "").replace("`", "").replace("|", "")
    text = text.replace("__", "").replace("~~", "")
    text = re.sub(" {2,}", " ", text)
    return m._BLANKS.sub("\n\n", text).strip()


MARKDOWN = st.lists(st.sampled_from([
    "#", "## ", ">", "> ", "-", "- ", "* ", "+ ", "1.", "2) ", "\u0663. ", "|", "`", "```", "~~~",
    "~~", "__", "_", "*", "![", "[", "]", "(", ")", "](", "]:", "<", "<b>", "</i>",
    "<https://x.example>", "http://a.example/b", "HTTPS://C", "<mailto:a@b>", "\n", "\n\n",
    "\n \n", " ", "  ", "   ", "\t", "\x00", "\x07", "\x1b", "\x7f", "\r", "\xa0", "\u200b",
    "word", "é", "日本", "😀", "\\", "[a link](https://l.example/(x))", "![an image](i.png)",
    "[ref]: https://r.example", "\n```py\ncode\n```\n", "\n> - quoted item", "\n1. first",
]), max_size=60).map("".join)


@settings(max_examples=3000, deadline=None, database=None)
@given(markdown=MARKDOWN)
def test_skipping_steps_that_cannot_match_changes_nothing(markdown: str) -> None:
    assert plain_text(markdown) == every_step(markdown)

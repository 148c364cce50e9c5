"""Fidelity notes (issue 15): what a reader of the Markdown misses compared with the page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.pages import REFERENCE

from clipper.cli import main
from clipper.extract import extract
from clipper.fidelity import callout, collecting, looks_cut_short, note

WORDS = " ".join(
    [
        "The harbour council met on Tuesday to discuss the budget, the ferry and the "
        "old pier, which needs repairs before the summer."
    ]
    * 6
)


def page(inside: str = "", outside: str = "", head: str = "") -> str:
    """An article with ``inside`` between its paragraphs and ``outside`` in a sidebar; each
    element on its own lines, as pages are written."""
    return (
        f"<!doctype html><html><head><title>Harbour news</title>{head}</head><body>\n"
        f"<nav><a href='/'>Home</a></nav>\n<article>\n<h1>Harbour news</h1>\n"
        f"<p>{WORDS}</p>\n{inside}\n<p>{WORDS}</p>\n<p>{WORDS}</p>\n</article>\n"
        f"<aside>\n<p>Other stories</p>\n{outside}\n</aside>\n</body></html>"
    )


def kinds(html: str) -> dict[str, str]:
    return {n.kind: n.text for n in extract(html, "https://news.example/a").notes}


def test_a_plain_article_has_no_notes() -> None:
    assert extract(page(), "https://news.example/a").notes == []
    assert (
        extract(REFERENCE.read_text(encoding="utf-8"), "https://www.devdiscourse.com/x").notes == []
    )


CODE_TABLE = ("<table><tr><th>Code</th><th>Says</th></tr>"
              "<tr><td><pre>a = 1\nb = 2</pre></td><td>two lines</td></tr></table>")


def test_a_table_kept_as_html_merged_or_split() -> None:
    assert kinds(page(CODE_TABLE))["table"].startswith("A table is kept as HTML")
    merged = "<table><tr><td rowspan='2'>a</td><td>b</td></tr><tr><td>c</td></tr></table>"
    assert kinds(page(merged))["table"].startswith("A table's cells spanning several rows")
    wide = (
        "<table><tr><th colspan='2'>Both</th></tr><tr><td>1</td><td>2</td></tr>"
        "<tr><td>3</td><td>4</td></tr></table>"
    )
    assert kinds(page(wide))["table"].startswith("A table's cells spanning several columns")
    plain = "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>"
    assert "table" not in kinds(page(plain))


def test_embeds_in_the_article_are_named_those_around_it_are_not() -> None:
    inside = (
        "<iframe src='https://www.youtube.com/embed/abc' width='560'></iframe>\n"
        "<iframe src='https://www.google.com/maps/embed?pb=1'></iframe>\n"
        "<iframe src='https://docs.google.com/forms/d/e/x/viewform'></iframe>\n"
        "<iframe src='https://datawrapper.dwcdn.net/Ab1/'></iframe>\n"
        "<iframe src='https://ad.doubleclick.net/x' width='300'></iframe>\n"
        "<iframe src='https://stats.example/pixel' width='1' height='1'></iframe>"
    )
    outside = "<iframe src='https://w.soundcloud.com/player/?url=x'></iframe>"
    found = kinds(page(inside, outside))
    assert found["video"] == "An embedded video is kept as a ▶ link (from youtube.com)."
    assert found["map"] == "An embedded map is left out (from google.com)."
    assert found["form"] == "An embedded form is left out (from docs.google.com)."
    assert found["embed"] == "Embedded content is left out (from datawrapper.dwcdn.net)."
    assert "audio" not in found  # the sidebar's player is not the clip's
    assert "doubleclick" not in json.dumps(found)  # an ad is not content
    assert len(found) == 4


def test_media_posts_and_math() -> None:
    inside = (
        "<blockquote class='twitter-tweet'><p>The pier is open again!</p>"
        "<a href='https://twitter.com/x/status/1'>March 1</a></blockquote>\n"
        "<video src='/clip.mp4' controls></video>\n<audio src='/talk.mp3'></audio>\n"
        "<p>The load is <math alttext='F = m a'><mi>F</mi><mo>=</mo><mi>m</mi>"
        "<mi>a</mi></math> on each pile.</p>"
    )
    found = kinds(page(inside))
    assert found["post"] == "An embedded post (X, Instagram…) is kept as its text only."
    assert found["video"] == "A video is left out."
    assert found["audio"] == "An audio player is left out."
    assert found["math"].startswith("A formula is kept as TeX")


def test_counts_are_said_once_per_kind() -> None:
    tables = "".join(CODE_TABLE.replace("two lines", f"line {i}") + "\n" for i in range(3))
    notes = [n for n in extract(page(tables), "https://news.example/a").notes if n.kind == "table"]
    assert [n.text for n in notes] == [
        "3 tables are kept as HTML: a Markdown table cannot hold the code blocks in their cells."
    ]


def test_a_page_that_looks_cut_short() -> None:
    teaser = (
        "<!doctype html><html><head><title>Paid story</title><script type="
        '\'application/ld+json\'>{"@type": "NewsArticle", "isAccessibleForFree": '
        "false}</script></head><body><article><h1>Paid story</h1>"
        f"<p>{WORDS}</p><p>The first lines of a long story that goes on …</p>"
        "</article></body></html>"
    )
    assert kinds(teaser)["teaser"].startswith("The page looks cut short")
    short = WORDS[:400] + " …"
    assert looks_cut_short("<div class='paywall-banner'>Subscribe</div>", short)
    assert looks_cut_short("<p>x</p>", short)  # ends on an ellipsis
    assert not looks_cut_short("<div class='paywall'>x</div>", WORDS * 10)  # all of it is here
    assert not looks_cut_short("<p>x</p>", "A short note, complete.")
    # a script that names the paywall is no paywall on the page
    assert not looks_cut_short("<script>cfg = {'paywall': false}</script>", "A short note.")


def test_notes_outside_an_extraction_cost_nothing_and_say_nothing() -> None:
    note("table", "html")  # the Markdown writer on its own (a pasted fragment): no collector
    with collecting() as collected:
        note("table", "html")
    assert collected.counts == {("table", "html"): 1}


def test_the_callout_is_obsidians() -> None:
    notes = extract(
        page(CODE_TABLE),
        "https://news.example/a",
    ).notes
    assert callout(notes) == (
        "> [!info]- What this clip leaves out\n"
        "> - A table is kept as HTML: a Markdown table cannot hold the code blocks in its "
        "cells.\n"
    )
    assert callout([]) == ""


def test_extract_json_lists_the_notes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        page(
            "<iframe src='https://player.vimeo.com/video/1'></iframe>\n"
            "<iframe src='https://www.openstreetmap.org/export/embed.html'>"
            "</iframe>"
        ),
        encoding="utf-8",
    )
    assert main(["extract", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["notes"] == [
        {"kind": "video", "text": "An embedded video is kept as a ▶ link (from player.vimeo.com)."},
        {"kind": "map", "text": "An embedded map is left out (from openstreetmap.org)."},
    ]
    assert main(["extract", str(REFERENCE), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["notes"] == []

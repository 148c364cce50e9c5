"""The Re-extract dialog's side-by-side diff, without Qt: sentences as units, only the
changes with a little context, the words that differ marked, page text never markup."""

from __future__ import annotations

import threading
from pathlib import Path

from clipper.gui.reextract_jobs import diff_html, units
from clipper.reextract import Outcome, Plan


def plan(old: str, new: str) -> Plan:
    return Plan(Path("x.md"), Outcome.CHANGED, old_body=old, new_body=new)


def diff(old: str, new: str) -> str:
    return diff_html(plan(old, new), cancel=threading.Event(), progress=lambda *a: None)


def test_units_are_sentences_and_paragraph_breaks() -> None:
    text = 'He said "Go." Then he left. A U.S. man came! 3 more?\n\nNew paragraph here.\n'
    assert units(text) == [
        'He said "Go."',
        "Then he left.",
        "A U.S. man came!",
        "3 more?",
        "",
        "New paragraph here.",
    ]


def test_only_changes_are_shown_with_one_sentence_around() -> None:
    old = " ".join(f"Sentence number {i} is here." for i in range(20))
    new = old.replace("Sentence number 10 is here.", "Sentence number 10 is new.")
    html = diff(old, new)
    assert "Sentence number 9 is here." in html
    assert "Sentence number 11 is here." in html
    assert "Sentence number 3 is here." not in html  # far from the change: not shown
    assert '<span class="cut">here.</span>' in html
    assert '<span class="put">new.</span>' in html


def test_added_and_missing_sentences_sit_on_their_side() -> None:
    html = diff("One. Two.", "One. Two. Three is new.")
    assert '<td></td><td class="new">Three is new.</td>' in html
    html = diff("One. Two. Gone now.", "One. Two.")
    assert '<td class="old">Gone now.</td><td></td>' in html


def test_page_text_is_text() -> None:
    html = diff("Safe.", "Safe. <img src=x onerror=alert(1)> & <b>bold</b>.")
    assert "<img" not in html
    assert "<b>" not in html
    assert (
        '<span class="put"> &lt;img src=x onerror=alert(1)&gt; &amp; &lt;b&gt;bold&lt;/b&gt;.'
        "</span>" in html
    )


def test_the_same_article_says_so() -> None:
    assert (
        diff("Same text.", "Same text.")
        == "<p>The re-extracted article is the same as the saved one.</p>"
    )

"""A large library indexed for the first time: the pane lists and searches what is indexed
so far, and says how far it got, while the rest is indexed in the background."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from helpers.window import TIMEOUT
from PySide6.QtCore import Qt

from clipper.library import index as index_module
from clipper.library import render_clip
from clipper.library.index_rows import BATCH
from clipper.models import Clip

COUNT = 3000
HELD_AT = 4 * BATCH
"""Indexing stops at this file until the test has looked at the pane."""
WORDS = ["harbour", "ferry", "council", "budget", "survey", "tide", "quay", "timber",
         "storm", "market", "bridge", "lantern", "meadow", "glacier", "orchard", "canyon"]


def code(i: int) -> str:
    """A word only clip ``i`` has: letters, so the tokenizer keeps it whole."""
    return "zq" + "".join("abcdefghij"[int(d)] for d in f"{i:04d}")


@pytest.fixture
def big_library() -> Path:
    library = Path(os.environ["CLIPPER_LIBRARY"])
    library.mkdir(parents=True)
    start = 1_600_000_000
    for i in range(COUNT):
        body = " ".join(WORDS[(i * 7 + k) % len(WORDS)] for k in range(60))
        clip = Clip(title=f"Clip {i} about the {WORDS[i % len(WORDS)]}",
                    body=f"{body} {code(i)}.\n", created="2024-01-01T10:00:00+00:00")
        path = library / f"clip {i:04d}.md"
        path.write_text(render_clip(clip), encoding="utf-8")
        os.utime(path, (start + i, start + i))  # indexed oldest first: clip 0 first
    return library


def test_the_pane_lists_and_searches_what_is_indexed_so_far(
        qtbot, window_factory, big_library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    read = index_module.read_clip_file
    calls = [0]

    def held(library: Path, rel: str, *stat: int) -> object:
        calls[0] += 1
        if calls[0] == HELD_AT + 1:
            release.wait(timeout=60)
        return read(library, rel, *stat)

    monkeypatch.setattr(index_module, "read_clip_file", held)
    window = window_factory()
    pane = window.library_pane
    try:
        # Part of the library is listed, with how far indexing got.
        qtbot.waitUntil(lambda: pane.model.total == HELD_AT, timeout=TIMEOUT)
        assert pane.model.rowCount() > 0
        assert pane.progress.isVisible()
        assert pane.progress.value() == HELD_AT
        assert pane.progress.maximum() == COUNT
        assert pane.count.text() == f"Indexing {HELD_AT:,} of {COUNT:,} clips"
        # What is indexed can be searched, as a person types it.
        pane.search.setFocus()
        qtbot.keyClicks(pane.search, code(7))
        qtbot.waitUntil(lambda: pane.titles() == ["Clip 7 about the timber"], timeout=TIMEOUT)
        assert pane.count.text() == f"1 match · indexing {HELD_AT:,} of {COUNT:,}"
        pane.search.setText(code(COUNT - 1))
        qtbot.waitUntil(lambda: pane.empty_text().startswith("No clips match"),
                        timeout=TIMEOUT)
    finally:
        release.set()
    # The rest arrives by itself: the search is redone, the progress goes.
    qtbot.waitUntil(lambda: pane.titles() == [f"Clip {COUNT - 1} about the timber"],
                    timeout=TIMEOUT)
    qtbot.waitUntil(lambda: pane.progress.isHidden(), timeout=TIMEOUT)
    assert pane.count.text() == "1 match"
    qtbot.keyClick(pane.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: pane.count.text() == f"{COUNT:,} clips", timeout=TIMEOUT)

"""The cycle collector is off during an extraction and back as it was afterwards."""

from __future__ import annotations

import gc
import threading

import pytest

from clipper.errors import NoArticleError
from clipper.extract import extract
from clipper.extract.gcpause import collector_paused

PAGE = ("<html><head><title>Harbour works</title></head><body><article><h1>Harbour works"
        "</h1>" + "<p>The harbour wall is rebuilt this winter, stone by stone, by the town's "
        "own masons, who have done it for two hundred years.</p>" * 6 + "</article></body></html>")


def test_off_inside_and_on_after() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_left_off_when_it_was_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_on_again_only_when_the_last_overlapping_call_ends() -> None:
    """Two threads' extractions overlap: the first to end must not turn it on under the
    other, and the other must not leave it off."""
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen: list[bool] = []

    def second() -> None:
        first_in.wait()
        with collector_paused():
            second_in.set()
            first_out.wait()
            seen.append(gc.isenabled())

    thread = threading.Thread(target=second)
    thread.start()
    with collector_paused():
        first_in.set()
        second_in.wait()
    first_out.set()
    thread.join()
    assert seen == [False]
    assert gc.isenabled()


def test_extract_restores_it_even_when_it_raises() -> None:
    assert extract(PAGE, "https://example.org/harbour").title == "Harbour works"
    assert gc.isenabled()
    with pytest.raises(NoArticleError):  # raised from inside the pause
        extract("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    assert gc.isenabled()

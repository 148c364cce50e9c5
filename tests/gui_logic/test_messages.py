"""What the window says about progress and failures, in words."""

from __future__ import annotations

import logging

import pytest

from clipper.errors import FetchError
from clipper.gui.messages import error_text, failed_images_text, skipped_text, stage_label


def test_progress_stages_are_named_with_what_is_known() -> None:
    assert stage_label("fetching", 0, None) == "Downloading…"
    assert stage_label("fetching", 1536, None) == "Downloading 2 KB…"
    assert stage_label("fetching", 3 * 1024 * 1024, 6 * 1024 * 1024) == \
        "Downloading 3.0 MB of 6.0 MB…"
    assert stage_label("decoding", 0, None) == "Reading…"
    assert stage_label("images", 2, 5) == "Saving images 2 of 5…"
    assert stage_label("indexing", 0, None) == "Indexing…"


def test_a_clipper_error_is_said_as_it_is(caplog: pytest.LogCaptureFixture) -> None:
    error = FetchError("Not found (404)", "Check the address.")
    assert error_text(error, "loading the page") == str(error)
    assert not caplog.records


def test_a_bug_is_named_and_logged_with_its_traceback(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR):
        text = error_text(KeyError("title"), "saving the clip")
    assert text == ("Unexpected error while saving the clip: KeyError: 'title'. Try again; if "
                    "it happens again, please report it (the details are on the terminal).")
    assert caplog.records[0].exc_info is not None


def test_a_disk_error_says_what_to_check() -> None:
    error = OSError(28, "No space left on device", "/lib/x.md")
    assert error_text(error, "saving the clip") == (
        "Could not finish saving the clip: No space left on device (/lib/x.md). Check that "
        "the disk has room and the folder can be written, then try again.")


def test_skipped_files_and_remote_images_are_named_briefly() -> None:
    assert skipped_text(["a.pdf"]).startswith("Skipped a.pdf: Clipper opens web pages")
    assert skipped_text(["a", "b", "c", "d"]).startswith("Skipped a, b, c …:")
    one = failed_images_text(["https://img.example/pics/pier.png"])
    assert one == ("An image could not be downloaded (img.example/…/pier.png); the clip keeps "
                   "its web address.")
    many = failed_images_text([f"https://img.example/{n}.png" for n in range(5)])
    assert many.startswith("5 images could not be downloaded (img.example/…/0.png, ")
    assert ", …)" in many


def test_doubt_is_said_with_its_reason_and_offers_the_pick() -> None:
    from clipper.gui.messages import doubt_text
    from clipper.models import Article

    assert doubt_text(Article("Text.")) is None  # sure, whole
    text, pick = doubt_text(Article("Text.", confidence=0.6,
                                    confidence_reason="two candidate articles")) or ("", False)
    assert "not sure this is the article (two candidate articles)" in text
    assert pick
    text, pick = doubt_text(Article("Text.", teaser_reason="the page says the article is not "
                                    "free to read")) or ("", True)
    assert "may be cut short: the page says the article is not free to read" in text
    assert not pick
    # little text before a prompt: the teaser explains it, no pick offered
    little = Article("Text.", confidence=0.4, confidence_reason="little text: maybe a teaser "
                     "or a script-built page", teaser_reason="little text, then a prompt")
    text, pick = doubt_text(little) or ("", True)
    assert text.startswith("The clip may be cut short")
    assert not pick
    assert doubt_text(Article("", confidence=0.3, confidence_reason="x")) is None

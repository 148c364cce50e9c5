"""The window's state without a window: each transition and what the window then shows."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from clipper.errors import ClipperError
from clipper.gui.session import Draft, FileNote, Notice, Session, parse_tags, tag_typing
from clipper.models import Article, Clip, Page, SaveAction, Source
from clipper.pipeline import Loaded

URL = "https://news.example/harbour/budget"


def page(*, title: str = "Harbour budget approved", images: tuple[str, ...] = (),
         local_dir: Path | None = None, source: Source | None = None) -> Loaded:
    source = source or Source("url", URL)
    article = Article(markdown="The council met on Tuesday.", title=title, byline="A. Writer",
                      site_name="Gazette", images=list(images))
    return Loaded(source, Page(b"", URL, local_dir=local_dir), "<html></html>", article)


def shown(session: Session, *, images: tuple[str, ...] = (),
          local_dir: Path | None = None) -> Clip:
    """A page loaded and shown, as the load flow does it."""
    loaded = page(images=images, local_dir=local_dir)
    session.load_started(loaded.source)
    clip = Clip.from_article(loaded.article, tags=["news"])
    session.page_shown(loaded, clip)
    return clip


def draft(session: Session) -> Draft:
    assert session.draft is not None
    return session.draft


def typed(session: Session, **changes: Any) -> Draft:
    """What the form and editor read after a person typed ``changes``."""
    edited = dataclasses.replace(draft(session), **changes)
    session.edited(edited)
    return edited


def test_a_draft_reads_the_fields_as_they_are_saved() -> None:
    draft = Draft.from_fields(title="  Pier  ", author=" ", published="2024-05-01 ",
                              site="Gazette", tags="#news, harbour  news,news", body="Text")
    assert draft == Draft("Pier", None, "2024-05-01", "Gazette", ("news", "harbour-news"),
                          "Text")
    clip = Clip(title="Pier", body="Text", author=None, published="2024-05-01",
                site="Gazette", tags=["news", "harbour-news"])
    assert Draft.of(clip) == draft
    # Obsidian's rules (issue 12): commas separate tags, spaces inside one become "-"
    assert parse_tags("a,b  c,,#a") == ["a", "b-c"]
    assert parse_tags("air quality, India/Delhi") == ["air-quality", "India/Delhi"]


@pytest.mark.parametrize(("typed", "cursor", "shown", "after"), [
    ("air", 3, "air", 3),
    ("air ", 4, "air ", 4),  # a space may still be followed by a comma
    ("air q", 5, "air-q", 5),
    ("air  q", 6, "air-q", 5),
    ("air quality, ", 13, "air-quality, ", 13),
    ("air quality, India/Delhi", 24, "air-quality, India/Delhi", 24),
    ("a b, c d", 1, "a-b, c-d", 1),
    (" lead ,  x y ", 9, " lead ,  x-y ", 9),
])
def test_spaces_inside_a_tag_become_dashes_as_typed(typed: str, cursor: int, shown: str,
                                                    after: int) -> None:
    assert tag_typing(typed, cursor) == (shown, after)


def test_nothing_is_shown_at_first() -> None:
    session = Session()
    assert not session.has_clip
    assert not session.is_dirty
    assert session.status == "Ready"
    assert session.title == ""
    assert session.word_count() is None
    assert session.progress is None
    with pytest.raises(ClipperError, match="Nothing to save yet"):
        session.current_clip()


def test_a_load_shows_its_progress_then_the_page() -> None:
    session = Session()
    changes: list[int] = []
    session.subscribe(lambda: changes.append(1))
    session.load_started(Source("url", URL))
    assert session.is_loading
    assert session.address == URL
    assert session.progress is not None
    assert session.progress.label == "Loading news.example/…/budget…"
    session.progressed("load", "fetching", 2048, 4096)
    assert session.progress.label == "Downloading 2 KB of 4 KB…"
    assert (session.progress.done, session.progress.total) == (2048, 4096)
    session.progressed("load", "extracting", 0, None)
    assert session.progress.label == "Cleaning…"
    loaded = page()
    clip = Clip.from_article(loaded.article)
    session.page_shown(loaded, clip)
    assert not session.is_loading
    assert session.progress is None
    assert session.loaded is loaded
    assert session.clip is clip
    assert session.saved_path is None
    assert session.file_note is None
    assert session.status == "Loaded from news.example/…/budget"  # short (issue 12)
    assert session.title == "Harbour budget approved"
    assert session.word_count() == 5
    assert not session.is_dirty
    assert len(changes) == 4  # every transition tells the window


def test_progress_after_the_work_ended_is_ignored() -> None:
    session = Session()
    session.load_started(Source("url", URL))
    session.load_ended()
    session.progressed("load", "fetching", 10, 20)
    assert session.progress is None


def test_the_activity_updated_last_is_the_one_shown() -> None:
    session = Session()
    shown(session)
    session.save_started()
    session.load_started(Source("url", URL + "/2"))
    session.progressed("save", "images", 1, 3)
    assert session.progress is not None
    assert session.progress.label == "Saving images 1 of 3…"
    session.save_ended()
    assert session.progress is not None
    assert session.progress.label.startswith("Loading")


def test_edits_make_the_clip_unsaved_and_undoing_them_does_not() -> None:
    session = Session()
    shown(session)
    before = draft(session)
    typed(session, author="A. Writer and staff")
    assert session.is_dirty
    assert session.current_clip().author == "A. Writer and staff"
    session.edited(before)
    assert not session.is_dirty


def test_the_clip_to_save_is_the_one_shown() -> None:
    session = Session()
    clip = shown(session)
    typed(session, title="", tags=("a", "b"), body="Edited.")
    saved = session.current_clip()
    assert saved.title == "Untitled"
    assert saved.tags == ["a", "b"]
    assert saved.body == "Edited."
    assert saved.source == clip.source
    assert saved.path is None
    assert session.title == ""


def test_a_new_load_clears_errors_but_keeps_information() -> None:
    session = Session()
    session.failed("Not found")
    session.load_started(Source("url", URL))
    assert session.notice is None
    session.informed("The clipboard holds nothing to clip.")
    session.load_started(Source("url", URL))
    assert session.notice == Notice("The clipboard holds nothing to clip.", "info")


def test_pasted_html_without_an_address_empties_the_address() -> None:
    """Issue 12 changed this: the previous page's address stayed, naming another page."""
    session = Session()
    session.load_started(Source("url", URL))
    revision = session.address_revision
    session.load_started(Source("html", "<p>x</p>"))
    assert (session.address, session.address_revision) == ("", revision + 1)
    session.load_started(Source("html", "<p>x</p>", "https://from.example/"))
    assert session.address == "https://from.example/"
    assert session.address_revision == revision + 2
    session.load_started(Source("url", URL))
    assert session.address_revision == revision + 3  # the same address again is set again


def test_a_failed_load_offers_to_try_again_and_keeps_the_clip() -> None:
    session = Session()
    clip = shown(session)
    typed(session, body="Edited.")
    source = Source("url", URL + "/gone")
    session.load_started(source)
    session.load_failed(source, "Not found (404)")
    assert session.notice == Notice("Not found (404)", "error", retry=source)
    assert session.status == "Could not load news.example/…/gone"
    assert not session.is_loading
    assert session.clip is clip
    assert session.is_dirty
    assert session.source == source  # F5 tries it again


def test_edits_made_while_a_page_loads_are_noticed() -> None:
    session = Session()
    shown(session)
    session.load_started(Source("url", URL + "/2"))
    assert not session.edited_while_loading()
    typed(session, author="Someone")
    assert session.edited_while_loading()


def test_edits_agreed_to_before_the_load_are_not_asked_about_again() -> None:
    session = Session()
    shown(session)
    typed(session, author="Someone")
    session.load_started(Source("url", URL + "/2"))  # the person chose Discard
    assert session.is_dirty
    assert not session.edited_while_loading()


def test_saving_makes_the_snapshot_the_baseline() -> None:
    session = Session()
    shown(session)
    snapshot = typed(session, author="Someone")
    session.save_started()
    assert session.is_saving
    typed(session, author="Someone else")  # typed on while the save runs
    path = Path("/library/Harbour budget approved.md")
    session.saved(path, SaveAction.CREATED, snapshot)
    assert not session.is_saving
    assert session.saved_path == path
    assert session.baseline == snapshot
    assert session.is_dirty  # what was typed after is still to save
    assert draft(session).author == "Someone else"
    assert session.file_note == FileNote("Saved to", path)
    assert session.current_clip().path == path


def test_the_file_as_written_is_shown_unless_typed_on() -> None:
    session = Session()
    clip = shown(session)
    revision = session.content_revision
    path = Path("/library/Harbour.md")
    written = Clip(title=clip.title, body="![pier](Harbour.assets/1.png)", path=path)
    session.saved(path, SaveAction.CREATED, draft(session),
                  (written, {"Harbour.assets/1.png": b"png"}))
    assert session.clip is written
    assert session.clip_images == {"Harbour.assets/1.png": b"png"}
    assert session.content_revision == revision + 1
    assert not session.is_dirty
    assert session.images_folder() == Path("/library")
    assert session.file_note == FileNote("Saved to", path)

    snapshot = typed(session, body="Changed.")
    typed(session, body="Changed again.")
    session.saved(path, SaveAction.UPDATED, snapshot, (Clip(title="x", body="Changed."), {}))
    assert session.clip is written  # not replaced under the person's typing
    assert draft(session).body == "Changed again."
    assert session.file_note == FileNote("Updated", path)


def test_images_left_remote_are_named_and_a_save_clears_an_old_error() -> None:
    session = Session()
    shown(session)
    session.failed("Cannot write the library")
    path = Path("/library/a.md")
    session.saved(path, SaveAction.CREATED, draft(session))
    assert session.notice is None
    session.saved(path, SaveAction.UPDATED, draft(session),
                  failed_images=["https://img.example/a/one.png", "https://img.example/two.jpg"])
    assert session.notice is not None
    assert session.notice.level == "warning"
    assert session.notice.text.startswith("2 images could not be downloaded (img.example/…/one")
    assert session.notice.details.splitlines() == ["https://img.example/a/one.png",
                                                   "https://img.example/two.jpg"]


def test_a_failed_or_stopped_save_loses_nothing() -> None:
    session = Session()
    shown(session)
    typed(session, author="Someone")
    session.save_started()
    session.save_failed("The library folder is a file.")
    assert session.notice == Notice("The library folder is a file.")
    assert session.status == "Not saved"
    assert session.is_dirty
    assert session.saved_path is None
    session.save_started()
    session.save_cancelled()
    assert session.status == "Saving stopped; nothing was written"
    assert session.is_dirty


def test_save_as_writes_elsewhere_and_ctrl_s_still_goes_to_the_library() -> None:
    session = Session()
    shown(session)
    snapshot = typed(session, author="Someone")
    session.save_started(stoppable=False)
    assert session.progress is not None
    assert not session.progress.stoppable
    session.saved_as(Path("/elsewhere/my clip.md"), snapshot)
    assert session.file_note == FileNote("Saved as", Path("/elsewhere/my clip.md"))
    assert session.saved_path is None
    assert not session.is_dirty


def test_a_clip_opened_from_the_library_saves_back_to_its_file() -> None:
    session = Session()
    shown(session, images=("https://img.example/a.png",))
    path = Path("/library/Old clip.md")
    clip = Clip(title="Old clip", body="Old text.", source="https://old.example/", path=path)
    session.page_forgotten("https://old.example/")
    session.clip_opened(clip, path, {"Old clip.assets/a.png": b"png"})
    assert session.loaded is None
    assert session.image_urls() == []
    assert session.source == Source("url", "https://old.example/")
    assert session.address == "https://old.example/"
    assert session.saved_path == path
    assert session.file_note == FileNote("Opened", path)
    assert session.status == "Opened from the library"
    assert session.current_clip().path == path
    assert session.images_folder() == Path("/library")


def test_a_clip_moved_to_the_trash_is_saved_anew_next_time() -> None:
    session = Session()
    path = Path("/library/Old clip.md")
    session.clip_opened(Clip(title="Old clip", body="x", path=path), path, {})
    session.trashed(Path("/library/Other.md"), "Other")
    assert session.saved_path == path
    assert session.status == "Moved “Other” to the trash"
    session.trashed(path, "Old clip")
    assert session.saved_path is None
    assert session.file_note is None
    assert session.notice is not None
    assert session.notice.text.startswith("“Old clip” was moved to the trash")


def test_discarding_edits_brings_back_what_was_saved() -> None:
    session = Session()
    shown(session)
    baseline = session.draft
    revision = session.content_revision
    typed(session, body="Throw this away.")
    session.discard_edits()
    assert session.draft == baseline
    assert not session.is_dirty
    assert session.content_revision == revision + 1  # the window shows it again
    session.discard_edits()
    assert session.content_revision == revision + 1  # nothing to discard: nothing redrawn


def test_the_window_reading_back_what_it_shows_sets_the_baseline() -> None:
    session = Session()
    shown(session)
    read_back = Draft("Harbour budget approved", "A. Writer", None, "Gazette", ("news",),
                      "The council met on Tuesday.\n")  # an editor may add a line break
    session.shown_as(read_back)
    assert session.draft == read_back
    assert not session.is_dirty


def test_the_queue_hands_out_pages_in_order() -> None:
    session = Session()
    a, b, c = (Source("url", f"{URL}/{n}") for n in "abc")
    session.queue_first([b, c])
    session.queue_first([a])
    assert session.queue == [a, b, c]
    assert session.next_queued() == a
    assert session.queue == [b, c]
    session.next_queued()
    session.next_queued()
    assert session.next_queued() is None


def test_images_the_page_and_the_article_show_are_fetched_once() -> None:
    session = Session()
    shown(session, images=("https://img.example/a.png", "https://img.example/b.png"))
    session.page_prepared(["https://img.example/b.png", "https://img.example/logo.png"])
    assert session.image_urls() == ["https://img.example/b.png",
                                    "https://img.example/logo.png",
                                    "https://img.example/a.png"]
    session.images_started()
    assert session.is_fetching_images
    session.images_loaded(2)
    assert session.status == "Loaded 2 of 3 images"
    session.images_started()
    session.images_failed(None)  # stopped: nothing to say
    assert session.notice is None
    assert not session.is_fetching_images
    session.images_started()
    session.images_failed("Network down")
    assert session.notice == Notice("Network down")


def test_a_saved_page_on_disk_keeps_its_own_folder_for_images(tmp_path: Path) -> None:
    session = Session()
    shown(session, local_dir=tmp_path)
    assert session.images_folder() == tmp_path


def test_stop_ends_everything_that_runs() -> None:
    session = Session()
    shown(session)
    session.save_started()
    session.images_started()
    session.load_started(Source("url", URL))
    session.stopped()
    assert session.busy == {}
    assert session.status == "Stopped"


def test_a_notice_is_dismissed_once() -> None:
    session = Session()
    changes: list[int] = []
    session.subscribe(lambda: changes.append(1))
    session.informed("Hello", "success")
    session.dismissed()
    session.dismissed()
    assert session.notice is None
    assert len(changes) == 2


def test_an_image_left_out_at_load_is_said_in_the_status() -> None:
    session = Session()
    loaded = page()
    loaded.notes = ["image data:image/png,… (51200 KB) left out: larger than the 20 MB "
                    "image size limit"]
    session.load_started(loaded.source)
    session.page_shown(loaded, Clip.from_article(loaded.article, tags=["news"]))
    assert session.status.startswith("Loaded from news.example")
    assert "left out: larger than the 20 MB image size limit" in session.status

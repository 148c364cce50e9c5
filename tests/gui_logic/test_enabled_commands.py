"""Which commands the menus, keys and buttons offer: one rule over the session's state."""

from __future__ import annotations

from pathlib import Path

from clipper.gui.session import Session, enabled_commands
from clipper.models import Article, Clip, Page, Source
from clipper.pipeline import Loaded

URL = "https://news.example/story"


def with_page(images: list[str] | None = None) -> Session:
    session = Session()
    source = Source("url", URL)
    session.load_started(source)
    article = Article(markdown="Text.", title="Story", images=images or [])
    session.page_shown(Loaded(source, Page(b"", URL), "", article), Clip.from_article(article))
    return session


def test_with_nothing_shown_only_the_always_available_commands_run() -> None:
    assert enabled_commands(Session()) == frozenset()


def test_a_shown_page_can_be_saved_copied_toggled_searched_and_reloaded() -> None:
    assert enabled_commands(with_page()) == {"save", "save_as", "copy_markdown",
                                             "toggle_markdown", "reload", "find"}


def test_images_can_be_loaded_only_when_the_page_has_some() -> None:
    assert "load_images" not in enabled_commands(with_page())
    assert "load_images" in enabled_commands(with_page(["https://img.example/a.png"]))
    session = with_page()
    session.page_prepared(["https://img.example/logo.png"])
    assert "load_images" in enabled_commands(session)


def test_while_saving_nothing_else_saves_and_stop_is_offered() -> None:
    session = with_page()
    session.save_started()
    enabled = enabled_commands(session)
    assert "save" not in enabled
    assert "save_as" not in enabled
    assert "stop" in enabled
    assert "copy_markdown" in enabled
    session.save_ended()
    assert "stop" not in enabled_commands(session)


def test_stop_is_offered_while_loading_or_fetching_images() -> None:
    session = Session()
    session.load_started(Source("url", URL))
    assert enabled_commands(session) == {"stop", "reload"}
    session = with_page(["https://img.example/a.png"])
    session.images_started()
    assert "stop" in enabled_commands(session)
    session.images_loaded(1)
    assert "stop" not in enabled_commands(session)


def test_the_next_page_is_offered_while_pages_wait() -> None:
    session = Session()
    session.queue_first([Source("url", URL)])
    assert enabled_commands(session) == {"next_queued"}
    session.next_queued()
    assert enabled_commands(session) == frozenset()


def test_a_clip_opened_from_the_library_without_an_address_cannot_reload() -> None:
    session = with_page()
    session.page_forgotten(None)
    path = Path("/library/a.md")
    session.clip_opened(Clip(title="a", body="b", path=path), path, {})
    assert "reload" not in enabled_commands(session)
    assert "save" in enabled_commands(session)


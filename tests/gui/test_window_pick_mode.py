"""Warn when unsure, then pick: a page whose article the extractor doubts gets a notice
saying why with "Choose the Article…"; in pick mode a click highlights the block under it,
Alt+Up / + widen it and Alt+Down / - narrow it, and the bar's buttons correct the clip.
A teaser page gets a notice that the clip may be cut short."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from helpers.dialogs import answer_dialog, click_button
from helpers.forum_shop import DESCRIPTION, OPENER, REPLIES, forum_thread, shop_page
from helpers.news_page import news_page
from helpers.teaser_page import TEASER_DE
from helpers.two_stories import two_stories
from helpers.window import TIMEOUT, press
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QPushButton

from clipper.gui.pick_mode import HINT, PickMode
from clipper.gui.widgets.raw_view import PAGE_TAB, SOURCE_TAB
from clipper.library.site_rules import SiteRules, rules_path


def _load(qtbot, window, url: str, title: str) -> None:
    window.url_bar.field.setFocus()
    window.url_bar.field.clear()
    qtbot.keyClicks(window.url_bar.field, url)
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session.loaded is not None
                    and window.session.loaded.source.value == url
                    and title in window.form.title.text() and window.raw_view_ready(),
                    timeout=TIMEOUT)


def _notice_button(window) -> QPushButton | None:
    shown = [b for b in window.message_bar.findChildren(QPushButton) if b.isVisible()]
    return shown[0] if shown else None


def _click_page_text(qtbot, page, text: str) -> None:
    qtbot.waitUntil(lambda: not page.document().find(text).isNull(), timeout=TIMEOUT)
    found = page.document().find(text)
    page.setTextCursor(found)
    page.ensureCursorVisible()
    rect = page.cursorRect(found)
    qtbot.mouseClick(page.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(rect.x() + 2, rect.center().y()))


def _click_source_line(qtbot, source, needle: str) -> int:
    """Click the source line holding ``needle``; its 1-based number."""
    doc = source.document()
    number = next(i for i in range(doc.blockCount()) if needle in doc.findBlockByNumber(i).text())
    block = doc.findBlockByNumber(number)
    source.verticalScrollBar().setValue(max(0, block.firstLineNumber() - 2))
    rect = source.blockBoundingGeometry(block).translated(source.contentOffset())
    qtbot.mouseClick(source.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(60, int(rect.center().y())))
    return number + 1


def _pick_in_source(qtbot, window, needle: str) -> tuple[PickMode, int]:
    """Pick mode, then a click on the source line holding ``needle``: the mode with that
    line picked, and the line."""
    picker = window.loader.picker
    picker.choose_article()
    raw = window.raw_view
    raw.tabs.setCurrentIndex(SOURCE_TAB)
    raw.source.setFocus()
    line = _click_source_line(qtbot, raw.source, needle)
    qtbot.waitUntil(lambda: picker.mode.span is not None, timeout=TIMEOUT)
    return picker.mode, line


def test_an_unsure_clip_says_why_and_the_person_picks_the_article(
        qtbot, window, http_server) -> None:
    http_server.route("/weekly/", two_stories())
    _load(qtbot, window, http_server.url("/weekly/"), "Riverside")
    chosen_first = "rowing club" in window.article.preview_text()
    wanted, unwanted = ("tram depot", "rowing club") if chosen_first else \
        ("rowing club", "tram depot")
    assert "not sure this is the article (two candidate articles)" in window.message_bar.text()
    button = _notice_button(window)
    assert button is not None
    assert button.text() == "Choose the Article…"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    raw = window.raw_view
    bar = window.loader.picker.mode.bar
    assert bar.isVisible()
    assert raw.tabs.currentIndex() == PAGE_TAB
    assert not bar.buttons["article"].isEnabled()  # nothing picked yet
    page = raw.page
    _click_page_text(qtbot, page, "council voted" if wanted == "tram depot" else "club celebrated")
    mode = window.loader.picker.mode
    qtbot.waitUntil(lambda: mode.span is not None, timeout=TIMEOUT)  # the page parsed aside
    first, last = mode.span
    assert first == last  # the paragraph clicked, one line
    assert page.extraSelections()  # highlighted in the page
    assert raw.source.picked == (first, last)  # and in the source
    press(qtbot, window, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    wider = mode.span
    assert wider[0] < first <= wider[1]  # the story with its heading
    assert "widened 1×" in bar.label.text()
    press(qtbot, window, Qt.Key.Key_Minus)
    assert mode.span == (first, last)
    qtbot.mouseClick(bar.buttons["wider"], Qt.MouseButton.LeftButton)
    assert mode.span == wider
    press(qtbot, window, Qt.Key.Key_Minus)  # the keys still reach the page after a click
    assert mode.span == (first, last)
    press(qtbot, window, Qt.Key.Key_Plus)
    assert mode.span == wider
    asked = answer_dialog(qtbot, click_button("This Page Only"))
    qtbot.mouseClick(bar.buttons["article"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wanted in window.article.preview_text().lower(), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: bool(asked), timeout=TIMEOUT)
    assert unwanted not in window.article.preview_text().lower()
    assert not bar.isVisible()
    assert raw.source.picked is None
    assert window.message_bar.text() == ""  # the person chose: no more doubt
    assert "This page only: take as the article" in window.session.status


def test_picking_in_the_source_widens_to_the_enclosing_block(qtbot, window,
                                                              http_server) -> None:
    http_server.route("/news/harbour", news_page())
    _load(qtbot, window, http_server.url("/news/harbour"), "Harbour dredging")
    assert window.message_bar.text() == ""  # a clear article: no notice
    assert "Dredging depth" in window.article.preview_text()
    mode, line = _pick_in_source(qtbot, window, "Dredging depth")
    raw = window.raw_view
    assert mode.span == (line, line)
    press(qtbot, window, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert mode.span == (line - 1, line)  # the fact box around the paragraph
    assert raw.source.picked == (line - 1, line)
    press(qtbot, window, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    press(qtbot, window, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # no narrower
    assert mode.span == (line, line)
    press(qtbot, window, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    asked = answer_dialog(qtbot, click_button("This Page Only"))
    qtbot.mouseClick(mode.bar.buttons["drop"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Dredging depth" not in window.article.preview_text(),
                    timeout=TIMEOUT)
    qtbot.waitUntil(lambda: bool(asked), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: "This page only: drop div.factbox" in window.session.status,
                    timeout=TIMEOUT)


def test_the_page_is_parsed_once_and_off_the_gui_thread_for_every_click(
        qtbot, window, http_server, monkeypatch: pytest.MonkeyPatch) -> None:
    http_server.route("/news/harbour", news_page())
    _load(qtbot, window, http_server.url("/news/harbour"), "Harbour dredging")
    from clipper.extract import parse

    on_gui_thread: list[bool] = []
    real = parse.parse_html

    def counted(html: str | bytes) -> object:
        on_gui_thread.append(threading.current_thread() is threading.main_thread())
        return real(html)

    monkeypatch.setattr(parse, "parse_html", counted)
    picker = window.loader.picker
    picker.choose_article()
    page, mode = window.raw_view.page, picker.mode
    for text in ("Local businesses", "Environmental groups", "Work on the northern"):
        _click_page_text(qtbot, page, text)
        qtbot.waitUntil(lambda: mode.span is not None, timeout=TIMEOUT)
        picked = mode.span
        press(qtbot, window, Qt.Key.Key_Escape)
        picker.choose_article()
        assert picked is not None
    assert on_gui_thread == [False]


def test_escape_leaves_pick_mode(qtbot, window, http_server) -> None:
    http_server.route("/news/harbour", news_page())
    _load(qtbot, window, http_server.url("/news/harbour"), "Harbour dredging")
    picker = window.loader.picker
    picker.choose_article()
    assert picker.mode.bar.isVisible()
    assert picker.mode.bar.label.text() == HINT
    _click_page_text(qtbot, window.raw_view.page, "Local businesses")
    qtbot.waitUntil(lambda: picker.mode.span is not None, timeout=TIMEOUT)
    press(qtbot, window, Qt.Key.Key_Escape)
    assert not picker.mode.bar.isVisible()
    assert picker.mode.span is None
    assert not window.raw_view.page.extraSelections()


def test_a_teaser_says_the_clip_may_be_cut_short(qtbot, window, http_server) -> None:
    http_server.route("/lokales/bruecke", TEASER_DE)
    _load(qtbot, window, http_server.url("/lokales/bruecke"), "Brücke")
    assert "48 Millionen Euro" in window.article.preview_text()
    text = window.message_bar.text()
    assert "may be cut short" in text
    assert "prompt to subscribe or sign in" in text
    assert window.message_bar.level == "warning"
    assert _notice_button(window) is None


def _source_line(window, needle: str) -> int:
    """The 1-based line of the page's source that holds ``needle``."""
    html = window.session.loaded.html
    return next(n for n, text in enumerate(html.splitlines(), start=1) if needle in text)


def _remembered_then_saved(qtbot, url: str, kind: str) -> str:
    """The one rule the pick wrote for the site (of ``kind``); then ``clipper save`` of the
    same page, which must say it applied it: the clip's text."""
    path = rules_path(Path(os.environ["CLIPPER_LIBRARY"]))
    qtbot.waitUntil(path.exists, timeout=TIMEOUT)
    [rule] = SiteRules.load(path.parent.parent).rules
    assert (rule.host, rule.kind) == ("127.0.0.1", kind)
    saved = subprocess.run([sys.executable, "-m", "clipper", "save", url], capture_output=True,
                           text=True, check=True, env=os.environ.copy())
    assert f"1 site rule applied ({kind} {rule.selector})" in saved.stderr
    return Path(saved.stdout.strip()).read_text(encoding="utf-8")


def test_a_forum_thread_is_picked_whole_and_the_site_keeps_the_choice(
        qtbot, window, http_server) -> None:
    http_server.route("/threads/green-water-butts.391/", forum_thread())
    url = http_server.url("/threads/green-water-butts.391/")
    _load(qtbot, window, url, "Green water butts")
    picker = window.loader.picker
    picker.choose_article()
    mode = picker.mode
    _click_page_text(qtbot, window.raw_view.page, "allotment's water butts")
    qtbot.waitUntil(lambda: mode.span is not None, timeout=TIMEOUT)
    opener = _source_line(window, OPENER[:30])
    last_reply = _source_line(window, REPLIES[-1][1][:30])
    assert mode.span[0] <= opener <= mode.span[1]
    while not mode.span[0] < opener < last_reply <= mode.span[1]:  # wider, to the thread
        widened = mode.up
        press(qtbot, window, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
        assert mode.up == widened + 1, "the thread is never picked whole"
    assert _source_line(window, "Latest threads") > mode.span[1]  # not the sidebar
    asked = answer_dialog(qtbot, click_button("Remember for the Site"))
    qtbot.mouseClick(mode.bar.buttons["article"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(asked), timeout=TIMEOUT)
    preview = window.article.preview_text()
    assert OPENER[:40] in preview
    assert all(text[:40] in preview for _who, text in REPLIES)
    assert "Thread about compost" not in preview
    clip = _remembered_then_saved(qtbot, url, "article")
    assert OPENER[:40] in clip
    assert REPLIES[-1][1][:40] in clip
    assert "Thread about compost" not in clip


def test_a_shops_reviews_are_dropped_for_the_site(qtbot, window, http_server) -> None:
    http_server.route("/kettles/hollin", shop_page())
    url = http_server.url("/kettles/hollin")
    _load(qtbot, window, url, "Hollin stovetop kettle")
    mode, heading = _pick_in_source(qtbot, window, "Customer reviews (6)")
    assert mode.span == (heading, heading)
    press(qtbot, window, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)  # the whole section
    first, last = mode.span
    assert first == _source_line(window, '<section class="reviews"')
    assert last >= _source_line(window, "Review number 6")
    asked = answer_dialog(qtbot, click_button("Remember for the Site"))
    qtbot.mouseClick(mode.bar.buttons["drop"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(asked), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: "Customer 1" not in window.article.preview_text(), timeout=TIMEOUT)
    assert DESCRIPTION[:40] in window.article.preview_text()
    clip = _remembered_then_saved(qtbot, url, "drop")
    assert DESCRIPTION[:40] in clip
    assert "Customer 1" not in clip

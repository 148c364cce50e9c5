"""The constructs Qt's Markdown reader handles differently render right in the window.

``QTextBrowser.setMarkdown`` (md4c) shows ``_x_`` as underline, drops the text after
a bare ``<br>`` in a table cell and keeps ``\\|`` inside code; the converter avoids all
three.  Runs offscreen.
"""

from __future__ import annotations

from collections.abc import Iterator

import helpers.qt_env  # noqa: F401  (sets up Qt before any QApplication)
import pytest
from helpers.markdown import md

pytest.importorskip("PySide6.QtWidgets")
from PySide6.QtWidgets import QApplication, QTextBrowser


@pytest.fixture
def browser(qapp: QApplication) -> Iterator[QTextBrowser]:
    widget = QTextBrowser()
    yield widget
    widget.deleteLater()


def qt_html(browser: QTextBrowser, html: str) -> str:
    browser.setMarkdown(md(html))
    return browser.toHtml()


def test_emphasis_is_italic_and_bold_not_underlined(browser: QTextBrowser) -> None:
    out = qt_html(browser, "<p>a <em>it</em> b <strong>bo</strong> c<b>x</b><i>y</i></p>")
    assert "font-style:italic;\">it<" in out
    assert "font-weight:700;\">bo<" in out
    assert "font-weight:700;\">x<" in out
    assert "font-style:italic;\">y<" in out
    assert "underline" not in out


def test_hard_break_splits_the_line(browser: QTextBrowser) -> None:
    browser.setMarkdown(md("<p>first line<br>second line</p>"))
    assert browser.toPlainText() == "first line\nsecond line"


def test_table_cells_keep_text_after_breaks_and_pipes(browser: QTextBrowser) -> None:
    html = ("<table><tr><th>k</th><th>v</th></tr><tr><td>one<br>two</td>"
            "<td><code>a|b</code> c|d</td></tr></table>")
    out = qt_html(browser, html)
    assert "<table" in out
    assert "two" in out
    plain = browser.toPlainText()
    assert "a|b" in plain
    assert "c|d" in plain
    assert "\\|" not in plain


def test_fenced_code_keeps_indentation(browser: QTextBrowser) -> None:
    browser.setMarkdown(md('<pre class="language-py">def f():\n    return 1</pre>'))
    assert "<pre" in browser.toHtml()
    assert browser.toPlainText() == "def f():\n    return 1"


def test_html_table_fallback_renders_as_a_table(browser: QTextBrowser) -> None:
    out = qt_html(browser, '<table><tr><td rowspan="2">r</td><td>a</td></tr>'
                           "<tr><td>b</td></tr></table><p>after</p>")
    assert "<table" in out
    assert "after" in browser.toPlainText()

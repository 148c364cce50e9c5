"""Pager texts (page numbers, arrows, paging words) as ``prune_chrome_text`` reads them."""

import re

from lxml import etree

from clipper.extract.patterns import is_pager
from clipper.htmltree import class_matches


def test_ascii_pagers_and_prose() -> None:
    assert is_pager("< Prev 1 2 3 … 14 Next >")
    assert is_pager("Page 2 of 5")
    assert not is_pager("Next week we look at the harbour")
    assert not is_pager("Older posts")  # paging words alone, no number or arrow


def test_digits_and_arrows_outside_ascii() -> None:
    assert is_pager("« Older | Newer »")
    assert is_pager("١ ٢ ٣")  # Arabic-Indic page numbers
    assert is_pager("² ³")  # digits to Python, though not 0-9
    assert not is_pager("Zurück zur Übersicht")


def test_class_matches_in_document_order() -> None:
    root = etree.fromstring(
        '<div class="sr-only"><p class="x">a</p><span class="visually-hidden">b</span>'
        '<p>c</p><i class="offscreen"/></div>')
    pattern = re.compile("sr-|hidden|offscreen")
    assert [el.tag for el in class_matches(root, pattern)] == ["span", "i"]
    assert [el.tag for el in class_matches(root, pattern, with_root=True)] == ["div", "span", "i"]

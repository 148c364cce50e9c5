"""Why a block was left out: every dropped block has a reason and a selector that finds it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from helpers.news_page import news_page
from lxml import html as lxml_html

from clipper.extract import extract
from clipper.extract.selectors import select_all, selector_for

URL = "https://courier.example/news/harbour"


def _only(page: str, selector: str) -> lxml_html.HtmlElement:
    found = select_all(lxml_html.document_fromstring(page), selector)
    assert len(found) == 1, (selector, found)
    return found[0]


def test_news_page_lists_share_bar_tags_and_related_box_with_reasons() -> None:
    page = news_page()
    article = extract(page, URL, explain=True)
    by_reason: dict[str, list[str]] = {}
    for block in article.dropped:
        assert block.selector, block  # each one found again in the page
        by_reason.setdefault(block.reason, []).append(block.text)
        assert _only(page, block.selector).text_content().split()[:2] == \
            block.text.split()[:2] or not block.text
    assert by_reason["share buttons"] == ["Tweet Share Email"]
    assert by_reason["tags"] == ["Harbour Environment Business"]
    assert by_reason["related links"][0].startswith("Related stories Oyster farmers")
    assert "comments" in by_reason
    assert "page footer" in by_reason
    assert by_reason["duplicate of the title"] == [
        "Harbour dredging plan approved after three-year dispute"]
    # the selectors prefer stable class names to positions
    share = next(b for b in article.dropped if b.reason == "share buttons")
    assert share.selector == "div.share-bar"
    # and what is dropped is not in the article
    assert "Tweet" not in article.markdown
    assert "Oyster farmers" not in article.markdown
    assert "Dredging depth" in article.markdown


def test_without_explain_the_reasons_are_there_but_no_selectors() -> None:
    article = extract(news_page(), URL)
    assert {"share buttons", "tags", "related links"} <= {b.reason for b in article.dropped}
    assert all(b.selector is None for b in article.dropped)


def test_a_block_dropped_for_its_name_is_said_so() -> None:
    article = extract(news_page(fact_box_class="ad-slot"), URL, explain=True)
    [ad] = [b for b in article.dropped if b.text.startswith("Dredging depth")]
    assert ad.reason == "advertisement"
    el = _only(news_page(fact_box_class="ad-slot"), ad.selector or "")
    assert "Dredging depth" in el.text_content()


def test_hidden_blocks_and_outside_blocks_have_their_reasons() -> None:
    page = news_page().replace(
        "<main>", '<main><div style="display:none" id="paywall">Subscribe to read more</div>'
        '<div class="weather-widget"><p>Sunny, 21 degrees in Bayport today</p></div>')
    article = extract(page, URL, explain=True)
    reasons = {b.text: (b.reason, b.selector) for b in article.dropped}
    assert reasons["Subscribe to read more"] == ("hidden", "#paywall")
    reason, selector = reasons["Sunny, 21 degrees in Bayport today"]
    assert reason == "outside the article"
    assert selector == "div.weather-widget"


def test_selector_falls_back_to_a_position_path_that_selects_only_it() -> None:
    page = lxml_html.document_fromstring(
        "<html><body><div><p>a</p><p>b</p></div><div><p>c</p><p class='x'>d</p>"
        "<p class='x'>e</p></div></body></html>")
    d = page.xpath("//p[text()='d']")[0]
    selector = selector_for(d, page)
    assert selector == "html > body > div:nth-of-type(2) > p:nth-of-type(2)"
    assert select_all(page, selector) == [d]


def test_clipper_extract_json_lists_the_dropped_blocks(tmp_path: Path) -> None:
    saved = tmp_path / "harbour.html"
    saved.write_text(news_page(), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "clipper", "extract", str(saved), "--json"],
                         capture_output=True, text=True, check=True).stdout
    dropped = json.loads(out)["dropped"]
    assert {"text": "Tweet Share Email", "reason": "share buttons",
            "selector": "div.share-bar"} in dropped
    assert {"text": "Harbour Environment Business", "reason": "tags",
            "selector": "ul.tags"} in dropped


def test_the_reference_page_lists_its_share_bar_tags_and_related_box() -> None:
    reference = Path(__file__).resolve().parent.parent / "data" / "devdiscourse-russia-afghan.html"
    out = subprocess.run([sys.executable, "-m", "clipper", "extract", str(reference), "--json"],
                         capture_output=True, text=True, check=True).stdout
    data = json.loads(out)
    found = {(d["reason"], d["selector"]) for d in data["dropped"]}
    assert ("share buttons", "div.share-bar") in found
    assert ("tags", "ul.article-tags") in found
    assert ("related links", "section.related") in found
    assert ("sidebar", "aside.col-md-4") in found
    # the lead photo is in the clip, so it is not listed as left out
    assert "![" in data["markdown"]
    assert all(d["text"] for d in data["dropped"])


def test_each_dropped_block_knows_the_lines_it_spans() -> None:
    page = news_page()
    lines = page.splitlines()
    article = extract(page, "https://courier.example/news/harbour")
    share = next(b for b in article.dropped if b.reason == "share buttons")
    assert share.line is not None
    assert share.end_line is not None
    assert 'class="share-bar"' in lines[share.line - 1]
    assert ">Email<" in lines[share.end_line - 2]  # its last link
    assert lines[share.end_line - 1].strip() == "</div>"  # and the line that closes it
    related = next(b for b in article.dropped if b.reason == "related links")
    assert related.line is not None
    assert related.end_line is not None
    assert related.end_line > related.line


def test_a_block_a_site_rule_keeps_is_not_listed_as_dropped() -> None:
    from clipper.models import PageRules

    article = extract(news_page(), "https://courier.example/news/harbour",
                      rules=PageRules(keep=("ul.tags",), drop=(".factbox",)))
    reasons = [b.reason for b in article.dropped]
    assert "tags" not in reasons  # kept by the rule: in the article, not left out
    assert "site rule" in reasons  # the fact box the other rule drops
    assert "share buttons" in reasons

"""Site rules: the file a person or Clipper writes, and the rules applied by the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cssselect import GenericTranslator
from helpers.httpserver import LoopbackServer
from helpers.news_page import news_page

from clipper.extract import extract
from clipper.library.site_rules import SiteRules, SiteRulesError, parse_rules, rules_path
from clipper.models import PageRules

HAND_WRITTEN = """\
# my corrections
courier.example:
  drop:
    - .factbox                      # a selector alone
    - selector: aside.related
      date: 2026-11-30
      note: the related box slips through
"*.bay.example":
  article:
    - selector: main article.story
"""


def _clipper(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "clipper", *args], capture_output=True,
                          text=True, check=check, env=os.environ.copy())


def test_a_hand_written_file_is_read_with_hosts_patterns_and_short_items() -> None:
    rules = SiteRules(parse_rules(HAND_WRITTEN))
    assert [(r.host, r.kind, r.selector, r.date, r.note) for r in rules.rules] == [
        ("courier.example", "drop", ".factbox", "", ""),
        ("courier.example", "drop", "aside.related", "2026-11-30",
         "the related box slips through"),
        ("*.bay.example", "article", "main article.story", "", ""),
    ]
    assert rules.for_url("https://www.courier.example/x") == PageRules(
        drop=(".factbox", "aside.related"))
    assert rules.for_url("https://news.bay.example/a") == PageRules(
        article=("main article.story",))
    assert rules.for_url("https://bay.example/a") == PageRules(article=("main article.story",))
    assert rules.for_url("https://other.example/a") is None
    assert rules.for_url("https://notbay.example/a") is None


@pytest.mark.parametrize(("text", "line", "words"), [
    ("courier.example:\n  drop:\n    - .a\n   - .b\n", 4, "not valid YAML"),
    ("courier.example:\n  drop:\n    - .ok\n    - 'div[class='\n", 4, "not a CSS selector"),
    ("courier.example:\n  hide:\n    - .a\n", 2, "unknown kind of rule 'hide'"),
    ("courier.example:\n  keep:\n    - selector: .a\n      colour: red\n", 4,
     "unknown key 'colour'"),
    ("courier.example:\n  keep: .a\n", 2, "must be a list of selectors"),
])
def test_a_broken_file_names_the_line(tmp_path: Path, text: str, line: int, words: str) -> None:
    path = rules_path(tmp_path)
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SiteRulesError) as caught:
        SiteRules.load(tmp_path)
    message = str(caught.value)
    assert f"line {line}" in message
    assert words in message
    assert str(path) in message


def test_rules_written_are_read_back_the_same(tmp_path: Path) -> None:
    rules = SiteRules()
    rules.add("https://www.Courier.example/news/x", "drop", " .factbox ", note="fact box")
    rules.add("*.bay.example", "keep", "#box")
    rules.add("courier.example", "drop", ".factbox")  # already there: not twice
    rules.save(tmp_path)
    again = SiteRules.load(tmp_path)
    assert [(r.host, r.kind, r.selector, r.note) for r in again.rules] == [
        ("courier.example", "drop", ".factbox", "fact box"), ("*.bay.example", "keep", "#box", "")]
    assert all(r.date for r in again.rules)
    first = again.rules[0]
    assert again.remove("courier.example") == [first]
    assert [r.host for r in again.rules] == ["*.bay.example"]
    with pytest.raises(SiteRulesError, match="not a CSS selector"):
        rules.add("courier.example", "keep", "p::")
    with pytest.raises(SiteRulesError, match="Not a host"):
        rules.add("courier example", "keep", "p")


def test_keep_drop_and_article_rules_change_the_article() -> None:
    url = "https://courier.example/news/harbour"
    plain = extract(news_page(), url)
    assert "Dredging depth" in plain.markdown
    assert plain.site_rules == []
    dropped = extract(news_page(), url, rules=PageRules(drop=(".factbox",)))
    assert "Dredging depth" not in dropped.markdown
    assert dropped.site_rules == ["drop .factbox"]
    assert ("Dredging depth: 14 metres. Cost: 38 million euros. Start: March.", "site rule") in [
        (b.text, b.reason) for b in dropped.dropped]
    # a block the extractor drops (named like an ad) comes back with a keep rule
    ad_page = news_page(fact_box_class="ad-slot")
    assert "Dredging depth" not in extract(ad_page, url).markdown
    kept = extract(ad_page, url, rules=PageRules(keep=("div.ad-slot", "ul.tags")))
    assert "Dredging depth: 14 metres" in kept.markdown
    assert "[Environment](https://courier.example/tag/environment)" in kept.markdown
    assert "data-clipper-rule" not in kept.html
    # the article rule chooses the container, even one the extractor would never take
    related = extract(news_page(), url, rules=PageRules(article=("aside.related",)))
    assert "Container line leaves the bay" in related.markdown
    assert "harbour authority approved" not in related.markdown
    # a rule that finds nothing is not counted
    assert extract(news_page(), url, rules=PageRules(drop=(".nothing",))).site_rules == []


def test_the_cli_adds_lists_applies_and_removes_rules(tmp_path: Path,
                                                      http_server: LoopbackServer) -> None:
    http_server.route("/news/harbour", news_page())
    http_server.route("/news/ad", news_page(fact_box_class="ad-slot"))
    page = http_server.url("/news/harbour")
    library = tmp_path / "library"
    lib = ["--library", str(library)]
    host = "127.0.0.1"

    assert "Dredging depth" in _clipper("extract", page, *lib).stdout
    _clipper("rules", "add", host, "--drop", ".factbox", "--note", "fact box", *lib)
    _clipper("rules", "add", host, "--keep", "div.ad-slot", *lib)
    listed = _clipper("rules", "list", *lib).stdout
    assert "127.0.0.1" in listed
    assert ".factbox  (" in listed
    assert "fact box" in listed
    assert "div.ad-slot" in listed

    ruled = _clipper("extract", page, *lib)
    assert "Dredging depth" not in ruled.stdout
    assert "1 site rule applied (drop .factbox)" in ruled.stderr
    assert "Dredging depth" in _clipper("extract", page, *lib, "--no-rules").stdout
    assert "Dredging depth" in _clipper("extract", http_server.url("/news/ad"), *lib).stdout

    saved = _clipper("save", page, *lib).stdout.strip()
    assert "Dredging depth" not in Path(saved).read_text(encoding="utf-8")
    saved = _clipper("save", page, *lib, "--no-rules", "--on-duplicate", "new").stdout.strip()
    assert "Dredging depth" in Path(saved).read_text(encoding="utf-8")

    removed = _clipper("rules", "remove", host, ".factbox", *lib).stdout
    assert "removed 127.0.0.1  drop  .factbox" in removed
    assert "Dredging depth" in _clipper("extract", page, *lib).stdout
    assert _clipper("rules", "remove", host, ".factbox", *lib, check=False).returncode == 1


def test_a_broken_rules_file_stops_with_the_line_and_is_never_overwritten(
        tmp_path: Path, http_server: LoopbackServer) -> None:
    http_server.route("/news/harbour", news_page())
    library = tmp_path / "library"
    path = rules_path(library)
    path.parent.mkdir(parents=True)
    broken = "127.0.0.1:\n  drop:\n    - .factbox\n  keep: [unclosed\n"
    path.write_text(broken, encoding="utf-8")
    lib = ["--library", str(library)]

    added = _clipper("rules", "add", "127.0.0.1", "--drop", ".x", *lib, check=False)
    assert added.returncode == 1
    assert f"{path}, line 5: not valid YAML" in added.stderr  # the end, where "]" was due
    assert path.read_text(encoding="utf-8") == broken
    extracted = _clipper("extract", http_server.url("/news/harbour"), *lib, check=False)
    assert extracted.returncode == 1
    assert "--no-rules" in extracted.stderr
    fine = _clipper("extract", http_server.url("/news/harbour"), *lib, "--no-rules")
    assert "Dredging depth" in fine.stdout
    assert path.read_text(encoding="utf-8") == broken


def test_reextract_applies_the_rules_added_since_the_clip_was_saved(
        tmp_path: Path, http_server: LoopbackServer) -> None:
    http_server.route("/news/harbour", news_page())
    library = tmp_path / "library"
    lib = ["--library", str(library)]
    clip = Path(_clipper("save", http_server.url("/news/harbour"), *lib, "--no-images")
                .stdout.strip())
    assert "Dredging depth" in clip.read_text(encoding="utf-8")
    _clipper("rules", "add", "127.0.0.1", "--drop", ".factbox", *lib)
    done = _clipper("reextract", "--all", *lib)
    assert "changed" in done.stdout
    assert "Dredging depth" not in clip.read_text(encoding="utf-8")
    assert "harbour authority approved" in clip.read_text(encoding="utf-8")
    # a broken rules file fails each clip with the line, and changes nothing
    rules_path(library).write_text("127.0.0.1:\n  drop: [\n", encoding="utf-8")
    failed = _clipper("reextract", "--all", "--force", *lib, check=False)
    assert failed.returncode == 1
    assert "site-rules.yaml, line 3: not valid YAML" in failed.stderr


def test_import_applies_the_rules_and_a_broken_file_stops_it_before_any_fetch(
        tmp_path: Path, http_server: LoopbackServer) -> None:
    http_server.route("/news/harbour", news_page())
    library = tmp_path / "library"
    lib = ["--library", str(library)]
    urls = tmp_path / "urls.txt"
    urls.write_text(http_server.url("/news/harbour") + "\n", encoding="utf-8")
    path = rules_path(library)
    path.parent.mkdir(parents=True)
    path.write_text("127.0.0.1:\n  drop:\n    - .factbox\n  keep: [\n", encoding="utf-8")
    stopped = _clipper("import", str(urls), *lib, check=False)
    assert stopped.returncode == 1
    assert "line 5: not valid YAML" in stopped.stderr
    assert http_server.requests_to("/news/harbour") == []
    path.write_text("127.0.0.1:\n  drop:\n    - .factbox\n", encoding="utf-8")
    _clipper("import", str(urls), *lib, "--no-images")
    [clip] = library.glob("*.md")
    assert "harbour authority approved" in clip.read_text(encoding="utf-8")
    assert "Dredging depth" not in clip.read_text(encoding="utf-8")


SELECTORS = (
    "div.share-bar", ".factbox p", "#nothing", "aside > ul > li:nth-child(2)",
    "main article.story > h1", "ul.tags li:not(.x) a", "div:not(.factbox) > p",
    "a[href*='tag/']", "a[href^='https://twitter.com']", "[data-missing]", "section.related",
    "html > body > main > article > div:nth-of-type(2)", "html > body > footer > p",
    "nav.main-menu a, .nothing", ".nothing, footer a", "header img[alt='The Bay Courier']",
    "p:first-child", "*", "li + li", "h3 ~ ul", "a[title='x, .y']", "table td",
)


@pytest.mark.parametrize("selector", SELECTORS)
def test_a_rule_skipped_as_impossible_really_matches_nothing(selector: str) -> None:
    from lxml import html as lxml_html

    from clipper.extract.rules import _PageNames
    from clipper.extract.selectors import select_all

    doc = lxml_html.document_fromstring(news_page())
    found = select_all(doc, selector)
    if found:
        assert _PageNames(doc).may_match(selector)
    # and the shortcut for paths from the root finds what a walk finds
    walked = doc.xpath(GenericTranslator().css_to_xpath(selector))
    assert found == walked


def test_rules_naming_what_the_page_lacks_are_not_run() -> None:
    from lxml import html as lxml_html

    from clipper.extract.rules import _PageNames

    names = _PageNames(lxml_html.document_fromstring(news_page()))
    for selector in ("#nothing", "[data-missing]", "table td", ".x .factbox", "nav.nothing"):
        assert not names.may_match(selector), selector
    for selector in ("div.factbox", "a[href]", "aside h3", ".nothing, ul.tags"):
        assert names.may_match(selector), selector

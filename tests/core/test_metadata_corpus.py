"""Metadata on real pages: the reference fixture and the Readability.js test corpus.

The corpus rates are computed in the test (never timed) and must not fall below
the level reached when this was written. The expected values come from
Readability.js; on a few pages they are page furniture ("Last Updated: ...",
"Follow Author", "By" kept) or another story's byline, and Clipper deliberately
gives the clean or correct value instead -- those pages are checked one by one
in ``test_where_readability_is_wrong``.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import unicodedata
from pathlib import Path

import lxml.html
import pytest

from clipper.extract.metadata import Metadata, extract_metadata

DATA = Path(__file__).resolve().parent.parent / "data"
CORPUS = Path(os.environ.get("CLIPPER_READABILITY_CORPUS",
                             Path(__file__).resolve().parents[3] / "shared/corpus/readability"))
VENDORED = DATA / "readability"
SAMPLE = DATA / "corpus-sample"
CORPUS_URL = "http://fakehost/test/page.html"


def parse(html: str) -> lxml.html.HtmlElement:
    try:
        return lxml.html.document_fromstring(html)
    except ValueError:  # str with an XML encoding declaration
        return lxml.html.document_fromstring(html.encode("utf-8"))


def page_meta(folder: Path) -> Metadata:
    packed = folder / "source.html.gz"
    html = (gzip.decompress(packed.read_bytes()).decode("utf-8", errors="replace")
            if packed.is_file()
            else (folder / "source.html").read_text(encoding="utf-8", errors="replace"))
    return extract_metadata(parse(html), CORPUS_URL)


# Same comparisons as the shared bench (extraction_metrics.match_*).
def norm_space(value: object) -> str:
    return " ".join(unicodedata.normalize("NFC", str(value or "")).split())


def match_exact(expected: object, got: object) -> bool:
    return bool(norm_space(expected)) and norm_space(expected) == norm_space(got)


def match_loose(expected: object, got: object) -> bool:
    def tokens(value: object) -> list[str]:
        found = [t.lower() for t in re.findall(r"\w+", unicodedata.normalize("NFKC", str(
            value or "")))]
        return found[1:] if found[:1] == ["by"] else found
    e, g = tokens(expected), tokens(got)
    if not e or not g:
        return False
    short, long_ = (e, g) if len(e) <= len(g) else (g, e)
    return any(long_[i:i + len(short)] == short for i in range(len(long_) - len(short) + 1))


def match_date(expected: object, got: object) -> bool:
    m1 = re.search(r"\d{4}-\d{2}-\d{2}", str(expected or ""))
    m2 = re.search(r"\d{4}-\d{2}-\d{2}", str(got or ""))
    return bool(m1 and m2 and m1.group(0) == m2.group(0))


# --------------------------------------------------------------------------- reference page


def test_reference_page() -> None:
    expect = json.loads((DATA / "devdiscourse-russia-afghan.expect.json").read_text("utf-8"))
    html = (DATA / "devdiscourse-russia-afghan.html").read_text("utf-8")
    m = extract_metadata(parse(html), expect["url"])
    assert m.title == expect["title"]
    assert m.byline == expect["byline"]
    assert m.site_name == expect["site_name"]
    assert m.published == expect["published"]
    assert m.lang == expect["lang"]
    assert m.url == expect["url"]  # the page's canonical link
    assert m.image is not None
    assert m.image.startswith("https://www.devdiscourse.com/")
    assert m.excerpt is not None
    assert m.excerpt.startswith("Russian officials have previously")


# --------------------------------------------------------------------------- corpus rates


def _corpus_pages() -> list[Path]:
    for root in (CORPUS, VENDORED):
        if root.is_dir():
            pages = sorted(p for p in root.iterdir() if (p / "expected-metadata.json").is_file()
                           and (p / "source.html").is_file())
            if pages:
                return pages
    return []


def _rates(pages: list[Path]) -> dict[str, float]:
    hits: dict[str, list[bool]] = {k: [] for k in (
        "title", "byline", "byline_loose", "date", "site", "lang")}
    for folder in pages:
        exp = json.loads((folder / "expected-metadata.json").read_text("utf-8"))
        m = page_meta(folder)
        if exp.get("title"):
            title = CORRECTIONS.get(folder.name, {}).get("title", exp["title"])
            hits["title"].append(match_exact(title, m.title))
        if exp.get("byline"):
            hits["byline"].append(match_exact(exp["byline"], m.byline))
            hits["byline_loose"].append(match_loose(exp["byline"], m.byline))
        if exp.get("publishedTime"):
            hits["date"].append(match_date(exp["publishedTime"], m.published))
        if exp.get("siteName"):
            site = CORRECTIONS.get(folder.name, {}).get("site_name", exp["siteName"])
            hits["site"].append(match_loose(site, m.site_name))
        if exp.get("lang"):
            hits["lang"].append((m.lang or "").lower() == exp["lang"].lower())
    return {k: sum(v) / len(v) for k, v in hits.items()}


@pytest.mark.corpus
def test_corpus_sample_rates() -> None:
    """The 55 pages shipped with the tests, so the regression runs on any machine."""
    pages = sorted(p for p in SAMPLE.iterdir() if (p / "source.html.gz").is_file())
    assert len(pages) == 55
    rates = _rates(pages)
    # Reached (against the corrected values below): title .982, byline .758 exact /
    # .939 loose, date 1.0, site 1.0, lang 1.0.
    floors = {"title": 0.98, "byline": 0.75, "byline_loose": 0.93, "date": 1.0, "site": 1.0,
              "lang": 1.0}
    low = {k: round(rates[k], 3) for k, floor in floors.items() if rates[k] < floor}
    assert not low, f"below the floor: {low} (all rates: {rates})"


@pytest.mark.corpus
def test_corpus_rates() -> None:
    pages = _corpus_pages()
    if len(pages) < 100:
        pytest.skip("the Readability corpus (../shared/corpus/readability) is not here")
    rates = _rates(pages)
    # Reached (130 pages): title .984 against the corrected titles below (.866 against
    # Readability.js's, which keep og:title's "| Site"), byline .750 exact / .908 loose, date 1.0,
    # site 1.0 against the corrected sites below, lang 1.0.
    # Exact byline misses: see the module doc.
    floors = {"title": 0.98, "byline": 0.74, "byline_loose": 0.90, "date": 0.97,
              "site": 0.98, "lang": 0.98}
    low = {k: round(rates[k], 3) for k, floor in floors.items() if rates[k] < floor}
    assert not low, f"below the floor: {low} (all rates: {rates})"


@pytest.mark.corpus
def test_corpus_bylines_are_names() -> None:
    """No byline Clipper returns carries dates, "By", URLs or button labels."""
    pages = _corpus_pages()
    if not pages:
        pytest.skip("no Readability corpus pages here")
    junk = re.compile(r"^(?:by|par|von)\s|updated|\d{1,2}:\d\d|https?:|follow|\b(?:19|20)\d\d\b",
                      re.I)
    bad = {}
    for folder in pages:
        byline = page_meta(folder).byline
        if byline and (junk.search(byline) or byline != byline.strip() or "\n" in byline):
            bad[folder.name] = byline
    assert not bad


# Pages where Readability.js's expected value is not the article's real metadata,
# each checked by reading the page. Clipper's answer is asserted instead.
CORRECTIONS: dict[str, dict[str, str | None]] = {
    # byline is "Updated" timestamps; the story is by Benjamin Romano
    "seattletimes-1": {"byline": "Benjamin Romano"},
    # "Last Updated: January 7, 2025"; the JSON-LD author has an empty name
    "spiceworks": {"byline": None},
    # another story's byline (related list / menu) was taken
    "salon-1": {"byline": "Richard (R.J.) Eskow"},
    "liberation-1": {"byline": "AFP"},
    "herald-sun-1": {"byline": "Laurie Oakes"},
    "webmd-1": {"byline": "Brenda Goodman, MA"},
    "yahoo-3": {"byline": "GILLIAN MOHNEY"},
    # two DC.Creator metas; Readability keeps the last one only
    "ietf-1": {"byline": "Kooman, F.; Jong, Michiel de"},
    # og:title is the site's slogan; <title> and the h1 show the headline
    "yahoo-2": {"title": "Russia: Space ship malfunctions, breaks up over Siberia"},
    # ": " split cut off the start of the headline the h1 shows
    "v8-blog": {"title": "Outside the web: standalone WebAssembly binaries using Emscripten"},
    # the part of <title> shown as a heading is the headline
    "mercurial": {"title": "Evolve: Shared Mutable History"},
    "001": {"title": "Get your Frontend JavaScript Code Covered"},
    "wikipedia": {"title": "Mozilla"},
    # date and comment count glued to the name: "by Lucas Nolan22 Dec 2016651"; and the
    # site's name is not part of the headline (issue 10: titles as people say them)
    "breitbart": {"byline": "Lucas Nolan", "title": "'Neutral' Snopes Fact-Checker David "
                  "Emery: 'Are There Any Un-Angry Trump Supporters?'"},
    # og:title as published keeps the site's (or the author's) name; the headline does not
    "ehow-1": {"title": "How to Build a Terrarium"},
    "ehow-2": {"title": "How to Throw a Graduation Party on a Budget"},
    "firefox-nightly-blog": {"title": "These Weeks in Firefox: Issue 85"},
    "guardian-1": {"title": "'What is the sea telling us?': Māori tribes fearful over whale "
                            "strandings"},
    "iab-1": {"title": "Getting LEAN with Digital Ad UX"},
    "medium-3": {"title": "Samantha and The Great Big Lie"},
    "yahoo-4": {"title": "トレンドマイクロ、公衆無線LANを安全に使うためのアプリ"
                         "「フリーWi-Fiプロテクション」（CNET Japan）"},
    # the same words as og:title, typed as the page's headline shows them
    "buzzfeed-1": {"title": "Student Dies After Diet Pills She Bought Online “Burned Her Up From "
                            "Within”"},
    "wikia": {"title": "‘Star Wars’ Original Cuts Might Get Released for 40th Anniversary"},
    # the site's brand (og:site_name, or the title's suffix), not the publisher's legal name
    # ("Wikimedia Foundation, Inc.") or a Medium publication's name
    "wikipedia-2": {"site_name": "Wikipedia"},
    "wikipedia-3": {"site_name": "Wikipedia"},
    "wikipedia-4": {"site_name": "Wikipedia"},
    "lazy-image-1": {"site_name": "Medium"},
    # "Follow Author" button text; the author is named in twitter:creator
    "royal-road": {"byline": "Sleyca"},
}


@pytest.mark.corpus
@pytest.mark.parametrize("name", sorted(CORRECTIONS))
def test_where_readability_is_wrong(name: str) -> None:
    folder = next((root / name for root in (CORPUS, VENDORED, SAMPLE) if (root / name).is_dir()),
                  None)
    if folder is None:
        pytest.skip(f"corpus page {name} is not here")
    m = page_meta(folder)
    for field, value in CORRECTIONS[name].items():
        assert getattr(m, field) == value, field


@pytest.mark.corpus
def test_vendored_pages_match_their_expected_metadata() -> None:
    """Pages the content tests vendor: fields Clipper agrees with Readability on."""
    if not VENDORED.is_dir():
        pytest.skip("no vendored corpus pages")
    checked = 0
    for folder in sorted(VENDORED.iterdir()):
        meta_file = folder / "expected-metadata.json"
        if not meta_file.is_file() or not (folder / "source.html").is_file():
            continue
        exp = json.loads(meta_file.read_text("utf-8"))
        m = page_meta(folder)
        fixed = CORRECTIONS.get(folder.name, {})
        if exp.get("publishedTime"):
            assert match_date(exp["publishedTime"], m.published), folder.name
        if exp.get("siteName") and "site_name" not in fixed:
            assert match_loose(exp["siteName"], m.site_name), folder.name
        if exp.get("title") and "title" not in fixed:
            assert match_loose(exp["title"], m.title), folder.name
        checked += 1
    if not checked:
        pytest.skip("no vendored corpus pages with expected metadata")

"""Browsing a library: tags and sites with counts, tag:/site: filters, sort orders, and search
that treats ß and ss, ligatures and other case-folding pairs as the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from clipper.library import Library, save_clip
from clipper.library.folding import FOLDED, fold_for_index, fold_query, unfold
from clipper.library.query import filter_text, split_filters
from clipper.models import Clip


def add(library: Path, title: str, body: str = "", **kw: object) -> Path:
    clip = Clip(title=title, body=body or f"The text of {title}.\n", **kw)  # type: ignore[arg-type]
    return save_clip(clip, library).path


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    add(folder, "Alpha", site="The Guardian", tags=["news", "India/Delhi"],
        created="2024-01-03T10:00:00+00:00", published="2023-05-01", source="https://a.example/1")
    add(folder, "beta", site=None, tags=["news"], created="2024-01-02T10:00:00+00:00",
        published="2024-02-01", source="https://www.example.org/b")
    add(folder, "Gamma", site="The Guardian", tags=["india", "science"],
        created="2024-01-01T10:00:00+00:00", source="https://a.example/3")
    add(folder, "Die heiße Straße", body="Eine ﬁnanzielle Frage der Großstadt.\n",
        site="Zeitung", tags=["deutsch"], created="2023-12-01T10:00:00+00:00")
    return folder


def titles(clips: list) -> list[str]:
    return [c.title for c in clips]


def test_tags_and_sites_with_their_counts(library: Path) -> None:
    with Library(library) as handle:
        index = handle.index()
        index.sync()
        facets = index.facets()
    assert facets.tags == [("news", 2), ("deutsch", 1), ("india", 1), ("India/Delhi", 1),
                           ("science", 1)]
    # a clip without a site is listed under its address's host
    assert facets.sites == [("The Guardian", 2), ("example.org", 1), ("Zeitung", 1)]


def test_filters_in_the_search_field(library: Path) -> None:
    with Library(library) as handle:
        index = handle.index()
        index.sync()
        assert titles(index.search("tag:news")) == ["Alpha", "beta"]
        assert titles(index.search("tag:#NEWS site:example.org")) == ["beta"]
        # a tag finds its nested tags, in any letter case, as Obsidian does
        assert titles(index.search("tag:india")) == ["Alpha", "Gamma"]
        assert sorted(titles(index.search('site:"the guardian" text'))) == ["Alpha", "Gamma"]
        assert titles(index.search("site:Zeitung gamma")) == []
        assert index.count(split_filters("tag:news")[0]) == 2
        assert titles(index.recent(1, 1, filters=split_filters("tag:news")[0])) == ["beta"]


def test_sort_orders(library: Path) -> None:
    with Library(library) as handle:
        index = handle.index()
        index.sync()
        assert titles(index.recent()) == ["Alpha", "beta", "Gamma", "Die heiße Straße"]
        # no publication date: last, newest clipped first
        assert titles(index.recent(sort="published")) == ["beta", "Alpha", "Gamma",
                                                          "Die heiße Straße"]
        assert titles(index.recent(sort="title")) == ["Alpha", "beta", "Die heiße Straße",
                                                      "Gamma"]
        assert titles(index.recent(sort="site")) == ["beta", "Alpha", "Gamma",
                                                     "Die heiße Straße"]


@pytest.mark.parametrize("query", ["heiss", "HEISSE", "strasse", "heiß", "finanzielle",
                                   "grossstadt", "fin"])
def test_search_folds_case_pairs(library: Path, query: str) -> None:
    with Library(library) as handle:
        index = handle.index()
        index.sync()
        found = index.search(query)
    assert titles(found) == ["Die heiße Straße"]
    # the snippet shows the text as written, the match in it
    snippet = found[0].snippet
    if query not in ("heiss", "HEISSE", "strasse", "heiß"):
        assert "ﬁnanzielle" in snippet
        assert "Großstadt" in snippet
        assert [snippet[a:b] for a, b in found[0].highlights]


def test_a_written_ss_is_found_by_sz_too(tmp_path: Path) -> None:
    add(tmp_path, "Strasse", body="Die Strasse ist lang.\n")
    with Library(tmp_path) as handle:
        index = handle.index()
        index.sync()
        assert titles(index.search("Straße")) == ["Strasse"]


def test_folding_gives_back_every_character() -> None:
    text = "x".join(FOLDED) + " plain ß 東京"
    indexed = fold_for_index(text)
    assert "ß" not in indexed
    assert unfold(indexed) == text
    assert fold_query("Heiß ﬁn ŉ") == "Heiss fin ʼn"
    assert unfold("no marks") == "no marks"


def test_filter_words_are_parsed() -> None:
    filters, rest = split_filters('tag:a site:"The Guardian" words tag:"b" site:')
    assert filters.tags == ("a", "b")
    assert filters.sites == ("The Guardian",)
    assert rest.split() == ["words"]
    assert filter_text("site", "The Guardian") == 'site:"The Guardian"'
    assert filter_text("tag", "India/Delhi") == "tag:India/Delhi"
    assert not split_filters("no filters: here")[0]

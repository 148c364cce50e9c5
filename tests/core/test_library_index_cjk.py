"""Search in Chinese, Japanese and Korean: words inside unspaced text, found and highlighted."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_library_index import write

from clipper.library import list_clips
from clipper.library.index import SCHEMA_VERSION, LibraryIndex, index_path
from clipper.library.query import Query, index_text, make_snippet, parse_query, stored_text
from clipper.library.snippets import Snippets
from clipper.library.summary import ClipSummary

JA = "東京都の人口は約1400万人で、日本で最も多い。"
ZH = "今天北京的天气很好，我们下午去公园散步吧。"
KO = "서울은 한국의 수도이며 인구가 가장 많은 도시입니다."
MIXED = "In 2024 we went up the Tokyo 東京タワー and saw the iPhone版 shop."


@pytest.fixture
def library(tmp_path: Path) -> Path:
    lib = tmp_path / "library"
    lib.mkdir()
    write(lib, "ja", "人口の話", JA + "\n", created="2024-01-01")
    write(lib, "zh", "Weather note", ZH + "\n", site="新华网", tags=["天气预报"],
          created="2024-01-02")
    write(lib, "ko", "Seoul", KO + "\n", created="2024-01-03")
    write(lib, "mixed", "Trip report", MIXED + "\n", created="2024-01-04")
    write(lib, "latin", "Sourdough at home", "Feed the starter twice a day.\n",
          created="2024-01-05")
    return lib


@pytest.fixture
def index(library: Path) -> Iterator[LibraryIndex]:
    idx = LibraryIndex.open(library)
    idx.sync()
    yield idx
    idx.close()


def titles(results: list) -> list[str]:
    return [r.title for r in results]


def marked(result: ClipSummary) -> list[str]:
    return [result.snippet[a:b] for a, b in result.highlights]


@pytest.mark.parametrize(("query", "title", "word"), [
    ("東京", "人口の話", "東京"),        # Japanese: the start of 東京都
    ("人口", "人口の話", "人口"),        # in the middle of a sentence
    ("最も多い", "人口の話", "最も多い"),  # kanji and kana together
    ("北京", "Weather note", "北京"),    # Chinese
    ("公园散步", "Weather note", "公园散步"),
    ("서울", "Seoul", "서울"),          # Korean: the particle 은 is attached
    ("수도", "Seoul", "수도"),
])
def test_a_word_inside_cjk_text_is_found_and_marked(index: LibraryIndex, query: str,
                                                    title: str, word: str) -> None:
    results = [r for r in index.search(query) if r.title == title]
    assert results, f"{query!r} did not find {title!r}"
    assert marked(results[0]) == [word]
    assert "\x1f" not in results[0].snippet  # the snippet is the original text
    assert results[0].snippet.replace("…", "") in (JA, ZH, KO, MIXED)


def test_characters_must_be_consecutive_and_in_order(index: LibraryIndex) -> None:
    assert index.search("京東") == []      # both characters are there, not in this order
    assert index.search("東人") == []      # both there, not next to each other
    assert index.search("北天") == []
    assert index.search("서한") == []
    assert titles(index.search("東 人")) == ["人口の話"]  # as two words: each anywhere


def test_mixed_latin_and_cjk_query(index: LibraryIndex) -> None:
    results = index.search("Tokyo 東京 2024")
    assert titles(results) == ["Trip report"]
    assert sorted(marked(results[0])) == ["2024", "Tokyo", "東京"]
    results = index.search("iPhone版")  # one word, Latin and CJK glued, found as written
    assert titles(results) == ["Trip report"]
    assert marked(results[0]) == ["iPhone版"]
    assert titles(index.search('"Tokyo 東京タワー"')) == ["Trip report"]
    assert index.search('"東京タワー Tokyo"') == []


def test_a_latin_word_glued_to_cjk_is_found_and_marked(library: Path) -> None:
    write(library, "osaka", "Kansai", "大阪Osakaの食べ物は美味しい。\n", created="2024-01-06")
    with LibraryIndex.open(library) as idx:
        idx.sync()
        results = idx.search("osaka ")
    assert titles(results) == ["Kansai"]
    assert results[0].snippet.startswith("大阪Osakaの")
    assert marked(results[0]) == ["Osaka"]


def test_title_site_and_tags_in_cjk(index: LibraryIndex) -> None:
    assert titles(index.search("口の")) == ["人口の話"]
    assert titles(index.search("新华")) == ["Weather note"]
    assert titles(index.search("预报")) == ["Weather note"]


def test_latin_prefix_search_still_works_next_to_cjk(index: LibraryIndex) -> None:
    assert titles(index.search("sourd")) == ["Sourdough at home"]
    assert titles(index.search("iPho")) == ["Trip report"]  # "iPhone" glued to 版
    assert titles(index.search("東京 Tok")) == ["Trip report"]
    assert index.search("Tok ") == []


def test_list_clips_searches_cjk(library: Path) -> None:
    assert titles(list_clips(library, search="散步")) == ["Weather note"]


def test_an_older_index_is_rebuilt_for_cjk(library: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    with LibraryIndex.open(library, cache_dir=cache) as idx:
        idx.sync()
    db = sqlite3.connect(index_path(library, cache))
    with db:  # schema 3 stored whole runs of CJK as one token
        db.execute("UPDATE meta SET value = '3' WHERE key = 'schema'")
    db.close()
    with LibraryIndex.open(library, cache_dir=cache) as idx:
        assert idx.rebuilt
        assert idx.count() == 0
        assert len(idx.sync().added) == 5
        assert titles(idx.search("人口")) == ["人口の話"]
    assert SCHEMA_VERSION != "3"


# -- the query and the indexed text ---------------------------------------------------------

def query(text: str) -> Query:
    parsed = parse_query(text)
    assert parsed is not None
    return parsed


def expression(text: str) -> str:
    return query(text).expression


def test_cjk_runs_become_phrases_of_characters() -> None:
    assert expression("東京") == '"東 京"'
    assert expression("Tokyo 東京 2024 ") == '"Tokyo" "東 京" "2024"'
    assert expression("iPhone版") == '"iPhone 版"'
    assert expression('"東京 タワー"') == '"東 京 タ ワ ー"'
    assert expression("서울은") == '"서 울 은"'
    # Each character is a token: a CJK run is never a prefix, a Latin one still is.
    assert query("東京都").prefix is False
    assert expression("版iPho") == '"版 iPho"*'
    assert expression("東京 sourd") == '"東 京" "sourd"*'
    assert parse_query("。、「」") is None


def test_pattern_finds_the_run_as_written() -> None:
    pattern = query("東京 iPhone版").pattern()
    text = "東京都の人口、iPhone版。京東"
    assert [m.group() for m in pattern.finditer(text)] == ["東京", "iPhone版"]
    # Latin words stay whole words (one glued to CJK is left to SQLite's snippet, below).
    pattern = query("phone tok").pattern()
    assert [m.group() for m in pattern.finditer("iPhone phone Tokyo 東京Tokyo")] == [
        "phone", "Tokyo"]
    snippet = make_snippet("前置き" * 40 + JA, query("人口").pattern())
    assert snippet is not None
    text, spans = snippet
    assert [text[a:b] for a, b in spans] == ["人口"]
    assert text.startswith("…")


def tokens(indexed: str) -> set[str]:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'unicode61 remove_diacritics 2')")
    db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row')")
    db.execute("INSERT INTO t VALUES (?)", (indexed,))
    found = {term for (term,) in db.execute("SELECT term FROM v")}
    db.close()
    return found


OTHER_SCRIPTS = "😀東京😀 Tiếng Việt 𠮷野家 ｶﾀｶﾅ 한국어 ﬁne �"


@pytest.mark.parametrize("text", [JA, ZH, KO, MIXED, OTHER_SCRIPTS, "", "plain words",
                                  "a\x1fb 東\x1f京", "lone \ud800 surrogate 東"])
def test_indexed_text_gives_back_the_original(text: str) -> None:
    indexed = index_text(text)
    assert stored_text(indexed) == text.replace("\x1f", " ")  # no text keeps the separator
    assert not any(len(t) > 1 and any(c in t for c in "東京都人口北京서울은版")
                   for t in tokens(indexed.encode("utf-8", "replace").decode()))


def test_every_cjk_character_is_a_token_and_other_scripts_stay_words() -> None:
    assert tokens(index_text(OTHER_SCRIPTS)) >= {
        "東", "京", "𠮷", "野", "家", "ｶ", "ﾀ", "ﾅ", "한", "국", "어",  # one by one
        "tieng", "viet", "fine"}  # whole words, as before; ﬁ folded (issue 13: ﬁne is fine)


def test_words_the_tokenizer_matched_loosely_are_marked_whole_as_written() -> None:
    # Glued to CJK text, or found with the accents taken off: the loose pattern on the
    # folded text finds them, the snippet shows and marks the original.
    snippets = Snippets(query("osaka tokyo eyjafjallajokull "))
    found = snippets.of_markdown("# T\n\n大阪Osakaの Tokyo東京都 and Eyjafjallajökull.\n", "T")
    assert found is not None
    text, spans = found
    assert text == "大阪Osakaの Tokyo東京都 and Eyjafjallajökull."
    assert [text[a:b] for a, b in spans] == ["Osaka", "Tokyo", "Eyjafjallajökull"]

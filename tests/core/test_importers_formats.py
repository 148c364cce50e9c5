"""Each reading-list export read by its parser, from small sample files written after each
service's documented format (tests/data/imports/), and ``--format auto`` telling them apart."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest

from clipper.errors import ImportFileError
from clipper.importers.formats import detect, read_export
from clipper.importers.items import ImportItem, Quote, from_iso, from_unix

DATA = Path(__file__).resolve().parent.parent / "data" / "imports"


def _by_url(items: list[ImportItem]) -> dict[str, ImportItem]:
    return {item.url: item for item in items}


def _omnivore_zip(tmp_path: Path) -> Path:
    target = tmp_path / "omnivore-export.zip"
    with zipfile.ZipFile(target, "w") as archive:
        for path in (DATA / "omnivore").rglob("*"):
            if path.is_file():
                archive.write(path, path.relative_to(DATA / "omnivore").as_posix())
        archive.writestr("content/the-art-of-reading-18f1a2b3c4d.html", "<p>stored</p>")
    return target


# -- Pocket ----------------------------------------------------------------------------------

def test_pocket_csv_reads_every_row() -> None:
    fmt, items = read_export(DATA / "part_000000.csv")
    assert (fmt, len(items)) == ("pocket", 4)


def test_pocket_csv_tags_are_split_on_bars() -> None:
    item = _by_url(read_export(DATA / "part_000000.csv")[1])[
        "https://example.org/unix-philosophy"]
    assert item.tags == ["unix", "history", "machine learning"]


def test_pocket_csv_time_added_is_the_time_saved() -> None:
    item = _by_url(read_export(DATA / "part_000000.csv")[1])[
        "http://paulgraham.com/greatwork.html"]
    assert item.added == "2023-07-15T09:20:00+00:00"


def test_pocket_csv_archive_status_becomes_the_archived_tag() -> None:
    items = _by_url(read_export(DATA / "part_000000.csv")[1])
    assert items["http://paulgraham.com/greatwork.html"].all_tags() == [
        "essays", "career", "archived"]


def test_pocket_csv_quoted_titles_keep_their_quotes() -> None:
    titles = [item.title for item in read_export(DATA / "part_000000.csv")[1]]
    assert 'Why "Local-First" Software Matters' in titles


def test_pocket_html_reads_links_with_tags_and_times() -> None:
    fmt, items = read_export(DATA / "ril_export.html")
    first = items[0]
    assert (fmt, first.url, first.title, first.tags, first.added) == (
        "pocket", "https://example.org/unread-one", "An Unread Article & More",
        ["reading", "longform"], "2020-09-13T12:26:40+00:00")


def test_pocket_html_read_archive_is_archived() -> None:
    items = read_export(DATA / "ril_export.html")[1]
    assert [item.archived for item in items] == [False, False, True]


def test_pocket_zip_with_annotations_gives_highlights(tmp_path: Path) -> None:
    target = tmp_path / "pocket.zip"
    with zipfile.ZipFile(target, "w") as archive:
        archive.write(DATA / "part_000000.csv", "part_000000.csv")
        archive.writestr("annotations/part_000000.json",
                         '[{"url": "https://example.org/unix-philosophy", "title": "x", '
                         '"highlights": [{"quote": "Do one thing well.", "created_at": 1}]}]')
    fmt, items = read_export(target)
    item = _by_url(items)["https://example.org/unix-philosophy"]
    assert (fmt, item.quotes) == ("pocket", [Quote("Do one thing well.")])


# -- Instapaper ------------------------------------------------------------------------------

def test_instapaper_selection_becomes_a_quote() -> None:
    items = _by_url(read_export(DATA / "instapaper-export.csv")[1])
    assert items["https://example.org/instapaper-archived"].quotes == [
        Quote("A sentence the reader selected.")]


def test_instapaper_folders() -> None:
    items = read_export(DATA / "instapaper-export.csv")[1]
    assert [item.all_tags() for item in items] == [
        [], ["history", "archived"], ["favorite"], ["Cooking", "recipes", "weekend"]]


def test_instapaper_timestamp() -> None:
    items = read_export(DATA / "instapaper-export.csv")[1]
    assert items[0].added == "2022-04-15T05:20:00+00:00"


# -- Omnivore --------------------------------------------------------------------------------

def test_omnivore_zip_reads_labels_saved_at_and_state(tmp_path: Path) -> None:
    fmt, items = read_export(_omnivore_zip(tmp_path))
    first = items[0]
    assert (fmt, first.url, first.tags, first.added, first.archived) == (
        "omnivore", "https://example.org/art-of-reading", ["Books", "Slow reading"],
        "2024-03-01T09:15:30+00:00", True)


def test_omnivore_highlights_file_gives_quotes_and_notes(tmp_path: Path) -> None:
    items = read_export(_omnivore_zip(tmp_path))[1]
    assert items[0].quotes == [
        Quote("Reading slowly is a way of\npaying attention.", "This is the reader's own note."),
        Quote("A second highlight, without a note.")]


def test_omnivore_entry_without_highlights_has_none(tmp_path: Path) -> None:
    items = read_export(_omnivore_zip(tmp_path))[1]
    assert (items[1].quotes, items[1].archived) == ([], False)


def test_omnivore_metadata_file_alone_finds_its_highlights_folder(tmp_path: Path) -> None:
    shutil.copytree(DATA / "omnivore", tmp_path / "export")
    fmt, items = read_export(tmp_path / "export" / "metadata_0_to_49.json")
    assert (fmt, len(items[0].quotes)) == ("omnivore", 2)


def test_omnivore_api_style_highlights_in_the_entry(tmp_path: Path) -> None:
    path = tmp_path / "omnivore.json"
    path.write_text('[{"url": "https://example.org/x", "title": "X", "savedAt": '
                    '"2024-01-01T00:00:00Z", "labels": [{"name": "api"}], "highlights": '
                    '[{"quote": "quoted", "annotation": "noted"}]}]')
    fmt, items = read_export(path)
    assert (fmt, items[0].tags, items[0].quotes) == ("omnivore", ["api"],
                                                    [Quote("quoted", "noted")])


def test_omnivore_zip_without_metadata_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(ImportFileError, match="cannot tell"):
        read_export(path)


# -- Wallabag --------------------------------------------------------------------------------

def test_wallabag_entry_fields() -> None:
    fmt, items = read_export(DATA / "wallabag.json")
    first = items[0]
    assert (fmt, first.title, first.added, first.all_tags()) == (
        "wallabag", "A Walk on the Moon", "2019-07-20T22:56:15+02:00",
        ["science", "space", "favorite", "archived"])


def test_wallabag_keeps_the_stored_content() -> None:
    items = read_export(DATA / "wallabag.json")[1]
    assert "two and a half hours" in (items[0].stored_html or "")


def test_wallabag_empty_content_is_no_stored_copy() -> None:
    items = read_export(DATA / "wallabag.json")[1]
    assert items[1].stored_html is None


def test_wallabag_annotations_are_quotes_with_notes() -> None:
    items = read_export(DATA / "wallabag.json")[1]
    assert items[0].quotes == [Quote("planted a flag", "Remember this.")]


# -- Raindrop.io ---------------------------------------------------------------------------

def test_raindrop_fields() -> None:
    fmt, items = read_export(DATA / "raindrop.csv")
    first = items[0]
    assert (fmt, first.all_tags(), first.added, first.note) == (
        "raindrop", ["Tech", "databases", "distributed-systems", "favorite"],
        "2023-05-06T07:08:09+00:00", "My note\non two lines")


def test_raindrop_highlights_with_notes() -> None:
    items = read_export(DATA / "raindrop.csv")[1]
    assert items[0].quotes == [Quote("Replication is hard.", "Very true."),
                               Quote("Logs are the truth.")]


def test_raindrop_unsorted_is_no_tag() -> None:
    items = read_export(DATA / "raindrop.csv")[1]
    assert items[1].all_tags() == []


# -- bookmarks -------------------------------------------------------------------------------

def test_firefox_folders_become_tags_with_the_bookmark_tags() -> None:
    fmt, items = read_export(DATA / "bookmarks-firefox.html")
    found = {item.url: item.tags for item in items}
    assert (fmt, found) == ("bookmarks", {
        "https://example.org/bread": ["Recipes", "baking", "weekend"],
        "https://example.org/cake": ["Recipes", "Desserts"],
        "https://example.org/toolbar-link": [],
        "https://example.org/other": [],
    })


def test_firefox_description_is_the_note_and_add_date_the_time() -> None:
    bread = read_export(DATA / "bookmarks-firefox.html")[1][0]
    assert (bread.note, bread.added, bread.title) == (
        "The one with the long rise.", "2023-11-14T22:15:00+00:00", "Sourdough Bread")


def test_chrome_bookmarks_bar_is_no_tag_but_its_folders_are() -> None:
    items = read_export(DATA / "bookmarks-chrome.html")[1]
    assert {item.url: item.tags for item in items} == {
        "https://example.org/chrome-bar": [],
        "https://example.org/chrome-work": ["Work Stuff"],
        "https://example.org/chrome-other": [],
    }


def test_safari_folders() -> None:
    items = read_export(DATA / "bookmarks-safari.html")[1]
    assert {item.url: item.tags for item in items} == {
        "https://example.org/safari-favorite": [],
        "https://example.org/safari-trip": ["Travel"],
        "https://example.org/safari-later": ["Reading List"],
    }


# -- plain text ------------------------------------------------------------------------------

def test_urls_text_skips_comments_and_blank_lines() -> None:
    fmt, items = read_export(DATA / "urls.txt")
    assert (fmt, [item.url for item in items]) == ("urls", [
        "https://example.org/first", "https://example.org/second?utm_campaign=x",
        "not a link at all"])


def test_urls_text_says_where_each_line_is() -> None:
    items = read_export(DATA / "urls.txt")[1]
    assert [item.where for item in items] == ["line 2", "line 4", "line 5"]


# -- detection and bad files -------------------------------------------------------------------

@pytest.mark.parametrize(("name", "expected"), [
    ("part_000000.csv", "pocket"), ("ril_export.html", "pocket"),
    ("instapaper-export.csv", "instapaper"), ("wallabag.json", "wallabag"),
    ("raindrop.csv", "raindrop"), ("bookmarks-firefox.html", "bookmarks"),
    ("bookmarks-chrome.html", "bookmarks"), ("bookmarks-safari.html", "bookmarks"),
    ("urls.txt", "urls"), ("omnivore/metadata_0_to_49.json", "omnivore"),
])
def test_detect_reads_the_content_not_the_name(tmp_path: Path, name: str,
                                               expected: str) -> None:
    renamed = tmp_path / "export.dat"
    renamed.write_bytes((DATA / name).read_bytes())
    assert detect(renamed.read_bytes(), renamed.name) == expected


def test_an_unknown_file_is_named_with_the_formats(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("shopping list\nmilk\neggs\n")
    with pytest.raises(ImportFileError, match="--format"):
        read_export(path)


def test_a_forced_format_that_does_not_fit_says_which_column_is_missing() -> None:
    with pytest.raises(ImportFileError, match="no url column"):
        read_export(DATA / "wallabag.json", "pocket")


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="No such file"):
        read_export(tmp_path / "nope.csv")


def test_an_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.csv").write_bytes(b"\n")
    with pytest.raises(ImportFileError, match="empty"):
        read_export(tmp_path / "empty.csv")


def test_broken_json(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text('[{"url": ')
    with pytest.raises(ImportFileError, match="JSON"):
        read_export(tmp_path / "broken.json")


def test_a_csv_saved_by_a_spreadsheet_in_windows_1252_with_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "part_000000.csv"
    path.write_bytes("title;url;time_added;tags;status\r\nCaf\xe9;https://example.org/c;1;;unread"
                     "\r\n".encode("cp1252"))
    items = read_export(path, "pocket")[1]
    assert (items[0].title, items[0].url) == ("Café", "https://example.org/c")


def test_a_zip_bomb_member_is_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("metadata_0_to_49.json", "[]")
        info = zipfile.ZipInfo("highlights/x.md")
        archive.writestr(info, b"x")
    data = bytearray(buffer.getvalue())
    path = tmp_path / "omnivore.zip"
    path.write_bytes(bytes(data))
    from clipper.importers import omnivore

    omnivore_max = omnivore.MAX_MEMBER
    try:
        omnivore.MAX_MEMBER = 0
        with pytest.raises(ImportFileError, match="too large"):
            read_export(path)
    finally:
        omnivore.MAX_MEMBER = omnivore_max


# -- times -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "expected"), [
    ("1700000000", "2023-11-14T22:13:20+00:00"),
    ("1700000000000", "2023-11-14T22:13:20+00:00"),
    ("0", None), ("soon", None),
])
def test_from_unix(value: str, expected: str | None) -> None:
    assert from_unix(value) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("2024-03-01T09:15:30.123Z", "2024-03-01T09:15:30+00:00"),
    ("2019-07-20T22:56:15+0200", "2019-07-20T22:56:15+02:00"),
    ("2019-07-20 22:56:15", "2019-07-20T22:56:15+00:00"),
    ("2023-05-06T07:08:09.1234567Z", "2023-05-06T07:08:09+00:00"),
    ("yesterday", None),
])
def test_from_iso(value: str, expected: str | None) -> None:
    assert from_iso(value) == expected

"""Hand-written notes saved with and without edits: only what was edited changes, byte for byte."""

from __future__ import annotations

import difflib
import os
from dataclasses import replace
from pathlib import Path

import pytest
from helpers.notes import NOTES, write_notes

from clipper.library import read_clip, update_clip
from clipper.library.frontmatter import parse_clip
from clipper.library.note_edit import edit_note
from clipper.library.store import write_edits

NAMES = sorted(NOTES)


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """(lines taken out, lines put in), line ends included."""
    removed: list[str] = []
    added: list[str] = []
    a, b = before.splitlines(keepends=True), after.splitlines(keepends=True)
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op != "equal":
            removed += a[i1:i2]
            added += b[j1:j2]
    return removed, added


def opened(name: str, folder: Path) -> tuple[Path, object]:
    path = write_notes(folder)[name]
    return path, read_clip(path)


def test_there_are_enough_notes() -> None:
    assert len(NOTES) >= 10


@pytest.mark.parametrize("name", NAMES)
def test_an_unedited_note_gives_back_its_own_text(name: str, tmp_path: Path) -> None:
    _path, clip = opened(name, tmp_path)
    assert edit_note(NOTES[name], clip) == NOTES[name]


@pytest.mark.parametrize("name", NAMES)
def test_saving_an_unedited_note_writes_nothing(name: str, tmp_path: Path) -> None:
    path, clip = opened(name, tmp_path)
    os.utime(path, (1_000_000_000, 1_000_000_000))
    assert write_edits(clip) is False
    assert path.read_bytes() == NOTES[name].encode("utf-8")
    assert path.stat().st_mtime == 1_000_000_000


@pytest.mark.parametrize("name", NAMES)
def test_a_new_title_changes_only_the_lines_that_hold_it(name: str, tmp_path: Path) -> None:
    path, clip = opened(name, tmp_path)
    had_heading = any(line.lstrip("\ufeff").startswith("# ") and clip.title in line
                      for line in NOTES[name].splitlines())
    update_clip(replace(clip, title="A new title"))
    after = path.read_bytes().decode("utf-8")
    back = parse_clip(after, path)
    assert back.title == "A new title"
    assert (back.body, back.tags, back.author, back.extra) == (clip.body, clip.tags,
                                                               clip.author, clip.extra)
    removed, added = changed_lines(NOTES[name], after)
    assert all("A new title" in line or line.strip() in ("---", "") for line in added)
    assert all(line.lstrip("\ufeff").startswith(("title:", "# ")) for line in removed)
    # never a heading where the note had none
    assert ("# A new title" in after) == had_heading


@pytest.mark.parametrize("name", NAMES)
def test_new_tags_change_only_the_tags(name: str, tmp_path: Path) -> None:
    path, clip = opened(name, tmp_path)
    update_clip(replace(clip, tags=[*clip.tags, "added-tag"]))
    after = path.read_bytes().decode("utf-8")
    back = parse_clip(after, path)
    assert back.tags == [*clip.tags, "added-tag"]
    assert (back.title, back.body, back.extra) == (clip.title, clip.body, clip.extra)
    removed, added = changed_lines(NOTES[name].lstrip("\ufeff"), after.lstrip("\ufeff"))
    assert after.startswith("\ufeff") == NOTES[name].startswith("\ufeff")
    assert all(line.lstrip().startswith(("tags", "- ", "---")) or not line.strip()
               for line in removed + added), (removed, added)
    newline = "\r\n" if "\r\n" in NOTES[name] else "\n"
    assert all(line.endswith(newline) for line in added)


@pytest.mark.parametrize("name", NAMES)
def test_an_edit_at_the_end_of_the_body_only_adds_it(name: str, tmp_path: Path) -> None:
    path, clip = opened(name, tmp_path)
    original = NOTES[name]
    update_clip(replace(clip, body=clip.body + "My own addition.\n"))
    after = path.read_bytes().decode("utf-8")
    newline = "\r\n" if "\r\n" in original else "\n"
    assert after == original + f"My own addition.{newline}"


@pytest.mark.parametrize("name", NAMES)
def test_an_edit_inside_the_body_changes_only_that_line(name: str, tmp_path: Path) -> None:
    path, clip = opened(name, tmp_path)
    first_word = clip.body.split()[0]
    update_clip(replace(clip, body=clip.body.replace(first_word, "CHANGED", 1)))
    after = path.read_bytes().decode("utf-8")
    removed, added = changed_lines(NOTES[name], after)
    assert len(removed) == len(added) == 1
    assert added[0] == removed[0].replace(first_word, "CHANGED", 1)


def test_the_issue_note_keeps_flow_tags_plain_title_and_no_heading(tmp_path: Path) -> None:
    path, clip = opened("obsidian-flow", tmp_path)
    update_clip(replace(clip, tags=["reading", "obsidian", "air-quality"],
                        author="Me", title="Handwritten note, retitled"))
    assert path.read_text(encoding="utf-8") == (
        "---\n"
        "title: Handwritten note, retitled\n"
        "tags: [reading, obsidian, air-quality]\n"
        "created: 2024-05-02\n"
        "author: Me\n"
        "---\n"
        "Some thoughts I typed myself.\n"
        "\n"
        "- a list item\n"
        "- another one\n")


def test_styles_are_kept_key_by_key(tmp_path: Path) -> None:
    path, clip = opened("comments-unknown-keys", tmp_path)
    update_clip(replace(clip, title='Notes on "quotes"', source="https://example.org/w: 2",
                        tags=["literature", "essays"]))
    assert path.read_text(encoding="utf-8") == (
        "---\n"
        "# my own fields first\n"
        "status: draft   # still thinking\n"
        "rating: 4\n"
        "title: \"Notes on \\\"quotes\\\"\"  # kept quoted\n"
        "book:\n"
        "  author: Virginia Woolf\n"
        "  year: 1931\n"
        "\n"
        "# Clipper's fields\n"
        "source: \"https://example.org/w: 2\"\n"  # plain would read as a map: quoted
        "tags: [literature, essays]\n"
        "---\n"
        "Body without a heading; a [link](https://example.org).\n")


def test_single_quotes_and_indentless_lists_stay(tmp_path: Path) -> None:
    path, clip = opened("indentless-list", tmp_path)
    update_clip(replace(clip, title="Isn't it", tags=["one"]))
    assert path.read_text(encoding="utf-8") == (
        "---\n"
        "title: 'Isn''t it'\n"
        "tags:\n"
        "- one\n"
        "cssclasses:\n"
        "- wide\n"
        "---\n"
        "Text.\n")


def test_crlf_and_bom_survive_an_edit(tmp_path: Path) -> None:
    path, clip = opened("crlf", tmp_path)
    update_clip(replace(clip, author="Bob", tags=["windows", "crlf"]))
    assert path.read_bytes() == (
        b"---\r\ntitle: Written on Windows\r\nauthor: \"Bob\"\r\ntags: [windows, crlf]\r\n"
        b"---\r\n\r\nFirst paragraph.\r\n\r\nSecond paragraph.\r\n")
    path, clip = opened("crlf-bom-no-front-matter", tmp_path / "2")
    update_clip(replace(clip, title="Renamed heading"))
    assert path.read_bytes() == "\ufeff# Renamed heading\r\n\r\nA line.\r\nAnother line.\r\n" \
        .encode("utf-8")


def test_a_note_without_front_matter_gets_one_only_for_a_new_key(tmp_path: Path) -> None:
    path, clip = opened("plain-text", tmp_path)
    assert clip.title == "plain-text"  # from the file name
    update_clip(replace(clip, tags=["quick"]))
    assert path.read_text(encoding="utf-8") == (
        "---\ntags:\n  - \"quick\"\n---\n"
        "A quick note: no front matter, no heading, no final newline")


def test_multi_line_values_and_nested_maps_stay_when_others_change(tmp_path: Path) -> None:
    for name in ("multi-line-values", "nested-maps-dates"):
        path, clip = opened(name, tmp_path / name)
        update_clip(replace(clip, author="Someone"))
        removed, added = changed_lines(NOTES[name], path.read_text(encoding="utf-8"))
        assert removed == []
        assert added == ["author: Someone\n"]


def test_a_heading_that_is_not_the_title_is_body(tmp_path: Path) -> None:
    path, clip = opened("heading-differs", tmp_path)
    update_clip(replace(clip, title="Quarterly review, final"))
    text = path.read_text(encoding="utf-8")
    assert 'title: "Quarterly review, final"\n' in text
    assert "\n# Q3 numbers\n" in text
    assert text.replace('"Quarterly review, final"', '"Quarterly review"') == \
        NOTES["heading-differs"]


def test_emptied_values_keep_their_keys(tmp_path: Path) -> None:
    path, clip = opened("nested-maps-dates", tmp_path)
    update_clip(replace(clip, published=None, tags=[]))
    text = path.read_text(encoding="utf-8")
    assert "\npublished:\n" in text
    assert "\ntags: []\n" in text
    back = parse_clip(text)
    assert (back.published, back.tags) == (None, [])


def test_filled_empty_values_take_their_place(tmp_path: Path) -> None:
    path, clip = opened("empty-values", tmp_path)
    update_clip(replace(clip, author="Ann", tags=["x"], site="Blog"))
    assert path.read_text(encoding="utf-8") == (
        "---\n"
        "title: Empty values\n"
        "author: Ann\n"
        "tags:\n"
        "  - \"x\"\n"
        "site: 'Blog'\n"
        "---\n"
        "Nothing filled in yet.\n")


def test_values_that_would_misread_plain_are_quoted(tmp_path: Path) -> None:
    path, clip = opened("obsidian-flow", tmp_path)
    for title in ("yes", "2024-01-02", "1.5", "a: b", "# not a comment", "- dash", "x #y",
                  " padded ", "line\nbreak", "null", "[flow]", "tab\there", "emoji 🎉"):
        clip = read_clip(path)
        update_clip(replace(clip, title=title))
        assert read_clip(path).title == title
    for tags in (["a, b"], ["yes"], ["x]y"], ["ok"]):
        clip = read_clip(path)
        update_clip(replace(clip, tags=tags))
        assert read_clip(path).tags == tags

"""Clip file names: portable, never a path, never empty, never too long."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from clipper.errors import LibraryError
from clipper.library import safe_filename
from clipper.library.filenames import MAX_STEM_BYTES, candidate_stems, check_inside

FORBIDDEN = set('/\\:*?"<>|') | {chr(c) for c in range(32)} | {"\x7f"}
RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"COM{i}" for i in range(1, 10)} | {
    f"LPT{i}" for i in range(1, 10)}


def assert_portable(stem: str) -> None:
    assert stem
    assert not (set(stem) & FORBIDDEN), stem
    assert not stem.startswith((".", " ")), stem
    assert not stem.endswith((".", " ")), stem
    assert stem.split(".")[0].rstrip(" ").upper() not in RESERVED, stem
    assert len(stem.encode("utf-8")) <= MAX_STEM_BYTES
    assert len((stem + " (9999).assets").encode("utf-8")) <= 255
    assert unicodedata.is_normalized("NFC", stem)
    assert stem not in (".", "..")


@pytest.mark.parametrize(("title", "expected"), [
    ("A plain title", "A plain title"),
    ("Title: a subtitle", "Title - a subtitle"),
    ("AC/DC live", "AC-DC live"),
    ("../../x", "x"),
    ("..\\..\\windows\\system32", "windows-system32"),
    ("/etc/passwd", "etc-passwd"),
    ("CON", "CON_"),
    ("con.txt", "con_.txt"),
    ("Lpt9", "Lpt9_"),
    ("COM1 ", "COM1_"),
    ("   ", "Untitled"),
    ("", "Untitled"),
    ("...", "Untitled"),
    ("???", "Untitled"),
    (".hidden", "hidden"),
    ("trailing dots...", "trailing dots"),
    ('He said "yes"', "He said 'yes'"),
    ("line\nbreak\ttab", "line break tab"),
    ("10:30 meeting", "10-30 meeting"),
    ("Wiki [[links]] #tag ^block", "Wiki ((links)) tag block"),
    ("Café", "Café"),
    ("Cafe\u0301", "Café"),  # decomposed é becomes the composed form
    ("日本語のタイトル", "日本語のタイトル"),
    ("مرحبا بالعالم", "مرحبا بالعالم"),
    ("evil\u202egpj.exe", "evilgpj.exe"),  # no right-to-left override tricks
])
def test_titles_become_safe_stems(title: str, expected: str) -> None:
    stem = safe_filename(title)
    assert stem == expected
    assert_portable(stem)


@pytest.mark.parametrize("title", [
    "😀" * 400,
    "שלום עולם " * 60 + "😀" * 100,
    "👩‍👩‍👧‍👦" * 100,  # zero-width-joiner sequences
    "e\u0301" * 300,
    "a" * 1000,
    "word " * 200,
    'quotes "and" colons: and\nnewlines\r\nand | pipes ' * 10,
    "\x00\x01\x1f control",
    "." * 300 + "x",
])
def test_long_and_odd_titles_stay_within_limits(title: str) -> None:
    stem = safe_filename(title)
    assert_portable(stem)
    stem.encode("utf-8")  # never cut inside a character


def test_cut_prefers_a_word_boundary_near_the_end() -> None:
    stem = safe_filename("word " * 100)
    assert stem.endswith("word")


def test_emoji_cut_leaves_no_dangling_joiner() -> None:
    stem = safe_filename("👩‍👩‍👧‍👦" * 100)
    assert not stem.endswith("\u200d")


def test_numbered_candidates() -> None:
    names = candidate_stems("Title")
    assert [next(names) for _ in range(4)] == ["Title", "Title (2)", "Title (3)", "Title (4)"]


def test_paths_outside_the_library_are_refused(tmp_path: Path) -> None:
    library = tmp_path / "lib"
    library.mkdir()
    (tmp_path / "outside").mkdir()
    (library / "link").symlink_to(tmp_path / "outside")
    assert check_inside(library / "a.md", library) == library / "a.md"
    with pytest.raises(LibraryError):
        check_inside(library / ".." / "a.md", library)
    with pytest.raises(LibraryError):
        check_inside(library / "link" / "a.md", library)

"""Clips are read the same whether their front matter takes the fast path or PyYAML.

``parse_clip`` reads the front matter Clipper writes without PyYAML (indexing a library
reads every clip) and hands anything else to PyYAML. A comment line is never in the
shape Clipper writes, so the same front matter behind a comment is read by PyYAML: the
two must give the same clip, or be refused both.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from unittest import mock

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from clipper.errors import LibraryError
from clipper.library.frontmatter import (
    front_matter_dict,
    parse_clip,
    render_clip,
    render_front_matter,
    split_front_matter,
)
from clipper.models import Clip

# Any text (lone surrogates cannot be written as UTF-8), with the characters YAML treats
# specially well represented.
SPECIAL = st.sampled_from([
    '"', "\\", "\\n", ":", ": ", " #", "#", "- ", "-", "'", "\n", "\r", "\t", "\x00", "\x07",
    "\x1b", "\x7f", "\x85", "\xa0", "\u2028", "\u2029", "\ufeff", "\ufffe", "😀", "é", "ß",
    "مرحبا", "日本", "yes", "null", "~", "0o17", "1e3", ".inf", "2024-01-02", "12:30", "[a]",
    "{a: b}", "&a", "*a", "!tag", "%", "@", "`", "|", ">", "---", "...", " ", "  ",
])
TEXT = st.lists(st.one_of(st.text(st.characters(blacklist_categories=("Cs",)), max_size=12),
                          SPECIAL), max_size=8).map("".join)
DATES = st.sampled_from(["2024-03-05", "2024-03-06T10:11:12+02:00", "2024-03-06 10:11:12",
                         "2024-03-06T10:11:12.123456Z", "2023-02-30", "0000-00-00",
                         "2024-13-45T99:00:00Z", "2024-01-02T03:04"])
KEYS = st.one_of(st.sampled_from(["rating", "my key", "read-later", "_x", "yes", "null", "on",
                                  "1", "title2", "a b", "Due"]),
                 st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=8))


def front_matter_of(clip: Clip) -> str:
    yaml_text, _ = split_front_matter(render_front_matter(front_matter_dict(clip)))
    assert yaml_text is not None
    return yaml_text


def document(yaml_text: str) -> str:
    return f"---\n{yaml_text}---\n\nBody.\n"


def read(yaml_text: str) -> Clip | type[LibraryError]:
    """The clip ``parse_clip`` reads from this front matter, or LibraryError if refused."""
    try:
        return parse_clip(document(yaml_text))
    except LibraryError:
        return LibraryError


def read_by_pyyaml(yaml_text: str) -> Clip | type[LibraryError]:
    return read("# read by PyYAML\n" + yaml_text)


@contextlib.contextmanager
def pyyaml_spy() -> Iterator[mock.MagicMock]:
    with mock.patch.object(yaml, "load", wraps=yaml.load) as load:
        yield load


@settings(max_examples=400, deadline=None, database=None)
@given(title=TEXT, author=TEXT, description=TEXT, published=st.one_of(DATES, TEXT),
       created=st.one_of(DATES, TEXT), tags=st.lists(TEXT, max_size=4),
       extra=st.dictionaries(KEYS, st.one_of(TEXT, DATES, st.lists(TEXT, min_size=1,
                                                                   max_size=3)),
                             max_size=3))
def test_what_clipper_writes_is_read_without_pyyaml_and_the_same(
        title: str, author: str, description: str, published: str, created: str,
        tags: list[str], extra: dict[str, object]) -> None:
    clip = Clip(title=title, body="b", source="https://example.com/a?b=1", author=author,
                published=published, created=created, description=description, lang="en",
                tags=tags, extra=extra)
    text = front_matter_of(clip)
    with pyyaml_spy() as load:
        fast = read(text)
    assert fast == read_by_pyyaml(text)
    # Keys the emitter must quote ("yes", "my:key") are left to PyYAML, all else is fast.
    if all(f"\n{key}:" in f"\n{text}" for key in front_matter_dict(clip)):
        assert not load.called
    else:
        assert load.called


def test_a_typical_clip_takes_the_fast_path() -> None:
    clip = Clip(title='He said "hi": ok 😀', body="Text.\n", source="https://e.example/a",
                author="A. Writer", published="2024-03-05", created="2024-03-06T10:11:12+02:00",
                site="Example", description="Line\nbreak\ttab\x85nel", lang="en",
                tags=["clippings", "read later"], extra={"reviewed": "2024-01-02"})
    text = front_matter_of(clip)
    with mock.patch.object(yaml, "load", side_effect=AssertionError("PyYAML was used")):
        fast = read(text)
    assert fast == read_by_pyyaml(text)
    assert parse_clip(render_clip(clip)) == parse_clip(render_clip(clip))


def test_empty_keys_are_clippers_shape_too() -> None:
    """Every clip writes every key, the empty ones as ``key:`` and ``tags: []`` (issue 12)."""
    text = front_matter_of(Clip(title="T", body="b", tags=[]))
    assert "\nauthor:\n" in text
    assert "\ntags: []\n" in text
    with mock.patch.object(yaml, "load", side_effect=AssertionError("PyYAML was used")):
        fast = read(text)
    assert fast == read_by_pyyaml(text)


@pytest.mark.parametrize("text", [
    'title: "x" # comment\n',  # comments
    "# note\ntitle: \"x\"\n",
    "title: plain words\n",  # plain text, numbers, booleans, nulls
    "rating: 3\n", "draft: true\n", "seen: null\n", "empty: \n",
    "tags: [a, b]\n", "tags:\n- \"a\"\n", "tags:\n    - \"a\"\n", "tags:\n  - a\n",  # lists
    "tags:\n  - \"a\"\n  -  \"b\"\n",
    "title:  \"two spaces\"\n", "title: \"x\" \n", "title:\"x\"\n",  # spacing
    "title: \"x\"\n\ntags:\n  - \"a\"\n",  # a blank line
    "title: \"x\"\ntitle: \"y\"\n",  # a repeated key
    "yes: \"x\"\n", "on: \"x\"\n", "\"quoted key\": \"x\"\n", "1: \"x\"\n",  # keys
    "title: 'single'\n", "title: \"multi\n  line\"\n", "title: \"unclosed\n",  # quoting
    "title: \"a\\'b\"\n", "title: \"a\\/b\"\n", "title: \"a\\ b\"\n", "title: \"\\ud800\"\n",
    "title: \"tab\there\"\n", "title: \"nel\x85here\"\n", "title: \"ls\u2028here\"\n",
    "title: \"bom\ufeffhere\"\n", "title: \"nul\x00here\"\n",  # characters YAML treats apart
    "title: &a \"x\"\nother: *a\n", "<<: {a: b}\n", "? complex\n: key\n",  # YAML features
    "published: 2024-01-02 # day\n", "published: 2024-01-02T10:00:00+02:00 \n",
    "published: 2024-01-0\n", "when: 12:30:00\n",
])
def test_anything_else_goes_to_pyyaml(text: str) -> None:
    with pyyaml_spy() as load:
        read(text)
    assert load.called


# Lines of hand-edited front matter: mostly of Clipper's shape, with escapes (valid and
# not), odd keys, dates real and not, and now and then anything at all.
PLAIN = st.text(st.sampled_from('abc XYZ09_-:#"é日😀\'[]{}&*!|>%@`'), max_size=10)
GOOD_ESCAPES = st.sampled_from(["\\n", '\\"', "\\\\", "\\t", "\\x41", "\\u00e9",
                                "\\U0001F600", "\\N", "\\_", "\\L", "\\0", "\\e"])
BAD_ESCAPES = st.sampled_from(["\\/", "\\q", "\\x4", "\\ud800", "\\U00110000", "\\", '"',
                               "\\'", "\\ "])
QUOTED = st.lists(st.one_of(PLAIN.filter(lambda t: '"' not in t), GOOD_ESCAPES, PLAIN.filter(
    lambda t: '"' not in t), GOOD_ESCAPES, BAD_ESCAPES), max_size=4).map(
    lambda parts: '"' + "".join(parts) + '"')
GOOD_KEYS = st.sampled_from(["title", "tags", "my key", "a-b", "_x", "Due", "source"])
HAND_KEYS = st.one_of(GOOD_KEYS, GOOD_KEYS, GOOD_KEYS, KEYS,
                      st.sampled_from(["yes", "null", "On", "x y ", "a: b", "- a", "'q'"]))
VALUE = st.one_of(QUOTED, QUOTED, DATES, st.lists(QUOTED, min_size=1, max_size=3), PLAIN)
ODD_LINE = st.one_of(TEXT, HAND_KEYS.map(lambda k: f"{k}:"), QUOTED.map(lambda q: f"  - {q}"),
                     st.sampled_from(["", "# comment", "  ", "---", "tags: []", "- x"]))


def entry_lines(entry: tuple[str, object]) -> list[str]:
    key, value = entry
    if isinstance(value, list):
        return [f"{key}:", *(f"  - {item}" for item in value)]
    return [f"{key}: {value}"]


@settings(max_examples=800, deadline=None, database=None)
@given(entries=st.lists(st.tuples(HAND_KEYS, VALUE), min_size=1, max_size=4),
       odd=st.lists(st.tuples(st.integers(0, 8), ODD_LINE), max_size=1))
def test_hand_edits_are_read_as_pyyaml_reads_them_or_left_to_it(
        entries: list[tuple[str, object]], odd: list[tuple[int, str]]) -> None:
    lines = [line for entry in entries for line in entry_lines(entry)]
    for at, line in odd:
        lines.insert(min(at, len(lines)), line)
    text = "\n".join(lines) + "\n"
    assert read(text) == read_by_pyyaml(text), text


def test_the_size_limit_holds_on_the_fast_path() -> None:
    tags = "".join(f'  - "t{i}"\n' for i in range(12_000))
    with pytest.raises(LibraryError, match="too large"):
        parse_clip(f'---\ntitle: "Many"\ntags:\n{tags}---\n\n# Many\n')
    tags = "".join(f'  - "t{i}"\n' for i in range(3_000))
    assert len(parse_clip(f'---\ntitle: "Some"\ntags:\n{tags}---\n').tags) == 3_000

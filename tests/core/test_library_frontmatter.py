"""Clip files: front matter that any YAML parser reads back exactly, and the body."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from clipper.errors import LibraryError
from clipper.library import parse_clip, read_clip, render_clip
from clipper.library.frontmatter import one_line
from clipper.models import Clip

# Any text a page could put in a title (no lone surrogates: they cannot be stored as UTF-8).
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200)
TITLE = TEXT.filter(lambda t: one_line(t) != "")
TRICKY = st.sampled_from([
    'He said "hi": ok', "key: value", "# not a comment", "- not a list", "* star", "& anchor",
    "! tag", "% directive", "@ at", "`tick`", "null", "Null", "~", "yes", "no", "on", "off",
    "true", "1", "0o17", "0x1F", "1e3", ".inf", "2024-01-02", "12:30:00", "[a, b]", "{a: b}",
    "|", ">", "'single'", "\"", "\\", "line\nbreak", "\ttab", "trailing ", " leading",
    "😀 emoji", "مرحبا بالعالم", "עברית", "\u2028sep", "\x85nel", "\ufeffbom", "a\x00b",
    "--- dashes", "...", "=", "<<", "?",
])
ANY_TITLE = st.one_of(TITLE, TRICKY)
BODY = "Some *text* with a [link](https://example.com/a).\n\n- item\n"


def clip_with(title: str, tags: list[str] | None = None, **extra: object) -> Clip:
    return Clip(title=title, body=BODY, source="https://example.com/a?b=1&c=d",
                author="A. Writer", published="2024-03-05", created="2024-03-06T10:11:12+02:00",
                site="Example News", description="What: it is", lang="en",
                tags=["clippings"] if tags is None else tags, extra=dict(extra))


@settings(max_examples=300, deadline=None, database=None)
@given(title=ANY_TITLE, tags=st.lists(st.one_of(TEXT.filter(str.strip), TRICKY), max_size=5))
def test_any_title_and_tags_round_trip(title: str, tags: list[str]) -> None:
    clip = clip_with(title, tags)
    text = render_clip(clip)
    back = parse_clip(text)
    assert back.title == title
    assert back.tags == tags
    assert back.body == clip.body
    assert (back.source, back.author, back.published, back.created, back.site,
            back.description, back.lang) == (clip.source, clip.author, clip.published,
                                             clip.created, clip.site, clip.description,
                                             clip.lang)
    # Any YAML parser, not just ours, reads the same strings.
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["title"] == title
    assert front.get("tags", []) == tags


@settings(max_examples=100, deadline=None, database=None)
@given(description=ANY_TITLE, author=ANY_TITLE)
def test_other_fields_round_trip(description: str, author: str) -> None:
    clip = clip_with("T", description=None)
    clip.description, clip.author = description, author
    back = parse_clip(render_clip(clip))
    assert (back.description, back.author) == (description, author)


def test_layout_keys_order_and_heading() -> None:
    text = render_clip(clip_with('Title: "quoted"\nsecond line'))
    lines = text.splitlines()
    assert lines[0] == "---"
    keys = [line.split(":")[0] for line in lines[1:lines.index("---", 1)]
            if not line.startswith(" ")]
    assert keys == ["title", "source", "author", "published", "created", "site",
                    "description", "lang", "tags"]
    assert "published: 2024-03-05" in lines  # dates stay plain: Obsidian shows them as dates
    assert 'title: "Title: \\"quoted\\"\\nsecond line"' in lines
    assert '# Title: "quoted" second line' in lines
    assert text.endswith("- item\n")


def test_empty_values_are_written_as_empty_keys() -> None:
    """Issue 12 changed this (empty values were left out): every clip has the same keys,
    so Dataview-style queries see one schema; unknown values are empty."""
    text = render_clip(Clip(title="T", body="b", tags=[]))
    front = yaml.safe_load(text.split("---\n")[1])
    assert front == {"title": "T", "source": None, "author": None, "published": None,
                     "created": None, "site": None, "description": None, "lang": None,
                     "tags": []}
    assert "\nauthor:\n" in text
    back = parse_clip(text)
    assert (back.tags, back.author, back.extra) == ([], None, {})


def test_extra_keys_survive_a_resave() -> None:
    text = (
        "---\ntitle: \"T\"\ntags:\n  - clippings\nrating: 5\nstatus: read\n"
        "aliases: [one, two]\nreviewed: 2024-01-02\nnested:\n  a: [1, 2]\n---\n\n# T\n\nbody\n"
    )
    clip = parse_clip(text)
    assert clip.extra == {"rating": 5, "status": "read", "aliases": ["one", "two"],
                          "reviewed": "2024-01-02", "nested": {"a": [1, 2]}}
    again = parse_clip(render_clip(clip))
    assert again.extra == clip.extra
    assert "reviewed: 2024-01-02" in render_clip(clip)


def test_files_made_elsewhere() -> None:
    # No front matter: the heading is the title. CRLF and a BOM are fine.
    clip = parse_clip("\ufeff# Heading\r\n\r\nText\r\n", Path("note.md"))
    assert clip.title == "Heading"
    assert clip.body == "Text\n"
    assert clip.tags == []
    # No title and no heading: the file name.
    assert parse_clip("just text\n", Path("/lib/My note.md")).title == "My note"
    # A first heading that is not the title stays in the body.
    clip = parse_clip("---\ntitle: Real\n---\n# Section\n\ntext\n")
    assert clip.title == "Real"
    assert clip.body.startswith("# Section")
    # Unquoted values of other types become text.
    clip = parse_clip("---\ntitle: 1984\ntags: solo\npublished: 2024-01-02\n---\n")
    assert (clip.title, clip.tags, clip.published) == ("1984", ["solo"], "2024-01-02")


def test_broken_front_matter_is_a_clear_error(tmp_path: Path) -> None:
    from clipper.errors import LibraryError

    path = tmp_path / "bad.md"
    path.write_text("---\ntitle: [unclosed\n---\nbody\n", encoding="utf-8")
    try:
        read_clip(path)
    except LibraryError as exc:
        assert "not valid YAML" in str(exc)
        assert str(path) in str(exc)
    else:
        raise AssertionError("broken YAML was accepted")


def test_read_clip_round_trips_a_file(tmp_path: Path) -> None:
    clip = clip_with("A title", ["x", "y"], rating=3)
    path = tmp_path / "a.md"
    path.write_text(render_clip(clip), encoding="utf-8")
    back = read_clip(path)
    assert back.path == path
    assert (back.title, back.tags, back.extra, back.body) == ("A title", ["x", "y"],
                                                              {"rating": 3}, BODY)


def test_only_real_dates_are_written_plain() -> None:
    clip = Clip(title="2024-01-02", body="b", published="0000-00-00",
                created="2024-13-45T99:00:00Z", extra={"seen": "2023-05-06", "odd": "2023-02-30"})
    text = render_clip(clip)
    assert 'title: "2024-01-02"' in text  # a title is text even when it looks like a date
    assert 'published: "0000-00-00"' in text
    assert 'created: "2024-13-45T99:00:00Z"' in text
    assert "seen: 2023-05-06" in text
    assert 'odd: "2023-02-30"' in text
    yaml.safe_load(text.split("---\n")[1])  # other readers do not choke on impossible dates
    back = parse_clip(text)
    assert (back.title, back.published, back.created) == ("2024-01-02", "0000-00-00",
                                                          "2024-13-45T99:00:00Z")
    assert back.extra == {"seen": "2023-05-06", "odd": "2023-02-30"}


@pytest.mark.parametrize("yaml_text", [
    # Five lines that stand for 59,049 strings; each further line would multiply that by 9.
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n"
              for p, n in zip("abcd", "bcde", strict=True))
    + "tags: *e\n",
    "tags: &t [x, *t]\n",  # a list that holds itself
])
def test_front_matter_with_exploding_aliases_is_refused(yaml_text: str) -> None:
    with pytest.raises(LibraryError, match="too large"):
        parse_clip(f"---\ntitle: Bomb\n{yaml_text}---\n\n# Bomb\n")


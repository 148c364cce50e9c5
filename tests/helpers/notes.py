"""Hand-written notes as Obsidian users keep them, byte for byte, for the round-trip tests.

Each is what a person (or Obsidian, or another app) wrote, not what Clipper writes: flow
and block lists, plain, single- and double-quoted strings, comments, keys Clipper does not
know, nested maps, multi-line values, no ``# Title`` heading, CRLF line ends, a byte order
mark, no front matter at all. The tests open them, save them with and without edits and
compare the bytes.
"""

from __future__ import annotations

from pathlib import Path

NOTES: dict[str, str] = {
    # The note of issue 12: flow tags, a plain title, no heading.
    "obsidian-flow": (
        "---\n"
        "title: Handwritten note from Obsidian\n"
        "tags: [reading, obsidian]\n"
        "created: 2024-05-02\n"
        "---\n"
        "Some thoughts I typed myself.\n"
        "\n"
        "- a list item\n"
        "- another one\n"
    ),
    "block-lists": (
        "---\n"
        "title: Reading list\n"
        "aliases:\n"
        "  - Books to read\n"
        "tags:\n"
        "  - books\n"
        "  - to-read\n"
        "---\n"
        "\n"
        "# Reading list\n"
        "\n"
        "1. *Middlemarch*\n"
        "2. [[The Waves]]\n"
    ),
    "comments-unknown-keys": (
        "---\n"
        "# my own fields first\n"
        "status: draft   # still thinking\n"
        "rating: 4\n"
        "title: \"Notes on \\\"quoting\\\"\"  # kept quoted\n"
        "book:\n"
        "  author: Virginia Woolf\n"
        "  year: 1931\n"
        "\n"
        "# Clipper's fields\n"
        "source: https://example.org/woolf\n"
        "tags: [literature]\n"
        "---\n"
        "Body without a heading; a [link](https://example.org).\n"
    ),
    "indentless-list": (
        "---\n"
        "title: 'It''s an indentless list'\n"
        "tags:\n"
        "- one\n"
        "- two/three\n"
        "cssclasses:\n"
        "- wide\n"
        "---\n"
        "Text.\n"
    ),
    "crlf": (
        "---\r\n"
        "title: Written on Windows\r\n"
        "author: \"Ann\"\r\n"
        "tags: [windows]\r\n"
        "---\r\n"
        "\r\n"
        "First paragraph.\r\n"
        "\r\n"
        "Second paragraph.\r\n"
    ),
    "bom": (
        "\ufeff---\n"
        "title: A note with a byte order mark\n"
        "tags:\n"
        "  - \"bom\"\n"
        "---\n"
        "Saved by an editor that writes a BOM.\n"
    ),
    "no-front-matter": (
        "# Just a heading\n"
        "\n"
        "And a paragraph, no front matter at all.\n"
    ),
    "plain-text": "A quick note: no front matter, no heading, no final newline",
    "multi-line-values": (
        "---\n"
        "title: Folded and literal\n"
        "description: >-\n"
        "  A description folded\n"
        "  over two lines.\n"
        "summary: |\n"
        "  line one\n"
        "\n"
        "  line three\n"
        "tags: [yaml]\n"
        "---\n"
        "Body.\n"
    ),
    "nested-maps-dates": (
        "---\n"
        "title: Trip planning\n"
        "published: 2023-05-01\n"
        "created: 2024-01-02T10:00:00+01:00\n"
        "trip:\n"
        "  where: {city: Lyon, country: France}\n"
        "  days: [1, 2, 3]\n"
        "done: false\n"
        "tags: [ travel, france ]\n"
        "---\n"
        "## Day one\n"
        "\n"
        "Museum.\n"
    ),
    "heading-differs": (
        "---\n"
        "title: \"Quarterly review\"\n"
        "site: \"Intranet\"\n"
        "---\n"
        "\n"
        "# Q3 numbers\n"
        "\n"
        "Up 4%.\n"
    ),
    "crlf-bom-no-front-matter": "\ufeff# Windows heading\r\n\r\nA line.\r\nAnother line.\r\n",
    "empty-values": (
        "---\n"
        "title: Empty values\n"
        "author:\n"
        "tags:\n"
        "site: ''\n"
        "---\n"
        "Nothing filled in yet.\n"
    ),
    "clipper-written": (
        "---\n"
        "title: \"Clipped by an older Clipper\"\n"
        "source: \"https://example.com/a\"\n"
        "published: 2021-07-16\n"
        "created: 2026-11-28T00:40:29+00:00\n"
        "site: \"Example\"\n"
        "tags:\n"
        "  - \"clippings\"\n"
        "---\n"
        "\n"
        "# Clipped by an older Clipper\n"
        "\n"
        "The article.\n"
    ),
}


def write_notes(folder: Path) -> dict[str, Path]:
    """Every note into ``folder`` as ``<name>.md``, bytes exactly as above."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, text in NOTES.items():
        path = folder / f"{name}.md"
        path.write_bytes(text.encode("utf-8"))
        paths[name] = path
    return paths

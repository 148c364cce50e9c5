"""``clipper reextract`` leaves the front matter to its owner: a vault template's keys stay
the only keys, a field blanked by hand stays blank, and a file that is not there is named
as such (the new-user pass after issue 15)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml
from helpers.pages import article_page

from clipper.library import read_clip
from clipper.library.frontmatter import split_front_matter
from clipper.library.snapshots import body_hash
from clipper.settings import Settings, save_settings

OBSIDIAN_KEYS = [
    {"name": "title", "value": "{title}", "type": "text"},
    {"name": "source", "value": "{url}", "type": "text"},
    {"name": "author", "value": "{author}", "type": "list"},
    {"name": "created", "value": "{date}", "type": "text"},
    {"name": "tags", "value": "clippings", "type": "list"},
]
"""What an imported Obsidian Web Clipper template writes: no published, site, description
or lang, on purpose."""


def clipper(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "clipper", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=os.environ.copy(),
    )


def page_with_metadata(title: str) -> str:
    """An article page that names its author, date, site, summary and language."""
    return article_page(title).replace(
        "<title>",
        "<meta name='author' content='BBC News'>"
        "<meta property='article:published_time' content='2001-10-29'>"
        "<meta property='og:site_name' content='BBC'>"
        "<meta name='description' content='What the harbour council decided.'>"
        "<title>",
    )


def front(path: Path) -> tuple[str, dict[str, object]]:
    """The front matter of the clip: as written, and as read."""
    text, _ = split_front_matter(path.read_text(encoding="utf-8"))
    assert text is not None
    return text, yaml.safe_load(text)


def as_older_extractor_saved(path: Path) -> None:
    """The clip's last paragraph missing, as an older extractor saved it (hash recorded)."""
    text = path.read_text(encoding="utf-8")
    body = read_clip(path).body
    older = "\n\n".join(body.rstrip("\n").split("\n\n")[:-1]) + "\n"
    text = text.replace(body, older)
    text = re.sub(r'body_hash: "[^"]*"', f'body_hash: "{body_hash(older)}"', text)
    path.write_text(text, encoding="utf-8")


def test_a_vault_template_clip_gets_no_keys_its_template_leaves_out(
    tmp_path: Path, http_server
) -> None:
    save_settings(Settings(front_matter=OBSIDIAN_KEYS))
    library = tmp_path / "library"
    http_server.route("/a", body=page_with_metadata("Harbour pier repairs"))
    http_server.route("/b", body=page_with_metadata("Ferry timetable changes"))
    saved = clipper("save", http_server.url("/a"), http_server.url("/b"), "--library", str(library))
    assert saved.returncode == 0, saved.stderr
    pier, ferry = library / "Harbour pier repairs.md", library / "Ferry timetable changes.md"
    _, meta = front(ferry)
    assert list(meta) == ["title", "source", "author", "created", "tags", "snapshot", "body_hash"]
    untouched = ferry.read_bytes()
    as_older_extractor_saved(pier)
    before_text, before = front(pier)

    done = clipper("reextract", str(pier), str(ferry), "--library", str(library))
    assert done.returncode == 0, done.stderr
    assert re.search(r"^changed +.*Harbour pier repairs\.md$", done.stdout, re.M), done.stdout
    # nothing but the front matter would differ for this one: it is the same, and not written
    assert re.search(r"^same +.*Ferry timetable changes\.md$", done.stdout, re.M), done.stdout
    assert ferry.read_bytes() == untouched
    text, after = front(pier)
    assert list(after) == list(before)  # no published, site, description, lang
    assert {k: v for k, v in after.items() if k != "body_hash"} == {
        k: v for k, v in before.items() if k != "body_hash"
    }
    assert after["body_hash"] == body_hash(read_clip(pier).body)
    # only the body_hash line of the front matter changed, in its own style
    changed = [
        pair
        for pair in zip(before_text.splitlines(), text.splitlines(), strict=True)
        if pair[0] != pair[1]
    ]
    assert [b for _, b in changed] == [f'body_hash: "{after["body_hash"]}"']


def test_a_field_blanked_by_hand_stays_blank(tmp_path: Path, http_server) -> None:
    library = tmp_path / "library"
    http_server.route("/a", body=page_with_metadata("Harbour pier repairs"))
    assert clipper("save", http_server.url("/a"), "--library", str(library)).returncode == 0
    clip = library / "Harbour pier repairs.md"
    text = clip.read_text(encoding="utf-8")
    assert 'author: "BBC News"' in text
    assert "published: 2001-10-29" in text
    text = text.replace('author: "BBC News"', 'author: ""')
    text = re.sub(r'description: "[^"]*"', "description:", text)
    clip.write_text(text, encoding="utf-8")
    as_older_extractor_saved(clip)
    _, before = front(clip)

    done = clipper("reextract", str(clip), "--library", str(library))
    assert done.returncode == 0, done.stderr
    assert re.search(r"^changed ", done.stdout, re.M), done.stdout
    text = clip.read_text(encoding="utf-8")
    assert 'author: ""\n' in text
    assert "\ndescription:\n" in text
    assert "BBC News" not in text
    _, after = front(clip)
    assert {k: v for k, v in after.items() if k != "body_hash"} == {
        k: v for k, v in before.items() if k != "body_hash"
    }


def test_a_file_that_is_not_there_is_named(tmp_path: Path) -> None:
    library = tmp_path / "library"
    library.mkdir()
    done = clipper("reextract", str(tmp_path / "nonexist.md"), "--library", str(library))
    assert done.returncode == 1
    assert done.stderr.startswith(f"clipper: error: No such file: {tmp_path / 'nonexist.md'}")
    assert done.stderr.count("\n") == 1
    assert done.stdout == ""
    # a file that is there but not a clip still says so
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    done = clipper("reextract", str(tmp_path / "notes.txt"), "--library", str(library))
    assert done.returncode == 1
    assert "not a clip file" in done.stderr

"""Templates: where a new clip goes, its name, its images' folder, its front matter and heading,
as written on disk; and the default template writes exactly what Clipper always wrote."""

from __future__ import annotations

import base64
import json
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml
from helpers.images import png

from clipper.cli import main
from clipper.images.refs import find_image_refs
from clipper.library import read_clip, render_clip, save_clip, update_clip
from clipper.library.templates import (
    DEFAULT_TEMPLATE,
    ClipTemplate,
    Property,
    import_obsidian_template,
)
from clipper.models import Clip
from clipper.settings import Settings, default_front_matter, save_settings, settings_path

DATA = Path(__file__).resolve().parent.parent / "data"
REFERENCE = DATA / "devdiscourse-russia-afghan.html"



def data_url(seed: int) -> str:
    return "data:image/png;base64," + base64.b64encode(png(seed=seed)).decode()


def clip(title: str = "Hot: Air & Cold/Water", **kw: object) -> Clip:
    fields: dict[str, object] = dict(
        body=f"Words of the article.\n\n![a photo]({data_url(1)})\n\nMore words.\n\n"
             f"![another]({data_url(2)})\n",
        source="https://www.example.org/story?id=1", author="Ann Lee, Bob Ray",
        published="2021-07-16", created="2024-03-05T10:20:30+01:00", site="Example News",
        description="A story.", lang="en", tags=["clippings", "air-quality"])
    fields.update(kw)
    return Clip(title=title, **fields)  # type: ignore[arg-type]


def image_targets(path: Path) -> list[Path]:
    """The files the clip's image links point to, resolved from the clip's folder."""
    text = path.read_text(encoding="utf-8")
    return [(path.parent / unquote(ref.url)).resolve() for ref in find_image_refs(text)]


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    return folder


def test_the_default_template_writes_what_clipper_always_wrote() -> None:
    for sample in (clip(), clip(title="", author=None, tags=[], lang=None),
                   clip(extra={"status": "read", "rating": 4}), clip(body="")):
        assert DEFAULT_TEMPLATE.render(sample) == render_clip(sample)
    assert ClipTemplate.from_settings(Settings()) == DEFAULT_TEMPLATE


def test_folder_and_file_name_templates_place_the_clip(library: Path) -> None:
    template = ClipTemplate(file_name="{published} {site} - {title}",
                            folder="Clippings/{site}/{created:%Y}/{created:%m}")
    result = save_clip(clip(), library, template=template)
    assert result.path == (library / "Clippings" / "Example News" / "2024" / "03"
                           / "2021-07-16 Example News - Hot - Air & Cold-Water.md")
    # images beside it, as always, and the links resolve
    assets = result.path.with_name(result.path.stem + ".assets")
    assert sorted(p.parent for p in image_targets(result.path)) == [assets.resolve()] * 2
    assert all(p.is_file() for p in image_targets(result.path))
    # the same clip again: "(2)", in the same folder
    again = save_clip(clip(body="Other text entirely.\n"), library, template=template)
    assert again.path.name == "2021-07-16 Example News - Hot - Air & Cold-Water (2).md"


def test_page_text_in_a_folder_template_never_leaves_the_library(library: Path) -> None:
    template = ClipTemplate(folder="{site}/{author}", file_name="{title}")
    sneaky = clip(site="../../..", author="a/../../b", title="../x", tags=[])
    result = save_clip(sneaky, library, template=template)
    assert result.path.resolve().is_relative_to(library.resolve())
    assert result.path.parent == library / "a-..-..-b"  # "../../.." gives no folder at all
    assert result.path.name == "x.md"


def test_empty_variables_leave_no_empty_folder_or_name(library: Path) -> None:
    template = ClipTemplate(folder="{site}/{author}", file_name="{published}")
    result = save_clip(clip(site=None, author=None, published=None, source=None), library,
                       template=template)
    assert result.path.parent == library
    assert result.path.name == "Hot - Air & Cold-Water.md"  # no published date: the title


@pytest.mark.parametrize("layout", ["subfolder", "folder"])
def test_attachment_locations_like_obsidians(library: Path, layout: str) -> None:
    template = ClipTemplate(folder="Clippings", attachments=layout,  # type: ignore[arg-type]
                            attachment_folder="Attachments")
    first = save_clip(clip(title="Same"), library, template=template)
    second = save_clip(clip(title="Same", body=f"Other.\n\n![x]({data_url(3)})\n",
                            source="https://example.org/2"), library, template=template)
    root = (library / "Clippings" / "Attachments") if layout == "subfolder" \
        else (library / "Attachments")
    assert first.assets_dir == root / "Same"
    assert second.path.name == "Same (2).md"
    assert second.assets_dir == root / "Same (2)"
    for result, count in ((first, 2), (second, 1)):
        targets = image_targets(result.path)
        assert len(targets) == count
        assert all(t.is_file() and t.parent == result.assets_dir.resolve() for t in targets)
        assert not result.path.with_name(result.path.stem + ".assets").exists()
    # the window's preview finds them too
    from clipper.gui.jobs import clip_images

    assert len(clip_images(first.path, read_clip(first.path).body)) == 2


def test_a_clip_in_another_vault_folder_gets_its_own_images_folder(library: Path) -> None:
    template = ClipTemplate(folder="{site}", attachments="folder", attachment_folder="Files")
    a = save_clip(clip(title="News", site="A"), library, template=template)
    b = save_clip(clip(title="News", site="B", body=f"B.\n\n![x]({data_url(5)})\n",
                       source="https://b.example/"), library, template=template)
    assert (a.path.name, b.path.name) == ("News.md", "News.md")
    assert (a.assets_dir, b.assets_dir) == (library / "Files" / "News",
                                           library / "Files" / "News (2)")
    assert all(t.is_file() for t in image_targets(b.path))


def test_front_matter_template_names_kinds_extras_and_no_heading(library: Path) -> None:
    template = ClipTemplate(heading=False, properties=(
        Property("title", "{title}"),
        Property("url", "{url}"),
        Property("authors", "{author}", "list"),
        Property("published", "{published}"),
        Property("clipped", "{created}"),
        Property("tags", "{tags}", "list"),
        Property("status", "unread"),
        Property("from", "{site} ({domain})"),
        Property("year", "{created:%Y}"),
        Property("topics", "reading, {site}", "list"),
        Property("note", "{description}x{lang}"),
    ))
    result = save_clip(clip(), library, template=template)
    text = result.path.read_text(encoding="utf-8")
    head, body = text.removeprefix("---\n").split("\n---\n", 1)
    data = yaml.safe_load(head)
    assert list(data) == ["title", "url", "authors", "published", "clipped", "tags", "status",
                          "from", "year", "topics", "note"]
    assert data["url"] == "https://www.example.org/story?id=1"
    assert data["authors"] == ["Ann Lee", "Bob Ray"]
    assert data["status"] == "unread"
    assert data["from"] == "Example News (example.org)"
    assert data["year"] == "2024"
    assert data["topics"] == ["reading", "Example News"]
    assert data["note"] == "A story.xen"
    assert "site" not in data
    assert "description" not in data
    assert body.lstrip("\n").startswith("Words of the article.")  # no "# Title"
    assert "\n# " not in body
    # read back: the fields come from the names the template gave them
    read = read_clip(result.path)
    assert (read.title, read.source, read.author, read.created) == (
        "Hot: Air & Cold/Water", "https://www.example.org/story?id=1", "Ann Lee, Bob Ray",
        "2024-03-05T10:20:30+01:00")
    assert read.extra["status"] == "unread"
    assert "url" not in read.extra
    # an edit goes back under the note's own keys, a list stays a list
    edited = replace(read, author="Ann Lee, Bob Ray, Cy Dee", source="https://example.org/new")
    update_clip(edited)
    after = result.path.read_text(encoding="utf-8")
    assert "authors:\n  - \"Ann Lee\"\n  - \"Bob Ray\"\n  - \"Cy Dee\"\n" in after
    assert 'url: "https://example.org/new"' in after
    assert "source:" not in after
    assert "\nauthor:" not in after
    assert after.replace('"https://example.org/new"', '"https://www.example.org/story?id=1"') \
        .replace('  - "Cy Dee"\n', "") == text


def test_a_changed_template_never_rewrites_existing_notes(library: Path) -> None:
    old = save_clip(clip(title="Old one"), library)
    before = old.path.read_bytes()
    template = ClipTemplate(heading=False, properties=(Property("url", "{url}"),))
    save_clip(clip(title="New one", source="https://example.org/other"), library,
              template=template)
    update_clip(replace(read_clip(old.path), body="Edited body.\n"))
    after = old.path.read_bytes()
    assert after.split(b"\n# Old one\n")[0] == before.split(b"\n# Old one\n")[0]
    assert after.endswith(b"# Old one\n\nEdited body.\n")


def test_template_problems_and_warnings_are_said() -> None:
    bad = ClipTemplate(file_name="{titel}", folder="{site}/{nope}",
                       properties=(Property("", "x"), Property("a", "1"), Property("a", "2")))
    problems = " ".join(bad.problems())
    assert "{titel}" in problems
    assert "{nope}" in problems
    assert "no name" in problems
    assert "“a” is there twice" in problems
    assert not DEFAULT_TEMPLATE.problems()
    assert not DEFAULT_TEMPLATE.warnings()
    odd = ClipTemplate(properties=(Property("weblink", "{url}"),))
    assert "weblink" in " ".join(odd.warnings())


def test_obsidian_web_clipper_template_imports() -> None:
    exported = {
        "schemaVersion": "0.1.0", "name": "Default", "behavior": "create",
        "noteContentFormat": "{{content}}",
        "noteNameFormat": "{{date|date:\"YYYY-MM-DD\"}} {{title}}",
        "path": "Clippings/{{site}}",
        "properties": [
            {"name": "title", "value": "{{title}}", "type": "text"},
            {"name": "source", "value": "{{url}}", "type": "text"},
            {"name": "author", "value": "{{author|split:\", \"|wikilink|join}}",
             "type": "multitext"},
            {"name": "published", "value": "{{published}}", "type": "date"},
            {"name": "created", "value": "{{date}}", "type": "date"},
            {"name": "description", "value": "{{description}}", "type": "text"},
            {"name": "image", "value": "{{image}}", "type": "text"},
            {"name": "tags", "value": "clippings", "type": "multitext"},
        ],
    }
    imported = import_obsidian_template(json.dumps(exported))
    template = imported.template
    assert template.file_name == "{date:%Y-%m-%d} {title}"
    assert template.folder == "Clippings/{site}"
    assert [(p.name, p.value, p.kind) for p in template.properties] == [
        ("title", "{title}", "text"), ("source", "{url}", "text"),
        ("author", "{author}", "list"), ("published", "{published}", "text"),
        ("created", "{date}", "text"), ("description", "{description}", "text"),
        ("tags", "clippings", "list")]
    notes = " ".join(imported.notes)
    assert "{{image}}" in notes
    assert "wikilink" in notes
    assert not template.problems()
    with pytest.raises(ValueError, match="not JSON"):
        import_obsidian_template("{nope")
    with pytest.raises(ValueError, match="not an Obsidian"):
        import_obsidian_template('{"a": 1}')


def test_the_command_line_saves_through_the_settings_template(tmp_path: Path) -> None:
    settings = Settings(folder="Clippings/{site}", file_name="{site} - {title}", heading=False,
                        front_matter=[*default_front_matter(),
                                      {"name": "status", "value": "unread", "type": "text"}])
    save_settings(settings, settings_path())
    library = tmp_path / "lib"
    assert main(["save", str(REFERENCE), "--library", str(library)]) == 0
    [path] = library.rglob("*.md")
    assert path.parent == library / "Clippings" / "Devdiscourse"
    assert path.name.startswith("Devdiscourse - Russia says")
    text = path.read_text(encoding="utf-8")
    assert 'status: "unread"' in text
    assert "\n# Russia" not in text

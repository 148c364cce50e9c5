"""Clips that fit a person's vault: where a new clip goes, what it is named, where its images
go, which front-matter keys it gets and whether its body starts with ``# Title``.

People come from Obsidian Web Clipper, MarkDownload or Joplin with a vault laid out their
way (``Clippings/{site}``, ``{created:%Y}/{created:%m}``, ``url`` rather than ``source``,
``status: unread`` on every clip). A template says so once; the CLI, the importer and the
window save through it alike. It only shapes NEW clips: a note already in the library is
never rewritten to follow a changed template (``note_edit`` keeps its own keys and style).

Values are written ``{variable}`` or ``{variable:FORMAT}`` (a ``strftime`` format for the
dates), and Obsidian Web Clipper's ``{{variable}}`` reads the same. Whatever a page put in
a variable goes through the same safe-name rules as a title before it is part of a path.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any, Literal
from urllib.parse import urlsplit

from clipper.library.filenames import UNTITLED, safe_filename
from clipper.library.frontmatter import (
    KNOWN_KEYS,
    ROLE_NAMES,
    front_matter_value,
    one_line,
    render_front_matter,
)
from clipper.models import Clip

Kind = Literal["text", "list"]
Attachments = Literal["beside", "subfolder", "folder"]
ATTACHMENTS: tuple[Attachments, ...] = ("beside", "subfolder", "folder")
ASSETS_SUFFIX = ".assets"

VARIABLES: dict[str, str] = {
    "title": "the article's title",
    "url": "the address it was clipped from (also {source})",
    "source": "the address it was clipped from",
    "author": "who wrote it",
    "published": "when it was published (a date, when the page says)",
    "created": "when it was clipped: the time of the save (also {date})",
    "date": "when it was clipped",
    "site": "the website or publication",
    "domain": "the address's host name, without www.",
    "description": "the page's summary",
    "lang": "the article's language",
    "tags": "the tags in the Tags field (a list)",
}
"""The variables a template may use, with what a person reads about each in Settings."""
DATE_VARIABLES = ("created", "date", "published")
ROLE_OF: dict[str, str] = {"url": "source", "source": "source", "date": "created"}
"""A value that is exactly one of these variables fills that field of the clip."""

_VARIABLE = re.compile(r"\{\{?\s*([A-Za-z_]+)\s*(?::([^{}]*))?\}?\}")
_YEAR_MONTH = re.compile(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


@dataclass(frozen=True)
class Property:
    """One front-matter key: its name, its value (text with ``{variables}``), text or list."""

    name: str
    value: str
    kind: Kind = "text"

    def role(self) -> str | None:
        """The clip field this key holds, when its value is just that variable (``{url}``
        is the clip's source): what the clip is read back from."""
        match = _VARIABLE.fullmatch(self.value.strip())
        if match is None or match.group(2):
            return None
        name = match.group(1)
        role = ROLE_OF.get(name, name)
        return role if role in KNOWN_KEYS else None

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "value": self.value, "type": self.kind}

    def holds_typed_tags(self) -> bool:
        """A tags key with fixed text (Obsidian's ``tags: clippings``): its fixed tags are
        where the Tags field starts (``ClipTemplate.default_tags``) and the key holds what
        the person typed there, as ``{tags}`` does; a variable in it (``{site}``) still adds
        its value."""
        return (self.name.strip() in ROLE_NAMES["tags"] and self.role() is None
                and "tags" not in (m.group(1) for m in _VARIABLE.finditer(self.value)))


DEFAULT_PROPERTIES: tuple[Property, ...] = tuple(
    Property(key, "{url}" if key == "source" else f"{{{key}}}",
             "list" if key == "tags" else "text") for key in KNOWN_KEYS)
"""Today's keys, in today's order: the default template writes what Clipper always wrote."""


@dataclass(frozen=True)
class Placement:
    """Where a new clip goes: a folder inside the library and a file name without ``.md``."""

    folder: Path
    stem: str


@dataclass(frozen=True)
class ClipTemplate:
    file_name: str = "{title}"
    folder: str = ""
    """Inside the library, ``/`` between folders; empty: the library folder itself."""
    attachments: Attachments = "beside"
    """``beside``: ``Title.assets/`` next to the note (as always); ``subfolder``: a folder
    named ``attachment_folder`` in the clip's folder; ``folder``: one folder of the
    library. In the last two, each clip's images get a folder of their own, named after
    the clip, so moving or deleting a clip takes exactly its images along."""
    attachment_folder: str = "attachments"
    heading: bool = True
    """Start the body with ``# Title`` (Obsidian shows the title above a note anyway)."""
    properties: tuple[Property, ...] = DEFAULT_PROPERTIES

    # -- checking ------------------------------------------------------------------------------

    def problems(self) -> list[str]:
        """What makes the template unusable, in words (Settings refuses it then)."""
        out: list[str] = []
        for label, text in (("file name", self.file_name), ("folder", self.folder),
                            ("images folder", self.attachment_folder)):
            unknown = unknown_variables(text)
            if unknown:
                out.append(f"The {label} uses {', '.join('{' + u + '}' for u in unknown)}, "
                           "which Clipper does not know.")
            stray = unclosed_brace(text)
            if stray:
                out.append(f"The {label} has a brace that is not part of a variable: "
                           f"“{stray}”. Write variables as {{title}} or {{published:%Y}}.")
        if not self.file_name.strip():
            out.append("The file name is empty; {title} is the usual one.")
        if self.attachments != "beside" and not _segments(self.attachment_folder):
            out.append("Name the folder the images go to.")
        seen: set[str] = set()
        for prop in self.properties:
            name = prop.name.strip()
            if not name:
                out.append("A front-matter key has no name.")
            elif name in seen:
                out.append(f"The key “{name}” is there twice.")
            seen.add(name)
            unknown = unknown_variables(prop.value)
            if unknown:
                out.append(f"The key “{name}” uses "
                           f"{', '.join('{' + u + '}' for u in unknown)}, which Clipper does "
                           "not know.")
        return out

    def warnings(self) -> list[str]:
        """What works but may surprise: a field written under a name it is not read back from
        (the window then does not show it, and the library cannot find a duplicate by it)."""
        out = []
        for prop in self.properties:
            role = prop.role()
            if role is not None and prop.name.strip() not in ROLE_NAMES[role]:
                names = ", ".join(ROLE_NAMES[role])
                out.append(f"“{prop.name}” is written but not read back as the clip's {role}: "
                           f"Clipper reads it from {names}.")
        if not any(p.role() == "title" for p in self.properties) and not self.heading:
            out.append("With neither a title key nor a # Title heading, a clip's title is read "
                       "back from its file name.")
        return out

    # -- a new clip ----------------------------------------------------------------------------

    def place(self, clip: Clip, library: Path) -> Placement:
        """The clip's folder (inside ``library``; not created here) and file name."""
        values = variables(clip)
        folder = library
        for segment in _segments(self.folder):
            name = _folder_name(expand(segment, values, for_path=True))
            if name:
                folder = folder / name
        stem = safe_filename(expand(self.file_name, values, for_path=True) or clip.title)
        return Placement(folder, stem)

    def images_root(self, folder: Path, library: Path) -> Path | None:
        """The folder holding each clip's images folder (None: ``Title.assets`` beside it)."""
        if self.attachments == "beside":
            return None
        base = folder if self.attachments == "subfolder" else library
        for segment in _segments(self.attachment_folder):
            base = base / safe_filename(segment)
        return base

    def front_matter(self, clip: Clip) -> dict[str, Any]:
        """The keys a new clip gets, in the template's order; keys the clip already holds
        beyond those (an opened note saved anew) follow, as they always did."""
        values = variables(clip)
        data: dict[str, Any] = {}
        written_roles = set()
        for prop in self.properties:
            name = prop.name.strip()
            if not name:
                continue
            role = prop.role()
            if role is not None:
                written_roles.add(role)
                data[name] = front_matter_value(role, _role_value(clip, role, prop.kind))
            elif prop.holds_typed_tags():
                added = _split_list(expand(", ".join(
                    p for p in _split_list(prop.value) if _VARIABLE.search(p)), values))
                tags = replace(clip, tags=list(dict.fromkeys([*clip.tags, *added])))
                data[name] = front_matter_value("tags", _role_value(tags, "tags", prop.kind))
            elif name in clip.extra:
                data[name] = front_matter_value(name, clip.extra[name])
            elif prop.kind == "list":
                data[name] = _split_list(expand(prop.value, values))
            else:
                data[name] = front_matter_value(name, expand(prop.value, values) or None)
        for key, value in clip.extra.items():
            if key not in data and key not in KNOWN_KEYS:
                data[str(key)] = front_matter_value(str(key), value)
        return data

    def render(self, clip: Clip) -> str:
        """The new clip file's text: front matter, ``# Title`` (if wanted), the body."""
        if not one_line(clip.title):
            clip = replace(clip, title="Untitled")
        front = render_front_matter(self.front_matter(clip)) if self.properties else ""
        body = clip.body.strip("\n")
        if self.heading:
            heading = f"# {one_line(clip.title)}\n"
            text = f"{heading}\n{body}\n" if body else heading
        else:
            text = f"{body}\n" if body else ""
        return f"{front}\n{text}" if front else text

    def default_tags(self) -> list[str]:
        """The fixed tags of a tags key (``tags: clippings``): defaults, as Settings' default
        tags are, so what the person types in the Tags field (or ``--tags``) wins."""
        return [part for prop in self.properties if prop.holds_typed_tags()
                for part in _split_list(prop.value) if not _VARIABLE.search(part)]

    # -- settings --------------------------------------------------------------------------

    @classmethod
    def from_settings(cls, settings: Any) -> ClipTemplate:
        """The template the settings describe (``clipper.settings.Settings``)."""
        attachments: Attachments = next(
            (a for a in ATTACHMENTS if a == settings.attachments), "beside")
        return cls(file_name=settings.file_name or "{title}", folder=settings.folder,
                   attachments=attachments, attachment_folder=settings.attachment_folder,
                   heading=settings.heading,
                   properties=properties_from(settings.front_matter))


DEFAULT_TEMPLATE = ClipTemplate()


def starting_tags(settings: Any) -> list[str]:
    """The tags a new clip starts with: Settings' default tags, then the template's fixed ones."""
    return list(dict.fromkeys([*settings.default_tags,
                               *ClipTemplate.from_settings(settings).default_tags()]))


def properties_from(raw: Sequence[Mapping[str, Any]]) -> tuple[Property, ...]:
    out = []
    for item in raw:
        kind: Kind = "list" if item.get("type") == "list" else "text"
        out.append(Property(str(item.get("name", "")), str(item.get("value", "")), kind))
    return tuple(out)


def _folder_name(text: str) -> str:
    """A folder name by the safe-name rules; "" (no folder) when nothing of it is left."""
    name = safe_filename(text)
    return "" if name == UNTITLED and UNTITLED.lower() not in text.lower() else name


def _segments(path_text: str) -> list[str]:
    """Folder names of a ``a/b`` template: no empty, ``.`` or ``..`` parts (never a way out
    of the library)."""
    return [s for s in re.split(r"[/\\]+", path_text) if s.strip(" .")]


def _split_list(text: str) -> list[str]:
    return [item for item in (part.strip() for part in text.split(",")) if item]


def _split_people(text: str) -> list[str]:
    parts = re.split(r"\s*(?:,|;|\band\b|&)\s*", text)
    return [p for p in (part.strip() for part in parts) if p]


def _role_value(clip: Clip, role: str, kind: Kind) -> Any:
    value = getattr(clip, role)
    if role == "tags":
        return [str(t) for t in value if str(t).strip()] if kind == "list" \
            else ", ".join(value) or None
    if kind == "list":
        return (_split_people(value) if role == "author" else _split_list(value)) \
            if value else []
    return value or None


# -- variables ---------------------------------------------------------------------------------


def unknown_variables(text: str) -> list[str]:
    return list(dict.fromkeys(m.group(1) for m in _VARIABLE.finditer(text)
                              if m.group(1) not in VARIABLES))


def unclosed_brace(text: str) -> str:
    """The text around a ``{`` or ``}`` that is no variable's (``{title`` in
    ``{published:%Y} {title``), "" when there is none: left as it is, it would give every
    clip the same name."""
    rest = _VARIABLE.sub(lambda m: "\0" * len(m.group(0)), text)
    where = next((i for i, char in enumerate(rest) if char in "{}"), -1)
    if where < 0:
        return ""
    start = text.rfind(" ", 0, where) + 1 if text[where] == "}" else where
    end = text.find(" ", where)
    return text[start:end if end >= 0 else len(text)]


def variables(clip: Clip) -> dict[str, Any]:
    """The values a template can use for ``clip``."""
    host = ""
    if clip.source:
        try:
            host = (urlsplit(clip.source).hostname or "").removeprefix("www.")
        except ValueError:
            host = ""
    return {
        "title": clip.title, "url": clip.source or "", "source": clip.source or "",
        "author": clip.author or "", "published": clip.published or "",
        "created": clip.created or "", "date": clip.created or "",
        "site": clip.site or host, "domain": host, "description": clip.description or "",
        "lang": clip.lang or "", "tags": list(clip.tags),
    }


def _as_datetime(text: str) -> datetime | None:
    text = text.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        match = _YEAR_MONTH.match(text)
        if match is None:
            return None
        year, month, day = (int(g) if g else 1 for g in match.groups())
        try:
            return datetime(year, month, day)
        except ValueError:
            return None


def expand(text: str, values: Mapping[str, Any], for_path: bool = False) -> str:
    """``text`` with each ``{variable}`` (or ``{variable:FORMAT}``) filled in; an unknown or
    empty one gives nothing. ``for_path``: the result becomes a file or folder name, so a
    value may not hold a folder separator of its own."""

    def fill(match: re.Match[str]) -> str:
        name, fmt = match.group(1), match.group(2)
        value = values.get(name, "")
        text = ", ".join(map(str, value)) if isinstance(value, list) else str(value or "")
        if fmt and text and name in DATE_VARIABLES:
            when = _as_datetime(text)
            try:
                text = when.strftime(fmt) if when is not None else ""
            except ValueError:
                text = ""
        if for_path:
            text = text.replace("/", "-").replace("\\", "-")
        return one_line(text)

    return _VARIABLE.sub(fill, text)


def sample_clip() -> Clip:
    """What Settings previews a template with when no page is shown."""
    return Clip(title="Russia says it wants to help start Afghan peace talks as fighting rages",
                body="Russia said on Friday it wanted to help kickstart peace talks …\n\n"
                     "![A photo](https://www.devdiscourse.com/photo.jpg)\n",
                source="https://www.devdiscourse.com/article/headlines/1650283-russia-says",
                author="Reuters", published="2021-07-16",
                created=datetime.now().astimezone().isoformat(timespec="seconds"),
                site="Devdiscourse", tags=["clippings"])


def link_prefix(images: Path, note_folder: Path) -> str:
    """The relative path (``/`` between parts, not yet URL-encoded) from a note in
    ``note_folder`` to its images folder ``images``."""
    import os

    return PurePosixPath(Path(os.path.relpath(images, note_folder)).as_posix()).as_posix()


# -- Obsidian Web Clipper templates ------------------------------------------------------------

_MOMENT = [("YYYY", "%Y"), ("YY", "%y"), ("MMMM", "%B"), ("MMM", "%b"), ("MM", "%m"),
           ("DD", "%d"), ("dddd", "%A"), ("ddd", "%a"), ("HH", "%H"), ("mm", "%M"),
           ("ss", "%S"), ("Z", "%z")]
_OBSIDIAN_VARIABLE = re.compile(r"\{\{\s*([A-Za-z_]+)((?:\s*\|[^{}]*)?)\}\}")


@dataclass
class ImportedTemplate:
    template: ClipTemplate
    notes: list[str] = field(default_factory=list)
    """What did not carry over (filters, variables Clipper has no value for)."""


def _strftime(moment: str) -> str:
    out, i = "", 0
    while i < len(moment):
        for token, directive in _MOMENT:
            if moment.startswith(token, i):
                out += directive
                i += len(token)
                break
        else:
            out += moment[i]
            i += 1
    return out


def _from_obsidian(text: str, notes: list[str], where: str) -> str | None:
    """``{{title}}`` -> ``{title}``, ``{{date|date:"YYYY-MM"}}`` -> ``{date:%Y-%m}``; None when
    it names something Clipper has no value for (the page's content, its image...)."""
    missing: list[str] = []

    def convert(match: re.Match[str]) -> str:
        name, filters = match.group(1), match.group(2).strip()
        if name == "time":
            name = "date"
        if name not in VARIABLES:
            missing.append(name)
            return ""
        fmt = ""
        dropped: list[str] = []
        for part in (p.strip() for p in filters.split("|") if p.strip()):
            date = re.fullmatch(r"date\s*:\s*[\"']?([^\"']*)[\"']?", part)
            if date and name in DATE_VARIABLES:
                fmt = ":" + _strftime(date.group(1))
            elif part not in ("join", "list", "trim"):
                # its name only: its arguments are quoted text (split:", ") that reads
                # garbled inside a sentence's quotes
                dropped.append(part.split(":", 1)[0].strip())
        if dropped:
            names = list(dict.fromkeys(dropped))
            said = " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1
                                else names)
            notes.append(f"{where}: the filter{'s' if len(names) > 1 else ''} {said} of "
                         f"{{{{{name}}}}} {'are' if len(names) > 1 else 'is'} left out")
        return "{" + name + fmt + "}"

    converted = _OBSIDIAN_VARIABLE.sub(convert, text)
    if missing:
        notes.append(f"{where}: Clipper has no value for "
                     f"{', '.join('{{' + m + '}}' for m in dict.fromkeys(missing))}; left out")
        return None
    return converted


def import_obsidian_template(data: str | bytes) -> ImportedTemplate:
    """An Obsidian Web Clipper template (its exported JSON) as a Clipper template.

    ``ValueError`` with a sentence when it is not one."""
    try:
        raw = json.loads(data)
    except ValueError as exc:
        raise ValueError("This file is not JSON, so not an Obsidian Web Clipper template.") \
            from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("properties", []), list) or not (
            "noteNameFormat" in raw or "properties" in raw):
        raise ValueError("This JSON file is not an Obsidian Web Clipper template "
                         "(it has no properties or noteNameFormat).")
    notes: list[str] = []
    props: list[Property] = []
    for item in raw.get("properties", []):
        if not isinstance(item, dict) or not str(item.get("name", "")).strip():
            continue
        name = str(item["name"]).strip()
        value = _from_obsidian(str(item.get("value", "")), notes, f"key “{name}”")
        if value is None:
            continue
        kind: Kind = "list" if item.get("type") == "multitext" else "text"
        props.append(Property(name, value, kind))
    name_format = _from_obsidian(str(raw.get("noteNameFormat") or "{{title}}"), notes,
                                 "file name") or "{title}"
    folder = _from_obsidian(str(raw.get("path") or ""), notes, "folder") or ""
    content = str(raw.get("noteContentFormat") or "{{content}}")
    if content.strip() != "{{content}}":
        notes.append("the note content format is left out: Clipper writes the article")
    return ImportedTemplate(ClipTemplate(file_name=name_format, folder=folder,
                                         properties=tuple(props)), notes)

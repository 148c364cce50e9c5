"""Clip files: YAML front matter + ``# Title`` + the article Markdown.

Strings are written double-quoted by PyYAML, so any title — quotes, colons, ``#``,
a leading ``-``, ``yes``, ``0o17``, ``2024-01-02``, newlines, emoji, RTL — reads
back the same in PyYAML and in YAML 1.2 parsers such as Obsidian's. Valid ISO
dates in ``published``, ``created`` and user-added keys are the one exception:
written plain so Obsidian shows them as dates, and read back as the same strings
because the loader here does not turn timestamps into objects.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from clipper.errors import LibraryError
from clipper.models import Clip
from clipper.safetext import sanitize_line

KNOWN_KEYS = ("title", "source", "author", "published", "created", "site", "description",
              "lang", "tags")
DATE_KEYS = ("published", "created")
FRONT_MATTER_DELIMITER = "---"

_ISO_DATE = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?")
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_ -]*")


def _without_timestamps(resolvers: dict[Any, Any]) -> dict[Any, Any]:
    return {first: [(tag, regexp) for tag, regexp in entries
                    if tag != "tag:yaml.org,2002:timestamp"]
            for first, entries in resolvers.items()}


# libyaml's parser when PyYAML has it: reading front matter is most of indexing a library.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeLoader):  # type: ignore[valid-type, misc]
    """SafeLoader that leaves dates as the strings they are in the file."""


_Loader.yaml_implicit_resolvers = _without_timestamps(yaml.SafeLoader.yaml_implicit_resolvers)


class _Dumper(yaml.SafeDumper):
    """Double-quoted strings, plain keys and ISO dates, block lists."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # "tags:\n  - x", as Obsidian writes lists

    def represent_mapping(self, tag: str, mapping: Any, flow_style: bool | None = None
                          ) -> yaml.MappingNode:
        node = super().represent_mapping(tag, mapping, flow_style)
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode) and _PLAIN_KEY.fullmatch(key_node.value):
                key_node.style = None  # the emitter still quotes it if plain would misread
        return node


_Dumper.yaml_implicit_resolvers = _without_timestamps(yaml.SafeDumper.yaml_implicit_resolvers)


class _PlainDate(str):
    """A date written without quotes (only ever a valid ISO date or time)."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style='"')


def _represent_date(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style=None)


def _represent_none(dumper: yaml.SafeDumper, value: None) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:null", "")  # "key:", as Obsidian writes


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(type(None), _represent_none)
_Dumper.add_representer(_PlainDate, _represent_date)


def _date_style(value: object) -> object:
    """Dates plain (Obsidian shows them as dates), but only real ones: "0000-00-00" plain
    would crash other YAML readers, so anything doubtful stays a quoted string."""
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        return value
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    return _PlainDate(value)


def one_line(title: str) -> str:
    """A title as its heading shows it: one line, nothing a terminal or git chokes on.

    The front matter keeps any title exactly (YAML escapes what is not printable); the
    heading is plain text, so it goes through the sanitiser (page text already has, in
    ``Clip.from_article``; a title typed in the window or read from a file may not)."""
    return sanitize_line(title)


def _present(value: object) -> bool:
    return value not in (None, "", [], {})


def front_matter_dict(clip: Clip) -> dict[str, Any]:
    """Every known key, empty ones too (``author:``, ``tags: []``): each clip has the same
    keys, so Dataview-style queries and Obsidian's properties see one stable schema."""
    data: dict[str, Any] = {}
    for key in KNOWN_KEYS:
        value = getattr(clip, key)
        if key == "tags":
            value = [str(t) for t in value if str(t).strip()]
        elif not _present(value):
            value = None
        data[key] = _date_style(value) if key in DATE_KEYS else value
    for key, value in clip.extra.items():
        if key not in data and key not in KNOWN_KEYS:
            data[str(key)] = _date_style(value)
    return data


def render_front_matter(data: dict[str, Any]) -> str:
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=2**31 - 1, indent=2)
    return f"{FRONT_MATTER_DELIMITER}\n{text}{FRONT_MATTER_DELIMITER}\n"


def render_body(clip: Clip) -> str:
    body = clip.body.strip("\n")
    heading = f"# {one_line(clip.title)}\n"
    return f"{heading}\n{body}\n" if body else heading


def render_clip(clip: Clip) -> str:
    """The clip file's text: front matter (empty values omitted), ``# Title``, the body.

    A blank title is written as "Untitled" in both places, so the file reads back
    the way it shows.
    """
    if not one_line(clip.title):
        clip = replace(clip, title="Untitled")
    return f"{render_front_matter(front_matter_dict(clip))}\n{render_body(clip)}"


def split_front_matter(text: str) -> tuple[str | None, str]:
    """``(yaml text or None, rest)``; accepts a BOM and Windows line ends."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.startswith(FRONT_MATTER_DELIMITER + "\n"):
        return None, text
    end = re.search(r"^(?:---|\.\.\.)[ \t]*$", text[4:], re.M)
    if end is None:
        return None, text
    yaml_text = text[4:4 + end.start()]
    rest = text[4 + end.end():]
    return yaml_text, rest.removeprefix("\n")


# -- reading what Clipper wrote, without PyYAML ---------------------------------------------
# Indexing a library reads the front matter of every clip, and Clipper writes it in one
# shape: ``key: "double-quoted"``, ``key: <ISO date>`` and block lists of quoted
# strings. ``_fast_front_matter`` reads exactly that shape and returns None for anything
# else (a comment, a flow list, a number, a hand edit), which PyYAML then reads as before.
# PyYAML (even with libyaml) was most of what ``parse_clip`` cost (bench/library/README.md).

_KEY_LINE = re.compile(r"([A-Za-z_](?:[A-Za-z0-9_ -]*[A-Za-z0-9_-])?):(?: (.*))?")
_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')
_ITEM_LINE = re.compile(r'  - ("(?:[^"\\]|\\.)*")')
_ESCAPE = re.compile(r"\\(?:x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
# The escapes PyYAML writes (others, such as \' on which PyYAML and libyaml disagree, go
# to the full parser).
_SIMPLE_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v",
                   "f": "\f", "r": "\r", "e": "\x1b", '"': '"', "\\": "\\", "N": "\x85",
                   "_": "\xa0", "L": "\u2028", "P": "\u2029"}
# Only characters both parsers take as they are: no tabs, no control characters, no BOM
# and none of YAML 1.1's extra line breaks (NEL, LS, PS), which fold a quoted string.
_UNUSUAL_CHARACTER = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe"
                                "\uff00-\ufffd\U00010000-\U0010ffff]")


class _NotFast(Exception):
    """Not the shape Clipper writes: let PyYAML read it."""


def _unescape(match: re.Match[str]) -> str:
    hex_code = match.group(1) or match.group(2) or match.group(3)
    if hex_code is not None:
        code = int(hex_code, 16)
        if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
            raise _NotFast
        return chr(code)
    replacement = _SIMPLE_ESCAPES.get(match.group(4))
    if replacement is None:
        raise _NotFast
    return replacement


def _quoted(text: str) -> str:
    match = _QUOTED.fullmatch(text)
    if match is None:
        raise _NotFast
    inner = match.group(1)
    return _ESCAPE.sub(_unescape, inner) if "\\" in inner else inner


def _is_plain_text(value: str) -> bool:
    """Whether PyYAML (with this module's resolvers) reads the unquoted ``value`` as text."""
    resolvers = _Loader.yaml_implicit_resolvers
    return not any(regexp.match(value) for _tag, regexp in
                   resolvers.get(value[:1], []) + resolvers.get(None, []))


@functools.lru_cache(maxsize=256)
def _key_is_text(key: str) -> bool:
    return _is_plain_text(key)


def _fast_front_matter(yaml_text: str) -> dict[str, Any] | None:
    """The front matter as ``yaml.load`` reads it, or None when it is not in Clipper's shape."""
    if _UNUSUAL_CHARACTER.search(yaml_text):
        return None
    lines = yaml_text.split("\n")
    if lines[-1] == "":
        lines.pop()
    if 2 * len(lines) + 1 > MAX_VALUES:  # PyYAML's path refuses it
        return None
    data: dict[str, Any] = {}
    i = 0
    try:
        while i < len(lines):
            match = _KEY_LINE.fullmatch(lines[i])
            if match is None:
                return None
            key, value = match.groups()
            if key in data or not _key_is_text(key):
                return None
            i += 1
            if value is None:  # a block list: "  - "quoted"" lines, or nothing (null)
                items = []
                while i < len(lines) and (item := _ITEM_LINE.fullmatch(lines[i])):
                    items.append(_quoted(item.group(1)))
                    i += 1
                data[key] = items or None
            elif value == "[]":
                data[key] = []
            elif value.startswith('"'):
                data[key] = _quoted(value)
            elif _ISO_DATE.fullmatch(value) and _is_plain_text(value):
                data[key] = value
            else:
                return None
    except _NotFast:
        return None
    return data


def _as_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value if v is not None)
    text = str(value)
    return text if text.strip() else None


def _as_tags(value: object) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, (list, tuple)) else [value]
    return [str(t) for t in items if t is not None and str(t).strip()]


MAX_VALUES = 10_000
"""Front matter holds a few dozen values. YAML aliases can make a few lines stand for
billions (a "billion laughs" file synced into the library), which turning them into
text would take hours and gigabytes to spell out, so such files are refused."""


def _larger_than(data: object, limit: int) -> bool:
    """Whether ``data`` spelled out (aliases repeated) holds more than ``limit`` values."""
    stack, count = [data], 0
    while stack:
        value = stack.pop()
        count += 1
        if count > limit:
            return True
        if isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, (list, tuple)):
            stack.extend(value)
    return False


def parse_clip(text: str, path: Path | None = None) -> Clip:
    """Read a clip file's text back into a ``Clip`` (inverse of ``render_clip``).

    Keys Clipper does not know go to ``extra``; a missing title falls back to the
    ``# Heading``, then the file name. The heading is dropped from ``body`` only
    when it is the title's, so a file made elsewhere keeps its own first heading.
    """
    where = f" {path}" if path else ""
    yaml_text, rest = split_front_matter(text)
    data: dict[Any, Any] = {}
    if yaml_text is not None and yaml_text.strip():
        fast = _fast_front_matter(yaml_text)
        try:
            loaded = yaml.load(yaml_text, Loader=_Loader) if fast is None else fast
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = f" (line {mark.line + 2})" if mark is not None else ""
            raise LibraryError(f"The front matter of the clip{where} is not valid YAML{line}",
                               "Fix it in a text editor.") from exc
        if loaded is not None and not isinstance(loaded, dict):
            raise LibraryError(f"The front matter of the clip{where} is not a set of keys",
                               "Fix it in a text editor.")
        if fast is None and _larger_than(loaded, MAX_VALUES):
            raise LibraryError(f"The front matter of the clip{where} is too large "
                               f"(over {MAX_VALUES} values, or YAML aliases in a loop)",
                               "Fix it in a text editor.")
        data = loaded or {}

    body = rest.lstrip("\n")
    heading = re.match(r"# (.*)(?:\n|$)", body)
    title = _as_text(data.get("title"))
    if heading and (title is None or one_line(heading.group(1)) == one_line(title)):
        body = body[heading.end():].lstrip("\n")
        if title is None:
            title = heading.group(1).strip() or None
    if title is None:
        title = path.stem if path else "Untitled"

    extra = {str(k): v for k, v in data.items() if str(k) not in KNOWN_KEYS}
    return Clip(
        title=title,
        body=body,
        source=_as_text(data.get("source")),
        author=_as_text(data.get("author")),
        published=_as_text(data.get("published")),
        created=_as_text(data.get("created")),
        site=_as_text(data.get("site")),
        description=_as_text(data.get("description")),
        lang=_as_text(data.get("lang")),
        tags=_as_tags(data.get("tags")),
        path=path,
        extra=extra,
    )


def read_clip(path: Path) -> Clip:
    """Open a clip file; unreadable files raise ``LibraryError``."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LibraryError(f"Cannot read the clip {path}: {exc.strerror or exc}") from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("utf-8", "replace")
    clip = parse_clip(text, path)
    clip.read_digest = digest(data)
    return clip


def digest(data: bytes) -> str:
    """What a clip file's content is compared by, to notice edits made elsewhere."""
    return hashlib.sha256(data).hexdigest()

"""Edits written into a note's own text: only the lines of what changed, in its own style.

A note written by hand or by another app (Obsidian above all) has its own front-matter
style: flow or block lists, plain or quoted strings, comments, keys Clipper does not
know, CRLF line ends, a byte order mark, no ``# Title`` heading, maybe no front matter at
all. Rendering the clip anew would rewrite all of that, and a person who finds their note
reformatted stops trusting the app. So an edit replaces only the lines of the keys whose
value changed, written the way that key was written, and only the part of the body that
changed; everything else stays byte for byte, and an unedited clip gives back the text
it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from clipper.library.frontmatter import KNOWN_KEYS, _Loader, one_line, parse_clip, render_clip
from clipper.models import Clip

_OPENING = re.compile(r"---[ \t]*(?:\r\n|\n|\r)")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*(?=\r\n|\n|\r|\Z)", re.M)
_KEY_LINE = re.compile(
    r"""(?P<key>"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"\-?:,\[\]{}&*!|>%@`][^:\r\n]*?|-[^\s:][^:\r\n]*?)
        [ \t]*:(?=[ \t]|$)[ \t]*(?P<value>.*)""", re.X)
_LIST_ITEM = re.compile(r"(?P<indent>[ \t]*)-(?:[ \t]+(?P<item>.*))?$")
_NEWLINE = re.compile(r"\r\n|\n|\r")
_DOUBLE_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r",
                   "\0": "\\0", "\x85": "\\N", "\xa0": "\xa0", "\u2028": "\\L",
                   "\u2029": "\\P"}
_PRINTABLE = re.compile("[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
                        "\U00010000-\U0010ffff]")


# -- where things are in the text -----------------------------------------------------------


@dataclass
class _Entry:
    """One top-level key of the front matter: its lines ``[first, last]`` and its style."""

    key: str
    first: int
    last: int
    style: str
    """``plain``, ``double``, ``single``, ``flow`` (a ``[a, b]`` list), ``block`` (a list of
    ``- item`` lines) or ``other`` (block scalars, maps: rewritten double-quoted)."""
    item_style: str = "double"
    indent: str = "  "
    comment: str = ""
    """A comment after the value on the key line, kept when the value changes."""
    padded: bool = False
    """A flow list written ``[ a, b ]``."""


@dataclass
class _Note:
    bom: str
    newline: str
    lines: list[str] | None
    """The front matter's lines without their line ends (None: the note has none)."""
    ends: list[str]
    head: str
    """The text before the first front-matter line (the opening ``---``)."""
    tail: str
    """From the closing ``---`` line on: the delimiter and the whole body, as written."""
    body_offset: int
    """Where, in ``tail``, the text after the closing delimiter line starts."""


def _split(text: str) -> _Note:
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    rest = text[len(bom):]
    first_end = _NEWLINE.search(rest)
    newline = first_end.group() if first_end else "\n"
    opening = _OPENING.match(rest)
    closing = _CLOSING.search(rest, opening.end()) if opening else None
    if opening is None or closing is None:
        return _Note(bom, newline, None, [], "", rest, 0)
    inner = rest[opening.end():closing.start()]
    lines: list[str] = []
    ends: list[str] = []
    pos = 0
    for match in _NEWLINE.finditer(inner):
        lines.append(inner[pos:match.start()])
        ends.append(match.group())
        pos = match.end()
    if pos < len(inner):
        lines.append(inner[pos:])
        ends.append("")
    tail = rest[closing.start():]
    after = _NEWLINE.search(tail, closing.end() - closing.start())
    body_offset = after.end() if after and after.start() == closing.end() - closing.start() \
        else closing.end() - closing.start()
    return _Note(bom, newline, lines, ends, rest[:opening.end()], tail, body_offset)


def _key_name(raw: str) -> str:
    if raw.startswith('"'):
        loaded = yaml.load(f"{raw}: 0", Loader=_Loader)
        return str(next(iter(loaded))) if isinstance(loaded, dict) and loaded else raw
    if raw.startswith("'"):
        return raw[1:-1].replace("''", "'")
    return raw


def _trailing_comment(value: str, style: str) -> str:
    """`` # note`` after a one-line value (what is left after the value itself)."""
    if style == "double":
        match = re.match(r'"(?:[^"\\]|\\.)*"', value)
    elif style == "single":
        match = re.match(r"'(?:[^']|'')*'", value)
    elif style == "flow":
        return value[_flow_end(value):]
    else:
        match = re.match(r".*?(?=[ \t]+#|$)", value)
    return value[match.end():] if match else ""


def _flow_end(value: str) -> int:
    """Where the ``[...]`` that starts ``value`` ends (quotes and nesting followed)."""
    depth, quote, i = 0, "", 0
    while i < len(value):
        ch = value[i]
        if quote:
            if ch == "\\" and quote == '"':
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(value)


def _entries(lines: list[str]) -> dict[str, _Entry]:
    """The top-level keys and the lines each one spans (the last one wins, as in YAML)."""
    found: dict[str, _Entry] = {}
    i = 0
    while i < len(lines):
        match = _KEY_LINE.fullmatch(lines[i]) if lines[i][:1] not in (" ", "\t", "#") else None
        if match is None:
            i += 1
            continue
        value = match.group("value")
        last = i
        j = i + 1
        while j < len(lines):
            line = lines[j]
            if not line.strip():
                j += 1
                continue
            if line[:1] in (" ", "\t") or _LIST_ITEM.fullmatch(line):
                last = j
                j += 1
                continue
            break
        entry = _Entry(_key_name(match.group("key")), i, last, "other")
        if value.startswith("#"):
            stripped = ""
        elif value.startswith(("'", '"')):
            stripped = value
        else:
            stripped = value.split(" #")[0].strip()
        if not stripped:
            items = [_LIST_ITEM.fullmatch(lines[k]) for k in range(i + 1, last + 1)
                     if lines[k].strip() and not lines[k].lstrip().startswith("#")]
            if items and all(items):
                entry.style = "block"
                entry.indent = items[0].group("indent")  # type: ignore[union-attr]
                first_item = (items[0].group("item") or "")  # type: ignore[union-attr]
                entry.item_style = _scalar_style(first_item)
            elif last == i:
                entry.style = "plain"  # a list written into it takes Clipper's style
            entry.comment = f" {value}" if value else ""
        elif last == i:
            if stripped.startswith("["):
                entry.style = "flow"
                inner = stripped[1:].lstrip()
                entry.item_style = _scalar_style(inner)
                entry.padded = stripped.startswith("[ ")
            elif stripped[:1] in ("{", "|", ">", "&", "*", "!"):
                entry.style = "other"
            else:
                entry.style = _scalar_style(stripped)
            if entry.style != "other":
                entry.comment = _trailing_comment(value, entry.style)
        found[entry.key] = entry
        i = last + 1
    return found


def _scalar_style(text: str) -> str:
    if text.startswith('"'):
        return "double"
    if text.startswith("'"):
        return "single"
    return "plain"


# -- writing a value in a style -------------------------------------------------------------


def _double(value: str) -> str:
    out = []
    for ch in value:
        escaped = _DOUBLE_ESCAPES.get(ch)
        if escaped is not None:
            out.append(escaped)
        elif _PRINTABLE.fullmatch(ch) and ch != "\ufeff":
            out.append(ch)
        elif ord(ch) <= 0xFF:
            out.append(f"\\x{ord(ch):02x}")
        elif ord(ch) <= 0xFFFF:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    return '"' + "".join(out) + '"'


def _reads_back(yaml_text: str, expected: object) -> bool:
    try:
        return bool(yaml.load(yaml_text, Loader=_Loader) == {"k": expected})
    except yaml.YAMLError:
        return False


def _scalar(value: str, style: str, in_flow: bool = False) -> str:
    """``value`` written in ``style`` when that reads back as the same text, else quoted."""
    if style == "plain" and value and value == value.strip() and "\n" not in value:
        if in_flow:
            if _reads_back(f"k: [{value}]", [value]):
                return value
        elif _reads_back(f"k: {value}", value):
            return value
    if style == "single" and _PRINTABLE.sub("", value) == "" and value:
        quoted = "'" + value.replace("'", "''") + "'"
        if _reads_back(f"k: [{quoted}]" if in_flow else f"k: {quoted}",
                       [value] if in_flow else value):
            return quoted
    return _double(value)


def _value_lines(key_text: str, value: Any, entry: _Entry, newline: str) -> list[str]:
    """The lines for ``key: value`` in the entry's style."""
    if isinstance(value, (list, tuple)):
        items = [str(v) for v in value]
        if entry.style != "flow" and items:
            return [key_text + ":" + entry.comment] + [
                f"{entry.indent}- {_scalar(item, entry.item_style)}" for item in items]
        if entry.style != "flow":
            return [key_text + ": []" + entry.comment]
        style = entry.item_style if entry.style == "flow" else "plain"
        inner = ", ".join(_scalar(item, style, in_flow=True) for item in items)
        if entry.padded and inner:
            inner = f" {inner} "
        return [f"{key_text}: [{inner}]" + entry.comment]
    if value is None or value == "":
        if entry.style in ("double", "single"):
            return [f"{key_text}: {_scalar('', entry.style)}" + entry.comment]
        return [f"{key_text}:" + entry.comment]
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, (int, float)):
        text = repr(value)
    elif isinstance(value, str):
        style = entry.style if entry.style in ("plain", "double", "single") else "double"
        text = _scalar(value, style)
    else:
        dumped = yaml.safe_dump({"k": value}, allow_unicode=True, default_flow_style=True,
                                width=2**31 - 1).strip()
        text = dumped[dumped.index(":") + 1:].strip()
    return [f"{key_text}: {text}" + entry.comment]


# -- the edit -------------------------------------------------------------------------------


def _field(clip: Clip, key: str) -> Any:
    if key == "tags":
        return list(clip.tags)
    if key in KNOWN_KEYS:
        value = getattr(clip, key)
        return value if value else None
    return clip.extra.get(key)


def _changed_keys(old: Clip, new: Clip) -> list[str]:
    keys = [k for k in KNOWN_KEYS if _field(old, k) != _field(new, k)]
    keys += [k for k in new.extra if k not in KNOWN_KEYS and new.extra[k] != old.extra.get(k)]
    return keys


def _normalised_index(raw: str, index: int) -> int:
    """Where the ``index``-th character of ``raw`` with line ends made ``\\n`` is in ``raw``."""
    if "\r" not in raw:
        return index
    seen = pos = 0
    while seen < index and pos < len(raw):
        pos += 2 if raw.startswith("\r\n", pos) else 1
        seen += 1
    return pos


def _with_newlines(text: str, newline: str) -> str:
    return text.replace("\n", newline) if newline != "\n" else text


def _edit_body(body_raw: str, old_body: str, new_body: str, newline: str) -> str:
    """``body_raw`` (the text after the front matter, as written) with the change from
    ``old_body`` to ``new_body`` (both with ``\\n`` line ends) made in the middle only."""
    normal = _NEWLINE.sub("\n", body_raw)
    lead = len(normal) - len(old_body)
    if lead < 0 or not normal.endswith(old_body):  # not what parse_clip read: rewrite it
        return body_raw[:0] + _with_newlines(new_body, newline)
    prefix = 0
    limit = min(len(old_body), len(new_body))
    while prefix < limit and old_body[prefix] == new_body[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old_body[-1 - suffix] == new_body[-1 - suffix]:
        suffix += 1
    start = _normalised_index(body_raw, lead + prefix)
    end = _normalised_index(body_raw, len(normal) - suffix)
    inserted = _with_newlines(new_body[prefix:len(new_body) - suffix], newline)
    if not old_body and inserted and start > 0 and body_raw[start - 1] not in "\r\n":
        inserted = newline * 2 + inserted  # text after a heading that ended the file
    return body_raw[:start] + inserted + body_raw[end:]


_HEADING = re.compile(r"(?:\r\n|\n|\r)*# ([^\r\n]*)")


def _edit_heading(body_raw: str, title: str) -> str:
    """The ``# Title`` line that opens the body, naming ``title`` instead."""
    match = _HEADING.match(body_raw)
    assert match is not None
    return body_raw[:match.start(1)] + one_line(title) + body_raw[match.end(1):]


def _heading_is_title(body_raw: str, old: Clip) -> bool:
    """Whether parse_clip took the body's first ``# `` line as the title (and left it out)."""
    match = _HEADING.match(body_raw)
    if match is None:
        return False
    rest = _NEWLINE.sub("\n", body_raw[match.end():]).removeprefix("\n").lstrip("\n")
    return rest == old.body and one_line(match.group(1)) == one_line(old.title)


def edit_note(text: str, new: Clip, old: Clip | None = None) -> str:
    """``text`` with what ``new`` changes in it (``old``, the clip ``text`` reads as,
    defaults to ``parse_clip(text)``); the same text when nothing changed."""
    if old is None:
        old = parse_clip(text, new.path)
    keys = _changed_keys(old, new)
    if not keys and old.body == new.body:
        return text
    note = _split(text)
    tail, offset = note.tail, note.body_offset
    body_raw = tail[offset:]
    had_heading = _heading_is_title(body_raw, old)
    if new.body != old.body:
        body_raw = _edit_body(body_raw, old.body, new.body, note.newline)
    entries = _entries(note.lines) if note.lines is not None else {}
    if "title" in keys and had_heading:
        body_raw = _edit_heading(body_raw, new.title or "Untitled")
        if "title" not in entries:
            keys.remove("title")  # the heading is where this note keeps its title
    lines = list(note.lines) if note.lines is not None else []
    ends = list(note.ends)
    if keys and note.lines is not None and not _entries_cover(entries, keys, old):
        return _rewritten_front_matter(note, old, new, body_raw)
    added: list[str] = []
    # Replace from the bottom up, so the line numbers above stay right.
    for key in sorted((k for k in keys if k in entries), key=lambda k: -entries[k].first):
        entry = entries[key]
        key_text = _key_text(lines[entry.first])
        new_lines = _value_lines(key_text, _field(new, key), entry, note.newline)
        end = ends[entry.last]
        lines[entry.first:entry.last + 1] = new_lines
        ends[entry.first:entry.last + 1] = [note.newline] * (len(new_lines) - 1) + [end]
    for key in keys:
        if key in entries:
            continue
        value = _field(new, key)
        if value in (None, "", []):
            continue  # not there and still empty: nothing to add
        added.extend(_value_lines(key, value, _new_entry(key, entries), note.newline))
    if added:
        if ends and ends[-1] == "":
            ends[-1] = note.newline
        lines.extend(added)
        ends.extend([note.newline] * len(added))
    if note.lines is None:
        if not added:
            return note.bom + note.head + body_raw
        front = "".join(f"{line}{note.newline}" for line in added)
        return f"{note.bom}---{note.newline}{front}---{note.newline}{body_raw}"
    front = "".join(line + end for line, end in zip(lines, ends, strict=True))
    return note.bom + note.head + front + tail[:offset] + body_raw


def _key_text(line: str) -> str:
    match = _KEY_LINE.fullmatch(line)
    return match.group("key") if match else line.split(":", 1)[0]


def _new_entry(key: str, entries: dict[str, _Entry]) -> _Entry:
    """How a key the note lacks is written: like the note's other keys of its kind."""
    if key == "tags":
        lists = [e for e in entries.values() if e.style in ("block", "flow")]
        if lists:
            return _Entry(key, 0, 0, lists[0].style, lists[0].item_style, lists[0].indent)
        return _Entry(key, 0, 0, "block", "double")
    scalars = [e for e in entries.values() if e.style in ("plain", "double", "single")
               and e.key not in ("tags",)]
    style = scalars[0].style if scalars else "double"
    return _Entry(key, 0, 0, style, style)


def _entries_cover(entries: dict[str, _Entry], keys: list[str], old: Clip) -> bool:
    """Every changed key the note holds was found on its lines (else: rewrite it all)."""
    for key in keys:
        present = _field(old, key) is not None and _field(old, key) != []
        if (present or key in old.extra) and key not in entries:
            return False
    return True


def _rewritten_front_matter(note: _Note, old: Clip, new: Clip, body_raw: str) -> str:
    """The last resort for front matter this module cannot find its way in: all of it
    written anew (the body still kept as it was)."""
    from dataclasses import replace

    rendered = render_clip(replace(new, body=""))
    front = rendered[:rendered.index("\n---\n") + 5]
    return note.bom + _with_newlines(front, note.newline) + body_raw

"""Clip file names that every file system and every sync tool accepts.

Titles come from untrusted pages, so a title may try to be a path (``../../x``),
a Windows device (``CON``), a hidden file, or 400 emoji. The name is also what
Obsidian links to, so characters that break ``[[wiki links]]`` go as well.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from clipper.errors import LibraryError
from clipper.safetext import sanitize_line

MAX_STEM_BYTES = 200
"""UTF-8 bytes of a stem: ``stem (9999).assets`` still fits the usual 255-byte name limit."""
UNTITLED = "Untitled"

_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$"}
_WINDOWS_RESERVED |= {f"{dev}{n}" for dev in ("COM", "LPT") for n in "0123456789¹²³"}

_WHITESPACE = re.compile(r"\s+")
_COLON = re.compile(r"\s*:\s+|\s*:$")
_SEPARATORS = re.compile(r"\s*[/\\|]\s*")
# Illegal on Windows (* ? < > " :) or breaking Obsidian wiki links ([ ] # ^).
_DROP = str.maketrans({"*": " ", "?": " ", "<": " ", ">": " ", "#": " ", "^": " ",
                       '"': "'", ":": "-", "[": "(", "]": ")", "{": "(", "}": ")"})
# Characters that cannot end a name cut short: joiners, variation selectors, combining marks.
_DANGLING = re.compile("[\u200c\u200d\ufe00-\ufe0f\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f]+$")


def _is_reserved(stem: str) -> bool:
    # Windows ignores the extension and trailing spaces: "con.txt", "CON .md" are devices too.
    return stem.split(".", 1)[0].rstrip(" ").upper() in _WINDOWS_RESERVED


def _cut(text: str, max_bytes: int) -> str:
    """Cut to ``max_bytes`` of UTF-8 on a character (and, nearby, a word) boundary."""
    data = text.encode("utf-8")
    if len(data) <= max_bytes:
        return text
    cut = data[:max_bytes].decode("utf-8", "ignore")
    while cut and unicodedata.combining(cut[-1]):
        cut = cut[:-1]
    cut = _DANGLING.sub("", cut)
    space = cut.rfind(" ")
    if space >= len(cut) * 3 // 4:  # a word boundary close to the end reads better
        cut = cut[:space]
    return cut


def safe_filename(title: str, max_bytes: int = MAX_STEM_BYTES) -> str:
    """A file stem (no ``.md``) for ``title``: portable, never a path, never empty."""
    # Controls, escapes, surrogates, bidi overrides ("x\u202egpj.exe" shows as "xexe.jpg"):
    # the one sanitiser for page text.
    name = sanitize_line(unicodedata.normalize("NFC", title or ""))
    name = _COLON.sub(" - ", name)
    # Path separators join words ("AC/DC" -> "AC-DC"); "." and ".." parts are dropped.
    parts = [p for p in _SEPARATORS.split(name) if p.strip(" .")]
    name = "-".join(parts)
    name = name.translate(_DROP)
    name = _WHITESPACE.sub(" ", name)
    name = name.lstrip(" .-").rstrip(" .")
    name = _cut(name, max_bytes).rstrip(" .")
    if not name:
        return UNTITLED
    if _is_reserved(name):
        head, dot, rest = name.partition(".")
        name = f"{head.rstrip(' ')}_{dot}{rest}"
    return name


def candidate_stems(stem: str) -> Iterator[str]:
    """``stem``, ``stem (2)``, ``stem (3)``... for the first free name."""
    yield stem
    n = 2
    while True:
        yield f"{stem} ({n})"
        n += 1


def assets_dir_for(clip_path: Path) -> Path:
    """``Name.md`` keeps its downloaded images in ``Name.assets/``."""
    return clip_path.with_name(clip_path.stem + ".assets")


def check_inside(path: Path, library: Path) -> Path:
    """Refuse any path that resolves outside the library (symlinks included)."""
    root = library.resolve()
    resolved = path.resolve()
    if resolved != root and not resolved.is_relative_to(root):
        raise LibraryError(f"Refusing to write outside the library: {path}")
    return path

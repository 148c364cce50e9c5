"""Text as Markdown: what to backslash-escape, and nothing more.

Over-escaping shows backslashes in every renderer that a clip meets, and
under-escaping turns a page's ``<b>`` or ``[1]`` written as text into markup; the
rules here escape a character only where CommonMark, Obsidian or Qt would read it
as syntax in that position.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

__all__ = ["BACKTICKS", "DOLLAR", "clean_text", "code_span", "destination", "escape",
           "escape_line_start", "is_punct", "is_word"]

DOLLAR = "\ue024"  # a text "$", escaped or not once the whole paragraph is known
_ESCAPE_TRIGGER = re.compile(r"[\\`*_\[\]<&~$|#%]")
_BACKSLASH = re.compile(r"\\(?=[!-/:-@\[-`{-~]|$)")
_STAR = re.compile(r"\*(?=\S)|(?<=\S)\*")
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
_OPEN_BRACKET = re.compile(r"\[(?=[\[^])")
_CLOSE_BRACKET = re.compile(r"\](?=[(\[:])")
_ANGLE = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_HASHTAG = re.compile(r"(?<![^\s(])#(?=[^\W\d_])")
BACKTICKS = re.compile(r"`+")
_TEX_DELIMITED = re.compile(r"(\\\(.+?\\\)|\\\[.+?\\\])")
_ORDERED_START = re.compile(r"(\d{1,9})([.)])(?=\s|$)")
_THEMATIC = re.compile(r"([-*_])(?:\s*\1){2,}\s*$")


def is_punct(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PS"


def is_word(ch: str) -> bool:
    return not ch.isspace() and not is_punct(ch)


_OTHER_SPACES = ("\t", "\n", "\r", "\f", "\v", "\u00a0", "\u202f", "\u2007")
_ZERO_WIDTH_CHARS = ("\u200b", "\u2060", "\ufeff", "\u00ad")
_SPACE_RUN = re.compile(" {2,}")


def clean_text(text: str) -> str:
    """Zero-width characters out; runs of spaces, tabs, newlines and no-break spaces as one
    space.

    Written as ``in`` tests and ``replace`` (C scans that find nothing on most text)
    rather than a regex substitution per text node: it runs on every text node of the
    page, so on very large pages it was a large share of the time (bench/extraction).
    """
    if not text.isascii():
        # One spelling per character: "ü" typed on a Mac (u + combining diaeresis) must
        # match "ü" searched for in the clip.
        text = unicodedata.normalize("NFC", text)
        for ch in _ZERO_WIDTH_CHARS:
            if ch in text:
                text = text.replace(ch, "")
    for ch in _OTHER_SPACES:
        if ch in text:
            text = text.replace(ch, " ")
    return _SPACE_RUN.sub(" ", text) if "  " in text else text


def escape(text: str, in_link: bool, in_table: bool) -> str:
    """Backslash-escape what would otherwise become Markdown, and nothing else."""
    if not _ESCAPE_TRIGGER.search(text):
        return text
    if "\\" in text and _TEX_DELIMITED.search(text):
        # \(...\) and \[...\] are TeX for MathJax-aware renderers: leave them as written.
        pieces = _TEX_DELIMITED.split(text)
        return "".join(p if i % 2 else escape(p, in_link, in_table) for i, p in enumerate(pieces))
    text = _BACKSLASH.sub(r"\\\\", text)
    text = text.replace("`", "\\`")
    text = _STAR.sub(r"\\*", text)
    text = _UNDERSCORE.sub(r"\\_", text)
    if in_link:
        text = text.replace("[", "\\[").replace("]", "\\]")
    else:
        text = _OPEN_BRACKET.sub(r"\\[", text)
        text = _CLOSE_BRACKET.sub(r"\\]", text)
    text = _ANGLE.sub(r"\\<", text)
    text = _ENTITY.sub(r"\\&", text)
    if text.count("~") >= 2:
        text = text.replace("~", "\\~")
    text = _HASHTAG.sub(r"\\#", text)
    text = text.replace("%%", "%\\%").replace("$", DOLLAR)
    if in_table:
        text = text.replace("|", "\\|")
    return text


def escape_line_start(line: str) -> str:
    """Escape a line start that a renderer would read as a block marker."""
    c = line[:1]
    if not c or c not in "#>+-*=_`~0123456789":
        return line
    if c == ">":
        return "\\" + line
    if c == "#":
        return "\\" + line if re.match(r"#{1,6}(?:\s|$)", line) else line
    if c in "+-*" and (len(line) == 1 or line[1] in " \t"):
        return "\\" + line
    if c in "-*_" and _THEMATIC.match(line):
        return "\\" + line
    if c in "=-" and re.fullmatch(r"(=+|-+)\s*", line):
        return "\\" + line
    if c in "`~" and line.startswith(("```", "~~~")):
        return "\\" + line
    if c.isdigit():
        m = _ORDERED_START.match(line)
        if m:
            return line[:m.end(1)] + "\\" + line[m.end(1):]
    return line


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def destination(url: str) -> str:
    """A URL safe inside ``(...)`` everywhere, table cells included.

    Non-ASCII characters are percent-encoded (UTF-8), as a browser sends them: the
    clip's image fetcher and every Markdown renderer then read the same URL.
    """
    if not url.isascii():
        url = _NON_ASCII.sub(lambda m: quote(m.group(0), safe=""), url)
    return (url.replace("\\", "%5C").replace(" ", "%20").replace("(", "%28").replace(")", "%29")
            .replace("<", "%3C").replace(">", "%3E").replace("|", "%7C").replace("\n", ""))


def code_span(text: str) -> str:
    longest = max((len(m) for m in BACKTICKS.findall(text)), default=0)
    fence = "`" * (longest + 1)
    if text.startswith("`") or text.endswith("`") or (text.startswith(" ") and text.endswith(" ")):
        text = f" {text} "
    return f"{fence}{text}{fence}"


"""The one sanitiser for text that came from a page (or a file someone else wrote).

A page controls its title, byline, JSON-LD and addresses, and so the bytes that end
up in a file name, a ``# heading``, front matter, an attribute or a terminal. What
must never get there: control characters (a NUL makes git and grep call a clip
binary; ESC, BEL and the C1 range drive a terminal: clear the screen, set its title),
lone surrogates (no encoder accepts them: a save failed on one), non-characters, and
bidi embeddings, overrides and isolates (``x\u202egpj.exe`` shows as ``xexe.jpg``).
Every sink calls one of the two functions here, so there is one list to keep right.
"""

from __future__ import annotations

import re

__all__ = ["sanitize", "sanitize_line"]

# A whole escape sequence goes, not only its ESC: "ESC[2J" must not leave "[2J" behind.
# CSI (ESC [ or C1 0x9b): parameters, intermediates, one final byte. OSC, DCS, SOS, PM
# and APC strings up to their terminator, when it comes within a bounded distance (an
# unterminated one loses only its introducer: the control pass below removes that).
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]{0,64}[ -/]{0,8}[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]{0,512}(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[ -/]{0,8}[0-~]?"
)
# C0 and C1 controls and DEL; lone surrogates; U+FFFE/U+FFFF; bidi embeddings, overrides
# and isolates (U+202A-E, U+2066-9). Marks (LRM, RLM) are kept: they reorder nothing.
_UNSAFE_BLOCK = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069]+"
)
_UNSAFE_ASCII = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_OTHER_BREAKS = re.compile("[\r\u2028\u2029]")
_LINE_BREAKS = re.compile("\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# On one line, invisible format characters go too: a zero-width space or a BOM inside a
# title makes two names that look the same differ.
_UNSAFE_LINE = re.compile(
    "[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069"
    "\u200b\u2060\ufeff\u00ad]+"
)
_SPACES = re.compile(r"\s+")
_ESCAPE_START = re.compile("[\x1b\x90\x98\x9b\x9d-\x9f]")


def _escapes_out(text: str) -> str:
    return _ESCAPES.sub("", text) if _ESCAPE_START.search(text) else text


def sanitize(text: str) -> str:
    """Text of several lines, made safe: line breaks (as ``\\n``) and tabs kept.

    For a clip body and for what the CLI prints. Clean text costs one scan in C.
    """
    if text.isascii():
        if not _UNSAFE_ASCII.search(text):  # a narrower class scans ASCII four times faster
            return text
    elif not _UNSAFE_BLOCK.search(text) and not _OTHER_BREAKS.search(text):
        return text
    return _UNSAFE_BLOCK.sub("", _escapes_out(_LINE_BREAKS.sub("\n", text)))


def sanitize_line(text: str) -> str:
    """One line of text made safe: a title, a name, a front matter value, an attribute.

    Line breaks and tabs become spaces, runs of white space one space, ends trimmed.
    """
    if text.isprintable() and "  " not in text and text.strip(" ") == text:
        return text  # nothing unsafe is printable (all are categories Cc, Cf, Cs or Cn)
    text = _UNSAFE_LINE.sub("", _escapes_out(_SPACES.sub(" ", text)))
    return _SPACES.sub(" ", text).strip()

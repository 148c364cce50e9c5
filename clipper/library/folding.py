"""Search that takes ``ß`` for ``ss`` and ``ﬁ`` for ``fi``: the case-folding pairs FTS5 misses.

SQLite's unicode61 tokenizer folds case one character at a time, so it can never make
``heiß`` (4 letters) the same word as ``heiss`` (5): a German searching "heiss", or a
page set with ligatures ("ﬁnancial"), found nothing. Python's ``str.casefold`` knows these
pairs. The query is folded with it, and so is the text given to the index, but the index
also keeps the text that snippets are cut from, and must give back ``Straße``, not
``Strasse``. So each such character is written as its folded letters preceded by a short
run of combining marks that unicode61 drops from a word (``remove_diacritics 2``): the
tokenizer sees ``strasse``, and ``unfold`` reads the marks to put the ``ß`` back.

``FOLDED`` lists the characters whose folding unicode61 gets wrong (checked against
SQLite's tables when this was written: the ``ß`` and ligature expansions, Greek letters
with iota subscript, ``ŉ``, ``ẞ``, Cherokee small letters). Their order is part of the
index format: changing it needs a new ``SCHEMA_VERSION``.
"""

from __future__ import annotations

import re

_RANGES = ((0xDF, 0xDF), (0x149, 0x149), (0x587, 0x587), (0x13F8, 0x13FD), (0x1C80, 0x1C88),
           (0x1E9A, 0x1E9A), (0x1E9E, 0x1E9E), (0x1F80, 0x1FAF), (0x1FB2, 0x1FB4),
           (0x1FBC, 0x1FBC), (0x1FC2, 0x1FC4), (0x1FCC, 0x1FCC), (0x1FF2, 0x1FF4),
           (0x1FFC, 0x1FFC), (0xAB70, 0xABBF), (0xFB00, 0xFB06), (0xFB13, 0xFB17))
FOLDED = "".join(chr(c) for first, last in _RANGES for c in range(first, last + 1))
_INDEX = {ch: i for i, ch in enumerate(FOLDED)}
_FOLDED_CHAR = re.compile("[" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in _RANGES) + "]")

OPEN = "\u0331\u030f"
"""Starts an encoded character: two marks unicode61 drops, rare together in any text."""
_DIGITS = ("\u0300\u0301\u0302\u0303\u0304\u0306\u0307\u0308\u0309\u030a\u030b\u030c"
           "\u0311\u031b\u0323\u0324\u0325\u0326\u0327\u0328")
"""Twenty more marks unicode61 drops: two of them say which character of ``FOLDED``."""
_BASE = len(_DIGITS)
PREFIX = re.compile(f"{OPEN}[{_DIGITS}][{_DIGITS}]")
"""The marks before an encoded character's letters (a snippet's match mark may follow them:
SQLite starts a word after its leading marks)."""
_VALUE = {d: i for i, d in enumerate(_DIGITS)}
assert len(FOLDED) <= _BASE * _BASE


def _encode(match: re.Match[str]) -> str:
    i = _INDEX[match.group()]
    return OPEN + _DIGITS[i // _BASE] + _DIGITS[i % _BASE] + match.group().casefold()


def fold_for_index(text: str) -> str:
    """``text`` with each character of ``FOLDED`` as its folded letters (``unfold`` undoes it)."""
    if _FOLDED_CHAR.search(text) is None:
        return text
    return _FOLDED_CHAR.sub(_encode, text)


def fold_query(text: str) -> str:
    """A search word as the index holds it: ``heiß`` -> ``heiss``, ``ﬁnd`` -> ``find``."""
    if _FOLDED_CHAR.search(text) is None:
        return text
    return _FOLDED_CHAR.sub(lambda m: m.group().casefold(), text)


def unfold(text: str) -> str:
    """The original text back from ``fold_for_index``'s."""
    start = text.find(OPEN)
    if start == -1:
        return text
    out: list[str] = []
    done = 0
    while start != -1:
        digits = text[start + 2:start + 4]
        if len(digits) == 2 and digits[0] in _VALUE and digits[1] in _VALUE:
            index = _VALUE[digits[0]] * _BASE + _VALUE[digits[1]]
            if index < len(FOLDED):
                original = FOLDED[index]
                folded = original.casefold()
                end = start + 4 + len(folded)
                if text[start + 4:end] == folded:
                    out += (text[done:start], original)
                    done = end
                    start = text.find(OPEN, end)
                    continue
        start = text.find(OPEN, start + 1)
    out.append(text[done:])
    return "".join(out)


_EXPANSIONS: dict[str, list[str]] = {}
for _char in FOLDED:
    _EXPANSIONS.setdefault(_char.casefold(), []).append(_char)
_EXPANDED = re.compile("|".join(sorted(map(re.escape, _EXPANSIONS), key=len, reverse=True)))


def folded_regex(word: str) -> str:
    """``re.escape(word)`` that also finds, in the text as written, the characters the
    index folded into it: a query's ``ss`` finds ``ß``, its ``fi`` finds ``ﬁ`` (for
    snippets and highlights, as the index has no copy of the text to unfold)."""
    if _EXPANDED.search(word) is None:
        return re.escape(word)
    out: list[str] = []
    pos = 0
    for match in _EXPANDED.finditer(word):
        choices = [match.group(), *_EXPANSIONS[match.group()]]
        out += (re.escape(word[pos:match.start()]),
                "(?:" + "|".join(map(re.escape, choices)) + ")")
        pos = match.end()
    out.append(re.escape(word[pos:]))
    return "".join(out)

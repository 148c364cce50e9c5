"""Recognising an article already in the library: by its URL, or by its text.

The text fingerprint is a bottom-k MinHash sketch: the 64 smallest hashes of the
article's overlapping 3-word shingles. Two sketches estimate the Jaccard
similarity of the two shingle sets, so a fixed typo, a changed caption or an
added "Update:" paragraph still match (similarity stays near 1), while two
articles from one site share almost no shingles. Unlike a single simhash value,
sketches can be looked up in SQL by shared hashes, which keeps the check fast in
a large library. Only the first ``MAX_WORDS`` words count, which bounds the
cost and still catches a story syndicated with a different ending.

Pure functions of text: looking clips up by fingerprint is the index's
(``LibraryIndex.duplicate_of``), or a scan of the files without one (``scan``).
"""

from __future__ import annotations

import heapq
import zlib
from collections.abc import Sequence

from clipper.library.text import plain_text

SKETCH_SIZE = 64
SHINGLE_WORDS = 3
MIN_WORDS = 30
"""Shorter bodies (a paywall stub, a caption) get no fingerprint: too little to tell apart."""
MAX_WORDS = 4000
SIMILAR = 0.5
"""Estimated Jaccard similarity from which two texts count as the same article."""

# Words for shingles, made in bulk on UTF-8 bytes (a \w+ regex was a large share of the
# fingerprint's time; bench/library/README.md): ASCII letters lower-cased, ASCII
# punctuation a space, and the usual typographic punctuation and spaces too, so "don’t"
# and "don't" or «a» and "a" read the same. Other non-ASCII characters count as letters
# (and keep their case: lower-casing a whole text is a noticeable share of the cost).
_WORD_BYTES = bytes((c | 0x20 if 0x41 <= c <= 0x5A else c)
                    if c >= 0x80 or chr(c).isalnum() or c == 0x5F else 0x20 for c in range(256))
_PUNCTUATION = ("\u00a0\u00ab\u00bb\u00b7\u2010\u2011\u2012\u2013\u2014\u2015\u2018\u2019"
                "\u201a\u201c\u201d\u201e\u2022\u2026\u2032\u2033\u2039\u203a\u2009\u200a"
                "\u200b\u202f\u2060\u3000\u3001\u3002\ufeff")


def words_of(text: str) -> list[bytes]:
    """The words of ``text`` as UTF-8 bytes, for hashing."""
    if not text.isascii():
        for mark in _PUNCTUATION:
            if mark in text:
                text = text.replace(mark, " ")
    return text.encode("utf-8", "surrogatepass").translate(_WORD_BYTES).split()


def fingerprint_of_text(text: str) -> str | None:
    """Fingerprint of already-plain text (see ``fingerprint``)."""
    sketch = sketch_of_text(text)
    return " ".join(map(str, sketch)) if sketch else None


def sketch_of_text(text: str) -> list[int]:
    """``sketch_of(fingerprint_of_text(text))`` without the text in between (the index
    stores the numbers)."""
    words = words_of(text)[:MAX_WORDS]
    if len(words) < MIN_WORDS:
        return []
    # crc32 of each word, then CPython's tuple hash of each 3-word window: deterministic
    # for ints (unlike str hashes) and fast; the index records the interpreter it was
    # built with and rebuilds if that changes.
    hashes = list(map(zlib.crc32, words))
    shingles = list(map(hash, zip(hashes, hashes[1:], hashes[2:], strict=False)))
    # The smallest distinct values from a heap (made in C): sorting them all, or
    # heapq.nsmallest (a Python loop), cost a large share of the fingerprint's time.
    heapq.heapify(shingles)
    sketch: list[int] = []
    while shingles and len(sketch) < SKETCH_SIZE:
        value = heapq.heappop(shingles)
        if not sketch or value != sketch[-1]:
            sketch.append(value)
    return sketch


def fingerprint(markdown: str) -> str | None:
    """A text fingerprint of a clip body, or None when the body is too short to judge."""
    return fingerprint_of_text(plain_text(markdown))


def sketch_of(fp: str | None) -> list[int]:
    if not fp:
        return []
    try:
        return sorted(int(part) for part in fp.split())
    except ValueError:
        return []


def similarity(a: Sequence[int] | str | None, b: Sequence[int] | str | None) -> float:
    """Estimated Jaccard similarity of the texts behind two sketches (0..1)."""
    sa = set(sketch_of(a) if isinstance(a, str) or a is None else a)
    sb = set(sketch_of(b) if isinstance(b, str) or b is None else b)
    if not sa or not sb:
        return 0.0
    union = heapq.nsmallest(SKETCH_SIZE, sa | sb)
    both = sa & sb
    return sum(1 for h in union if h in both) / len(union)


def is_similar(a: Sequence[int] | str | None, b: Sequence[int] | str | None) -> bool:
    return similarity(a, b) >= SIMILAR

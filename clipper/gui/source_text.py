"""The page source as the raw view shows it: which lines' text reached the article, and a
pretty-printed form of a minified page. No Qt: runs in a worker, tested on its own.

The extractor's line ranges say which part of the page its article came from, and so
they tint the lines of a whole container: headers and logo lines inside it too, while the
text of a page whose markup confuses line numbers (a script-built or minified page) went
untinted ("1 of 9,222 lines kept" with 14 kept text lines). So a line is tinted when text
on it is in the article: its words found there whole, as a phrase long enough to say
something, or a short one inside the extractor's ranges. Lines with only tags, and text in
scripts, styles and attribute values, never are.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence

_TOKEN = re.compile(
    r"""(?P<comment><!--.*?(?:-->|\Z))
      | (?P<doctype><![^>]*>?)
      | (?P<pi><\?.*?(?:>|\Z))
      | (?P<tag></?(?P<name>[A-Za-z][^\s/>]*)(?:[^>"']|"[^"]*"|'[^']*')*>?)
    """,
    re.DOTALL | re.VERBOSE,
)
_RAW = {"script": re.compile(r"</script", re.I), "style": re.compile(r"</style", re.I),
        "textarea": re.compile(r"</textarea", re.I), "noscript": re.compile(r"</noscript", re.I)}
_HIDDEN_CONTENT = ("script", "style", "noscript", "template")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
MIN_PHRASE_CHARS = 16
"""A piece of text this long (or of three words) found in the article is the article's,
wherever it is on the page; shorter ones ("Home", "Share") only inside the kept ranges."""
MIN_PHRASE_WORDS = 3


def _pieces(source: str) -> Iterator[tuple[int, int, str | None]]:
    """(start, end, tag name) for each tag ("!" for comments and the doctype), (start, end,
    None) for the text between tags, and (start, end, "#raw") for the text inside a
    script, style and the like, which is no visible text; in order."""
    pos = 0
    while True:
        # searched from where the last piece ended: a "<!--" inside a skipped script must
        # not swallow the rest of the page
        match = _TOKEN.search(source, pos)
        if match is None:
            break
        if match.start() > pos:
            yield pos, match.start(), None
        name = (match.group("name") or "").lower()
        yield match.start(), match.end(), name if match.group("tag") else "!"
        pos = max(match.end(), match.start() + 1)
        if name in _RAW and not match.group().startswith("</") \
                and not match.group().endswith("/>"):
            end = _RAW[name].search(source, pos)
            skipped_to = end.start() if end else len(source)
            if skipped_to > pos:
                yield pos, skipped_to, "#raw"
            pos = skipped_to
    if pos < len(source):
        yield pos, len(source), None


def text_by_line(source: str) -> list[list[str]]:
    """The visible text on each line (``\\n`` separated), as pieces between tags, entities
    decoded and spaces made one."""
    starts = [0, *(m.end() for m in re.finditer("\n", source))]
    lines: list[list[str]] = [[] for _ in starts]
    line = 0
    for start, end, tag in _pieces(source):
        if tag is not None:
            continue
        while line + 1 < len(starts) and starts[line + 1] <= start:
            line += 1
        pos, current = start, line
        while pos < end:
            line_end = starts[current + 1] if current + 1 < len(starts) else len(source)
            piece = _SPACE.sub(" ", html.unescape(source[pos:min(end, line_end)])).strip()
            if piece:
                lines[current].append(piece)
            if line_end >= end:
                break
            pos, current = line_end, current + 1
    return lines


def normalised(text: str) -> str:
    """Text compared with the article: entities decoded, spaces made one."""
    return _SPACE.sub(" ", html.unescape(text)).strip()


def _found(piece: str, article: str, words: set[str]) -> bool:
    """``piece`` is in ``article`` as whole words (not "Home" inside "Homeland")."""
    first = _WORD.search(piece)
    if first is None or first.group() not in words:
        return False
    start = article.find(piece)
    while start >= 0:
        before = article[start - 1] if start else " "
        end = start + len(piece)
        after = article[end] if end < len(article) else " "
        if not (before.isalnum() and piece[0].isalnum()) \
                and not (after.isalnum() and piece[-1].isalnum()):
            return True
        start = article.find(piece, start + 1)
    return False


def kept_lines(source: str, article_text: str, hint: Sequence[tuple[int, int]] = (),
               images: Sequence[str] = ()) -> list[tuple[int, int]]:
    """1-based inclusive ranges of the lines of ``source`` whose text is in the article,
    and those of the ``<img>`` tags of its ``images`` (their addresses, as written or made
    absolute: the path is compared).

    ``hint``: the extractor's ranges, where short pieces of text count too.
    """
    article = normalised(article_text)
    words = set(_WORD.findall(article))
    inside = sorted(hint)
    paths = {p for url in images if len(p := _image_path(url)) > 4}
    source_lines = source.split("\n")
    kept: list[int] = []
    for number, pieces in enumerate(text_by_line(source), start=1):
        line = source_lines[number - 1] if number <= len(source_lines) else ""
        if paths and "<img" in line.lower() and any(p in line for p in paths):
            kept.append(number)
            continue
        in_hint = any(a <= number <= b for a, b in inside)
        for piece in pieces:
            long_enough = len(piece) >= MIN_PHRASE_CHARS or \
                len(_WORD.findall(piece)) >= MIN_PHRASE_WORDS
            if (long_enough or in_hint) and _found(piece, article, words):
                kept.append(number)
                break
    return _ranges(kept)


def _image_path(url: str) -> str:
    """What a page's ``src`` and the article's absolute address share: the path's end."""
    path = url.split("#", 1)[0]
    return path.rsplit("/", 1)[-1] if "/" in path else path


def _ranges(numbers: list[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for n in numbers:
        if out and out[-1][1] == n - 1:
            out[-1] = (out[-1][0], n)
        else:
            out.append((n, n))
    return out


# -- pretty printing ------------------------------------------------------------------------

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
         "source", "track", "wbr", "!doctype"}
_INLINE = {"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "em", "i",
           "img", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup",
           "time", "u", "var", "wbr", "del", "ins", "label"}
INDENT = "  "


def looks_minified(source: str) -> bool:
    """Few, very long lines: side by side with the article, such a source shows nothing."""
    lines = source.count("\n") + 1
    return len(source) > 2000 and len(source) / lines > 400


def pretty_html(source: str) -> str:
    """One block element a line, indented by nesting; inline elements stay in their line
    with the text; scripts and styles keep their own lines. For reading, not parsing."""
    out: list[str] = []
    line: list[str] = []
    depth = 0

    def flush() -> None:
        text = "".join(line).strip()
        if text:
            out.append(INDENT * depth + _SPACE.sub(" ", text))
        line.clear()

    for start, end, tag in _pieces(source):
        piece = source[start:end]
        if tag == "#raw":  # a script's or style's own text, on its own lines
            flush()
            out.extend(INDENT * depth + raw.strip() for raw in piece.splitlines()
                       if raw.strip())
            continue
        if tag is None:
            line.append(piece)
            continue
        closing = piece.startswith("</")
        if tag in _INLINE:
            line.append(piece)
            continue
        flush()
        if closing:
            depth = max(0, depth - 1)
            out.append(INDENT * depth + piece)
        else:
            out.append(INDENT * depth + piece)
            if tag not in _VOID and tag != "!" and not piece.endswith("/>"):
                depth += 1
    flush()
    return "\n".join(out) + "\n"

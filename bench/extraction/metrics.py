"""Scoring functions for the extraction benchmark (pure Python + lxml + markdown-it-py).

Copied from the project's shared scoring harness (``shared/bench/extraction_metrics.py``),
itself a re-implementation of the scrapinghub article-extraction-benchmark metric
(``evaluate.py``), so Clipper's numbers stay comparable with the anchors' and with
the published table. Keep the two in step when the shared one changes.

Text metric
-----------
Re-implementation of the metric of the scrapinghub article-extraction-benchmark
(its ``evaluate.py``), written from its description so that our numbers are
comparable with the published table:

* tokens are ``\\w+`` runs (Unicode, case kept);
* a text becomes the multiset of its 4-token shingles (a text with 1-3 tokens is
  one shorter shingle; an empty text has none);
* per page, TP = multiset intersection, FP = predicted-only, FN = reference-only,
  and the three counts are divided by their sum so every page weighs the same;
* precision per page is TP/(TP+FP) (1 when FP = FN = 0), averaged over pages
  with TP+FP > 0 -- so an empty prediction does NOT lower precision, only recall;
* recall per page is TP/(TP+FN) (1 when FP = FN = 0), averaged over pages with
  TP+FN > 0;
* F1 = 2PR/(P+R) of those two means (not a mean of per-page F1s);
* accuracy = share of pages whose token sequence equals the reference exactly.

Snippet metric (trafeval)
-------------------------
Re-implementation of the metric of trafilatura's own evaluation, written from
its description: every page carries a few hand-picked 'with' snippets (must be
in the output) and 'without' snippets (boilerplate, must not be).  Output and
snippets are whitespace-normalised (runs of ``\\s`` become one space) and a
snippet counts as present when it is a case-sensitive substring of the output.
A 'with' snippet present is a TP, absent a FN; a 'without' snippet present is a
FP, absent a TN.  Counts are pooled over all snippets of all pages (not averaged
per page): P = TP/(TP+FP), R = TP/(TP+FN), F1 = 2TP/(2TP+FP+FN),
accuracy = (TP+TN)/all snippets.  A crash or an empty output finds nothing.

Markdown → text
---------------
Markdown output is rendered to HTML with markdown-it-py (CommonMark preset plus
GFM tables; raw HTML passes through and is then stripped like any markup), and
the visible text of that HTML is what gets scored.  The same function
:func:`visible_text` is used on reference HTML (Readability's expected.html).
"""

from __future__ import annotations

import random
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence

import lxml.etree
import lxml.html

# --------------------------------------------------------------------------- #
# Shingle metric
# --------------------------------------------------------------------------- #

TOKEN_RE = re.compile(r"\w+")
SHINGLE_N = 4


def tokenize(text: str | None) -> list[str]:
    """Word tokens as in the scrapinghub metric (``\\w+``, case-sensitive)."""
    return TOKEN_RE.findall(text or "")


def shingles(text: str | None, n: int = SHINGLE_N) -> Counter:
    """Multiset of n-token shingles; short texts give one shorter shingle."""
    tokens = tokenize(text)
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def page_counts(reference: str | None, predicted: str | None,
                n: int = SHINGLE_N) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) of one page; all zero when both texts are empty."""
    ref, pred = shingles(reference, n), shingles(predicted, n)
    tp = sum((ref & pred).values())
    fp = sum((pred - ref).values())
    fn = sum((ref - pred).values())
    total = tp + fp + fn
    if not total:
        return (0.0, 0.0, 0.0)
    return (tp / total, fp / total, fn / total)


def page_precision(tp: float, fp: float, fn: float) -> float:
    if fp == 0 and fn == 0:
        return 1.0
    if tp == 0 and fp == 0:
        return 0.0
    return tp / (tp + fp)


def page_recall(tp: float, fp: float, fn: float) -> float:
    if fp == 0 and fn == 0:
        return 1.0
    if tp == 0 and fn == 0:
        return 0.0
    return tp / (tp + fn)


def page_f1(tp: float, fp: float, fn: float) -> float:
    """Per-page F1 (for diagnostics only; the headline F1 is from the means)."""
    p, r = page_precision(tp, fp, fn), page_recall(tp, fp, fn)
    return 2 * p * r / (p + r) if p + r else 0.0


def exact_tokens(reference: str | None, predicted: str | None) -> float:
    return float(tokenize(reference) == tokenize(predicted))


def aggregate(counts: Sequence[tuple[float, float, float]]) -> dict[str, float]:
    """Precision / recall means over eligible pages and F1 of the means."""
    precisions = [page_precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [page_recall(*c) for c in counts if c[0] + c[2] > 0]
    p = statistics.fmean(precisions) if precisions else 0.0
    r = statistics.fmean(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"f1": f1, "precision": p, "recall": r}


def score_pages(counts: Sequence[tuple[float, float, float]],
                accuracies: Sequence[float],
                n_bootstrap: int = 0, seed: int = 0) -> dict[str, float]:
    """Headline metrics, with bootstrap standard deviations when asked."""
    result = aggregate(counts)
    result["accuracy"] = statistics.fmean(accuracies) if accuracies else 0.0
    if n_bootstrap > 1 and counts:
        rng = random.Random(seed)
        samples: dict[str, list[float]] = {k: [] for k in result}
        n = len(counts)
        for _ in range(n_bootstrap):
            idx = [rng.randrange(n) for _ in range(n)]
            b = aggregate([counts[i] for i in idx])
            b["accuracy"] = statistics.fmean(accuracies[i] for i in idx)
            for key, value in b.items():
                samples[key].append(value)
        for key, values in samples.items():
            result[f"{key}_std"] = statistics.stdev(values)
    return result


# --------------------------------------------------------------------------- #
# Snippet metric (trafilatura's evaluation set)
# --------------------------------------------------------------------------- #

_SPACE_RE = re.compile(r"\s+")


def norm_ws(text: str | None) -> str:
    """Runs of whitespace (Unicode ``\\s``) become one space; ends stripped."""
    return _SPACE_RE.sub(" ", text or "").strip()


def snippet_hits(snippets: Sequence[str], text: str | None) -> list[bool]:
    """For each snippet, whether it occurs in text (both whitespace-normalised)."""
    haystack = norm_ws(text)
    return [norm_ws(s) in haystack for s in snippets]


def snippet_counts(with_: Sequence[str], without: Sequence[str],
                   text: str | None) -> tuple[int, int, int, int]:
    """(tp, fp, fn, tn) of one page: 'with' found = tp, 'without' found = fp."""
    tp, fp = sum(snippet_hits(with_, text)), sum(snippet_hits(without, text))
    return tp, fp, len(with_) - tp, len(without) - fp


def snippet_aggregate(counts: Sequence[tuple[int, int, int, int]]) -> dict[str, float]:
    """P / R / F1 / accuracy of the pooled counts (0.0 for an empty denominator)."""
    tp, fp, fn, tn = (sum(c[i] for c in counts) for i in range(4))
    total = tp + fp + fn + tn
    return {
        "f1": 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0,
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "accuracy": (tp + tn) / total if total else 0.0,
    }


def snippet_scores(counts: Sequence[tuple[int, int, int, int]],
                   n_bootstrap: int = 0, seed: int = 0) -> dict[str, float]:
    """Headline snippet metrics and totals; bootstrap std over pages when asked."""
    result: dict[str, float] = snippet_aggregate(counts)
    if n_bootstrap > 1 and counts:
        rng = random.Random(seed)
        samples: dict[str, list[float]] = {k: [] for k in result}
        n = len(counts)
        for _ in range(n_bootstrap):
            b = snippet_aggregate([counts[rng.randrange(n)] for _ in range(n)])
            for key, value in b.items():
                samples[key].append(value)
        for key, values in samples.items():
            result[f"{key}_std"] = statistics.stdev(values)
    for i, key in enumerate(("tp", "fp", "fn", "tn")):
        result[key] = sum(c[i] for c in counts)
    result["snippets_with"] = result["tp"] + result["fn"]
    result["snippets_without"] = result["fp"] + result["tn"]
    return result


# --------------------------------------------------------------------------- #
# HTML / Markdown → visible text
# --------------------------------------------------------------------------- #

# Elements whose content is never visible text.
SKIP_TAGS = frozenset("""
    script style noscript template head title meta link iframe object embed
    svg math canvas select option button input textarea
""".split())  # noqa: SIM905 - as in the shared harness

# Elements that start a new line of text (so that words in adjacent blocks are
# not glued together into one token).
BLOCK_TAGS = frozenset("""
    address article aside blockquote body br caption center dd details dialog
    div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header
    hgroup hr html li main menu nav ol p pre section summary table tbody td
    tfoot th thead tr ul
""".split())  # noqa: SIM905
CELL_TAGS = frozenset(("td", "th"))


def parse_html(html: str | bytes) -> lxml.html.HtmlElement | None:
    """Parse an HTML document or fragment; None for empty input."""
    if isinstance(html, str):
        if not html.strip():
            return None
        try:
            return lxml.html.document_fromstring(html)
        except ValueError:  # str with an XML encoding declaration
            return lxml.html.document_fromstring(html.encode("utf-8"))
    if not html.strip():
        return None
    return lxml.html.document_fromstring(html)


def visible_text(html_or_tree) -> str:
    """Visible text of HTML, with line breaks at block boundaries.

    Iterative (no recursion limit on deeply nested pages); comments, processing
    instructions and the content of SKIP_TAGS are dropped, tails are kept.
    """
    if html_or_tree is None:
        return ""
    root = html_or_tree
    if isinstance(html_or_tree, (str, bytes)):
        root = parse_html(html_or_tree)
        if root is None:
            return ""
    parts: list[str] = []
    # stack of (element, phase): phase 0 = enter, 1 = leave
    stack: list[tuple[lxml.etree._Element, int]] = [(root, 0)]
    while stack:
        el, phase = stack.pop()
        tag = el.tag if isinstance(el.tag, str) else None
        if phase == 1:
            if tag in BLOCK_TAGS:
                parts.append("\n")
            elif tag in CELL_TAGS:
                parts.append("\t")
            if el.tail and el is not root:
                parts.append(el.tail)
            continue
        if tag is None or tag in SKIP_TAGS:  # comment / PI / hidden element
            if el.tail and el is not root:
                parts.append(el.tail)
            continue
        if tag in BLOCK_TAGS:
            parts.append("\n")
        elif tag in CELL_TAGS:
            parts.append("\t")
        if el.text:
            parts.append(el.text)
        stack.append((el, 1))
        for child in reversed(el):
            stack.append((child, 0))
    text = "".join(parts)
    text = re.sub(r"[ \t\r\f\v\u00a0]+", " ", text)
    text = re.sub(r" ?\n[ \n]*", "\n", text)
    return text.strip()


_MD = None


def markdown_to_html(markdown: str) -> str:
    """CommonMark + GFM tables, the one renderer used for every extractor."""
    global _MD
    if _MD is None:
        from markdown_it import MarkdownIt
        _MD = MarkdownIt("commonmark").enable("table")
    return _MD.render(markdown or "")


# --------------------------------------------------------------------------- #
# Structure counts
# --------------------------------------------------------------------------- #

STRUCTURE_TYPES = ("h1", "h2", "h3", "h4", "h5", "h6", "li", "a", "img",
                   "pre", "table", "blockquote")
# 'h' (all heading levels together) is added by structure_counts.
STRUCTURE_SUMMARY = ("h", "li", "a", "img", "pre", "table", "blockquote")


def structure_counts(html_or_tree) -> dict[str, int]:
    """How many of each structural element an HTML document holds.

    ``a`` counts links (with href); ``pre`` counts code blocks.
    """
    counts = {k: 0 for k in STRUCTURE_TYPES}
    counts["h"] = 0
    root = html_or_tree
    if isinstance(html_or_tree, (str, bytes)):
        root = parse_html(html_or_tree)
    if root is None:
        return counts
    for el in root.iter(lxml.etree.Element):
        tag = el.tag
        if tag in counts:
            if tag == "a" and el.get("href") is None:
                continue
            counts[tag] += 1
    counts["h"] = sum(counts[f"h{i}"] for i in range(1, 7))
    return counts


def structure_ratio(expected: int, got: int) -> float:
    """min/max similarity of two counts (expected assumed >= 1)."""
    return min(expected, got) / max(expected, got)


def structure_summary(pairs: Iterable[tuple[dict, dict | None]],
                      keys: Sequence[str] = STRUCTURE_SUMMARY + STRUCTURE_TYPES[:6]
                      ) -> dict[str, dict[str, float]]:
    """Mean min/max ratio per element type over pages where expected >= 1.

    ``pairs`` are (expected_counts, got_counts); got_counts None means the
    extractor produced no structured output for that page (scored as 0).
    """
    ratios: dict[str, list[float]] = {k: [] for k in keys}
    for expected, got in pairs:
        for key in keys:
            e = expected.get(key, 0)
            if e >= 1:
                g = (got or {}).get(key, 0)
                ratios[key].append(structure_ratio(e, g))
    return {k: {"mean": statistics.fmean(v) if v else None, "pages": len(v)}
            for k, v in ratios.items()}


# --------------------------------------------------------------------------- #
# Metadata matching
# --------------------------------------------------------------------------- #

def norm_space(value) -> str:
    return " ".join(unicodedata.normalize("NFC", str(value or "")).split())


def loose_tokens(value) -> list[str]:
    """Lower-cased word tokens, a leading 'by' dropped (for bylines)."""
    tokens = [t.lower() for t in tokenize(unicodedata.normalize("NFKC", str(value or "")))]
    if tokens and tokens[0] == "by":
        tokens = tokens[1:]
    return tokens


def _contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))


def match_exact(expected, got) -> bool:
    """Equal after Unicode NFC and whitespace collapsing."""
    return bool(norm_space(expected)) and norm_space(expected) == norm_space(got)


def match_loose(expected, got) -> bool:
    """Equal lower-cased token sequences, or one contained in the other."""
    e, g = loose_tokens(expected), loose_tokens(got)
    if not e or not g:
        return False
    if e == g:
        return True
    short, long_ = (e, g) if len(e) <= len(g) else (g, e)
    return _contains(long_, short)


def match_date(expected, got) -> bool:
    """Same calendar day (YYYY-MM-DD prefix of ISO-ish strings)."""
    m1 = re.search(r"\d{4}-\d{2}-\d{2}", str(expected or ""))
    m2 = re.search(r"\d{4}-\d{2}-\d{2}", str(got or ""))
    return bool(m1 and m2 and m1.group(0) == m2.group(0))

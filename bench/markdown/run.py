"""Markdown conversion on the corpus' expected articles: speed and what survives.

``python -m bench.markdown [--data DIR] [--repeat 5]`` converts every
``expected.html`` of the Readability corpus with ``clipper.extract.fragment.html_to_markdown``
and with the plain html2text configuration Clipper started from, then renders each
result back with markdown-it (CommonMark + tables) and scores it against the
expected HTML with the extraction benchmark's metrics: structure kept (headings,
list items, links, images, code blocks, tables, quotes) and text F1.  As the input
is the expected article itself, the numbers are the ceiling the extractor can
reach on structure.  Times are the median of ``--repeat`` runs per page, then the
median over pages; the machine's load moves them, so compare runs made together.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import html2text

from bench.extraction import metrics as M
from clipper.extract.fragment import html_to_markdown

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "readability"


def html2text_baseline(html: str, base_url: str | None = None) -> str:
    """The html2text set-up Clipper began with (issue 2's configuration)."""
    h = html2text.HTML2Text(baseurl=base_url or "", bodywidth=0)
    h.unicode_snob = True
    h.emphasis_mark, h.strong_mark, h.ul_item_mark = "*", "**", "-"
    h.mark_code = h.backquote_code_style = h.pad_tables = False
    h.wrap_links = h.wrap_list_items = h.wrap_tables = False
    h.inline_links, h.protect_links, h.skip_internal_links = True, False, False
    h.ignore_images = h.images_to_alt = h.single_line_break = h.escape_snob = False
    h.default_image_alt = ""
    h.open_quote, h.close_quote = "“", "”"
    text = h.handle(html)
    text = "\n".join(line.rstrip() for line in text.splitlines())
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


CONVERTERS: dict[str, Callable[[str, str | None], str]] = {
    "clipper": html_to_markdown,
    "html2text": html2text_baseline,
}


def score(name: str, convert: Callable[[str, str | None], str], pages: list[Path],
          repeat: int) -> dict[str, object]:
    times, pairs, counts = [], [], []
    for page in pages:
        html = (page / "expected.html").read_text(encoding="utf-8")
        markdown = convert(html, None)  # warm-up, and the output that is scored
        runs = []
        for _ in range(repeat):
            start = time.perf_counter()
            convert(html, None)
            runs.append(time.perf_counter() - start)
        times.append(statistics.median(runs) * 1000)
        rendered = M.markdown_to_html(markdown)
        pairs.append((M.structure_counts(html), M.structure_counts(rendered)))
        counts.append(M.page_counts(M.visible_text(html), M.visible_text(rendered)))
    summary = M.structure_summary(pairs)
    per_type = {k: summary[k]["mean"] for k in M.STRUCTURE_SUMMARY}
    return {
        "name": name,
        "ms_median": statistics.median(times),
        "ms_mean": statistics.fmean(times),
        "structure": statistics.fmean(v for v in per_type.values() if v is not None),
        "per_type": per_type,
        "f1": M.aggregate(counts)["f1"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=CORPUS, help="Readability corpus folder")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per page")
    parser.add_argument("--only", choices=sorted(CONVERTERS), help="run one converter")
    args = parser.parse_args(argv)
    pages = sorted(p for p in args.data.iterdir() if (p / "expected.html").is_file())
    if not pages:
        parser.error(f"no expected.html under {args.data}")
    names = [args.only] if args.only else list(CONVERTERS)
    print(f"{len(pages)} pages from {args.data}, median of {args.repeat} runs per page")
    labels = {"blockquote": "bq", "table": "tbl"}
    header = f"{'converter':<10} {'ms med':>7} {'ms mean':>7} {'struct':>6} " + " ".join(
        f"{labels.get(k, k):>5}" for k in M.STRUCTURE_SUMMARY) + f" {'F1':>6}"
    print(header)
    for name in names:
        r = score(name, CONVERTERS[name], pages, args.repeat)
        per = r["per_type"]
        assert isinstance(per, dict)
        cells = " ".join(f"{per[k]:5.3f}" for k in M.STRUCTURE_SUMMARY)
        print(f"{name:<10} {r['ms_median']:7.2f} {r['ms_mean']:7.2f} {r['structure']:6.3f} "
              f"{cells} {r['f1']:6.4f}")
    return 0

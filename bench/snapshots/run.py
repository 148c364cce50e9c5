"""Snapshots: how much room the kept pages take, and how fast a library re-extracts.

``python -m bench.snapshots`` (``--clips 1000`` by default; ``--corpus DIR``):

1. **Size.** Every page of the Readability corpus (``../shared/corpus/readability``, 130
   real pages) written as a snapshot exactly as a save writes it (gzip level 6 with its
   header line): median, p95 and largest size, the ratio to the page, and the time to
   write one; the same at levels 1 and 9 for the choice of level.
2. **Re-extraction.** A library of ``--clips`` clips saved from those pages (each page
   several times over, under other titles and addresses, each with its own snapshot),
   then ``clipper.reextract.reextract`` over all of it: with ``--dry-run`` (plan only),
   with nothing changed (every clip the same), and with every clip changed (each body as
   an older extractor wrote it: every clip backed up and rewritten). Clips per second.
"""

from __future__ import annotations

import argparse
import gzip
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from clipper.decode import decode_html
from clipper.library import Library, read_clip, save_clip
from clipper.library.snapshots import (
    HASH_KEY,
    PageCopy,
    body_hash,
    new_id,
    write_staged,
)
from clipper.models import Clip
from clipper.pipeline import extract_page
from clipper.reextract import Outcome, reextract

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "readability"


def pages(corpus: Path) -> list[tuple[str, str]]:
    """(name, decoded HTML) of each corpus page."""
    found = []
    for source in sorted(corpus.glob("*/source.html")):
        found.append((source.parent.name, decode_html(source.read_bytes())))
    return found


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def kb(size: float) -> str:
    return f"{size / 1024:.1f} KB"


def sizes(corpus_pages: list[tuple[str, str]], work: Path) -> None:
    import clipper.library.snapshots as snapshots

    print(f"Snapshot size over {len(corpus_pages)} pages of {CORPUS.name}:")
    raw = [len(html.encode("utf-8")) for _, html in corpus_pages]
    print(
        f"  pages as loaded: median {kb(statistics.median(raw))}, p95 "
        f"{kb(percentile(raw, 0.95))}, largest {kb(max(raw))}"
    )
    for level in (6, 1, 9):
        snapshots.LEVEL = level
        folder = work / f"level{level}"
        folder.mkdir()
        written, times, packing = [], [], []
        for name, html in corpus_pages:
            page = PageCopy(
                html,
                f"http://fakehost/{name}/",
                "url",
                "2026-01-01T00:00:00+00:00",
                "text/html; charset=utf-8",
                None,
            )
            start = time.perf_counter()
            path = write_staged(page, {}, folder, new_id())
            times.append(time.perf_counter() - start)
            written.append(path.stat().st_size)
            assert gzip.decompress(path.read_bytes()).decode().endswith(html[-200:])
            data = html.encode("utf-8")
            start = time.perf_counter()
            gzip.compress(data, compresslevel=level, mtime=0)
            packing.append(time.perf_counter() - start)
        ratio = statistics.median(w / r for w, r in zip(written, raw, strict=True))
        label = "level 6 (as saved)" if level == 6 else f"level {level}"
        print(
            f"  {label:19} median {kb(statistics.median(written))}, p95 "
            f"{kb(percentile(written, 0.95))}, largest {kb(max(written))}, total "
            f"{kb(sum(written))}; {ratio:.0%} of the page (median); compressing "
            f"{statistics.median(packing) * 1000:.1f} ms, writing with fsync "
            f"{statistics.median(times) * 1000:.1f} ms (medians)"
        )
    snapshots.LEVEL = 6


def build_library(corpus_pages: list[tuple[str, str]], folder: Path, count: int) -> float:
    """``count`` clips, each with its snapshot; seconds it took."""
    start = time.perf_counter()
    made = 0
    with Library(folder) as library:
        round_ = 0
        while made < count:
            for name, html in corpus_pages:
                if made >= count:
                    break
                url = f"http://fakehost/{round_}/{name}/"
                try:
                    article = extract_page(html, url)
                except Exception:  # a corpus page without an article: not a clip
                    continue
                clip = Clip.from_article(article)
                clip.title = f"{clip.title} ({round_})"
                clip.source = url
                page = PageCopy(html, url, "url", "2026-01-01T00:00:00+00:00", "text/html", None)
                save_clip(clip, library, page=page, download_images=False)
                made += 1
            round_ += 1
    return time.perf_counter() - start


def as_older(paths: list[Path]) -> None:
    """Every clip as an older extractor wrote it: its last paragraph missing."""
    for path in paths:
        text = path.read_text(encoding="utf-8")
        body = read_clip(path).body
        parts = body.rstrip("\n").split("\n\n")
        older = "\n\n".join(parts[:-1]) + "\n" if len(parts) > 1 else body + "x\n"
        text = text.replace(body, older)
        text = re.sub(rf'{HASH_KEY}: "[^"]*"', f'{HASH_KEY}: "{body_hash(older)}"', text)
        path.write_text(text, encoding="utf-8")


def speed(corpus_pages: list[tuple[str, str]], work: Path, count: int) -> None:
    folder = work / "library"
    folder.mkdir()
    seconds = build_library(corpus_pages, folder, count)
    paths = sorted(folder.glob("*.md"))
    print(
        f"\nA library of {len(paths)} clips with their pages (saved in {seconds:.0f} s, "
        f"{len(paths) / seconds:.1f} clips/s; pages "
        f"{kb(sum(p.stat().st_size for p in (folder / '.clipper' / 'pages').iterdir()))}):"
    )
    with Library(folder) as library:
        for label, dry_run, older in (
            ("--dry-run", True, False),
            ("nothing changed", False, False),
            ("every clip changed", False, True),
        ):
            if older:
                as_older(paths)
            start = time.perf_counter()
            summary = reextract(paths, library, dry_run=dry_run)
            took = time.perf_counter() - start
            counts = {o.value: summary.count(o) for o in Outcome if summary.count(o)}
            print(f"  {label:19} {len(paths) / took:6.1f} clips/s ({took:.1f} s; {counts})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.snapshots")
    parser.add_argument("--clips", type=int, default=1000)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--only", choices=("size", "speed"))
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 1
    corpus_pages = pages(args.corpus)
    work = Path(tempfile.mkdtemp(prefix="clipper-bench-snapshots-"))
    try:
        if args.only in (None, "size"):
            sizes(corpus_pages, work)
        if args.only in (None, "speed"):
            speed(corpus_pages, work, args.clips)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0

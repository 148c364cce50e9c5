"""Library scale benchmark: a generated library of realistic clips, indexed and searched.

Run ``python -m bench.library`` (``--clips 10000`` by default; ``--keep DIR`` to reuse a
generated library). It reports the first index build (wall and CPU time), the database
size against the clips', the warm start of the library pane (open the index and list the
newest 200, as the pane shows them; the check of every file's stat, which the pane makes
in the background; the cheaper check by name and inode a folder watcher's news starts),
search latency (median and p95, wall and CPU time) for one- and three-word queries and
while typing, duplicate checks, a save through an open handle (the window's) and through
a new one (a command line run), and peak memory. Aims (issue 16): warm start <= 300 ms,
save <= 100 ms, search p95 <= 50 ms, index no larger than the clips, first build <= 60 s.
The machine's load shows in wall times; CPU times are what the work costs.

Bodies are written from the word frequencies of the Readability corpus' articles when
it is there (``../shared/corpus/readability``), else from a Zipf-distributed vocabulary,
with sizes drawn like real articles (log-normal, 2-30 KB), paragraphs, links, images.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from clipper.library import Library, find_duplicate, list_clips, render_clip, save_clip
from clipper.library.index import LibraryIndex, index_path
from clipper.library.scan import scan_for_duplicate
from clipper.models import Clip

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "readability"
SITES = [f"{w} {k}" for w in ("Daily", "Evening", "Tech", "Science", "City", "Global", "Open",
                              "Northern", "Harbor", "Metro") for k in
         ("News", "Times", "Review", "Journal", "Post", "Chronicle", "Herald", "Wire", "Blog",
          "Weekly")]
TAGS = ["clippings", "read-later", "python", "science", "politics", "climate", "design",
        "history", "health", "economics", "ai", "music", "books", "travel", "food"]


def vocabulary(rng: random.Random) -> tuple[list[str], list[float]]:
    """Words and weights: from the corpus articles if present, else a Zipf law."""
    counts: Counter[str] = Counter()
    if CORPUS.is_dir():
        for page in sorted(CORPUS.glob("*/expected.html")):
            text = re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8", errors="replace"))
            counts.update(w for w in re.findall(r"[^\W\d_]{2,}", text.lower()))
    if len(counts) < 2000:
        letters = "etaoinshrdlcumwfgypbvkjxqz"
        words = sorted({"".join(rng.choice(letters[:18 if i % 3 else 26])
                                for _ in range(rng.randint(2, 11))) for i in range(30000)})
        rng.shuffle(words)
        return words, [1 / (r + 1) for r in range(len(words))]
    words, freq = zip(*counts.most_common(), strict=True)
    return list(words), [float(f) for f in freq]


def article(rng: random.Random, words: list[str], cum: list[float], size: int) -> str:
    paragraphs: list[str] = []
    total = 0
    while total < size:
        n = rng.randint(30, 120)
        chosen = rng.choices(words, cum_weights=cum, k=n)
        sentence_breaks = sorted(rng.sample(range(5, n), k=max(1, n // 15)))
        out, start = [], 0
        for stop in [*sentence_breaks, n]:
            sentence = " ".join(chosen[start:stop])
            if sentence:
                out.append(sentence[0].upper() + sentence[1:] + ".")
            start = stop
        para = " ".join(out)
        roll = rng.random()
        if roll < 0.08:
            para = f"![{chosen[0]}](https://cdn.example.com/img/{rng.getrandbits(40):x}.jpg)"
        elif roll < 0.25:
            target = f"https://example.org/{chosen[3]}/{rng.randint(1, 9999)}"
            link = f"[{chosen[1]} {chosen[2]}]({target})"
            para = para.replace(chosen[1], link, 1)
        elif roll < 0.3:
            para = "## " + " ".join(chosen[:5]).capitalize()
        paragraphs.append(para)
        total += len(para) + 2
    return "\n\n".join(paragraphs) + "\n"


def generate(library: Path, count: int, seed: int = 7) -> tuple[list[str], list[float]]:
    rng = random.Random(seed)
    words, weights = vocabulary(rng)
    cum = list(itertools.accumulate(weights))
    library.mkdir(parents=True, exist_ok=True)
    start = time.mktime((2020, 1, 1, 0, 0, 0, 0, 0, -1))
    for i in range(count):
        size = int(min(30_000, max(2_000, rng.lognormvariate(math.log(7_000), 0.6))))
        title_words = rng.choices(words[:5000], cum_weights=cum[:5000], k=rng.randint(3, 10))
        title = " ".join(title_words).capitalize()
        when = time.localtime(start + rng.random() * 5 * 365 * 86400)
        site = rng.choice(SITES)
        host = site.lower().replace(" ", "")
        clip = Clip(
            title=title, body=article(rng, words, cum, size),
            source=f"https://{host}.example/{i}/{'-'.join(title_words[:4])}",
            author=" ".join(rng.choices(words[:3000], k=2)).title(),
            published=time.strftime("%Y-%m-%d", when),
            created=time.strftime("%Y-%m-%dT%H:%M:%S+00:00", when), site=site,
            description=" ".join(rng.choices(words, cum_weights=cum, k=20)), lang="en",
            tags=["clippings", *rng.sample(TAGS[1:], k=rng.randint(0, 3))])
        folder = library if i % 10 else library / f"folder{i % 7}"
        folder.mkdir(exist_ok=True)
        (folder / f"clip {i:05d}.md").write_text(render_clip(clip), encoding="utf-8")
    return words, weights


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def timed_cpu(fn: Callable[[], object], repeat: int) -> tuple[list[float], list[float]]:
    """Wall and CPU (this thread's) milliseconds of each run."""
    wall, cpu = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.thread_time()
        fn()
        cpu.append((time.thread_time() - c) * 1000)
        wall.append((time.perf_counter() - t) * 1000)
    return wall, cpu


def bench_files(library: Path) -> list[Path]:
    """Clips this benchmark saves into the library (removed at the end of a run)."""
    return [p for p in library.glob("Bench *.md")]


def summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]
    return {"median_ms": round(statistics.median(ordered), 2), "p95_ms": round(p95, 2),
            "max_ms": round(ordered[-1], 2), "n": len(ordered)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.library", description=__doc__)
    parser.add_argument("--clips", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--keep", type=Path, help="library folder to (re)use and keep")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--scan", action="store_true",
                        help="also time a duplicate check reading every file (no index); "
                             "always done up to 20,000 clips")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="clipper-bench-"))
    os.environ["CLIPPER_CACHE_DIR"] = str(work / "cache")
    library = args.keep or work / "library"
    results: dict[str, object] = {"clips": args.clips, "python": sys.version.split()[0]}
    try:
        t = time.perf_counter()
        if args.keep and library.is_dir() and any(library.iterdir()):
            for path in bench_files(library):  # left by an interrupted run
                path.unlink()
            words = vocabulary(random.Random(7))[0]
        else:
            words = generate(library, args.clips)[0]
        results["generate_s"] = round(time.perf_counter() - t, 1)
        files = list(library.rglob("*.md"))
        sizes = [p.stat().st_size for p in files]
        results["library_mb"] = round(sum(sizes) / 1e6, 1)
        results["clip_kb_median"] = round(statistics.median(sizes) / 1e3, 1)
        print(f"library: {len(files)} clips, {results['library_mb']} MB, "
              f"median {results['clip_kb_median']} KB (generated in {results['generate_s']} s)")

        t, c = time.perf_counter(), time.process_time()
        with LibraryIndex.open(library) as index:
            index.sync()
            index.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        results["first_build_s"] = round(time.perf_counter() - t, 2)
        results["first_build_cpu_s"] = round(time.process_time() - c, 2)
        db = index_path(library)
        results["index_mb"] = round(db.stat().st_size / 1e6, 1)
        results["index_to_clips"] = round(db.stat().st_size / sum(sizes), 2)
        print(f"first index build: {results['first_build_s']} s "
              f"({results['first_build_cpu_s']} s CPU), database {results['index_mb']} MB "
              f"= {results['index_to_clips']} x the clips")

        def listed() -> None:
            with LibraryIndex.open(library) as idx:
                idx.recent(200)
                idx.count()

        def warm() -> None:
            with LibraryIndex.open(library) as idx:
                idx.sync()
                idx.recent(200)

        results["warm_start_listed"] = summary(timed(listed, 7))
        print(f"warm start, newest 200 listed (open + list + count): "
              f"{results['warm_start_listed']}")
        with LibraryIndex.open(library) as idx:
            wall, cpu = timed_cpu(idx.sync, 5)
            results["check_every_stat"] = summary(wall)
            results["check_every_stat_cpu"] = summary(cpu)
            wall, cpu = timed_cpu(lambda: idx.sync(stat=False), 5)
            results["check_names_inodes"] = summary(wall)
            results["check_names_inodes_cpu"] = summary(cpu)
        print(f"  then, in the background, every file's stat checked: "
              f"{results['check_every_stat']} (CPU {results['check_every_stat_cpu']})")
        print(f"  after a watcher's news, names and inodes checked: "
              f"{results['check_names_inodes']} (CPU {results['check_names_inodes_cpu']})")
        results["warm_start"] = summary(timed(warm, 7))
        print(f"warm start, all in one (open + check every stat + newest 200): "
              f"{results['warm_start']}")
        code = ("import time,sys;t=time.perf_counter();from pathlib import Path;"
                "from clipper.library.index import LibraryIndex;"
                "i=LibraryIndex.open(Path(sys.argv[1]));"
                "i.recent(200);i.count();print((time.perf_counter()-t)*1000)")
        fresh = [float(subprocess.run([sys.executable, "-c", code, str(library)], check=True,
                                      capture_output=True, text=True).stdout) for _ in range(5)]
        results["warm_start_listed_new_process"] = summary(fresh)
        print(f"warm start, newest 200 listed in a new process (imports included): "
              f"{results['warm_start_listed_new_process']}")

        rng = random.Random(11)
        bodies = [p.read_text(encoding="utf-8") for p in rng.sample(files, 50)]
        with Library(library) as handle:
            index = handle.index()
            index.sync()
            common = [w for w in words[:300] if len(w) > 3]
            rare = [w for w in words[2000:20000] if len(w) > 3] or common
            one = [rng.choice(common if i % 2 else rare) for i in range(args.queries)]
            three = []
            for i in range(args.queries):
                text_words = re.findall(r"[^\W\d_]{4,}", bodies[i % len(bodies)].split("---")[2])
                k = rng.randrange(0, max(1, len(text_words) - 3))
                three.append(" ".join(text_words[k:k + 3]) + " ")
            typing = [w[:n] for w in one[:args.queries // 2] for n in (2, 3, 5) if len(w) >= n]

            def run(queries: list[str]) -> tuple[dict[str, float], dict[str, float], float]:
                hits = []
                samples, cpu = [], []
                for q in queries:
                    t, c = time.perf_counter(), time.thread_time()
                    hits.append(len(index.search(q, 50)))
                    cpu.append((time.thread_time() - c) * 1000)
                    samples.append((time.perf_counter() - t) * 1000)
                return summary(samples), summary(cpu), statistics.mean(hits)

            for name, queries in (("search_1_word", one), ("search_3_words", three),
                                  ("search_typing_prefix", typing)):
                stats, cpu_stats, mean_hits = run(queries)
                stats["mean_hits"] = round(mean_hits, 1)
                results[name] = stats
                results[name + "_cpu"] = cpu_stats
                print(f"{name}: {stats} (CPU median {cpu_stats['median_ms']}, "
                      f"p95 {cpu_stats['p95_ms']})")

            dup = Clip(title="x", body=bodies[0].split("---", 2)[2], source="https://n.example/")
            results["find_duplicate_with_index"] = summary(
                timed(lambda: find_duplicate(dup, handle), 10))
            print(f"find_duplicate (open index, synced once): "
                  f"{results['find_duplicate_with_index']}")
            results["recent_all"] = summary(timed(lambda: index.recent(None), 5))
            print(f"list all clips newest first: {results['recent_all']}")
            results["facets"] = summary(timed(index.facets, 10))
            print(f"tags and sites with their counts (the pane's side list): "
                  f"{results['facets']}")
            from clipper.library.query import split_filters

            by_tag = split_filters(f"tag:{TAGS[1]}")[0]
            results["list_by_tag"] = summary(timed(
                lambda: index.recent(300, 0, "title", by_tag), 10))
            print(f"first 300 clips of tag:{TAGS[1]} by title: {results['list_by_tag']}")

            saves = []
            for i in range(10):
                clip = Clip(title=f"Bench save {i}", body=bodies[i].split("---", 2)[2],
                            source=f"https://bench.example/{i}")
                t = time.perf_counter()
                save_clip(clip, handle, download_images=False)
                saves.append((time.perf_counter() - t) * 1000)
            results["save_with_open_index"] = summary(saves)
            print(f"save_clip with an open index (the window's; kept current): "
                  f"{results['save_with_open_index']}")

        saves, syncs = [], []
        for i in range(5):
            clip = Clip(title=f"Bench late {i}", body=bodies[20 + i].split("---", 2)[2],
                        source=f"https://late.example/{i}")
            t = time.perf_counter()
            save_clip(clip, library, download_images=False)
            saves.append((time.perf_counter() - t) * 1000)
            with LibraryIndex.open(library) as idx:
                t = time.perf_counter()
                idx.sync()
                syncs.append((time.perf_counter() - t) * 1000)
        results["save_without_open_index"] = summary(saves)
        results["sync_after_one_change"] = summary(syncs)
        print(f"save_clip without an open index (a command line run: opens, checks the folder): "
              f"{results['save_without_open_index']}")
        print(f"sync catching up one new clip: {results['sync_after_one_change']}")

        if args.scan or args.clips <= 20_000:
            t = time.perf_counter()
            scan_for_duplicate(dup, library)
            results["find_duplicate_scan_s"] = round(time.perf_counter() - t, 2)
            print(f"find_duplicate by scanning the files (no index): "
                  f"{results['find_duplicate_scan_s']} s")
        t = time.perf_counter()
        list_clips(library, search="the")
        results["list_clips_cli_ms"] = round((time.perf_counter() - t) * 1000, 1)
        print(f"list_clips(search='the') from the CLI: {results['list_clips_cli_ms']} ms")

        results["peak_rss_mb"] = round(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        print(f"peak RSS: {results['peak_rss_mb']} MB")
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    finally:
        shutil.rmtree(work / "cache", ignore_errors=True)
        if args.keep:
            for path in bench_files(library):
                path.unlink()
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

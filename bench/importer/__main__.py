"""``python -m bench.importer [--pages 1000] [--hosts 20] [--runs cli,capacity,window]``.

Imports a Pocket export of generated pages served from loopback (one server per host,
127.0.0.1 … 127.0.0.N; 5% answer 404, 5% answer after 3 s) into a fresh library each
run, and reports:

- ``cli``: ``clipper import`` as shipped (at most 2 requests at a time per site, 0.5 s
  between two requests to one site): pages per second and the process's peak RSS;
- ``capacity``: the same with no delay between requests (still 2 per site): how fast
  Clipper itself goes, to compare with the politeness bound (hosts / delay); the CPU
  time per page says the same on a machine that other work slows down;
- ``window``: the import run from File ▸ Import… in the window (offscreen): pages per
  second, peak RSS, frame time and library search time during the import.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.importer.pages import Plan, Sites

DELAY = 0.5


def _run(command: list[str], env: dict[str, str]) -> tuple[int, str, float, float, float]:
    """Exit status, stderr, wall seconds, peak RSS (MB) and CPU seconds of a child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return (proc.returncode, err, time.perf_counter() - start, usage.ru_maxrss / 1024,
            usage.ru_utime + usage.ru_stime)


def _env(folder: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(CLIPPER_CONFIG_DIR=str(folder / "config"), CLIPPER_CACHE_DIR=str(folder / "cache"),
               CLIPPER_LIBRARY=str(folder / "library"), QT_QPA_PLATFORM="offscreen")
    return env


def cli(export: Path, folder: Path, delay: float) -> dict[str, object]:
    command = [sys.executable, "-m", "clipper", "import", str(export), "--delay", str(delay)]
    status, err, wall, rss, cpu = _run(command, _env(folder))
    match = re.search(r"clipper: (\d+) new clips.*\((\d+\.\d) s\)", err)
    if match is None:
        raise SystemExit(f"the import did not finish:\n{err[-2000:]}")
    saved, seconds = int(match.group(1)), float(match.group(2))
    items = int(re.search(r"clipper: (\d+) items", err).group(1))  # type: ignore[union-attr]
    return {"exit": status, "items": items, "saved": saved, "seconds": seconds,
            "pages_per_second": round(items / seconds, 2), "wall_seconds": round(wall, 1),
            "cpu_ms_per_page": round(cpu * 1000 / items, 1), "peak_rss_mb": round(rss)}


def window(export: Path, folder: Path) -> dict[str, object]:
    result = folder / "window.json"
    command = [sys.executable, "-m", "bench.importer.window", str(export), str(result)]
    status, err, _wall, _rss, _cpu = _run(command, _env(folder))
    if status != 0 or not result.exists():
        raise SystemExit(f"the window run failed ({status}):\n{err[-3000:]}")
    return json.loads(result.read_text())


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.importer")
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--runs", default="cli,capacity,window")
    args = parser.parse_args()
    plan = Plan(pages=args.pages, hosts=args.hosts)
    dead = sum(plan.dead(n) for n in range(plan.pages))
    slow = sum(plan.slow(n) for n in range(plan.pages))
    print(f"{plan.pages} pages on {plan.hosts} hosts, {dead} dead (404), {slow} slow "
          f"({plan.slow_seconds:g} s); politeness bound {plan.hosts / DELAY:.0f} pages/s "
          f"({plan.hosts} hosts / {DELAY} s between requests to one host)")
    sites = Sites(plan)
    try:
        with tempfile.TemporaryDirectory(prefix="clipper-bench-import-") as tmp:
            export = Path(tmp) / "part_000000.csv"
            export.write_text(sites.pocket_csv(), encoding="utf-8")
            for name in args.runs.split(","):
                folder = Path(tmp) / name
                folder.mkdir()
                if name == "cli":
                    result = cli(export, folder, DELAY)
                elif name == "capacity":
                    result = cli(export, folder, 0.0)
                elif name == "window":
                    result = window(export, folder)
                else:
                    raise SystemExit(f"unknown run {name!r}")
                print(f"{name}: " + ", ".join(f"{k} {v}" for k, v in result.items()),
                      flush=True)
    finally:
        sites.close()


if __name__ == "__main__":
    main()

"""Process start -> main window shown, and the peak memory until then (median of N runs).

Runs ``bench/startup/shown.py`` (the real ``clipper`` start) N times offscreen, each
in fresh config/cache folders, and reports the median, min and max, the peak RSS,
and whether any heavy module (lxml, extraction) was imported before the window
showed: those must load in the first background task, not at start-up.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AIM_S = 0.8


def one_run(env: dict[str, str]) -> tuple[float, int, list[str]]:
    start = time.time()
    process = subprocess.Popen([sys.executable, str(Path(__file__).with_name("shown.py"))],
                               env=env, cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL)
    assert process.stdout is not None
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise RuntimeError(f"the window did not start (status {status})")
    report = json.loads(out.decode().strip().splitlines()[-1])
    return report["shown"] - start, usage.ru_maxrss * 1024, report["heavy_modules"]


def measure(runs: int = 9) -> dict[str, object]:
    times: list[float] = []
    rss: list[int] = []
    heavy: set[str] = set()
    with tempfile.TemporaryDirectory(prefix="clipper-bench-") as tmp:
        runtime = Path(tmp, "run")
        runtime.mkdir(mode=0o700)
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               "XDG_RUNTIME_DIR": str(runtime), "CLIPPER_CONFIG_DIR": str(Path(tmp, "config")),
               "CLIPPER_CACHE_DIR": str(Path(tmp, "cache")),
               "CLIPPER_LIBRARY": str(Path(tmp, "library"))}
        env.pop("CLIPPER_QUIT_AFTER_LOAD", None)
        one_run(env)  # warm the OS file cache; not counted
        for _ in range(runs):
            seconds, peak, modules = one_run(env)
            times.append(seconds)
            rss.append(peak)
            heavy.update(modules)
    return {
        "runs": runs,
        "shown_median_s": round(statistics.median(times), 3),
        "shown_min_s": round(min(times), 3),
        "shown_max_s": round(max(times), 3),
        "peak_rss_median_mb": round(statistics.median(rss) / 1024 / 1024, 1),
        "heavy_modules_before_shown": sorted(heavy),
        "aim_s": AIM_S,
        "platform": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
    }


def report(result: dict[str, object]) -> str:
    verdict = "meets" if float(result["shown_median_s"]) < AIM_S else "MISSES"  # type: ignore[arg-type]
    heavy = ", ".join(result["heavy_modules_before_shown"]) or "none"  # type: ignore[arg-type]
    return (f"start-up ({result['platform']}, {result['runs']} runs): window shown after "
            f"{result['shown_median_s']} s median (min {result['shown_min_s']}, max "
            f"{result['shown_max_s']}), {verdict} the {AIM_S} s aim; peak RSS "
            f"{result['peak_rss_median_mb']} MB; heavy modules loaded before: {heavy}")


if __name__ == "__main__":
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    result = measure(runs)
    print(report(result))
    print(json.dumps(result))

"""``python -m bench.startup [RUNS] [PAGES]``: both benchmarks, one summary line each."""

from __future__ import annotations

import sys

from bench.startup import load, startup

runs = int(sys.argv[1]) if len(sys.argv) > 1 else 9
pages = int(sys.argv[2]) if len(sys.argv) > 2 else 15
print(startup.report(startup.measure(runs)))
print(load.report(load.main(pages)))

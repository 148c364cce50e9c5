"""``python -m bench.snapshots``: see ``bench/snapshots/run.py``."""

import sys

from bench.snapshots.run import main

sys.exit(main())

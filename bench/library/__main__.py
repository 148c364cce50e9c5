"""``python -m bench.library``: see ``bench/library/run.py``."""

import sys

from bench.library.run import main

sys.exit(main())

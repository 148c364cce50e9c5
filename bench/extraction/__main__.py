"""``python -m bench.extraction``: see ``bench/extraction/run.py``."""

import sys

from bench.extraction.run import main

sys.exit(main())

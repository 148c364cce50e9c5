"""``python -m bench.markdown``: see ``bench/markdown/run.py``."""

import sys

from bench.markdown.run import main

sys.exit(main())

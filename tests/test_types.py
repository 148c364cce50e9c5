"""The whole package type-checks: ``python -m mypy clipper`` (the rules live in pyproject.toml).

Type hints that nothing checks drift from the code; run here, the suite fails when they
do, as it does for ruff (tests/test_lint.py).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_is_clean() -> None:
    proc = subprocess.run([sys.executable, "-m", "mypy", "clipper"], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr

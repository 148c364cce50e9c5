"""A guard for inputs that once made Clipper work for minutes or hours.

Not a benchmark: the calls take milliseconds now and the guard allows a minute or
two. It turns "the suite hangs" into a failing test that names the input. The
calls run in a child process, because a regular expression backtracking inside
one C call holds the interpreter lock, so no thread could stop or even time it.
"""

from __future__ import annotations

import subprocess
import sys

import pytest


def assert_finishes(setup: str, calls: list[str], seconds: float = 120.0) -> None:
    """Run ``setup`` then each Python expression in ``calls`` in a child process."""
    lines = [setup] + [f"print({call!r}, flush=True); {call}" for call in calls]
    try:
        subprocess.run([sys.executable, "-c", "\n".join(lines)], capture_output=True,
                       text=True, timeout=seconds, check=True)
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        busy = out.splitlines()[-1] if out.strip() else "the setup"
        pytest.fail(f"still busy after {seconds:g} s with: {busy}")
    except subprocess.CalledProcessError as exc:
        pytest.fail(f"failed: {exc.stderr.strip().splitlines()[-1]}")

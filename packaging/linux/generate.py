"""Write the .desktop entry and AppStream metainfo in this folder from ``clipper.desktop``.

They are generated, not hand-edited, so the app id and the version live in one
place (``clipper/__init__.py`` and ``pyproject.toml``); packagers take these copies
(``Exec=clipper``), while ``clipper --install-desktop`` writes its own with an
absolute ``Exec``. ``--check`` exits 1 when the committed copies are stale;
``tests/test_packaging_files.py`` runs the same comparison.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from clipper.desktop import write_packaging_files  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare, write nothing")
    args = parser.parse_args(argv)
    if not args.check:
        for path in write_packaging_files(HERE):
            print(path.relative_to(HERE.parent.parent))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        stale = [p.name for p in write_packaging_files(Path(tmp))
                 if not (HERE / p.name).is_file()
                 or (HERE / p.name).read_bytes() != p.read_bytes()]
    for name in stale:
        print(f"out of date: packaging/linux/{name} (run python packaging/linux/generate.py)")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())

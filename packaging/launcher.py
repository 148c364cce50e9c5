"""Entry script of the PyInstaller bundle: the same ``clipper`` command that pip installs."""

import sys

from clipper.cli import main

if __name__ == "__main__":
    sys.exit(main())

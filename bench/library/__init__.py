"""Library scale benchmark; see run.py."""

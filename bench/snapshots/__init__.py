"""Snapshot size and re-extraction speed benchmark; see run.py."""

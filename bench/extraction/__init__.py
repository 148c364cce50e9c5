"""Extraction benchmark: Clipper against trafilatura and readability-lxml (see ``run``)."""

"""Markdown converter benchmark: speed and fidelity ceiling on expected articles (see ``run``)."""

"""Article HTML -> Markdown that renders the same in Obsidian, markdown-it and Qt.

The writer (``writer``) walks an lxml tree the extractor has already cleaned; the
rest are its parts: text escaping (``escape``), paragraphs being built
(``paragraph``), tables (``tables``), code blocks (``code``), footnotes
(``footnotes``) and the fix-ups that make a fragment safe to walk (``prepare``).
``marks`` names the attributes the extractor's pre-pass leaves for the writer.
Nothing here imports ``clipper.extract``: extraction calls Markdown, never the reverse.
"""

from clipper.markdown.writer import element_to_markdown

__all__ = ["element_to_markdown"]

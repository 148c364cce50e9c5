"""Shared helpers for the Markdown tests: convert, render back, count structure.

Rendering uses markdown-it-py in CommonMark mode with GFM tables, the renderer the
extraction benchmark scores "structure kept" with.
"""

from __future__ import annotations

import lxml.html
from markdown_it import MarkdownIt

from clipper.extract.fragment import html_to_markdown

BASE = "https://example.com/dir/page.html"
_MD = MarkdownIt("commonmark").enable("table")


def md(html: str, base: str | None = BASE) -> str:
    return html_to_markdown(html, base)


def render(markdown: str) -> lxml.html.HtmlElement:
    """The Markdown rendered to HTML and parsed, wrapped in one <div>."""
    return lxml.html.fragment_fromstring(_MD.render(markdown), create_parent="div")


def roundtrip(html: str, base: str | None = BASE) -> lxml.html.HtmlElement:
    return render(md(html, base))


def count(tree: lxml.html.HtmlElement, tag: str) -> int:
    return sum(1 for el in tree.iter(tag) if tag != "a" or el.get("href") is not None)


def text(tree: lxml.html.HtmlElement) -> str:
    return " ".join(tree.text_content().split())

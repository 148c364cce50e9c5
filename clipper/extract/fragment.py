"""An HTML fragment (not a page to find an article in) to Markdown, with the extractor's
image, link and math rules.

For HTML that is already the article: the Markdown benchmark's expected pages, tests,
and anything that wants the writer without article selection. It runs the same
page pre-pass as ``extract`` (idempotent) before the writer, which is why it lives
here and not in ``clipper.markdown``: the writer never imports the extractor.
"""

from __future__ import annotations

from lxml import etree
from lxml import html as lxml_html

from clipper.extract.address import PageAddress
from clipper.extract.normalize import normalize_document
from clipper.extract.parse import (
    XML_DECLARATION,
    depth_exceeded,
    flatten_deep_nesting,
    html_parser,
)
from clipper.markdown import element_to_markdown

__all__ = ["html_to_markdown"]



def _parse(html: str) -> etree._Element | None:
    """Parse a fragment; nesting deeper than libxml2 keeps is flattened, not lost."""
    if not html or not html.strip():
        return None
    html = XML_DECLARATION.sub("", html, count=1)
    try:
        parser = html_parser()
        doc = lxml_html.document_fromstring(html, parser=parser)
        if depth_exceeded(parser):
            doc = lxml_html.document_fromstring(flatten_deep_nesting(html), parser=html_parser())
    except (etree.ParserError, ValueError):
        return None
    return doc if doc is not None and isinstance(doc.tag, str) else None


def html_to_markdown(html: str, base_url: str | None = None) -> str:
    """Convert an article fragment (or page) to tidy Markdown; "" when there is no content.

    Runs the same image/link/math normalisation as the extractor (idempotent),
    drops hidden elements, turns footnotes into ``[^n]`` definitions at the end.
    """
    doc = _parse(html)
    if doc is None:
        return ""
    address = PageAddress.of(html, base_url)  # a saved page means its web address
    normalize_document(doc, address.web, address.local)
    root = doc.find("body")
    if root is None:
        root = doc
    return element_to_markdown(root, address.web)

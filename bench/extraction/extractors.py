"""The extractors the benchmark compares: Clipper and the anchors people use today.

Each is a callable ``(html, url) -> dict`` with ``markdown`` (scored after rendering)
or ``text`` + ``html`` (text scored as given, structure counted in the HTML), and
the metadata fields it finds. Anchors are optional imports (``pip install -e .[bench]``):
a missing one is reported and skipped. Adapted from the shared harness's plug-ins.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from typing import Any

Result = dict[str, Any]


@dataclass
class Extractor:
    name: str
    fn: Callable[[str, str | None], Result]
    version: str
    notes: str


class Unavailable(Exception):
    """The extractor's library is not installed."""


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "?"


def clipper() -> Extractor:
    from clipper.extract import extract

    def run(html: str, url: str | None) -> Result:
        a = extract(html, url)
        return {"markdown": a.markdown, "title": a.title, "byline": a.byline,
                "published": a.published, "site_name": a.site_name, "excerpt": a.excerpt}

    return Extractor("clipper", run, _version("article-clipper"), "clipper.extract.extract")


def _trafilatura(name: str, notes: str, **options: Any) -> Callable[[], Extractor]:
    def make() -> Extractor:
        try:
            import trafilatura
            from trafilatura.utils import normalize_unicode
            from trafilatura.xml import xmltotxt
        except ImportError as exc:
            raise Unavailable(f"trafilatura: {exc}") from exc

        def run(html: str, url: str | None) -> Result:
            doc = trafilatura.bare_extraction(
                html, url=url, output_format="markdown", with_metadata=True,
                include_comments=False, **options)
            if doc is None:
                return {"markdown": ""}
            body = normalize_unicode(xmltotxt(doc.body, True)).strip()
            return {"markdown": body, "title": doc.title, "byline": doc.author,
                    "published": doc.date, "site_name": doc.sitename,
                    "excerpt": doc.description}

        return Extractor(name, run, _version("trafilatura"), notes)

    return make


def readability_lxml() -> Extractor:
    try:
        from readability import Document
    except ImportError as exc:
        raise Unavailable(f"readability-lxml: {exc}") from exc
    import html2text

    def run(html: str, url: str | None) -> Result:
        doc = Document(html, url=url)
        summary = doc.summary(html_partial=True)
        converter = html2text.HTML2Text(baseurl=url or "")
        converter.body_width = 0  # no hard wrapping (it would split link syntax)
        return {"markdown": converter.handle(summary), "title": doc.short_title(),
                "byline": doc.author()}

    return Extractor("readability_lxml", run, _version("readability-lxml"),
                     "summary(html_partial=True) -> html2text, body_width=0")


REGISTRY: dict[str, Callable[[], Extractor]] = {
    "clipper": clipper,
    "trafilatura_md": _trafilatura("trafilatura_md", "markdown, default settings"),
    "trafilatura_md_full": _trafilatura(
        "trafilatura_md_full", "markdown with links, images, formatting",
        include_links=True, include_images=True, include_formatting=True),
    "readability_lxml": readability_lxml,
}

"""The extractors the benchmark compares: Clipper and the anchors people use today.

Each is a callable ``(html, url) -> dict`` with ``markdown`` (rendered, then its visible
text scored) or ``text`` (scored as given) + ``html`` (structure counted in it), and the
metadata fields it finds; ``overhead_ms`` is time inside the call that is not extraction
(the pipe to a Node worker), which the runner subtracts. Adapted from the shared
harness's plug-ins (``shared/bench/extraction_plugins.py``): the anchors run with the
same options and score the same output there and here.

A missing library, Node or node folder raises ``Unavailable``: the runner reports the
anchor and goes on without it. The Node anchors read their modules from a folder of
their own (``--node-dir`` / ``BENCH_NODE_DIR`` for Readability.js + jsdom,
``--defuddle-node-dir`` / ``BENCH_DEFUDDLE_NODE_DIR`` for Defuddle + linkedom), by
default under ~/.cache/clipper-bench as in the shared harness.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

Result = dict[str, Any]
NODE_SCRIPTS = Path(__file__).resolve().parent / "node"


def default_node_dir() -> Path:
    return Path(os.environ.get("BENCH_NODE_DIR") or Path.home() / ".cache/clipper-bench/node")


def default_defuddle_node_dir() -> Path:
    return Path(os.environ.get("BENCH_DEFUDDLE_NODE_DIR")
                or Path.home() / ".cache/clipper-bench/node-defuddle")


@dataclass
class Extractor:
    name: str
    fn: Callable[[str, str | None], Result]
    version: str
    notes: str
    close: Callable[[], None] = field(default=lambda: None)


class Unavailable(Exception):
    """The extractor cannot be built here (library, Node or node folder missing)."""


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "?"


# --- Clipper -----------------------------------------------------------------------------------

CLIPPER_FIELDS = ("markdown", "title", "byline", "published", "site_name", "excerpt", "lang",
                  "confidence", "confidence_reason")


def clipper(_opts: dict[str, Any]) -> Extractor:
    try:
        from clipper.extract import extract
    except Exception as exc:  # ImportError, or anything raised at import time
        raise Unavailable(f"clipper.extract: {type(exc).__name__}: {exc}") from exc

    def run(html: str, url: str | None) -> Result:
        a = extract(html, url)
        get = a.get if isinstance(a, dict) else lambda key: getattr(a, key, None)
        out = {key: get(key) for key in CLIPPER_FIELDS}
        out["markdown"] = out["markdown"] or ""
        return out

    return Extractor("clipper", run, _version("article-clipper"), "clipper.extract.extract")


RULE_FORMS = (
    ("drop", ".share-tools-{i}"), ("drop", "#promo-box-{i}"),
    ("drop", "div.newsletter-signup-{i}"), ("drop", "aside.sidebar-{i} .widget"),
    ("drop", "article .related-links-{i} > ul"), ("drop", "section[data-module='teaser-{i}']"),
    ("drop", "footer .links-{i} a"), ("drop", "div.ad-slot-{i}, div.ad-label-{i}"),
    ("keep", ".fact-box-{i}"), ("keep", "figure.gallery-{i} > figcaption"),
)


NO_CLASS_FORMS = (
    ("drop", "div[data-widget='w{i}']"), ("drop", "aside > ul > li:nth-child({i})"),
    ("drop", "html > body > div:nth-of-type({i}) > p"), ("keep", "figure[data-id='{i}']"),
    ("drop", "main > article > div:nth-of-type({i})"),
)
"""Selectors naming no class or id (as a picked block without either gets): only the tags
and attributes they need tell whether they can match."""


def clipper_rules(count: int, forms: tuple[tuple[str, str], ...] = RULE_FORMS,
                  suffix: str = "") -> Callable[[dict[str, Any]], Extractor]:
    """Clipper with ``count`` site rules for every page's host (the issue's cost check):
    selectors of the forms people write, looked up by host and run on each page."""

    def build(_opts: dict[str, Any]) -> Extractor:
        from urllib.parse import urlsplit

        from clipper.extract import extract
        from clipper.library.site_rules import SiteRules

        libraries: dict[str, SiteRules] = {}  # read once, as a command or the window does

        def run(html: str, url: str | None) -> Result:
            host = urlsplit(url or "").hostname or "example.com"
            rules = libraries.get(host)
            if rules is None:
                rules = libraries[host] = SiteRules()
                for i in range(count):
                    kind, form = forms[i % len(forms)]
                    rules.add(host, kind, form.format(i=i), date="2026-12-07")
            page_rules = rules.for_url(url or f"https://{host}/")
            a = extract(html, url, rules=page_rules)
            out = {key: getattr(a, key, None) for key in CLIPPER_FIELDS}
            out["markdown"] = out["markdown"] or ""
            return out

        return Extractor(f"clipper_rules{count}{suffix}", run, _version("article-clipper"),
                         f"clipper.extract.extract with {count} site rules for the host")

    return build


# --- trafilatura -------------------------------------------------------------------------------


def _trafilatura(notes: str, **options: Any) -> Callable[[dict[str, Any]], Extractor]:
    """Markdown body and metadata from one ``bare_extraction``, comments left out."""

    def make(_opts: dict[str, Any]) -> Extractor:
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

        return Extractor("", run, _version("trafilatura"), notes)

    return make


# --- readability-lxml, resiliparse, jusText ------------------------------------------------------


def readability_lxml(_opts: dict[str, Any]) -> Extractor:
    try:
        from readability import Document
    except ImportError as exc:
        raise Unavailable(f"readability-lxml: {exc}") from exc
    from bench.extraction.metrics import visible_text

    def run(html: str, url: str | None) -> Result:
        doc = Document(html, url=url)
        summary = doc.summary(html_partial=True)
        return {"text": visible_text(summary), "html": summary, "title": doc.short_title(),
                "byline": doc.author()}

    return Extractor("", run, _version("readability-lxml"),
                     "summary(html_partial=True) -> visible text; structure from that HTML")


def resiliparse(_opts: dict[str, Any]) -> Extractor:
    try:
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.html import HTMLTree
    except ImportError as exc:
        raise Unavailable(f"resiliparse: {exc}") from exc

    def run(html: str, url: str | None) -> Result:
        tree = HTMLTree.parse(html)
        return {"text": extract_plain_text(tree, main_content=True),
                "title": tree.title or None}

    return Extractor("", run, _version("resiliparse"),
                     "extract_plain_text(main_content=True); title = raw <title>")


_HTML_LANG_RE = re.compile(r"<html[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)


def justext_alone(_opts: dict[str, Any]) -> Extractor:
    """jusText on its own: the stop list of the page's declared language, else all of them.

    Not an anchor: it measures how far stop-word density per block goes without any
    container choice (issue 10's "boilerplate in every language" question).
    """
    try:
        import justext
    except ImportError as exc:
        raise Unavailable(f"jusText: {exc}") from exc
    by_code = _justext_languages(justext)
    every = frozenset(w for name in justext.get_stoplists() for w in justext.get_stoplist(name))

    def run(html: str, url: str | None) -> Result:
        m = _HTML_LANG_RE.search(html[:20000])
        name = by_code.get(m.group(1).lower()) if m else None
        stoplist = justext.get_stoplist(name) if name else every
        paragraphs = justext.justext(html.encode("utf-8"), stoplist, encoding="utf-8")
        return {"text": "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)}

    return Extractor("", run, _version("jusText"),
                     "justext(stop list of <html lang>, else every language's), good+near-good "
                     "paragraphs kept as classified")


_LANGUAGE_CODES = ("en", "de", "fr", "es", "pl", "it", "nl", "pt", "ru", "cs", "sk", "hu", "sv",
                   "da", "no", "fi", "tr", "el", "ro", "bg", "hr", "sl", "sr", "uk", "ca", "et",
                   "lv", "lt", "id", "ms", "vi", "ar", "he", "fa", "hi", "ja", "zh", "ko")


def _justext_languages(justext: Any) -> dict[str, str]:
    """ISO 639-1 code -> jusText stop list name, for the languages both know."""
    try:
        from babel import Locale
    except ImportError:
        return {"en": "English", "de": "German", "fr": "French", "es": "Spanish",
                "pl": "Polish", "it": "Italian", "nl": "Dutch", "pt": "Portuguese"}
    names = set(justext.get_stoplists())
    out = {}
    for code in _LANGUAGE_CODES:
        try:
            name = Locale(code).get_display_name("en").split(" (")[0]
        except Exception:
            continue
        if name == "Norwegian":
            name = "Norwegian_Bokmal"
        if name in names:
            out[code] = name
    return out


# --- Node anchors (Readability.js, Defuddle) ----------------------------------------------------


class NodeWorker:
    """One long-lived Node process running a worker script for all pages.

    The worker answers one JSON line per request and reports ``ms``, the time spent
    inside Node; the rest of the round trip is ``overhead_ms``, for the runner to
    subtract.
    """

    def __init__(self, script: str, node_dir: Path, required: tuple[str, ...],
                 hint: str, env: dict[str, str] | None = None) -> None:
        modules = node_dir / "node_modules"
        missing = [m for m in required if not (modules / m).is_dir()]
        if missing:
            raise Unavailable(f"{' / '.join(missing)} not found under {modules} ({hint})")
        try:
            self.proc = subprocess.Popen(
                ["node", "--max-old-space-size=4096", str(NODE_SCRIPTS / script)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                env=dict(os.environ, NODE_PATH=str(modules), **(env or {})),
                text=True, encoding="utf-8", bufsize=1)
        except FileNotFoundError as exc:
            raise Unavailable("node not found on PATH") from exc
        assert self.proc.stdin is not None
        assert self.proc.stdout is not None
        self.stdin, self.stdout = self.proc.stdin, self.proc.stdout
        hello = self.stdout.readline()
        if not hello:
            self.close()
            raise Unavailable(f"{script} did not start")
        self.versions: dict[str, str] = json.loads(hello).get("versions", {})

    def __call__(self, html: str, url: str | None, **extra: Any) -> dict[str, Any]:
        t0 = time.perf_counter()
        self.stdin.write(json.dumps({"html": html, "url": url, **extra}) + "\n")
        self.stdin.flush()
        line = self.stdout.readline()
        wall_ms = (time.perf_counter() - t0) * 1000
        if not line:
            raise RuntimeError("node worker died")
        reply: dict[str, Any] = json.loads(line)
        reply["overhead_ms"] = max(0.0, wall_ms - reply.get("ms", 0.0))
        if reply.get("error"):
            raise RuntimeError(str(reply["error"])[:300])
        return reply

    def close(self) -> None:
        if self.proc.poll() is None:
            self.stdin.close()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def _html2text_markdown(html: str, url: str | None) -> str:
    import html2text

    converter = html2text.HTML2Text(baseurl=url or "")
    converter.body_width = 0  # no hard wrapping (it would split link syntax)
    return converter.handle(html)


def readability_js_md(opts: dict[str, Any]) -> Extractor:
    """Readability.js 0.6 on jsdom; its content HTML to Markdown with html2text."""
    try:
        import html2text  # noqa: F401
    except ImportError as exc:
        raise Unavailable(f"html2text: {exc}") from exc
    worker = NodeWorker("readability_worker.js", Path(opts.get("node_dir") or default_node_dir()),
                        ("@mozilla/readability", "jsdom"),
                        "npm install --save-exact @mozilla/readability@0.6.0 jsdom@29.1.1 "
                        "there, or pass --node-dir / BENCH_NODE_DIR")

    def run(html: str, url: str | None) -> Result:
        r = worker(html, url)
        return {"markdown": _html2text_markdown(r.get("content") or "", url),
                "title": r.get("title"), "byline": r.get("byline"),
                "published": r.get("publishedTime"), "site_name": r.get("siteName"),
                "excerpt": r.get("excerpt"), "overhead_ms": r["overhead_ms"]}

    version = "/".join(f"{k} {v}" for k, v in worker.versions.items() if k != "node")
    return Extractor("", run, version, "Readability.js content -> html2text Markdown",
                     close=worker.close)


def defuddle_md(opts: dict[str, Any]) -> Extractor:
    """Defuddle (Obsidian Web Clipper's extractor) on linkedom, network refused."""
    node_dir = Path(opts.get("defuddle_node_dir") or default_defuddle_node_dir())
    # TZ=UTC as in Defuddle's test script: the dates it formats do not depend on the zone.
    worker = NodeWorker("defuddle_worker.js", node_dir, ("defuddle", "linkedom"),
                        "npm install --save-exact defuddle@0.19.4 linkedom@0.18.15 "
                        "turndown@7.2.5 temml@0.13.5 there, or pass --defuddle-node-dir / "
                        "BENCH_DEFUDDLE_NODE_DIR", env={"TZ": "UTC"})

    def run(html: str, url: str | None) -> Result:
        r = worker(html, url, markdown=True)
        return {"markdown": r.get("markdown") or "", "title": r.get("title"),
                "byline": r.get("author"), "published": r.get("published"),
                "site_name": r.get("site"), "excerpt": r.get("description"),
                "overhead_ms": r["overhead_ms"]}

    version = "/".join(f"{k} {v}" for k, v in worker.versions.items() if k != "node")
    return Extractor("", run, version,
                     "Defuddle contentMarkdown (separateMarkdown), linkedom, fetch refused",
                     close=worker.close)


# --- Registry ------------------------------------------------------------------------------------

REGISTRY: dict[str, Callable[[dict[str, Any]], Extractor]] = {
    "clipper": clipper,
    "trafilatura_md": _trafilatura("markdown, default settings, no comments"),
    "readability_lxml": readability_lxml,
    "readability_js_md": readability_js_md,
    "defuddle_md": defuddle_md,
    "resiliparse": resiliparse,
    # not run unless named with --only: variants for error analysis
    "trafilatura_md_full": _trafilatura(
        "markdown with links, images, formatting", include_links=True, include_images=True,
        include_formatting=True),
    "trafilatura_md_fast": _trafilatura(
        "markdown, fast=True: no readability/jusText fallback comparison", fast=True),
    "justext": justext_alone,
    "clipper_rules50": clipper_rules(50),
    "clipper_rules50_noclass": clipper_rules(50, NO_CLASS_FORMS, "_noclass"),
}
DEFAULT_EXTRACTORS = ("clipper", "trafilatura_md", "readability_lxml", "readability_js_md",
                      "defuddle_md", "resiliparse")
ANCHORS = tuple(n for n in DEFAULT_EXTRACTORS if n != "clipper")
# The anchor the speed criterion is measured against.
SPEED_REFERENCE = "trafilatura_md"


def build(name: str, opts: dict[str, Any] | None = None) -> Extractor:
    """The named extractor, ready to run; ``Unavailable`` when it cannot be."""
    extractor = REGISTRY[name](opts or {})
    extractor.name = name
    return extractor

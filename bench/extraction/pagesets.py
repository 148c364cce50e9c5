"""The page sets the benchmark reads, each page tagged with its side of the split.

Loaders follow the shared harness's (``shared/bench/extraction.py``) so that a page is
the same text, with the same URL and the same reference, in both; ``decode_html`` is its
copy (trafeval pages are bytes, decoded as a browser would, for every extractor alike).
The corpora stay in ../shared: nothing here copies them.

Layouts (``--set`` names the layout of ``--data``):
  readability  DIR/<name>/{source.html, expected.html, expected-metadata.json}
  scrapinghub  DIR/html/<id>.html.gz + DIR/ground-truth.json ({id: {articleBody, url}});
               every subfolder of shared/corpus/webdev
  trafeval     DIR/html/<file>(.gz) + DIR/snippets.json ({file: {url, with, without,
               title?, author?, date?}}); shared/corpus/trafeval-a
  evaldata     DIR/evaldata.json ({id: {file, url, with, without, comments?}}) + the
               files it names (the held-out sets ``heldout.py`` builds)
"""

from __future__ import annotations

import codecs
import gzip
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.extraction import metrics as M
from bench.extraction.split import Part, part

READABILITY_URL = "http://fakehost/test/page.html"  # the URL Readability.js's tests use
PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = PROJECT_ROOT.parent / "shared" / "corpus"


@dataclass
class Page:
    id: str
    html: str
    url: str | None
    reference: str
    meta: dict[str, Any] = field(default_factory=dict)
    structure: dict[str, int] | None = None
    snippets: dict[str, list[str]] | None = None  # {"with": [...], "without": [...]}
    part: Part = "tune"


def load_readability(data: Path) -> list[Page]:
    pages = []
    for d in sorted(p for p in data.iterdir() if (p / "source.html").is_file()):
        html = (d / "source.html").read_text(encoding="utf-8", errors="replace")
        expected = (d / "expected.html").read_text(encoding="utf-8", errors="replace")
        meta_path = d / "expected-metadata.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
        tree = M.parse_html(expected)
        pages.append(
            Page(
                d.name,
                html,
                READABILITY_URL,
                M.visible_text(tree),
                meta,
                M.structure_counts(tree),
                part=part(d.name),
            )
        )
    return pages


def load_scrapinghub(data: Path) -> list[Page]:
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth):
        with gzip.open(data / "html" / f"{page_id}.html.gz", "rt", encoding="utf-8") as f:
            html = f.read()
        item = truth[page_id]
        meta = {"title": item["title"]} if item.get("title") else {}
        pages.append(
            Page(
                page_id,
                html,
                item.get("url"),
                item.get("articleBody") or "",
                meta,
                part=part(page_id),
            )
        )
    return pages


# BOMs, then labels that browsers decode with a superset (WHATWG Encoding Standard).
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SUPERSET = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "gb2312": "gb18030",
    "gbk": "gb18030",
}
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
_XML_ENCODING_RE = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_:.-]+)""")


def decode_html(raw: bytes) -> str:
    """Bytes of a saved page as text, as the shared harness decodes them (its copy).

    A BOM wins; then UTF-8 when the bytes are valid UTF-8; then the charset the page
    declares (meta in the first 64 KiB, or an XML declaration), latin-1 and ASCII read
    as windows-1252 and GB2312 as GB18030; else windows-1252. Bytes that do not decode
    become U+FFFD.
    """
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return raw.decode(codec, errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    m = _META_CHARSET_RE.search(raw[:65536]) or _XML_ENCODING_RE.search(raw[:1024])
    label = m.group(1).decode("ascii").lower() if m else "windows-1252"
    codec = _SUPERSET.get(label, label)
    try:
        codecs.lookup(codec)
    except LookupError:
        codec = "cp1252"
    return raw.decode(codec, errors="replace")


# trafilatura's annotation keys -> the keys of Readability's expected-metadata.json
TRAFEVAL_META = {
    "title": "title",
    "author": "byline",
    "date": "publishedTime",
    "sitename": "siteName",
}


def load_trafeval(data: Path) -> list[Page]:
    truth = json.loads((data / "snippets.json").read_text(encoding="utf-8"))
    pages = []
    for name in sorted(truth):
        item = truth[name]
        path = data / "html" / name
        raw = (
            path.read_bytes()
            if path.exists()
            else gzip.decompress((data / "html" / (name + ".gz")).read_bytes())
        )
        meta = {}
        for key, meta_key in TRAFEVAL_META.items():
            if key in item:
                value = item[key]
                meta[meta_key] = "; ".join(value) if isinstance(value, list) else value
        pages.append(
            Page(
                name,
                decode_html(raw),
                item.get("url"),
                "",
                meta,
                snippets={"with": item["with"], "without": item["without"]},
                part=part(name),
            )
        )
    return pages


def load_evaldata(data: Path) -> list[Page]:
    from clipper.decode import decode_html as clipper_decode  # as the held-out sets were read

    items = json.loads((data / "evaldata.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(items):
        item = items[page_id]
        html = clipper_decode((data / item["file"]).read_bytes())
        meta = {"title": item["title"]} if item.get("title") else {}
        comments = set(item.get("comments") or ())  # reader comments: not article text
        with_ = [s for s in item["with"] if s not in comments]
        pages.append(
            Page(
                page_id,
                html,
                item.get("url"),
                "",
                meta,
                snippets={"with": with_, "without": item["without"]},
                part=part(page_id),
            )
        )
    return pages


LOADERS: dict[str, Callable[[Path], list[Page]]] = {
    "readability": load_readability,
    "scrapinghub": load_scrapinghub,
    "trafeval": load_trafeval,
    "evaldata": load_evaldata,
}


def guess_kind(data: Path) -> str:
    if (data / "ground-truth.json").is_file():
        return "scrapinghub"
    if (data / "snippets.json").is_file():
        return "trafeval"
    if (data / "evaldata.json").is_file():
        return "evaldata"
    return "readability"


@dataclass(frozen=True)
class PageSet:
    name: str  # "readability", "webdev/dragnet_data", "trafeval-a"
    kind: str  # a key of LOADERS
    data: Path

    @property
    def slug(self) -> str:
        """The name as a file-name part ("webdev-dragnet_data")."""
        return self.name.replace("/", "-")


def corpus_sets(root: Path = DEFAULT_CORPUS) -> list[PageSet]:
    """Every set of shared/corpus that exists: readability, each webdev subset, trafeval-a."""
    sets = []
    if (root / "readability").is_dir():
        sets.append(PageSet("readability", "readability", root / "readability"))
    webdev = root / "webdev"
    if webdev.is_dir():
        for sub in sorted(webdev.iterdir(), key=lambda p: p.name.lower()):
            if (sub / "ground-truth.json").is_file():
                sets.append(PageSet(f"webdev/{sub.name}", "scrapinghub", sub))
    for sub in sorted(root.glob("trafeval*")):
        if (sub / "snippets.json").is_file():
            sets.append(PageSet(sub.name, "trafeval", sub))
    return sets

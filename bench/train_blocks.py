"""Train the learned block classifier (``clipper/extract/learned.py``) on the TUNING parts of
every corpus set and write ``clipper/extract/data/blocks_model.json``.

  .venv/bin/pip install -e '.[test,bench,train]'
  .venv/bin/python -m bench.train_blocks [--corpus ../shared/corpus] [--out FILE]
                                         [--features CACHE.jsonl] [--report] [--half]
                                         [--threshold 0.7]

Clipper runs on each tuning page as it ships, except that the learned edge trim only records
the blocks it would judge (``learned.edge_page``, after the hand rules); these are labelled:
  webdev sets and the readability corpus: a block is the writer's when most of its 4-word
  shingles (a short block: its words in a row) are in the reference text, furniture when
  almost none are (in between: not used);
  trafeval-a: a block holding (or held in) a must-drop snippet is furniture, a must-keep
  snippet the writer's; other blocks are not used.
The checking parts are never read. The same corpus gives the same file (fixed seed, sorted
pages, sorted features).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from bench.extraction.metrics import SHINGLE_N, tokenize
from bench.extraction.pagesets import DEFAULT_CORPUS, LOADERS, Page, corpus_sets
from bench.extraction.split import page_stem

MODEL_PATH = Path(__file__).resolve().parents[1] / "clipper" / "extract" / "data" / \
    "blocks_model.json"
SHINGLE = SHINGLE_N
CONTENT_SHARE = 0.5
FURNITURE_SHARE = 0.1
TREES = 150
DEPTH = 3
RATE = 0.1
"""Gradient-boosted trees: a small ensemble, walked in pure Python at run time."""


def held_out(page_id: str) -> bool:
    """The half of the tuning part left out of training with ``--half``: the second hex
    digit of sha256(stem) is odd (the first decides tune or check: ``split.part``)."""
    digest = hashlib.sha256(page_stem(page_id).encode("utf-8")).hexdigest()
    return int(digest[1], 16) % 2 == 1


def tokens(text: str) -> list[str]:
    """The metric's word tokens (``metrics.tokenize``), in lower case."""
    return tokenize(text.lower())


def shingles(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


class Reference:
    """A reference text, ready to say how much of a block it holds."""

    def __init__(self, text: str) -> None:
        words = tokens(text)
        self.joined = " " + " ".join(words) + " "
        self.shingles = shingles(words)

    def label(self, text: str) -> int | None:
        words = tokens(text)
        if not words:
            return None
        if len(words) < SHINGLE:
            return 1 if " " + " ".join(words) + " " in self.joined else 0
        own = shingles(words)
        share = len(own & self.shingles) / len(own)
        if share >= CONTENT_SHARE:
            return 1
        return 0 if share <= FURNITURE_SHARE else None


def snippet_label(text: str, snippets: dict[str, list[str]]) -> int | None:
    block = " " + " ".join(tokens(text)) + " "
    if len(block.split()) == 0:
        return None

    def hit(snippet: str) -> bool:
        s = " " + " ".join(tokens(snippet)) + " "
        return len(s.split()) > 0 and (s in block or (len(block.split()) >= 3 and block in s))

    keep = any(hit(s) for s in snippets.get("with", []))
    drop = any(hit(s) for s in snippets.get("without", []))
    if keep == drop:
        return None
    return 1 if keep else 0


def collect(pages: list[Page], set_name: str) -> list[dict[str, Any]]:
    """Rows {set, page, label (1 = writer's), features} of the tuning pages."""
    import clipper.extract as extract_module
    from clipper.errors import NoArticleError
    from clipper.extract import edges, learned

    captured: list[tuple[Any, list[dict[str, float]]]] = []
    original = edges.trim_learned

    def capture(article: Any, blocks: Any, stop: frozenset[str], closing: Any,
                page_url: str | None = None) -> None:
        page = learned.edge_page(article, blocks, stop)
        if page is not None:
            captured.append((page.blocks, [page.features(i) for i in range(len(page.blocks))]))

    rows: list[dict[str, Any]] = []
    edges.trim_learned = capture
    try:
        for page in pages:
            if page.part != "tune":
                continue
            captured.clear()
            try:
                extract_module.extract(page.html, page.url)
            except (NoArticleError, ValueError):
                continue
            if not captured:
                continue
            blocks, features = captured[-1]
            ref = Reference(page.reference) if page.snippets is None else None
            for block, feats in zip(blocks, features, strict=True):
                label = ref.label(block.text) if ref is not None else \
                    snippet_label(block.text, page.snippets or {})
                if label is not None:
                    rows.append({"set": set_name, "page": page.id, "label": label,
                                 "features": feats})
    finally:
        edges.trim_learned = original
    return rows


def train(rows: list[dict[str, Any]], report: bool) -> dict[str, Any]:
    import numpy as np
    from sklearn.ensemble import GradientBoostingClassifier
    from sklearn.feature_extraction import DictVectorizer

    vec = DictVectorizer(sparse=True, sort=True)
    x = vec.fit_transform([r["features"] for r in rows]).tocsr()
    y = np.array([1 - r["label"] for r in rows])  # 1 = furniture
    # every set weighs the same in all, whatever its number of blocks
    per_set: dict[str, int] = {}
    for r in rows:
        per_set[r["set"]] = per_set.get(r["set"], 0) + 1
    weight = np.array([len(rows) / (len(per_set) * per_set[r["set"]]) for r in rows])
    model = GradientBoostingClassifier(n_estimators=TREES, max_depth=DEPTH, learning_rate=RATE,
                                       subsample=0.8, random_state=0)
    model.fit(x, y, sample_weight=weight)
    if report:
        _report(model, x, y, rows)
    names = [str(n) for n in vec.get_feature_names_out()]
    used: dict[int, int] = {}
    trees = []
    for (estimator,) in model.estimators_:
        tree = estimator.tree_
        nodes = []
        for i in range(tree.node_count):
            left, right = int(tree.children_left[i]), int(tree.children_right[i])
            if left < 0:
                nodes.append([round(float(tree.value[i][0][0]) * RATE, 6)])
            else:
                index = used.setdefault(int(tree.feature[i]), len(used))
                nodes.append([index, round(float(tree.threshold[i]), 6), left, right])
        trees.append(nodes)
    features = [names[i] for i, _ in sorted(used.items(), key=lambda kv: kv[1])]
    bias = float(model._raw_predict_init(x[:1])[0][0])
    return {"kind": "trees", "bias": round(bias, 6), "features": features, "trees": trees,
            "rows": len(rows), "furniture_rows": int(y.sum())}


def _report(model: Any, x: Any, y: Any, rows: list[dict[str, Any]]) -> None:
    """Precision and recall of "furniture" at a few thresholds, on the training rows,
    among the blocks after the last good one (where the trim acts)."""
    p = model.predict_proba(x)[:, 1]
    for t in (0.5, 0.7, 0.8, 0.9, 0.95):
        for name, mask in (("all", [True] * len(rows)),
                           ("post_good", [r["features"].get("post_good", 0) > 0 for r in rows]),
                           ("pre_good", [r["features"].get("pre_good", 0) > 0 for r in rows])):
            sel = [i for i, m in enumerate(mask) if m]
            pred = [i for i in sel if p[i] >= t]
            tp = sum(1 for i in pred if y[i] == 1)
            pos = sum(1 for i in sel if y[i] == 1)
            print(f"t={t} {name:9} blocks {len(sel):6} flagged {len(pred):6} "
                  f"precision {tp / max(len(pred), 1):.3f} recall {tp / max(pos, 1):.3f}",
                  file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--features", type=Path, help="cache of the labelled rows (JSON lines)")
    ap.add_argument("--threshold", type=float, default=0.7,
                    help="p(furniture) from which an edge block is cut")
    ap.add_argument("--report", action="store_true")
    ap.add_argument("--half", action="store_true",
                    help="train on half the tuning pages only (held_out() tells the other "
                         "half), to choose the thresholds on pages the model has not seen")
    args = ap.parse_args(argv)
    if args.features and args.features.is_file():
        rows = [json.loads(line) for line in args.features.read_text("utf-8").splitlines()]
    else:
        rows = []
        for page_set in corpus_sets(args.corpus):
            pages = LOADERS[page_set.kind](page_set.data)
            got = collect(pages, page_set.name)
            print(f"{page_set.name}: {len(got)} labelled blocks", file=sys.stderr)
            rows.extend(got)
        if args.features:
            args.features.write_text("".join(json.dumps(r, sort_keys=True) + "\n"
                                             for r in rows), "utf-8")
    if args.half:
        rows = [r for r in rows if not held_out(r["page"])]
    data = train(rows, args.report)
    data["threshold"] = args.threshold
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n",
                        "utf-8")
    print(f"{args.out}: {len(data['trees'])} trees on {len(data['features'])} features "
          f"from {data['rows']} blocks",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

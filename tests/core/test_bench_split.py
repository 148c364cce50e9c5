"""The tuning/checking split and the benchmark's per-part tables (``bench/extraction``).

The split is fixed forever: the pinned pages below must never change side. The tables
are checked on small page sets written here, so no corpus, anchor library or Node is
needed; an anchor whose node folder is missing is reported and skipped.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # ``bench`` lives at the project root, beside ``clipper``
    sys.path.insert(0, str(ROOT))

from bench.extraction import run as bench_run  # noqa: E402
from bench.extraction.pagesets import Page, corpus_sets  # noqa: E402
from bench.extraction.scoring import score, summarize  # noqa: E402
from bench.extraction.split import page_stem, part  # noqa: E402


@pytest.mark.parametrize(
    "page_id",
    [
        "R136",
        "T49",
        "ars-1",
        "wikipedia",
        "100",
        "60",
        "bbc.co.uk_news_01",
        "0a4a8ab61c054192b1ec70cc3570cf45",
        "Ünïcode-页",
    ],
)
def test_part_is_the_parity_of_the_first_hex_digit_of_the_ids_sha256(page_id: str) -> None:
    first = int(hashlib.sha256(page_id.encode("utf-8")).hexdigest()[0], 16)
    assert part(page_id) == ("check" if first % 2 else "tune")


def test_pinned_pages_keep_their_side() -> None:
    # sha256 first digits: R136 c, T49 e, 100 a (even); ars-1 5, wikipedia b, 60 3 (odd)
    assert [part(i) for i in ("R136", "T49", "100")] == ["tune"] * 3
    assert [part(i) for i in ("ars-1", "wikipedia", "60")] == ["check"] * 3


def test_trafeval_ids_with_or_without_html_fall_on_the_same_side() -> None:
    stem = "0a4a8ab61c054192b1ec70cc3570cf45"
    assert page_stem(stem + ".html") == page_stem(stem + ".html.gz") == stem
    assert part(stem + ".html") == part(stem)
    assert page_stem("news.html-archive") == "news.html-archive"


def test_the_split_is_roughly_half_and_half() -> None:
    sides = [part(f"page-{i}") for i in range(2000)]
    assert 900 < sides.count("check") < 1100


def _text_page(page_id: str, reference: str) -> Page:
    return Page(page_id, "<p>x</p>", None, reference, part=part(page_id))


def _out(markdown: str, ms: float = 1.0) -> dict:
    return {"result": {"markdown": markdown}, "error": None, "ms": ms}


def test_none_kept_counts_text_pages_whose_recall_is_below_five_percent() -> None:
    article = " ".join(f"word{i}" for i in range(100))
    pages = [
        _text_page("R136", article),
        _text_page("ars-1", article),
        _text_page("T49", article),
        _text_page("100", ""),
    ]
    outs = [
        _out(article),
        _out("nav menu home about"),
        _out(" ".join(f"word{i}" for i in range(3)) + " and a lot of other words here"),
        _out("text on a page whose reference is empty"),
    ]
    rows = score("scrapinghub", pages, outs)
    assert [r["none_kept"] for r in rows] == [False, True, True, False]
    m = summarize("scrapinghub", rows)
    assert m["none_kept"] == 2
    assert m["none_kept_ids"] == ["ars-1", "T49"]


def test_none_kept_on_snippet_pages_means_no_with_snippet_found() -> None:
    pages = [
        Page(i, "", None, "", snippets=s, part=part(i))
        for i, s in (
            ("a.html", {"with": ["Kept text"], "without": ["Junk"]}),
            ("b.html", {"with": ["Lost text", "Also lost"], "without": []}),
            ("c.html", {"with": [], "without": ["Junk"]}),
        )
    ]
    rows = score(
        "trafeval", pages, [_out("Kept  text and Junk"), _out("Junk only"), _out("nothing")]
    )
    assert [r["none_kept"] for r in rows] == [False, True, False]
    assert rows[0]["leaked"] == ["Junk"]
    assert rows[1]["missed"] == ["Lost text", "Also lost"]
    m = summarize("trafeval", rows)
    assert (m["tp"], m["fp"], m["fn"], m["tn"]) == (1, 1, 2, 1)
    assert m["none_kept"] == 1


def _report(extractor: str, rows: list[dict], run: str = "r1") -> dict:
    return {
        "set": "scrapinghub",
        "set_name": "webdev/x",
        "extractor": extractor,
        "run": run,
        "pages": rows,
    }


def _rows(f1_by_id: dict[str, float], ms: float) -> list[dict]:
    rows = []
    for page_id, f1 in f1_by_id.items():
        tp = f1 / (2 - f1) if f1 else 0.0  # equal P and R give this F1
        rows.append(
            {
                "id": page_id,
                "part": part(page_id),
                "ms": ms,
                "error": None,
                "tp": tp,
                "fp": (1 - tp) / 2,
                "fn": (1 - tp) / 2,
                "precision": f1,
                "recall": f1,
                "f1": f1,
                "accuracy": 0.0,
                "tokens_out": 5,
                "none_kept": f1 == 0,
            }
        )
    return rows


def test_tables_give_clipper_minus_each_anchor_and_the_speed_ratio_per_part(capsys) -> None:
    clip = _report("clipper", _rows({"R136": 1.0, "ars-1": 0.5}, ms=7.0))
    traf = _report("trafilatura_md", _rows({"R136": 0.8, "ars-1": 0.5}, ms=10.0))
    bench_run.print_set_table([clip, traf], "tune")
    out = capsys.readouterr().out
    assert "webdev/x · tune part · 1 pages" in out
    traf_line = next(line for line in out.splitlines() if line.startswith("trafilatura_md"))
    assert traf_line.split()[1] == "0.800"
    assert traf_line.endswith("+0.200")
    assert "median ms clipper/trafilatura 0.70×" in out
    header, rows = bench_run.summary_rows([clip, traf], ["tune", "check"])
    assert header[:5] == ["set", "part", "pages", "clipper", "trafilatura_md"]
    assert rows[0][:5] == ["webdev/x", "tune", "1", "1.000 (0)", "0.800 (0)"]
    assert rows[0][-2:] == ["+0.200", "0.70"]
    assert rows[1][-2:] == ["+0.000", "0.70"]


def test_no_speed_ratio_between_reports_of_different_runs(capsys) -> None:
    clip = _report("clipper", _rows({"R136": 1.0}, ms=7.0), run="r1")
    traf = _report("trafilatura_md", _rows({"R136": 0.8}, ms=10.0), run="r2")
    _, rows = bench_run.summary_rows([clip, traf], ["tune"])
    assert rows[0][-2:] == ["+0.200", "-"]


def _scrapinghub_set(folder: Path) -> Path:
    (folder / "html").mkdir(parents=True)
    truth = {}
    for page_id in ("R136", "ars-1"):
        body = f"The story {page_id} tells is long enough to be scored as an article here."
        html = (
            f"<html><head><title>{page_id}</title></head><body><nav>Home About</nav>"
            f"<article><h1>{page_id}</h1><p>{body}</p><p>{body} Again, "
            "with more words.</p></article></body></html>"
        )
        (folder / "html" / f"{page_id}.html.gz").write_bytes(gzip.compress(html.encode()))
        truth[page_id] = {"articleBody": body, "url": f"https://example.org/{page_id}"}
    (folder / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return folder


def test_one_run_scores_a_part_and_skips_an_anchor_that_is_not_there(
    tmp_path: Path, capsys
) -> None:
    data = _scrapinghub_set(tmp_path / "webdev" / "tiny")
    code = bench_run.main(
        [
            "--data",
            str(data),
            "--part",
            "check",
            "--quiet",
            "--warmup",
            "0",
            "--only",
            "clipper,defuddle_md",
            "--json",
            str(tmp_path / "out"),
            "--defuddle-node-dir",
            str(tmp_path / "no-node"),
        ]
    )
    assert code == 0
    captured = capsys.readouterr()
    assert "skipping defuddle_md: not available" in captured.err
    assert "· check part · 1 pages" in captured.out
    report = json.loads((tmp_path / "out" / "tiny__clipper.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in report["pages"]] == ["ars-1"]
    assert report["pages"][0]["part"] == "check"
    assert report["metrics"]["pages"] == 1
    assert report["pages"][0]["recall"] > 0.5


def test_no_extractor_available_is_exit_3(tmp_path: Path, capsys) -> None:
    data = _scrapinghub_set(tmp_path / "tiny")
    code = bench_run.main(
        [
            "--data",
            str(data),
            "--quiet",
            "--only",
            "readability_js_md",
            "--node-dir",
            str(tmp_path / "no-node"),
        ]
    )
    assert code == 3
    assert "skipping readability_js_md" in capsys.readouterr().err


def test_corpus_sets_lists_readability_each_webdev_subset_and_trafeval(tmp_path: Path) -> None:
    (tmp_path / "readability").mkdir()
    for sub in ("dragnet_data", "cleaneval-dev"):
        _scrapinghub_set(tmp_path / "webdev" / sub)
    (tmp_path / "webdev" / "README.md").write_text("x", encoding="utf-8")
    (tmp_path / "trafeval-a").mkdir()
    (tmp_path / "trafeval-a" / "snippets.json").write_text("{}", encoding="utf-8")
    sets = corpus_sets(tmp_path)
    assert [(s.name, s.kind) for s in sets] == [
        ("readability", "readability"),
        ("webdev/cleaneval-dev", "scrapinghub"),
        ("webdev/dragnet_data", "scrapinghub"),
        ("trafeval-a", "trafeval"),
    ]
    assert sets[1].slug == "webdev-cleaneval-dev"


def test_reports_of_the_shared_harness_are_split_and_scored(capsys) -> None:
    # its rows carry neither "part" nor "none_kept", and its reports no run stamp
    rows = [
        {
            "id": i,
            "ms": 5.0,
            "error": None,
            "tp": tp,
            "fp": 0,
            "fn": fn,
            "tn": 1,
            "precision": 1.0,
            "recall": tp / (tp + fn),
            "f1": 0.0,
            "accuracy": 0.0,
            "tokens_out": 9,
        }
        for i, tp, fn in (("a.html", 0, 2), ("b.html", 2, 0), ("c.html", 1, 1))
    ]
    report = {"set": "trafeval", "extractor": "project", "pages": rows}
    sides = {i: part(i) for i in ("a.html", "b.html", "c.html")}
    for side in ("tune", "check"):
        m = bench_run.part_metrics(report, side)
        ids = [i for i, s in sides.items() if s == side]
        assert (m["pages"] if m else 0) == len(ids)
        if m:
            assert m["none_kept_ids"] == [i for i in ids if i == "a.html"]
    _, table = bench_run.summary_rows([report, {**report, "extractor": "trafilatura_md"}], ["all"])
    assert table[0][-1] == "-"  # two runs of the shared harness: no speed ratio

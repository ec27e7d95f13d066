"""The benchmark's parts that are not timings: the generated corpora, the child-process
runner, and how targets are judged. (Speed itself is measured by `make bench`, never here.)"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

# the benchmark is a tool of the checkout (tools/bench.py), not part of the installed package
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import bench  # noqa: E402


def test_corpora_are_seeded_and_shaped_like_news():
    mix = bench.corpus("mix", 300)
    assert mix == bench.corpus("mix", 300)
    assert len({d["text"] for d in mix}) == 300
    assert len({d["id"] for d in mix}) == 300
    gen = bench.generator()
    shares = [d["kind"] for d in gen.corpus("mix", 300)]
    assert 0.05 <= shares.count("funding") / 300 <= 0.15  # a realistic feed: little funding news
    assert {"market", "sport", "politics", "tech", "jobs"} <= set(shares)
    assert all(d["kind"] == "funding" for d in gen.corpus("dense", 50))
    lengths = [len(d["text"].split()) for d in mix]
    assert 200 <= sum(lengths) / len(lengths) <= 350
    assert all("\n" in d["text"] and d["lang"] == "fr" for d in mix)  # paragraphs, one a line


def test_documents_are_valid_input():
    from milliard.schema import InputDocument

    for d in bench.corpus("dense", 20):
        assert InputDocument.model_validate(d).text == d["text"]


def test_big_document_has_the_size_asked():
    doc = bench.big_document(50_000)
    assert 50_000 <= len(doc["text"]) < 60_000


def _child_ok(x):
    return {"double": 2 * x}


def _child_fails():
    raise ValueError("broken on purpose")


def test_in_child_returns_the_result_and_its_peak_rss():
    out = bench.in_child(_child_ok, 21)
    assert out["double"] == 42 and out["rss_mb"] > 0


def test_in_child_reports_a_failure():
    with pytest.raises(RuntimeError, match="broken on purpose"):
        bench.in_child(_child_fails)


def test_timing_keeps_the_fastest_run():
    import time

    waits = iter([0.05, 0.0, 0.05])
    timing = bench.Timing(lambda: time.sleep(next(waits)), 3)
    assert timing.wall < 0.04 and timing.cpu >= 0


def report_with(dense_cpu_ratio: float, two_workers_cpu: float) -> dict:
    rows = []
    for kind in ("dense", "mix"):
        def row(what, seconds, cpu, kind=kind, **extra):
            rows.append({"corpus": kind, "what": what, "seconds": seconds, "cpu_seconds": cpu,
                         "vs_bare": round(10 / seconds, 2), "cpu_vs_bare": round(10 / cpu, 2), **extra})
        row(bench.BARE, 10, 10)
        row(bench.ONE, 10 / dense_cpu_ratio, 10 / dense_cpu_ratio)
        row(bench.BATCH1, 4, 4)
        row(bench.BATCH2, 2.2, two_workers_cpu, worker_rss_mb=550)
        row("amounts stage alone", 0.5, 0.5, share_of_ner=0.05)
        row("dates stage alone", 2, 2, share_of_ner=0.2)
    return {"corpora": {"dense": {}, "mix": {}}, "rows": rows, "big_document": {"rss_mb": 700}}


def test_checks_judge_each_target():
    checks = {c["check"]: c for c in bench.checks(report_with(dense_cpu_ratio=4.5, two_workers_cpu=4.2))}
    assert checks["milliard / bare spaCy, dense"]["met"]
    assert checks["milliard / bare spaCy, mix"]["met"]
    assert checks["batch 2 workers / 1, dense"]["cpu"] == round(2 * 4 / 4.2, 2)
    assert checks["batch 2 workers / 1, dense"]["met"]
    assert checks["amounts stage / NER time, mix"]["met"]
    assert not checks["dates stage / NER time, mix"]["met"]
    assert checks["peak RSS on a 2 MB document (MB)"]["met"]
    slow = {c["check"]: c for c in bench.checks(report_with(dense_cpu_ratio=0.5, two_workers_cpu=6))}
    assert not slow["milliard / bare spaCy, dense"]["met"]
    assert not slow["batch 2 workers / 1, mix"]["met"]

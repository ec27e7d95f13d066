"""`milliard eval`: the scorer's rules, and the corpus thresholds (the project's promise)."""
from __future__ import annotations

from pathlib import Path

import pytest

from milliard.run.evaluate import Report, pair_records, same_amount, same_name, score_article

CORPUS = Path(__file__).parent.parent / "corpus"


def rec(company, value, kind="funding_round", round_=None, investors=()):
    return {"kind": kind, "company": company, "round": round_,
            "amount": {"value": value, "currency": "EUR"} if value is not None else None,
            "parties": [{"name": n, "role": "investor"} for n in investors]}


def test_names_compare_blind_to_case_accents_and_suffix_words():
    assert same_name("Néoline", "neoline") and same_name("Mistral", "Mistral AI")
    assert not same_name("Mistral", "Mistralis") and same_name(None, None) and not same_name("A", None)


def test_amounts_compare_within_half_a_percent_and_by_currency():
    assert same_amount({"value": 1e6, "currency": "EUR"}, {"value": 1.004e6, "currency": "EUR"})
    assert not same_amount({"value": 1e6, "currency": "EUR"}, {"value": 1e6, "currency": "USD"})
    assert same_amount(None, None) and not same_amount(None, {"value": 1, "currency": "EUR"})


def test_pairing_and_counts():
    predicted = [rec("Acme", 5e6, investors=["Partech"]), rec("Ghost", 1e6)]
    expected = [rec("Acme", 5e6, round_="seed", investors=["Partech", "Bpifrance"]), rec("Other", 2e6)]
    pairs, extra, missing = pair_records(predicted, expected)
    assert len(pairs) == 1 and extra[0]["company"] == "Ghost" and missing[0]["company"] == "Other"
    report = Report()
    score_article(report, "a", predicted, expected)
    s = report.scores
    assert (s["company"].tp, s["company"].fp, s["company"].fn) == (1, 1, 1)
    assert (s["round"].tp, s["round"].fp, s["round"].fn) == (0, 2, 2)
    assert (s["investors"].tp, s["investors"].fp, s["investors"].fn) == (1, 0, 1)
    assert s["record"].tp == 0 and 0 < s["company"].f1 < 1


def test_a_negative_article_scores_false_positives_only():
    report = Report()
    score_article(report, "n", [rec("Acme", 1e6)], [])
    assert report.scores["amount"].fp == 1 and report.scores["amount"].precision == 0.0
    report = Report()
    score_article(report, "n", [], [])
    assert report.scores["record"].f1 == 1.0


@pytest.mark.slow
def test_corpus_meets_the_thresholds(extractor):
    from milliard.run.evaluate import evaluate

    """Over the whole corpus, known misses included. Since the corpus holds articles written
    after real-news failures (fr-r*, en-r*), some of which the rules still miss (each a strict
    xfail of tests/test_corpus_exact.py, listed in corpus/known_misses.toml), the floors are the
    measured level (README "Records"), not 1.0: a drop below them is a regression. Articles
    outside the known misses must be fully right (test_corpus_exact)."""
    report = evaluate(CORPUS, extractor)
    assert report.articles >= 40
    floors = {"company": 0.88, "amount": 0.93, "round": 0.90, "investors": 0.90}
    for name, floor in floors.items():
        assert report.scores[name].f1 >= floor, (name, report.scores[name], report.failures)


@pytest.mark.slow
def test_eval_command_prints_scores_and_honours_min():
    import subprocess
    import sys

    exe = Path(sys.executable).parent / "milliard"
    one = str(CORPUS / "articles" / "fr-05-rachat-capgemini.json")
    ok = subprocess.run([exe, "eval", one], capture_output=True, text=True)
    assert ok.returncode == 0 and "company" in ok.stdout and "F1" in ok.stdout
    assert ok.stdout.startswith("1 article\n")  # not "1 articles"
    low = subprocess.run([exe, "eval", one, "--min", "1.01"], capture_output=True, text=True)
    assert low.returncode == 1 and "below" in low.stderr
    missing = subprocess.run([exe, "eval", "no/such/dir"], capture_output=True, text=True)
    assert missing.returncode == 3

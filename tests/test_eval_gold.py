"""`milliard eval GOLD.jsonl`: article-level gold (the format of ../shared/evals), scored by
the rules of ../shared/evals/score_records.py. The fixture's articles are our own texts; the
predictions are given by hand (a fake extractor), so every count below is worked out by
hand. When ../shared is beside the checkout, score_records.py itself must agree."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from milliard.run.gold import evaluate_gold, fold_company, names_match, same_company
from milliard.schema import DocumentResult

GOLD = Path(__file__).parent / "fixtures" / "gold" / "articles.jsonl"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "evals"


def record(company, value, currency="EUR", kind="funding_round", parties=(), **more):
    return {"id": company.lower(), "kind": kind, "company": company, "confidence": 0.9,
            "amount": {"value": value, "currency": currency, "text": ""}, "parties": list(parties), **more}


def party(name, role):
    return {"name": name, "role": role}


# what the fake pipeline answers, by article id (g4: it fails on that document)
PREDICTED = {
    "g1": [record("Ventura Robotique SAS", 8e6, round="series_a", parties=[
        party("Ventura Robotique", "recipient"), party("Capital Horizon", "lead_investor"),
        party("Fonds Garonne", "investor"), party("CAPITAL HORIZON", "investor")])],  # folded: counted once
    "g2": [record("Chicago", 4.0)],
    "g3": [record("Austin Labs", 2e6, "USD"),
           record("BrightLoop", 12.49e6, "USD", parties=[party("North Ridge Ventures", "lead_investor")])],
    "g5": [record("Pommeraie", 5.04e6, target={"value": 21e6, "currency": "EUR", "text": ""},
                  warnings=[{"code": "partial_round", "message": "a part of the round"}])],
    "g6": [],
}


class HandPredictions:
    def __init__(self):
        self.docs = {}

    def extract(self, doc) -> DocumentResult:
        self.docs[doc.id] = doc
        if doc.id not in PREDICTED:
            raise RuntimeError("the fake pipeline fails on this one")
        return DocumentResult.model_validate({"id": doc.id, "lang": doc.lang, "records": PREDICTED[doc.id]})


# field: (scored, right), worked out from PREDICTED and the gold lines
EXPECTED = {"n_records": (5, 2), "kind": (2, 1), "company": (3, 2), "amount": (4, 3), "currency": (2, 2),
            "target": (1, 0), "round": (1, 1), "announced": (1, 0), "lead_investors": (2, 2),
            "investors": (1, 1), "acquirer": (1, 0), "warning": (1, 1)}


def test_every_field_is_scored_as_score_records_does():
    fake = HandPredictions()
    report = evaluate_gold(GOLD, fake)
    assert {f: tuple(v) for f, v in report.fields.items() if v[0]} == EXPECTED
    assert report.articles == [5, 1] and report.scored == [24, 15]
    assert report.as_dict()["rate"] == round(15 / 24, 4)
    # the documents as docs_from_suite.py builds them: the day of `published` (else gold.date),
    # fr/en kept and any other language detected; a line without gold is not read
    assert fake.docs["g3"].published == "2026-03-03" and fake.docs["g4"].published == "2026-03-04"
    assert fake.docs["g6"].lang is None and "g7" not in fake.docs
    wrong = {line.split(":")[0]: line for line in report.failures}
    assert set(wrong) == {"g2", "g3", "g4", "g5"} and "error" in wrong["g4"] and "target" in wrong["g5"]


def test_names_fold_legal_suffixes_and_tolerate_small_spelling_differences():
    assert fold_company("Filet S.A.S.") == "filet" and fold_company("SA Groupe Saumon") == "groupe saumon"
    assert same_company("Brightloop Inc.", "BrightLoop") and same_company("Ventura Robotik", "Ventura Robotique")
    assert not same_company("Mistral", "Mistral AI") and not same_company(None, "X")
    assert names_match(["A Capital", "Fonds B"], ["fonds b", "A Capital", "a capital"])
    assert not names_match(["A Capital", "Fonds B", "Fonds C"], ["A Capital", "Fonds B"])


def test_the_command_prints_the_table_and_json(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from milliard.cli import app
    from milliard.run import runners

    monkeypatch.setattr(runners, "shared_extractor", lambda *a, **k: HandPredictions())
    runner = CliRunner()
    shown = runner.invoke(app, ["eval", str(GOLD)])
    assert shown.exit_code == 0, shown.output
    lines = {line.split()[0]: line.split()[1:] for line in shown.stdout.splitlines()[1:]}
    assert lines["n_records"] == ["5", "2", "0.4000"] and lines["fields"] == ["(all)", "24", "15", "0.6250"]
    assert "partners" not in lines  # no gold gives it
    as_json = json.loads(runner.invoke(app, ["eval", str(GOLD), "--json"]).stdout)
    assert as_json["fields"]["company"] == {"n": 3, "pass": 2, "rate": 0.6667} and as_json["passed"] == 15
    low = runner.invoke(app, ["eval", str(GOLD), "--min", "0.5"])
    assert low.exit_code == 1 and "below 0.5 for: n_records, target, announced, acquirer" in low.stderr
    verbose = runner.invoke(app, ["eval", str(GOLD), "-v"])
    assert "g5: wrong target" in verbose.stdout


def test_unusable_gold_files_exit_3(tmp_path):
    from typer.testing import CliRunner

    from milliard.cli import app

    (tmp_path / "broken.jsonl").write_text('{"id": "a", "text": "x", "gold": {}}\n{oops\n', encoding="utf-8")
    (tmp_path / "none.jsonl").write_text('{"id": "a", "text": "x"}\n', encoding="utf-8")
    for name, words in (("broken.jsonl", "broken.jsonl:2: not JSON"), ("none.jsonl", "no line with a `gold`")):
        result = CliRunner().invoke(app, ["eval", str(tmp_path / name)])
        assert result.exit_code == 3 and words in result.stderr, result.output


@pytest.mark.skipif(not (SHARED / "score_records.py").exists(), reason="../shared/evals is not beside the checkout")
def test_score_records_gives_the_same_figures_on_the_fixture(tmp_path):
    """The reference scorer, on the same predictions, agrees field by field."""
    fake = HandPredictions()
    ours = evaluate_gold(GOLD, fake)
    preds = tmp_path / "pred.jsonl"
    with open(preds, "w", encoding="utf-8") as out:
        for doc_id in fake.docs:
            res = HandPredictions().extract(fake.docs[doc_id]) if doc_id in PREDICTED else DocumentResult(
                id=doc_id, error={"code": "internal", "message": "failed"})
            out.write(json.dumps(res.to_json(mentions=True)) + "\n")
    proc = subprocess.run([sys.executable, SHARED / "score_records.py", GOLD, preds, "--json"],
                          capture_output=True, text=True, timeout=60)
    theirs = json.loads(proc.stdout)
    assert {f: tuple(v) for f, v in theirs["fields"].items()} == EXPECTED
    assert theirs["articles"] == ours.articles and (theirs["n"], theirs["passed"]) == tuple(ours.scored)


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "suites" / "real_fr_news_mix_dev.jsonl").exists(),
                    reason="../shared/evals is not beside the checkout")
def test_eval_agrees_with_score_records_on_a_real_suite(tmp_path):
    """The model on 40 lines of a real suite (copied to tmp only): `milliard eval` and
    `milliard extract` + score_records.py give the same counts."""
    part = tmp_path / "part.jsonl"
    lines = (SHARED / "suites" / "real_fr_news_mix_dev.jsonl").read_text(encoding="utf-8").splitlines()
    funding = [line for line in lines if '"n_records": 0' not in line][:20]
    part.write_text("\n".join(funding + [line for line in lines if '"n_records": 0' in line][:20]) + "\n",
                    encoding="utf-8")
    exe = Path(sys.executable).parent / "milliard"
    docs = subprocess.run([sys.executable, SHARED / "docs_from_suite.py", part], capture_output=True, check=True)
    preds = subprocess.run([exe, "extract", "--input-format", "jsonl", "--mentions", "-"], input=docs.stdout,
                           capture_output=True, check=True, timeout=600)
    (tmp_path / "pred.jsonl").write_bytes(preds.stdout)
    theirs = json.loads(subprocess.run([sys.executable, SHARED / "score_records.py", part, tmp_path / "pred.jsonl",
                                        "--json"], capture_output=True, check=True, text=True).stdout)
    ours = json.loads(subprocess.run([exe, "eval", part, "--json"], capture_output=True, check=True, text=True,
                                     timeout=600).stdout)
    assert {f: v["pass"] for f, v in ours["fields"].items()} == {f: v[1] for f, v in theirs["fields"].items()}
    assert (ours["n"], ours["passed"]) == (theirs["n"], theirs["passed"])

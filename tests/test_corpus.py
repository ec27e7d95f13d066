"""The corpus: well-formed articles (they double as tests), and the seed's traps, rewritten
in our own words (corpus/articles/fr-01-*), checked end to end."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from milliard.schema import ROUNDS, InputDocument

ARTICLES = sorted((Path(__file__).parent.parent / "corpus" / "articles").glob("*.json"))
KINDS = {"funding_round", "fund_raise", "investment", "acquisition", "debt", "grant", "ipo", "other"}
ROLES = {"recipient", "investor", "lead_investor", "partner", "acquirer", "target", "advisor"}


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_corpus_size_and_mix():
    articles = [load(p) for p in ARTICLES]
    langs = [a["lang"] for a in articles]
    negatives = [a for a in articles if a["expected"]["records"] == []]
    assert len(articles) >= 40 and langs.count("fr") >= 25 and langs.count("en") >= 10
    assert len(negatives) >= 8


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_article_is_well_formed(path):
    article = load(path)
    assert article["id"] == path.stem
    InputDocument.model_validate(article)  # the batch source reads these files as inputs
    assert article["lang"] in ("fr", "en") and article["text"].strip()
    for record in article["expected"]["records"]:
        assert record["kind"] in KINDS
        assert "company" in record and "parties" in record
        assert record["round"] is None or record["round"] in ROUNDS
        assert record["amount"] is None or set(record["amount"]) >= {"value", "currency"}
        assert all(p["role"] in ROLES and p["name"] for p in record["parties"])


@pytest.fixture(scope="module")
def traps(extractor):
    article = load(next(p for p in ARTICLES if p.stem.startswith("fr-01-")))
    return extractor.extract(InputDocument(id="traps", text=article["text"], published=None, lang=None))


@pytest.mark.slow
def test_traps_one_record_for_the_joint_vehicle(traps):
    assert traps.lang == "fr" and traps.error is None
    (record,) = traps.records
    assert (record.amount.value, record.amount.currency) == (4.5e9, "EUR")
    assert (record.target.value, record.target.currency) == (1e10, "EUR")
    assert {(p.name, p.role) for p in record.parties} == {("Eurazeo", "partner"), ("Nvidia", "partner")}
    assert record.evidence and all(traps_text(traps, e) for e in record.evidence)


def traps_text(result, evidence) -> bool:
    article = load(next(p for p in ARTICLES if p.stem.startswith("fr-01-")))
    return article["text"][evidence.start:evidence.end] == evidence.text


@pytest.mark.slow
def test_traps_conflicting_figures_cite_both_scales(traps):
    text = load(next(p for p in ARTICLES if p.stem.startswith("fr-01-")))["text"]
    conflicts = [w for w in traps.warnings if w.code == "conflicting_figures"]
    cited = {text[s:e] for w in conflicts for s, e in w.spans}
    assert any("4,5 milliards" in c for c in cited) and any("45 milliards" in c for c in cited)
    assert any("10 milliards" in c for c in cited) and any("100 milliards" in c for c in cited)
    assert traps.records[0].warnings
    assert "duplicate_text" in {w.code for w in traps.warnings}


@pytest.mark.slow
def test_traps_forecast_and_publisher_stay_out(traps):
    parties = {p.name for r in traps.records for p in r.parties}
    assert "CryptoHebdo" not in parties
    for a in traps.amounts:
        assert all(v is None or v < 1e15 for v in (a.value, a.low, a.high)), a.text
    assert {("Eurazeo", "ORG"), ("Nvidia", "ORG")} <= {(e.name, e.label) for e in traps.entities}

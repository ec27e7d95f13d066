"""Every corpus article, one test each: the extractor gets it fully right by the project's own
scorer (every expected record paired, every field agrees, investors included, no extra record),
and, since that scorer does not look at acquirers, the acquirers of each paired record too.

The aggregate F1 of tests/test_eval.py can hide an article that is half wrong; this cannot.
Articles the pipeline does not get right yet are listed with a reason in corpus/known_misses.toml
and run as strict xfails: a known miss that starts passing fails here until it leaves the list."""
from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from milliard.run.evaluate import Report, pair_records, same_name, score_article
from milliard.schema import InputDocument

CORPUS = Path(__file__).parent.parent / "corpus"
ARTICLES = sorted((CORPUS / "articles").glob("*.json"))
KNOWN_MISSES = tomllib.loads((CORPUS / "known_misses.toml").read_text(encoding="utf-8"))


def cases():
    for path in ARTICLES:
        miss = KNOWN_MISSES.get(path.stem)
        marks = [pytest.mark.xfail(reason=miss["reason"], strict=True)] if miss else []
        yield pytest.param(path, id=path.stem, marks=marks)


def test_known_misses_name_articles_and_give_a_reason():
    stems = {p.stem for p in ARTICLES}
    for name, entry in KNOWN_MISSES.items():
        assert name in stems, f"{name}: no such article"
        assert set(entry) == {"reason"} and entry["reason"].strip(), name


@pytest.mark.slow
@pytest.mark.parametrize("path", list(cases()))
def test_article_is_fully_right(extractor, path):
    article = json.loads(path.read_text(encoding="utf-8"))
    result = extractor.extract(InputDocument.model_validate(article))
    assert result.error is None, result.error
    predicted = [r.model_dump(mode="json") for r in result.records]
    report = Report()
    score_article(report, article["id"], predicted, article["expected"]["records"])
    assert report.failures == []
    pairs, _, _ = pair_records(predicted, article["expected"]["records"])
    for pred, exp in pairs:
        assert same_names(acquirers(pred), acquirers(exp)), (pred["company"], acquirers(pred), acquirers(exp))


def acquirers(record: dict) -> list[str]:
    return [p["name"] for p in record.get("parties", []) if p.get("role") == "acquirer"]


def same_names(got: list[str], want: list[str]) -> bool:
    return len(got) == len(want) and all(any(same_name(g, w) for g in got) for w in want)

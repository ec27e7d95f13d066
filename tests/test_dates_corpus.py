"""corpus/dates/<lang>.toml: one reading, many spellings, each read alone and inside carrier
sentences against a publication date; texts with no date; documents with no publication date."""
from __future__ import annotations

from datetime import date

import pytest

from milliard.normalise.dates import find_dates
from milliard.normalise.text import fold
from tests.corpus_cases import fixture_languages, load, xfail_marks  # noqa: F401 (an autouse fixture)


def _spelling_cases():
    for corpus in load("dates"):
        lang = corpus["lang"]
        default = ["{}", *corpus.get("carriers", {}).get("sentences", [])]
        for i, entry in enumerate(corpus.get("example", [])):
            carriers = entry.get("carriers", default)
            for spelling in entry["spellings"]:
                marks = xfail_marks(entry, spelling)
                for n, carrier in enumerate(carriers):
                    yield pytest.param(lang, entry, spelling, carrier, marks=marks, id=f"{lang}-{i}-{spelling}-c{n}")


def _reading(m) -> dict:
    return {"value": m.value or "", "start": m.start_date or "", "end": m.end_date or "", "grain": m.grain}


def _expected(entry: dict) -> dict:
    return {k: entry.get(k, "") for k in ("value", "start", "end", "grain")}


@pytest.mark.parametrize("lang,entry,spelling,carrier", list(_spelling_cases()))
def test_spelling(lang, entry, spelling, carrier):
    text = fold(carrier.format(spelling))
    at = text.index(fold(spelling))
    found, _ = find_dates(text, lang, date.fromisoformat(entry["ref"]))
    assert len(found) == 1, [(m.text, _reading(m)) for m in found]
    m = found[0]
    assert text[m.start:m.end] == m.text
    assert at <= m.start and m.end <= at + len(spelling), (m.text, spelling)
    assert _reading(m) == _expected(entry), m.text


def _negative_cases():
    for corpus in load("dates"):
        for block in corpus.get("negative", []):
            for t in block["texts"]:
                yield pytest.param(corpus["lang"], t, id=f"{corpus['lang']}-{t[:30]}")


@pytest.mark.parametrize("lang,text", list(_negative_cases()))
def test_no_date(lang, text):
    found, _ = find_dates(fold(text), lang, date(2026, 11, 26))
    assert found == [], [m.text for m in found]


def _document_cases():
    for corpus in load("dates"):
        for i, doc in enumerate(corpus.get("document", [])):
            yield pytest.param(corpus["lang"], doc, id=f"{corpus['lang']}-doc{i}")


@pytest.mark.parametrize("lang,doc", list(_document_cases()))
def test_document_without_publication_date(lang, doc):
    text = fold(doc["text"])
    found, warnings = find_dates(text, lang, None)
    got = [(m.text, _reading(m), m.inferred_year) for m in found]
    want = [(x["text"], _expected(x), x.get("inferred_year", False))
            for x in doc["mentions"]]
    assert got == want
    assert sorted({w.code for w in warnings}) == sorted(doc["warnings"])
    for w in warnings:  # every warning names the mention it is about
        assert any((m.start, m.end) == tuple(w.spans[0]) for m in found), w

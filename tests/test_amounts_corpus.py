"""corpus/amounts/<lang>.toml: one value, many spellings, each read alone and inside carrier
sentences; whole documents with their expected amounts (inferred currency, negatives)."""
from __future__ import annotations

import pytest

from milliard.normalise.amounts import find_amounts
from milliard.normalise.text import fold
from tests.corpus_cases import fixture_languages, load, xfail_marks  # noqa: F401 (an autouse fixture)

REL = 1e-9


def _spelling_cases():
    for corpus in load("amounts"):
        lang = corpus["lang"]
        carriers = ["{}", *corpus.get("carriers", {}).get("sentences", [])]
        for kind in ("example", "range"):
            for entry in corpus.get(kind, []):
                for spelling in entry["spellings"]:
                    for n, carrier in enumerate(carriers):
                        yield pytest.param(lang, entry, spelling, carrier, marks=xfail_marks(entry, spelling),
                                           id=f"{lang}-{spelling}-c{n}")


def _close(got, want) -> bool:
    if want is None:
        return got is None
    return got is not None and abs(got - want) <= REL * abs(want)


@pytest.mark.parametrize("lang,entry,spelling,carrier", list(_spelling_cases()))
def test_spelling(lang, entry, spelling, carrier):
    text = fold(carrier.format(spelling))
    found, _ = find_amounts(text, lang)
    assert len(found) == 1, [a.text for a in found]
    a = found[0]
    assert text[a.start:a.end] == a.text == fold(spelling)
    assert a.currency == entry["currency"]
    if "value" in entry:
        assert _close(a.value, entry["value"]) and a.low is None and a.high is None, a
    else:
        assert a.value is None and _close(a.low, entry.get("low")) and _close(a.high, entry.get("high")), a
    assert a.approximate == entry.get("approximate", False)
    if "note" in entry:
        assert entry["note"] in a.notes


def _document_cases():
    for corpus in load("amounts"):
        for n, doc in enumerate(corpus.get("document", [])):
            yield pytest.param(corpus["lang"], doc, id=f"{corpus['lang']}-doc{n}")


@pytest.mark.parametrize("lang,doc", list(_document_cases()))
def test_document(lang, doc):
    text = fold(doc["text"])
    found, warnings = find_amounts(text, lang)
    assert [a.text for a in found] == [e["text"] for e in doc["amounts"]]
    for a, e in zip(found, doc["amounts"]):
        assert a.currency == e["currency"]
        assert _close(a.value, e.get("value")) and _close(a.low, e.get("low")) and _close(a.high, e.get("high"))
        assert a.currency_inferred == e.get("inferred", False)
    inferred_spans = [tuple(w.spans[0]) for w in warnings if w.code == "inferred_currency"]
    assert inferred_spans == [(a.start, a.end) for a in found if a.currency_inferred]

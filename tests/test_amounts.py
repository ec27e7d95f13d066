"""Rules of milliard.normalise.amounts that the corpus does not show one spelling at a time."""
from __future__ import annotations

import math
import os
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from milliard.normalise.amounts import find_amounts, parse_amount
from milliard.normalise.numbers import parse_digits
from milliard.normalise.text import fold

FUZZ_EXAMPLES = int(os.environ.get("MILLIARD_FUZZ_EXAMPLES", "200"))


def amounts(text: str, lang: str = "fr"):
    return find_amounts(fold(text), lang)


def test_translated_trillion_is_read_as_1e12_with_note_and_warning():
    text = "Les analystes voient les dépenses mondiales en IA entre 2 et 3 trillions de dollars d'ici 2030."
    found, warnings = amounts(text)
    assert len(found) == 1
    a = found[0]
    assert (a.value, a.low, a.high, a.currency) == (None, 2e12, 3e12, "USD")
    assert a.text == "entre 2 et 3 trillions de dollars"
    assert "scale:trillion=1e12(anglicism)" in a.notes
    assert [(w.code, w.spans) for w in warnings] == [("ambiguous_scale", [(a.start, a.end)])]


def test_no_reading_is_ever_1e18():
    for text in ("1 trillion d'euros", "0,5 trillion de dollars", "entre 1 et 900 trillions de yens"):
        found, _ = amounts(text)
        assert found and all(v is None or v < 1e15 for a in found for v in (a.value, a.low, a.high))


def test_genuine_french_billion_stays_1e12():
    found, warnings = amounts("La dette de l'État atteint 3,1 billions d'euros.")
    assert found[0].value == pytest.approx(3.1e12) and not warnings


def test_bare_scaled_number_borrows_nearest_preceding_currency():
    text = ("Le fonds a levé 40 millions de livres sterling. Son voisin a réuni 2 milliards d'euros. "
            "Le total atteint 3 milliards.")
    found, warnings = amounts(text)
    assert [(a.currency, a.currency_inferred) for a in found] == [("GBP", False), ("EUR", False), ("EUR", True)]
    assert [w.code for w in warnings] == ["inferred_currency"]


def test_bare_scaled_number_without_money_in_the_document_is_no_amount():
    assert amounts("La ville a accueilli 3 millions de touristes, 2 milliards au total.") == ([], [])


def test_bare_scaled_number_far_from_any_money_is_no_amount():
    text = "Le fonds a levé 40 M€. " + "Rien à signaler. " * 200 + "Ils étaient 3 millions."
    found, _ = amounts(text)
    assert [a.text for a in found] == ["40 M€"]


def test_bare_dollar_in_french_is_usd_with_a_note():
    (a,), _ = amounts("Le ticket coûte 12 $.")
    assert a.currency == "USD" and "currency:$=USD(assumed)" in a.notes


def test_offsets_index_the_matching_form():
    text = "Elle a levé 12\u202f500\u00a0000 € puis 3 Md€."
    found, _ = find_amounts(fold(text), "fr")
    assert [text[a.start:a.end] for a in found] == ["12\u202f500\u00a0000 €", "3 Md€"]
    assert found[0].value == 12_500_000


@pytest.mark.parametrize("digits,decimal,english,value", [
    ("1,500", ",", False, 1.5), ("1,500", ".", False, 1500), ("1,500", ",", True, 1500),
    ("1.500", ",", False, 1500), ("1.250.000", ",", False, 1_250_000), ("1'049,95", ",", False, 1049.95),
    ("1 250 000,5", ",", False, 1_250_000.5), ("1,250.75", ",", False, 1250.75), ("0,500", ".", False, 0.5),
    ("12,34,567.89", ".", False, 1234567.89), ("1.2.3", ",", False, None), ("1,25,3", ",", False, None),
])
def test_parse_digits(digits, decimal, english, value):
    assert parse_digits(digits, decimal, english) == value


def test_parse_amount():
    assert parse_amount("1,5 Md€").value == 1.5e9
    assert parse_amount("1,5 Md€").currency == "EUR"
    assert parse_amount("1 250,50").value == 1250.5 and parse_amount("1 250,50").currency is None
    assert parse_amount("$3.5M", "en").value == 3.5e6
    assert parse_amount("bonjour") is None


def test_written_numbers_only_before_a_scale_or_currency():
    assert amounts("Une nouvelle étape, un seul objectif et une équipe.") == ([], [])


@pytest.mark.parametrize("text", [
    "9" * 10_000 + " €",
    "1" + ",000" * 5_000 + " $",
    "entre " + "5 et " * 3_000 + "8 M€",
    "de 1 à " * 3_000 + "2 M€",
    "$" * 10_000,
    "un " * 5_000 + "milliards",
    "1e308 € " + "9" * 400 + " milliards de trillions d'euros",
])
def test_hostile_input_is_read_without_error(text):
    start = time.perf_counter()
    found, _ = amounts(text)
    assert time.perf_counter() - start < 30  # a guard against hangs, not a speed test
    for a in found:
        assert text[a.start:a.end] == a.text
        for v in (a.value, a.low, a.high):
            assert v is None or (math.isfinite(v) and v >= 0)


_PIECES = st.sampled_from([
    "5", "12,5", "1 250", "1.250.000", "0", "9" * 40, " ", "-", "à", "et", "entre", "de", "plus de",
    "millions", "milliards", "trillions", "M€", "Md$", "$", "€", "euros", "dollars", "d'euros", "k€",
    "USD", "CHF", "1'049,95", "%", "un", "demi", "cents", "et demi", "\n", ".", ",", "environ",
])


@pytest.mark.fuzz
@settings(max_examples=FUZZ_EXAMPLES, deadline=None)
@given(st.lists(_PIECES, max_size=40).map(" ".join), st.sampled_from(["fr", "en"]))
def test_invariants_on_random_text(text, lang):
    found, warnings = find_amounts(text, lang)
    for a in found:
        assert 0 <= a.start < a.end <= len(text) and text[a.start:a.end] == a.text
        values = [v for v in (a.value, a.low, a.high) if v is not None]
        assert values and all(math.isfinite(v) and v >= 0 for v in values)
        assert a.value is None or (a.low is None and a.high is None)
        assert a.low is None or a.high is None or a.low <= a.high
        assert a.currency is None or (len(a.currency) == 3 and a.currency.isupper())
    starts = [a.start for a in found]
    assert starts == sorted(starts)
    assert all(found[i].end <= found[i + 1].start for i in range(len(found) - 1))
    for w in warnings:
        assert all(0 <= s < e <= len(text) for s, e in w.spans)

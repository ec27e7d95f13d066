"""Property tests (hypothesis) over the normalisers and the whole pipeline.

Generated text mixes French words, numbers with every digit-group separator, currency
symbols and codes, scale words, months, no-break and thin spaces, curly apostrophes,
emoji, right-to-left and control characters. Whatever comes in: no exception, offsets in
bounds that slice to the mention text, finite non-negative values, ordered ranges, valid
ISO dates, output that validates against the pydantic models.

Examples per property: $MILLIARD_FUZZ_EXAMPLES (default 2,000; `make fuzz` sets 20,000).
The whole-pipeline properties load spaCy: generated text runs a tenth of that (at least 100),
generated multi-paragraph documents a twentieth (at least 50).
"""
from __future__ import annotations

import math
import os
import re
from datetime import date

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from milliard.lang import supported
from milliard.normalise.amounts import find_amounts, parse_amount
from milliard.normalise.dates import find_dates
from milliard.normalise.text import NormText, duplicate_spans, fold, paragraphs
from milliard.schema import Amount, DateMention, DocumentResult, InputDocument, Money

EXAMPLES = int(os.environ.get("MILLIARD_FUZZ_EXAMPLES", "2000"))
PIPELINE_EXAMPLES = max(100, EXAMPLES // 10)

fuzz = settings(max_examples=EXAMPLES, deadline=None, print_blob=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
fuzz_pipeline = settings(fuzz, max_examples=PIPELINE_EXAMPLES,
                         suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                HealthCheck.function_scoped_fixture])

pytestmark = pytest.mark.fuzz

# -- strategies ---------------------------------------------------------------
WORDS = [
    "a levé", "lève", "levée de fonds", "tour de table", "série A", "série B", "amorçage",
    "millions", "milliards", "million", "milliard", "mille", "mds", "Md", "Mds", "M", "k", "K",
    "Md€", "M€", "M$", "Md$", "k€", "€", "$", "£", "¥", "CHF", "USD", "EUR", "GBP", "dollars",
    "euros", "d'euros", "d’euros", "de dollars", "livres", "francs", "billion", "billions",
    "trillion", "trillions", "bn", "mn", "m", "entre", "et", "de", "à", "au", "du", "plus de",
    "moins de", "jusqu'à", "jusqu’à", "environ", "près de", "quelque", "quelques", "plus d'un",
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre", "janv.", "sept.", "1er", "premier", "trimestre",
    "semestre", "T1", "T4", "S1", "Q3", "H2", "fin", "début", "mi-", "hier", "demain",
    "aujourd'hui", "lundi", "dimanche", "l'an dernier", "l’an prochain", "en", "le", "la",
    "l'entreprise", "l’investisseur", "Bpifrance", "Mistral AI", "Paris", "Lyon", "CAC 40",
    "%", "pour cent", "x10", "×", "-", "–", "—", "/", ".", ",", ";", ":", "(", ")", "«", "»",
    "“", "”", "\"", "'", "’", "🚀", "💶", "€€", "$$", "🇫🇷", "👨‍👩‍👧", "שלום", "مرحبا", "\u202e",
    "\u200f", "\u200b", "\ufeff", "\x00", "\x07", "\r", "\t", "e\u0301", "ﬁ", "Ⅻ", "²", "½",
    "١٢٣", "١٬٥", "一億", "12", "2025", "2026", "1999", "0", "00", "007", "1e400", "1e9",
    "NaN", "inf", "-1", "−5", "+3",
]
SPACES = [" ", " ", " ", "\u00a0", "\u202f", "\u2009", "", "\n", "\n\n", ", ", " - ", "’", "'"]
GROUP_SEPARATORS = [" ", "\u00a0", "\u202f", ".", ",", "'", "’", "_", ""]


@st.composite
def numbers(draw) -> str:
    """A number as a journalist (or a hostile feed) may write it."""
    value = draw(st.one_of(st.integers(0, 10**7), st.integers(0, 10**400)))
    digits = str(value)
    sep = draw(st.sampled_from(GROUP_SEPARATORS))
    if sep and len(digits) > 3 and draw(st.booleans()):
        head = len(digits) % 3 or 3
        digits = digits[:head] + "".join(sep + digits[i:i + 3] for i in range(head, len(digits), 3))
    if draw(st.booleans()):
        digits += draw(st.sampled_from([",", "."])) + str(draw(st.integers(0, 999)))
    return digits


junk = st.text(st.characters(exclude_categories=("Cs",)), max_size=8)
token = st.one_of(st.sampled_from(WORDS), numbers(), junk)


@st.composite
def french_text(draw, max_tokens: int = 40) -> str:
    tokens = draw(st.lists(token, max_size=max_tokens))
    out = []
    for tok in tokens:
        out += [tok, draw(st.sampled_from(SPACES))]
    return "".join(out)


published = st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
langs = st.sampled_from(supported())

# -- checks -------------------------------------------------------------------
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def check_number(x, where):
    if x is None:
        return
    assert isinstance(x, float) and math.isfinite(x) and x >= 0, f"{where}: {x!r}"


def check_money(m, where):
    """Amount or Money: finite non-negative values, low <= high, ISO currency (all may be null:
    the CONTRACT allows a vague mention without a value)."""
    for name in ("value", "low", "high"):
        check_number(getattr(m, name), f"{where}.{name}")
    if m.low is not None and m.high is not None:
        assert m.low <= m.high, f"{where}: low {m.low} > high {m.high}"
    assert m.currency is None or re.fullmatch(r"[A-Z]{3}", m.currency), f"{where}: {m.currency!r}"


def check_span(m, text, where):
    assert 0 <= m.start < m.end <= len(text), f"{where}: span {m.start}..{m.end} of {len(text)}"
    assert text[m.start:m.end] == m.text, f"{where}: {text[m.start:m.end]!r} != {m.text!r}"


def check_iso(value, where):
    if value is None:
        return None
    assert ISO_DATE.fullmatch(value), f"{where}: {value!r}"
    return date.fromisoformat(value)


def check_date(d, text, where):
    check_span(d, text, where)
    assert d.grain in ("day", "week", "month", "quarter", "half", "year")
    # a relative or year-less date without `published` may honestly have no value
    value, start, end = (check_iso(getattr(d, k), f"{where}.{k}") for k in ("value", "start_date", "end_date"))
    if start and end:
        assert start <= end, f"{where}: start {start} > end {end}"


def check_warnings(warnings, n, where):
    for w in warnings:
        assert w.code and w.message
        for s, e in w.spans:
            assert 0 <= s <= e <= n, f"{where}: warning {w.code} span {s}..{e} of {n}"


def revalidate(model, cls):
    """The object survives a JSON round trip through its pydantic model."""
    return cls.model_validate_json(orjson.dumps(model.model_dump(mode="json")))


# -- text ---------------------------------------------------------------------
@fuzz
@given(st.one_of(french_text(), st.text()))
def test_normtext_keeps_offsets(raw):
    t = NormText.of(raw)
    assert t.original == raw
    assert len(fold(raw)) == len(raw)
    if t._map is None:
        assert t.norm == fold(raw)
    else:
        assert len(t._map) == len(t.norm) + 1
        assert t._map[0] == 0 and t._map[-1] == len(raw)
        assert all(a <= b for a, b in zip(t._map, t._map[1:]))
    for s in range(0, len(t.norm) + 1, max(1, len(t.norm) // 7)):
        os_, oe = t.orig_span(s, len(t.norm))
        assert 0 <= os_ <= oe <= len(raw)


@fuzz
@given(st.lists(st.one_of(french_text(8), st.sampled_from(["", " ", "Résumé"])), max_size=8),
       st.sampled_from(["\n", "\n\n", "\r\n", "\n \n"]))
def test_paragraphs_and_duplicates(lines, sep):
    text = sep.join(lines * 2)  # every paragraph comes back: duplicates guaranteed
    paras = paragraphs(text)
    previous_end = 0
    for i, p in enumerate(paras):
        assert previous_end <= p.start < p.end <= len(text)
        assert "\n" not in text[p.start:p.end]
        assert p.duplicate_of is None or 0 <= p.duplicate_of < i
        previous_end = p.end
    spans = duplicate_spans(paras)
    for (s, e), nxt in zip(spans, spans[1:] + [(len(text) + 1, 0)]):
        assert 0 <= s < e <= len(text) and e < nxt[0]
    assert len(spans) <= sum(p.duplicate_of is not None for p in paras)


# -- amounts ------------------------------------------------------------------
@fuzz
@given(french_text(), langs)
def test_find_amounts_valid(raw, lang):
    norm = NormText.of(raw).norm
    amounts, warnings = find_amounts(norm, lang)
    for i, a in enumerate(amounts):
        check_span(a, norm, f"amount {i}")
        check_money(a, f"amount {i}")
        revalidate(a, Amount)
    check_warnings(warnings, len(norm), "amounts")


@fuzz
@given(st.one_of(french_text(8), numbers().map(lambda n: n + " €"), st.text(max_size=30)), langs)
def test_parse_amount_valid(raw, lang):
    money = parse_amount(fold(raw), lang)
    if money is not None:
        check_money(money, "money")
        revalidate(money, Money)


# -- dates --------------------------------------------------------------------
@fuzz
@given(french_text(), langs, published)
def test_find_dates_valid(raw, lang, pub):
    norm = NormText.of(raw).norm
    avoid = [(a.start, a.end) for a in find_amounts(norm, lang)[0]]
    dates, warnings = find_dates(norm, lang, pub, avoid)
    for i, d in enumerate(dates):
        check_date(d, norm, f"date {i}")
        revalidate(d, DateMention)
        inside = [(s, e) for s, e in avoid if s <= d.start and d.end <= e]
        assert not inside, f"date {d.text!r} inside amount span {inside}"
    check_warnings(warnings, len(norm), "dates")


# -- the whole pipeline ---------------------------------------------------------
def check_result(result: DocumentResult, raw: str, lang) -> None:
    if result.error is not None:  # the only honest refusal of generated text
        assert lang is None and result.error.code == "unsupported_language", result.error
        return
    n = len(raw)
    for i, a in enumerate(result.amounts):
        check_span(a, raw, f"amount {i}")
        check_money(a, f"amount {i}")
    for i, d in enumerate(result.dates):
        check_date(d, raw, f"date {i}")
    for i, e in enumerate(result.entities):
        check_span(e, raw, f"entity {i}")
    for i, r in enumerate(result.records):
        assert 0.0 <= r.confidence <= 1.0
        for m in (r.amount, r.target):
            if m is not None:
                check_money(m, f"record {i} money")
        check_iso(r.announced, f"record {i}.announced")
        for ev in r.evidence:
            assert 0 <= ev.start <= ev.end <= n and raw[ev.start:ev.end] == ev.text
        check_warnings(r.warnings, n, f"record {i}")
    check_warnings(result.warnings, n, "document")
    line = orjson.dumps(result.to_json(True))
    assert DocumentResult.model_validate_json(line) == result


@pytest.mark.slow
@fuzz_pipeline
@given(french_text(60), st.sampled_from([*supported(), None]), published,
       st.one_of(st.text(max_size=10), st.just("doc")))
def test_extract_valid(extractor, raw, lang, pub, doc_id):  # `extractor`: conftest, session-wide
    doc = InputDocument(id=doc_id, text=raw, lang=lang, published=pub.isoformat() if pub else None)
    result = extractor.extract(doc)
    assert result.id == doc_id
    check_result(result, raw, lang)


# Funding sentences among generated paragraphs, some paragraphs repeated (duplicate_text,
# the cascade, records across paragraphs).
FUNDING = [
    "La start-up lyonnaise Lumio a levé 12,5 millions d'euros auprès de Bpifrance le 3 mars 2026.",
    "Kelvo boucle un tour de table de 600\u00a0M€ mené par Partech, a-t-elle annoncé mardi.",
    "The Paris-based company Dravio raised $20 million in a Series B led by Accel on May 4.",
    "Le fonds Orsane vise entre 200 et 300 millions d’euros d’ici fin 2027.",
    "Nexaro a été rachetée par Serena pour environ 1,2 Md€ au premier trimestre.",
]


@pytest.mark.slow
@settings(fuzz_pipeline, max_examples=max(50, EXAMPLES // 20))
@given(st.lists(st.one_of(french_text(20), st.sampled_from(FUNDING)), min_size=1, max_size=8),
       st.lists(st.integers(0, 7), max_size=6), st.sampled_from(["\n", "\n\n", "\r\n", " "]), published,
       st.sampled_from([*supported(), None]))
def test_extract_documents_valid(extractor, paras, repeats, sep, pub, lang):
    raw = sep.join(paras + [paras[i % len(paras)] for i in repeats])
    doc = InputDocument(id="doc", text=raw, lang=lang, published=pub.isoformat() if pub else None)
    check_result(extractor.extract(doc), raw, lang)

"""Property test of the record stage on generated funding-flavoured text: whatever the
words, no exception; every record's evidence slices the text; its money is one of the
document's amount mentions; ids are unique and stable."""
from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from milliard.normalise.amounts import find_amounts
from milliard.normalise.context import DocContext
from milliard.normalise.text import NormText, duplicate_spans, paragraphs
from milliard.records.entities import find_entities
from milliard.records.events import build_records

EXAMPLES = max(200, int(os.environ.get("MILLIARD_FUZZ_EXAMPLES", "2000")) // 5)

PIECES = [
    "Qonto", "La start-up Zorbi", "Bpifrance", "Partech", "BlackRock", "Microsoft", "Elle", "Acme Corp",
    "lève", "a levé", "levée de fonds", "série B", "menée par", "auprès de", "avec la participation de",
    "rachète", "racheté par", "prêt", "subvention", "introduction en Bourse", "closing de son nouveau fonds",
    "objectif de", "il reste", "à lever", "valorise", "pourraient atteindre", "entre", "et", ",", ".", ":",
    "12,5 milliards de dollars", "125 milliards", "30 millions d'euros", "300 M€", "5 M€", "entre 5 et 8 trillions de dollars",
    "raised", "led by", "from", "Series A", "$45 million", "acquires", "\n", "\n", "Cette page peut inclure du contenu de tiers",
    "le 13 janvier", "en 2021,", "avait levé", "«", "»", "’", "\u00a0",
]


def context(text: str) -> DocContext:
    norm = NormText.of(text)
    paras = paragraphs(norm.norm)
    ctx = DocContext(text=norm, lang="fr", paragraphs=paras, duplicates=duplicate_spans(paras))
    ctx.amounts, _ = find_amounts(norm.norm, "fr")
    ctx.entities = find_entities(ctx)
    return ctx


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=40))
@pytest.mark.fuzz
def test_records_hold_their_invariants(pieces):
    text = " ".join(pieces)
    ctx = context(text)
    records, warnings = build_records(ctx)
    spans = {(a.start, a.end) for a in ctx.amounts}
    for r in records:
        assert 0.0 <= r.confidence <= 1.0
        for ev in r.evidence:
            assert ctx.norm[ev.start:ev.end] == ev.text
        for money in (r.amount, r.target):
            assert money is None or any(ctx.norm[s:e] == money.text for s, e in spans)
    for w in warnings:
        assert all(0 <= s <= e <= len(text) for s, e in w.spans)
    assert len({r.id for r in records}) == len(records)
    assert [r.id for r in build_records(context(text))[0]] == [r.id for r in records]

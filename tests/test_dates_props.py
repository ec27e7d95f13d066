"""Property test (hypothesis, like tests/test_fuzz.py): a record's `announced` is never after the
document's `published` date, whatever dates, durations and relative words its sentences hold.

Generated articles are funding sentences written for this test, each with a date phrase drawn
from fixed dates (before and after publication), relative words, short forms and durations
anchored to an event, read against a random publication date.
"""
from __future__ import annotations

import os
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from milliard.schema import InputDocument

EXAMPLES = max(60, int(os.environ.get("MILLIARD_FUZZ_EXAMPLES", "2000")) // 20)

SENTENCES = {
    "fr": [
        "La jeune pousse nantaise Quivel a levé 4 millions d'euros {}.",
        "{}, Brisa annonce une levée de fonds de 12 M€ menée par Elaia.",
        "Le spécialiste du recyclage Ternil boucle un tour de table de 30 millions d'euros {}.",
    ],
    "en": [
        "The Berlin-based startup Quivel raised $4 million {}.",
        "{}, Brisa announced a $12 million Series A led by Index Ventures.",
    ],
}
PHRASES = {
    "fr": ["le 13 février 2031", "le 2 mars 2019", "mardi", "mardi dernier", "ce lundi", "la veille",
           "le lendemain du 13 février", "deux jours plus tard", "il y a deux semaines", "dans trois mois",
           "un an après son amorçage", "le 1er", "le 2/3", "02/03/2035", "mi-mars", "début mars",
           "fin 2030", "au 1er semestre", "demain", "la semaine prochaine", "en décembre", "le 28"],
    "en": ["on February 13, 2031", "on March 2, 2019", "on Tuesday", "last Tuesday", "the day after",
           "two days later", "a year after its seed round", "next week", "tomorrow", "in December",
           "earlier this month", "in three months"],
}


@st.composite
def articles(draw):
    lang = draw(st.sampled_from(sorted(SENTENCES)))
    lines = [draw(st.sampled_from(SENTENCES[lang])).format(draw(st.sampled_from(PHRASES[lang])))
             for _ in range(draw(st.integers(1, 3)))]
    return lang, "\n\n".join(s[0].upper() + s[1:] for s in lines)


@pytest.mark.slow
@pytest.mark.fuzz
@settings(max_examples=EXAMPLES, deadline=None, print_blob=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(articles(), st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31)))
def test_announced_never_after_published(extractor, article, published):  # `extractor`: conftest
    lang, text = article
    doc = InputDocument(id="d", text=text, lang=lang, published=published.isoformat())
    result = extractor.extract(doc)
    for r in result.records:
        assert r.announced is None or r.announced <= published.isoformat(), (r.announced, text)
        if r.announced is None:
            assert any(w.code == "announced_after_published" for w in r.warnings), r


@pytest.mark.slow
def test_a_future_only_date_leaves_announced_null_with_a_warning(extractor):
    doc = InputDocument(id="d", lang="fr", published="2026-03-12",
                        text="La jeune pousse nantaise Quivel a levé 4 millions d'euros le 13 février 2031.")
    records = extractor.extract(doc).records
    assert records and records[0].announced is None
    assert [w.code for w in records[0].warnings] == ["announced_after_published"]


@pytest.mark.slow
def test_a_past_date_is_announced(extractor):
    doc = InputDocument(id="d", lang="fr", published="2026-03-12",
                        text="La jeune pousse nantaise Quivel a levé 4 millions d'euros mardi.")
    records = extractor.extract(doc).records
    assert records and records[0].announced == "2026-03-10"

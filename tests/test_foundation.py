"""Packaging and wiring: entry points, pipeline definitions, language data and detection."""
from __future__ import annotations

import pytest

from milliard.extraction.extractor import DocumentError, Extractor, parse_published
from milliard.extraction.langdetect import detect
from milliard.lang import UnsupportedLanguage, data, supported
from milliard.schema import InputDocument


def test_languages_with_data_folders():
    assert {"fr", "en"} <= set(supported())


def test_unknown_language_data_is_refused():
    with pytest.raises(UnsupportedLanguage):
        data("xx", "amounts")


@pytest.mark.parametrize("text, lang", [
    ("La jeune pousse nantaise annonce une levée de fonds auprès de plusieurs investisseurs.", "fr"),
    ("The Berlin startup said on Tuesday it had raised new money from its existing investors.", "en"),
    ("Das Unternehmen hat in einer neuen Finanzierungsrunde Geld von Investoren erhalten.", "de"),
    ("12,5 Md$", "fr"),  # no words to tell by: the default
    ("Acme raises $12 billion", "en"),  # short: weighed between our own languages only
    ("Rachat: Dupont met la main sur Heidelberg Engineering", "fr"),  # names that look Dutch
])
def test_language_detection(text, lang):
    assert detect(text) == lang


def test_unsupported_language_is_a_document_error_not_a_crash():
    doc = InputDocument(id="de", text="Das Unternehmen hat in einer neuen Finanzierungsrunde Geld erhalten.")
    result = Extractor().extract(doc)
    assert result.error is not None and result.error.code == "unsupported_language"
    assert result.records == []


@pytest.mark.parametrize("value, expected", [
    (None, None), ("2026-01-14", "2026-01-14"), ("2026-01-14T08:30:00+01:00", "2026-01-14"),
    ("2026-01-14T08:30:00Z", "2026-01-14"),
])
def test_published_accepts_dates_and_datetimes(value, expected):
    got = parse_published(value)
    assert (got.isoformat() if got else None) == expected


def test_bad_published_is_a_clear_error():
    with pytest.raises(DocumentError) as err:
        parse_published("14/01/2026")
    assert err.value.code == "bad_published"


def test_stages_are_registered_as_spacy_factories():
    import spacy

    nlp = spacy.blank("fr")
    for name in ("milliard_amounts", "milliard_dates", "milliard_records"):
        nlp.add_pipe(name)  # through the entry points, without importing milliard.extraction.components
    doc = nlp("Rien ici.")
    assert doc._.milliard_amounts == [] and doc._.milliard_records == []


@pytest.mark.slow
def test_french_pipeline_composes_the_packaged_model_with_our_stages():
    import milliard

    nlp = milliard.load("fr")
    assert nlp.pipe_names[0] == "ner"
    assert nlp.pipe_names[1:] == ["milliard_amounts", "milliard_dates", "milliard_records"]

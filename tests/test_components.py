"""milliard's stages inside spaCy: results on the Doc as plain data that serialises, offsets
into doc.text, spans for displaCy, clear errors for a wrong pipeline."""
from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from datetime import date

import pytest
import spacy
from spacy.tokens import Doc, DocBin

from milliard.extraction.extractor import Extractor

STAGES = ("milliard_amounts", "milliard_dates", "milliard_records")
# Our own sentences: a record a blank pipeline finds (gazetteer-free names), typographic
# spaces (U+202F, U+00A0) and accented words, and a date with no year.
TEXT = ("La jeune pousse Quillane a levé 7,5\u202fM€ le 4 février auprès du fonds Brevaro Capital. "
        "Fondée à Besançon, l'éditeur prévoit de doubler ses effectifs d'ici 2028.")
OTHER = "Le groupe Tessarel a bouclé un tour de table de 30\u00a0millions d'euros en mai 2025."


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("fr")
    for name in STAGES:
        nlp.add_pipe(name)
    return nlp


def run(nlp, text: str, published=None) -> Doc:
    doc = nlp.make_doc(text)
    doc._.milliard_published = published
    return nlp(doc)


def results(doc: Doc) -> dict:
    """Everything our stages leave on a Doc, as JSON (DocBin gives tuples back for lists)."""
    return json.loads(json.dumps({
        "spans": {key: [(s.start_char, s.end_char, s.label_) for s in doc.spans[key]]
                  for key in ("milliard_amounts", "milliard_dates")},
        **{what: getattr(doc._, "milliard_" + what) for what in ("amounts", "dates", "records", "warnings")},
        "published": str(doc._.milliard_published),
    }))


def test_stages_write_spans_and_plain_data(nlp):
    doc = run(nlp, TEXT, "2026-02-10")
    assert [s.text for s in doc.spans["milliard_amounts"]] == ["7,5\u202fM€"]
    assert {s.label_ for s in doc.spans["milliard_dates"]} == {"DATE"}
    assert doc._.milliard_amounts[0]["value"] == 7_500_000 and doc._.milliard_amounts[0]["currency"] == "EUR"
    assert doc._.milliard_dates[0]["value"] == "2026-02-04" and "2028" in doc._.milliard_dates[-1]["text"]
    [record] = doc._.milliard_records
    assert (record["company"], record["amount"]["value"], record["announced"]) == ("Quillane", 7_500_000, "2026-02-04")
    json.dumps(results(doc))  # plain data all through


def test_mention_dicts_align_with_the_spans(nlp):
    doc = run(nlp, TEXT, "2026-02-10")
    for key in ("milliard_amounts", "milliard_dates"):
        spans, found = doc.spans[key], getattr(doc._, key)
        assert len(spans) == len(found)
        for span, mention in zip(spans, found):
            assert doc.text[mention["start"]:mention["end"]] == mention["text"] == span.text


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_offsets_index_doc_text_as_the_extractor_does(nlp, form):
    text = unicodedata.normalize(form, TEXT + " " + OTHER)
    doc = run(nlp, text, "2026-02-10")
    result = Extractor().extract(text, lang="fr", published="2026-02-10")
    assert doc._.milliard_amounts == [a.model_dump(mode="json") for a in result.amounts]
    assert doc._.milliard_dates == [d.model_dump(mode="json") for d in result.dates]
    # this blank pipeline has no NER, so its names are guessed and a record's confidence is
    # lower than the extractor's (the French pipeline's parity, confidence included, is
    # test_french_pipeline_gives_the_extractors_records); every offset and value agrees
    assert [without_confidence(r) for r in doc._.milliard_records] == \
        [without_confidence(r.model_dump(mode="json")) for r in result.records]
    assert [s.text for s in doc.spans["milliard_amounts"]] == ["7,5\u202fM€", "30\u00a0millions d'euros"]


def without_confidence(record: dict) -> dict:
    return {k: v for k, v in record.items() if k != "confidence"}


def test_to_bytes_round_trip_keeps_spans_and_records(nlp):
    doc = run(nlp, TEXT + "\n" + OTHER, date(2026, 2, 10))
    back = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert results(back) == results(doc)
    assert back._.milliard_records and back.spans["milliard_amounts"]


def test_docbin_round_trip_with_user_data(nlp):
    docs = [run(nlp, TEXT, "2026-02-10"), run(nlp, OTHER)]
    stored = DocBin(store_user_data=True, docs=docs).to_bytes()
    back = list(DocBin().from_bytes(stored).get_docs(nlp.vocab))
    assert [results(d) for d in back] == [results(d) for d in docs]


def test_pipe_in_two_processes_gives_the_same_results(nlp):
    texts = [TEXT, OTHER, "Rien à signaler.", TEXT + "\n" + OTHER]
    one = [results(d) for d in nlp.pipe(texts, n_process=1)]
    two = [results(d) for d in nlp.pipe(texts, n_process=2, batch_size=1)]
    assert two == one
    assert any(r["records"] for r in two)


def test_published_travels_with_docs_to_other_processes(nlp):
    docs = [nlp.make_doc(TEXT)]
    docs[0]._.milliard_published = "2026-02-10"
    [doc] = nlp.pipe(docs, n_process=2)
    assert doc._.milliard_dates[0]["value"] == "2026-02-04"


def test_displacy_shows_the_amount_spans(nlp):
    from spacy import displacy

    html = displacy.render(run(nlp, OTHER), style="span", options={"spans_key": "milliard_amounts"})
    assert "millions" in html and "MONEY" in html


@pytest.mark.parametrize("published", ["2026-02-10", date(2026, 2, 10), "2026-02-10T07:00:00+01:00"])
def test_published_is_a_date_or_an_iso_string(nlp, published):
    doc = run(nlp, TEXT, published)
    assert doc._.milliard_published == date(2026, 2, 10)
    assert doc._.milliard_dates[0]["value"] == "2026-02-04"


def test_a_bad_published_is_refused_when_set(nlp):
    doc = nlp.make_doc(TEXT)
    with pytest.raises(ValueError, match="milliard_published.*not an ISO date"):
        doc._.milliard_published = "10/02/2026"


def test_without_published_a_yearless_date_is_a_warning(nlp):
    doc = run(nlp, TEXT)
    assert doc._.milliard_published is None
    assert "unresolved_date" in {w["code"] for w in doc._.milliard_warnings}


def test_running_a_doc_twice_does_not_pile_up_results(nlp):
    doc = run(nlp, TEXT)
    before = results(doc)
    assert results(nlp(doc)) == before


def test_records_stage_without_amounts_is_a_clear_error():
    nlp = spacy.blank("fr")
    nlp.add_pipe("milliard_records")
    with pytest.raises(ValueError, match="milliard_records reads the results of the milliard_amounts stage"):
        nlp(TEXT)


def test_dates_stage_without_amounts_is_a_clear_error():
    nlp = spacy.blank("fr")
    nlp.add_pipe("milliard_dates")
    with pytest.raises(ValueError, match="milliard_dates reads the results of the milliard_amounts stage"):
        nlp(TEXT)


def test_records_stage_on_a_doc_deserialised_between_stages(nlp):
    """The shared working state is not serialised: a Doc that comes back from bytes gets
    it rebuilt, with the same records."""
    first = spacy.blank("fr")
    first.add_pipe("milliard_amounts")
    first.add_pipe("milliard_dates")
    doc = nlp.make_doc(TEXT)
    doc._.milliard_published = "2026-02-10"
    back = Doc(nlp.vocab).from_bytes(first(doc).to_bytes())
    assert results(nlp.get_pipe("milliard_records")(back)) == results(run(nlp, TEXT, "2026-02-10"))


def test_the_prefix_names_every_result():
    nlp = spacy.blank("fr")
    for name in STAGES:
        nlp.add_pipe(name, config={"prefix": "levees"})
    doc = nlp(OTHER)
    assert [s.text for s in doc.spans["levees_amounts"]] == ["30\u00a0millions d'euros"]
    assert doc._.levees_records and doc._.levees_records[0]["amount"]["value"] == 30_000_000


def test_an_extension_of_someone_else_is_refused_not_overwritten():
    Doc.set_extension("autre_records", getter=lambda doc: "theirs")
    try:
        nlp = spacy.blank("fr")
        with pytest.raises(ValueError, match="'autre_records' is already registered by something other"):
            nlp.add_pipe("milliard_amounts", config={"prefix": "autre"})
        assert nlp("x")._.autre_records == "theirs"
        assert not Doc.has_extension("autre_amounts")  # nothing registered half-way
    finally:
        Doc.remove_extension("autre_records")


def test_an_unsupported_language_is_refused_at_add_pipe():
    with pytest.raises(ValueError, match="no data for language 'de'"):
        spacy.blank("de").add_pipe("milliard_amounts")


def test_factories_declare_what_they_assign_and_require(nlp):
    meta = {name: nlp.get_pipe_meta(name) for name in STAGES}
    assert "doc._.milliard_amounts" in meta["milliard_amounts"].assigns
    assert "doc.spans" in meta["milliard_dates"].assigns
    assert set(meta["milliard_records"].requires) == {"doc._.milliard_amounts", "doc._.milliard_dates"}
    assert not any(nlp.analyze_pipes(pretty=False)["problems"].values())


def test_add_pipe_from_a_folder_with_a_user_pipeline_py(tmp_path):
    (tmp_path / "pipeline.py").write_text("raise SystemExit('the user module was imported')\n")
    code = ("import spacy\n"
            "nlp = spacy.blank('fr'); nlp.add_pipe('milliard_amounts')\n"
            "print(nlp('Une levée de 4 M€.')._.milliard_amounts[0]['value'])\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "4000000.0"


def test_milliard_extract_is_still_the_function_after_add_pipe():
    """The stages live in milliard.extraction, so importing them (as nlp.add_pipe does through
    the entry points) never rebinds the function milliard.extract."""
    import milliard

    spacy.blank("fr").add_pipe("milliard_amounts")
    assert callable(milliard.extract)


ACCENTED = ("Créée à Orléans, la société Vélodrôme Énergie a levé 18 M€ auprès de Bpifrance et de la "
            "Société Générale le 9 avril 2026.")


@pytest.fixture(scope="module")
def french():
    import milliard

    return milliard.load("fr")


@pytest.mark.slow
def test_french_pipeline_gives_the_extractors_records(french):
    doc = french(ACCENTED)
    result = Extractor().extract(ACCENTED, lang="fr")
    assert doc._.milliard_records == [r.model_dump(mode="json") for r in result.records]
    assert doc._.milliard_records[0]["company"] == "Vélodrôme Énergie"


@pytest.mark.slow
def test_french_pipeline_on_decomposed_accents_keeps_doc_text_offsets(french):
    """The NER model's entities index doc.text; the records stage reads them in the
    matching form and gives its evidence back in doc.text offsets."""
    text = unicodedata.normalize("NFD", ACCENTED)
    doc = french(text)
    assert doc._.milliard_amounts == [a.model_dump(mode="json") for a in Extractor().extract(text, lang="fr").amounts]
    evidence = [e for r in doc._.milliard_records for e in r["evidence"]]
    assert evidence and all(text[e["start"]:e["end"]] == e["text"] for e in evidence)


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="the NER model reads doc.text as given and misreads decomposed accents "
                                       "(the extractor feeds it the NFC form): normalise to NFC before nlp()")
def test_french_pipeline_on_decomposed_accents_finds_the_same_company(french):
    doc = french(unicodedata.normalize("NFD", ACCENTED))
    assert doc._.milliard_records[0]["company"] == "Vélodrôme Énergie"

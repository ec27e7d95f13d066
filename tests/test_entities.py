"""Entities: gazetteer (canonical names, aliases, label wins) and the cleaning of NER noise."""
from __future__ import annotations

import spacy

from milliard.normalise.context import DocContext
from milliard.normalise.text import NormText, duplicate_spans, paragraphs
from milliard.records.entities import canonical, find_entities, gazetteer, gazetteer_entities, is_investor_name


def ctx_of(text: str, ents: list[tuple[str, str]] = (), lang: str = "fr") -> DocContext:
    """A context whose one "model" doc tags each (substring, label) given (a blank
    tokenizer stands in for the NER model, so no model is loaded)."""
    norm = NormText.of(text)
    paras = paragraphs(norm.norm)
    ctx = DocContext(text=norm, lang=lang, paragraphs=paras, duplicates=duplicate_spans(paras))
    doc = spacy.blank(lang)(norm.norm)
    spans = []
    for sub, label in ents:
        start = norm.norm.index(sub)
        span = doc.char_span(start, start + len(sub), label=label)
        assert span is not None, sub
        spans.append(span)
    doc.ents = spans
    ctx.docs = [(0, doc)]
    return ctx


def test_alias_gives_the_canonical_name():
    found = gazetteer_entities("Le prêt est accordé par Bpi et la BEI.")
    assert [(e.text, e.name, e.label) for e in found] == [
        ("Bpi", "Bpifrance", "ORG"), ("BEI", "Banque européenne d'investissement", "ORG")]


def test_alias_is_a_whole_word_only():
    assert [e.name for e in gazetteer_entities("Bpifrance et Bpi France investissent.")] == ["Bpifrance", "Bpifrance"]
    assert gazetteer_entities("BPIX et Accelerate ne sont pas des noms connus.") == []


def test_gazetteer_label_wins_over_the_model():
    ctx = ctx_of("Le tour est mené par Bpifrance.", [("Bpifrance", "MISC")])
    assert [(e.name, e.label) for e in find_entities(ctx)] == [("Bpifrance", "ORG")]


def test_gazetteer_finds_names_the_model_did_not_read():
    ctx = ctx_of("Une phrase sans modèle.\nLa BEI prête 20 millions d'euros à Ynsect.")
    ctx.docs = []
    assert [e.name for e in find_entities(ctx)] == ["Banque européenne d'investissement"]


def test_headings_and_lower_case_words_are_not_entities():
    text = ("Acme lève des fonds auprès de Zorglub Capital.\nLien avec le marché\n"
            "Les stablecoins progressent aussi.")
    ctx = ctx_of(text, [("Lien", "LOC"), ("Zorglub Capital", "ORG"), ("stablecoins", "LOC")])
    assert [e.name for e in find_entities(ctx)] == ["Zorglub Capital"]


def test_the_first_line_is_a_headline_not_a_heading():
    text = "Pivoria lève 4 millions d'euros\nLa jeune pousse lyonnaise a convaincu deux fonds."
    ctx = ctx_of(text, [("Pivoria", "ORG")])
    assert [e.name for e in find_entities(ctx)] == ["Pivoria"]


def test_names_on_a_line_in_capitals_take_the_casing_written_elsewhere():
    text = "Velmora ouvre son capital\nLA MARQUE VELMORA LÈVE 2 M€ AUPRÈS DE BPIFRANCE ET DE NOVAXIS."
    ctx = ctx_of(text, [("Velmora", "ORG"), ("MARQUE VELMORA LÈVE", "MISC"), ("NOVAXIS", "MISC")])
    assert [(e.name, e.text) for e in find_entities(ctx)] == [
        ("Velmora", "Velmora"), ("Velmora", "VELMORA"), ("Bpifrance", "BPIFRANCE")]


def test_a_heading_name_seen_in_a_sentence_too_is_kept():
    text = "Zorglub Capital\nLe fonds Zorglub Capital investit."
    ctx = ctx_of(text, [("Zorglub Capital", "ORG")])
    ctx.docs[0][1].ents = [ctx.docs[0][1].char_span(0, 15, label="ORG"),
                           ctx.docs[0][1].char_span(25, 40, label="ORG")]
    assert [e.start for e in find_entities(ctx)] == [0, 25]


def test_exact_repeats_are_left_to_the_mirror():
    text = "BlackRock et Microsoft s'associent dans un projet commun.\nBlackRock et Microsoft s'associent dans un projet commun."
    ctx = ctx_of(text)
    ctx.docs = []
    assert [e.start for e in find_entities(ctx)] == [0, 13]  # extract.mirror_into_duplicates adds the copy


def test_investor_types_and_canonical_lookup_are_case_blind():
    assert is_investor_name("bpifrance") and is_investor_name("Sequoia")
    assert not is_investor_name("Paris") and not is_investor_name("Acme")
    assert canonical("a16z") == "Andreessen Horowitz"
    assert gazetteer().pattern is not None

"""Funding records from hand-built amount mentions (no model, no amounts stage): roles of
parties and amounts, conflicting figures, duplicates, ids, dates."""
from __future__ import annotations

from datetime import date

import pytest

from milliard.normalise.context import DocContext
from milliard.normalise.text import NormText, duplicate_spans, paragraphs
from milliard.records.entities import find_entities
from milliard.records.events import build_records, needs_model, record_id
from milliard.schema import Amount, DateMention, Party


def amount(text: str, sub: str, value=None, currency="EUR", nth=0, low=None, high=None, inferred=False) -> Amount:
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return Amount(text=sub, start=start, end=start + len(sub), value=value, low=low, high=high,
                  currency=currency, currency_inferred=inferred)


def records_of(text: str, amounts=(), lang="fr", published=None, dates=()):
    norm = NormText.of(text)
    paras = paragraphs(norm.norm)
    ctx = DocContext(text=norm, lang=lang, published=published, paragraphs=paras,
                     duplicates=duplicate_spans(paras), amounts=sorted(amounts, key=lambda a: a.start),
                     dates=list(dates))
    ctx.entities = find_entities(ctx)
    return build_records(ctx)


def roles(record) -> set[tuple[str, str]]:
    return {(p.name, p.role) for p in record.parties}


def test_series_a_with_lead_and_other_investors():
    t = "La start-up nantaise Plumeo lève 12 millions d'euros en série A menée par Partech, avec la participation de Bpi."
    (rec,), warnings = records_of(t, [amount(t, "12 millions d'euros", 12e6)])
    assert (rec.kind, rec.company, rec.round, rec.amount.value) == ("funding_round", "Plumeo", "series_a", 12e6)
    assert roles(rec) == {("Plumeo", "recipient"), ("Partech", "lead_investor"), ("Bpifrance", "investor")}
    assert warnings == [] and rec.confidence >= 0.8


def test_elided_cue_auprès_d():
    t = "Le studio Pixelo a levé 3 millions d'euros auprès d'Alven et d'ISAI."
    (rec,), _ = records_of(t, [amount(t, "3 millions d'euros", 3e6)])
    assert roles(rec) >= {("Alven", "investor"), ("ISAI", "investor")}


def test_target_and_raised_are_told_apart():
    t = "La foncière Solaro vise 40 millions d'euros. Elle a déjà levé 15 millions d'euros auprès de la Caisse des Dépôts."
    (rec,), _ = records_of(t, [amount(t, "40 millions d'euros", 40e6), amount(t, "15 millions d'euros", 15e6)])
    assert (rec.company, rec.amount.value, rec.target.value) == ("Solaro", 15e6, 40e6)


@pytest.mark.parametrize("sentence, sub", [
    ("Le marché mondial de la robotique pourrait atteindre 300 milliards d'euros en 2030.", "300 milliards d'euros"),
    ("Le groupe Lumeo affiche un chiffre d'affaires de 2 milliards d'euros.", "2 milliards d'euros"),
    ("L'opération valorise Lumeo à 900 millions d'euros.", "900 millions d'euros"),
])
def test_forecasts_revenue_and_valuations_are_not_records(sentence, sub):
    assert records_of(sentence, [amount(sentence, sub, 1e9)]) == ([], [])


def test_valuation_next_to_a_raise_is_not_the_amount():
    t = "Vaulto lève 50 millions d'euros en série B, ce qui la valorise 500 millions d'euros."
    (rec,), warnings = records_of(t, [amount(t, "50 millions d'euros", 50e6), amount(t, "500 millions d'euros", 500e6)])
    assert rec.amount.value == 50e6 and warnings == []  # a valuation x10 is no conflict


def test_scale_slip_is_a_conflict_citing_both_spans():
    t = ("La medtech Cardiaq a levé 15 millions d'euros auprès d'Elaia.\n"
         "Avec ces 150 millions d'euros levés, elle ouvre une filiale.")
    a, b = amount(t, "15 millions d'euros", 15e6), amount(t, "150 millions d'euros", 150e6)
    (rec,), warnings = records_of(t, [a, b])
    assert rec.amount.value == 15e6  # the first statement is kept, nothing is "corrected"
    assert [w.code for w in warnings] == ["conflicting_figures"]
    assert warnings[0].spans == [(a.start, a.end), (b.start, b.end)]
    assert rec.warnings == warnings and rec.confidence < 0.8


def test_remaining_that_does_not_add_up_is_a_conflict():
    t = "Le projet Hydra a levé 10 millions d'euros, pour un objectif de 30 millions d'euros. Il reste 5 millions d'euros à lever."
    amounts = [amount(t, "10 millions d'euros", 10e6), amount(t, "30 millions d'euros", 30e6),
               amount(t, "5 millions d'euros", 5e6)]
    (rec,), warnings = records_of(t, amounts)
    assert (rec.amount.value, rec.target.value) == (10e6, 30e6)
    assert [len(w.spans) for w in warnings] == [3]


def test_remaining_that_adds_up_is_fine():
    t = "Le projet Hydra a levé 10 millions d'euros, pour un objectif de 30 millions d'euros. Il reste 20 millions d'euros à lever."
    amounts = [amount(t, "10 millions d'euros", 10e6), amount(t, "30 millions d'euros", 30e6),
               amount(t, "20 millions d'euros", 20e6)]
    (rec,), warnings = records_of(t, amounts)
    assert warnings == [] and rec.amount.value == 10e6


def test_joint_vehicle_of_two_partners():
    t = "Le véhicule commun entre Ardian et Nvidia a levé 2 milliards de dollars, avec un objectif de 5 milliards de dollars."
    (rec,), _ = records_of(t, [amount(t, "2 milliards de dollars", 2e9, "USD"), amount(t, "5 milliards de dollars", 5e9, "USD")])
    assert rec.company is None
    assert roles(rec) == {("Ardian", "partner"), ("Nvidia", "partner")}


def test_repeated_paragraph_gives_one_record():
    p = "La fintech Lumo a levé 20 millions d'euros auprès d'Alven pour se développer en Italie."
    t = p + "\nAutre chose sans rapport ici.\n" + p
    amounts = [amount(t, "20 millions d'euros", 20e6), amount(t, "20 millions d'euros", 20e6, nth=1)]
    records, _ = records_of(t, amounts)
    assert len(records) == 1


def test_publisher_disclaimer_yields_no_party():
    t = ("La start-up Orbito a levé 4 millions d'euros auprès de Kima Ventures.\n"
         "Cette page peut inclure du contenu de tiers. Newsly ne garantit ni l'exactitude ni la validité de ces contenus.")
    (rec,), _ = records_of(t, [amount(t, "4 millions d'euros", 4e6)])
    assert "Newsly" not in {p.name for p in rec.parties}


def test_disclaimer_only_page_has_no_record():
    t = "Cette page peut inclure du contenu de tiers fourni à des fins d'information uniquement. Newsly ne garantit ni l'exactitude ni la validité."
    assert records_of(t) == ([], [])


def test_acquisition_active_and_passive():
    t = "Le groupe Keyro rachète la start-up Datapix pour 25 millions d'euros."
    (rec,), _ = records_of(t, [amount(t, "25 millions d'euros", 25e6)])
    assert (rec.kind, rec.company) == ("acquisition", "Datapix")
    assert roles(rec) == {("Keyro", "acquirer"), ("Datapix", "target")}
    t = "La société Vulko est rachetée par Eurazeo pour un montant non communiqué."
    (rec,), _ = records_of(t)
    assert (rec.company, rec.amount) == ("Vulko", None) and ("Eurazeo", "acquirer") in roles(rec)


def test_grant_from_a_public_investor():
    t = "Bpifrance accorde une subvention de 800 000 euros à la start-up Orbiq."
    (rec,), _ = records_of(t, [amount(t, "800 000 euros", 8e5)])
    assert (rec.kind, rec.round, rec.company) == ("grant", "grant", "Orbiq")
    assert ("Bpifrance", "investor") in roles(rec)


def test_past_round_is_not_a_second_event():
    t = "Agrivo lève 30 millions d'euros en série B. En 2022, elle avait levé 8 millions d'euros auprès de Kima Ventures."
    (rec,), _ = records_of(t, [amount(t, "30 millions d'euros", 30e6), amount(t, "8 millions d'euros", 8e6)])
    assert rec.amount.value == 30e6 and "Kima Ventures" not in {p.name for p in rec.parties}


def test_english_series_b_led_by():
    t = "Robotics maker Ardento raised $45 million in a Series B led by Sequoia, with participation from Accel."
    (rec,), _ = records_of(t, [amount(t, "$45 million", 45e6, "USD")], lang="en")
    assert (rec.company, rec.round) == ("Ardento", "series_b")
    assert roles(rec) >= {("Sequoia Capital", "lead_investor"), ("Accel", "investor")}


def test_announced_is_the_date_of_the_sentence_else_published():
    t = "Plumeo a levé 5 millions d'euros le 13 janvier auprès de Partech."
    d = DateMention(text="13 janvier", start=t.index("13 janvier"), end=t.index("13 janvier") + 10,
                    value="2026-01-13", grain="day")
    (rec,), _ = records_of(t, [amount(t, "5 millions d'euros", 5e6)], published=date(2026, 1, 20), dates=[d])
    assert rec.announced == "2026-01-13"
    (rec,), _ = records_of(t, [amount(t, "5 millions d'euros", 5e6)], published=date(2026, 1, 20))
    assert rec.announced == "2026-01-20"
    (rec,), _ = records_of(t, [amount(t, "5 millions d'euros", 5e6)])
    assert rec.announced is None


def test_id_is_a_stable_content_hash():
    t = "Plumeo a levé 5 millions d'euros auprès de Partech."
    first, _ = records_of(t, [amount(t, "5 millions d'euros", 5e6)])
    again, _ = records_of("Préambule.\n" + t, [amount("Préambule.\n" + t, "5 millions d'euros", 5e6)])
    assert first[0].id == again[0].id
    other = record_id("funding_round", "Plumeo", [], None, None)
    assert other != first[0].id and other == record_id("funding_round", "Plumeo", [Party(name="X", role="investor")], None, None)


def test_needs_model_is_a_cheap_trigger_scan():
    assert needs_model("La société a levé des fonds.", "fr")
    assert needs_model("Acme raised money from Accel.", "en")
    assert not needs_model("Il fait beau sur la Bretagne.", "fr")


@pytest.mark.parametrize("text, sub", [
    ("Le ministère lève le voile sur un plan de 2 milliards d'euros.", "2 milliards d'euros"),
    ("Le financement des retraites nécessitera 12 milliards d'euros de plus, selon la Cour des comptes.", "12 milliards d'euros"),
])
def test_idioms_and_a_lone_weak_trigger_make_no_record(text, sub):
    assert records_of(text, [amount(text, sub, 1e9)]) == ([], [])


def test_weak_trigger_next_to_its_amount_is_enough():
    t = "La start-up Orbiq obtient 3 millions d'euros pour industrialiser son capteur."
    (rec,), _ = records_of(t, [amount(t, "3 millions d'euros", 3e6)])
    assert (rec.company, rec.amount.value) == ("Orbiq", 3e6)


def test_a_rubric_before_a_colon_is_not_the_company():
    t = "Santé : Abiliq lève 150 millions d'euros pour son essai clinique."
    (rec,), _ = records_of(t, [amount(t, "150 millions d'euros", 150e6)])
    assert rec.company == "Abiliq"


def test_lead_named_before_its_cue_and_investee_after_dans():
    t = "La fintech Spendra lève 100 millions de dollars. Tiger Global mène l'opération, aux côtés d'Accel."
    (rec,), _ = records_of(t, [amount(t, "100 millions de dollars", 1e8, "USD")])
    assert roles(rec) >= {("Tiger Global", "lead_investor"), ("Accel", "investor")}
    t = "Le fonds Jolt Capital investit 12 millions d'euros aux côtés de Bpifrance dans la société Aledix."
    (rec,), _ = records_of(t, [amount(t, "12 millions d'euros", 12e6)])
    assert (rec.kind, rec.company) == ("investment", "Aledix")
    assert roles(rec) >= {("Jolt Capital", "investor"), ("Bpifrance", "investor")}


def test_capitalised_descriptors_are_not_names():
    t = "Battery maker Voltaro secured a $5 billion loan from the European Investment Bank to expand in Sweden."
    (rec,), _ = records_of(t, [amount(t, "$5 billion", 5e9, "USD")], lang="en")
    assert (rec.kind, rec.company) == ("debt", "Voltaro")
    assert {p.name for p in rec.parties if p.role == "investor"} == {"Banque européenne d'investissement"}


def test_a_page_of_briefs_gives_one_record_each_and_no_false_conflict():
    t = "La start-up Orbiq lève 5 millions d'euros auprès de Partech.\nLa fintech Zelko lève 50 millions d'euros auprès d'Accel."
    records, warnings = records_of(t, [amount(t, "5 millions d'euros", 5e6), amount(t, "50 millions d'euros", 5e7)])
    assert [(r.company, r.amount.value) for r in records] == [("Orbiq", 5e6), ("Zelko", 5e7)]
    assert warnings == []  # x10 between two events is no scale slip

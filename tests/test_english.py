"""English news end to end (blank English pipeline + milliard's stages): one story one record,
the headline's company for "the startup", context amounts never the deal's."""
from __future__ import annotations

import pytest

import milliard
from milliard.records.sentences import title_end


@pytest.fixture(scope="module")
def extractor():
    return milliard.Extractor()


def records(extractor, text: str):
    return extractor.extract(text, lang="en", published="2025-06-02").records


def test_headline_is_the_first_line_before_a_blank_line():
    assert title_end("Brindle Raises $8 Million\n\nBrindle said.") == len("Brindle Raises $8 Million")
    assert title_end("Brindle raised $8 million.\n\nMore.") is None  # a sentence, not a title
    assert title_end("One paragraph only, no headline") is None


def test_restated_round_earlier_round_and_total_are_one_record(extractor):
    text = ("Kestrel Labs Raises $12 Million Series A\n\n"
            "Kestrel Labs, a maker of drone inspection software, has raised $12 million in a Series A round "
            "led by Northwind Partners.\n"
            "The startup had raised a $2 million seed round last year from angel investors.\n"
            "The new funding brings its total funding to $14 million.\n"
            "\"This $12 million round lets us hire,\" the chief executive said.")
    (rec,) = records(extractor, text)
    assert (rec.company, rec.amount.value, rec.round) == ("Kestrel Labs", 12e6, "series_a")


def test_a_feature_without_a_deal_in_its_headline_has_no_record(extractor):
    text = ("Why Warehouse Robots Are Getting Cheaper\n\n"
            "Prices of picking robots fell sharply this year, analysts say.\n"
            "One of the leaders, Ardent Robotics, raised $45 million in 2023 and now sells in nine countries.")
    assert records(extractor, text) == []


def test_the_startup_takes_the_headline_company(extractor):
    text = ("Fernwood Secures $3 Million to Grow Its Tutoring App\n\n"
            "The startup said on Monday it secured $3 million in seed funding led by Juniper Ventures.")
    (rec,) = records(extractor, text)
    assert (rec.company, rec.amount.value) == ("Fernwood", 3e6)


@pytest.mark.parametrize("text, company, acquirer, value", [
    ("Ardley Systems agreed to acquire Brevik Optics for $4.5 billion, the two companies said.",
     "Brevik Optics", "Ardley Systems", 4.5e9),
    ("Halvorsen Group will buy Pyrite Labs for $23.85 a share in cash, in a deal valued at about $2.1 billion.",
     "Pyrite Labs", "Halvorsen Group", 2.1e9),
    ("Marrow Foods agreed to be acquired by Castlewood Partners for $32 per share, giving the deal an "
     "enterprise value of $5.6 billion.", "Marrow Foods", "Castlewood Partners", 5.6e9),
])
def test_an_acquisition_is_worth_the_deal_never_a_share(extractor, text, company, acquirer, value):
    (rec,) = records(extractor, text)
    assert (rec.kind, rec.company, rec.amount.value) == ("acquisition", company, value)
    assert (acquirer, "acquirer") in {(p.name, p.role) for p in rec.parties}


def test_an_ipo_is_worth_the_money_raised(extractor):
    text = ("Shares of Ventrel rose in their debut after the company raised $480 million in its initial public "
            "offering, pricing shares at $24 each.")
    (rec,) = records(extractor, text)
    assert (rec.kind, rec.amount.value) == ("ipo", 4.8e8)


def test_an_earlier_round_in_a_relative_clause_is_context(extractor):
    (rec,) = records(extractor, "Kernow Robotics, which raised a $2M seed last year, has raised $15 million in a Series A.")
    assert (rec.amount.value, rec.round) == (15e6, "series_a")


@pytest.mark.parametrize("text, value, currency", [
    ("Kopimatic raises S$5 million from local investors.", 5e6, "SGD"),
    ("Khetsetu has raised Rs 40 crore in a Series A round.", 4e8, "INR"),
    ("Khetsetu has raised ₹40 crore in a Series A round.", 4e8, "INR"),
    ("Ferrule has raised €8.9m in new funding.", 8.9e6, "EUR"),
    ("Tillery has raised £5m in a seed round.", 5e6, "GBP"),
    ("Ostrava Energy has raised $1.2bn for grid batteries.", 1.2e9, "USD"),
    ("Pebbleworks has raised $500K in pre-seed funding.", 5e5, "USD"),
])
def test_currencies_and_scales(extractor, text, value, currency):
    (rec,) = records(extractor, text)
    assert (rec.amount.value, rec.amount.currency) == (value, currency)


def test_half_a_billion_dollars(extractor):
    (rec,) = records(extractor, "Ostler, a payroll startup, raised half a billion dollars from SoftBank.")
    assert rec.amount.value == 5e8


def test_a_rubric_before_the_headline_name_is_not_part_of_it(extractor):
    (rec,) = records(extractor, "Exclusive: Drumlin Raises $9M From Acre Ventures\n\nThe company confirmed the raise.")
    assert (rec.company, rec.amount.value) == ("Drumlin", 9e6)


@pytest.mark.parametrize("text, company", [
    ("AUSTIN, Texas, April 8, 2025 /PRNewswire/ -- Quillon, a claims platform, today announced it has closed "
     "a $25 million Series B round led by Halcyon Ventures.", "Quillon"),
    ("LONDON (Newswire) - British fintech Parrable has raised 40 million pounds in a round led by Crestmoor.",
     "Parrable"),
])
def test_a_wire_dateline_names_no_party(extractor, text, company):
    (rec,) = records(extractor, text)
    assert rec.company == company


def test_a_share_price_alone_is_no_funding(extractor):
    text = "Each holder will receive $30.33 in cash for each Brantley share, which values Brantley at $62 billion."
    assert records(extractor, text) == []


@pytest.mark.parametrize("text, company", [
    ("Ledgerwell Health Announces $20 Million Series B Funding\n\nLedgerwell Health said the round was led by "
     "Korbin Capital.", "Ledgerwell Health"),
    ("$20M for Tamsin to bring lockers to stations\n\nTamsin has raised $20 million from Perrow Ventures.", "Tamsin"),
])
def test_a_headline_without_a_trigger_before_its_figure(extractor, text, company):
    (rec,) = records(extractor, text)
    assert (rec.company, rec.amount.value) == (company, 2e7)


@pytest.mark.parametrize("text, company", [
    ("Lattice One raised an $85 million round\n\nLattice One, a freight pod maker, has closed an $85 million round.",
     "Lattice One"),
    ("After a token sale, Kenya's payments startup Mapesa has just raised US$1M from Savanna Fund\n\n"
     "Mapesa said the money will pay for hiring.", "Mapesa"),
])
def test_headline_names_with_a_capital_stop_word_or_after_an_opening_phrase(extractor, text, company):
    (rec,) = records(extractor, text)
    assert rec.company == company

"""English news end to end (blank English pipeline + milliard's stages): one story one record,
the headline's company for "the startup", context amounts never the deal's."""
from __future__ import annotations

import pytest

import milliard
from milliard.records.salience import headline_end


@pytest.fixture(scope="module")
def extractor():
    return milliard.Extractor()


def records(extractor, text: str):
    return extractor.extract(text, lang="en", published="2025-06-02").records


def test_headline_is_the_first_line_before_a_blank_line():
    assert headline_end("Brindle Raises $8 Million\n\nBrindle said.") == len("Brindle Raises $8 Million")
    assert headline_end("Brindle raised $8 million.\n\nMore.") is None  # a sentence, not a title
    assert headline_end("One paragraph only, no headline") is None


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

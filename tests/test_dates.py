"""milliard.normalise.dates: the CONTRACT shape of DateMention, the anchoring rules (tense, no publication
date), `avoid` spans, and properties on generated text."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from milliard.normalise.dates import find_dates
from milliard.normalise.text import fold

REF = date(2026, 11, 26)  # a Thursday


def one(text: str, lang: str = "fr", ref: date | None = REF, avoid=()):
    found, warnings = find_dates(fold(text), lang, ref, list(avoid))
    assert len(found) == 1, [m.text for m in found]
    return found[0], warnings


def test_single_date_and_period_shapes():
    d, _ = one("Le contrat a été signé le 13 janvier 2026.")
    assert (d.value, d.grain, d.start_date, d.end_date, d.inferred_year) == ("2026-01-13", "day", None, None, False)
    p, _ = one("La banque table sur une hausse (entre 2025 et 2030).")
    assert (p.value, p.grain, p.start_date, p.end_date) == (None, "year", "2025-01-01", "2030-12-31")
    assert p.text == "entre 2025 et 2030"


def test_offsets_index_the_text():
    text = fold("Publié le 1er février 2025 à Paris, d’ici 2030 et au T1 2026.")
    found, _ = find_dates(text, "fr", REF)
    assert [m.text for m in found] == ["1er février 2025", "d'ici 2030", "T1 2026"]
    for m in found:
        assert text[m.start:m.end] == m.text


@pytest.mark.parametrize("sentence,value", [
    ("La société a annoncé le 3 janvier une levée de fonds.", "2026-01-03"),   # past: the latest one
    ("La société annoncera le 3 janvier une levée de fonds.", "2027-01-03"),   # future: the next one
    ("Rendez-vous le 3 janvier pour la suite.", "2027-01-03"),                 # no tense: the nearest
    ("Rendez-vous le 3 octobre pour la suite.", "2026-10-03"),                 # no tense: the nearest
])
def test_yearless_dates_follow_the_tense(sentence, value):
    d, warnings = one(sentence)
    assert d.value == value and d.inferred_year is True
    assert warnings == []  # anchoring to the publication date is the rule, not a guess


@pytest.mark.parametrize("sentence,value", [
    ("Le groupe a publié mardi ses comptes.", "2026-11-24"),
    ("Le groupe publiera mardi ses comptes.", "2026-12-01"),
    ("Le groupe a publié ses comptes mardi dernier.", "2026-11-24"),
    ("Le groupe a publié ses comptes hier.", "2026-11-25"),
])
def test_weekdays_and_relative_days(sentence, value):
    assert one(sentence)[0].value == value


def test_year_taken_from_the_sentence_without_publication_date():
    text = "Son rapport 2026 publié le 13 janvier le confirme."
    found, warnings = find_dates(fold(text), "fr", None)
    day = next(m for m in found if m.text == "13 janvier")
    assert (day.value, day.inferred_year) == ("2026-01-13", True)
    assert [(w.code, w.spans) for w in warnings] == [("inferred_year", [(day.start, day.end)])]


def test_no_year_to_infer_is_reported_unresolved():
    d, warnings = one("Le fonds a été clôturé le 13 janvier.", ref=None)
    assert (d.text, d.value, d.start_date, d.end_date, d.inferred_year) == ("13 janvier", None, None, None, False)
    assert [w.code for w in warnings] == ["unresolved_date"]


def test_relative_dates_need_the_publication_date():
    d, warnings = one("La start-up a levé 3 M€ hier.", ref=None)
    assert d.value is None and [w.code for w in warnings] == ["unresolved_date"]


def test_avoid_spans_are_never_dates():
    text = "entre 2025 et 2030 millions"
    assert find_dates(text, "fr", REF, [(0, len(text))])[0] == []
    d, _ = one("Le 3 mars 2026, elle a levé 2025 M€.", avoid=[(27, 34)])
    assert d.text == "3 mars 2026"


def test_unsupported_language_gives_nothing():
    assert find_dates("13 janvier 2026", "de", REF) == ([], [])


def test_english_reads_month_first():
    assert one("It was filed on 03/04/2026.", "en")[0].value == "2026-03-04"
    assert one("Il a été déposé le 03/04/2026.", "fr")[0].value == "2026-04-03"


PIECES = ["13", "janvier", "2026", " ", ", ", "le", "entre", "et", "de", "à", "-", "/", ".", "T1", "mardi",
          "dernier", "il y a", "trois", "jours", "fin", "mi-", "depuis", "d'ici", "12,5", "Je", "sept", "\n",
          "semaine", "prochaine", "l'été", "les années", "90", "1er", "trimestre", "S1", "hier", "mars",
          "jui.", "la journée", "sur", "au", "du", "mil", "neuf", "cent", "lundi", "juin"]


@pytest.mark.parametrize("sentence,value", [
    # the weekday agrees with 21 June 2027 only (2026-06-21 is a Sunday): it outweighs nearness
    ("Le comité se réunira lundi 21 juin.", "2027-06-21"),
    ("Le comité s'est réuni lundi 21 juin.", "2027-06-21"),
    # no year of the three around the reference agrees: the usual rule (the past one here)
    ("Le comité s'est réuni mardi 21 juin.", "2026-06-21"),
])
def test_a_weekday_beside_a_yearless_day_picks_the_year(sentence, value):
    assert one(sentence)[0].value == value


def test_a_clause_to_come_takes_the_unit_under_way():
    # written on 12 March: "en mars" to come is this March, not next year's
    ref = date(2026, 3, 12)
    assert one("Le service sera ouvert en mars.", ref=ref)[0].value == "2026-03-01"
    q, _ = one("Le lancement est prévu au premier trimestre.", ref=ref)
    assert (q.start_date, q.end_date) == ("2026-01-01", "2026-03-31")


def test_a_year_in_words_closes_the_day():
    d, warnings = one("Le fondateur est né le douze mai mil neuf cent quatre-vingt-un.")
    assert (d.value, d.inferred_year, warnings) == ("1981-05-12", False, [])
    assert one("Signé le 12 mai, deux mille vingt-six, à Lyon.")[0].value == "2026-05-12"
    # a number of people is no year, and the day keeps its year-less reading
    d, _ = one("Le 12 mai, deux mille salariés ont manifesté.")
    assert (d.text, d.inferred_year) == ("12 mai", True)


def test_the_week_of_a_day():
    d, _ = one("Rendez-vous la semaine du 15 avril pour la suite.", ref=date(2026, 3, 12))
    assert (d.text, d.value, d.grain) == ("la semaine du 15 avril", "2026-04-13", "week")
    d, _ = one("Meetings: the week of April 15.", "en", ref=date(2026, 3, 12))
    assert (d.value, d.grain) == ("2026-04-13", "week")


@pytest.mark.parametrize("sentence,lang,found", [
    ("Le titre a gagné 3 % sur la journée.", "fr", "2026-11-26"),
    ("La journée", "fr", "2026-11-26"),                      # a line of its own
    ("La journée type d'un fondateur commence tôt.", "fr", None),
    ("Il a annoncé sa levée pendant la journée de mercredi.", "fr", "2026-11-25"),  # the Wednesday
    ("Shares rose 3% on the day.", "en", "2026-11-26"),
    ("They saved the day.", "en", None),
])
def test_the_day_itself(sentence, lang, found):
    got, _ = find_dates(fold(sentence), lang, REF)
    assert [m.value for m in got] == ([found] if found else [])


def test_a_quarter_letter_after_a_context_word():
    ref = date(2026, 3, 12)
    q, _ = one("Le chiffre d'affaires a reculé au T3.", ref=ref)
    assert (q.text, q.start_date, q.end_date, q.inferred_year) == ("T3", "2025-07-01", "2025-09-30", True)
    q, _ = one("Revenue should recover in Q3.", "en", ref=ref)
    assert (q.start_date, q.end_date) == ("2026-07-01", "2026-09-30")
    assert find_dates(fold("Le T1 est loué meublé."), "fr", ref)[0] == []


def test_an_abbreviation_of_two_months_is_flagged_not_guessed():
    d, warnings = one("Le contrat a été signé le 5 jui. à Paris.")
    assert (d.text, d.value, d.start_date, d.end_date) == ("5 jui.", None, None, None)
    assert [w.code for w in warnings] == ["ambiguous_date"] and "juin or juillet" in warnings[0].message
    assert one("Le contrat a été signé le 5 juil. à Paris.")[0].value == "2026-07-05"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.sampled_from(["fr", "en"]),
       st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2040, 12, 31))))
def test_any_text_gives_well_formed_mentions(pieces, lang, ref):
    text = "".join(pieces)
    avoid = [(0, 3)] if len(text) > 3 else []
    found, warnings = find_dates(text, lang, ref, avoid)
    last_end = -1
    for m in found:
        assert text[m.start:m.end] == m.text and m.start >= last_end
        assert not (m.start < 3 and avoid)
        last_end = m.end
        if m.value is None and m.start_date is None and m.end_date is None:
            assert any(w.code in ("unresolved_date", "ambiguous_date") and (m.start, m.end) in w.spans
                       for w in warnings)
        if m.start_date and m.end_date:
            assert m.start_date <= m.end_date


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["fr", "en"]), st.one_of(st.none(), st.dates()))
def test_arbitrary_text_never_raises(text, lang, ref):
    found, _ = find_dates(fold(text), lang, ref)
    assert all(fold(text)[m.start:m.end] == m.text for m in found)

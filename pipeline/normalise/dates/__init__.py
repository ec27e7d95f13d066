"""Dates and periods, anchored to the publication date. Pure Python, no spaCy.

`find_dates(text, lang, published, avoid)` finds candidate spans with regexes built from
`pipeline/lang/<lang>/dates.toml` (milliard.normalise.dates.rules), keeps the longest non-overlapping
ones, joins "entre A et B" / "de A à B" / "A-B" into one period and "depuis A", "d'ici A",
"avant A", "après A" into open periods, then resolves each against the reference date.

Readings (the rules of the CONTRACT's DateMention, made precise):
* A single date has `value` = its first day and the grain it is written at: "13 janvier 2026"
  day, "la semaine dernière" week (value = its Monday), "en mars 2024" month, "en 2027" year.
* Quarters and halves ("T1 2026", "premier semestre 2026"), seasons, decades, parts of a year
  or month and every from-to form are periods: `value` null, inclusive `start_date`/`end_date`.
  A period's grain is the finer grain of its bounds ("de mars à juin 2026": month;
  "entre 2025 et 2030": year); quarter/half/season periods keep their own grain.
* Open periods keep one side: "depuis 2020" start 2020-01-01; "d'ici 2030" / "jusqu'en 2030"
  end 2030-12-31 (the named unit included); "avant 2030" end 2029-12-31; "après 2030" start
  2031-01-01.
* "début / mi / fin" + year = January–April / May–August / September–December;
  + month = days 1–10 / 11–20 / 21–last (both in the language file, [parts]).
* Year-less dates ("le 13 janvier", "en mars", "au premier trimestre"), with `published`:
  the clause's tense decides. A past-tense clause ("publié le 13 janvier", "a levé en mars")
  takes the latest occurrence not after `published`; a future-tense clause ("aura lieu le…")
  the first one not over at it (the month or quarter under way included); otherwise the nearest
  one. A weekday written beside the day ("lundi 21 juin", "lundi 21/06") keeps only the years,
  of the three around `published`, where the two agree. `inferred_year` is true (the year
  was not written) but no warning: anchoring to the publication date is the documented rule.
  "cette"/"prochain"/"dernier" beside a month fix the year the obvious way. A year written in
  words after the day ("le douze mai mil neuf cent quatre-vingt-un") is its year.
* "la semaine du 15 avril": the week holding the day. "sur la journée": the reference day.
  "au T1" (a quarter letter after a context word): a year-less quarter. "5 jui." (juin or
  juillet): no reading and an `ambiguous_date` warning.
* A weekday: "mardi dernier" is the latest Tuesday before `published`, "mardi prochain" the
  first one after; a bare "mardi" is the latest one not after `published` in a past-tense
  clause, else the coming one (today included) — news announce scheduled events in the present.
* Without `published`: a year-less date takes the year of the explicit years of its sentence
  (else of its paragraph) when they are all the same year ("rapport … 2026 publié le 13
  janvier" -> 2026-01-13); then `inferred_year` is true and an `inferred_year` warning names the
  span. Range bounds do not count as such years. When no year can be inferred, and for
  relative dates ("hier", "mardi") which need the publication date, the mention is still
  reported with `value`, `start_date` and `end_date` null and `inferred_year` false, and an
  `unresolved_date` warning names it.
* Sub-day offsets ("il y a 2 heures") count from noon of the reference day (a date-only
  reference has no time of day). A line that is only a duration ("3 h", "1 an 2 mois") is a
  web page's freshness stamp: that long before the reference.

Speed: the rules never scan the whole text. A prefilter finds anchors (date words of the
language file, by presence then str.find; numbers by their shape) and each rule reads only
short windows around the anchors of the classes it needs (dates_rules.NEEDS). Candidate
selection and `avoid` checks use sorted spans, so a text made of dates stays near-linear.
"""
from __future__ import annotations

from datetime import date

from milliard.lang import UnsupportedLanguage
from milliard.normalise.dates.find import Spans, _candidates, _select
from milliard.normalise.dates.join import (
    _days_of,
    _join_ranges,
    _open_bounds,
    _respect_avoid,
    _weekday_dates,
    _weeks_of,
    _written_years,
)
from milliard.normalise.dates.lex import lexicon
from milliard.normalise.dates.resolve import _resolve_all
from milliard.schema import DateMention, WarningInfo

__all__ = ["find_dates"]


def find_dates(text: str, lang: str, published: date | None = None,
               avoid: list[tuple[int, int]] = ()) -> tuple[list[DateMention], list[WarningInfo]]:
    """Every date and period of `text` (matching form); `avoid` spans (amounts) are not dates."""
    try:
        lx = lexicon(lang)
    except UnsupportedLanguage:
        return [], []
    cands = _candidates(text, lang, lx, published, Spans(avoid))
    cands = _select(cands)
    cands = _weekday_dates(text, cands, lx)
    cands = _written_years(text, cands, lx)
    cands = _days_of(text, cands, lx)
    cands = _weeks_of(text, cands, lx)
    cands = _join_ranges(text, cands, lx)
    cands = _open_bounds(text, cands, lx)
    if avoid:
        cands = _respect_avoid(cands, Spans(avoid))
    return _resolve_all(text, cands, lx, published)

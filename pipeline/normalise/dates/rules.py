"""The date patterns of milliard.normalise.dates: one regex (from language data) and one reader per form.

A reader turns a match into a `Sem`: what the mention means, possibly waiting for the
reference date (relative words) or for a year (day and month written without one).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from milliard.normalise.dates.lex import Lex, lexicon
from milliard.normalise.dates.readers import (
    r_bare_year,
    r_day_of_month,
    r_day_of_rel_month,
    r_day_range,
    r_decade,
    r_iso,
    r_mixed_dmy,
    r_month_alone,
    r_month_day_range,
    r_month_year,
    r_month_yy,
    r_nth_week,
    r_num_dm,
    r_num_dm_range,
    r_num_dm_the,
    r_num_dmy,
    r_num_my,
    r_part_month_year,
    r_part_year,
    r_quarter,
    r_season,
    r_text_dmy,
    r_text_mdy,
    r_year_range,
)
from milliard.normalise.dates.relative import (
    r_ago_in,
    r_last_n,
    r_rel_unit,
    r_relday,
    r_stamp,
    r_today,
    r_weekday,
    r_weekend,
)
from milliard.normalise.text import PHRASE_END

__all__ = ["NEEDS", "Rule", "rules"]


@dataclass
class Rule:
    name: str
    rx: re.Pattern
    read: Callable
    needs: frozenset  # anchor classes (milliard.normalise.dates.lex) one of which a window must hold


# The anchor classes each rule needs (milliard.normalise.dates finds them): words of dates_lex, and numbers:
# "year" a 4-digit number, "numsep" a number beside / . - and another number, "dayn" a day number
# before a clause end, a range word or a day_follow word, "unit" also a number glued to letters ("21h").
NEEDS = {
    "iso": {"numsep"}, "num_dmy": {"numsep"}, "num_dmy_sp": {"year", "numsep"}, "num_dm": {"numsep"},
    "num_dm_the": {"numsep"}, "num_dm_range": {"numsep"}, "num_my": {"numsep"},
    "text_dmy": {"month"}, "mixed_dmy": {"month"}, "text_mdy": {"month"}, "month_year": {"month"},
    "month_yy": {"month"}, "month_alone": {"month"}, "month_abbr_ctx": {"month"}, "month_abbr_alone": {"month"},
    "part_month_year": {"month"},
    "part_year": {"part"}, "weekday": {"weekday"}, "relday": {"relday"}, "today": {"today"}, "rel_unit": {"calunit"},
    "weekend": {"weekend"}, "ago_in": {"ago"}, "stamp": {"unit"}, "last_n": {"lastn"}, "quarter": {"period"},
    "nth_week": {"week"}, "decade": {"decade", "year", "unit"}, "season": {"season"}, "year_range": {"numsep"},
    "bare_year": {"year"}, "day_of_month": {"dayn"}, "day_then_word": {"dayn"}, "weekday_day": {"weekday"},
    "day_weekday": {"weekday"}, "day_of_rel_month": {"calunit"},
    "year_quarter": {"year"}, "day_range": {"dayn", "month", "unit"},
    "month_day_range": {"month"},
}


# ---------------------------------------------------------------- patterns

def _patterns(lx: Lex) -> list[tuple[str, str, Callable]]:
    R = lx.rx
    DAY = rf"(?:{R['DAYN']}|{R['ORDW']}|{R['NUMW']})"
    MON = rf"(?:{R['MONTH']}|{R['MABBR']})"
    Y2 = r"'?\d\d(?!\d)"
    YSEP = rf"(?:\s*[,.]?\s*(?:{R['OF']}\s*)?|\s*[-/]\s*)"
    dec_dot = "." if lx.raw["meta"].get("decimal_dot") is False else ""
    NUMQ = rf"(?:\d{{1,3}}|{R['NUMW']}|{R['FEW']})"
    MODS = rf"(?:{R['NEXT']}|{R['LAST']})"
    return [
        ("iso", r"(?<![\d.,/-])(?P<y>\d{4})(?P<s>[-/.])(?P<mn>\d{1,2})(?P=s)(?P<d>\d{1,2})(?!\d|[.,/-]\d)"
                r"(?:T\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?", r_iso),
        ("num_dmy", r"(?<![\d.,/-])(?P<a>\d{1,2})(?P<s>[/.-])(?P<b>\d{1,2})(?:(?P=s)|,\s?)(?P<y>\d{4}|\d\d)"
                    r"(?!\d|[.,/-]\d)", r_num_dmy),
        ("num_dmy_sp", r"(?<![\d.,])(?<!\d )(?P<a>\d{1,2}) (?P<b>\d{1,2}) (?P<y>(?:19|20)\d\d|\d\d)(?!\d| \d)", r_num_dmy),
        ("num_dm", r"(?<![\d.,/-])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?!\d|[/.,]\d|\s*%)", r_num_dm),
        # "le 2/3," but not "les 3/4 des clients": after a day's article, before a clause end or "à"
        ("num_dm_the", rf"(?P<ctx>{R['ON_DAY']})\s*(?<![\d.,/-])(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})"
                       rf"(?=\s*{PHRASE_END}|\s*(?:{R['TO']}|{R['AND']})\s)", r_num_dm_the),
        ("num_dm_range", r"(?<![\d.,/-])(?P<a>\d{1,2})/(?P<b>\d{1,2})\s?[-–]\s?(?P<c>\d{1,2})/(?P<d>\d{1,2})"
                         r"(?:/(?P<y>\d{4}|\d\d))?(?!\d|[/.,]\d)", r_num_dm_range),
        ("num_my", r"(?<![\w.,/-])(?:(?P<mn>\d{1,2})\s*[/-]\s*(?P<y>(?:19|20)\d\d)|(?P<y2>(?:19|20)\d\d)\s*[/-]\s*"
                   r"(?P<mn2>\d{1,2}))(?!\d|\s*[/.-]\s*\d)" +
                   (r"|(?<![\d.,/-])(?P<y3>(?:19|20)\d\d)\.(?P<mn3>\d{1,2})(?!\d|\.\d)" if dec_dot else ""),
         r_num_my),
        ("text_dmy", rf"(?:(?P<wd>{R['WD']})\s*,?\s+|(?P<wda>{R['WDA']})\.?,?\s+)?(?P<d>{DAY})(?:\s*(?:{R['OF']}\s*)?|\s*[-/]\s*)"
                     rf"(?P<m>{MON}|{R['MAMB']})\.?(?:{YSEP}(?P<y>{R['YEAR']})|\s+(?P<y2>{Y2})(?=\s*{PHRASE_END}))?", r_text_dmy),
        ("mixed_dmy", rf"(?<![\w/-])(?P<p1>\d{{1,4}}|{MON})(?P<s>[-/])(?P<p2>\d{{1,4}}|{MON})(?P=s)"
                      rf"(?P<p3>\d{{1,4}}|{MON})(?![\w]|[-/]\w)", r_mixed_dmy),
        ("text_mdy", rf"(?:(?P<wd>{R['WD']})\s*,?\s+)?(?P<m>{MON})(?P<sep>\.\s*|\s*[-/]\s*|\s+)(?P<d>{R['DAYN']}|{R['NUMW']}|{R['ORDW']})"
                     # "mar. 21/06" is Tuesday 21 June: a day followed by /06 is a numeric date's
                     rf"(?!\s*[/.]\s*\d{{1,2}}(?!\d))"
                     rf"(?:(?:\s*,\s*|\s+|\s*[-/]\s*)(?:{R['OF']}\s+)?(?P<y>{R['YEAR']}))?", r_text_mdy),
        ("month_year", rf"(?P<m>{MON})\.?\s*,?\s*(?:{R['OF']}\s*)?(?P<y>{R['YEAR']})", r_month_year),
        ("month_yy", rf"(?P<m>{R['MONTH']})\s+(?P<y>'?\d\d)(?=\s*{PHRASE_END})", r_month_yy),
        ("month_alone", rf"(?:(?P<ctx>{R['MCTX']}|{R['PART']})\s*)?(?P<m>{R['MONTH']})(?:\s+(?P<mod>{MODS}))?", r_month_alone),
        ("month_abbr_ctx", rf"(?P<ctx>{R['THIS']}|{MODS})\s+(?P<m>{R['MABBR']})(?!\.?\s*\d)(?P<mod>(?!x)x)?", r_month_alone),
        ("month_abbr_alone", rf"(?P<ctx>{R['MCTX']}|{R['PART']})\s*(?P<m>{R['MABBR']})(?:\.|(?=\s*{PHRASE_END}))"
                             rf"(?P<mod>(?!x)x)?", r_month_alone),
        ("part_month_year", rf"(?P<part>{R['PART']})\s*(?P<m>{R['MONTH']})\s*(?P<y>{R['YEAR']})", r_part_month_year),
        ("part_year", rf"(?P<part>{R['PART']})\s*(?:(?:{R['YEARNOUN']})\s*)?(?:(?P<y>{R['YEAR']})|"
                      rf"(?:{R['THE']}|{R['THIS']})?\s*(?:{R['YEARUNIT']})(?:\s+(?P<y2>{R['YEAR']})|\s+(?P<ymod>{MODS}))?)",
         r_part_year),
        ("weekday", rf"(?:(?P<this>{R['THIS']})\s+|(?P<premod>{MODS})\s+)?(?:(?P<ord>{R['ORDW']}|\d(?:{R['DAY_SUFFIX']}))\s+)?"
                    rf"(?P<wd>{R['WD']}|(?-i:(?=[a-z]))(?:{R['WDA']})\.)(?:\s+(?P<mod>{MODS}))?"
                    rf"(?:\s+(?:{R['OF']}\s+)?(?:{R['THIS']}\s+|{R['THE']}\s*)?(?P<week>{R['WEEK']})(?:\s+(?P<wkmod>{MODS}))?)?"
                    rf"(?:\s+(?:{R['OF']}\s*)?(?P<ofm>{R['MONTH']}|{R['MABBR']}|(?:{R['THIS']})\s+(?:{R['MONTHUNIT']})))?",
         r_weekday),
        ("relday", rf"(?P<rel>{R['RELDAY']})", r_relday),
        # "sur la journée", "pour la journée"; not "la journée de mercredi" (that is mercredi)
        ("today", rf"(?:(?P<ctx>{R['TODAYCTX']})\s*)?(?P<w>{R['TODAYW']})(?!\s*(?:{R['OF']}))", r_today),
        ("rel_unit", rf"(?:(?P<art>{R['THE']}|{R['THIS']})\s*(?P<u>{R['CALUNIT']})(?:\s+(?P<mod>{MODS}))?"
                     rf"|(?P<mod2>{MODS})\s+(?P<u2>{R['CALUNIT']})|(?P<u3>{R['CALUNIT']})\s+(?P<mod3>{MODS}))", r_rel_unit),
        ("weekend", rf"(?:{R['THE']}|{R['THIS']})\s*{R['WEEKEND']}(?:\s+(?P<mod>{MODS}))?", r_weekend),
        ("ago_in", rf"(?:(?P<ago>{R['AGO']})|(?P<inw>{R['IN']}))\s+(?:(?:{R['APPROX']})\s+)?(?P<dur>{R['DURATION']})"
                   rf"|(?P<dur2>{R['DURATION']})\s+(?P<later>{R['LATER']})", r_ago_in),
        ("stamp", rf"(?m)^[ \t]*(?:(?P<fut>{R['STAMP_FUT']})|(?P<past>{R['STAMP_PAST']}))?\s*"
                  rf"(?:(?:{R['APPROX']})\s+)?(?P<dur>{R['DURATION']})[ \t]*\.?[ \t]*$", r_stamp),
        ("last_n", rf"(?P<n>{NUMQ})\s+(?P<mod>{R['NEXTPL']}|{R['LASTPL']})\s+(?P<u>{R['UNIT']})"
                   rf"|(?P<mod2>{MODS})\s+(?P<n2>{NUMQ})\s+(?P<u2>{R['UNIT']})", r_last_n),
        ("quarter", rf"(?:(?P<ord>{R['ORD']})\s+(?P<pw>{R['QUARTER']}|{R['HALF']})|(?:(?P<ctx>{R['QLCTX']})\s*)?"
                    rf"(?<![\w])(?P<pl>{R['QL']}|{R['HL']})"
                    rf"(?P<pn>[1-4])(?![\w]))(?:\s*[-/]?\s*(?:{R['OF']}\s*)?(?:(?:{R['YEARNOUN']})\s*)?(?P<y>{R['YEAR']})"
                    rf"|\s*[-/]?\s*(?P<y2>\d\d)(?![\d\w])|\s+(?P<ythis>(?:{R['OF']}\s*)?(?:{R['THIS']})\s*(?:{R['YEARUNIT']})))?",
         r_quarter),
        ("year_quarter", rf"(?P<y>{R['YEAR']})\s*(?:{R['THE']}\s*)?(?:(?P<ord>{R['ORD']})\s+(?P<pw>{R['QUARTER']}|{R['HALF']})"
                         rf"|(?P<pl>{R['QL']}|{R['HL']})(?P<pn>[1-4])(?![\w]))", r_quarter),
        ("nth_week", rf"(?P<ord>{R['ORD']}|\d{{1,2}}(?:{R['DAY_SUFFIX']})?)\s+{R['WEEK']}\s+(?:{R['OF']}\s*)?"
                     rf"(?:(?P<m>{R['MONTH']})(?:\s+(?P<y2>{R['YEAR']}))?|(?P<y>{R['YEAR']}))", r_nth_week),
        ("decade", rf"(?P<dec>{R['DECADE']})\s+'?(?P<y>\d{{4}}|\d\d|{R['NUMW']})" +
                   _decade_suffix(lx.raw["years"]), r_decade),
        ("season", rf"(?:(?P<sctx>{R['SCTX']})\s*(?P<s>{R['SEASON']})(?:\s+(?:{R['OF']}\s+)?(?P<y>{R['YEAR']}))?"
                   rf"|(?P<s2>{R['SEASON']})\s+(?:{R['OF']}\s+)?(?P<y2>{R['YEAR']}))", r_season),
        ("year_range", rf"(?P<y1>{R['YEAR']})\s*[-/]\s*(?P<y2>{R['YEAR']}|\d\d(?!\d))", r_year_range),
        ("bare_year", rf"(?<![\d.,/:-])(?<!\d )(?P<y>{R['YEAR']})(?![.,/-]\d|\s\d{{3}}(?!\d))", r_bare_year),
        ("day_of_month", rf"(?P<ctx>{R['THE']}|{R['ON_DAY']})\s*(?P<d>{R['DAYN']})(?=\s*{PHRASE_END})",
         r_day_of_month),
        # "le 17 pour une réunion", "le 17 à 9 h"; not a score ("le 3 à 0")
        ("day_then_word", rf"(?P<ctx>{R['ON_DAY']})\s*(?P<d>{R['DAYN']})(?=\s+(?:{R['DAY_FOLLOW']})\s+(?!\d{{1,3}}\b(?!\s*h)))",
         r_day_of_month),
        ("weekday_day", rf"(?P<wd>{R['WD']})\s*,?\s*(?:{R['THE']}\s*)?(?P<d>{R['DAYN']})(?!\s*(?:%|[.,/-]\s*\d))", r_day_of_month),
        ("day_weekday", rf"(?:{R['THE']}|{R['ON_DAY']})\s*(?P<d>{R['DAYN']}|{R['NUMW']})\s+(?P<wd>{R['WD']})(?![\w])",
         r_day_of_month),
        ("day_of_rel_month", rf"(?:(?P<ctx>{R['THE']}|{R['ON_DAY']})\s*)?(?P<d>{R['DAYN']})\s+(?:{R['OF']}\s*)?"
                             rf"(?P<mu>(?:{R['THIS']})\s*(?:{R['MONTHUNIT']})|(?:{R['THE']})?\s*(?:{R['MONTHUNIT']})\s+{MODS})",
         r_day_of_rel_month),
        ("day_range", rf"(?P<d1>{R['DAYN']})\s*(?:{R['TO']}|{R['AND']})\s*(?:{R['THE']}\s*)?(?P<d2>{R['DAYN']})\s*(?:{R['OF']}\s*)?"
                      rf"(?:(?P<m>{MON})\.?(?:\s*,?\s*(?P<y>{R['YEAR']}))?"
                      rf"|(?P<mu>(?:{R['THIS']})\s*(?:{R['MONTHUNIT']})|(?:{R['THE']})?\s*(?:{R['MONTHUNIT']})\s+{MODS}))",
         r_day_range),
        ("month_day_range", rf"(?P<m>{R['MONTH']})\s+(?:{R['BETWEEN']}\s+)?(?P<d1>{R['DAYN']})\s*(?:{R['TO']}|{R['AND']})\s*"
                            rf"(?P<d2>{R['DAYN']})(?:\s*,?\s*(?P<y>{R['YEAR']}))?", r_month_day_range),
    ]


def _decade_suffix(years: dict) -> str:
    """The mark after a decade's year ("1990s"), required or optional as the language says."""
    mark = re.escape(years["decade_suffix"])
    if years["decade_suffix_required"]:
        return rf"'?{mark}(?![^\W\d_])"
    return rf"(?:'?{mark})?(?![\d])"


@lru_cache(maxsize=None)
def rules(lang: str) -> list[Rule]:
    lx = lexicon(lang)
    R = lx.rx
    qty = rf"(?:\d{{1,3}}|{R['NUMW']}|{R['FEW']})"
    R["QTYUNIT_PAIR"] = rf"({qty})\s*({R['UNIT']})"
    R["DURATION"] = rf"{qty}\s*{R['UNIT']}(?:\s*(?:,|{R['AND']})?\s*{qty}\s*{R['UNIT']}){{0,5}}"
    return [Rule(n, re.compile(src, re.I), fn, frozenset(NEEDS[n])) for n, src, fn in _patterns(lx)]

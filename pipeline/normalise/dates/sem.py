"""What a date mention means (`Sem`, resolved as `Res`) and the small readers the rules share:
numbers, month names, years, day-month order, and year-less dates."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Callable, Optional

from text_to_num import text2num

from milliard.normalise.dates import cal
from milliard.normalise.dates.lex import Lex, fold


@dataclass(frozen=True)
class Res:
    """A resolved mention: inclusive bounds (None = open), grain, point or period."""
    start: Optional[date]
    end: Optional[date]
    grain: str
    point: bool = True


@dataclass
class Sem:
    kind: str                       # "fixed" | "yearless" | "relative"
    res: Optional[Res] = None       # fixed
    by_year: Optional[Callable[[int], Optional[Res]]] = None   # yearless: the reading in a given year
    by_ref: Optional[Callable[[date, str], Optional[Res]]] = None  # relative: (ref, tense) -> reading
    mode: Optional[str] = None      # yearless: "this" | "next" | "last" | None (by tense)
    uses_tense: bool = False        # relative: the reading depends on the clause's tense
    unit: str = "year"              # yearless: the unit whose occurrence is chosen
    # yearless day with its weekday written ("lundi 21 juin"): whether a year makes the two agree
    fits_year: Optional[Callable[[int], bool]] = None
    months: tuple = ()              # ambiguous: the months an abbreviation may be ("5 jui.": 6, 7)


def fixed(start: date | None, end: date | None, grain: str, point: bool = True) -> Sem | None:
    if start is None and end is None:
        return None
    return Sem("fixed", Res(start, end, grain, point))


def unit_sem(d: date | None, grain: str) -> Sem | None:
    """The grain unit holding d: a point for day/week/month/year, a period for quarter/half."""
    return Sem("fixed", res_unit(d, grain)) if d is not None else None


def res_unit(d: date | None, grain: str) -> Res | None:
    if d is None:
        return None
    s, e = cal.unit_bounds(d, grain)
    if grain in ("quarter", "half"):
        return Res(s, e, grain, False)
    return Res(s, None, grain, True)


# ---------------------------------------------------------------- number readers

def number(s: str | None, lx: Lex) -> int | None:
    """Digits, spelled-out numbers (text2num), 'quelques', or an ordinal word."""
    if not s:
        return None
    s = s.strip()
    digits = re.match(r"\d+", s)
    if digits:
        return int(digits.group())
    key = fold(s)
    if key in lx.ordinals:
        return lx.ordinals[key]
    if key in {fold(w) for w in lx.raw["numbers"]["few"]}:
        return int(lx.raw["numbers"]["few_value"])
    if key in {fold(w) for w in lx.raw["numbers"].get("one", [])}:
        return 1
    try:
        return int(text2num(key, lx.lang))
    except (ValueError, TypeError):
        pass
    try:
        return int(text2num(key.replace(" ", "-"), lx.lang))
    except (ValueError, TypeError):
        return _century_pair(key, lx)


def _century_pair(key: str, lx: Lex) -> int | None:
    """A year said as two numbers, hundreds then the rest ("dix-neuf soixante-dix" = 1970)."""
    words = key.replace("-", " ").split()
    for cut in range(1, len(words)):
        try:
            hi = int(text2num(" ".join(words[:cut]), lx.lang))
            lo = int(text2num(" ".join(words[cut:]), lx.lang))
        except (ValueError, TypeError):
            continue
        if 10 <= hi <= 21 and 0 <= lo <= 99:
            return hi * 100 + lo
    return None


def weekday_of(m: re.Match, lx: Lex) -> int | None:
    """The weekday written before a date ("mardi 13 janvier", "mar. 13 janv."), if any."""
    names = [n for n in ("wd", "wda") if n in m.re.groupindex and m[n]]
    if not names:
        return None
    k = fold(m[names[0]])
    return lx.weekdays.get(k, lx.weekday_abbr.get(k))


def month_of(s: str | None, lx: Lex) -> int | None:
    if not s:
        return None
    k = fold(s)
    return lx.months.get(k) or lx.month_abbr.get(k)


def year_of(s: str | None, ref: date | None) -> int | None:
    if not s:
        return None
    s = s.strip().lstrip("'")
    if len(s) == 4:
        return int(s)
    return cal.two_digit_year(int(s), ref)


def day_month(a: int, b: int, lx: Lex) -> tuple[int, int] | None:
    """(day, month) of two all-digit parts in the language's order, else the other order."""
    first = (a, b) if lx.order == "DMY" else (b, a)
    for d, m in (first, first[::-1]):
        if 1 <= m <= 12 and 1 <= d <= 31:
            return d, m
    return None


# ---------------------------------------------------------------- yearless builders

def yearless_day(d: int, m: int, mode: str | None = None, weekday: int | None = None) -> Sem | None:
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    fits = None if weekday is None else (lambda y: (x := cal.safe_date(y, m, d)) is not None and x.weekday() == weekday)
    return Sem("yearless", by_year=lambda y: res_unit(cal.safe_date(y, m, d), "day"), mode=mode, unit="year",
               fits_year=fits)


def yearless_month(m: int, mode: str | None = None) -> Sem:
    return Sem("yearless", by_year=lambda y: res_unit(date(y, m, 1), "month"), mode=mode, unit="year")


def day_or_yearless(y: int | None, m: int, d: int, weekday: int | None = None) -> Sem | None:
    if y is None:
        return yearless_day(d, m, weekday=weekday)
    return unit_sem(cal.safe_date(y, m, d), "day")


def _g(m: re.Match, *names: str) -> str | None:
    for n in names:
        try:
            v = m.group(n)
        except IndexError:
            continue
        if v:
            return v
    return None

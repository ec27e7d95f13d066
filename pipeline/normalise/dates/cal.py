"""Calendar arithmetic for milliard.normalise.dates: grain units, shifts, and the choice of a year.

Pure functions of dates; no language here.
"""
from __future__ import annotations

import calendar
from datetime import date, timedelta

GRAIN_ORDER = ("day", "week", "month", "quarter", "half", "year")
MONTHS_IN = {"month": 1, "quarter": 3, "half": 6, "year": 12}


def finer(a: str, b: str) -> str:
    return a if GRAIN_ORDER.index(a) <= GRAIN_ORDER.index(b) else b


def last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def safe_date(y: int, m: int, d: int) -> date | None:
    if not (1 <= m <= 12 and 1 <= y <= 9999 and 1 <= d <= last_day(y, m)):
        return None
    return date(y, m, d)


def add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    return date(y, m + 1, min(d.day, last_day(y, m + 1)))


def shift(d: date, n: int, unit: str) -> date:
    """d moved by n units (calendar units keep the day of month, clamped)."""
    if unit == "day":
        return d + timedelta(days=n)
    if unit == "week":
        return d + timedelta(weeks=n)
    return add_months(d, n * MONTHS_IN[unit])


def unit_start(d: date, grain: str) -> date:
    if grain == "week":
        return d - timedelta(days=d.weekday())
    if grain in MONTHS_IN:
        size = MONTHS_IN[grain]
        return date(d.year, (d.month - 1) // size * size + 1, 1)
    return d


def unit_bounds(d: date, grain: str) -> tuple[date, date]:
    """Inclusive first and last day of the grain unit holding d."""
    s = unit_start(d, grain)
    if grain == "day":
        return s, s
    if grain == "week":
        return s, s + timedelta(days=6)
    return s, add_months(s, MONTHS_IN[grain]) - timedelta(days=1)


def two_digit_year(yy: int, ref: date | None) -> int:
    """'78' -> 1978, '15' -> 2015: the century putting the year at most 20 years after ref."""
    pivot = (ref.year if ref else date.today().year) + 20
    y = 2000 + yy
    return y if y <= pivot else y - 100


def pick_occurrence(candidates: list[date], ref: date, tense: str) -> date | None:
    """The occurrence a year-less or week-less date means, seen from `ref`:
    past tense -> the latest one not after ref; future tense -> the first one not before ref;
    no tense -> the nearest one (the coming one on a tie)."""
    if not candidates:
        return None
    if tense == "past":
        past = [c for c in candidates if c <= ref]
        return max(past) if past else min(candidates)
    if tense == "future":
        fut = [c for c in candidates if c >= ref]
        return min(fut) if fut else max(candidates)
    return min(candidates, key=lambda c: (abs((c - ref).days), c < ref))


def weekday_near(ref: date, wd: int, tense: str) -> date:
    back = ref - timedelta(days=(ref.weekday() - wd) % 7)
    ahead = ref + timedelta(days=(wd - ref.weekday()) % 7)
    if tense == "future":
        return ahead  # "se réunira jeudi"
    return back  # news report what happened: a bare "jeudi" is the latest one, today included


def nth_weekday(y: int, m: int, wd: int, n: int) -> date | None:
    """n-th (1-based; -1 = last) weekday wd of month m."""
    if n == -1:
        d = date(y, m, last_day(y, m))
        return d - timedelta(days=(d.weekday() - wd) % 7)
    first = date(y, m, 1)
    d = first + timedelta(days=(wd - first.weekday()) % 7 + 7 * (n - 1))
    return d if d.month == m else None

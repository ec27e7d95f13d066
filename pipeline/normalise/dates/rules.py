"""The date patterns of milliard.normalise.dates: one regex (from language data) and one reader per form.

A reader turns a match into a `Sem`: what the mention means, possibly waiting for the
reference date (relative words) or for a year (day and month written without one).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Callable, Optional

from text_to_num import text2num

from milliard.normalise.dates import cal
from milliard.normalise.dates.lex import Lex, fold, lexicon


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
        return int(text2num(key.replace(" et ", " et ").strip(), lx.lang))
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

def yearless_day(d: int, m: int, mode: str | None = None) -> Sem | None:
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    return Sem("yearless", by_year=lambda y: res_unit(cal.safe_date(y, m, d), "day"), mode=mode, unit="year")


def yearless_month(m: int, mode: str | None = None) -> Sem:
    return Sem("yearless", by_year=lambda y: res_unit(date(y, m, 1), "month"), mode=mode, unit="year")


def day_or_yearless(y: int | None, m: int, d: int) -> Sem | None:
    if y is None:
        return yearless_day(d, m)
    return unit_sem(cal.safe_date(y, m, d), "day")


# ---------------------------------------------------------------- rules

@dataclass
class Rule:
    name: str
    rx: re.Pattern
    read: Callable
    needs: frozenset  # anchor classes (milliard.normalise.dates.lex) one of which a window must hold


# The anchor classes each rule needs (milliard.normalise.dates finds them): words of dates_lex, and numbers:
# "year" a 4-digit number, "numsep" a number beside / . - and another number, "dayn" a day number
# before a clause end or a range word, "unit" also a number glued to letters ("21h").
NEEDS = {
    "iso": {"numsep"}, "num_dmy": {"numsep"}, "num_dmy_sp": {"year", "numsep"}, "num_dm": {"numsep"}, "num_my": {"numsep"},
    "text_dmy": {"month"}, "text_mdy": {"month"}, "month_year": {"month"}, "month_yy": {"month"},
    "month_alone": {"month"}, "month_abbr_ctx": {"month"}, "part_month_year": {"month"},
    "part_year": {"part"}, "weekday": {"weekday"}, "relday": {"relday"}, "rel_unit": {"calunit"},
    "weekend": {"weekend"}, "ago_in": {"ago"}, "stamp": {"unit"}, "last_n": {"lastn"}, "quarter": {"period"},
    "nth_week": {"week"}, "decade": {"decade", "year", "unit"}, "season": {"season"}, "year_range": {"numsep"},
    "bare_year": {"year"}, "day_of_month": {"dayn"}, "weekday_day": {"weekday"}, "day_of_rel_month": {"calunit"},
    "year_quarter": {"year"}, "day_range": {"dayn", "month", "unit"},
    "month_day_range": {"month"},
}


def _g(m: re.Match, *names: str) -> str | None:
    for n in names:
        try:
            v = m.group(n)
        except IndexError:
            continue
        if v:
            return v
    return None


def r_iso(m, lx, ref):
    return unit_sem(cal.safe_date(int(m["y"]), int(m["mn"]), int(m["d"])), "day")


def r_num_dmy(m, lx, ref):
    dm = day_month(int(m["a"]), int(m["b"]), lx)
    if not dm:
        return None
    return unit_sem(cal.safe_date(year_of(m["y"], ref), dm[1], dm[0]), "day")


def r_num_dm(m, lx, ref):
    a, b = m["a"], m["b"]
    if len(a) == 1 and len(b) == 1:
        return None  # "3/4" is a fraction far more often than a date
    dm = day_month(int(a), int(b), lx)
    return yearless_day(dm[0], dm[1]) if dm else None


def r_num_my(m, lx, ref):
    y, mn = _g(m, "y", "y2", "y3"), _g(m, "mn", "mn2", "mn3")
    if not (1 <= int(mn) <= 12):
        return None
    return unit_sem(date(int(y), int(mn), 1), "month")


def r_text_dmy(m, lx, ref):
    d = number(m["d"], lx)
    mo = month_of(m["m"], lx)
    if not d or not mo or not (1 <= d <= 31):
        return None
    y = year_of(_g(m, "y", "y2"), ref)
    if y is None and fold(m["m"]) not in lx.months and not m["d"][:1].isdigit():
        return None  # "sept" as a month abbreviation needs a digit day or a year
    return day_or_yearless(y, mo, d)


def r_text_mdy(m, lx, ref):
    mo = month_of(m["m"], lx)
    d = number(m["d"], lx)
    if not mo or not d or not (1 <= d <= 31):
        return None
    y = year_of(m["y"], ref)
    if y is None and m["sep"].strip() == "":
        # "juin 3 entreprises": a month then a bare number is a date only at a clause end
        tail = m.string[m.end():m.end() + 12]
        if not re.match(r"\s*(?:$|[,.;:!?)\n]|\s*(?:au|à|a|et|jusqu|to|and|until|through)\b)", tail, re.I):
            return None
    return day_or_yearless(y, mo, d)


def r_month_year(m, lx, ref):
    mo = month_of(m["m"], lx)
    y = year_of(m["y"], ref)
    return unit_sem(date(y, mo, 1), "month") if mo and y else None


def r_month_yy(m, lx, ref):
    mo = lx.months.get(fold(m["m"]))
    return unit_sem(date(year_of(m["y"], ref), mo, 1), "month") if mo else None


def r_month_alone(m, lx, ref):
    key = fold(m["m"])
    mo = lx.months.get(key) or lx.month_abbr.get(key)
    ctx, mod = m["ctx"], m["mod"]
    if not mo:
        return None
    if ctx is None and mod is None and (key in lx.needs_context or key not in lx.months):
        return None
    mode = lx.modifiers.get(fold(mod)) if mod else (lx.modifiers.get(fold(ctx)) if ctx else None)
    if ctx and fold(ctx) in lx.parts:
        part = lx.parts[fold(ctx)]
        lo, hi = lx.raw["parts"][f"month_{part}"]
        return Sem("yearless", by_year=lambda y: Res(date(y, mo, lo), date(y, mo, min(hi, cal.last_day(y, mo))),
                                                     "day", False), unit="year")
    return yearless_month(mo, mode)


def r_part_month_year(m, lx, ref):
    mo, y = month_of(m["m"], lx), year_of(m["y"], ref)
    part = lx.parts.get(fold(m["part"]))
    if not (mo and y and part):
        return None
    lo, hi = lx.raw["parts"][f"month_{part}"]
    return fixed(date(y, mo, lo), date(y, mo, min(hi, cal.last_day(y, mo))), "day", False)


def r_part_year(m, lx, ref):
    part = lx.parts.get(fold(m["part"]))
    if not part:
        return None
    lo, hi = lx.raw["parts"][f"year_{part}"]

    def at(y):
        return Res(date(y, lo, 1), date(y, hi, cal.last_day(y, hi)), "month", False)
    if m["y"] or m["y2"]:
        return Sem("fixed", at(int(m["y"] or m["y2"])))
    mod = lx.modifiers.get(fold(m["ymod"])) if m["ymod"] else "this"
    step = {"next": 1, "last": -1}.get(mod, 0)
    return Sem("relative", by_ref=lambda r, t: at(r.year + step))


def r_weekday(m, lx, ref):
    wd = lx.weekdays.get(fold(m["wd"]))
    if wd is None:
        return None
    modw = m["mod"] or m["premod"]
    mod = lx.modifiers.get(fold(modw)) if modw else None
    this = m["this"]
    week = m["week"]
    wkmod = lx.modifiers.get(fold(m["wkmod"])) if m["wkmod"] else None
    n = number(m["ord"], lx) if m["ord"] else None
    if n and m["ofm"]:
        return _nth_weekday(m, lx, wd, n)
    if n:
        return None  # "troisième mardi" of nothing named

    def read(r: date, tense: str) -> Res:
        if week or this:
            step = {"next": 1, "last": -1}.get(wkmod, 0) if week else 0
            monday = r - timedelta(days=r.weekday()) + timedelta(weeks=step)
            return Res(monday + timedelta(days=wd), None, "day")
        if mod == "next":
            return Res(r + timedelta(days=(wd - r.weekday() - 1) % 7 + 1), None, "day")
        if mod == "last":
            return Res(r - timedelta(days=(r.weekday() - wd - 1) % 7 + 1), None, "day")
        return Res(cal.weekday_near(r, wd, tense), None, "day")
    return Sem("relative", by_ref=read, uses_tense=not (week or this or mod))


def _nth_weekday(m, lx, wd, n):
    mo = month_of(m["ofm"], lx)
    if mo:
        return Sem("yearless", by_year=lambda y: res_unit(cal.nth_weekday(y, mo, wd, n), "day"), unit="year")
    return Sem("relative", by_ref=lambda r, t: res_unit(cal.nth_weekday(r.year, r.month, wd, n), "day"))


def r_relday(m, lx, ref):
    k = lx.relative_days.get(fold(m["rel"]))
    if k is None:
        return None
    return Sem("relative", by_ref=lambda r, t: Res(r + timedelta(days=k), None, "day"))


def r_rel_unit(m, lx, ref):
    unit = lx.units.get(fold(_g(m, "u", "u2", "u3") or ""))
    modw = _g(m, "mod", "mod2", "mod3")
    mod = lx.modifiers.get(fold(modw)) if modw else None
    art = m["art"]
    if unit not in ("week", "month", "quarter", "half", "year"):
        return None
    if modw and fold(modw) != fold(modw).rstrip("s") and fold(modw).rstrip("s") in lx.modifiers:
        return None  # "les prochaines semaines": a vague stretch, not a week
    if mod is None and not (art and lx.modifiers.get(fold(art)) == "this"):
        return None  # "la semaine" alone names no week
    step = {"next": 1, "last": -1}.get(mod, 0)
    return Sem("relative", by_ref=lambda r, t: res_unit(cal.shift(cal.unit_start(r, unit), step, unit), unit))


def r_weekend(m, lx, ref):
    mod = lx.modifiers.get(fold(m["mod"])) if m["mod"] else None
    step = {"next": 1, "last": -1}.get(mod, 0)

    def read(r, t):
        sat = r - timedelta(days=r.weekday()) + timedelta(days=5, weeks=step)
        return Res(sat, sat + timedelta(days=1), "day", False)
    return Sem("relative", by_ref=read)


_SUBDAY = {"hour": 1 / 24, "minute": 1 / 1440, "second": 1 / 86400}


def _duration(text: str, lx: Lex) -> list[tuple[int, str]] | None:
    parts = []
    for q, u in re.findall(lx.rx["QTYUNIT_PAIR"], text, re.I):
        n, unit = number(q, lx), lx.units.get(fold(u))
        if n is None or unit is None:
            return None
        parts.append((n, unit))
    return parts or None


def _offset(r: date, parts, sign: int) -> date:
    """r moved by a compound duration; sub-day parts count from the reference day's noon
    (a date-only reference has no time of day)."""
    d, frac = r, 0.5
    for n, unit in parts:
        if unit in _SUBDAY:
            frac += sign * n * _SUBDAY[unit]
        else:
            d = cal.shift(d, sign * n, unit)
    return d + timedelta(days=int(frac // 1))


def r_ago_in(m, lx, ref):
    """"il y a trois jours", "dans deux semaines", "deux semaines plus tard", "three days ago"."""
    parts = _duration(m["dur"] or m["dur2"], lx)
    if not parts:
        return None
    if m["ago"]:
        sign = -1
    elif m["later"]:
        sign = 1 if fold(m["later"]) in {fold(w) for w in lx.raw["relative"]["later"]} else -1
    else:
        sign = 1
    return Sem("relative", by_ref=lambda r, t: Res(_offset(r, parts, sign), None, "day"))


def r_stamp(m, lx, ref):
    parts = _duration(m["dur"], lx)
    if not parts:
        return None
    sign = 1 if m["fut"] else -1
    return Sem("relative", by_ref=lambda r, t: Res(_offset(r, parts, sign), None, "day"))


def r_last_n(m, lx, ref):
    """"les trois derniers mois", "dernières 3 semaines": the stretch up to (or from) the reference."""
    n = number(m["n"] or m["n2"], lx)
    unit = lx.units.get(fold(m["u"] or m["u2"]))
    mod = lx.modifiers.get(fold(m["mod"] or m["mod2"]))
    if not n or unit not in ("day", "week", "month", "quarter", "half", "year") or mod not in ("next", "last"):
        return None
    grain = unit

    def read(r, t):
        if mod == "last":
            return Res(cal.shift(r, -n, unit), r - timedelta(days=1), grain, False)
        return Res(r + timedelta(days=1), cal.shift(r, n, unit), grain, False)
    return Sem("relative", by_ref=read)


def r_quarter(m, lx, ref):
    pw = m["pw"]
    if pw:
        n = number(m["ord"], lx)
        grain = "quarter" if fold(pw) in {fold(w) for w in lx.raw["periods"]["quarter"]} else "half"
    else:
        n = int(m["pn"])
        grain = "quarter" if m["pl"].upper() in [x.upper() for x in lx.raw["periods"]["quarter_letters"]] else "half"
    count = 4 if grain == "quarter" else 2
    if n is None or not (n == -1 or 1 <= n <= count):
        return None
    n = count if n == -1 else n

    def at(y):
        return res_unit(date(y, (n - 1) * cal.MONTHS_IN[grain] + 1, 1), grain)
    y = year_of(_g(m, "y", "y2"), ref)
    if y:
        return Sem("fixed", at(y))
    if not pw:
        return None  # "T1" alone is a flat type or a label, not a quarter
    if m["ythis"]:
        return Sem("relative", by_ref=lambda r, t: at(r.year))
    return Sem("yearless", by_year=at, unit="year")


def r_nth_week(m, lx, ref):
    n = number(m["ord"], lx)
    if not n or not 1 <= n <= 53:
        return None
    mo = month_of(m["m"], lx) if m["m"] else None
    if mo is None:
        try:  # the n-th week of a year is its ISO week n (week 1 holds 4 January)
            start = date.fromisocalendar(int(m["y"]), n, 1)
        except ValueError:
            return None
        return fixed(start, start + timedelta(days=6), "week", False)

    def at(y):  # the n-th week of a month: the n-th one starting in it, Monday first
        first = date(y, mo, 1)
        monday = first + timedelta(days=(-first.weekday()) % 7, weeks=n - 1)
        return Res(monday, monday + timedelta(days=6), "week", False) if monday.month == mo else None
    y = m["y2"]
    return Sem("fixed", at(int(y))) if y else Sem("yearless", by_year=at, unit="year")


def r_decade(m, lx, ref):
    y = number(m["y"], lx)
    if y is None:
        return None
    if y < 100:
        if y % 10:
            return None
        base = (ref.year if ref else date.today().year)
        y = 1900 + y if 2000 + y > base else 2000 + y
    if y % 10:
        return None
    return fixed(date(y, 1, 1), date(y + 9, 12, 31), "year", False)


def r_season(m, lx, ref):
    s = lx.seasons.get(fold(_g(m, "s", "s2")))
    if not s:
        return None
    lo, hi = s
    ctx = m["sctx"]
    mode = lx.modifiers.get(fold(ctx)) if ctx else None
    if mode == "this":
        mode = None  # "cet été" in November: the past one or the coming one, as the tense says

    def at(y):
        end_y = y + 1 if hi < lo else y
        return Res(date(y, lo, 1), date(end_y, hi, cal.last_day(end_y, hi)), "month", False)
    y = _g(m, "y", "y2")
    if y:
        return Sem("fixed", at(int(y)))
    return Sem("yearless", by_year=at, mode=mode, unit="year")


def r_year_range(m, lx, ref):
    y1, y2s = int(m["y1"]), m["y2"]
    if len(y2s) == 2:
        yy = int(y2s)
        if yy <= 12 or yy <= y1 % 100:
            return None  # "2016-11" is a month
        y2 = y1 // 100 * 100 + yy
    else:
        y2 = int(y2s)
    if not (y1 < y2 <= y1 + 100):
        return None
    return fixed(date(y1, 1, 1), date(y2, 12, 31), "year", False)


def r_bare_year(m, lx, ref):
    y = int(m["y"])
    if not 1900 <= y <= 2100:
        return None
    text, s, e = m.string, m.start(), m.end()
    after = re.match(r"\s*([^\W\d_][\w'.-]*|%|€|\$)", text[e:e + 30])
    if after and fold(after.group(1)) in lx.count_nouns:
        return None
    before = re.search(r"([^\s]+)\s*$", text[max(0, s - 20):s])
    if before and fold(before.group(1)) in lx.not_after:
        return None
    return unit_sem(date(y, 1, 1), "year")


def r_day_of_month(m, lx, ref):
    """"le 27." / "vendredi 22": a day of the previous, this or next month. A weekday written
    beside it picks the month where the two agree; else the tense decides."""
    d = number(m["d"], lx)
    if not d or not 1 <= d <= 31:
        return None
    wd = lx.weekdays.get(fold(m["wd"])) if "wd" in m.re.groupindex and m["wd"] else None

    def read(r: date, tense: str) -> Res | None:
        firsts = [cal.shift(date(r.year, r.month, 1), k, "month") for k in (-1, 0, 1)]
        days = [x for x in (cal.safe_date(f.year, f.month, d) for f in firsts) if x]
        agree = [x for x in days if wd is not None and x.weekday() == wd]
        days = agree or days
        return Res(cal.pick_occurrence(days, r, tense), None, "day") if days else None
    return Sem("relative", by_ref=read, uses_tense=True)


def r_day_of_rel_month(m, lx, ref):
    """"le 20 du mois prochain", "31 de ce mois"."""
    d = number(m["d"], lx)
    if not d or not 1 <= d <= 31:
        return None
    mod = next((lx.modifiers[k] for k in (fold(w) for w in m["mu"].split()) if k in lx.modifiers), "this")
    step = {"next": 1, "last": -1}.get(mod, 0)

    def read(r, t):
        first = cal.shift(date(r.year, r.month, 1), step, "month")
        return res_unit(cal.safe_date(first.year, first.month, d), "day")
    return Sem("relative", by_ref=read)


def r_day_range(m, lx, ref):
    d1, d2 = number(m["d1"], lx), number(m["d2"], lx)
    if not d1 or not d2 or not (1 <= d1 <= d2 <= 31):
        return None
    mo = month_of(m["m"], lx) if m["m"] else None
    if mo:
        y = year_of(m["y"], ref)

        def at(yy):
            a, b = cal.safe_date(yy, mo, d1), cal.safe_date(yy, mo, d2)
            return Res(a, b, "day", False) if a and b else None
        return Sem("fixed", at(y)) if y else Sem("yearless", by_year=at, unit="year")
    mu = m["mu"]
    if not mu:
        return None
    mod = next((lx.modifiers[k] for k in (fold(w) for w in mu.split()) if k in lx.modifiers), "this")
    step = {"next": 1, "last": -1}.get(mod, 0)

    def read(r, t):
        first = cal.shift(date(r.year, r.month, 1), step, "month")
        a, b = cal.safe_date(first.year, first.month, d1), cal.safe_date(first.year, first.month, d2)
        return Res(a, b, "day", False) if a and b else None
    return Sem("relative", by_ref=read)


def r_month_day_range(m, lx, ref):
    mo = month_of(m["m"], lx)
    d1, d2 = number(m["d1"], lx), number(m["d2"], lx)
    if not mo or not d1 or not d2 or not (1 <= d1 <= d2 <= 31):
        return None
    y = year_of(m["y"], ref)

    def at(yy):
        a, b = cal.safe_date(yy, mo, d1), cal.safe_date(yy, mo, d2)
        return Res(a, b, "day", False) if a and b else None
    return Sem("fixed", at(y)) if y else Sem("yearless", by_year=at, unit="year")


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
        ("num_my", r"(?<![\w.,/-])(?:(?P<mn>\d{1,2})\s*[/-]\s*(?P<y>(?:19|20)\d\d)|(?P<y2>(?:19|20)\d\d)\s*[/-]\s*"
                   r"(?P<mn2>\d{1,2}))(?!\d|\s*[/.-]\s*\d)" +
                   (r"|(?<![\d.,/-])(?P<y3>(?:19|20)\d\d)\.(?P<mn3>\d{1,2})(?!\d|\.\d)" if dec_dot else ""),
         r_num_my),
        ("text_dmy", rf"(?:(?:{R['WD']})\s*,?\s+|(?:{R['WDA']})\.?,?\s+)?(?P<d>{DAY})(?:\s*(?:{R['OF']}\s*)?|\s*[-/]\s*)"
                     rf"(?P<m>{MON})\.?(?:{YSEP}(?P<y>{R['YEAR']})|\s+(?P<y2>{Y2})(?=\s*$|\s*(?:[;:!?)\n]|[.,](?!\d))))?", r_text_dmy),
        ("text_mdy", rf"(?:(?:{R['WD']})\s*,?\s+)?(?P<m>{MON})(?P<sep>\.\s*|\s*[-/]\s*|\s+)(?P<d>{R['DAYN']}|{R['NUMW']}|{R['ORDW']})"
                     rf"(?:(?:\s*,\s*|\s+|\s*[-/]\s*)(?:{R['OF']}\s+)?(?P<y>{R['YEAR']}))?", r_text_mdy),
        ("month_year", rf"(?P<m>{MON})\.?\s*,?\s*(?:{R['OF']}\s*)?(?P<y>{R['YEAR']})", r_month_year),
        ("month_yy", rf"(?P<m>{R['MONTH']})\s+(?P<y>'?\d\d)(?=\s*$|\s*(?:[;:!?)\n]|[.,](?!\d)))", r_month_yy),
        ("month_alone", rf"(?:(?P<ctx>{R['MCTX']}|{R['PART']})\s*)?(?P<m>{R['MONTH']})(?:\s+(?P<mod>{MODS}))?", r_month_alone),
        ("month_abbr_ctx", rf"(?P<ctx>{R['THIS']}|{MODS})\s+(?P<m>{R['MABBR']})(?!\.?\s*\d)(?P<mod>(?!x)x)?", r_month_alone),
        ("part_month_year", rf"(?P<part>{R['PART']})\s*(?P<m>{R['MONTH']})\s*(?P<y>{R['YEAR']})", r_part_month_year),
        ("part_year", rf"(?P<part>{R['PART']})\s*(?:(?:{R['YEARNOUN']})\s*)?(?:(?P<y>{R['YEAR']})|"
                      rf"(?:{R['THE']}|{R['THIS']})?\s*(?:{R['YEARUNIT']})(?:\s+(?P<y2>{R['YEAR']})|\s+(?P<ymod>{MODS}))?)",
         r_part_year),
        ("weekday", rf"(?:(?P<this>{R['THIS']})\s+|(?P<premod>{MODS})\s+)?(?:(?P<ord>{R['ORDW']}|\d(?:er|e|re|st|nd|rd|th))\s+)?"
                    rf"(?P<wd>{R['WD']})(?:\s+(?P<mod>{MODS}))?"
                    rf"(?:\s+(?:{R['OF']}\s+)?(?:{R['THIS']}\s+|{R['THE']}\s*)?(?P<week>{R['WEEK']})(?:\s+(?P<wkmod>{MODS}))?)?"
                    rf"(?:\s+(?:{R['OF']}\s*)?(?P<ofm>{R['MONTH']}|{R['MABBR']}|(?:{R['THIS']})\s+(?:{R['MONTHUNIT']})))?",
         r_weekday),
        ("relday", rf"(?P<rel>{R['RELDAY']})", r_relday),
        ("rel_unit", rf"(?:(?P<art>{R['THE']}|{R['THIS']})\s*(?P<u>{R['CALUNIT']})(?:\s+(?P<mod>{MODS}))?"
                     rf"|(?P<mod2>{MODS})\s+(?P<u2>{R['CALUNIT']})|(?P<u3>{R['CALUNIT']})\s+(?P<mod3>{MODS}))", r_rel_unit),
        ("weekend", rf"(?:{R['THE']}|{R['THIS']})\s*{R['WEEKEND']}(?:\s+(?P<mod>{MODS}))?", r_weekend),
        ("ago_in", rf"(?:(?P<ago>{R['AGO']})|(?P<inw>{R['IN']}))\s+(?:(?:{R['APPROX']})\s+)?(?P<dur>{R['DURATION']})"
                   rf"|(?P<dur2>{R['DURATION']})\s+(?P<later>{R['LATER']})", r_ago_in),
        ("stamp", rf"(?m)^[ \t]*(?:(?P<fut>{R['STAMP_FUT']})|(?P<past>{R['STAMP_PAST']}))?\s*"
                  rf"(?:(?:{R['APPROX']})\s+)?(?P<dur>{R['DURATION']})[ \t]*\.?[ \t]*$", r_stamp),
        ("last_n", rf"(?P<n>{NUMQ})\s+(?P<mod>{R['NEXTPL']}|{R['LASTPL']})\s+(?P<u>{R['UNIT']})"
                   rf"|(?P<mod2>{MODS})\s+(?P<n2>{NUMQ})\s+(?P<u2>{R['UNIT']})", r_last_n),
        ("quarter", rf"(?:(?P<ord>{R['ORD']})\s+(?P<pw>{R['QUARTER']}|{R['HALF']})|(?<![\w])(?P<pl>{R['QL']}|{R['HL']})"
                    rf"(?P<pn>[1-4])(?![\w]))(?:\s*[-/]?\s*(?:{R['OF']}\s*)?(?:(?:{R['YEARNOUN']})\s*)?(?P<y>{R['YEAR']})"
                    rf"|\s*[-/]?\s*(?P<y2>\d\d)(?![\d\w])|\s+(?P<ythis>(?:{R['OF']}\s*)?(?:{R['THIS']})\s*(?:{R['YEARUNIT']})))?",
         r_quarter),
        ("year_quarter", rf"(?P<y>{R['YEAR']})\s*(?:{R['THE']}\s*)?(?:(?P<ord>{R['ORD']})\s+(?P<pw>{R['QUARTER']}|{R['HALF']})"
                         rf"|(?P<pl>{R['QL']}|{R['HL']})(?P<pn>[1-4])(?![\w]))", r_quarter),
        ("nth_week", rf"(?P<ord>{R['ORD']}|\d{{1,2}}(?:e|ème|th|st|nd|rd)?)\s+{R['WEEK']}\s+(?:{R['OF']}\s*)?"
                     rf"(?:(?P<m>{R['MONTH']})(?:\s+(?P<y2>{R['YEAR']}))?|(?P<y>{R['YEAR']}))", r_nth_week),
        ("decade", rf"(?P<dec>{R['DECADE']})\s+'?(?P<y>\d{{4}}|\d\d|{R['NUMW']})" +
                   (rf"'?{re.escape(lx.raw['years']['decade_suffix'])}(?![^\W\d_])" if lx.raw['years'].get('decade_suffix')
                    else r"(?:'?s)?(?![\d])"), r_decade),
        ("season", rf"(?:(?P<sctx>{R['SCTX']})\s*(?P<s>{R['SEASON']})(?:\s+(?:{R['OF']}\s+)?(?P<y>{R['YEAR']}))?"
                   rf"|(?P<s2>{R['SEASON']})\s+(?:{R['OF']}\s+)?(?P<y2>{R['YEAR']}))", r_season),
        ("year_range", rf"(?P<y1>{R['YEAR']})\s*[-/]\s*(?P<y2>{R['YEAR']}|\d\d(?!\d))", r_year_range),
        ("bare_year", rf"(?<![\d.,/:-])(?<!\d )(?P<y>{R['YEAR']})(?![.,/-]\d|\s\d{{3}}(?!\d))", r_bare_year),
        ("day_of_month", rf"(?P<ctx>{R['THE']}|{R['ON_DAY']})\s*(?P<d>{R['DAYN']})(?=\s*(?:$|[;:!?)\n]|[.,](?!\d)))",
         r_day_of_month),
        ("weekday_day", rf"(?P<wd>{R['WD']})\s*,?\s*(?:{R['THE']}\s*)?(?P<d>{R['DAYN']})(?!\s*(?:%|[.,/-]\s*\d))", r_day_of_month),
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


@lru_cache(maxsize=None)
def rules(lang: str) -> list[Rule]:
    lx = lexicon(lang)
    R = lx.rx
    qty = rf"(?:\d{{1,3}}|{R['NUMW']}|{R['FEW']})"
    R["QTYUNIT_PAIR"] = rf"({qty})\s*({R['UNIT']})"
    R["DURATION"] = rf"{qty}\s*{R['UNIT']}(?:\s*(?:,|{R['AND']})?\s*{qty}\s*{R['UNIT']}){{0,5}}"
    return [Rule(n, re.compile(src, re.I), fn, frozenset(NEEDS[n])) for n, src, fn in _patterns(lx)]

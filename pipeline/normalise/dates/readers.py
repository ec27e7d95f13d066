"""Readers of the calendar forms: numeric and written dates, months, parts of a year or month,
quarters, weeks, decades, seasons, years and day ranges. A reader turns a match into a `Sem`."""
from __future__ import annotations

import re
from datetime import date, timedelta

from milliard.normalise.dates import cal
from milliard.normalise.dates.lex import fold
from milliard.normalise.dates.sem import (
    Res,
    Sem,
    _g,
    day_month,
    day_or_yearless,
    fixed,
    month_of,
    number,
    res_unit,
    unit_sem,
    weekday_of,
    year_of,
    yearless_day,
    yearless_month,
)


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


def r_num_dm_the(m, lx, ref):
    """"le 2/3": after an article a short day/month is a date, not a fraction."""
    dm = day_month(int(m["a"]), int(m["b"]), lx)
    return yearless_day(dm[0], dm[1]) if dm else None


def r_num_dm_range(m, lx, ref):
    """"28/2-1/3", "10/1-11/2/2017": two day/month pairs, the year (if any) written once at
    the end; a start later in the year than the end lies in the year before."""
    first = day_month(int(m["a"]), int(m["b"]), lx)
    last = day_month(int(m["c"]), int(m["d"]), lx)
    if not first or not last:
        return None
    wraps = (first[1], first[0]) > (last[1], last[0])

    def at(y):
        a, b = cal.safe_date(y - wraps, first[1], first[0]), cal.safe_date(y, last[1], last[0])
        return Res(a, b, "day", False) if a and b else None
    y = year_of(m["y"], ref)
    return fixed(*_bounds(at(y))) if y else Sem("yearless", by_year=at, unit="year")


def _bounds(res: Res | None) -> tuple:
    return (res.start, res.end, "day", False) if res else (None, None, "day", False)


def r_mixed_dmy(m, lx, ref):
    """"2020/Sep/23", "23-2020-septembre": a day, a month name and a 4-digit year joined by
    one separator, in any order (logs and forms write them so)."""
    parts = [m["p1"], m["p2"], m["p3"]]
    months = [month_of(p, lx) for p in parts]
    years = [int(p) for p in parts if p.isdigit() and len(p) == 4]
    days = [int(p) for p in parts if p.isdigit() and len(p) <= 2]
    if sum(1 for x in months if x) != 1 or len(years) != 1 or len(days) != 1:
        return None
    return unit_sem(cal.safe_date(years[0], next(x for x in months if x), days[0]), "day")


def r_num_my(m, lx, ref):
    y, mn = _g(m, "y", "y2", "y3"), _g(m, "mn", "mn2", "mn3")
    if not (1 <= int(mn) <= 12):
        return None
    return unit_sem(date(int(y), int(mn), 1), "month")


def r_text_dmy(m, lx, ref):
    d = number(m["d"], lx)
    if fold(m["m"]) in lx.month_ambiguous:
        # "5 jui.": juin or juillet? A guess would be wrong half the time: no reading, a warning
        return Sem("ambiguous", months=tuple(lx.month_ambiguous[fold(m["m"])])) if d and 1 <= d <= 31 else None
    mo = month_of(m["m"], lx)
    if not d or not mo or not (1 <= d <= 31):
        return None
    y = year_of(_g(m, "y", "y2"), ref)
    if y is None and fold(m["m"]) not in lx.months and not m["d"][:1].isdigit():
        return None  # "sept" as a month abbreviation needs a digit day or a year
    return day_or_yearless(y, mo, d, weekday_of(m, lx))


def r_text_mdy(m, lx, ref):
    mo = month_of(m["m"], lx)
    d = number(m["d"], lx)
    if not mo or not d or not (1 <= d <= 31):
        return None
    y = year_of(m["y"], ref)
    if y is None and m["sep"].strip() == "" and not m["wd"]:
        # "juin 3 entreprises": a month then a bare number is a date only at a clause end (or after
        # a weekday: "Monday, June 21 in London")
        tail = m.string[m.end():m.end() + 12]
        if not re.match(rf"\s*(?:$|[,.;:!?)\n]|\s*(?:{lx.rx['AFTER_DAY']}))", tail, re.I):
            return None
    return day_or_yearless(y, mo, d, weekday_of(m, lx))


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
    if not pw and not m["ctx"]:
        return None  # "T1" alone is a flat type or a label, not a quarter; "au T1" is one
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
        # news report what happened: a day without a month is the latest one unless the clause
        # speaks of what is to come
        when = "future" if tense == "future" else "past"
        return Res(cal.pick_occurrence(days, r, when), None, "day") if days else None
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

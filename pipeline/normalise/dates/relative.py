"""Readers of the dates relative to the publication date: weekdays, "hier", "la semaine
prochaine", "il y a trois jours", freshness stamps, "les trois derniers mois"."""
from __future__ import annotations

import re
from datetime import date, timedelta

from milliard.normalise.dates import cal
from milliard.normalise.dates.lex import Lex, fold
from milliard.normalise.dates.sem import Res, Sem, _g, month_of, number, res_unit


def r_weekday(m, lx, ref):
    wd = lx.weekdays.get(fold(m["wd"]))
    if wd is None:  # "mar.": the abbreviation with its full stop
        wd = lx.weekday_abbr.get(fold(m["wd"].rstrip(".")))
    if wd is None:
        return None
    modw = m["mod"] or m["premod"]
    mod = lx.modifiers.get(fold(modw)) if modw else None
    this = m["this"]
    week = m["week"]
    wkmod = lx.modifiers.get(fold(m["wkmod"])) if m["wkmod"] else None
    n = number(m["ord"], lx) if m["ord"] else None
    if n:  # "le troisième mardi (de mars)": of the month named, else of the reference month
        return _nth_weekday(m, lx, wd, n)

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


_LINE_REST = re.compile(r"[ \t]*[.!?]?[ \t]*(?:\n|$)")


def r_today(m, lx, ref):
    """"la journée" is the reference day after a context word ("sur la journée") or as a line
    of its own (a heading, a form's field); elsewhere it names no day ("la journée type")."""
    text, s = m.string, m.start()
    alone = text[text.rfind("\n", 0, s) + 1:s].strip() == "" and _LINE_REST.match(text, m.end())
    if not (m["ctx"] or alone):
        return None
    return Sem("relative", by_ref=lambda r, t: Res(r, None, "day"))


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

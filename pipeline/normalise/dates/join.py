"""Joining date candidates: from-to periods ("entre A et B") and open periods ("depuis A")."""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache

from milliard.normalise.dates import cal
from milliard.normalise.dates.find import Cand, Spans
from milliard.normalise.dates.lex import Lex, fold, lexicon
from milliard.normalise.dates.sem import Res, Sem, number
from milliard.normalise.text import PHRASE_END

PERIOD_RULES = ("day_range", "month_day_range")


@lru_cache(maxsize=None)
def _joiners(lang: str) -> dict[str, re.Pattern]:
    R = lexicon(lang).rx
    return {
        "prefix": re.compile(rf"(?:(?P<between>{R['BETWEEN']})|(?P<from>{R['FROM']}|{R['SINCE']}))\s*"
                             rf"(?:{R['THE']}\s*)?$", re.I),
        "to": re.compile(rf"\s*(?:{R['TO']})\s*(?:{R['THE']}\s*)?", re.I),
        "and": re.compile(rf"\s*(?:{R['AND']}|{R['TO']})\s*(?:{R['THE']}\s*)?", re.I),
        "since": re.compile(rf"(?:{R['SINCE']})\s*$", re.I),
        "until": re.compile(rf"(?:{R['UNTIL']})\s*$", re.I),
        "before": re.compile(rf"(?:{R['BEFORE']})\s*$", re.I),
        "after": re.compile(rf"(?:{R['AFTER']})\s*$", re.I),
        "of_date": re.compile(rf"\s*(?:(?:{R['OF']})\s*)?(?:{R['THE']}\s*)?", re.I),
        # "le douze mai mil neuf cent quatre-vingt-un", "le 12 mai, deux mille vingt-six."
        "year_words": re.compile(rf"\s*,?\s*(?:(?:{R['YEAR_LINK']})\s*)?(?P<yw>{R['YEARW']})"
                                 rf"(?=\s*(?:{PHRASE_END}|(?:{R['DAY_FOLLOW']})\s))", re.I),
        # "la semaine du 15 avril", "the week of April 15"
        "week_of": re.compile(rf"(?:{R['THE']}\s*)?{R['WEEK']}\s+(?:{R['OF']})\s*(?:{R['THE']}\s*)?$", re.I),
    }


def _days_of(text: str, cands: list[Cand], lx: Lex) -> list[Cand]:
    """"le lendemain du 13 février", "the day before March 3": a relative day followed by a day
    counts from that day, not from the reference date: one mention."""
    of_date = {fold(w) for w in lx.raw["relative"].get("of_date", [])}
    if not of_date:
        return cands
    gap = _joiners(lx.lang)["of_date"]
    out: list[Cand] = []
    i = 0
    while i < len(cands):
        a, b = cands[i], cands[i + 1] if i + 1 < len(cands) else None
        word = fold(text[a.start:a.end])
        if (b is not None and a.rule == "relday" and word in of_date and gap.fullmatch(text, a.end, b.start)
                and _day_grain(b.sem)):
            out.append(Cand(a.start, b.end, _shifted(b.sem, lx.relative_days[word]), "day_of"))
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def _day_grain(sem: Sem) -> bool:
    """Whether a mention is a single day (a year-less or relative one read at a sample date)."""
    if sem.res is None and sem.by_year is None and sem.by_ref is None:
        return False  # no reading at all (an ambiguous month)
    probe = sem.res or (sem.by_year(2001) if sem.by_year else sem.by_ref(date(2001, 1, 1), None))
    return probe is not None and probe.grain == "day" and probe.point


def _mapped(sem: Sem, move) -> Sem:
    """The same mention read through `move` (Res -> Res), fixed, year-less or relative."""
    return replace(sem, res=sem.res and move(sem.res),
                   by_year=sem.by_year and (lambda y: (r := sem.by_year(y)) and move(r)),
                   by_ref=sem.by_ref and (lambda ref, t: (r := sem.by_ref(ref, t)) and move(r)))


def _shifted(sem: Sem, k: int) -> Sem:
    def move(res: Res) -> Res:
        return Res(res.start and res.start + timedelta(days=k), res.end and res.end + timedelta(days=k),
                   res.grain, res.point)
    return _mapped(sem, move)


def _week_holding(res: Res) -> Res:
    return Res(cal.unit_start(res.start, "week"), None, "week")


def _weeks_of(text: str, cands: list[Cand], lx: Lex) -> list[Cand]:
    """"la semaine du 15 avril", "the week of April 15": the week that holds the day."""
    week_of = _joiners(lx.lang)["week_of"]
    out = []
    for c in cands:
        m = week_of.search(text, max(0, c.start - 24), c.start)
        if m and c.pair is None and c.open_side is None and _day_grain(c.sem):
            c = Cand(m.start(), c.end, _mapped(c.sem, _week_holding), "week_of")
        out.append(c)
    return out


_NUMERIC_DAYS = ("num_dm", "num_dm_the", "num_dmy", "iso")
_WD_GAP = re.compile(r"\s*,?\s*")


def _weekday_dates(text: str, cands: list[Cand], lx: Lex) -> list[Cand]:
    """"lundi 21/06": a weekday right before a numeric date is part of it, and picks its year
    as "lundi 21 juin" does."""
    out: list[Cand] = []
    for c in cands:
        a = out[-1] if out else None
        wd = _bare_weekday(text, a, lx) if a is not None and c.rule in _NUMERIC_DAYS else None
        if wd is not None and _WD_GAP.fullmatch(text, a.end, c.start):
            out[-1] = Cand(a.start, c.end, _with_weekday(c.sem, wd), c.rule)
            continue
        out.append(c)
    return out


def _bare_weekday(text: str, c: Cand, lx: Lex) -> int | None:
    if c.rule != "weekday":
        return None
    k = fold(text[c.start:c.end])
    return lx.weekdays.get(k, lx.weekday_abbr.get(k))


def _with_weekday(sem: Sem, wd: int) -> Sem:
    if sem.kind != "yearless":
        return sem
    return replace(sem, fits_year=lambda y: (r := sem.by_year(y)) is not None and r.start.weekday() == wd)


def _written_years(text: str, cands: list[Cand], lx: Lex) -> list[Cand]:
    """A year written in words after a year-less day ("le douze mai mil neuf cent
    quatre-vingt-un", formal or spoken style) is that day's year."""
    rx = _joiners(lx.lang)["year_words"]
    out = []
    for i, c in enumerate(cands):
        m = rx.match(text, c.end) if c.sem.kind == "yearless" and c.rule in ("text_dmy", "text_mdy") else None
        nxt = cands[i + 1].start if i + 1 < len(cands) else len(text)
        y = number(m["yw"], lx) if m and m.end("yw") <= nxt else None
        res = c.sem.by_year(y) if y and 1800 <= y <= 2199 else None
        out.append(Cand(c.start, m.end("yw"), Sem("fixed", res), c.rule) if res else c)
    return out


def _join_ranges(text: str, cands: list[Cand], lx: Lex) -> list[Cand]:
    """"entre A et B", "de A à B", "du A au B", "A - B", "A jusqu'à B" -> one period."""
    j = _joiners(lx.lang)
    out: list[Cand] = []
    i = 0
    while i < len(cands):
        a = cands[i]
        b = cands[i + 1] if i + 1 < len(cands) else None
        if b is not None and a.pair is None and b.pair is None:
            gap = text[a.end:b.start]
            pre = j["prefix"].search(text, max(0, a.start - 24), a.start)
            prefixed = pre is not None and pre.end() == a.start
            joined = (j["and"] if prefixed else j["to"]).fullmatch(gap)
            if joined and len(gap) <= 24 and _rangeable(a) and _rangeable(b):
                start = pre.start() if prefixed else a.start
                out.append(Cand(start, b.end, a.sem, "range", pair=(a, b)))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _rangeable(c: Cand) -> bool:
    res = c.sem.res
    if c.sem.kind == "ambiguous":
        return False
    return c.sem.kind != "fixed" or (res is not None and (res.point or c.rule in ("quarter", "part_year")))


def _respect_avoid(cands: list[Cand], avoid: Spans) -> list[Cand]:
    """A prefix or a from-to join must not reach into an amount: fall back to the parts."""
    out = []
    for c in cands:
        if not avoid.hits(c.start, c.end):
            out.append(c)
        elif c.pair is not None:
            out.extend(p for p in c.pair if not avoid.hits(p.start, p.end))
        elif c.core_start is not None:
            c.start, c.open_side, c.core_start = c.core_start, None, None
            out.append(c)
    return out


def _open_bounds(text: str, cands: list[Cand], lx: Lex) -> list[Cand]:
    """"depuis 2020" (start only), "d'ici 2030" (end only), "avant …", "après …"."""
    j = _joiners(lx.lang)
    for c in cands:
        if c.pair is not None:
            continue
        if c.sem.kind != "fixed" and c.rule in PERIOD_RULES or c.sem.res and c.rule in PERIOD_RULES:
            # "depuis le 4 au 22 mars": "depuis" opens a from-to period, it is not open-ended
            m = j["prefix"].search(text, max(0, c.start - 24), c.start)
            if m and m.end() == c.start:
                c.core_start, c.start = c.start, m.start()
            continue
        for side in ("since", "until", "before", "after"):
            m = j[side].search(text, max(0, c.start - 24), c.start)
            if m and m.end() == c.start and (m.start() == 0 or not text[m.start() - 1].isalnum()):
                c.open_side, c.core_start, c.start = side, c.start, m.start()
                break
    return cands

"""Resolving date candidates against the publication date (or a year written nearby)."""
from __future__ import annotations

import bisect
from datetime import date, timedelta

from milliard.normalise.dates import cal
from milliard.normalise.dates.find import Cand
from milliard.normalise.dates.sem import Res, Sem
from milliard.normalise.dates.tense import tense_at
from milliard.normalise.text import CLAUSE_END, clause_start
from milliard.schema import DateMention, WarningInfo


def _bounds(res: Res) -> tuple[date | None, date | None]:
    if res.point:
        return cal.unit_bounds(res.start, res.grain)
    return res.start, res.end


def _year_of(res: Res | None) -> int | None:
    return res.start.year if res is not None and res.start is not None else None


def _pick_year(sem: Sem, ref: date, tense: str | None) -> Res | None:
    options = _occurrences(sem, ref.year, 1) or _occurrences(sem, ref.year, 4)  # 29 February: look further
    if not options:
        return None
    if sem.fits_year is not None:
        # "lundi 21 juin": the weekday written beside the day names the year where the two agree
        options = [(y, r) for y, r in options if sem.fits_year(y)] or options
    options = [r for _, r in options]
    if sem.mode in _BY_MODE:
        return _BY_MODE[sem.mode](options, ref)
    if tense == "future":
        # what is to come may have begun: "sera lancé en mars" written on 12 March is this March
        ongoing = [r for r in options if _bounds(r)[1] >= ref]
        return min(ongoing, key=lambda r: r.start) if ongoing else max(options, key=lambda r: r.start)
    by_start = {r.start: r for r in options}
    chosen = cal.pick_occurrence(list(by_start), ref, tense or "")
    return by_start[chosen]


def _occurrences(sem: Sem, year: int, around: int) -> list[tuple[int, Res]]:
    """(year, reading) of a year-less mention in the years `around` `year`."""
    return [(y, r) for y, r in ((y, sem.by_year(y)) for y in range(year - around, year + around + 1))
            if r is not None]


def _this(options: list[Res], ref: date) -> Res | None:
    same = [r for r in options if r.start.year == ref.year]
    return same[0] if same else None


def _next(options: list[Res], ref: date) -> Res | None:
    later = [r for r in options if r.start > ref]
    return min(later, key=lambda r: r.start) if later else None


def _last(options: list[Res], ref: date) -> Res | None:
    earlier = [r for r in options if _bounds(r)[1] < ref]
    return max(earlier, key=lambda r: r.start) if earlier else None


# "cette"/"prochain"/"dernier" beside a year-less date fix its year the obvious way
_BY_MODE = {"this": _this, "next": _next, "last": _last}


class _Ctx:
    """What resolving one mention needs: reference, tense, a context year."""

    def __init__(self, text, lx, ref, years_near):
        self.text, self.lx, self.ref, self.years_near = text, lx, ref, years_near


def _resolve(sem: Sem, ctx: _Ctx, c: Cand, year: int | None = None) -> tuple[Res | None, bool]:
    """-> (reading, year inferred from context)."""
    if sem.kind == "ambiguous":
        return None, False
    if sem.kind == "fixed":
        return sem.res, False
    if sem.kind == "relative":
        if ctx.ref is None:
            return None, False
        tense = tense_at(ctx.text, c.start, c.end, ctx.lx) if sem.uses_tense else None
        return sem.by_ref(ctx.ref, tense or ""), False
    if year is not None:
        return sem.by_year(year), False
    if ctx.ref is not None:
        tense = tense_at(ctx.text, c.start, c.end, ctx.lx) if sem.mode is None else None
        return _pick_year(sem, ctx.ref, tense), False
    y = ctx.years_near(c.start)
    if y is None:
        return None, False
    return sem.by_year(y), True


def _resolve_pair(c: Cand, ctx: _Ctx) -> tuple[Res | None, bool]:
    a, b = c.pair
    if a.sem.kind == "yearless" and b.sem.kind != "yearless":
        rb, inf_b = _resolve(b.sem, ctx, b)
        y = _year_of(rb)
        ra, _ = _resolve(a.sem, ctx, a, y) if y else (None, False)
        if ra and rb and _bounds(ra)[0] > _bounds(rb)[1]:
            ra, _ = _resolve(a.sem, ctx, a, y - 1)
        return _join(ra, rb), inf_b
    ra, inf = _resolve(a.sem, ctx, a)
    if b.sem.kind == "yearless" and ra is not None:
        y = _year_of(ra)
        rb, _ = _resolve(b.sem, ctx, b, y)
        if rb and _bounds(rb)[1] < _bounds(ra)[0]:
            rb, _ = _resolve(b.sem, ctx, b, y + 1)
    else:
        rb, inf_b = _resolve(b.sem, ctx, b)
        inf = inf or inf_b
    return _join(ra, rb), inf


def _join(ra: Res | None, rb: Res | None) -> Res | None:
    if ra is None or rb is None:
        return None
    s, e = _bounds(ra)[0], _bounds(rb)[1]
    if s > e:
        return None
    return Res(s, e, cal.finer(ra.grain, rb.grain), point=False)


def _open(res: Res | None, side: str) -> Res | None:
    if res is None:
        return None
    s, e = _bounds(res)
    if side == "since":
        return Res(s, None, res.grain, False)
    if side == "after":
        return Res(e + timedelta(days=1), None, res.grain, False)
    if side == "until":
        return Res(None, e, res.grain, False)
    return Res(None, s - timedelta(days=1), res.grain, False)


def _years_near(text: str, cands: list[Cand]):
    """Context year of a position: the one year written in its sentence, else its line."""
    explicit = [(c.start, c.sem.res.start.year) for c in cands
                if c.pair is None and c.open_side is None and c.sem.kind == "fixed"
                and c.sem.res is not None and c.sem.res.point and c.sem.res.start is not None]
    where = [p for p, _ in explicit]

    def near(pos: int) -> int | None:
        for lo, hi in (_sentence(text, pos), _line(text, pos)):
            a = bisect.bisect_left(where, lo)
            ys = {y for _, y in explicit[a:min(a + 50, bisect.bisect_left(where, hi))]}
            if len(ys) == 1:
                return ys.pop()
            if ys:
                return None
        return None
    return near


def _sentence(text: str, pos: int) -> tuple[int, int]:
    lo = max(0, pos - 400)
    m = CLAUSE_END.search(text, pos, pos + 400)
    return clause_start(text, lo, pos), (m.start() if m else min(len(text), pos + 400))


def _line(text: str, pos: int) -> tuple[int, int]:
    lo = text.rfind("\n", 0, pos) + 1
    hi = text.find("\n", pos)
    return lo, (len(text) if hi < 0 else hi)


def _resolve_all(text, cands, lx, ref):
    ctx = _Ctx(text, lx, ref, _years_near(text, cands))
    mentions, warnings = [], []
    for c in _unpair_failed(cands, ctx):
        try:
            res, inferred = _resolve_pair(c, ctx) if c.pair else _resolve(c.sem, ctx, c)
            if c.open_side:
                res = _open(res, c.open_side)
        except (ValueError, OverflowError):  # shifted out of the calendar ("dans 999 ans" in 9999)
            res, inferred = None, False
        yearless = any(p.sem.kind == "yearless" for p in c.pair) if c.pair else c.sem.kind == "yearless"
        span = text[c.start:c.end]
        if res is None:
            mentions.append(DateMention(text=span, start=c.start, end=c.end, value=None,
                                        grain=_grain_hint(c, ctx)))
            warnings.append(_unread(span, c, ctx.lx))
            continue
        mentions.append(_mention(span, c, res, yearless and res is not None))
        if inferred:
            warnings.append(WarningInfo(code="inferred_year", spans=[(c.start, c.end)],
                                    message=f"{span!r} has no year; {res.start or res.end:%Y} taken from the "
                                            "year written nearby (no publication date)"))
    return mentions, warnings


def _unread(span: str, c: Cand, lx) -> WarningInfo:
    """Why a mention has no reading: an abbreviation of two months, or nothing to anchor it."""
    if c.sem.kind == "ambiguous":
        names = " or ".join(next(k for k, v in lx.raw["months"].items() if v == n) for n in c.sem.months)
        return WarningInfo(code="ambiguous_date", spans=[(c.start, c.end)],
                           message=f"{span!r}: the month may be {names}; no date given")
    return WarningInfo(code="unresolved_date", spans=[(c.start, c.end)],
                       message=f"{span!r}: no publication date or written year to anchor it")


def _unpair_failed(cands: list[Cand], ctx: _Ctx) -> list[Cand]:
    """A from-to pair that reads backwards ("13/01/2026 à 1er février 2025") is two dates."""
    out = []
    for c in cands:
        try:
            split = c.pair is not None and _resolve_pair(c, ctx)[0] is None and \
                all(_resolve(p.sem, ctx, p)[0] is not None for p in c.pair)
        except (ValueError, OverflowError):
            split = False
        out.extend(c.pair if split else [c])
    return out


def _grain_hint(c: Cand, ctx: _Ctx) -> str:
    """The grain of a mention that could not be anchored: read it against any reference."""
    probe = _Ctx(ctx.text, ctx.lx, date(2000, 6, 15), lambda pos: None)
    try:
        res = _resolve_pair(c, probe)[0] if c.pair else _resolve(c.sem, probe, c)[0]
    except (ValueError, OverflowError):
        res = None
    return res.grain if res else "day"


def _mention(span: str, c: Cand, res: Res, inferred_year: bool) -> DateMention:
    iso = lambda d: d.isoformat() if d else None  # noqa: E731
    if res.point:
        return DateMention(text=span, start=c.start, end=c.end, value=iso(res.start), grain=res.grain,
                           inferred_year=inferred_year)
    return DateMention(text=span, start=c.start, end=c.end, value=None, grain=res.grain,
                       start_date=iso(res.start), end_date=iso(res.end), inferred_year=inferred_year)

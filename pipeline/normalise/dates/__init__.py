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
  the first one not before it; otherwise the nearest one. `inferred_year` is true (the year
  was not written) but no warning: anchoring to the publication date is the documented rule.
  "cette"/"prochain"/"dernier" beside a month fix the year the obvious way.
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

import bisect
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from milliard.lang import UnsupportedLanguage
from milliard.normalise.dates import cal
from milliard.normalise.dates.lex import Lex, fold, lexicon
from milliard.normalise.dates.rules import Res, Sem, rules
from milliard.schema import DateMention, WarningInfo

PERIOD_RULES = ("day_range", "month_day_range")
MAX_TENSE_LEFT = 200   # characters of the clause read before a date to find its tense
MAX_TENSE_RIGHT = 120
_SENT_END = re.compile(r"[.!?;](?=\s|$)|\n")


@dataclass
class Cand:
    start: int
    end: int
    sem: Sem
    rule: str
    pair: tuple | None = None     # (Cand, Cand) of a from-to period
    open_side: str | None = None  # "since" | "until" | "before" | "after"
    core_start: int | None = None  # start before a prefix word was taken in


def find_dates(text: str, lang: str, published: date | None = None,
               avoid: list[tuple[int, int]] = ()) -> tuple[list[DateMention], list[WarningInfo]]:
    """Every date and period of `text` (matching form); `avoid` spans (amounts) are not dates."""
    try:
        lx = lexicon(lang)
    except UnsupportedLanguage:
        return [], []
    cands = _candidates(text, lang, lx, published, Spans(avoid))
    cands = _select(cands)
    cands = _join_ranges(text, cands, lx)
    cands = _open_bounds(text, cands, lx)
    if avoid:
        cands = _respect_avoid(cands, Spans(avoid))
    return _resolve_all(text, cands, lx, published)


# ---------------------------------------------------------------- finding

class Spans:
    """Disjoint spans kept sorted: overlap test and insertion in O(log n) comparisons, so
    that a text with tens of thousands of dates or amounts stays linear-ish."""

    def __init__(self, spans=()):
        merged: list[list[int]] = []
        for a, b in sorted(spans):
            if merged and a < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self.starts = [a for a, _ in merged]
        self.ends = [b for _, b in merged]

    def __bool__(self) -> bool:
        return bool(self.starts)

    def hits(self, s: int, e: int) -> bool:
        i = bisect.bisect_left(self.starts, e)  # spans starting before e
        return i > 0 and self.ends[i - 1] > s

    def add(self, s: int, e: int) -> None:
        """Add a span known not to overlap any."""
        i = bisect.bisect_left(self.starts, s)
        self.starts.insert(i, s)
        self.ends.insert(i, e)


_DIGITS = re.compile(r"\d+")
_WORD = re.compile(r"[^\W\d_]{2,}")


@lru_cache(maxsize=None)
def _key(anchor: str) -> str:
    """The word of an anchor (a word or a phrase) whose presence the prefilter checks first."""
    words = _WORD.findall(anchor)
    return max(words, key=len) if words else anchor
_CLAUSE_END = re.compile(r"[.!?;\n]")
_NEXT_TOKEN = re.compile(r"\s*\S+")
_SEP_AFTER = re.compile(r"\s{0,3}[/.-]\s{0,3}\d|,\s?\d\d| \d{1,2} \d\d")
_SEP_BEFORE = re.compile(r"\d\s{0,3}[/.-]\s{0,3}$")
# apostrophe-like letters ("aujourdʻhui") that would hide a word from the prefilter
_ODD_APOS = re.compile("[\u02b9-\u02bc\u055a\ua78c\uff07\u2035]")
_QUARTER_LETTER = re.compile(r"(?<![^\W\d_])[a-zA-Z]$")
WINDOW_LEFT, WINDOW_RIGHT, WINDOW_STRETCH = 40, 40, 40


@lru_cache(maxsize=None)
def _day_end(lang: str) -> re.Pattern:
    """What may follow a lone day number: a clause end, or a range word ("du 4 au 22")."""
    lx = lexicon(lang)
    R = lx.rx
    suffixes = "|".join(re.escape(x) for x in sorted(lx.raw["ordinals"]["day_suffixes"], key=len, reverse=True))
    return re.compile(rf"(?:{suffixes})?\s*(?:$|[;:!?)\n]|[.,](?!\d)|{R['TO']}|{R['AND']})", re.I)


def _number_classes(text: str, s: int, e: int, lang: str) -> set[str]:
    """What a number can be part of: a year, a numeric date, a day, a quarter, a duration."""
    n = e - s
    cls = set()
    if n == 4 and text[s:s + 2] in ("18", "19", "20", "21"):
        cls.add("year")
    after = text[e:e + 8]
    if _SEP_AFTER.match(after) or _SEP_BEFORE.search(text[max(0, s - 8):s]):
        cls.add("numsep")
    if n <= 2:
        if _day_end(lang).match(after):
            cls.add("dayn")
        if s and _QUARTER_LETTER.search(text[max(0, s - 2):s]):
            cls.add("period")
    if after[:1].isalpha():
        cls.add("unit")
    return cls


def _anchors(text: str, lx: Lex, avoid) -> list[tuple[int, int, frozenset]]:
    """Anchor tokens of `text`: date words (found with str.find in the lower-cased text, a word
    at a time: far cheaper than a regex alternation) and numbers that can be part of a date."""
    low = text.lower()
    if _ODD_APOS.search(low):
        low = _ODD_APOS.sub("'", low)
    present = set(_WORD.findall(low))
    hits = []
    for word, cls in lx.anchors.items():
        if _key(word) not in present:
            continue
        size = len(word)
        i = low.find(word)
        while i >= 0:
            j = i + size
            if (i == 0 or not low[i - 1].isalpha()) and (j >= len(low) or not low[j].isalpha()):
                hits.append((i, j, cls))
            i = low.find(word, j)
    for m in _DIGITS.finditer(text):
        s, e = m.span()
        if e - s <= 4:
            cls = _number_classes(text, s, e, lx.lang)
            if cls:
                hits.append((s, e, frozenset(cls)))
    if avoid:
        hits = [h for h in hits if not avoid.hits(h[0], h[1])]
    return hits


def _windows(text: str, hits, needs: frozenset) -> list[tuple[int, int]]:
    """Stretches of text around the anchors of the classes a rule needs. A window ends at a
    clause end when one is near, else after one more whole word, so that the end-of-text
    checks of the rules keep their meaning."""
    spans: list[list[int]] = []
    for s, e, _cls in sorted(h for h in hits if h[2] & needs):
        lo, hi = max(0, s - WINDOW_LEFT), e + WINDOW_RIGHT
        if spans and lo <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], hi)
        else:
            spans.append([lo, hi])
    n = len(text)
    out = []
    for lo, hi in spans:
        if hi < n:
            end = _CLAUSE_END.search(text, hi, hi + WINDOW_STRETCH)
            word = _NEXT_TOKEN.match(text, hi)
            hi = end.end() if end else (word.end() if word else n)
        out.append((lo, min(hi, n)))
    return out


def _candidates(text, lang, lx, ref, avoid) -> list[Cand]:
    out = []
    seen = set()
    hits = _anchors(text, lx, avoid)
    cache: dict[frozenset, list] = {}
    for rule in rules(lang):
        if rule.needs not in cache:
            cache[rule.needs] = _windows(text, hits, rule.needs)
        for lo, hi in cache[rule.needs]:
            for m in rule.rx.finditer(text, lo, hi):
                s, e = _trim(text, *m.span(), lx)
                if "ctx" in m.re.groupindex and m.group("ctx") and not _keeps(m.group("ctx"), lx):
                    s = m.end("ctx")  # "en mars": the date is "mars"
                    while text[s].isspace():
                        s += 1
                if text[s:s + 1].isdigit() and _after_label(text, s, lx):
                    continue  # "version 1.2.10", "n° 2024"
                if e <= s or (s, e, rule.name) in seen or (avoid and avoid.hits(s, e)):
                    continue
                seen.add((s, e, rule.name))
                try:
                    sem = rule.read(m, lx, ref)
                except (ValueError, OverflowError):  # a calendar date out of range: not a date
                    sem = None
                if sem is not None:
                    out.append(Cand(s, e, sem, rule.name))
    return out


_LAST_WORD = re.compile(r"([^\W\d_]+)\.$")


_WORD_BEFORE = re.compile(r"(\S+)\s*$")


def _after_label(text: str, s: int, lx: Lex) -> bool:
    """Whether a number follows a word that makes it a label (version, n°, page…)."""
    w = _WORD_BEFORE.search(text, max(0, s - 16), s)
    return w is not None and fold(w.group(1)) in lx.not_after


def _keeps(ctx: str, lx: Lex) -> bool:
    """Whether a context word is part of the date it introduces ("fin mars", "cette année")."""
    k = fold(ctx)
    return k in lx.parts or k in lx.modifiers


def _trim(text: str, s: int, e: int, lx: Lex) -> tuple[int, int]:
    """No trailing space, nor a full stop unless it ends an abbreviation ("janv.")."""
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s and text[e - 1] == ".":
        w = _LAST_WORD.search(text, max(s, e - 12), e)
        if w is None or not (fold(w.group(1)) in lx.month_abbr or fold(w.group(1)) in lx.weekday_abbr):
            e -= 1
    return s, e


def _select(cands: list[Cand]) -> list[Cand]:
    """Longest candidates first; earlier rules win ties; no two kept spans overlap."""
    order = {id(c): i for i, c in enumerate(cands)}
    kept: list[Cand] = []
    taken = Spans()
    for c in sorted(cands, key=lambda c: (c.start - c.end, order[id(c)])):
        if not taken.hits(c.start, c.end):
            taken.add(c.start, c.end)
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)


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
    }


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


# ---------------------------------------------------------------- tense

def _clause(text: str, start: int, end: int) -> tuple[str, str]:
    lo = max(0, start - MAX_TENSE_LEFT)
    left = text[lo:start]
    ends = [m.end() for m in _SENT_END.finditer(left)]
    if ends:  # the clause starts after the last sentence end on the left
        left = left[ends[-1]:]
    right = text[end:end + MAX_TENSE_RIGHT]
    m = _SENT_END.search(right)
    if m:
        right = right[:m.start()]
    return left, right


def tense_at(text: str, start: int, end: int, lx: Lex) -> str | None:
    """"past", "future" or None: the tense cue nearest to the date in its clause."""
    left, right = _clause(text, start, end)
    m = lx.past_right_before.search(left)
    if m and fold(m.group().split()[0]) not in lx.not_participles:
        # "seront publiés le 3 mars": a participle after a future auxiliary is to come
        aux = left[max(0, m.start() - 24):m.start()]
        return "future" if any(p.search(aux) for p in lx.future) else "past"
    best: tuple[int, str] | None = None
    for kind, pats in (("past", lx.past), ("future", lx.future)):
        for pat in pats:
            for m in pat.finditer(left):
                if kind == "future" and fold(m.group()) in lx.not_future:
                    continue
                dist = len(left) - m.end()
                if best is None or dist < best[0]:
                    best = (dist, kind)
            for m in pat.finditer(right):
                if kind == "future" and fold(m.group()) in lx.not_future:
                    continue
                if best is None or m.start() < best[0]:
                    best = (m.start(), kind)
    return best[1] if best else None


# ---------------------------------------------------------------- resolving

def _bounds(res: Res) -> tuple[date | None, date | None]:
    if res.point:
        return cal.unit_bounds(res.start, res.grain)
    return res.start, res.end


def _year_of(res: Res | None) -> int | None:
    return res.start.year if res is not None and res.start is not None else None


def _pick_year(sem: Sem, ref: date, tense: str | None) -> Res | None:
    years = range(ref.year - 1, ref.year + 2)
    options = [r for r in (sem.by_year(y) for y in years) if r is not None]
    if not options:  # 29 February: look further for a leap year
        options = [r for r in (sem.by_year(y) for y in range(ref.year - 4, ref.year + 5)) if r is not None]
    if not options:
        return None
    if sem.mode == "this":
        same = [r for r in options if r.start.year == ref.year]
        return same[0] if same else None
    if sem.mode == "next":
        later = [r for r in options if r.start > ref]
        return min(later, key=lambda r: r.start) if later else None
    if sem.mode == "last":
        earlier = [r for r in options if _bounds(r)[1] < ref]
        return max(earlier, key=lambda r: r.start) if earlier else None
    by_start = {r.start: r for r in options}
    chosen = cal.pick_occurrence(list(by_start), ref, tense or "")
    return by_start[chosen]


class _Ctx:
    """What resolving one mention needs: reference, tense, a context year."""

    def __init__(self, text, lx, ref, years_near):
        self.text, self.lx, self.ref, self.years_near = text, lx, ref, years_near


def _resolve(sem: Sem, ctx: _Ctx, c: Cand, year: int | None = None) -> tuple[Res | None, bool]:
    """-> (reading, year inferred from context)."""
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
    starts = [m.end() for m in _SENT_END.finditer(text, lo, pos)]
    m = _SENT_END.search(text, pos, pos + 400)
    return (starts[-1] if starts else lo), (m.start() if m else min(len(text), pos + 400))


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
            warnings.append(WarningInfo(code="unresolved_date", spans=[(c.start, c.end)],
                                    message=f"{span!r}: no publication date or written year to anchor it"))
            continue
        mentions.append(_mention(span, c, res, yearless and res is not None))
        if inferred:
            warnings.append(WarningInfo(code="inferred_year", spans=[(c.start, c.end)],
                                    message=f"{span!r} has no year; {res.start or res.end:%Y} taken from the "
                                            "year written nearby (no publication date)"))
    return mentions, warnings


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

"""Finding date candidates for milliard.normalise.dates: the anchor prefilter, the windows around
the anchors, each rule's matches there, and the longest non-overlapping ones kept."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from milliard.normalise.dates.lex import Lex, fold, lexicon
from milliard.normalise.dates.rules import rules
from milliard.normalise.dates.sem import Sem
from milliard.normalise.text import CLAUSE_END, PHRASE_END


@dataclass
class Cand:
    start: int
    end: int
    sem: Sem
    rule: str
    pair: tuple | None = None     # (Cand, Cand) of a from-to period
    open_side: str | None = None  # "since" | "until" | "before" | "after"
    core_start: int | None = None  # start before a prefix word was taken in


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
    return re.compile(rf"(?:{R['DAY_SUFFIX']})?\s*(?:{PHRASE_END}|{R['TO']}|{R['AND']}|{R['DAY_FOLLOW']})", re.I)


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
            end = CLAUSE_END.search(text, hi, hi + WINDOW_STRETCH)
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
                span = _span(text, m, lx)
                if span is None or (*span, rule.name) in seen or (avoid and avoid.hits(*span)):
                    continue
                seen.add((*span, rule.name))
                sem = _read(rule, m, lx, ref)
                if sem is not None:
                    out.append(Cand(*span, sem, rule.name))
    return out


def _span(text: str, m: re.Match, lx: Lex) -> tuple[int, int] | None:
    """The span of a rule's match that is the date, or None when it is no date."""
    s, e = _trim(text, *m.span(), lx)
    if "ctx" in m.re.groupindex and m.group("ctx") and not _keeps(m.group("ctx"), lx):
        s = m.end("ctx")  # "en mars": the date is "mars"
        while text[s].isspace():
            s += 1
    if text[s:s + 1].isdigit() and _after_label(text, s, lx):
        return None  # "version 1.2.10", "n° 2024"
    return (s, e) if e > s else None


def _read(rule, m: re.Match, lx: Lex, ref) -> Sem | None:
    try:
        return rule.read(m, lx, ref)
    except (ValueError, OverflowError):  # a calendar date out of range: not a date
        return None


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
        k = fold(w.group(1)) if w else ""
        if not (k in lx.month_abbr or k in lx.weekday_abbr or k in lx.month_ambiguous):
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

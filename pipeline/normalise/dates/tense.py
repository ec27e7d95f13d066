"""The tense of the clause around a date: past, future or neither."""
from __future__ import annotations

import re

from milliard.normalise.dates.lex import Lex, fold

MAX_TENSE_LEFT = 200   # characters of the clause read before a date to find its tense
MAX_TENSE_RIGHT = 120
_SENT_END = re.compile(r"[.!?;](?=\s|$)|\n")


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

"""The tense of the clause around a date: past, future or neither."""
from __future__ import annotations

from milliard.normalise.dates.lex import Lex, fold
from milliard.normalise.text import CLAUSE_END, clause_start

MAX_TENSE_LEFT = 200   # characters of the clause read before a date to find its tense
MAX_TENSE_RIGHT = 120


def _clause(text: str, start: int, end: int) -> tuple[str, str]:
    left = text[clause_start(text, max(0, start - MAX_TENSE_LEFT), start):start]
    right = text[end:end + MAX_TENSE_RIGHT]
    m = CLAUSE_END.search(right)
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
    # (distance to the date, kind) of each cue; on a tie the first found wins (past first)
    cues = [(len(left) - m.end() if side == "left" else m.start(), kind) for kind, side, m in _cues(left, right, lx)]
    return min(cues, key=lambda c: c[0])[1] if cues else None


def _cues(left: str, right: str, lx: Lex):
    """(kind, side, match) of every tense cue around a date, past ones first, pattern by pattern."""
    for kind, pats in (("past", lx.past), ("future", lx.future)):
        for pat in pats:
            for side, part in (("left", left), ("right", right)):
                for m in pat.finditer(part):
                    if kind == "future" and fold(m.group()) in lx.not_future:
                        continue
                    if kind == "past" and fold(m.group().split()[-1]) in lx.not_participles:
                        continue  # "est prévu au T3" is to come
                    yield kind, side, m

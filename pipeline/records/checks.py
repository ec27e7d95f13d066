"""Honesty checks on one event: figures of the same quantity that disagree.

Two rules, both general:
- scale slip: an amount stated in a funding context (a sentence or heading with a trigger or a
  target/remaining cue) in the role raised, target, remaining or no role, whose value (or a
  bound of its range) is exactly 10, 100 or 1000 times (or a tenth, hundredth, thousandth of)
  the event's amount or target, in the same currency or none stated -> `conflicting_figures`
  citing both spans. Neither figure is corrected: the text does not say which one is the typo.
- arithmetic: raised + remaining != target (1 % tolerance) -> `conflicting_figures` citing
  the three spans.
"""
from __future__ import annotations

import math

from milliard.records.event import Event
from milliard.records.lexicon import NOT_FUNDING
from milliard.records.roles import Clause
from milliard.schema import Amount, WarningInfo

SCALE_SLIPS = (10.0, 100.0, 1000.0)


def _values(a: Amount) -> list[float]:
    return [v for v in (a.value, a.low, a.high) if v]


def _same_currency(a: Amount, b: Amount) -> bool:
    return a.currency is None or b.currency is None or a.currency == b.currency


def _key(v: float) -> str:
    return f"{v:.6g}"


def conflicts(norm: str, events: list[Event], clauses: list[Clause]) -> list[list[WarningInfo]]:
    """The conflicting_figures warnings of each event, in the order of `events`. An amount
    stated in the clauses of ANOTHER event is that event's own figure, never a conflict
    ("X lève 5 M€… Y lève 50 M€" in a page of briefs)."""
    owner = {id(c): i for i, e in enumerate(events) for c in e.clauses}
    by_value: dict[str, list[tuple[Amount, int | None]]] = {}
    for c in clauses:
        if c.kind is None and not any(role in ("target", "remaining") for _, role in c.amounts):
            continue  # not a funding context
        for a, role in c.amounts:
            if role not in NOT_FUNDING:
                for v in _values(a):
                    by_value.setdefault(_key(v), []).append((a, owner.get(id(c))))
    return [_event_conflicts(norm, i, e, by_value) for i, e in enumerate(events)]


def _event_conflicts(norm: str, i: int, event: Event, by_value: dict) -> list[WarningInfo]:
    warnings: list[WarningInfo] = []
    seen: set[tuple] = set()
    for ref, label in ((event.amount, "raised"), (event.target, "target")):
        if ref is None:
            continue
        for r in _values(ref):
            for k in SCALE_SLIPS:
                for v in (r * k, r / k):
                    for a, who in by_value.get(_key(v), ()):
                        if who not in (None, i) or a is ref or not _same_currency(a, ref):
                            continue
                        key = tuple(sorted([(a.start, a.end), (ref.start, ref.end)]))
                        if key not in seen:
                            seen.add(key)
                            warnings.append(_slip_warning(norm, ref, a, label, k))
    for c in event.clauses:
        for a, role in c.amounts:
            if role == "remaining":
                warnings += _arithmetic(norm, event, a, seen)
    return sorted(warnings, key=lambda w: w.spans)


def _slip_warning(norm: str, ref: Amount, a: Amount, label: str, k: float) -> WarningInfo:
    return WarningInfo(code="conflicting_figures", spans=[(ref.start, ref.end), (a.start, a.end)],
                   message=f"the {label} amount {norm[ref.start:ref.end]!r} is also stated as "
                           f"{norm[a.start:a.end]!r} (x{k:g}); the text does not say which is right")


def _arithmetic(norm: str, event: Event, remaining: Amount, seen: set) -> list[WarningInfo]:
    raised, target = event.amount, event.target
    if raised is None or target is None or not (raised.value and target.value and remaining.value):
        return []
    if not (_same_currency(raised, remaining) and _same_currency(target, remaining)):
        return []
    if math.isclose(raised.value + remaining.value, target.value, rel_tol=0.01):
        return []
    key = ("sum", remaining.start)
    if key in seen:
        return []
    seen.add(key)
    return [WarningInfo(
        code="conflicting_figures",
        spans=[(raised.start, raised.end), (remaining.start, remaining.end), (target.start, target.end)],
        message=f"raised {norm[raised.start:raised.end]!r} + remaining {norm[remaining.start:remaining.end]!r} "
                f"does not make the target {norm[target.start:target.end]!r}")]

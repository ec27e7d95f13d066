"""A record's confidence, fitted to mean something (issue 13, class 11): a record at 0.9 or more
should be fully right at least 95 % of the time (tools/calibration.py measures it on the dev
suites). Each term is a reason to trust or doubt the record:
- money and a company are what a reader checks first (+0.2 each);
- raises and fund closings are what the rules read best; acquisitions, loans, grants and
  stakes are told in many more ways (+0.1 for a raise or a fund);
- a company the model or the gazetteer names, not only the capitalised-word fallback (+0.05);
- a named round beyond the one the kind implies, an investor named (+0.05 each);
- the story told twice (headline and lead, or two sentences) with the same money (+0.1);
- a person as company (politicians, founders: most often a misreading) (-0.2);
- another raised amount in the event's own sentences (-0.15);
- a conflicting figure: the text contradicts itself, the record is at most a coin flip (0.5).
"""
from __future__ import annotations

from milliard.records.event import Event
from milliard.records.lexicon import KIND_ROUND
from milliard.schema import WarningInfo

BASE = 0.35
WELL_READ_KINDS = frozenset({"funding_round", "fund_raise"})
BACKER_ROLES = frozenset({"investor", "lead_investor", "acquirer"})


def confidence(event: Event, warnings: list[WarningInfo]) -> float:
    score = BASE + _evidence_terms(event) - _doubt_terms(event)
    return round(min(0.5 if warnings else 0.99, max(0.05, score)), 2)


def _evidence_terms(event: Event) -> float:
    company = event.company
    score = 0.2 if event.amount is not None else 0.0
    score += 0.2 if company is not None or event.parties else 0.0
    score += 0.1 if event.kind in WELL_READ_KINDS else 0.0
    score += 0.05 if company is not None and not company.guessed else 0.0
    score += 0.05 if event.round not in (None, KIND_ROUND.get(event.kind)) else 0.0
    score += 0.05 if BACKER_ROLES & set(event.parties.values()) else 0.0
    score += 0.1 if event.amount is not None and _stated_twice(event) else 0.0
    return score


def _stated_twice(event: Event) -> bool:
    """The event's money stated in two of its sentences (same value)."""
    value = event.amount.value
    stating = [c for c in event.clauses if any(a.value == value and role == "raised" for a, role in c.amounts)]
    return len(stating) >= 2


def _doubt_terms(event: Event) -> float:
    score = 0.2 if event.company is not None and event.company.label == "PER" else 0.0
    if event.amount is not None:
        others = {a.value for c in event.clauses for a, role in c.amounts
                  if role == "raised" and a.value is not None and a.value != event.amount.value}
        score += 0.15 if others else 0.0
    return score

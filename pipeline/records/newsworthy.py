"""Which assembled events are funding news at all (issue 13, class 10).

News is full of money that is no company's funding: a state's loan, a public aid with no
named receiver, a budget line. Sentences that speak of such things start no event
(`[not_funding]` in funding.toml); what is left is checked here, on the whole event:
- one with neither company nor any party is a figure ("une aide de 430 M€"), not a record;
- the headline and the lead tell one story: when the headline speaks of a state's loan or a
  fine, an event the lead starts is that story told again ("Le Caire a obtenu un prêt…").
"""
from __future__ import annotations

from milliard.records.event import Event
from milliard.records.lexicon import lexicon
from milliard.records.sentences import has_headline, line_spans


def funding_news(events: list[Event], norm: str, lang: str) -> list[Event]:
    lead_end = _tainted_lead_end(norm, lang)
    return [e for e in events if (e.company is not None or e.parties)
            and not (e.clauses and e.clauses[0].start < lead_end)]


def _tainted_lead_end(norm: str, lang: str) -> int:
    """End of the lead when the headline is not funding news, else -1."""
    lines = line_spans(norm)
    pattern = lexicon(lang).not_funding
    if pattern is None or not has_headline(lines) or not pattern.search(norm, *lines[0]):
        return -1
    return lines[1][1]

"""Which assembled events are funding news at all (issue 13, class 10).

News is full of money that is no company's funding: a state's loan, a public aid with no
named receiver, a budget line. Sentences that speak of such things start no event
(`[not_funding]` in funding.toml); what is left is checked here, on the whole event: one
with neither company nor any party is a figure ("une aide de 430 M€"), not a record.
"""
from __future__ import annotations

from milliard.records.event import Event


def funding_news(events: list[Event]) -> list[Event]:
    return [e for e in events if e.company is not None or e.parties]

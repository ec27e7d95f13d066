"""One event, one record (issue 13, classes 2 and 8): a document-level pass over the events
the sentences started.

- The headline and the lead tell the same story: the headline's event absorbs the next event
  of the same kind when their money agrees or one of them states none ("En rachetant Zynga,
  Take-Two…" then "L'éditeur dépense 11,2 Md€ pour s'offrir le créateur de Farmville").
- The same money of the same kind stated twice is one event ("une acquisition à 61 Md$…
  cette acquisition de 61 Md$").
The first statement of a fact wins (company, amount, round); parties are pooled, except the
recipient or target the absorbed event named, which the first event already has.
"""
from __future__ import annotations

from milliard.records.event import Event, same_money

OWN_ROLES = ("recipient", "target")


def consolidate(events: list[Event], headline_end: int) -> list[Event]:
    out: list[Event] = []
    for event in events:
        same = next((e for e in out if _same_event(e, event, headline_end)), None)
        if same is None:
            out.append(event)
        else:
            _absorb(same, event)
    return out


def _same_event(first: Event, later: Event, headline_end: int) -> bool:
    if first.kind != later.kind:
        return False
    if first.kind == "acquisition" and _buyers(first) & _buyers(later):
        return True  # the same buyer: the deal told again ("X cède ses activités à Y… Y acquiert Z")
    if same_money(first.amount, later.amount, unknown_currency=True):
        return True
    from_headline = first.clauses and first.clauses[0].end <= headline_end
    return bool(from_headline) and (first.amount is None or later.amount is None)


MONEY_IN = ("investment", "funding_round")


def same_money_in(events: list[Event]) -> list[Event]:
    """After every event has its company: "SoftBank backs Kahoot with $215m" (an investment) and
    "Kahoot has secured $215m from SoftBank" (a raise) are one deal, told from each side."""
    out: list[Event] = []
    for event in events:
        same = next((e for e in out if e.kind in MONEY_IN and event.kind in MONEY_IN and e.company is not None
                     and event.company is not None and e.company.name == event.company.name
                     and same_money(e.amount, event.amount, unknown_currency=True)), None)
        if same is None:
            out.append(event)
        else:
            _absorb(same, event)
    return out


def _shorter_in_body(first: Event, later: Event) -> bool:
    a, b = first.company, later.company
    return a is not None and b is not None and a.guessed and a.name.endswith(" " + b.name)


def _buyers(event: Event) -> set[str]:
    return {name for name, role in event.parties.items() if role == "acquirer"}


def _absorb(first: Event, later: Event) -> None:
    first.clauses += later.clauses
    _take_company(first, later)
    for name, role in later.parties.items():
        if role not in OWN_ROLES or first.company is None or name == first.company.name:
            first.add_party(name, role)
    first.amount = first.amount or later.amount
    first.target = first.target or later.target
    if first.round is None:
        first.round = later.round


def _take_company(first: Event, later: Event) -> None:
    """The first statement's company, unless the later one names it better."""
    if first.seller_company and later.company is not None and not later.seller_company \
            and not any(b.startswith(later.company.name) for b in _buyers(first)):
        # the business sold gets its name: the seller was only the closest name
        first.parties.pop(first.company.name, None)
        first.company, first.seller_company = None, False
    if first.company is None and later.company is not None:
        first.company = later.company
    elif _shorter_in_body(first, later):
        # "Diageo to Buy Tequila Brand Casamigos" then "…will acquire U.S. tequila brand Casamigos":
        # in a title-case headline the capitals ran over the describing words
        role = first.parties.pop(first.company.name, None)
        first.company = later.company
        if role:
            first.add_party(later.company.name, role)

"""One funding event as the records stage assembles it, before it becomes a FundingRecord
(shared by `events`, which builds it, and `checks`, which tests its figures)."""
from __future__ import annotations

from dataclasses import dataclass, field

from milliard.records.names import Name
from milliard.records.roles import Clause
from milliard.schema import Amount


@dataclass
class Event:
    kind: str
    clauses: list[Clause] = field(default_factory=list)
    company: Name | None = None
    parties: dict[str, str] = field(default_factory=dict)  # canonical name -> role
    amount: Amount | None = None
    target: Amount | None = None
    round: str | None = None
    seller_company: bool = False  # the company is the seller of an unnamed business ("cède ses activités")

    def add_party(self, name: str, role: str) -> None:
        # a name keeps its first, most specific role (lead before investor)
        if name not in self.parties or (role == "lead_investor" and self.parties[name] == "investor"):
            self.parties[name] = role


def same_money(a: Amount | None, b: Amount | None, tolerance: float = 0.01, *, unknown_currency: bool = False) -> bool:
    """Are two figures the same money, within `tolerance` of the larger? With `unknown_currency`,
    a figure without a currency matches any ("5 M€" ... "ces 5 millions"): when restatements
    of one event are merged; without it, the currencies must be equal: when a headline's figure
    picks the body's event."""
    if a is None or b is None or a.value is None or b.value is None:
        return False
    if a.currency != b.currency and not (unknown_currency and None in (a.currency, b.currency)):
        return False
    return abs(a.value - b.value) <= tolerance * max(abs(a.value), abs(b.value))

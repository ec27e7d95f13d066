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

    def add_party(self, name: str, role: str) -> None:
        # a name keeps its first, most specific role (lead before investor)
        if name not in self.parties or (role == "lead_investor" and self.parties[name] == "investor"):
            self.parties[name] = role

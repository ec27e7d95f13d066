"""Pydantic v2 models of the CONTRACT's output objects (../shared/CONTRACT.md).

Field names and shapes follow the CONTRACT exactly; extend, never rename.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

Grain = Literal["day", "week", "month", "quarter", "half", "year"]
Label = Literal["ORG", "PER", "LOC", "MISC"]
Kind = Literal["funding_round", "fund_raise", "investment", "acquisition", "debt", "grant", "ipo", "other"]
Role = Literal["recipient", "investor", "lead_investor", "partner", "acquirer", "target", "advisor"]
ROUNDS = ("pre_seed", "seed", *(f"series_{c}" for c in "abcdefgh"),
          "bridge", "growth", "debt", "ipo", "grant", "fund", "other")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class WarningInfo(_Model):
    # the CONTRACT's Warning, named so that it does not shadow the built-in (its JSON Schema
    # keeps the CONTRACT name: see json_schema)
    model_config = ConfigDict(title="Warning")
    code: str
    message: str
    spans: list[tuple[int, int]] = Field(default_factory=list)


class Amount(Span):
    value: Optional[float] = None
    low: Optional[float] = None
    high: Optional[float] = None
    currency: Optional[str] = Field(default=None, description="ISO 4217 code")
    approximate: bool = False
    currency_inferred: bool = False
    notes: list[str] = Field(default_factory=list)


class DateMention(Span):
    value: Optional[str] = Field(default=None, description="YYYY-MM-DD")
    grain: Grain = "day"
    start_date: Optional[str] = None
    end_date: Optional[str] = None
    inferred_year: bool = False


class Entity(Span):
    label: Label
    name: str


class Money(_Model):
    value: Optional[float] = None
    low: Optional[float] = None
    high: Optional[float] = None
    currency: Optional[str] = None
    text: str = ""

    @classmethod
    def of(cls, amount: Amount) -> "Money":
        return cls(value=amount.value, low=amount.low, high=amount.high,
                   currency=amount.currency, text=amount.text)


class Party(_Model):
    name: str
    role: Role


class Evidence(_Model):
    start: int
    end: int
    text: str


class FundingRecord(_Model):
    id: str = Field(description="stable content hash")
    kind: Kind
    company: Optional[str] = None
    parties: list[Party] = Field(default_factory=list)
    amount: Optional[Money] = None
    target: Optional[Money] = None
    round: Optional[str] = None
    announced: Optional[str] = None
    evidence: list[Evidence] = Field(default_factory=list)
    confidence: float = Field(ge=0.0, le=1.0)
    warnings: list[WarningInfo] = Field(default_factory=list)


class ErrorInfo(_Model):
    code: str
    message: str


class DocumentResult(_Model):
    """One output line of `milliard extract --input-format jsonl`."""
    id: str
    lang: Optional[str] = None
    amounts: list[Amount] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    records: list[FundingRecord] = Field(default_factory=list)
    warnings: list[WarningInfo] = Field(default_factory=list)
    error: Optional[ErrorInfo] = None

    def to_json(self, mentions: bool = True) -> dict:
        data = self.model_dump(mode="json")
        if not mentions:
            for key in ("amounts", "dates", "entities"):
                data.pop(key)
        return data


class InputDocument(BaseModel):
    """One input line of the CONTRACT; unknown keys are kept out, not refused."""
    model_config = ConfigDict(extra="ignore")
    id: str
    text: str
    published: Optional[str] = None
    lang: Optional[str] = None
    title: Optional[str] = None


def json_schema() -> dict:
    """JSON Schema of one output line (records, mentions, warnings, error)."""
    import json

    # the CONTRACT calls WarningInfo "Warning": keep that name in $defs and every $ref
    text = json.dumps(DocumentResult.model_json_schema())
    return json.loads(text.replace('"#/$defs/WarningInfo"', '"#/$defs/Warning"').replace('"WarningInfo":', '"Warning":'))

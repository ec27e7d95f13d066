"""What the stages share about one document while it is being processed."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from milliard.normalise.text import NormText, Paragraph, duplicate_spans, paragraphs
from milliard.schema import Amount, DateMention, Entity, FundingRecord, WarningInfo


@dataclass
class DocContext:
    text: NormText
    lang: str
    published: date | None = None
    title: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    duplicates: list[tuple[int, int]] = field(default_factory=list)  # repeated text (norm offsets)
    amounts: list[Amount] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    records: list[FundingRecord] = field(default_factory=list)  # the spaCy records stage keeps them here
    # spaCy docs of the parts that went through the model: (offset of doc.text in norm, Doc)
    docs: list[tuple[int, Any]] = field(default_factory=list)
    warnings: list[WarningInfo] = field(default_factory=list)
    # what a later stage computed once and reuses (the records stage's sentences: the cascade
    # splits a document before the model reads it, the records stage after)
    memo: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str, lang: str, published: date | None = None, title: str | None = None) -> "DocContext":
        """A fresh context: the matching form of `text`, its paragraphs and repeated passages."""
        norm = NormText.of(text)
        paras = paragraphs(norm.norm)
        return cls(text=norm, lang=lang, published=published, title=title,
                   paragraphs=paras, duplicates=duplicate_spans(paras))

    @property
    def norm(self) -> str:
        return self.text.norm

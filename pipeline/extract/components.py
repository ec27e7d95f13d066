"""milliard's spaCy stages, registered as `spacy_factories` entry points so that
`nlp.add_pipe("milliard_amounts")` works without importing this module.

Each stage is a thin wrapper over the pure, spaCy-free functions the CLI uses too:
    milliard_amounts  -> doc._.amounts   (list[Amount])
    milliard_dates    -> doc._.dates     (list[DateMention]); reference date: doc._.published
    milliard_records  -> doc._.records   (list[FundingRecord]), doc._.milliard_warnings
Offsets are character offsets into doc.text.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from milliard.extract.langdetect import DEFAULT
from milliard.lang import supported
from milliard.normalise import amounts, dates
from milliard.normalise.context import DocContext
from milliard.normalise.text import NormText
from milliard.records import entities
from milliard.records import events as records

for _name in ("amounts", "dates", "records", "milliard_warnings"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)


def _lang(doc: Doc) -> str:
    return doc.lang_ if doc.lang_ in supported() else DEFAULT


class AmountsStage:
    def __call__(self, doc: Doc) -> Doc:
        doc._.amounts, warnings = amounts.find_amounts(NormText.of(doc.text).norm, _lang(doc))
        doc._.milliard_warnings = (doc._.milliard_warnings or []) + warnings
        return doc


class DatesStage:
    def __call__(self, doc: Doc) -> Doc:
        avoid = [(a.start, a.end) for a in doc._.amounts or []]
        doc._.dates, warnings = dates.find_dates(NormText.of(doc.text).norm, _lang(doc), doc._.published, avoid)
        doc._.milliard_warnings = (doc._.milliard_warnings or []) + warnings
        return doc


class RecordsStage:
    def __call__(self, doc: Doc) -> Doc:
        ctx = DocContext.of(doc.text, _lang(doc), doc._.published)
        ctx.amounts, ctx.dates, ctx.docs = doc._.amounts or [], doc._.dates or [], [(0, doc)]
        ctx.entities = entities.find_entities(ctx)
        doc._.records, warnings = records.build_records(ctx)
        doc._.milliard_warnings = (doc._.milliard_warnings or []) + warnings
        return doc


@Language.factory("milliard_amounts")
def make_amounts(nlp: Language, name: str) -> AmountsStage:
    return AmountsStage()


@Language.factory("milliard_dates")
def make_dates(nlp: Language, name: str) -> DatesStage:
    return DatesStage()


@Language.factory("milliard_records")
def make_records(nlp: Language, name: str) -> RecordsStage:
    return RecordsStage()

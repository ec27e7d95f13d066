"""milliard's spaCy stages, registered as `spacy_factories` entry points so that
`nlp.add_pipe("milliard_amounts")` works without importing this module.

Each stage is a thin wrapper over the pure, spaCy-free functions the CLI uses too. With the
default config `{"prefix": "milliard"}`:
    milliard_amounts -> doc.spans["milliard_amounts"] (label MONEY) and doc._.milliard_amounts
    milliard_dates   -> doc.spans["milliard_dates"] (label DATE) and doc._.milliard_dates;
                        reference date: doc._.milliard_published (a date or an ISO string)
    milliard_records -> doc._.milliard_records
    every stage      -> doc._.milliard_warnings
doc._.<prefix>_amounts/_dates hold one dict per span of the span group, in the same order,
with the normalised value (the CONTRACT's Amount/DateMention); records and warnings are
the CONTRACT's FundingRecord/Warning as dicts. Offsets are character offsets into doc.text.
"""
from __future__ import annotations

from bisect import bisect_left
from types import SimpleNamespace
from weakref import WeakKeyDictionary

from spacy.language import Language
from spacy.tokens import Doc

from milliard.extraction import spacy_attrs as attrs
from milliard.extraction.extractor import Extractor, to_original
from milliard.lang import supported
from milliard.normalise import amounts, dates
from milliard.normalise.context import DocContext
from milliard.normalise.text import NormText
from milliard.records import entities
from milliard.records import events as records
from milliard.schema import DocumentResult, InputDocument

# The working state of each document, shared by the stages and never serialised: Doc ->
# (prefix, DocContext). Weak keys: it goes with the Doc. A Doc that comes back without it
# (deserialised between two stages) gets it rebuilt from its text.
_CONTEXTS: WeakKeyDictionary = WeakKeyDictionary()

LABELS = {"amounts": "MONEY", "dates": "DATE"}


class StageOrderError(ValueError):
    """A stage ran without the stages it reads before it in the pipeline."""


def find_amounts(ctx: DocContext) -> None:
    ctx.amounts, warnings = amounts.find_amounts(ctx.norm, ctx.lang)
    ctx.warnings += warnings


def find_dates(ctx: DocContext) -> None:
    avoid = [(a.start, a.end) for a in ctx.amounts]  # "2026" in "2026 M€" is no year
    ctx.dates, warnings = dates.find_dates(ctx.norm, ctx.lang, ctx.published, avoid)
    ctx.warnings += warnings


FINDERS = {"amounts": find_amounts, "dates": find_dates}


class Stage:
    what: str  # the result it writes: "amounts", "dates" or "records"
    needs: tuple[str, ...] = ()  # the results of earlier stages it reads

    def __init__(self, nlp: Language, name: str, prefix: str):
        if nlp.lang not in supported():
            raise ValueError(f"{name}: milliard has no data for language {nlp.lang!r} "
                             f"(supported: {', '.join(supported())})")
        attrs.register(prefix)
        self.name, self.lang, self.prefix = name, nlp.lang, prefix

    def __call__(self, doc: Doc) -> Doc:
        ctx = self.context(doc)
        self.run(ctx, doc)
        self.write(doc, ctx)
        return doc

    def run(self, ctx: DocContext, doc: Doc) -> None:
        FINDERS[self.what](ctx)

    def context(self, doc: Doc) -> DocContext:
        for need in self.needs:
            if attrs.result(doc, self.prefix, need) is None:
                raise StageOrderError(
                    f"{self.name} reads the results of the milliard_{need} stage, which has not run on "
                    f"this Doc: add it before, e.g. nlp.add_pipe('milliard_{need}', before={self.name!r}), "
                    f"with the same prefix ({self.prefix!r})")
        cached = _CONTEXTS.get(doc)
        if self.needs and cached is not None and cached[0] == self.prefix:
            return cached[1]
        # the first stage starts afresh (a Doc run twice does not pile up warnings); the
        # extractor's own checks and context (repeated passages) for the same result
        published = attrs.published(doc, self.prefix)
        ctx = Extractor().prepare(InputDocument(id="-", text=doc.text, lang=self.lang,
                                                published=published.isoformat() if published else None))
        for need in self.needs:
            FINDERS[need](ctx)  # pure and deterministic: the same results as the stage gave
        _CONTEXTS[doc] = (self.prefix, ctx)
        return ctx

    def write(self, doc: Doc, ctx: DocContext) -> None:
        """Our results in doc.text offsets (to_original maps them back from the matching
        form), as plain data. Copies: ctx keeps matching-form offsets for the next stage."""
        found = [m.model_copy(deep=True) for m in getattr(ctx, self.what)]
        warnings = [w.model_copy(deep=True) for w in ctx.warnings]
        result = to_original(DocumentResult(id="-", warnings=warnings, **{self.what: found}), ctx.text)
        mapped = getattr(result, self.what)
        if self.what in LABELS:
            doc.spans[attrs.name(self.prefix, self.what)] = [
                doc.char_span(m.start, m.end, label=LABELS[self.what], alignment_mode="expand") for m in mapped]
        attrs.set_result(doc, self.prefix, self.what, [m.model_dump(mode="json") for m in mapped])
        attrs.set_result(doc, self.prefix, "warnings", [w.model_dump(mode="json") for w in result.warnings])


class AmountsStage(Stage):
    what = "amounts"


class DatesStage(Stage):
    what = "dates"
    needs = ("amounts",)


class RecordsStage(Stage):
    what = "records"
    needs = ("amounts", "dates")

    def run(self, ctx: DocContext, doc: Doc) -> None:
        ctx.docs = [(0, ents_in_matching_form(doc, ctx.text))]
        ctx.entities = entities.find_entities(ctx)
        ctx.records, warnings = records.build_records(ctx)
        ctx.warnings += warnings


def ents_in_matching_form(doc: Doc, text: NormText):
    """What records.entities reads of a Doc (its ents), in matching-form offsets: doc.ents
    index doc.text, which is longer where NFC composition joined decomposed accents."""
    if len(text.norm) == len(text.original):
        return doc
    starts = [text.orig_span(i, i)[0] for i in range(len(text.norm) + 1)]  # norm -> original
    return SimpleNamespace(ents=[
        SimpleNamespace(label_=e.label_, start_char=bisect_left(starts, e.start_char),
                        end_char=bisect_left(starts, e.end_char)) for e in doc.ents])


def _assigns(*what: str) -> list[str]:
    return ["doc._." + attrs.name("milliard", w) for w in (*what, "warnings")]


@Language.factory("milliard_amounts", default_config={"prefix": "milliard"},
                  assigns=["doc.spans", *_assigns("amounts")])
def make_amounts(nlp: Language, name: str, prefix: str) -> AmountsStage:
    return AmountsStage(nlp, name, prefix)


@Language.factory("milliard_dates", default_config={"prefix": "milliard"},
                  assigns=["doc.spans", *_assigns("dates")], requires=["doc._.milliard_amounts"])
def make_dates(nlp: Language, name: str, prefix: str) -> DatesStage:
    return DatesStage(nlp, name, prefix)


@Language.factory("milliard_records", default_config={"prefix": "milliard"},
                  assigns=_assigns("records"), requires=["doc._.milliard_amounts", "doc._.milliard_dates"])
def make_records(nlp: Language, name: str, prefix: str) -> RecordsStage:
    return RecordsStage(nlp, name, prefix)

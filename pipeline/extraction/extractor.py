"""One document in, one CONTRACT result out: the orchestration of every stage.

The regex stages (amounts, dates) read the whole text; the NER model reads only the
paragraphs a cheap scan selects (`records.needs_model`), once per distinct paragraph
(a repeated paragraph reuses the entities of its first copy).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date, datetime
from typing import Iterable, Iterator

from milliard.extraction.cascade import char_batches, model_chunks
from milliard.extraction.cascade import read as read_pieces
from milliard.extraction.langdetect import detect
from milliard.lang import supported
from milliard.normalise import amounts as amounts_stage
from milliard.normalise import dates as dates_stage
from milliard.normalise.context import DocContext
from milliard.normalise.text import NormText
from milliard.records import entities as entities_stage
from milliard.records import events as records_stage
from milliard.schema import DocumentResult, Entity, ErrorInfo, InputDocument, WarningInfo

_SURROGATE = re.compile("[\ud800-\udfff]")
MAX_CHARS = 5_000_000  # larger texts are refused with `too_large` (see README: limits)
GROUP_CHARS = 200_000  # extract_many reads the model pieces of this much input text at once


class DocumentError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


def parse_published(value) -> date | None:
    """`YYYY-MM-DD`, an ISO datetime or a date; None stays None; anything else is an error."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise DocumentError("bad_published", f"published must be a string, not {type(value).__name__}")
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        raise DocumentError("bad_published", f"published {value!r} is not an ISO date") from None


def as_document(doc: InputDocument | str, *, lang: str | None = None, published=None,
                title: str | None = None) -> InputDocument:
    """An InputDocument as it is, or one made from a plain text (id "-")."""
    if isinstance(doc, InputDocument):
        return doc
    if not isinstance(doc, str):
        raise TypeError(f"extract() takes a text or an InputDocument, not {type(doc).__name__}")
    if isinstance(published, date):
        published = published.isoformat()
    return InputDocument(id="-", text=doc, lang=lang, published=published, title=title)


class Extractor:
    """Holds the loaded models; `extract()` is safe to call for many documents."""

    def __init__(self, cascade: bool = True, model_size: str | None = None):
        self.cascade = cascade
        self.model_size = model_size
        self._nlp: dict[str, object] = {}

    def nlp(self, lang: str):
        if lang not in self._nlp:
            from milliard.models import load
            self._nlp[lang] = load(lang, stages=False, size=self.model_size)
        return self._nlp[lang]

    # -- public -------------------------------------------------------------
    def extract(self, doc: InputDocument | str, *, lang: str | None = None, published=None,
                title: str | None = None) -> DocumentResult:
        """One document: an InputDocument, or a plain text with its optional language,
        publication date (date or ISO string) and title."""
        return next(self.extract_many([as_document(doc, lang=lang, published=published, title=title)]))

    def extract_many(self, docs: Iterable[InputDocument | str]) -> Iterator[DocumentResult]:
        """Results in input order. Documents are taken in groups of about GROUP_CHARS
        characters so that the model reads the selected pieces of many documents at once."""
        docs = (as_document(d) for d in docs)
        for group in char_batches(docs, GROUP_CHARS, size=lambda d: len(d.text)):
            yield from self._extract_group(group)

    # -- stages -------------------------------------------------------------
    def _extract_group(self, group: list[InputDocument]) -> Iterator[DocumentResult]:
        staged = [guarded(doc.id, self._before_model, doc) for doc in group]
        try:
            self.read_with_model(*(c for c in staged if isinstance(c, DocContext)))
            read = True
        except Exception:  # some document breaks the model: each is read on its own below
            read = False
        for doc, ctx in zip(group, staged):
            yield ctx if isinstance(ctx, DocumentResult) else guarded(doc.id, self._after_model, doc, ctx, read)

    def _before_model(self, doc: InputDocument) -> DocContext:
        ctx = self.prepare(doc)
        if ctx.norm.strip():
            self.run_regex_stages(ctx)
        return ctx

    def _after_model(self, doc: InputDocument, ctx: DocContext, read: bool) -> DocumentResult:
        if not ctx.norm.strip():
            return to_original(DocumentResult(id=doc.id, lang=ctx.lang, warnings=ctx.warnings), ctx.text)
        if not read:
            self.read_with_model(ctx)
        ctx.entities = mirror_into_duplicates(entities_stage.find_entities(ctx), ctx)
        if self.cascade and not ctx.docs:  # no trigger anywhere (cascade.model_chunks): no event
            records, record_warnings = [], []
        else:
            records, record_warnings = records_stage.build_records(ctx)
        result = DocumentResult(id=doc.id, lang=ctx.lang, amounts=ctx.amounts, dates=ctx.dates,
                                entities=ctx.entities, records=records,
                                warnings=ctx.warnings + record_warnings)
        return to_original(result, ctx.text)

    def prepare(self, doc: InputDocument) -> DocContext:
        if len(doc.text) > MAX_CHARS:
            raise DocumentError("too_large", f"text has {len(doc.text)} characters; the limit is {MAX_CHARS}")
        if (bad := _SURROGATE.search(doc.text)) is not None:  # only a Python caller can pass these
            raise DocumentError("bad_text", f"text holds a lone surrogate (U+{ord(bad.group()):04X}) at "
                                            f"{bad.start()}: not Unicode text; decode it strictly or with 'replace'")
        published = parse_published(doc.published)
        # a locale tag ("fr-FR", "en_US", " FR ") names its language by the primary subtag
        lang = (doc.lang or "").strip().lower().replace("_", "-").split("-")[0] or detect(doc.text)
        if lang not in supported():
            raise DocumentError("unsupported_language",
                                f"language {lang!r} is not supported (supported: {', '.join(supported())})")
        ctx = DocContext.of(doc.text, lang, published, doc.title)
        if ctx.duplicates:
            ctx.warnings.append(WarningInfo(
                code="duplicate_text", spans=ctx.duplicates,
                message=f"{len(ctx.duplicates)} passage(s) repeat earlier text; events in them are counted once"))
        return ctx

    def run_regex_stages(self, ctx: DocContext) -> None:
        ctx.amounts, warnings = amounts_stage.find_amounts(ctx.norm, ctx.lang)
        ctx.warnings += warnings
        avoid = [(a.start, a.end) for a in ctx.amounts]
        ctx.dates, warnings = dates_stage.find_dates(ctx.norm, ctx.lang, ctx.published, avoid)
        ctx.warnings += warnings

    def read_with_model(self, *ctxs: DocContext) -> None:
        """Run the NER model over the pieces the cascade selects in these documents, all
        documents together (spaCy is fastest on many short texts), in batches bounded by
        characters (cascade.read)."""
        jobs = []
        for ctx in ctxs:
            ctx.docs = []
            jobs += [(ctx, s, e) for s, e in model_chunks(ctx, self.cascade)]
        for lang in sorted({ctx.lang for ctx, _, _ in jobs}):
            mine = [job for job in jobs if job[0].lang == lang]
            docs = read_pieces(self.nlp(lang), [ctx.norm[s:e] for ctx, s, e in mine])
            for (ctx, s, _), d in zip(mine, docs):
                ctx.docs.append((s, d))


def guarded(doc_id: str, stage, *args):
    """stage(*args), or the error result of the document when it fails: one broken
    document must not stop a batch."""
    try:
        return stage(*args)
    except DocumentError as exc:
        return error_result(doc_id, exc.code, exc.message)
    except Exception as exc:
        return error_result(doc_id, "internal_error", f"{type(exc).__name__}: {exc}")


def mirror_into_duplicates(entities: list[Entity], ctx: DocContext) -> list[Entity]:
    """A repeated paragraph is not read again: its entities are those of its first copy,
    shifted, when the two copies are the same text."""
    entities = sorted(entities, key=lambda e: e.start)
    starts = [e.start for e in entities]  # bisect: a long text may repeat thousands of paragraphs
    out = list(entities)
    for p in ctx.paragraphs:
        if p.duplicate_of is None:
            continue
        first = ctx.paragraphs[p.duplicate_of]
        if ctx.norm[first.start:first.end] != ctx.norm[p.start:p.end]:
            continue
        shift = p.start - first.start
        inside = entities[bisect_left(starts, first.start):bisect_left(starts, first.end)]
        out += [e.model_copy(update={"start": e.start + shift, "end": e.end + shift})
                for e in inside if e.end <= first.end]
    return sorted(out, key=lambda e: e.start)


def error_result(doc_id: str, code: str, message: str) -> DocumentResult:
    return DocumentResult(id=doc_id, error=ErrorInfo(code=code, message=message))


def to_original(result: DocumentResult, text: NormText) -> DocumentResult:
    """Map every span from matching-form offsets to the original text's."""
    original = text.original

    def fix(obj):
        obj.start, obj.end = text.orig_span(obj.start, obj.end)
        obj.text = original[obj.start:obj.end]

    def fix_warnings(warnings: list[WarningInfo]):
        for w in warnings:
            w.spans = [text.orig_span(s, e) for s, e in w.spans]

    for m in (*result.amounts, *result.dates, *result.entities):
        fix(m)
    for r in result.records:
        for ev in r.evidence:
            fix(ev)
        fix_warnings(r.warnings)
    fix_warnings(result.warnings)
    return result
